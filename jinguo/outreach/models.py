"""Lecture teams, lecturers, lectures and talk sessions, check-ins, corrections and closed periods.

Lecturer categories, topics, campaigns and audience groups are lookup tables an administrator
edits (seeded by `jinguo outreach seed`, never by a migration).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped

# --- lookup tables -------------------------------------------------------------------------------


class Lookup(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)
    sort = models.PositiveSmallIntegerField(
        _("order"), default=100, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort", "pk"]

    def __str__(self) -> str:
        return self.name


class LecturerCategory(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("lecturer category")
        verbose_name_plural = _("lecturer categories")


class Topic(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Campaign(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")


class AudienceGroup(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("audience group")
        verbose_name_plural = _("audience groups")


# --- fixed choices -------------------------------------------------------------------------------


class Language(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    MONGOLIAN = "mn", _("Mongolian")
    BOTH = "both", _("Chinese and Mongolian")


class LectureKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    TALK = "talk", _("Women's talk session")
    HOUSEHOLD = "household", _("Household visit")
    # The six layered kinds of 联学联讲.
    EXPERT_THEORY = "expert_theory", _("Experts on theory")
    CADRE_POLICY = "cadre_policy", _("Cadres on policy")
    DEPUTY_GAINS = "deputy_gains", _("Deputies on what they gained")
    MEMBER_FEELINGS = "member_feelings", _("Party members on what they feel")
    MODEL_PRACTICE = "model_practice", _("Role models on their practice")
    PUBLIC_STORIES = "public_stories", _("The public telling their stories")


# The Chinese names of the article, accepted in imports whatever the interface language.
KIND_NAMES_ZH = {
    "lecture": "宣讲",
    "talk": "妇女恳谈会",
    "household": "入户宣讲",
    "expert_theory": "专家讲理论",
    "cadre_policy": "干部讲政策",
    "deputy_gains": "代表讲收获",
    "member_feelings": "党员讲感受",
    "model_practice": "典型讲实践",
    "public_stories": "群众讲故事",
}


class LectureFormat(models.TextChoices):
    """The elements of 巾帼宣讲+ a lecture may embed."""

    MICRO_FILM = "micro_film", _("Micro-film")
    PERFORMANCE = "performance", _("Performance")
    COMMENDATION = "commendation", _("Commendation of role models")
    INTERACTION = "interaction", _("Live interaction")


FORMAT_NAMES_ZH = {
    "micro_film": "微电影",
    "performance": "文艺表演",
    "commendation": "典型表彰",
    "interaction": "现场互动",
}


class Mode(models.TextChoices):
    OFFLINE = "offline", _("Offline")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Online and offline")


MODE_NAMES_ZH = {"offline": "线下", "online": "线上", "hybrid": "线上线下"}
LANGUAGE_NAMES_ZH = {"zh": "汉语", "mn": "蒙古语", "both": "汉蒙双语"}


class LectureState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified")


# --- teams ---------------------------------------------------------------------------------------


class LectureTeam(OrgScoped):
    """A lecture team (宣讲团) of the region, a league or a county, owned by that unit."""

    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(
        _("description"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lecture team")
        verbose_name_plural = _("lecture teams")
        ordering = ["org_path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="lectureteam_org_name")]

    def __str__(self) -> str:
        return self.name


class Lecturer(OrgScoped):
    """A person of the registry who lectures in a team; org is the team's unit."""

    team = models.ForeignKey(LectureTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("team"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    categories = models.ManyToManyField(LecturerCategory, blank=True, verbose_name=_("categories"))
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    languages = models.CharField(_("languages"), max_length=4, choices=Language.choices, default=Language.CHINESE)
    active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturers")
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="lecturer_team_person")]

    def __str__(self) -> str:
        return str(self.person)


# --- lectures ------------------------------------------------------------------------------------


