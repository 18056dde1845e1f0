"""Pages of the honours module (staff): programmes with their criteria, stage dates and quotas, nominations and
their review and scoring, public notices and objections, the holiday table, social applications, the registry
with its publicity (宣), family stories and recommendations upward (推).

Each view: access (a selector's get_*_for_user: 404 outside the user's units) → form → service → render or
redirect. Forms keep what the user typed and show a summary of what to correct.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import audit
from jinguo.core.files import image_response
from jinguo.core.formviews import act, form_error_messages, form_page, form_refusal, refusal_messages
from jinguo.core.history import history
from jinguo.core.lists import export_view, page_view, paginate
from jinguo.core.notify import holders
from jinguo.core.paths import at_level, level_of
from jinguo.core.scope import has_perm, in_scope, require, scope_paths
from jinguo.honors import forms as f
from jinguo.honors import selectors as sel
from jinguo.honors import services
from jinguo.honors.lists import HONOURS, NOMINATIONS, RECOMMENDATIONS
from jinguo.honors.models import (
    STAGE_LEVEL,
    ApplicationState,
    AwardLevel,
    NominationState,
    NoticeState,
    ObjectionState,
)
from jinguo.honors.module import MANAGE, NOMINATE, REVIEW, SCORE
from jinguo.honors.workdays import NoHolidayData, known_years
from jinguo.orgs.selectors import default_unit_code, get_org_for_user, org_roots
from jinguo.people.selectors import person_list

S = NominationState

nominations = page_view(NOMINATIONS)
nominations_export = export_view(NOMINATIONS)
honours = page_view(HONOURS)
honours_export = export_view(HONOURS)
recommendations = page_view(RECOMMENDATIONS)
recommendations_export = export_view(RECOMMENDATIONS)


# --- programmes ---------------------------------------------------------------------------------------------


@login_required
def programmes(request):
    rows = [(p, services.quota_status(p, p.org_path)) for p in sel.programme_list(request.user)[:100]]
    return render(
        request,
        "honors/programmes.html",
        {"rows": rows, "can_manage": has_perm(request.user, MANAGE), "year": timezone.localdate().year},
    )


def _programme_form(request, *, programme=None):
    titles = list(sel.titles())
    if programme is None:
        today = timezone.localdate()
        initial = {
            "org_code": default_unit_code(request.user),
            "year": today.year,
            "nominate_until": today + datetime.timedelta(days=30),
            "county_until": today + datetime.timedelta(days=45),
            "league_until": today + datetime.timedelta(days=60),
            "review_until": today + datetime.timedelta(days=90),
            "notice_days": 5,
            "not_within_years": 0,
            "criteria": "事迹突出 40\n示范作用 30\n群众认可 30",
        }
    else:
        initial = {k: getattr(programme, k) for k in services.PROGRAMME_FIELDS}
        initial.update(
            org_code=programme.org.code,
            title=str(programme.title_id),
            year=programme.year,
            criteria="\n".join(f"{c.name} {c.weight}" for c in programme.criteria.all()),
        )
    return f.ProgrammeForm(
        request.POST or None, user=request.user, titles=titles, editing=programme is not None, initial=initial
    )


@login_required
def programme_new(request):
    require(request.user, MANAGE)
    form = _programme_form(request)
    return form_page(
        request,
        form,
        lambda d: services.programme_create(
            actor=request.user, org=d["org"], title=d["title"], year=d["year"], **form.service_data()
        ),
        title=_("New honour programme"),
        back=reverse("honors:programmes"),
        done=_("The programme is open."),
        to=lambda p: reverse("honors:programme", args=[p.pk]),
        template="honors/programme_form.html",
        denied_field="org_code",
    )


@login_required
def programme_edit(request, pk):
    p = sel.get_programme_for_user(request.user, pk)
    if not sel.may_manage(request.user, p):
        raise PermissionDenied
    form = _programme_form(request, programme=p)
    return form_page(
        request,
        form,
        lambda d: services.programme_update(actor=request.user, programme=p, **form.service_data()),
        title=_("Edit %(name)s") % {"name": p.name},
        back=reverse("honors:programme", args=[p.pk]),
        done=_("The programme is saved."),
        to=reverse("honors:programme", args=[p.pk]),
        template="honors/programme_form.html",
    )


def _stage_units(user, p) -> list[tuple[str, object]]:
    """(stage, unit) pairs the user reviews for this programme: the units where they hold the review action."""
    out = []
    for path in scope_paths(user, REVIEW):
        level = level_of(path)
        if not (path.startswith(p.org_path) or p.org_path.startswith(path)):
            continue
        for stage, stage_level in STAGE_LEVEL.items():
            if stage_level == level:
                out.append((stage, path))
    return out


@login_required
def programme_detail(request, pk):
    p = sel.get_programme_for_user(request.user, pk)
    manage = sel.may_manage(request.user, p)
    counts = dict(
        sel.nomination_list(request.user)
        .filter(programme=p)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    stages = [(value, label, counts.get(value, 0)) for value, label in NominationState.choices]
    notices = list(sel.notice_list(request.user).filter(programme=p).order_by("-start"))
    return render(
        request,
        "honors/programme_detail.html",
        {
            "p": p,
            "criteria": list(p.criteria.all()),
            "manage": manage,
            "status": services.quota_status(p, p.org_path),
            "stages": stages,
            "notices": notices,
            "review_stages": [(s, NominationState(s).label) for s in STAGE_LEVEL],
            "tie_rule": services.TIE_RULE,
        },
    )


@login_required
def titles(request):
    """The titles awarded; the region adds one (e.g. a new role-model title)."""
    require(request.user, MANAGE)
    region = any(level_of(p) == "province" for p in scope_paths(request.user, MANAGE))
    all_titles = list(sel.titles())
    if request.method == "POST" and not region:
        raise PermissionDenied
    return form_page(
        request,
        f.TitleForm(request.POST or None, titles=all_titles),
        lambda d: services.title_create(
            actor=request.user, code=d["code"], name=d["name"], kind=d["kind"], requires=d["requires"]
        ),
        done=_("The title is added."),
        to=reverse("honors:titles"),
        template="honors/titles.html",
        extra={"titles": all_titles, "region": region},
    )


# --- quotas ------------------------------------------------------------------------------------------------


def _unit_for(request, p, *, default_level: str | None = None):
    """The unit the page is about: ?under=CODE (a unit the user reads, inside the programme's tree), else the
    programme's owner when the user manages it, else the user's own unit."""
    code = request.GET.get("under", "").strip()[:12]
    if code:
        unit = get_org_for_user(request.user, code)
    elif in_scope(request.user, p.org_path, MANAGE):
        unit = p.org
    else:
        roots = org_roots(request.user)
        if not roots:
            raise Http404
        unit = roots[0]
    if not unit.path.startswith(p.org_path):
        raise Http404
    return unit


@login_required
def quotas(request, pk):
    p = sel.get_programme_for_user(request.user, pk)
    unit = _unit_for(request, p)
    may_allocate = in_scope(request.user, unit.path, MANAGE)
    if request.method == "POST" and not may_allocate:
        raise PermissionDenied
    return form_page(
        request,
        f.QuotaForm(request.POST or None, user=request.user),
        lambda d: services.quota_allocate(actor=request.user, programme=p, org=d["org"], places=d["places"]),
        done=_("The quota is allocated."),
        to=f"{reverse('honors:quotas', args=[p.pk])}?under={unit.code}",
        template="honors/quotas.html",
        extra=lambda: {
            "p": p,
            "unit": unit,
            "status": services.quota_status(p, unit.path),
            "rows": sel.quota_rows(p, unit),
            "may_allocate": may_allocate,
        },
        denied_field="org_code",
    )


# --- review: by stage, ranked ---------------------------------------------------------------------------------


@login_required
def stage(request, pk, stage):
    p = sel.get_programme_for_user(request.user, pk)
    if stage not in STAGE_LEVEL:
        raise Http404
    code = request.GET.get("under", "").strip()[:12]
    if code:
        unit = get_org_for_user(request.user, code)
    else:
        path = next((path for s, path in _stage_units(request.user, p) if s == stage), None)
        if path is None:
            roots = org_roots(request.user)
            if not roots:
                raise Http404
            path = at_level(roots[0].path, STAGE_LEVEL[stage]) or roots[0].path
        unit = get_org_for_user(request.user, _code_of(path))
    if not unit.path.startswith(p.org_path) and not p.org_path.startswith(unit.path):
        raise Http404
    may_decide = sel.may_decide_stage(request.user, unit, stage)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        return act(
            request,
            lambda: services.stage_advance(actor=request.user, programme=p, unit=unit, stage=stage),
            done=lambda result: (
                _("%(advanced)s advanced and %(stopped)s did not, for %(places)s places.")
                % {"advanced": result["advanced"], "stopped": result["not_advanced"], "places": result["places"]}
            ),
            to=f"{reverse('honors:stage', args=[p.pk, stage])}?under={unit.code}",
        )
    ranking = sel.stage_ranking(p, unit, stage)
    places = services.stage_places(p, unit.path, stage)
    return render(
        request,
        "honors/stage.html",
        {
            "p": p,
            "unit": unit,
            "stage": stage,
            "stage_label": NominationState(stage).label,
            "ranking": [(i, n, i <= places) for i, n in enumerate(ranking, start=1)],
            "places": places,
            "may_decide": may_decide,
            "tie_rule": services.TIE_RULE,
        },
    )


def _code_of(path: str) -> str:
    """The division code of the unit at `path` (province, league and county codes have six digits)."""
    return path.ljust(6, "0") if len(path) < 6 else path


@login_required
def review(request):
    """What waits for the user's decision or score, at the stages of their units."""
    user = request.user
    if not (has_perm(user, REVIEW) or has_perm(user, SCORE)):
        raise PermissionDenied
    decide = list(sel.review_worklist(user, perm=REVIEW)[:200])
    score = list(sel.review_worklist(user, perm=SCORE)[:200])
    return render(request, "honors/review.html", {"decide": decide, "score": score})


# --- nominations -------------------------------------------------------------------------------------------


def _people_for(request, q: str) -> list:
    people = list(person_list(request.user, q=q)[:50]) if q else []
    if request.method == "POST":
        from jinguo.people.selectors import people_nameable

        posted = [request.POST.get("person"), *request.POST.getlist("members")]
        for p in people_nameable(request.user, [v for v in posted if v]).values():
            if p not in people:
                people.append(p)
    return people


@login_required
def nomination_new(request):
    require(request.user, NOMINATE)
    q = request.GET.get("q", "").strip()[:40]
    programmes_open = list(sel.open_programmes(request.user))
    form = f.NominationForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        programmes=programmes_open,
        people=_people_for(request, q),
        initial={
            "org_code": default_unit_code(request.user),
            "programme": request.GET.get("programme", ""),
        },
    )
    return form_page(  # a valid form is sent once: core.idempotency's middleware
        request,
        form,
        lambda d: services.nomination_create_full(
            actor=request.user,
            programme=d["programme"],
            org=d["org"],
            deeds=d["deeds"],
            summary=d["summary"],
            person=d.get("person") or None,
            collective_org=d.get("collective_org"),
            group_name=d.get("group_name") or "",
            family_name=d.get("family_name") or "",
            members=form.members_with_relations(),
            nominee_unit=d.get("nominee_unit") or "",
            attachment=d.get("attachment"),
            consent=(d.get("consent_given_by"), d.get("consent_method")),
            submit=d.get("submit_now"),
        ),
        title=_("New nomination"),
        back=reverse("honors:nominations"),
        done=lambda n: (
            _("The nomination is submitted.") if n.state == S.SUBMITTED else _("The nomination is saved as a draft.")
        ),
        to=lambda n: reverse("honors:nomination", args=[n.pk]),
        template="honors/nomination_form.html",
        extra={"q": q},
        denied_field="org_code",
    )


