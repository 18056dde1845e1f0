from django.db.models import QuerySet

from jinguo.core.scope import get_for_user, scoped
from jinguo.people.models import Person


def person_list(
    user, *, under_path: str | None = None, q: str = "", gender: str = "", ethnicity: str = ""
) -> QuerySet[Person]:
    qs = scoped(Person.objects.select_related("org"), user)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    q = (q or "").strip()
    if q:
        qs = qs.filter(name__contains=q)
    if gender:
        qs = qs.filter(gender=gender)
    if ethnicity:
        qs = qs.filter(ethnicity=ethnicity)
    return qs.order_by("org_path", "name", "pk")


def get_person_for_user(user, pk, *, write: bool = False) -> Person:
    return get_for_user(Person.objects.select_related("org"), user, pk, write=write)
