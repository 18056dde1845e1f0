"""Women's volunteer service (巾帼志愿服务): teams, volunteers, projects, activities and their shifts, sign-ups,
check-in and check-out, service records (hours, back-filled hours and their approval), milestones, the public
sign-up form, and the year's practical deeds (我为妇女儿童办实事) with their 十送 deliveries.

Every number and text is bounded here (core.bounds reads the bounds from these fields).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped


class Action(models.TextChoices):
    """The five 巾帼行动 a project serves."""

    EMPLOYMENT = "employment", _("Employment and enterprise")  # 就业创业
    SCIENCE = "science", _("Science and innovation")  # 科技创新
    RURAL = "rural", _("Rural revitalisation")  # 乡村振兴
    RIGHTS = "rights", _("Rights and care")  # 维权关爱
    HEALTH = "health", _("Life and health")  # 生命健康


ACTION_NAMES_ZH = {
    "employment": "就业创业",
    "science": "科技创新",
    "rural": "乡村振兴",
    "rights": "维权关爱",
    "health": "生命健康",
}


class BeneficiaryCategory(models.TextChoices):
    """Non-identifying categories of the people a project serves; each is recorded as a count."""

    ELDERLY = "elderly", _("Elderly people")  # 老年人
    DISABLED = "disabled", _("People with disabilities")  # 残疾人
    CHILDREN = "children", _("Children in difficulty")  # 困境儿童
    LEFT_BEHIND = "left_behind", _("Left-behind children")  # 留守儿童
    WOMEN = "women", _("Women in difficulty")  # 困难妇女
    FAMILIES = "families", _("Families in difficulty")  # 困难家庭
    OTHER = "other", _("Others")  # 其他


class DeliveryCategory(models.Model):
    """A 十送 category (送理论, 送法律 …): a list the region keeps, seeded by the demo and `jinguo volunteer seed`."""

    name = models.CharField(_("name"), max_length=20, unique=True)
    sort = models.PositiveSmallIntegerField(
        _("order"), default=100, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort", "pk"]
        verbose_name = _("十送 category")
        verbose_name_plural = _("十送 categories")

    def __str__(self) -> str:
        return self.name


# --- teams and volunteers ------------------------------------------------------------------------------------


class Team(OrgScoped):
    """A volunteer team (爱心阿姨, 周末妈妈, 蒲公英 …) of a unit, with its brand name and leader."""

    name = models.CharField(_("brand name"), max_length=40)
    leader = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader")
    )
    founded = models.DateField(_("founded"), null=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_path", "name"]
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="volunteer_team_unique_name")]

    def __str__(self) -> str:
        return self.name


class Volunteer(OrgScoped):
    """A real-name volunteer: a person of the registry, registered at `org` with her consent recorded.

    `user` is her login (the volunteer role), when she has one: she then reads her own records and her teams'
    open shifts, and signs up and checks in herself.
    """

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
        verbose_name=_("login"),
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    areas = models.CharField(_("service areas"), max_length=200, blank=True)
    joined = models.DateField(_("registered on"))
    # The volunteer's consent to be registered and to have her service recorded (PIPL): who gave it and how.
    consent_by = models.CharField(_("consent given by"), max_length=40)
    consent_method = models.CharField(_("how consent was given"), max_length=100)
    consent_at = models.DateTimeField(_("consent recorded at"))
    active = models.BooleanField(_("active"), default=True)
    # Hours approved in all, kept with the hours (services.tally): milestones are read from it.
    hours_total = models.DecimalField(
        _("hours"),
        max_digits=9,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99999999.9"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_path", "pk"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [models.Index(fields=["org_path", "joined"], name="volunteer_org_joined")]

    def __str__(self) -> str:
        return self.person.name

    @property
    def skill_list(self) -> list[str]:
        return [s for s in self.skills.split("、") if s]

    @property
    def area_list(self) -> list[str]:
        return [s for s in self.areas.split("、") if s]


class TeamMember(models.Model):
    """A volunteer in a team; a volunteer may belong to several teams. `org_path` is the team's."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="memberships")
    org_path = models.CharField(max_length=12, db_index=True, editable=False)
    joined_on = models.DateField(_("joined on"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team member")
        constraints = [models.UniqueConstraint(fields=["team", "volunteer"], name="volunteer_member_once")]


# --- projects, activities, shifts ----------------------------------------------------------------------------


class Project(OrgScoped):
    """A volunteer service project (幸福敲门, 拉话话 爱心妈妈 …) of its owner unit `org`."""

    name = models.CharField(_("brand name"), max_length=60)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="projects", verbose_name=_("team")
    )
    action = models.CharField(_("巾帼行动"), max_length=12, choices=Action.choices)
    delivery = models.ForeignKey(
        DeliveryCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("十送 category"),
    )
    summary = models.TextField(_("what it does"), max_length=2_000, validators=[MaxLengthValidator(2_000)])
    place = models.CharField(_("where"), max_length=100, blank=True)
    how_to_join = models.TextField(
        _("how to join"), blank=True, max_length=1_000, validators=[MaxLengthValidator(1_000)]
    )
    started = models.DateField(_("started"))
    public = models.BooleanField(_("on the public pages"), default=False)
    excellent = models.BooleanField(_("十大优秀项目"), default=False)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_path", "name"]
        verbose_name = _("volunteer project")
        verbose_name_plural = _("volunteer projects")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="volunteer_project_unique_name")]

    def __str__(self) -> str:
        return self.name


