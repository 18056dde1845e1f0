"""Publication distribution (宣传发行): the publications a unit distributes in a year (《中国妇女报》,
《习近平走进百姓家》 …), the targets rolled down level by level, and the subscriptions the units record.

A publication belongs to the unit that set it (the region, usually) and to one distribution year; every
subscription to it is dated in that year, so the year's roll-up of copies is the year's distribution.
Every number and text is bounded here (core.bounds reads the bounds from these fields).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped


class PublicationKind(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper")
    PERIODICAL = "periodical", _("Periodical")
    BOOK = "book", _("Book")


class Publication(OrgScoped):
    """One publication of one distribution year, set by the unit `org` for its subtree."""

    title = models.CharField(_("title"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=PublicationKind.choices)
    unit_price = models.DecimalField(
        _("unit price (yuan)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    year = models.PositiveSmallIntegerField(
        _("distribution year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # The outcome reported from above: the region's place among the provinces (全国位列前五名).
    national_rank = models.PositiveSmallIntegerField(
        _("national position"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    national_note = models.CharField(_("national outcome"), max_length=100, blank=True)
    active = models.BooleanField(_("taking subscriptions"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "title"], name="publication_unique_title_per_year")
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"《{self.title}》{self.year}"


class Target(models.Model):
    """The copies a unit is to distribute of a publication: the owner's own target, and the quotas each unit
    gives the units just below it (region → league → county)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="targets")
    org = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("org unit"))
    org_path = models.CharField(max_length=12, db_index=True, editable=False)
    copies = models.PositiveIntegerField(
        _("target copies"), validators=[MinValueValidator(0), MaxValueValidator(10_000_000)]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publication", "org"], name="publication_target_unique_unit")]
        verbose_name = _("distribution target")
        verbose_name_plural = _("distribution targets")


class Subscription(OrgScoped):
    """Copies of a publication subscribed through the unit `org`, paid by `payer` (a unit, a school, a family)."""

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("publication")
    )
    copies = models.PositiveIntegerField(_("copies"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)])
    # In yuan with fen; the roll-up keeps it in fen (scale 100), so a figure stays exact. A million yuan is some
    # 3,500 yearly copies of 《中国妇女报》 paid at once, and keeps every roll-up far below its ceiling
    # (stats/tests/test_rollup_bounds.py).
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    payer = models.CharField(_("payer unit"), max_length=60)
    date = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["publication", "org_path"], name="subscription_pub_org"),
            models.Index(fields=["org_path", "date"], name="subscription_org_date"),
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.publication} · {self.copies}"
