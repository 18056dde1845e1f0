"""Pages of the outreach module: thin views — access, form, service, render."""

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.confirm import NeedsConfirmation
from jinguo.core.files import image_response, upload_photos
from jinguo.core.forms import apply_errors, ask_confirmation
from jinguo.core.formviews import act, period_param
from jinguo.core.history import history
from jinguo.core.lists import export_view, page_view
from jinguo.core.paths import ancestors_or_self
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, in_scope, require
from jinguo.core.views import paginate
from jinguo.orgs.models import Level
from jinguo.orgs.selectors import get_org_for_user, org_roots
from jinguo.outreach import selectors as sel
from jinguo.outreach import services
from jinguo.outreach.forms import CorrectionForm, HeldForm, LectureForm, LecturerForm, PeriodCloseForm, TeamForm
from jinguo.outreach.lists import LECTURES, TEAMS
from jinguo.outreach.models import (
    Campaign,
    Language,
    LectureKind,
    LectureState,
    Mode,
    Topic,
)
from jinguo.planning.selectors import get_theme_for_user, theme_list

# --- teams ---------------------------------------------------------------------------------------


team_index = page_view(TEAMS)
team_export = export_view(TEAMS)


@login_required
def team_new(request):
    require(request.user, Perm.WRITE)
    form = TeamForm(request.POST or None, initial={"org_code": request.GET.get("org", "")}, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                actor=request.user,
                org=form.cleaned_data["org"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("The team %(name)s is set up.") % {"name": team.name})
            return redirect("outreach:team", pk=team.pk)
    return render(
        request,
        "includes/form_page.html",
        {"form": form, "title": _("New lecture team"), "back": reverse("outreach:teams")},
    )


@login_required
def team_detail(request, pk):
    team = sel.get_team_for_user(request.user, pk)
    members = list(sel.team_members(team))
    lectures = sel.lecture_list(request.user, team=team)[:10]
    return render(
        request,
        "outreach/team_detail.html",
        {
            "team": team,
            "members": members,
            "lectures": lectures,
            "can_write": in_scope(request.user, team.org_path, Perm.WRITE),
        },
    )


@login_required
def team_edit(request, pk):
    team = sel.get_team_for_user(request.user, pk, write=True)
    form = TeamForm(
        request.POST or None, initial={"org_code": team.org.code, "name": team.name, "description": team.description}
    )
    form.fields["org_code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(
                actor=request.user,
                team=team,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("outreach:team", pk=team.pk)
    return render(
        request,
        "includes/form_page.html",
        {"form": form, "title": team.name, "back": reverse("outreach:team", args=[team.pk])},
    )


@login_required
@require_POST
def team_remove(request, pk):
    team = sel.get_team_for_user(request.user, pk, write=True)
    try:
        services.team_delete(actor=request.user, team=team)
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
        return redirect("outreach:team", pk=team.pk)
    messages.success(request, _("The team was removed."))
    return redirect("outreach:teams")


@login_required
def member_add(request, pk):
    from jinguo.people.selectors import person_list

    team = sel.get_team_for_user(request.user, pk, write=True)
    lookups = {"categories": sel.lookup_choices(sel.LecturerCategory), "topics": sel.lookup_choices(Topic)}
    form = LecturerForm(request.POST or None, initial={"languages": Language.CHINESE}, **lookups)
    q = request.GET.get("q", "").strip()
    found = list(person_list(request.user, q=q).select_related("org")[:30]) if q else []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            m = services.lecturer_add(
                actor=request.user,
                team=team,
                person=d["person"],
                categories=d["categories"],
                topics=d["topics"],
                languages=d["languages"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("%(name)s joined the team.") % {"name": m.person.name})
            return redirect("outreach:team", pk=team.pk)
    return render(request, "outreach/member_add.html", {"team": team, "form": form, "q": q, "found": found})


@login_required
def member_edit(request, pk):
    m = sel.get_lecturer_for_user(request.user, pk, write=True)
    lookups = {"categories": sel.lookup_choices(sel.LecturerCategory), "topics": sel.lookup_choices(Topic)}
    initial = {
        "person": m.person_id,
        "categories": [str(c.pk) for c in m.categories.all()],
        "topics": [str(t.pk) for t in m.topics.all()],
        "languages": m.languages,
        "active": m.active,
    }
    form = LecturerForm(request.POST or None, initial=initial, **lookups)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.lecturer_update(
                actor=request.user,
                lecturer=m,
                categories=d["categories"],
                topics=d["topics"],
                languages=d["languages"],
                active=d["active"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("outreach:team", pk=m.team_id)
    return render(
        request,
        "includes/form_page.html",
        {"form": form, "title": f"{m.person.name} · {m.team.name}", "back": reverse("outreach:team", args=[m.team_id])},
    )


@login_required
@require_POST
def member_remove(request, pk):
    m = sel.get_lecturer_for_user(request.user, pk, write=True)
    team_pk = m.team_id
    services.lecturer_remove(actor=request.user, lecturer=m)
    messages.success(request, _("The lecturer left the team."))
    return redirect("outreach:team", pk=team_pk)


# --- lectures ------------------------------------------------------------------------------------


lecture_index = page_view(LECTURES)
lecture_export = export_view(LECTURES)


@login_required
def lecture_new(request):
    require(request.user, Perm.WRITE)
    team = None
    if request.GET.get("team", "").isdigit():
        team = sel.team_choices(request.user).filter(pk=request.GET["team"]).first()
    if request.method == "POST":
        form = LectureForm(request.POST, user=request.user)
        held = bool(request.POST.get("held"))
        if form.is_valid():
            d = form.cleaned_data
            try:
                lec = services.lecture_create(
                    actor=request.user, org=d["org"], held=d["held"], confirm=d["confirm"], **form.service_data()
                )
            except NeedsConfirmation as e:
                ask_confirmation(form, e)
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("The lecture is recorded."))
                return redirect("outreach:lecture", pk=lec.pk)
        else:
            form.check_all(request.user, held=held)
    else:
        roots = org_roots(request.user)
        initial = {
            "date": timezone.localdate().isoformat(),
            "held": True,
            "kind": LectureKind.LECTURE,
            "mode": Mode.OFFLINE,
            "language": Language.CHINESE,
            "org_code": request.GET.get("org") or (roots[0].code if len(roots) == 1 else ""),
            "team": str(team.pk) if team else "",
        }
        form = LectureForm(initial=initial, user=request.user, team=team)
    return render(request, "outreach/lecture_form.html", {"form": form, "lecture": None})


@login_required
def lecturer_options(request):
    """HTMX: the lecturer checkboxes for a team, or the people found by a name."""
    require(request.user, Perm.WRITE)
    team = None
    if request.GET.get("team", "").isdigit():
        team = sel.team_choices(request.user).filter(pk=request.GET["team"]).first()
    found = (
        sel.lecturer_candidates(request.user, team=team)
        if team
        else sel.lecturer_candidates(request.user, q=request.GET.get("q", ""))
    )
    checked = {i for i in request.GET.getlist("lecturers") if i.isdigit()}
    # Keep what was ticked before (only people the user may name: the service checks again on save).
    picked = [p for p in sel.lecturer_candidates(request.user, ids=checked)] if checked else []
    people = picked + [p for p in found if str(p.pk) not in checked]
    return render(request, "outreach/lecture_form.html#options", {"people": people, "checked": checked})


@login_required
def lecture_detail(request, pk):
    lec = sel.get_lecture_for_user(request.user, pk)
    user = request.user
    can_write = in_scope(user, lec.org_path, Perm.WRITE)
    context = {
        "lecture": lec,
        "lecturers": list(lec.lecturers.select_related("org").order_by("name")),
        "photos": list(lec.photos.all()),
        "corrections": [(c, _changes(c)) for c in sel.lecture_corrections(lec)],
        "checkins": sel.checkin_count(lec),
        "lock": services.period_lock_for(lec.org_path, lec.date),
        "can_write": can_write and lec.state != LectureState.VERIFIED,
        "can_verify": lec.state == LectureState.HELD
        and services.can_verify(user, lec.org_path)
        and lec.created_by_id != user.pk,
        "can_correct": lec.state == LectureState.VERIFIED and services.can_verify(user, lec.org_path),
        # "It was held" is offered only once the day has come.
        "held_form": HeldForm()
        if can_write and lec.state == LectureState.PLANNED and lec.date <= timezone.localdate()
        else None,
        "can_resubmit": can_write and lec.state == LectureState.RETURNED,
        "history": history(lec, user),
        "comment_url": reverse("core:comment", args=["outreach.lecture", lec.pk]),
        "checkin_url": request.build_absolute_uri(reverse("checkin:lecture", args=[lec.pk, lec.checkin_code])),
        "checkin_open": services.checkin_open(lec),
    }
    return render(request, "outreach/lecture_detail.html", context)


def _shown(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name", value.get("id", "")))
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    return "—" if value in (None, "") else str(value)


def _changes(correction) -> list[tuple[str, str, str]]:
    """(field label, before, after) of a correction, for the lecture page."""
    from jinguo.outreach.models import Lecture

    out = []
    for key, before in correction.before.items():
        try:
            label = str(Lecture._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:  # a field renamed since: show its name
            label = key
        out.append((label, _shown(before), _shown(correction.after.get(key))))
    return out


def _lecture_initial(lec) -> dict:
    return {
        "title": lec.title,
        "kind": lec.kind,
        "date": lec.date.isoformat(),
        "start_time": lec.start_time.strftime("%H:%M") if lec.start_time else "",
        "end_time": lec.end_time.strftime("%H:%M") if lec.end_time else "",
        "org_code": lec.org.code,
        "place": lec.place,
        "venue": str(lec.venue_id or ""),
        "team": str(lec.team_id or ""),
        "lecturers": [str(i) for i in lec.lecturers.values_list("pk", flat=True)],
        "theme": str(lec.theme_id),
        "topic": str(lec.topic_id),
        "campaign": str(lec.campaign_id or ""),
        "formats": lec.formats,
        "audience_group": str(lec.audience_group_id),
        "mode": lec.mode,
        "audience_count": "" if lec.audience_count is None else lec.audience_count,
        "online_views": lec.online_views or "",
        "language": lec.language,
        "summary": lec.summary,
        "held": lec.state != LectureState.PLANNED,
    }


@login_required
def lecture_edit(request, pk):
    lec = sel.get_lecture_for_user(request.user, pk, write=True)
    if lec.state == LectureState.VERIFIED:
        messages.error(request, _("This lecture is verified: only a correction by the verifying level can change it."))
        return redirect("outreach:lecture", pk=lec.pk)
    current = list(lec.lecturers.select_related("org"))
    if request.method == "POST":
        form = LectureForm(request.POST, user=request.user, day=lec.date, current=current)
        if form.is_valid():
            try:
                services.lecture_update(
                    actor=request.user, lecture=lec, org=form.cleaned_data["org"], **form.service_data()
                )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("outreach:lecture", pk=lec.pk)
        else:
            form.check_all(request.user, held=lec.state != LectureState.PLANNED)
    else:
        form = LectureForm(
            initial=_lecture_initial(lec), user=request.user, day=lec.date, current=current, team=lec.team
        )
    form.fields["held"].disabled = True
    return render(request, "outreach/lecture_form.html", {"form": form, "lecture": lec})


@login_required
def lecture_correct(request, pk):
    lec = sel.get_lecture_for_user(request.user, pk)
    if lec.state != LectureState.VERIFIED or not services.can_verify(request.user, lec.org_path):
        raise PermissionDenied
    current = list(lec.lecturers.select_related("org"))
    if request.method == "POST":
        form = CorrectionForm(request.POST, user=request.user, day=lec.date, current=current)
        if form.is_valid():
            try:
                services.lecture_correct(
                    actor=request.user, lecture=lec, reason=form.cleaned_data["reason"], **form.service_data()
                )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("The correction is recorded."))
                return redirect("outreach:lecture", pk=lec.pk)
    else:
        form = CorrectionForm(
            initial=_lecture_initial(lec), user=request.user, day=lec.date, current=current, team=lec.team
        )
    return render(request, "outreach/lecture_form.html", {"form": form, "lecture": lec, "correcting": True})


@login_required
@require_POST
def lecture_held(request, pk):
    lec = sel.get_lecture_for_user(request.user, pk, write=True)
    form = HeldForm(request.POST)
    if form.is_valid():
        try:
            services.lecture_mark_held(actor=request.user, lecture=lec, **form.cleaned_data)
        except ValidationError as e:
            for msg in e.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("The lecture is closed out as held."))
    else:
        messages.error(request, _("Give the audience count of a held lecture."))
    return redirect("outreach:lecture", pk=lec.pk)


def _decide(request, pk, decide, done: str, *, write: bool = False, **fields):
    """A decision on a lecture from its page: the service decides and checks; the page says what happened."""
    lec = sel.get_lecture_for_user(request.user, pk, write=write)
    try:
        decide(actor=request.user, lecture=lec, **fields)
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, done)
    return redirect("outreach:lecture", pk=lec.pk)


@login_required
@require_POST
def lecture_verify(request, pk):
    return _decide(request, pk, services.lecture_verify, _("The lecture is verified."))


@login_required
@require_POST
def lecture_return(request, pk):
    reason = request.POST.get("reason", "")
    return _decide(
        request, pk, services.lecture_return, _("The lecture is sent back; its unit is told."), reason=reason
    )


@login_required
@require_POST
def lecture_resubmit(request, pk):
    done = _("Submitted again; the level above is told.")
    return _decide(request, pk, services.lecture_resubmit, done, write=True)


@login_required
@require_POST
def lecture_remove(request, pk):
    lec = sel.get_lecture_for_user(request.user, pk, write=True)
    return act(
        request,
        lambda: services.lecture_delete(actor=request.user, lecture=lec),
        done=_("The lecture was removed."),
        to=reverse("outreach:lectures"),
        refused_to=reverse("outreach:lecture", args=[lec.pk]),
    )


@login_required
@require_POST
def lecture_photos(request, pk):
    lec = sel.get_lecture_for_user(request.user, pk, write=True)
    upload_photos(request, lambda files: services.lecture_add_photos(actor=request.user, lecture=lec, files=files))
    return redirect("outreach:lecture", pk=lec.pk)


@login_required
def lecture_photo(request, pk, photo_pk):
    lec = sel.get_lecture_for_user(request.user, pk)
    photo = lec.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    return image_response(photo.image)


@login_required
def lecture_qr(request, pk):
    """The check-in QR code (SVG) of a lecture: it opens the public check-in page with the code."""
    import qrcode
    import qrcode.image.svg

    lec = sel.get_lecture_for_user(request.user, pk)
    url = request.build_absolute_uri(reverse("checkin:lecture", args=[lec.pk, lec.checkin_code]))
    img = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    response = HttpResponse(buf.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- coverage ------------------------------------------------------------------------------------


def _coverage_params(request):
    user = request.user
    g = request.GET
    code = g.get("under", "").strip()
    if code:
        under = get_org_for_user(user, code)
    else:
        roots = org_roots(user)
        if not roots:
            raise PermissionDenied
        under = roots[0]
    period = period_param(request, g.get("period", ""), "quarter")
    theme = get_theme_for_user(user, g["theme"]) if g.get("theme", "").strip() else None
    # An unknown campaign is a 404 here as in the API (get_coverage), never silently ignored.
    campaign = sel.get_campaign(g["campaign"]) if g.get("campaign", "").strip() else None
    basis = g.get("basis") if g.get("basis") in sel.BASIS else "verified"
    return under, period, theme, campaign, basis


@login_required
def coverage_page(request):
    require(request.user, Perm.READ)
    under, period, theme, campaign, basis = _coverage_params(request)
    # Per-campaign and per-theme figures read the lecture records themselves: asked for, not shown by default.
    breakdowns = request.GET.get("breakdowns") == "1"
    result = sel.coverage(under, period, theme=theme, campaign=campaign, basis=basis, breakdowns=breakdowns)
    levels = [lv.level for lv in result.levels]
    gap_level = request.GET.get("gaps") if request.GET.get("gaps") in levels else (levels[0] if levels else "")
    gaps = Paginator(sel.coverage_gaps(result, gap_level), 50).get_page(request.GET.get("page")) if gap_level else None
    if gaps is not None:
        params = request.GET.copy()
        params.pop("page", None)
        gaps.query = params.urlencode()
    more = request.GET.copy()
    more["breakdowns"] = "1"
    context = {
        "c": result,
        "breakdowns": breakdowns,
        "breakdowns_query": more.urlencode(),
        "gaps": gaps,
        "gap_level": gap_level,
        "gap_level_label": dict(Level.choices).get(gap_level, ""),
        "themes": list(theme_list(request.user, year=period.year).filter(org_path__in=ancestors_or_self(under.path))),
        "campaigns": list(sel.lookup_choices(Campaign)),
        "bases": [("verified", _("Verified lectures")), ("reported", _("Held or verified"))],
        "can_drill": under.child_level is not None,
    }
    return render(request, "outreach/coverage.html#gaps" if request.htmx else "outreach/coverage.html", context)


# --- closed months -------------------------------------------------------------------------------


@login_required
def period_index(request):
    require(request.user, Perm.READ)
    form = PeriodCloseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["org"]
        month = None
        try:
            month = datetime.date.fromisoformat(form.cleaned_data["month"].strip() + "-01")
        except ValueError:
            form.add_error("month", _("Write the month as 2026-07."))
        if org is not None and month is not None:
            try:
                lock = services.period_close(actor=request.user, org=org, month=month)
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(
                    request,
                    _("%(month)s of %(unit)s is verified and closed; %(n)s held lectures were verified.")
                    % {"month": lock.month.strftime("%Y-%m"), "unit": org.name, "n": lock.settled},
                )
                return redirect("outreach:periods")
    page = paginate(request, sel.period_locks(request.user))
    return render(
        request, "outreach/periods.html", {"page": page, "form": form, "can_write": has_perm(request.user, Perm.WRITE)}
    )


@login_required
@require_POST
def period_reopen(request, pk):
    lock = sel.get_period_lock_for_user(request.user, pk)
    services.period_reopen(actor=request.user, lock=lock)
    messages.success(request, _("The month is open again."))
    return redirect("outreach:periods")


# --- lookup tables -------------------------------------------------------------------------------


@login_required
def lookup_index(request):
    if not services.can_manage_lookups(request.user):  # the system administrator keeps the lists too
        require(request.user, Perm.READ)
    return render(
        request,
        "outreach/lookups.html",
        {"lists": sel.lookup_all(), "can_manage": services.can_manage_lookups(request.user), "kinds": _lookup_titles()},
    )


def _lookup_titles() -> dict:
    return {
        "categories": _("Lecturer categories"),
        "topics": _("Topics"),
        "campaigns": _("Campaigns"),
        "audiences": _("Audience groups"),
    }


@login_required
@require_POST
def lookup_add(request, kind):
    if kind not in services.LOOKUPS:
        raise Http404
    try:
        services.lookup_create(actor=request.user, kind=kind, name=request.POST.get("name", ""))
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Added."))
    return redirect("outreach:lookups")


@login_required
@require_POST
def lookup_edit(request, kind, pk):
    model = services.LOOKUPS.get(kind)
    if model is None:
        raise Http404
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise Http404
    try:
        services.lookup_update(
            actor=request.user,
            obj=obj,
            name=request.POST.get("name", obj.name),
            active=request.POST.get("active") == "1",
        )
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Changes saved."))
    return redirect("outreach:lookups")


def home_cards(request) -> str:
    """The home page's queues: what waits for this user, with counts and links, and the big button of the job."""
    user = request.user
    can_write = has_perm(user, Perm.WRITE)
    queues = [
        (_("Waiting for my verification"), sel.awaiting_my_verification(user).count(), "held", "verify"),
        (_("Planned, day passed: close out"), sel.planned_and_past(user).count() if can_write else 0, "planned", "due"),
        (_("Sent back to us"), sel.returned_to_me(user).count() if can_write else 0, "returned", "returned"),
    ]
    if not can_write and not any(n for _label, n, _state, _key in queues):
        return ""
    return render_to_string(
        "outreach/home_cards.html",
        {"queues": queues, "can_write": can_write, "lectures": reverse("outreach:lectures")},
        request=request,
    )


def venue_lectures_panel(request, venue) -> str:
    """The venue page's panel (manifest `panels`): the lectures held there that the user reads."""
    lectures, count = sel.lectures_at_venue(request.user, venue)
    # Without the request: the panel needs no context processor (each would query again).
    return render_to_string("outreach/venue_lectures.html", {"lectures": lectures, "count": count, "venue": venue})
