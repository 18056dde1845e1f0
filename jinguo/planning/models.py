"""The theme calendar: annual mainline → quarterly themes → monthly focus (年度为主线、季度有主题、月度分主次).

The region sets them; a lower level adds its own below one of the region's (or its own
league's) themes. Lectures, talk sessions and study sessions each link to one theme.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped
from jinguo.core.periods import Period, month_period, quarter_period, year_period


class ThemeKind(models.TextChoices):
    ANNUAL = "annual", _("Annual mainline")
    QUARTER = "quarter", _("Quarterly theme")
    MONTH = "month", _("Monthly focus")


KIND_RANK = {ThemeKind.ANNUAL: 0, ThemeKind.QUARTER: 1, ThemeKind.MONTH: 2}


class ThemeSeries(OrgScoped):
    """A themed publicity series such as 我奋斗·家国美 or 致敬她力量."""

    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("themed series")
        verbose_name_plural = _("themed series")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="themeseries_org_name")]

    def __str__(self) -> str:
        return self.name


class Theme(OrgScoped):
    kind = models.CharField(_("kind"), max_length=10, choices=ThemeKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    # 月度分主次: a month has one primary focus per unit and any number of secondary ones.
    is_primary = models.BooleanField(_("primary focus"), default=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("under")
    )
    series = models.ForeignKey(
        ThemeSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="themes",
        verbose_name=_("themed series"),
    )
    starts_on = models.DateField(editable=False)
    ends_on = models.DateField(editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["starts_on", "kind", "-is_primary", "org_path", "pk"]
        indexes = [models.Index(fields=["year", "org_path"], name="theme_year_org")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="annual", quarter__isnull=True, month__isnull=True)
                    | Q(kind="quarter", quarter__gte=1, quarter__lte=4, month__isnull=True)
                    | Q(kind="month", quarter__isnull=True, month__gte=1, month__lte=12)
                ),
                name="theme_period_shape",
            ),
            models.UniqueConstraint(fields=["org", "year"], condition=Q(kind="annual"), name="theme_one_annual"),
            models.UniqueConstraint(
                fields=["org", "year", "quarter"], condition=Q(kind="quarter"), name="theme_one_quarterly"
            ),
            models.UniqueConstraint(
                fields=["org", "year", "month"],
                condition=Q(kind="month", is_primary=True),
                name="theme_one_primary_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} {self.title}"

    @property
    def period(self) -> Period:
        if self.kind == ThemeKind.QUARTER:
            return quarter_period(self.year, self.quarter)
        if self.kind == ThemeKind.MONTH:
            return month_period(self.year, self.month)
        return year_period(self.year)

    @property
    def period_label(self) -> str:
        """The period as every page writes one (Period.label: 2026年第3季度); `period.code` for URLs."""
        return self.period.label()

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on
