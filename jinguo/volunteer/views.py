"""Pages of the volunteer service: thin views (access → form → service → render).

Cadres run teams, volunteers, projects, activities and shifts, approve hours, close months, keep the year's
practical deeds; a volunteer (the volunteer role) has her own phone-first pages: her teams' open shifts, sign-up,
check-in and check-out with the shift's code or QR code, her hours and certificate.
"""

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import audit
from jinguo.core.forms import apply_errors
from jinguo.core.formviews import act, form_error_messages, form_page, refusal_messages
from jinguo.core.lists import export_view, page_view, paginate
from jinguo.core.periods import current_period, parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, in_scope, require
from jinguo.orgs.selectors import default_unit_code, get_org_for_user, org_roots
from jinguo.volunteer import forms as f
from jinguo.volunteer import selectors as sel
from jinguo.volunteer import services
from jinguo.volunteer.lists import ACTIVITIES, PROJECTS, RECORDS, TEAMS, VOLUNTEERS
from jinguo.volunteer.models import ApplicationState, BeneficiaryCategory, RecordState, Tally
from jinguo.volunteer.module import APPROVE, HOURS, MANAGE, SERVE


def _certificate_response(volunteer, start, end, actor):
    content = services.certificate_docx(volunteer, start, end, sel.certificate_records(volunteer, start, end))
    audit.record(
        actor, "volunteer.certificate", obj=volunteer, detail={"from": start.isoformat(), "to": end.isoformat()}
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="volunteer-{volunteer.pk}-{start:%Y%m%d}-{end:%Y%m%d}.docx"'
    )
    return response


def _period(request, default_kind: str = "year"):
    try:
        return parse_period(request.GET.get("period", "")) if request.GET.get("period", "").strip() else None
    except ValidationError:
        return None


# --- the home page -------------------------------------------------------------------------------------------


