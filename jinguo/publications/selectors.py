"""Reads of publication distribution, scoped to the acting user: publications (with those of the units above),
subscriptions, and progress against the targets with the rankings by level.

Progress over all the publications of a year reads the dashboard's roll-up of copies (`publications.copies`, one
row per unit for the year); progress on one publication groups its subscriptions by unit in one query. Either way a
ranking costs a fixed number of queries whatever the number of units and subscriptions.
"""

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.functions import Length, Substr

from jinguo.core.paths import LEVEL_DIGITS, LEVELS
from jinguo.core.scope import get_for_user, scoped, scoped_with_lineage
from jinguo.orgs.models import OrgUnit
from jinguo.publications.models import Publication, Subscription, Target
from jinguo.publications.module import MANAGE
from jinguo.stats.models import Rollup

RANK_LEVELS = ("league", "county")  # the levels targets are given to, ranked on the progress page


def publication_list(user) -> QuerySet[Publication]:
    """Publications of the user's units and of the units above them (a county distributes the region's)."""
    return scoped_with_lineage(Publication.objects.select_related("org"), user).order_by("-year", "org_path", "pk")


def publication_choices(user, *, year: int | None = None) -> QuerySet[Publication]:
    """The publications the user may record subscriptions to: taking subscriptions, of a year when given."""
    qs = publication_list(user).filter(active=True)
    return qs.filter(year=year) if year else qs


def get_publication_for_user(user, pk) -> Publication:
    return get_for_user(Publication.objects.select_related("org"), user, pk, lineage=True)


def resolve_publication(user, value, *, field: str = "publication") -> Publication:
    """An id from a form or an API payload → a publication the user may subscribe to; an unknown one and one out
    of reach get the one answer (a retired one is refused by the service, with its title)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from jinguo.core.bounds import record_id

    pk = record_id(value) if value not in (None, "") else None
    pub = publication_list(user).filter(pk=pk).first() if pk is not None else None
    if pub is None:
        raise ValidationError({field: [_("Choose the publication.")]})
    return pub


def may_manage(user, path: str) -> bool:
    from jinguo.core.scope import in_scope

    return in_scope(user, path, MANAGE)


def years(user) -> list[int]:
    """The distribution years of the user's publications, newest first."""
    return sorted(set(publication_list(user).values_list("year", flat=True)), reverse=True)


def subscription_list(user) -> QuerySet[Subscription]:
    return scoped(Subscription.objects.select_related("publication", "org"), user).order_by("-date", "-pk")


def get_subscription_for_user(user, pk, *, write: bool = False) -> Subscription:
    return get_for_user(Subscription.objects.select_related("publication", "org"), user, pk, write=write)


# --- progress and rankings ------------------------------------------------------------------------------------


@dataclass
class Progress:
    org: OrgUnit
    target: int = 0
    copies: int = 0
    allocated: int = 0  # given to the units just below
    rank: int = 0

    @property
    def percent(self) -> float | None:
        return round(self.copies * 100 / self.target, 1) if self.target else None

    @property
    def bar(self) -> float:
        """The progress bar's width: at most 100."""
        return min(self.percent or 0.0, 100.0)

    @property
    def remaining(self) -> int:
        return max(self.target - self.copies, 0)

    @property
    def over_allocated(self) -> int:
        return max(self.allocated - self.target, 0)


def _targets(paths_q: dict, year: int, publication: Publication | None) -> QuerySet:
    qs = Target.objects.filter(**paths_q)
    return qs.filter(publication=publication) if publication else qs.filter(publication__year=year)


def _copies_by_unit(under_path: str, depth: int, year: int, publication: Publication | None) -> dict[str, int]:
    """Copies per unit at `depth` below `under_path` (its whole subtree): the roll-up of the year for all
    publications, or one publication's subscriptions grouped by unit."""
    if publication is None:
        rows = (
            Rollup.objects.filter(metric="publications.copies", period=str(year), org_path__startswith=under_path)
            .annotate(n=Length("org_path"))
            .filter(n=depth)
            .values_list("org_path", "value")
        )
        return dict(rows)
    rows = (
        Subscription.objects.filter(publication=publication, org_path__startswith=under_path)
        .annotate(p=Substr("org_path", 1, depth), n=Length("org_path"))
        .filter(n__gte=depth)
        .values("p")
        .annotate(c=Sum("copies"))
        .values_list("p", "c")
    )
    return dict(rows)


