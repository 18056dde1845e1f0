"""Reads of publicity venues, scoped to the acting user: venues, inspections and their problems, the points of the
map, and the coverage of villages with a 妇女之家 in use (stats.coverage over `venues.homes_in_use`).

Other modules name a venue through `resolve_venue` (a lecture held at a venue): a venue the user reads with its
lineage (a county's lecture at the league's education base), not closed, on the line of the record's unit
(`venue_serves`).
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.core.scope import get_for_user, scoped, scoped_with_lineage
from jinguo.venues.models import WOMEN_HOME, Inspection, Problem, Venue, VenueKind, VenuePhoto, VenueStatus

COVERAGE_METRIC = "venues.homes_in_use"


def kind_choices() -> QuerySet[VenueKind]:
    return VenueKind.objects.filter(active=True).order_by("sort", "pk")


def venue_list(user) -> QuerySet[Venue]:
    return scoped(Venue.objects.select_related("kind", "org", "manager"), user).order_by("org_path", "name", "pk")


def get_venue_for_user(user, pk, *, write: bool = False) -> Venue:
    return get_for_user(Venue.objects.select_related("kind", "org", "manager", "manager__org"), user, pk, write=write)


def get_photo_for_user(user, venue: Venue, pk) -> VenuePhoto:
    return get_for_user(VenuePhoto.objects.filter(venue=venue).select_related("venue"), user, pk)


def venue_choices(user) -> QuerySet[Venue]:
    """Venues the user may name in a record: their units', below and above, not closed."""
    return (
        scoped_with_lineage(Venue.objects.select_related("org", "kind"), user)
        .exclude(status=VenueStatus.CLOSED)
        .order_by("org_path", "name")
    )


def resolve_venue(user, value, *, field: str = "venue") -> Venue | None:
    """An id (a form's, an API payload's) or a venue → a venue the user may name; None for none. An unknown id, one
    out of reach and a closed venue get the one answer."""
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, Venue) else record_id(value)
    venue = venue_choices(user).filter(pk=pk).first() if pk is not None else None
    if venue is None:
        raise ValidationError({field: [_("Choose the venue from the list.")]})
    return venue


def venue_serves(venue: Venue, path: str) -> str | None:
    """Why a record of the unit at `path` cannot have been held at `venue`, or None: the venue's unit and the
    record's lie on one line of the tree (a village's 妇女之家 for a town's lecture, the league's base for a
    county's)."""
    if path.startswith(venue.org_path) or venue.org_path.startswith(path):
        return None
    return _("“%(venue)s” belongs to %(unit)s, which is not on this unit's line.") % {
        "venue": venue.name,
        "unit": venue.org.name,
    }


def venues_by_name(user, names) -> dict[str, list[Venue]]:
    """Venues the user may name, by name (imports name a venue by its name)."""
    out: dict[str, list[Venue]] = {}
    for v in venue_choices(user).filter(name__in=list(names)):
        out.setdefault(v.name, []).append(v)
    return out


# --- inspections ---------------------------------------------------------------------------------------------


def inspection_list(user) -> QuerySet[Inspection]:
    return scoped(
        Inspection.objects.select_related("venue__kind", "org").annotate(
            open_problems=Count("problems", filter=Q(problems__fixed_on__isnull=True))
        ),
        user,
    ).order_by("-date", "-pk")


def venue_inspections(venue: Venue) -> list[Inspection]:
    """A venue's inspections, newest first, with their problems (two queries)."""
    return list(
        venue.inspections.order_by("-year").prefetch_related(Prefetch("problems", queryset=Problem.objects.all()))
    )


def get_inspection_for_user(user, pk) -> Inspection:
    return get_for_user(Inspection.objects.select_related("venue__kind", "org"), user, pk)


def get_problem_for_user(user, pk) -> Problem:
    return get_for_user(
        Problem.objects.select_related("inspection__venue__kind", "inspection__org"),
        user,
        pk,
        field="inspection__org_path",
    )


# --- the map and the coverage --------------------------------------------------------------------------------


def map_points(user, under) -> list[dict]:
    """The located venues below `under` the user reads, as the map draws them: one query."""
    qs = venue_list(user).filter(org_path__startswith=under.path, lng__isnull=False, lat__isnull=False)
    return [
        {
            "id": v.pk,
            "name": v.name,
            "kind": v.kind.name,
            "status": v.status,
            "unit": v.org.name,
            "value": [float(v.lng), float(v.lat)],
        }
        for v in qs
    ]


def homes_coverage(under, year: int):
    """Villages (and every level) below `under` with a 妇女之家 found in use by the year's inspection."""
    from jinguo.stats.coverage import coverage

    return coverage(COVERAGE_METRIC, under, str(year))


def homes_gaps(under, year: int, level: str = "village"):
    from jinguo.stats.coverage import gaps

    return gaps(COVERAGE_METRIC, under, str(year), level)


def women_home_kind() -> VenueKind | None:
    return VenueKind.objects.filter(code=WOMEN_HOME).first()
