"""Reads of the theme calendar. A user reads the themes of their units, below them and above them
(a county cadre links a lecture to the region's monthly focus)."""

import contextlib
import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jinguo.core.periods import Period
from jinguo.core.roles import Perm
from jinguo.core.scope import get_for_user, lineage_paths, scope_paths, scoped_with_lineage
from jinguo.planning.models import Theme, ThemeKind, ThemeSeries


def theme_list(user, *, year: int | None = None, kind: str = "", under_path: str | None = None) -> QuerySet[Theme]:
    qs = scoped_with_lineage(Theme.objects.select_related("org", "series", "parent"), user)
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    return qs.order_by("starts_on", "kind", "-is_primary", "org_path", "pk")


def themes_for_month(user, period: Period) -> dict[str, list[Theme]]:
    """The annual mainlines, quarterly themes and monthly focuses in force in one month."""
    qs = scoped_with_lineage(Theme.objects.select_related("org", "series"), user).filter(
        starts_on__lte=period.start, ends_on__gte=period.end
    )
    out: dict[str, list[Theme]] = {k: [] for k in ThemeKind.values}
    for t in qs.order_by("org_path", "-is_primary", "pk"):
        out[t.kind].append(t)
    return out


def theme_choices(user, *, on: datetime.date | None = None, year=None) -> QuerySet[Theme]:
    """Themes a user may link a record to: those of their own units and the units above them.

    `year` is one year or several (a form offers this year's and the year of the date typed)."""
    paths = set(scope_paths(user, Perm.WRITE)) | set(lineage_paths(user, Perm.WRITE))
    qs = Theme.objects.select_related("org").filter(org_path__in=sorted(paths))
    if on is not None:
        qs = qs.filter(starts_on__lte=on, ends_on__gte=on)
    elif isinstance(year, int):
        qs = qs.filter(year=year)
    elif year is not None:
        qs = qs.filter(year__in=sorted(set(year)))
    return qs.order_by("starts_on", "kind", "-is_primary", "org_path", "pk")


def theme_serves(theme: Theme, org_path: str, day: datetime.date | None) -> bool:
    """Whether `theme` serves a record of the unit at `org_path` dated `day` (theme_applies without the reason:
    an import asks it of every theme of a title, and words the refusal only when none serves)."""
    return org_path.startswith(theme.org_path) and (day is None or theme.covers(day))


def theme_applies(theme: Theme, org_path: str, day: datetime.date | None) -> str | None:
    """Why `theme` cannot serve a record of the unit at `org_path` dated `day`, or None when it can.

    The one rule for forms, the API and imports: a theme serves its own unit and every unit below it, on the
    days of its period (`day` None: the date is refused elsewhere, only the unit is checked).
    """
    if theme_serves(theme, org_path, day):
        return None
    if not org_path.startswith(theme.org_path):
        return _("The theme “%(theme)s” belongs to another unit.") % {"theme": theme.title}
    if day is not None and not theme.covers(day):
        return _("The theme “%(theme)s” runs from %(start)s to %(end)s; the date is outside it.") % {
            "theme": theme.title,
            "start": theme.starts_on,
            "end": theme.ends_on,
        }
    return None


def theme_subtree_ids(theme: Theme) -> list[int]:
    """The theme and every theme under it (at most three levels: annual → quarter → month)."""
    ids = [theme.pk]
    frontier = [theme.pk]
    for _level in range(3):
        frontier = list(Theme.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        if not frontier:
            break
        ids.extend(frontier)
    return ids


def series_list(user) -> QuerySet[ThemeSeries]:
    return scoped_with_lineage(ThemeSeries.objects.select_related("org"), user).order_by("org_path", "name")


def get_theme_for_user(user, pk, *, write: bool = False) -> Theme:
    return get_for_user(Theme.objects.select_related("org", "series", "parent"), user, pk, write=write, lineage=True)


def get_series_for_user(user, pk) -> ThemeSeries:
    return get_for_user(ThemeSeries.objects.select_related("org"), user, pk, lineage=True)


def years_for_form(posted_date, today: datetime.date) -> list[int]:
    """The years whose themes a record form offers: this year's, and the year of the date typed."""
    years = {today.year}
    with contextlib.suppress(ValueError):
        years.add(datetime.date.fromisoformat(str(posted_date or "").strip()).year)
    return sorted(years)


def year_calendar(org, year: int) -> dict:
    """The calendar `org` set for `year`: {"annual": theme, "quarters": {q: theme}, "months": {m: [themes]}}.

    Each month's primary theme comes first. Demo and benchmark builders read it to link records to themes.
    """
    annual = Theme.objects.filter(org=org, kind=ThemeKind.ANNUAL, year=year).first()
    by_month: dict[int, list[Theme]] = {}
    for t in Theme.objects.filter(org=org, year=year, kind=ThemeKind.MONTH):
        by_month.setdefault(t.month, []).append(t)
    for ms in by_month.values():
        ms.sort(key=lambda t: not t.is_primary)
    quarters = {t.quarter: t for t in Theme.objects.filter(org=org, year=year, kind=ThemeKind.QUARTER)}
    return {"annual": annual, "quarters": quarters, "months": by_month}
