"""Writes of the theme calendar: scope-checked, validated, audited in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.bounds import bounds, too_long
from jinguo.core.scope import require_write
from jinguo.orgs.models import Level, OrgUnit
from jinguo.planning.models import KIND_RANK, Theme, ThemeKind, ThemeSeries

TRACKED = ["kind", "year", "quarter", "month", "title", "is_primary", "parent_id", "series_id", "org_path"]


def _clean_period(kind: str, year, quarter, month) -> tuple[int, int | None, int | None]:
    errors = {}
    if kind not in ThemeKind.values:
        raise ValidationError({"kind": [_("Choose an annual mainline, a quarterly theme or a monthly focus.")]})
    years = bounds(Theme, "year")
    try:
        year = int(year)
        if not years.min_value <= year <= years.max_value:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = [_("The year is a number such as 2026.")]
    if kind == ThemeKind.QUARTER:
        if quarter in (None, "") or str(quarter) not in {"1", "2", "3", "4"}:
            errors["quarter"] = [_("A quarterly theme needs its quarter (1–4).")]
        else:
            quarter = int(quarter)
        month = None
    elif kind == ThemeKind.MONTH:
        try:
            month = int(month)
            if not 1 <= month <= 12:
                raise ValueError
        except (TypeError, ValueError):
            errors["month"] = [_("A monthly focus needs its month (1–12).")]
        quarter = None
    else:
        quarter = month = None
    if errors:
        raise ValidationError(errors)
    return year, quarter, month


def _check_parent(theme: Theme, org: OrgUnit, parent: Theme | None) -> None:
    if parent is None:
        if theme.kind != ThemeKind.ANNUAL or org.level != Level.PROVINCE:
            raise ValidationError(
                {
                    "parent": [
                        _(
                            "Choose the theme this one comes under: only the region sets an annual mainline "
                            "on its own; quarterly themes and monthly focuses sit under a wider theme."
                        )
                    ]
                }
            )
        return
    if not org.path.startswith(parent.org_path):
        raise ValidationError({"parent": [_("A theme can only come under a theme of its own unit or a unit above.")]})
    if KIND_RANK[parent.kind] > KIND_RANK[theme.kind]:
        raise ValidationError(
            {"parent": [_("A theme cannot come under a narrower one (a month under a quarter, not the reverse).")]}
        )
    if not (parent.starts_on <= theme.starts_on and theme.ends_on <= parent.ends_on):
        raise ValidationError(
            {
                "parent": [
                    _("The period %(period)s is outside “%(parent)s”.")
                    % {"period": theme.period_label, "parent": parent}
                ]
            }
        )


def _check_series(org: OrgUnit, series: ThemeSeries | None) -> None:
    if series is not None and not org.path.startswith(series.org_path):
        raise ValidationError({"series": [_("The series belongs to another unit.")]})


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("The title is required.")]})
    if len(title) > 100:
        raise ValidationError({"title": [_("The title is at most 100 characters.")]})
    return title


def _clean_description(model, description: str) -> str:
    description = (description or "").strip()
    msg = too_long(model, "description", description)
    if msg:
        raise ValidationError({"description": [msg]})
    return description


def _duplicate_message(theme: Theme) -> str:
    if theme.kind == ThemeKind.ANNUAL:
        return _("%(org)s already has an annual mainline for %(year)s.") % {"org": theme.org.name, "year": theme.year}
    if theme.kind == ThemeKind.QUARTER:
        return _("%(org)s already has a theme for %(period)s.") % {"org": theme.org.name, "period": theme.period_label}
    return _("%(org)s already has a primary focus for %(period)s: make this one secondary.") % {
        "org": theme.org.name,
        "period": theme.period_label,
    }


def _save(theme: Theme) -> None:
    p = theme.period
    theme.starts_on, theme.ends_on = p.start, p.end
    try:
        with transaction.atomic():
            theme.save()
    except IntegrityError:
        raise ValidationError({"__all__": [_duplicate_message(theme)]})


@transaction.atomic
def theme_create(
    *,
    actor,
    org: OrgUnit,
    kind: str,
    year,
    title: str,
    quarter=None,
    month=None,
    parent: Theme | None = None,
    series: ThemeSeries | None = None,
    description: str = "",
    is_primary: bool = True,
) -> Theme:
    require_write(actor, org.path, _("You cannot plan themes for %(org)s.") % {"org": org.name})
    year, quarter, month = _clean_period(kind, year, quarter, month)
    theme = Theme(
        org=org,
        org_path=org.path,
        kind=kind,
        year=year,
        quarter=quarter,
        month=month,
        title=_clean_title(title),
        description=_clean_description(Theme, description),
        is_primary=bool(is_primary) if kind == ThemeKind.MONTH else True,
        parent=parent,
        series=series,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    p = theme.period
    theme.starts_on, theme.ends_on = p.start, p.end
    _check_parent(theme, org, parent)
    _check_series(org, series)
    _save(theme)
    audit.record(actor, "theme.create", obj=theme, detail={"after": audit.snapshot(theme, TRACKED)})
    return theme


@transaction.atomic
def theme_update(
    *,
    actor,
    theme: Theme,
    title: str,
    description: str = "",
    series: ThemeSeries | None = None,
    is_primary: bool | None = None,
) -> Theme:
    """Title, description, series and primary/secondary change; the period and place in the tree do not."""
    require_write(actor, theme.org_path, _("You cannot plan themes for %(org)s.") % {"org": theme.org.name})
    before = audit.snapshot(theme, TRACKED)
    theme.title = _clean_title(title)
    theme.description = _clean_description(Theme, description)
    _check_series(theme.org, series)
    theme.series = series
    if is_primary is not None and theme.kind == ThemeKind.MONTH:
        theme.is_primary = bool(is_primary)
    _save(theme)
    audit.record(actor, "theme.update", obj=theme, detail={"before": before, "after": audit.snapshot(theme, TRACKED)})
    return theme


@transaction.atomic
def theme_delete(*, actor, theme: Theme) -> None:
    require_write(actor, theme.org_path, _("You cannot plan themes for %(org)s.") % {"org": theme.org.name})
    gone, before = audit.identity(theme), audit.snapshot(theme, TRACKED)
    try:
        with transaction.atomic():
            theme.delete()
    except ProtectedError:
        raise ValidationError(
            _("“%(title)s” has themes, lectures or study sessions linked to it and cannot be removed.")
            % {"title": theme.title}
        )
    audit.record(actor, "theme.delete", **gone, detail={"before": before})


@transaction.atomic
def series_create(*, actor, org: OrgUnit, name: str, description: str = "") -> ThemeSeries:
    require_write(actor, org.path, _("You cannot plan themes for %(org)s.") % {"org": org.name})
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationError({"name": [_("The name is required and at most 60 characters.")]})
    if ThemeSeries.objects.filter(org=org, name=name).exists():
        raise ValidationError({"name": [_("%(org)s already has a series with this name.") % {"org": org.name}]})
    description = _clean_description(ThemeSeries, description)
    s = ThemeSeries.objects.create(org=org, org_path=org.path, name=name, description=description)
    audit.record(actor, "theme_series.create", obj=s, detail={"name": name})
    return s
