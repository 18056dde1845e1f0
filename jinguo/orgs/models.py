from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Region / province")
    LEAGUE = "league", _("League / city")
    COUNTY = "county", _("Banner / county")
    TOWN = "town", _("Town / street")
    VILLAGE = "village", _("Village / community")


# Significant digits of the statistical division code at each level: 15 → 1506 → 150602 → …
LEVEL_DIGITS = {
    Level.PROVINCE: 2,
    Level.LEAGUE: 4,
    Level.COUNTY: 6,
    Level.TOWN: 9,
    Level.VILLAGE: 12,
}
LEVEL_ORDER = [Level.PROVINCE, Level.LEAGUE, Level.COUNTY, Level.TOWN, Level.VILLAGE]


class OrgUnit(models.Model):
    """A federation at one level of the administrative tree, keyed by its division code.

    `path` is the code's significant prefix, so every descendant's path starts with it.
    """

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    path = models.CharField(max_length=12, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    pinyin = models.CharField(_("pinyin initials"), max_length=60, db_index=True, blank=True)
    is_generated = models.BooleanField(_("generated demo name"), default=False)

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        indexes = [models.Index(fields=["level", "path"], name="orgunit_level_path")]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return LEVEL_ORDER.index(self.level)

    @property
    def child_level(self) -> str | None:
        i = LEVEL_ORDER.index(self.level)
        return LEVEL_ORDER[i + 1] if i + 1 < len(LEVEL_ORDER) else None

    def ancestor_paths(self) -> list[str]:
        cuts = [d for d in LEVEL_DIGITS.values() if d < len(self.path)]
        return [self.path[:d] for d in cuts]
