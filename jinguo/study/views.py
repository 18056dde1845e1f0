from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import audit, xlsx
from jinguo.core.forms import apply_errors
from jinguo.core.lists import export_view, page_view
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, in_scope, require, scope_paths
from jinguo.core.views import paginate
from jinguo.orgs.selectors import get_org_for_user, org_roots
from jinguo.people.models import Person
from jinguo.people.selectors import person_list
from jinguo.planning.selectors import get_theme_for_user, theme_choices, years_for_form
from jinguo.study import selectors as sel
from jinguo.study import services
from jinguo.study.forms import SessionForm
from jinguo.study.lists import SESSIONS
from jinguo.study.models import Attendance, StudyForm


def _year(request) -> int:
    y = request.GET.get("year", "")
    return int(y) if y.isdigit() and 2000 <= int(y) <= 2100 else timezone.localdate().year


def _under(request):
    code = request.GET.get("under", "").strip()
    return get_org_for_user(request.user, code) if code else None


session_index = page_view(SESSIONS)
session_export = export_view(SESSIONS)


def _leaders(request, extra=None):
    paths = scope_paths(request.user, Perm.WRITE)
    people = list(Person.objects.filter(org__path__in=paths).select_related("org").order_by("name")[:200])
    if extra is not None and all(p.pk != extra.pk for p in people):
        people.append(extra)
    return people


def _data(request, form) -> dict:
    d = form.cleaned_data
    try:
        theme = get_theme_for_user(request.user, d["theme"]) if d.get("theme") else None
    except Http404:
        theme = None
    return {
        "title": d["title"],
        "form": d["form"],
        "date": d["date"],
        "hours": d["hours"],
        "theme": theme,
        "leader": d.get("leader") or None,
        "materials": d["materials"],
        "summary": d["summary"],
    }


@login_required
def session_new(request):
    require(request.user, Perm.WRITE)
    today = timezone.localdate()
    years = years_for_form(request.POST.get("date"), today)
    kwargs = {"themes": theme_choices(request.user, year=years), "leaders": _leaders(request)}
    if request.method == "POST":
        form = SessionForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                org = get_org_for_user(request.user, form.cleaned_data["org_code"].strip())
            except Http404:
                form.add_error("org_code", _("There is no unit with that code among your units."))
            else:
                try:
                    s = services.study_session_create(actor=request.user, org=org, **_data(request, form))
                except ValidationError as e:
                    apply_errors(form, e)
                else:
                    messages.success(request, _("The study session is recorded: now take the attendance."))
                    return redirect("study:session", pk=s.pk)
    else:
        roots = org_roots(request.user)
        form = SessionForm(
            initial={"date": today.isoformat(), "hours": "2", "org_code": roots[0].code if len(roots) == 1 else ""},
            **kwargs,
        )
    return render(request, "study/form.html", {"form": form, "session": None})


@login_required
def session_edit(request, pk):
    s = sel.get_session_for_user(request.user, pk, write=True)
    years = years_for_form(request.POST.get("date") or s.date, s.date)
    kwargs = {"themes": theme_choices(request.user, year=years), "leaders": _leaders(request, s.leader)}
    if request.method == "POST":
        form = SessionForm(request.POST, **kwargs)
        form.fields["org_code"].disabled = True
        form.fields["org_code"].required = False
        if form.is_valid():
            try:
                services.study_session_update(actor=request.user, session=s, **_data(request, form))
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("study:session", pk=s.pk)
    else:
        form = SessionForm(
            initial={
                "title": s.title,
                "form": s.form,
                "date": s.date.isoformat(),
                "hours": str(s.hours),
                "org_code": s.org.code,
                "theme": str(s.theme_id),
                "leader": str(s.leader_id or ""),
                "materials": s.materials,
                "summary": s.summary,
            },
            **kwargs,
        )
        form.fields["org_code"].disabled = True
    return render(request, "study/form.html", {"form": form, "session": s})


@login_required
def session_detail(request, pk):
    s = sel.get_session_for_user(request.user, pk)
    rows = list(sel.session_attendance(s))
    listed = {a.person_id for a in rows}
    q = request.GET.get("q", "").strip()
    can_write = in_scope(request.user, s.org_path, Perm.WRITE)
    candidates = []
    if can_write:
        base = person_list(request.user, q=q) if q else person_list(request.user).filter(org_id=s.org_id)
        candidates = [p for p in base.exclude(pk__in=listed)[:50]]
    return render(
        request,
        "study/detail.html",
        {
            "session": s,
            "rows": rows,
            "candidates": candidates,
            "q": q,
            "statuses": Attendance.choices,
            "can_write": can_write,
            "present": sum(1 for a in rows if a.status == Attendance.PRESENT),
        },
    )


@login_required
@require_POST
def session_attendance(request, pk):
    s = sel.get_session_for_user(request.user, pk, write=True)
    statuses = {}
    for pid in request.POST.getlist("person"):
        status = request.POST.get(f"status_{pid}", Attendance.PRESENT)
        if request.POST.get(f"remove_{pid}"):
            continue
        statuses[pid] = status
    for pid in request.POST.getlist("add"):
        statuses.setdefault(pid, Attendance.PRESENT)
    try:
        n = services.study_attendance_set(actor=request.user, session=s, statuses=statuses)
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Attendance saved: %(n)s attendees.") % {"n": n})
    return redirect("study:session", pk=s.pk)


@login_required
@require_POST
def session_remove(request, pk):
    s = sel.get_session_for_user(request.user, pk, write=True)
    services.study_session_delete(actor=request.user, session=s)
    messages.success(request, _("The study session was removed."))
    return redirect("study:sessions")


@login_required
def records(request):
    require(request.user, Perm.READ)
    under = _under(request)
    year = _year(request)
    q = request.GET.get("q", "").strip()
    page = paginate(
        request, sel.learning_records(request.user, year=year, under_path=under.path if under else None, q=q)
    )
    return render(
        request,
        "study/records.html",
        {
            "page": page,
            "year": year,
            "under": under,
            "q": q,
            "forms": StudyForm.choices,
            "can_export": has_perm(request.user, Perm.EXPORT),
        },
    )


@login_required
def records_export(request):
    require(request.user, Perm.EXPORT)
    under = _under(request)
    year = _year(request)
    q = request.GET.get("q", "").strip()
    qs = sel.learning_records(request.user, year=year, under_path=under.path if under else None, q=q)
    headers = [_("Full name"), _("Org unit code"), _("Org unit"), _("Sessions"), _("Hours")] + [
        str(label) for _v, label in StudyForm.choices
    ]
    rows = (
        [r["person__name"], r["person__org__code"], r["person__org__name"], r["sessions"], float(r["hours"] or 0)]
        + [r[f"n_{f}"] for f in StudyForm.values]
        for r in qs.iterator(chunk_size=2000)
    )
    content = xlsx.export_workbook(_("Learning records"), headers, rows)
    audit.record(
        request.user,
        "export.learning_records",
        org_path=under.path if under else "",
        detail={"year": year, "under": under.code if under else "", "q": q},
    )
    return xlsx.xlsx_response(content, f"学习记录-{year}.xlsx")