class Lecture(OrgScoped):
    """A lecture or talk session, held at `org` (down to the village).

    planned → held → verified (by the level above). A verified lecture changes only through a
    LectureCorrection.
    """

    # Indexes a lecture pays for on every write (an import writes 100,000): only those a query reads. The unit's
    # subtree and dates are read through lecture_org_date, which PostgreSQL's pattern operator class lets serve a
    # prefix (LIKE '1506%') as well as an equality, so org_path needs no index of its own. The unit, topic,
    # audience group and the two users are shown, never searched by; the campaign is filtered on only with a subtree
    # and an order or dates, each campaign a fifth of all lectures, where PostgreSQL leaves its index unused (the
    # same plan with it as without, EXPLAIN at full size). Their keys need none: a PROTECT or SET_NULL on deleting
    # one of those rows, which no service does, scans the table instead.
    org = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("org unit"), db_index=False
    )
    org_path = models.CharField(max_length=12, editable=False)
    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=LectureKind.choices, default=LectureKind.LECTURE)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    # The publicity venue it was held at (a 妇女之家, a 巾帼宣讲基地 …), when it was held at one.
    venue = models.ForeignKey(
        "venues.Venue", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("venue")
    )
    team = models.ForeignKey(
        LectureTeam, on_delete=models.PROTECT, null=True, blank=True, related_name="lectures", verbose_name=_("team")
    )
    lecturers = models.ManyToManyField("people.Person", related_name="+", verbose_name=_("lecturers"))
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"), db_index=False
    )
    theme = models.ForeignKey("planning.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme"))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign"),
        db_index=False,
    )
    formats = models.JSONField(_("formats"), default=list, blank=True)
    audience_group = models.ForeignKey(
        AudienceGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("audience group"), db_index=False
    )
    # A village meeting room holds dozens, a league rally a few thousand; 100,000 leaves room for a stadium.
    # The bounds keep every yearly region total far below the roll-ups' ceiling (see jinguo.stats.rollups).
    audience_count = models.PositiveIntegerField(
        _("audience"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100_000)]
    )
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.OFFLINE)
    # A lecture streamed region-wide can be watched tens of millions of times; 100,000,000 fits int4 (< 2**31).
    online_views = models.PositiveIntegerField(
        _("online views"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100_000_000)]
    )
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.CHINESE)
    summary = models.TextField(_("summary"), blank=True, max_length=5_000, validators=[MaxLengthValidator(5_000)])
    state = models.CharField(_("state"), max_length=10, choices=LectureState.choices, default=LectureState.PLANNED)
    checkin_code = models.CharField(_("check-in code"), max_length=6)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Why the level above sent it back (kept until it is held again); the history keeps every reason.
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # A lecture names its speakers, not its audience: a team performing together is a dozen at most.
    MAX_LECTURERS = 30

    class Meta:
        verbose_name = _("lecture")
        verbose_name_plural = _("lectures")
        indexes = [
            models.Index(
                fields=["org_path", "date"], name="lecture_org_date", opclasses=["varchar_pattern_ops", "date_ops"]
            ),
            models.Index(fields=["date", "state"], name="lecture_date_state"),
            models.Index(fields=["-date", "-id"], name="lecture_newest_first"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["date", "checkin_code"], name="lecture_checkin_code_per_day"),
            models.CheckConstraint(
                condition=Q(audience_count__isnull=True) | Q(audience_count__gte=0),
                name="lecture_audience_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(state="planned") | Q(verified_at__isnull=True), name="lecture_planned_not_verified"
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False, end_time__gt=F("start_time")),
                name="lecture_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def format_labels(self) -> list[str]:
        labels = dict(LectureFormat.choices)
        return [labels.get(f, f) for f in self.formats or []]


class LecturePhoto(OrgScoped):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="lectures/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lecture photo")


class LectureCorrection(OrgScoped):
    """The only way a verified lecture changes: who, why, and the fields before and after."""

    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="corrections")
    reason = models.TextField(_("reason"), max_length=1_000, validators=[MaxLengthValidator(1_000)])
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        ordering = ["-created_at", "-pk"]


class CheckIn(OrgScoped):
    """An attendee's registration from the public phone page (no login)."""

    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="checkins")
    name = models.CharField(_("name"), max_length=40)
    village = models.CharField(_("village or community"), max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        constraints = [models.UniqueConstraint(fields=["lecture", "name", "village"], name="checkin_once")]
