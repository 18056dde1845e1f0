from django.db import models
from django.utils.translation import gettext_lazy as _

from jinguo.core import paths


class Level(models.TextChoices):
    PROVINCE = "province", _("Region / province")
    LEAGUE = "league", _("League / city")
    COUNTY = "county", _("Banner / county")
    TOWN = "town", _("Town / street")
    VILLAGE = "village", _("Village / community")


# The tree's shape lives in jinguo.core.paths; here keyed by Level (a level core does not know fails here).
# Significant digits of the statistical division code at each level: 15 → 1506 → 150602 → …
LEVEL_DIGITS = {Level(level): digits for level, digits in paths.LEVEL_DIGITS.items()}
LEVEL_ORDER = [Level(level) for level in paths.LEVELS]


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
        return paths.child_level(self.level)

    def ancestor_paths(self) -> list[str]:
        return paths.ancestor_paths(self.path)