class BeneficiaryCount(models.Model):
    """How many people of one non-identifying category a project serves (minors and people in difficulty are
    counted, never named)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="beneficiaries")
    category = models.CharField(_("category"), max_length=12, choices=BeneficiaryCategory.choices)
    count = models.PositiveIntegerField(_("people"), validators=[MinValueValidator(0), MaxValueValidator(1_000_000)])

    class Meta:
        ordering = ["category"]
        constraints = [models.UniqueConstraint(fields=["project", "category"], name="volunteer_beneficiary_once")]


class NamedCase(OrgScoped):
    """A named beneficiary, where naming one is unavoidable: restricted personal data, stored encrypted and shown
    masked; revealing it needs the reveal permission and a reason, and is audited."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="named_cases")
    category = models.CharField(_("category"), max_length=12, choices=BeneficiaryCategory.choices)
    name_enc = models.TextField(editable=False)
    name_masked = models.CharField(_("name"), max_length=40, editable=False)
    note_enc = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Bounds of what is typed (the stored values are encrypted, longer than this).
    NAME_MAX = 40
    NOTE_MAX = 500

    class Meta:
        verbose_name = _("named case")
        verbose_name_plural = _("named cases")


class Activity(OrgScoped):
    """A service activity of a project, held at `org` (down to the village) on `date`; its shifts are the slots
    volunteers sign up for."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=80)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    # The publicity venue it is held at (a 妇女之家, a 新时代文明实践站 …), when it is held at one: on the unit's line
    # (venues.selectors.venue_serves), and the venue's page lists it (views.venue_activities_panel).
    venue = models.ForeignKey(
        "venues.Venue", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("venue")
    )
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["org_path", "date"], name="vol_activity_org_date"),
            models.Index(fields=["date", "id"], name="vol_activity_date"),
        ]

    def __str__(self) -> str:
        return self.title


class Shift(OrgScoped):
    """A slot of an activity: from `starts_at` to `ends_at` at a place, needing `needed` volunteers. Its 6-digit
    code (and the QR code that carries it) checks volunteers in and out on their phones."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    needed = models.PositiveSmallIntegerField(
        _("volunteers needed"), default=5, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    checkin_code = models.CharField(_("check-in code"), max_length=6)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # The longest shift: a day.
    MAX_HOURS = 24

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [
            models.Index(fields=["org_path", "starts_at"], name="vol_shift_org_start"),
            models.Index(fields=["starts_at"], name="vol_shift_start"),
        ]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="vol_shift_ends_after")]

    def __str__(self) -> str:
        return f"{self.activity.title} {self.starts_at:%m-%d %H:%M}"


