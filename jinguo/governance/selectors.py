"""Reads of village micro-governance, scoped to the acting user: each micro-line's records, and the overview of a
unit's villages with the five lines side by side (for a county or a town: every village with its figures; above,
every county with the villages each line reached).

The overview reads the roll-ups (one query for every village's figures of the period) and the coverage engine
(stats.coverage, two queries a line), so a county of 300 villages costs the same as one of 30.
"""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import Length, Substr

from jinguo.core.paths import LEVELS
from jinguo.core.scope import get_for_user, scoped
from jinguo.governance.lines import LINES, Line
from jinguo.governance.models import Agreement, AgreementState, MicroOrg, SupervisionItem, SupervisionState
from jinguo.orgs.models import OrgUnit
from jinguo.stats.coverage import coverage
from jinguo.stats.models import Rollup
from jinguo.stats.registry import covered_key


def record_list(user, line: Line) -> QuerySet:
    qs = line.model.objects.select_related("org", "org__parent")
    if "micro_org" in line.extra:
        qs = qs.select_related("micro_org")
    if "leader" in line.extra:
        qs = qs.select_related("leader")
    return scoped(qs, user).order_by("-date", "-pk")


def get_record_for_user(user, line: Line, pk, *, write: bool = False):
    qs = line.model.objects.select_related("org", "created_by")
    return get_for_user(qs, user, pk, write=write)


def micro_org_choices(user, org=None) -> QuerySet[MicroOrg]:
    """The active micro-organisations the user may name (of `org`, the record's village, when given)."""
    qs = scoped(MicroOrg.objects.filter(active=True).select_related("org"), user).order_by("org_path", "title")
    return qs.filter(org=org) if org is not None else qs


def resolve_micro_org(user, value, *, field: str = "micro_org") -> MicroOrg | None:
    """An id from a form or an API payload → a micro-organisation the user may name; unknown and out of reach
    read the same. (Whether it is of the record's village is the service's rule.)"""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from jinguo.core.bounds import record_id

    if value in (None, ""):
        return None
    pk = record_id(value)
    mo = micro_org_choices(user).filter(pk=pk).first() if pk is not None else None
    if mo is None:
        raise ValidationError({field: [_("Choose a micro-organisation of the same village.")]})
    return mo


@dataclass
class Row:
    org: OrgUnit
    values: dict[str, int] = field(default_factory=dict)  # line key → records in the period (or villages reached)
    villages: int = 0  # for a county row above county level: its villages
    open_agreements: int = 0
    open_items: int = 0

    def cells(self) -> list[int]:
        return [self.values.get(line.key, 0) for line in LINES]


@dataclass
class Overview:
    under: OrgUnit
    period: object
    by_village: bool  # rows are villages (a county or a town), else counties
    coverage: dict[str, object]  # line key → stats.coverage.Result
    rows: list[Row]

    def figures(self) -> list[dict]:
        """Each line's records in the period below the unit and the villages it reached (the coverage engine)."""
        out = []
        for line in LINES:
            result = self.coverage[line.key]
            village = next((lv for lv in result.levels if lv.level == "village"), None)
            out.append(
                {
                    "line": line,
                    "total": result.total,
                    "covered": village.covered if village else 0,
                    "villages": village.units if village else 0,
                    "percent": village.percent if village else 0.0,
                }
            )
        return out


def overview(under: OrgUnit, period) -> Overview:
    """The five lines for the villages below `under` (a unit the caller may read) in a stored period."""
    code = period.code
    cov = {line.key: coverage(line.metric, under, code, children=False) for line in LINES}
    metrics = [line.metric for line in LINES]
    by_village = LEVELS.index(under.level) >= LEVELS.index("county")
    if by_village:
        units = list(
            OrgUnit.objects.filter(path__startswith=under.path, level="village")
            .select_related("parent")
            .order_by("path")
        )
        rollup = (
            Rollup.objects.filter(metric__in=metrics, period=code, org_path__startswith=under.path)
            .annotate(n=Length("org_path"))
            .filter(n=12)
        )
        values: dict[str, dict[str, int]] = {}
        for metric, path, value in rollup.values_list("metric", "org_path", "value"):
            values.setdefault(path, {})[metric.removeprefix("governance.")] = value
        agreements = _open(Agreement, AgreementState.OPEN, under.path)
        items = _open(SupervisionItem, SupervisionState.OPEN, under.path)
        rows = [Row(u, values.get(u.path, {}), 1, agreements.get(u.path, 0), items.get(u.path, 0)) for u in units]
    else:
        units = list(OrgUnit.objects.filter(path__startswith=under.path, level="county").order_by("path"))
        keys = {covered_key("village", m): m for m in metrics}
        values = {}
        for metric, path, value in Rollup.objects.filter(
            metric__in=list(keys), period=code, org_path__in=[u.path for u in units]
        ).values_list("metric", "org_path", "value"):
            values.setdefault(path, {})[keys[metric].removeprefix("governance.")] = value
        villages = dict(
            OrgUnit.objects.filter(path__startswith=under.path, level="village")
            .annotate(c=Substr("path", 1, 6))
            .values("c")
            .annotate(n=Count("pk"))
            .values_list("c", "n")
        )
        rows = [Row(u, values.get(u.path, {}), villages.get(u.path, 0)) for u in units]
    return Overview(under, period, by_village, cov, rows)


def _open(model, state: str, path: str) -> dict[str, int]:
    return dict(
        model.objects.filter(state=state, org_path__startswith=path)
        .values("org_path")
        .annotate(n=Count("pk"))
        .values_list("org_path", "n")
    )
