"""Publicity venues (宣传阵地): the places where the federation's publicity lives — 妇女之家 and 儿童之家, 巾帼宣讲
基地, 家风家教馆, 妇女儿童公园, the education bases of the sense of community of the Chinese nation — with their
yearly inspections (checklist, score, problems and when they were fixed) and photos.

The kinds are a lookup list the region keeps (seeded, never by a migration); the kind whose code is
`women_home` is the 妇女之家 of the coverage figure. Every number and text is bounded here (core.bounds).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jinguo.core.models import OrgScoped

WOMEN_HOME = "women_home"  # the kind counted by the coverage of villages with a 妇女之家 in use


class VenueKind(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    sort = models.PositiveSmallIntegerField(
        _("order"), default=100, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort", "pk"]
        verbose_name = _("venue kind")
        verbose_name_plural = _("venue kinds")

    def __str__(self) -> str:
        return self.name


class VenueStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    REPAIR = "repair", _("Under repair")
    CLOSED = "closed", pgettext_lazy("venue", "Closed")


class Venue(OrgScoped):
    """A publicity venue of the unit `org`; coordinates in degrees (WGS-84, as the map draws them)."""

    kind = models.ForeignKey(VenueKind, on_delete=models.PROTECT, related_name="venues", verbose_name=_("kind"))
    name = models.CharField(_("name"), max_length=60)
    address = models.CharField(_("address"), max_length=120)
    lng = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    lat = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    area = models.PositiveIntegerField(
        _("area (m²)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1_000_000)]
    )
    opening_hours = models.CharField(_("opening hours"), max_length=60, blank=True)
    manager = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person in charge"),
    )
    status = models.CharField(_("status"), max_length=8, choices=VenueStatus.choices, default=VenueStatus.IN_USE)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    MAX_PHOTOS = 9

    class Meta:
        ordering = ["org_path", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="venue_unique_name_per_unit")]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name

    @property
    def located(self) -> bool:
        return self.lng is not None and self.lat is not None


class VenuePhoto(OrgScoped):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="venues/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("venue photo")


class Check(models.TextChoices):
    """The checklist of a yearly inspection."""

    SIGNAGE = "signage", _("Signs and name board in order")
    HOURS = "hours", _("Open at the posted hours")
    MANAGER = "manager", _("A person in charge on duty")
    ACTIVITIES = "activities", _("Activities held this year")
    MATERIALS = "materials", _("Publicity materials up to date")
    RECORDS = "records", _("Records and photos of activities kept")
    SAFETY = "safety", _("Safe: exits, fire extinguishers, electricity")


class Inspection(OrgScoped):
    """A venue's inspection of a year by a unit above it: what the checklist found, a score, the status found,
    and the problems with when each was fixed. `org` is the venue's unit (the record is read in its subtree)."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("venue"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    date = models.DateField(_("date"))
    checks = models.JSONField(_("checklist passed"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    status_found = models.CharField(_("status found"), max_length=8, choices=VenueStatus.choices)
    # A 妇女之家 found in use: what the coverage of villages with a 妇女之家 in use counts (set by the service).
    home_in_use = models.BooleanField(default=False, editable=False)
    summary = models.TextField(_("summary"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])
    inspector_path = models.CharField(max_length=12, editable=False)  # the unit that inspected
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["venue", "year"], name="inspection_once_a_year")]
        indexes = [models.Index(fields=["org_path", "date"], name="inspection_org_date")]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.venue} · {self.year}"

    @property
    def check_labels(self) -> list[str]:
        labels = dict(Check.choices)
        return [str(labels.get(c, c)) for c in self.checks or []]


class Problem(models.Model):
    """A problem an inspection found, with the day it is to be fixed by and the day it was."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="problems")
    description = models.CharField(_("problem"), max_length=200)
    due = models.DateField(_("fix by"), null=True, blank=True)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)
    fix_note = models.CharField(_("how it was fixed"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return self.description
