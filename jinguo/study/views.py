from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.forms import apply_errors
from jinguo.core.lists import export_view, page_view
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require
from jinguo.orgs.selectors import get_org_for_user, org_roots
from jinguo.people.selectors import person_list
from jinguo.study import selectors as sel
from jinguo.study import services
from jinguo.study.forms import SessionForm
from jinguo.study.lists import RECORDS, SESSIONS
from jinguo.study.models import Attendance


def _year(request) -> int:
    y = request.GET.get("year", "")
    return int(y) if y.isdigit() and 2000 <= int(y) <= 2100 else timezone.localdate().year


def _under(request):
    code = request.GET.get("under", "").strip()
    return get_org_for_user(request.user, code) if code else None


session_index = page_view(SESSIONS)
session_export = export_view(SESSIONS)


@login_required
def session_new(request):
    require(request.user, Perm.WRITE)
    if request.method == "POST":
        form = SessionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                s = services.study_session_create(
                    actor=request.user, org=form.cleaned_data["org"], **form.service_data()
                )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("The study session is recorded: now take the attendance."))
                return redirect("study:session", pk=s.pk)
    else:
        roots = org_roots(request.user)
        today = timezone.localdate()
        initial = {"date": today.isoformat(), "hours": "2", "org_code": roots[0].code if len(roots) == 1 else ""}
        form = SessionForm(initial=initial, user=request.user)
    return render(request, "study/form.html", {"form": form, "session": None})


@login_required
def session_edit(request, pk):
    s = sel.get_session_for_user(request.user, pk, write=True)
    initial = {
        "title": s.title,
        "form": s.form,
        "date": s.date.isoformat(),
        "hours": str(s.hours),
        "org_code": s.org.code,
        "theme": str(s.theme_id),
        "leader": str(s.leader_id or ""),
        "materials": s.materials,
        "summary": s.summary,
    }
    form = SessionForm(request.POST or None, initial=initial, user=request.user, day=s.date, leader=s.leader)
    form.fields["org_code"].disabled = True
    form.fields["org_code"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            services.study_session_update(actor=request.user, session=s, **form.service_data())
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("study:session", pk=s.pk)
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


records = page_view(RECORDS)
records_export = export_view(RECORDS)
