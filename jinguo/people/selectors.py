from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from jinguo.core.scope import get_for_user, scoped
from jinguo.people.idcard import normalize, parse_id_number
from jinguo.people.models import Person
from jinguo.people.services import id_hash, phone_hash
from jinguo.people.validation import clean_phone


def person_list(
    user, *, under_path: str | None = None, q: str = "", gender: str = "", ethnicity: str = ""
) -> QuerySet[Person]:
    qs = scoped(Person.objects.select_related("org"), user)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    q = (q or "").strip()
    if q:
        qs = qs.filter(_search(q))
    if gender:
        qs = qs.filter(gender=gender)
    if ethnicity:
        qs = qs.filter(ethnicity=ethnicity)
    return qs.order_by("org_path", "name", "pk")


def _search(q: str) -> Q:
    """A name matches in part; an ID number or a mobile number, however typed, matches whole by its hash."""
    number = normalize(q)
    try:
        if len(number) == 18:
            return Q(id_number_hash=id_hash(parse_id_number(number)[0]))
        if phone := clean_phone(number):
            return Q(phone_hash=phone_hash(phone))
    except ValidationError:
        pass
    return Q(name__contains=q)


def get_person_for_user(user, pk, *, write: bool = False) -> Person:
    return get_for_user(Person.objects.select_related("org"), user, pk, write=write)


def export_rows(user, qs: QuerySet[Person]):
    """Rows of the people export: clear ID numbers and phones only in units where `user` may reveal them.

    Reads tuples, not model instances (three times faster on 100,000 rows), and decrypts nothing for
    the units where the user sees masked values.
    """
    from jinguo.core import crypto
    from jinguo.core.roles import Perm
    from jinguo.core.scope import scope_paths
    from jinguo.people.models import Gender

    reveal = tuple(scope_paths(user, Perm.REVEAL))
    genders = {k: str(v) for k, v in Gender.choices}
    fields = (
        "name",
        "gender",
        "ethnicity",
        "birth_date",
        "id_number_masked",
        "phone_masked",
        "org__code",
        "org__name",
        "org_path",
        "id_number_enc",
        "phone_enc",
    )
    for (
        name,
        gender,
        ethnicity,
        birth,
        id_masked,
        phone_masked,
        code,
        org_name,
        path,
        id_enc,
        phone_enc,
    ) in qs.values_list(*fields).iterator(chunk_size=5000):
        clear = bool(reveal) and path.startswith(reveal)
        yield (
            name,
            genders[gender],
            ethnicity,
            birth,
            crypto.decrypt(id_enc) if clear else id_masked,
            crypto.decrypt(phone_enc) if clear else phone_masked,
            code,
            org_name,
        )