def home_cards(request) -> str:
    """A volunteer's own card (her open shifts, her hours); a cadre's queue of hours to approve."""
    user = request.user
    parts = []
    own = sel.own_volunteer(user) if has_perm(user, SERVE) else None
    if has_perm(user, SERVE):
        shifts = list(sel.open_shifts(own, days=14)[:5]) if own else []
        parts.append(
            render_to_string("volunteer/home_volunteer.html", {"volunteer": own, "shifts": shifts}, request=request)
        )
    if has_perm(user, APPROVE):
        waiting = sel.awaiting_my_approval(user).count()
        if waiting:
            parts.append(render_to_string("volunteer/home_approvals.html", {"waiting": waiting}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered template


# --- lists ---------------------------------------------------------------------------------------------------

teams = page_view(TEAMS)
teams_export = export_view(TEAMS)
volunteers = page_view(VOLUNTEERS)
volunteers_export = export_view(VOLUNTEERS)
projects = page_view(PROJECTS)
projects_export = export_view(PROJECTS)
activities = page_view(ACTIVITIES)
activities_export = export_view(ACTIVITIES)
records = page_view(RECORDS)
records_export = export_view(RECORDS)


# --- teams ---------------------------------------------------------------------------------------------------


@login_required
def team_new(request):
    require(request.user, MANAGE)
    form = f.TeamForm(request.POST or None, user=request.user, initial={"org_code": default_unit_code(request.user)})
    return form_page(
        request,
        form,
        lambda d: services.team_create(actor=request.user, org=d["org"], **_team_fields(d)),
        title=_("New volunteer team"),
        back=reverse("volunteer:teams"),
        done=_("The team is registered."),
        to=lambda team: reverse("volunteer:team", args=[team.pk]),
    )


def _team_fields(d: dict) -> dict:
    return {
        "name": d["name"],
        "leader": d.get("leader") or None,
        "founded": d.get("founded"),
        "description": d.get("description", ""),
    }


@login_required
def team_edit(request, pk):
    """The team's name, leader, founding date and description, and whether it is active."""
    t = sel.get_team_for_user(request.user, pk, write=True)
    initial = {
        "org_code": t.org.code,
        "name": t.name,
        "leader": t.leader_id or "",
        "founded": t.founded.isoformat() if t.founded else "",
        "description": t.description,
        "active": t.active,
    }
    form = f.TeamForm(request.POST or None, user=request.user, initial=initial, editing=True)
    return form_page(
        request,
        form,
        lambda d: services.team_update(actor=request.user, team=t, active=d["active"], **_team_fields(d)),
        title=_("Edit the team"),
        back=reverse("volunteer:team", args=[t.pk]),
        done=_("The team is saved."),
        to=reverse("volunteer:team", args=[t.pk]),
    )


@login_required
def team(request, pk):
    t = sel.get_team_for_user(request.user, pk)
    can_manage = in_scope(request.user, t.org_path, MANAGE)
    members = list(sel.team_members(t))
    hours = sel.hours_of(Tally.Kind.VOLUNTEER, [m.volunteer_id for m in members])
    year = str(timezone.localdate().year)
    totals = {
        "all": sel.hours_of(Tally.Kind.TEAM, [t.pk]).get(t.pk, 0),
        "year": sel.hours_of(Tally.Kind.TEAM, [t.pk], year).get(t.pk, 0),
    }
    candidates = []
    q = request.GET.get("q", "").strip()[:40]
    if can_manage and q:
        listed = {m.volunteer_id for m in members}
        candidates = [
            v for v in sel.volunteer_list(request.user).filter(person__name__contains=q)[:30] if v.pk not in listed
        ]
    context = {
        "team": t,
        "members": [(m, hours.get(m.volunteer_id, 0)) for m in members],
        "projects": t.projects.select_related("org").order_by("name"),
        "totals": totals,
        "year": year,
        "can_manage": can_manage,
        "candidates": candidates,
        "q": q,
    }
    return render(request, "volunteer/team.html", context)


@login_required
@require_POST
def team_member_add(request, pk):
    t = sel.get_team_for_user(request.user, pk)
    return act(
        request,
        lambda: services.team_member_add(actor=request.user, team=t, volunteer=request.POST.get("volunteer")),
        done=_("The volunteer joined the team."),
        to=reverse("volunteer:team", args=[t.pk]),
    )


# --- volunteers ----------------------------------------------------------------------------------------------


@login_required
def volunteer_new(request):
    require(request.user, MANAGE)
    form = f.VolunteerForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        lambda d: services.volunteer_register(
            actor=request.user,
            person=d["person"],
            org=d.get("org"),
            skills=d.get("skills", ""),
            areas=d.get("areas", ""),
            consent_by=d["consent_by"],
            consent_method=d["consent_method"],
            teams=d["teams"],
        ),
        title=_("Register a volunteer"),
        back=reverse("volunteer:volunteers"),
        done=_("The volunteer is registered."),
        to=lambda v: reverse("volunteer:volunteer", args=[v.pk]),
    )


@login_required
def volunteer(request, pk):
    v = sel.get_volunteer_for_user(request.user, pk)
    today = timezone.localdate()
    context = {
        "v": v,
        "teams": sel.volunteer_teams(v),
        "records": sel.my_records(v)[:50],
        "milestones": v.milestones.all(),
        "year_hours": sel.hours_of(Tally.Kind.VOLUNTEER, [v.pk], str(today.year)).get(v.pk, 0),
        "can_manage": in_scope(request.user, v.org_path, MANAGE),
        "start": today.replace(month=1, day=1).isoformat(),
        "end": today.isoformat(),
    }
    return render(request, "volunteer/volunteer.html", context)


@login_required
@require_POST
def volunteer_link(request, pk):
    """Link the volunteer's login by its user name: an unknown name and a user without the volunteer role at her
    unit get the same answer."""
    from jinguo.core.models import User

    v = sel.get_volunteer_for_user(request.user, pk, write=True)
    name = request.POST.get("username", "").strip()[:150]
    user = User.objects.filter(username=name, is_active=True).first() if name else None

    def link():
        if user is None:
            raise ValidationError({"user": [_("Give the login of a user with the volunteer role at her unit.")]})
        services.volunteer_link_user(actor=request.user, volunteer=v, user=user)

    return act(
        request,
        link,
        done=_("Her login is linked: she sees her shifts and hours."),
        to=reverse("volunteer:volunteer", args=[v.pk]),
    )


def _range(request):
    from jinguo.core.timeparse import parse_date

    try:
        start = parse_date(request.GET.get("start", ""), earliest=2000)
        end = parse_date(request.GET.get("end", ""), earliest=2000)
    except ValidationError:
        raise Http404
    if end < start or (end - start).days > 3660:
        raise Http404
    return start, end


@login_required
def volunteer_certificate(request, pk):
    v = sel.get_volunteer_for_user(request.user, pk)
    start, end = _range(request)
    return _certificate_response(v, start, end, request.user)


# --- projects ------------------------------------------------------------------------------------------------


@login_required
def project_new(request):
    require(request.user, MANAGE)
    initial = {"org_code": default_unit_code(request.user), "started": timezone.localdate().isoformat()}
    form = f.ProjectForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        lambda d: services.project_create(
            actor=request.user, org=d["org"], beneficiaries=form.beneficiaries(), **form.service_data()
        ),
        title=_("New volunteer project"),
        back=reverse("volunteer:projects"),
        done=_("The project is registered."),
        to=lambda p: reverse("volunteer:project", args=[p.pk]),
    )