@login_required
def nomination(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    user = request.user
    criteria = list(n.programme.criteria.all())
    at_stage = n.state in STAGE_LEVEL
    own_scores = {s.criterion_id: s.value for s in n.scores.filter(judge=user, stage=n.state)} if at_stage else {}
    may_score = (
        at_stage
        and n.created_by_id != user.pk
        and user.pk in {u.pk for u in holders(services.stage_path(n), SCORE)}
        and not services.own_unit(user, n)
    )
    may_decide = at_stage and n.created_by_id != user.pk and user.pk in {u.pk for u in services.stage_reviewers(n)}
    may_nominate = in_scope(user, n.org_path, NOMINATE)
    context = {
        "n": n,
        "criteria": criteria,
        "scores": n.scores.select_related("criterion", "judge").order_by("stage", "judge_id", "criterion__sort"),
        "attachments": list(n.attachments.all()),
        "members": list(n.members.select_related("person")),
        "consent": getattr(n, "consent", None) if hasattr(n, "consent") else None,
        "eligibility": services.eligibility_errors(n) if n.state == S.DRAFT else [],
        "score_form": f.ScoreForm(criteria=criteria, current=own_scores, prefix="s") if may_score else None,
        "may_decide": may_decide,
        "may_submit": n.state == S.DRAFT and may_nominate,
        "may_attach": n.state in (S.DRAFT, S.SUBMITTED) and may_nominate,
        "consent_form": f.ConsentForm(prefix="c") if may_nominate and not hasattr(n, "consent") else None,
        "attach_form": f.AttachmentForm(prefix="a"),
        "history": history(n, user),
        "comment_url": reverse("core:comment", args=["honors.nomination", n.pk]),
        "stage_unit": services.stage_path(n) if at_stage else "",
        "due": services.stage_due(n) if at_stage else None,
    }
    return render(request, "honors/nomination.html", context)


@login_required
@require_POST
def nomination_decide(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)

    def decide():
        if request.POST.get("decision") == "advance":
            services.nomination_advance(actor=request.user, nomination=n)
        else:
            services.nomination_not_advance(actor=request.user, nomination=n, reason=request.POST.get("reason", ""))

    return act(request, decide, done=_("The decision is recorded."), to=reverse("honors:nomination", args=[n.pk]))


@login_required
@require_POST
def nomination_submit(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    return act(
        request,
        lambda: services.nomination_submit(actor=request.user, nomination=n),
        done=_("The nomination is submitted."),
        to=reverse("honors:nomination", args=[n.pk]),
    )


@login_required
@require_POST
def nomination_score(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    criteria = list(n.programme.criteria.all())
    form = f.ScoreForm(request.POST, criteria=criteria, prefix="s")
    return _post_form(
        request,
        form,
        lambda d: services.nomination_score(actor=request.user, nomination=n, values=form.values()),
        lambda total: _("Your scores are saved. The nomination's score is now %(score)s.") % {"score": total or "—"},
        reverse("honors:nomination", args=[n.pk]),
    )


@login_required
@require_POST
def nomination_consent(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    form = f.ConsentForm(request.POST, prefix="c")
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("honors:nomination", pk=n.pk)
    return act(
        request,
        lambda: services.consent_record(actor=request.user, nomination=n, **form.cleaned_data),
        done=_("The nominee's consent is recorded."),
        to=reverse("honors:nomination", args=[n.pk]),
    )


@login_required
@require_POST
def nomination_attach(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    form = f.AttachmentForm(request.POST, request.FILES, prefix="a")
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("honors:nomination", pk=n.pk)
    return act(
        request,
        lambda: services.attachment_add(actor=request.user, nomination=n, upload=form.cleaned_data["file"]),
        done=_("The file is added."),
        to=reverse("honors:nomination", args=[n.pk]),
    )


def _attachment_for(request, pk, apk):
    n = sel.get_nomination_for_user(request.user, pk)
    a = n.attachments.filter(pk=apk).first()
    if a is None:
        raise Http404
    return n, a


@login_required
def attachment(request, pk, apk):
    n, a = _attachment_for(request, pk, apk)
    try:
        fh = a.file.open("rb")
    except OSError:
        raise Http404 from None
    audit.record(request.user, "honors.attachment_read", obj=n, detail={"attachment": a.pk})
    return FileResponse(fh, as_attachment=True, filename=a.name)


@login_required
@require_POST
def attachment_remove(request, pk, apk):
    n, a = _attachment_for(request, pk, apk)
    return act(
        request,
        lambda: services.attachment_remove(actor=request.user, attachment=a),
        done=_("The file is removed."),
        to=reverse("honors:nomination", args=[n.pk]),
    )


# --- notices and objections --------------------------------------------------------------------------------


@login_required
def notice_new(request, pk):
    p = sel.get_programme_for_user(request.user, pk)
    require(request.user, MANAGE)
    stages = [(s, NominationState(s).label) for s in STAGE_LEVEL]
    form = f.NoticeForm(
        request.POST or None,
        user=request.user,
        stages=stages,
        initial={"org_code": default_unit_code(request.user), "start": timezone.localdate(), "stage": S.REGION_FINAL},
    )

    def schedule(d):
        try:
            return services.notice_schedule(
                actor=request.user, programme=p, org=d["org"], stage=d["stage"], start=d["start"]
            )
        except NoHolidayData as e:  # the start date's year has no holiday table yet
            raise ValidationError({"start": e.messages}) from e

    return form_page(
        request,
        form,
        schedule,
        title=_("Schedule a public notice"),
        back=reverse("honors:programme", args=[p.pk]),
        done=lambda notice: (
            _("The notice runs from %(start)s to %(end)s.")
            % {"start": notice.start.isoformat(), "end": notice.end.isoformat()}
        ),
        to=lambda notice: reverse("honors:notice", args=[notice.pk]),
        template="honors/notice_form.html",
        extra={"p": p},
        denied_field="org_code",
    )


@login_required
def notice(request, pk):
    n = sel.get_notice_for_user(request.user, pk)
    return render(
        request,
        "honors/notice.html",
        {
            "notice": n,
            "nominees": list(n.nominations.select_related("person", "collective_org", "org").order_by("org_path")),
            "objections": list(n.objections.select_related("nomination__person", "assignee")),
            "public": n.state == NoticeState.OPEN and n.start <= timezone.localdate() <= n.end,
        },
    )


@login_required
def objections(request):
    require(request.user, MANAGE)
    page = paginate(request, sel.objection_list(request.user))
    return render(request, "honors/objections.html", {"page": page})


@login_required
def objection(request, pk):
    o = sel.get_objection_for_user(request.user, pk)
    manage = in_scope(request.user, o.notice.org_path, MANAGE)
    people = holders(o.notice.org_path, MANAGE) if manage else []
    return render(
        request,
        "honors/objection.html",
        {
            "o": o,
            "manage": manage,
            "assign_form": f.AssignForm(people=people, initial={"assignee": o.assignee_id}) if manage else None,
            "conclude_form": f.ConcludeForm() if manage and o.state == ObjectionState.INVESTIGATING else None,
            "history": history(o, request.user) if manage else [],
        },
    )


@login_required
@require_POST
def objection_act(request, pk, action):
    o = sel.get_objection_for_user(request.user, pk)
    if not in_scope(request.user, o.notice.org_path, MANAGE):
        raise PermissionDenied
    if action == "reveal":
        try:
            value = services.objection_reveal_contact(actor=request.user, objection=o)
        except PermissionDenied as e:
            return HttpResponse(str(e), status=403)
        return HttpResponse(format_html('<span class="masked" data-testid="revealed-contact">{}</span>', value))

    def step():
        if action == "assign":
            form = f.AssignForm(request.POST, people=holders(o.notice.org_path, MANAGE))
            if not form.is_valid():
                raise form_refusal(form)
            services.objection_assign(actor=request.user, objection=o, assignee=form.cleaned_data["assignee"])
        elif action == "investigate":
            services.objection_investigate(actor=request.user, objection=o)
        elif action == "conclude":
            form = f.ConcludeForm(request.POST)
            if not form.is_valid():
                raise form_refusal(form)
            services.objection_conclude(
                actor=request.user,
                objection=o,
                outcome=form.cleaned_data["outcome"],
                upheld=form.cleaned_data["upheld"],
            )
        else:
            raise Http404

    return act(request, step, done=_("Done."), to=reverse("honors:objection", args=[o.pk]))


# --- the holiday table ----------------------------------------------------------------------------------------


@login_required
def holidays(request):
    require(request.user, MANAGE)
    may_enter = any(level_of(p) == "province" for p in scope_paths(request.user, MANAGE))
    year = request.GET.get("year", "")
    initial = {}
    if year.isdigit() and len(year) == 4:
        entered = sel.holiday_years().filter(year=int(year)).first()
        if entered is not None:
            initial = {
                "year": entered.year,
                "days": "\n".join(
                    f"{d.date.isoformat()} {'班' if d.workday else '休'} {d.name}".strip()
                    for d in entered.days.order_by("date")
                ),
            }
    if request.method == "POST" and not may_enter:
        raise PermissionDenied
    return form_page(
        request,
        f.HolidayForm(request.POST or None, initial=initial),
        lambda d: services.holiday_year_enter(actor=request.user, year=d["year"], days=d["days"]),
        done=lambda entry: _("The holidays of %(year)s are saved.") % {"year": entry.year},
        to=reverse("honors:holidays"),
        template="honors/holidays.html",
        extra=lambda: {"years": sel.holiday_years(), "known": known_years(), "may_enter": may_enter},
    )


# --- social applications ------------------------------------------------------------------------------------


@login_required
def applications(request):
    require(request.user, NOMINATE)
    page = paginate(request, sel.application_list(request.user))
    return render(request, "honors/applications.html", {"page": page})


@login_required
def application(request, pk):
    app = sel.get_application_for_user(request.user, pk)
    return render(
        request,
        "honors/application.html",
        {
            "app": app,
            "waiting": app.state == ApplicationState.RECEIVED,
            "reject_form": f.RejectForm(),
            "org_code": app.org.code,
        },
    )


@login_required
@require_POST
def application_decide(request, pk):
    app = sel.get_application_for_user(request.user, pk)
    # Not core.formviews.act: taken up, the page to go to is the new nomination's; refused or not taken up, this one.
    try:
        if request.POST.get("decision") == "accept":
            code = request.POST.get("org_code", "").strip()[:12]
            org = get_org_for_user(request.user, code) if code else None
            n = services.application_accept(actor=request.user, application=app, org=org)
            messages.success(request, _("The application is taken up as a draft nomination."))
            return redirect("honors:nomination", pk=n.pk)
        services.application_reject(actor=request.user, application=app, reason=request.POST.get("reason", ""))
        messages.success(request, _("The application is not taken up."))
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    return redirect("honors:application", pk=app.pk)


# --- the registry: an honour, its publicity, stories and recommendation --------------------------------------


@login_required
def honour(request, pk):
    from jinguo.outreach.selectors import lectures_given_by

    h = sel.get_honour_for_user(request.user, pk)
    manage = in_scope(request.user, h.org_path, MANAGE)
    lectures = list(lectures_given_by(request.user, h.holder_id)[:50]) if h.holder_id else []
    region = any(level_of(p) == "province" for p in scope_paths(request.user, MANAGE))
    return render(
        request,
        "honors/honour.html",
        {
            "h": h,
            "manage": manage,
            "publicity": list(sel.publicity_of(h)),
            "stories": list(sel.stories_of(h)),
            "lectures": lectures,
            "recommendations": list(h.recommendations.select_related("title")),
            "publicity_form": f.PublicityForm(lectures=lectures, prefix="p") if manage else None,
            "story_form": f.StoryForm(prefix="s") if manage else None,
            "recommend_form": f.RecommendForm(
                titles=sel.titles(), prefix="r", initial={"year": timezone.localdate().year, "title": h.title_id}
            )
            if manage and region and h.level != AwardLevel.NATIONAL and h.revoked_at is None
            else None,
            "revoke_form": f.RevokeForm(prefix="v") if manage and h.revoked_at is None else None,
            "history": history(h, request.user),
        },
    )


def _post_form(request, form, save, done, to: str):
    """A form posted from a panel of a record's page: `save(cleaned_data)` as a button (core.formviews.act), or the
    form's errors as messages, each after its field's label; then back to the record's page at `to`."""
    if form.is_valid():
        return act(request, lambda: save(form.cleaned_data), done=done, to=to)
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}: {e}" if label else e)
    return redirect(to)


@login_required
@require_POST
def publicity_add(request, pk):
    from jinguo.outreach.selectors import lectures_given_by

    h = sel.get_honour_for_user(request.user, pk)
    lectures = list(lectures_given_by(request.user, h.holder_id)[:50]) if h.holder_id else []
    form = f.PublicityForm(request.POST, lectures=lectures, prefix="p")
    return _post_form(
        request,
        form,
        lambda d: services.publicity_add(
            actor=request.user,
            honour=h,
            channel=d["channel"],
            date=d["date"],
            title=d["title"],
            outlet=d["outlet"],
            url=d["url"],
            lecture_id=int(d["lecture"]) if d.get("lecture") else None,
        ),
        _("The publicity is recorded."),
        reverse("honors:honour", args=[h.pk]),
    )


@login_required
@require_POST
def story_add(request, pk):
    h = sel.get_honour_for_user(request.user, pk)
    form = f.StoryForm(request.POST, request.FILES, prefix="s")
    return _post_form(
        request,
        form,
        lambda d: services.story_add(actor=request.user, honour=h, **d),
        _("The story is kept."),
        reverse("honors:honour", args=[h.pk]),
    )


@login_required
@require_POST
def story_consent(request, pk, spk):
    h = sel.get_honour_for_user(request.user, pk)
    story = h.stories.filter(pk=spk).first()
    if story is None:
        raise Http404
    form = f.ConsentForm(request.POST, prefix=f"sc{story.pk}")
    return _post_form(
        request,
        form,
        lambda d: services.story_consent(actor=request.user, story=story, given_by=d["given_by"], method=d["method"]),
        _("The family's consent is recorded."),
        reverse("honors:honour", args=[h.pk]),
    )


@login_required
def story_photo(request, pk, spk):
    h = sel.get_honour_for_user(request.user, pk)
    story = h.stories.filter(pk=spk).first()
    if story is None:
        raise Http404
    return image_response(story.photo)


@login_required
@require_POST
def recommend(request, pk):
    h = sel.get_honour_for_user(request.user, pk)
    form = f.RecommendForm(request.POST, titles=sel.titles(), prefix="r")
    return _post_form(
        request,
        form,
        lambda d: services.recommend(actor=request.user, honour=h, **d),
        _("The honoree is recommended upward."),
        reverse("honors:honour", args=[h.pk]),
    )


@login_required
@require_POST
def recommendation_outcome(request, pk):
    r = sel.get_recommendation_for_user(request.user, pk)
    form = f.OutcomeForm(request.POST, prefix=f"o{r.pk}")
    return _post_form(
        request,
        form,
        lambda d: services.recommendation_outcome(actor=request.user, recommendation=r, **d),
        _("The outcome is recorded."),
        reverse("honors:honour", args=[r.honour_id]),
    )


@login_required
def publicity_gaps(request):
    months_text = request.GET.get("months", "6")
    months = int(months_text) if months_text.isdigit() and 1 <= int(months_text) <= 120 else 6
    code = request.GET.get("under", "").strip()[:12]
    under = get_org_for_user(request.user, code) if code else None
    qs = sel.publicity_gaps(request.user, months=months, under_path=under.path if under else None)
    return render(
        request,
        "honors/publicity_gaps.html",
        {"page": paginate(request, qs), "months": months, "under": under},
    )


@login_required
def certificate(request, pk):
    h = sel.get_honour_for_user(request.user, pk)
    audit.record(request.user, "honors.certificate", obj=h)
    response = HttpResponse(
        services.certificate_docx(h),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{h.certificate_no}.docx"'
    return response


@login_required
@require_POST
def honour_revoke(request, pk):
    h = sel.get_honour_for_user(request.user, pk)
    reason = request.POST.get("v-reason", request.POST.get("reason", ""))
    return act(
        request,
        lambda: services.honour_revoke(actor=request.user, honour=h, reason=reason),
        done=_("The honour is revoked."),
        to=reverse("honors:honour", args=[h.pk]),
    )


# --- the home page's card --------------------------------------------------------------------------------------


def home_cards(request) -> str:
    from django.template.loader import render_to_string

    user = request.user
    if not (has_perm(user, REVIEW) or has_perm(user, NOMINATE)):
        return ""
    queues = [
        (_("Nominations waiting for my decision"), sel.review_worklist(user, perm=REVIEW).count(), "honors:review"),
        (_("Social nominations to vet"), sel.applications_waiting(user).count(), "honors:applications"),
    ]
    if not any(n for _label, n, _url in queues):
        return ""
    return render_to_string("honors/home_cards.html", {"queues": queues}, request=request)