class SignUp(models.Model):
    """A volunteer signed up for a shift; a cancelled sign-up is kept with its time. `org_path` is the shift's."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    org_path = models.CharField(max_length=12, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        constraints = [models.UniqueConstraint(fields=["shift", "volunteer"], name="volunteer_signup_once")]


# --- service records: hours ----------------------------------------------------------------------------------


class RecordState(models.TextChoices):
    OPEN = "open", _("Checked in")
    SHORT = "short", _("Below 60 per cent of the shift")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ServiceRecord(OrgScoped):
    """Hours of service of one volunteer on `date` at `org`: from a shift's check-in and check-out, or back-filled
    (`backfilled`, with the reason). Checked-out hours of at least 60 % of the shift and back-filled hours wait
    for the level above to approve them; only approved hours count. A declined record is kept, never deleted."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="records")
    shift = models.ForeignKey(Shift, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    date = models.DateField(_("date"))
    checkin_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checkout_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    minutes = models.PositiveIntegerField(
        _("minutes attended"), default=0, validators=[MinValueValidator(0), MaxValueValidator(1_440)]
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )
    backfilled = models.BooleanField(_("back-filled"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=RecordState.choices, db_index=True)
    note = models.CharField(_("reason"), max_length=300, blank=True)
    decision_reason = models.CharField(_("decision"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        indexes = [
            models.Index(fields=["org_path", "date"], name="vol_record_org_date"),
            models.Index(fields=["volunteer", "date"], name="vol_record_volunteer"),
            models.Index(fields=["date", "id"], name="vol_record_date"),
            models.Index(fields=["state", "org_path"], name="vol_record_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"], condition=Q(shift__isnull=False), name="vol_record_one_per_shift"
            ),
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(hours__lte=24), name="vol_record_hours_range"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.date} {self.hours} h"


class Tally(models.Model):
    """Approved hours (in tenths) of one volunteer, team or project in one period (a month 2026-07, a quarter
    2026Q3, a year 2026, or "all"), kept as records are approved: the leaderboards and the per-person, per-team
    and per-project totals read one row each. `org_path` is the volunteer's, team's or project's unit, so a
    leaderboard of a unit is one indexed read."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer")
        TEAM = "team", _("Team")
        PROJECT = "project", _("Project")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    ref = models.BigIntegerField()
    period = models.CharField(max_length=7)
    org_path = models.CharField(max_length=12)
    tenths = models.BigIntegerField(default=0)

    ALL = "all"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "ref", "period"], name="volunteer_tally_unique")]
        indexes = [
            models.Index(fields=["kind", "period", "-tenths", "ref"], name="vol_tally_board"),
            models.Index(fields=["kind", "period", "org_path"], name="vol_tally_unit"),
        ]


class Milestone(models.Model):
    """A volunteer reached 50, 100 or 250 approved hours."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="milestones")
    hours = models.PositiveSmallIntegerField(_("hours"))
    reached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hours"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "hours"], name="volunteer_milestone_once")]


# --- public sign-up ------------------------------------------------------------------------------------------


class ApplicationState(models.TextChoices):
    NEW = "new", _("New")
    REGISTERED = "registered", _("Registered")
    DECLINED = "declined", _("Declined")


class Application(OrgScoped):
    """Someone from the public asked to join a project through its public page, with her consent; the team's
    unit is told through the inbox. The phone is personal data: encrypted and masked like the registry's."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="applications")
    name = models.CharField(_("full name"), max_length=40)
    phone_enc = models.TextField(editable=False)
    phone_masked = models.CharField(_("phone"), max_length=11, editable=False)
    village = models.CharField(_("village or community"), max_length=60, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=500, validators=[MaxLengthValidator(500)])
    consent = models.BooleanField(_("consent"), default=False)
    state = models.CharField(max_length=10, choices=ApplicationState.choices, default=ApplicationState.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")


# --- practical deeds (我为妇女儿童办实事) ---------------------------------------------------------------------------


class Deed(OrgScoped):
    """One of the year's practical deeds of a unit (我为妇女儿童办实事): a target, its progress (the deliveries
    recorded against it), evidence, and done."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=100)
    target = models.PositiveIntegerField(_("target"), validators=[MinValueValidator(1), MaxValueValidator(10_000_000)])
    measure = models.CharField(_("counted in"), max_length=10, default="人次")
    progress = models.PositiveIntegerField(
        _("progress"), default=0, validators=[MinValueValidator(0), MaxValueValidator(2_000_000_000)]
    )
    evidence = models.TextField(_("evidence"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "org_path", "pk"]
        verbose_name = _("practical deed")
        verbose_name_plural = _("practical deeds")
        constraints = [models.UniqueConstraint(fields=["org", "year", "title"], name="volunteer_deed_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        return min(100, int(self.progress * 100 / self.target)) if self.target else 0


class Delivery(OrgScoped):
    """A 十送 delivery recorded against a practical deed: where and when, of which category, reaching how many."""

    deed = models.ForeignKey(Deed, on_delete=models.PROTECT, related_name="deliveries")
    category = models.ForeignKey(
        DeliveryCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("十送 category")
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("reached"), validators=[MinValueValidator(1), MaxValueValidator(100_000)])
    note = models.CharField(_("note"), max_length=200, blank=True)
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("project")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["org_path", "date"], name="vol_delivery_org_date")]
