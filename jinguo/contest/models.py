"""The lecture contest (理论宣讲大赛): rounds, entries, judges scoring weighted criteria.

Criteria, rounds and judge assignments are parts of their contest and are reached only through it;
entries and scores carry the entrant's unit.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped


class Contest(OrgScoped):
    title = models.CharField(_("title"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lecture contest")
        ordering = ["-year", "org_path", "pk"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=40)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    # A Score's value is a DecimalField(5, 2): at most 999.99, so full marks stay below 1,000.
    max_score = models.PositiveSmallIntegerField(
        _("full marks"), default=100, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    # Weights of at least 1 add up to 100: a contest has at most 100 criteria.
    order = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_range"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Taking entries")
    OPEN = "open", _("Judging")
    CLOSED = "closed", _("Judging closed")
    PUBLISHED = "published", _("Results published")


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=40)
    # Heats, semi-finals, a final: ten rounds is already a long contest.
    order = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(10)])
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contest", "order"]
        constraints = [models.UniqueConstraint(fields=["contest", "order"], name="round_contest_order")]

    def __str__(self) -> str:
        return f"{self.contest} · {self.name}"


class RoundJudge(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="roundjudge_once")]


class Entry(OrgScoped):
    """A lecturer's entry in a round; org is the entrant's unit (where the lecturer is entered from)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries")
    lecturer = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("lecturer")
    )
    title = models.CharField(_("title"), max_length=100)
    video = models.FileField(_("video file"), upload_to="contest/%Y/", blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        constraints = [models.UniqueConstraint(fields=["round", "lecturer"], name="entry_round_lecturer")]

    def __str__(self) -> str:
        return self.title


class Score(OrgScoped):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "judge", "criterion"], name="score_once")]