@login_required
def project_edit(request, pk):
    """The project's fields, its beneficiaries and whether it is active; its unit stays."""
    p = sel.get_project_for_user(request.user, pk, write=True)
    initial = f.ProjectForm.initial_of(p)
    form = f.ProjectForm(request.POST or None, user=request.user, initial=initial, editing=True)
    return form_page(
        request,
        form,
        lambda d: services.project_update(
            actor=request.user,
            project=p,
            beneficiaries=form.beneficiaries(),
            active=d["active"],
            **form.service_data(),
        ),
        title=_("Edit the project"),
        back=reverse("volunteer:project", args=[p.pk]),
        done=_("The project is saved."),
        to=reverse("volunteer:project", args=[p.pk]),
    )


@login_required
def project(request, pk):
    p = sel.get_project_for_user(request.user, pk)
    can_manage = in_scope(request.user, p.org_path, MANAGE)
    context = {
        "p": p,
        "beneficiaries": p.beneficiaries.all(),
        "cases": p.named_cases.all() if can_manage else [],
        "activities": p.activities.select_related("org").order_by("-date")[:20],
        "hours": sel.hours_of(Tally.Kind.PROJECT, [p.pk]).get(p.pk, 0),
        "can_manage": can_manage,
        "can_reveal": in_scope(request.user, p.org_path, Perm.REVEAL),
        "categories": BeneficiaryCategory.choices,
        "revealed": None,
    }
    return render(request, "volunteer/project.html", context)


@login_required
@require_POST
def case_add(request, pk):
    p = sel.get_project_for_user(request.user, pk, write=True)
    return act(
        request,
        lambda: services.named_case_add(
            actor=request.user,
            project=p,
            name=request.POST.get("name", ""),
            category=request.POST.get("category", ""),
            note=request.POST.get("note", ""),
        ),
        done=_("The named case is kept, encrypted."),
        to=reverse("volunteer:project", args=[p.pk]),
    )


@login_required
@require_POST
def case_reveal(request, pk, case_pk):
    p = sel.get_project_for_user(request.user, pk)
    case = p.named_cases.filter(pk=case_pk).first()
    if case is None or not in_scope(request.user, case.org_path, Perm.READ):
        raise Http404
    try:
        revealed = services.named_case_reveal(actor=request.user, case=case, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
        return redirect("volunteer:project", pk=p.pk)
    return render(request, "volunteer/case_revealed.html", {"p": p, "case": case, "revealed": revealed})


# --- activities and shifts -----------------------------------------------------------------------------------


@login_required
def activity_new(request):
    require(request.user, MANAGE)
    initial = {"org_code": default_unit_code(request.user), "date": timezone.localdate().isoformat(), "needed": 5}
    if request.GET.get("project", "").isdigit():
        initial["project"] = request.GET["project"]
    form = f.ActivityForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        lambda d: services.activity_create(
            actor=request.user,
            project=d["project"],
            org=d["org"],
            title=d["title"],
            date=d["date"],
            place=d.get("place", ""),
            description=d.get("description", ""),
            shifts=[(d["start"], d["end"], d["needed"])],
            venue=d.get("venue"),
        ),
        title=_("Plan an activity"),
        back=reverse("volunteer:activities"),
        done=_("The activity is planned: show its shifts' codes at the place."),
        to=lambda a: reverse("volunteer:activity", args=[a.pk]),
    )


