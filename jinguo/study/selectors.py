"""Reads of joint study, scoped to the acting user; each cadre's learning record for a year."""

from django.db.models import Count, Q, QuerySet, Sum

from jinguo.core.scope import get_for_user, scoped
from jinguo.study.models import Attendance, StudyAttendance, StudyForm, StudySession


def session_list(
    user, *, under_path: str | None = None, year: int | None = None, form: str = "", q: str = ""
) -> QuerySet[StudySession]:
    qs = scoped(StudySession.objects.select_related("org", "theme", "leader"), user).annotate(
        n_present=Count("attendance", filter=Q(attendance__status=Attendance.PRESENT)),
        n_attendees=Count("attendance"),
    )
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    if year:
        qs = qs.filter(date__year=year)
    if form:
        qs = qs.filter(form=form)
    q = (q or "").strip()
    if q:
        qs = qs.filter(title__contains=q)
    return qs.order_by("-date", "-pk")


def get_session_for_user(user, pk, *, write: bool = False) -> StudySession:
    return get_for_user(StudySession.objects.select_related("org", "theme", "leader"), user, pk, write=write)


def session_attendance(session: StudySession) -> QuerySet[StudyAttendance]:
    return session.attendance.select_related("person", "person__org").order_by("person__name", "pk")


def attendance_present(user) -> QuerySet:
    """The attendances (present) of the user's units: what learning records add up."""
    return scoped(StudyAttendance.objects.all(), user).filter(status=Attendance.PRESENT)


def learning_record_rows(qs: QuerySet) -> QuerySet:
    """Per person: sessions attended and hours, with the count per form (one query), of the attendances `qs`."""
    per_form = {f"n_{f}": Count("pk", filter=Q(session__form=f)) for f in StudyForm.values}
    return (
        qs.values("person_id", "person__name", "person__org__name", "person__org__code")
        .annotate(sessions=Count("pk"), hours=Sum("session__hours"), **per_form)
        .order_by("-hours", "person__name", "person_id")
    )


def learning_records(user, *, year: int, under_path: str | None = None, q: str = "") -> QuerySet:
    """Per person: sessions attended and hours in the year, with the count per form (one query)."""
    qs = attendance_present(user).filter(session__date__year=year)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    q = (q or "").strip()
    if q:
        qs = qs.filter(person__name__contains=q)
    return learning_record_rows(qs)