def _rank(rows: list[Progress]) -> list[Progress]:
    """Highest progress first (a unit without a target after those with one), then most copies; equal units
    share their rank (1, 2, 2, 4)."""

    def key(r: Progress):
        return (-(r.percent if r.percent is not None else -1.0), -r.copies)

    rows.sort(key=lambda r: (*key(r), r.org.path))
    for i, r in enumerate(rows):
        r.rank = rows[i - 1].rank if i and key(rows[i - 1]) == key(r) else i + 1
    return rows


def ranking(under: OrgUnit, year: int, level: str, publication: Publication | None = None) -> list[Progress]:
    """The units of `level` below `under` (a unit the caller may read) with their target, copies and progress,
    ranked: three queries."""
    depth = LEVEL_DIGITS[level]
    units = list(OrgUnit.objects.filter(path__startswith=under.path, level=level).order_by("path"))
    targets = dict(
        _targets({"org_path__startswith": under.path}, year, publication)
        .annotate(n=Length("org_path"))
        .filter(n=depth)
        .values("org_path")
        .annotate(t=Sum("copies"))
        .values_list("org_path", "t")
    )
    copies = _copies_by_unit(under.path, depth, year, publication)
    rows = [Progress(u, targets.get(u.path, 0), copies.get(u.path, 0)) for u in units]
    return _rank(rows)


def summary(under: OrgUnit, year: int, publication: Publication | None = None) -> Progress:
    """The unit's own target, what it gave the units just below, and the copies of its subtree: three queries."""
    own = _targets({"org_path": under.path}, year, publication).aggregate(t=Sum("copies"))["t"] or 0
    below = LEVELS.index(under.level) + 1
    allocated = 0
    if below < len(LEVELS):
        allocated = _targets({"org__parent": under}, year, publication).aggregate(t=Sum("copies"))["t"] or 0
    copies = _copies_by_unit(under.path, len(under.path), year, publication).get(under.path, 0)
    return Progress(under, own, copies, allocated)


def rank_levels(under: OrgUnit) -> list[str]:
    """The levels below `under` whose units are ranked (leagues and counties)."""
    return [lvl for lvl in RANK_LEVELS if LEVELS.index(lvl) > LEVELS.index(under.level)]


@dataclass
class PublicationRow:
    publication: Publication
    progress: Progress


def publication_progress(user, under: OrgUnit, year: int) -> list[PublicationRow]:
    """Each publication of the year the user reads, with the unit's target, what it gave below and the copies of
    its subtree: four queries."""
    pubs = list(publication_list(user).filter(year=year))
    ids = [p.pk for p in pubs]
    own = dict(Target.objects.filter(publication__in=ids, org_path=under.path).values_list("publication_id", "copies"))
    given = dict(
        Target.objects.filter(publication__in=ids, org__parent=under)
        .values("publication_id")
        .annotate(t=Sum("copies"))
        .values_list("publication_id", "t")
    )
    copies = dict(
        Subscription.objects.filter(publication__in=ids, org_path__startswith=under.path)
        .values("publication_id")
        .annotate(c=Sum("copies"))
        .values_list("publication_id", "c")
    )
    return [PublicationRow(p, Progress(under, own.get(p.pk, 0), copies.get(p.pk, 0), given.get(p.pk, 0))) for p in pubs]


def targets_of_children(publication: Publication, under: OrgUnit) -> list[Progress]:
    """The units just below `under` with their targets of `publication`, what each gave below and its copies, for
    the page where `under` sets them: four queries."""
    children = list(OrgUnit.objects.filter(parent=under).order_by("path"))
    paths = [c.path for c in children]
    targets = dict(Target.objects.filter(publication=publication, org_path__in=paths).values_list("org_path", "copies"))
    given = {}
    if children:
        depth = len(children[0].path)
        given = dict(
            Target.objects.filter(publication=publication, org__parent__in=children)
            .annotate(p=Substr("org_path", 1, depth))
            .values("p")
            .annotate(t=Sum("copies"))
            .values_list("p", "t")
        )
    copies = _copies_by_unit(under.path, len(children[0].path), publication.year, publication) if children else {}
    return [Progress(c, targets.get(c.path, 0), copies.get(c.path, 0), given.get(c.path, 0)) for c in children]