@login_required
def activity(request, pk):
    a = sel.get_activity_for_user(request.user, pk)
    can_manage = in_scope(request.user, a.org_path, MANAGE)
    shifts = sel.activity_shifts(a)
    walk_ins = []
    if can_manage:  # the cadre checks in and out the volunteers without a phone
        sel.attach_rosters(shifts)
        if a.project.team_id:
            walk_ins = [m.volunteer for m in sel.team_members(a.project.team)[:300]]
    return render(
        request,
        "volunteer/activity.html",
        {
            "a": a,
            "shifts": shifts,
            "can_manage": can_manage,
            "form": f.ShiftForm() if can_manage else None,
            "walk_ins": walk_ins,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def shift_checkin_for(request, pk):
    """A cadre of the shift's unit checks in a volunteer who has no phone (or no login): the shift's code is the
    cadre's, the checks are the volunteer's own (open window, overlaps, once)."""
    from jinguo.volunteer import inputs

    shift = sel.get_shift_for_user(request.user, pk, write=True)

    def checkin():
        volunteer = inputs.volunteer_ref(request.user, request.POST.get("volunteer"))
        services.checkin(actor=request.user, shift=shift, code=shift.checkin_code, volunteer=volunteer)

    return act(
        request,
        checkin,
        done=_("Checked in."),
        to=reverse("volunteer:activity", args=[shift.activity_id]) + f"#shift-{shift.pk}",
    )


@login_required
@require_POST
def record_checkout_for(request, pk):
    """The cadre checks out a volunteer she checked in (or who cannot check out herself)."""
    r = sel.get_record_for_user(request.user, pk)
    if r.shift_id is None:
        raise Http404
    return act(
        request,
        lambda: services.checkout(actor=request.user, record=r, code=r.shift.checkin_code),
        done=_("Checked out."),
        to=reverse("volunteer:activity", args=[r.shift.activity_id]) + f"#shift-{r.shift_id}",
    )


@login_required
@require_POST
def shift_add(request, pk):
    a = sel.get_activity_for_user(request.user, pk, write=True)
    form = f.ShiftForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("volunteer:activity", pk=a.pk)
    return act(
        request,
        lambda: services.shift_add(actor=request.user, activity=a, **form.cleaned_data),
        done=_("The shift is added."),
        to=reverse("volunteer:activity", args=[a.pk]),
    )


@login_required
def shift_qr(request, pk):
    """The shift's QR code (SVG): it opens the volunteer's check-in page with the code filled in."""
    import qrcode
    import qrcode.image.svg

    s = sel.get_shift_for_user(request.user, pk)
    url = request.build_absolute_uri(reverse("volunteer:checkin_code", args=[s.pk, s.checkin_code]))
    img = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    response = HttpResponse(buf.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- hours: records, approvals, back-fill, closed months -----------------------------------------------------


@login_required
def record(request, pk):
    r = sel.get_record_for_user(request.user, pk)
    can_decide = r.state == RecordState.PENDING and services.may_check(request.user, r.org_path, APPROVE)
    return render(request, "volunteer/record.html", {"r": r, "can_decide": can_decide})


@login_required
@require_POST
def record_decide(request, pk):
    r = sel.get_record_for_user(request.user, pk)
    try:
        if request.POST.get("decision") == "approve":
            services.record_approve(actor=request.user, record=r)
            messages.success(request, _("The hours are approved."))
        else:
            services.record_decline(actor=request.user, record=r, reason=request.POST.get("reason", ""))
            messages.success(request, _("The hours are declined; the record is kept."))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    back = request.POST.get("back") == "approvals"
    return redirect("volunteer:approvals") if back else redirect("volunteer:record", pk=r.pk)


@login_required
def approvals(request):
    require(request.user, APPROVE)
    page = paginate(request, sel.awaiting_my_approval(request.user))
    return render(request, "volunteer/approvals.html", {"page": page})


@login_required
@require_POST
def approvals_bulk(request):
    require(request.user, APPROVE)
    from jinguo.core.bounds import record_id

    ids = [i for i in (record_id(x) for x in request.POST.getlist("record")[:500]) if i]
    chosen = list(sel.awaiting_my_approval(request.user).filter(pk__in=ids))
    result = services.records_approve(actor=request.user, records=chosen)
    messages.success(request, _("%(n)s records approved.") % {"n": result["approved"]})
    for r, why in result["refused"]:
        messages.error(request, f"{r.volunteer.person.name} {r.date:%Y-%m-%d}: {why}")
    return redirect("volunteer:approvals")


@login_required
def backfill_new(request):
    """A cadre back-fills a volunteer's hours (from her page); a volunteer back-fills her own."""
    own = sel.own_volunteer(request.user)
    if request.GET.get("volunteer") or request.POST.get("volunteer"):
        v = sel.get_volunteer_for_user(request.user, request.GET.get("volunteer") or request.POST.get("volunteer"))
    elif own is not None:
        v = own
    else:
        raise Http404
    initial = {"volunteer": v.pk, "org_code": v.org.code, "date": timezone.localdate().isoformat()}
    form = f.BackfillForm(request.POST or None, user=request.user, initial=initial)
    herself = own is not None and own.pk == v.pk
    if herself:  # her own unit; the teams and projects she serves are named by the cadres
        form.fields["org_code"].disabled = True
        for name in ("team", "project"):
            del form.fields[name]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if herself:
            d["org"] = v.org
        try:
            r = services.backfill_create(
                actor=request.user,
                volunteer=v,
                org=d["org"],
                date=d["date"],
                hours=d["hours"],
                note=d["note"],
                team=d.get("team"),
                project=d.get("project"),
            )
        except (ValidationError, PermissionDenied) as e:
            apply_errors(form, e if isinstance(e, ValidationError) else ValidationError(str(e)))
        else:
            messages.success(request, _("The hours are back-filled and wait for the level above."))
            return redirect("volunteer:record", pk=r.pk)
    title = _("Back-fill hours of %(name)s") % {"name": v.person.name}
    back = reverse("volunteer:mine") if herself else reverse("volunteer:volunteer", args=[v.pk])
    return render(request, "includes/form_page.html", {"form": form, "title": title, "back": back})


@login_required
def periods(request):
    """Closed months of volunteer hours: the level above closes a unit's month (and reopens it)."""
    require(request.user, APPROVE)
    from jinguo.core.models import ClosedPeriod
    from jinguo.core.scope import scoped

    if request.method == "POST":
        try:
            org = get_org_for_user(request.user, request.POST.get("org", "").strip())
            month = datetime.date.fromisoformat(request.POST.get("month", "") + "-01")
            if request.POST.get("reopen"):
                period = scoped(ClosedPeriod.objects.filter(subject=HOURS), request.user).get(org=org, month=month)
                services.hours_month_reopen(actor=request.user, period=period)
                messages.success(request, _("The month is open again."))
            else:
                services.hours_month_close(actor=request.user, org=org, month=month)
                messages.success(request, _("The month is closed."))
        except (ValueError, ClosedPeriod.DoesNotExist):
            messages.error(request, _("Give a unit's code and a month such as 2026-07."))
        except (ValidationError, PermissionDenied) as e:
            refusal_messages(request, e)
        return redirect("volunteer:periods")
    closed = scoped(ClosedPeriod.objects.filter(subject=HOURS).select_related("org"), request.user)[:100]
    return render(request, "volunteer/periods.html", {"closed": closed})


@login_required
def leaderboard(request):
    require(request.user, Perm.READ)
    kind = request.GET.get("kind", Tally.Kind.VOLUNTEER)
    if kind not in Tally.Kind.values:
        kind = Tally.Kind.VOLUNTEER
    period = _period(request) or current_period("year")
    code = request.GET.get("under", "").strip()
    under = get_org_for_user(request.user, code) if code else None
    rows = sel.leaderboard(request.user, kind=kind, period=period.code, under_path=under.path if under else None)
    return render(
        request,
        "volunteer/leaderboard.html",
        {"rows": rows, "kind": kind, "kinds": Tally.Kind.choices, "period": period, "under": under},
    )


@login_required
def coverage(request):
    """Villages (and towns, counties) with a volunteer service — or an activity — in a period, through the shared
    coverage engine (stats.coverage), with the gaps of a level."""
    from jinguo.stats import coverage as engine

    require(request.user, Perm.READ)
    code = request.GET.get("under", "").strip()
    under = get_org_for_user(request.user, code) if code else (org_roots(request.user) or [None])[0]
    if under is None:
        raise Http404
    period = _period(request) or current_period("quarter")
    metric = "volunteer.activities" if request.GET.get("basis") == "activities" else "volunteer.services"
    result = engine.coverage(metric, under, period.code) if period.stored else None
    level = request.GET.get("level", "village")
    gaps = None
    if result is not None and level in {lv.level for lv in result.levels}:
        gaps = paginate(request, engine.gaps(metric, under, period.code, level))
    from jinguo.orgs.models import Level

    labels = dict(Level.choices)
    levels = [(lv, labels.get(lv.level, lv.level)) for lv in result.levels] if result else []
    context = {"result": result, "levels": levels, "under": under, "period": period, "metric": metric, "gaps": gaps}
    return render(request, "volunteer/coverage.html", context)


# --- applications, deeds, the 十送 list -------------------------------------------------------------------------


@login_required
def applications(request):
    require(request.user, MANAGE)
    page = paginate(request, sel.application_list(request.user))
    return render(request, "volunteer/applications.html", {"page": page, "states": ApplicationState})


@login_required
@require_POST
def application_decide(request, pk):
    a = sel.get_application_for_user(request.user, pk, write=True)
    try:
        services.application_decide(actor=request.user, application=a, state=request.POST.get("state", ""))
        messages.success(request, _("Recorded."))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    return redirect("volunteer:applications")


@login_required
def deeds(request):
    require(request.user, Perm.READ)
    y = request.GET.get("year", "")
    year = int(y) if y.isdigit() and 2000 <= int(y) <= 2100 else timezone.localdate().year
    page = paginate(request, sel.deed_list(request.user, year=year))
    return render(
        request,
        "volunteer/deeds.html",
        {
            "page": page,
            "year": year,
            "progress": sel.deeds_progress(request.user, year=year),
            "can_manage": has_perm(request.user, MANAGE),
        },
    )


@login_required
def deed_new(request):
    require(request.user, MANAGE)
    initial = {"org_code": default_unit_code(request.user), "year": timezone.localdate().year, "measure": "人次"}
    form = f.DeedForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            deed = services.deed_create(
                actor=request.user,
                org=d["org"],
                year=d["year"],
                title=d["title"],
                target=d["target"],
                measure=d.get("measure") or "人次",
            )
        except (ValidationError, PermissionDenied) as e:
            apply_errors(form, e if isinstance(e, ValidationError) else ValidationError(str(e)))
        else:
            return redirect("volunteer:deed", pk=deed.pk)
    return render(
        request,
        "includes/form_page.html",
        {"form": form, "title": _("New practical deed"), "back": reverse("volunteer:deeds")},
    )


@login_required
def deed(request, pk):
    d = sel.get_deed_for_user(request.user, pk)
    can_manage = in_scope(request.user, d.org_path, MANAGE)
    form = None
    if can_manage:
        initial = {"org_code": d.org.code, "date": timezone.localdate().isoformat()}
        form = f.DeliveryForm(request.POST or None, user=request.user, initial=initial)
        if request.method == "POST" and form.is_valid():
            c = form.cleaned_data
            try:
                services.delivery_record(
                    actor=request.user,
                    deed=d,
                    category=c["category"],
                    date=c["date"],
                    count=c["count"],
                    org=c["org"],
                    note=c.get("note", ""),
                    project=c.get("project"),
                )
            except (ValidationError, PermissionDenied) as e:
                apply_errors(form, e if isinstance(e, ValidationError) else ValidationError(str(e)))
            else:
                messages.success(request, _("The delivery is recorded."))
                return redirect("volunteer:deed", pk=d.pk)
    deliveries = d.deliveries.select_related("category", "org").order_by("-date", "-pk")[:100]
    return render(
        request, "volunteer/deed.html", {"d": d, "deliveries": deliveries, "form": form, "can_manage": can_manage}
    )


@login_required
@require_POST
def deed_done(request, pk):
    d = sel.get_deed_for_user(request.user, pk, write=True)
    try:
        services.deed_done(actor=request.user, deed=d, evidence=request.POST.get("evidence", ""))
        messages.success(request, _("The deed is done."))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    return redirect("volunteer:deed", pk=d.pk)


@login_required
def categories(request):
    """The 十送 list: every cadre reads it; the region adds, renames and retires entries."""
    from jinguo.volunteer.models import DeliveryCategory

    require(request.user, MANAGE)
    if request.method == "POST":
        pk = request.POST.get("pk", "")
        category = DeliveryCategory.objects.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 10 else None
        try:
            services.category_save(
                actor=request.user,
                name=request.POST.get("name", ""),
                category=category,
                active=request.POST.get("active") == "1",
            )
            messages.success(request, _("Changes saved."))
        except (ValidationError, PermissionDenied) as e:
            refusal_messages(request, e)
        return redirect("volunteer:categories")
    return render(
        request,
        "volunteer/categories.html",
        {
            "categories": DeliveryCategory.objects.order_by("sort", "pk"),
            "can_edit": services._region_manager(request.user),
        },
    )


# --- a volunteer's own pages (phone first) -------------------------------------------------------------------


def _own(request):
    require(request.user, SERVE)
    v = sel.own_volunteer(request.user)
    if v is None:
        raise Http404
    return v


@login_required
def mine(request):
    """Her page: her teams' open shifts with sign-up, her shifts to check in to, her hours and records."""
    require(request.user, SERVE)
    v = sel.own_volunteer(request.user)
    if v is None:
        return render(request, "volunteer/mine_none.html")
    today = timezone.localdate()
    context = {
        "v": v,
        "shifts": list(sel.open_shifts(v)[:50]),
        "records": sel.my_records(v)[:20],
        "year_hours": sel.hours_of(Tally.Kind.VOLUNTEER, [v.pk], str(today.year)).get(v.pk, 0),
        "milestones": v.milestones.all(),
        "teams": sel.volunteer_teams(v),
        "code_form": f.CodeForm(),
        "start": today.replace(month=1, day=1).isoformat(),
        "end": today.isoformat(),
    }
    return render(request, "volunteer/mine.html", context)


def _own_shift(v, pk):
    shift = sel.open_shifts(v, days=400).filter(pk=pk).first() if str(pk).isdigit() else None
    if shift is None:
        raise Http404
    return shift


@login_required
@require_POST
def signup(request, pk):
    v = _own(request)
    shift = _own_shift(v, pk)
    try:
        services.signup_create(actor=request.user, shift=shift)
        messages.success(request, _("You are signed up. Check in at the place with the shift's code."))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    return redirect("volunteer:mine")


@login_required
@require_POST
def signup_cancel(request, pk):
    v = _own(request)
    shift = _own_shift(v, pk)
    s = shift.signups.filter(volunteer=v, cancelled_at__isnull=True).first()
    if s is None:
        raise Http404
    try:
        services.signup_cancel(actor=request.user, signup=s)
        messages.success(request, _("Your sign-up is cancelled."))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    return redirect("volunteer:mine")


@login_required
def checkin_code(request, pk, code=""):
    """The phone's check-in page of one shift: the QR code opens it with the code filled in; she types it
    otherwise. Once she is in, the same page checks her out."""
    v = _own(request)
    shift = sel.open_shifts(v, days=400).filter(pk=pk).first() or _checked_in_shift(v, pk)
    if shift is None:
        raise Http404
    current = sel.my_open_record(v, shift)
    form = f.CodeForm(request.POST or None, initial={"code": code})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if current is None:
                current = services.checkin(actor=request.user, shift=shift, code=form.cleaned_data["code"])
                messages.success(request, _("You are checked in. Check out with the same code when you leave."))
            elif current.state == RecordState.OPEN:
                current = services.checkout(actor=request.user, record=current, code=form.cleaned_data["code"])
                if current.state == RecordState.PENDING:
                    messages.success(
                        request, _("You are checked out: %(h)s hours wait for approval.") % {"h": current.hours}
                    )
                else:
                    messages.warning(
                        request,
                        _("Checked out, but less than 60 per cent of the shift was attended: it does not count."),
                    )
            return redirect("volunteer:checkin", pk=shift.pk)
        except services.RateLimited as e:
            form.add_error("code", str(e))
            status = 429
        except (ValidationError, PermissionDenied) as e:
            apply_errors(form, e if isinstance(e, ValidationError) else ValidationError(str(e)))
            status = 400
    return render(
        request, "volunteer/checkin.html", {"shift": shift, "record": current, "form": form, "v": v}, status=status
    )


def _checked_in_shift(v, pk):
    """A shift she is checked in to, after it has ended (to see how it went)."""
    r = sel.my_records(v).filter(shift_id=pk if str(pk).isdigit() else 0).first()
    return r.shift if r is not None else None


@login_required
def mine_certificate(request):
    v = _own(request)
    start, end = _range(request)
    return _certificate_response(v, start, end, request.user)


def venue_activities_panel(request, venue) -> str:
    """The venue page's panel (manifest `panels`): the volunteer activities held there that the user reads."""
    activities, count = sel.activities_at_venue(request.user, venue)
    # Without the request: the panel needs no context processor (each would query again).
    return render_to_string(
        "volunteer/venue_activities.html", {"activities": activities, "count": count, "venue": venue}
    )
