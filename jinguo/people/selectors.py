from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.core.paths import reporting_path
from jinguo.core.planner import scoped_broad
from jinguo.core.scope import get_for_user, scope_q
from jinguo.people.idcard import normalize, parse_id_number
from jinguo.people.models import Person
from jinguo.people.services import id_hash, phone_hash
from jinguo.people.validation import clean_phone


def person_list(
    user, *, under_path: str | None = None, q: str = "", gender: str = "", ethnicity: str = ""
) -> QuerySet[Person]:
    # A region-wide scope holds every person: SQLite then counts a search's first 1,001 matches by scanning the
    # table (13 ms) instead of looking each row up through the path index (93 ms); a league's or a county's
    # scope keeps the index (a scan would read far more rows than the index holds).
    qs = scoped_broad(Person.objects.select_related("org"), user, up_to=2)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    q = (q or "").strip()
    if q:
        qs = qs.filter(person_search(q))
    if gender:
        qs = qs.filter(gender=gender)
    if ethnicity:
        qs = qs.filter(ethnicity=ethnicity)
    return qs.order_by("org_path", "name", "pk")


def people_of_units(user, *, limit: int = 200) -> list[Person]:
    """People registered at the units where `user` writes (not below them): a form's short list to pick from."""
    from jinguo.core.roles import Perm
    from jinguo.core.scope import scope_paths

    paths = scope_paths(user, Perm.WRITE)
    return list(Person.objects.filter(org__path__in=paths).select_related("org").order_by("name")[:limit])


def person_search(q: str) -> Q:
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


def record_ids(values) -> list[int]:
    """The record ids among `values` (ints, digit strings or objects with a pk); the rest is dropped."""
    return [n for n in map(record_id, values or []) if n is not None]


def not_in_registry(ref) -> str:
    """The one answer for a person id that is unknown or outside the actor's units: it names nobody."""
    return _("Person #%(id)s is not in the people registry of your units.") % {"id": getattr(ref, "pk", ref)}


def people_nameable(actor, ids, *, also: QuerySet | None = None) -> dict[int, Person]:
    """The people among `ids` that `actor` may name in a record: the one rule, for forms, the API and imports.

    A person may be named when she is registered in the actor's units, or when the calling module allows
    her as well through `also`, a queryset of person ids (a lecture names members of the teams serving its
    unit). Ids that are unknown and ids of people outside the actor's units are both simply absent, so a
    caller answers them with one message and never names, nor tells apart, someone the actor cannot see.
    """
    ids = record_ids(ids)
    cond = _nameable_q(actor, also)
    if cond is None or not ids:
        return {}
    return {p.pk: p for p in Person.objects.filter(cond, pk__in=ids).select_related("org")}


def _nameable_q(actor, also: QuerySet | None) -> Q | None:
    """The condition of `people_nameable`: registered in the actor's units, or among `also`."""
    cond = scope_q(actor)
    if also is not None:
        cond = Q(pk__in=also) if cond is None else cond | Q(pk__in=also)
    return cond


def require_nameable(actor, refs, *, field: str, also: QuerySet | None = None) -> dict[int, Person]:
    """`people_nameable` for a record being written: every one of `refs` must be nameable, or ValidationError
    on `field` with the one refusal (not_in_registry) for each that is not."""
    refs = list(refs)
    found = people_nameable(actor, refs, also=also)
    missing = [ref for ref in refs if (record_ids([ref]) or [None])[0] not in found]
    if missing:
        raise ValidationError({field: [not_in_registry(ref) for ref in missing]})
    return found


def require_one_nameable(actor, ref, *, field: str, also: QuerySet | None = None) -> Person:
    """The one person `ref` names, when the actor may name her (see require_nameable)."""
    return next(iter(require_nameable(actor, [ref], field=field, also=also).values()))


def people_nameable_by_hash(actor, hashes, *, also: QuerySet | None = None) -> dict[str, Person]:
    """`people_nameable` keyed by ID-number hash, for imports that name people by ID number."""
    hashes = list(hashes)
    cond = _nameable_q(actor, also)
    if cond is None or not hashes:
        return {}
    found: dict[str, Person] = {}
    for i in range(0, len(hashes), 900):
        qs = Person.objects.filter(cond, id_number_hash__in=hashes[i : i + 900]).select_related("org")
        found.update({p.id_number_hash: p for p in qs})
    return found


def people_nameable_by_name(actor, names, *, also: QuerySet | None = None) -> dict[str, list[Person]]:
    """`people_nameable` by name, for imports that name people by name: every nameable namesake is listed,
    so the caller can refuse a name that is not unique."""
    names = sorted(set(names))
    cond = _nameable_q(actor, also)
    if cond is None or not names:
        return {}
    found: dict[str, list[Person]] = {}
    for i in range(0, len(names), 900):
        qs = Person.objects.filter(cond, name__in=names[i : i + 900]).select_related("org").order_by("pk")
        for p in qs:
            found.setdefault(p.name, []).append(p)
    return found


def people_by_county(under_path: str, *, per_county: int | None = None) -> dict[str, list[Person]]:
    """The people registered below `under_path`, grouped by county path (demo and benchmark builders);
    people of a league or the region itself stand under that unit's path (core.paths.reporting_path).

    `per_county` keeps only the first few of each county (a benchmark registry of a million people is not
    read into memory).
    """
    if per_county is None:
        out: dict[str, list[Person]] = {}
        for p in Person.objects.filter(org_path__startswith=under_path).order_by("pk"):
            out.setdefault(reporting_path(p.org_path), []).append(p)
        return out
    from jinguo.orgs.models import OrgUnit

    counties = OrgUnit.objects.filter(path__startswith=under_path, level="county").values_list("path", flat=True)
    return {
        path: list(Person.objects.filter(org_path__startswith=path).order_by("pk").only("pk", "org_path")[:per_county])
        for path in counties
    }
