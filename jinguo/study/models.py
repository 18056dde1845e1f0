"""Joint study (联学联讲): cadres' study sessions — led reading, discussion, self-study, special
tutorials — with their readings (原著篇目), attendees and attendance."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped


class StudyForm(models.TextChoices):
    LED = "led", _("Led study")  # 领学
    DISCUSSION = "discussion", _("Discussion")  # 研讨
    SELF = "self", _("Self-study")  # 自学
    TUTORIAL = "tutorial", _("Special tutorial")  # 专题辅导


FORM_NAMES_ZH = {"led": "领学", "discussion": "研讨", "self": "自学", "tutorial": "专题辅导"}


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    LEAVE = "leave", _("On leave")
    ABSENT = "absent", _("Absent")


class StudySession(OrgScoped):
    title = models.CharField(_("title"), max_length=100)
    form = models.CharField(_("form"), max_length=12, choices=StudyForm.choices)
    date = models.DateField(_("date"))
    # Half an hour to a long day of study; the database allows up to 24 (studysession_hours_range).
    hours = models.DecimalField(
        _("hours"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("12"))],
    )
    leader = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("leader")
    )
    materials = models.TextField(
        _("readings"),
        blank=True,
        max_length=5_000,
        validators=[MaxLengthValidator(5_000)],
        help_text=_("One work or article per line."),
    )
    theme = models.ForeignKey("planning.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme"))
    summary = models.TextField(_("summary"), blank=True, max_length=5_000, validators=[MaxLengthValidator(5_000)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        indexes = [models.Index(fields=["org_path", "date"], name="studysession_org_date")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="studysession_hours_range")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class StudyAttendance(OrgScoped):
    """One attendee of a session (a person of the registry) and whether they came; org is the session's."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    status = models.CharField(_("attendance"), max_length=8, choices=Attendance.choices, default=Attendance.PRESENT)

    # The attendance list of one session: a party-school hall seats a few hundred.
    MAX_PER_SESSION = 1_000

    class Meta:
        verbose_name = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="studyattendance_once")]
        indexes = [models.Index(fields=["person", "status"], name="studyattendance_person")]
