"""Honours (选树宣推): titles, programmes with criteria and quotas, nominations and their review, the public
notice (公示) with its objections, the holiday table of working days, and the honour registry.

Every number and text is bounded here (core.bounds reads the bounds from these fields).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped


class Kind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    FAMILY = "family", _("Family")


class AwardLevel(models.TextChoices):
    """The level of the unit that awards an honour (region and above counts in the article's figures)."""

    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Region")
    LEAGUE = "league", _("League / city")
    COUNTY = "county", _("Banner / county")


class HonourTitle(models.Model):
    """A title awarded (三八红旗手 …); the six of the article are seeded, an administrator adds more."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL)
    requires = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("requires holding")
    )
    sort = models.PositiveSmallIntegerField(
        _("order"), default=100, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort", "pk"]
        verbose_name = _("honour title")
        verbose_name_plural = _("honour titles")

    def __str__(self) -> str:
        return self.name


class Programme(OrgScoped):
    """One selection cycle of a title (评选项目), owned by the awarding unit."""

    title = models.ForeignKey(HonourTitle, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("title"))
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("awarding level"), max_length=10, choices=AwardLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    nominate_until = models.DateField(_("nominations close"))
    review_until = models.DateField(_("review closes"))
    places = models.PositiveIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    notice_days = models.PositiveSmallIntegerField(
        _("notice working days"), default=5, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    county_notice = models.BooleanField(_("county notice"), default=False)
    social = models.BooleanField(_("takes social nominations"), default=False)
    county_until = models.DateField(_("county vetting closes"), null=True, blank=True)
    league_until = models.DateField(_("league review closes"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(120)]
    )
    not_within_years = models.PositiveSmallIntegerField(
        _("not honoured with the title within (years)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=40)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    sort = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(1_000)])

    class Meta:
        ordering = ["sort", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="honors_criterion_unique_name")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class Quota(models.Model):
    """Places of a programme allocated to a unit by the unit above it, rolled down level by level."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quotas")
    org = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("org unit"))
    org_path = models.CharField(max_length=12, db_index=True, editable=False)
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(0), MaxValueValidator(100_000)])
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "org"], name="honors_quota_unique_unit")]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the county")
    COUNTY_NOTICE = "county_notice", _("In the county's public notice")
    LEAGUE = "league", _("League review")
    REGION_PRE = "region_pre", _("Region preliminary review")
    REGION_FINAL = "region_final", _("Region final review")
    APPROVED = "approved", _("Approved")
    NOT_ADVANCED = "not_advanced", _("Not advanced")


# The stages a judge scores at, in order, with the level of the unit that reviews each.
STAGE_LEVEL = {
    NominationState.SUBMITTED: "county",
    NominationState.COUNTY_NOTICE: "county",
    NominationState.LEAGUE: "league",
    NominationState.REGION_PRE: "province",
    NominationState.REGION_FINAL: "province",
}


class Channel(models.TextChoices):
    ORGANISATIONAL = "org", _("Organisational (组织推荐)")
    SOCIAL = "social", _("Social (社会化申报)")


class Nomination(OrgScoped):
    """A nomination by the unit `org`, of a person, a collective or a family: organisational (组织推荐), or a
    social application (社会化申报) the unit has vetted and taken up."""

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ORGANISATIONAL)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="nominations")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("nominee")
    )
    collective_org = models.ForeignKey(
        "orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("collective")
    )
    group_name = models.CharField(_("named group"), max_length=60, blank=True)
    family_name = models.CharField(_("family"), max_length=40, blank=True)
    nominee_unit = models.CharField(_("nominee's unit"), max_length=60, blank=True)
    deeds = models.TextField(_("deeds"), max_length=5_000, validators=[MaxLengthValidator(5_000)])
    summary = models.CharField(_("deeds summary"), max_length=300)
    state = models.CharField(
        _("state"), max_length=16, choices=NominationState.choices, default=NominationState.DRAFT, db_index=True
    )
    flagged = models.BooleanField(_("flagged"), default=False)
    flag_note = models.CharField(_("flag"), max_length=200, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["programme", "state", "org_path"], name="nomination_stage")]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(kind="individual"), name="nomination_individual_person"
            ),
        ]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        if self.kind == Kind.INDIVIDUAL and self.person_id:
            return self.person.name
        if self.kind == Kind.COLLECTIVE:
            return self.collective_org.name if self.collective_org_id else self.group_name
        return self.family_name


class FamilyMember(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    relation = models.CharField(_("relation"), max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "person"], name="honors_family_member_once")]


class NomineeConsent(models.Model):
    """The nominee's consent to appear on public pages, recorded apart from the nomination."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="consent")
    given_by = models.CharField(_("given by"), max_length=40)
    method = models.CharField(_("how it was given"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)


class Score(models.Model):
    """One judge's score of one criterion of a nomination at one stage; `value` None is an abstention."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    stage = models.CharField(max_length=16, choices=NominationState.choices)
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "stage", "judge", "criterion"], name="honors_score_once")
        ]


# --- the public notice (公示) and the working days it is counted in --------------------------------------------


class HolidayYear(models.Model):
    """A year whose public holidays an administrator has entered (for years chinesecalendar does not know)."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)


class HolidayDay(models.Model):
    """A day of an entered year that is not what its weekday says: a holiday, or a make-up working day."""

    year = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"), unique=True)
    workday = models.BooleanField(_("make-up working day"), default=False)
    name = models.CharField(_("name"), max_length=30, blank=True)


class NoticeState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Notice(OrgScoped):
    """A public notice of a programme's nominees by the unit `org`, for `working_days` working days."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="notices")
    stage = models.CharField(max_length=16, choices=NominationState.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    working_days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    state = models.CharField(max_length=8, choices=NoticeState.choices, default=NoticeState.OPEN, db_index=True)
    nominations = models.ManyToManyField(Nomination, related_name="notices")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")


CONTACT_MAX_LENGTH = 60  # an objector's phone or e-mail


class ObjectionState(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    INVESTIGATING = "investigating", _("Being investigated")
    CONCLUDED = "concluded", _("Concluded")


class Objection(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="objections")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="objections")
    name = models.CharField(_("your name"), max_length=40)
    # The objector's phone or e-mail: encrypted (core.crypto), and masked once for the pages that list it; the
    # reveal (services.objection_reveal_contact, audited) is the one place that decrypts it.
    contact_enc = models.TextField(editable=False, default="")
    contact_shown = models.CharField(_("phone or e-mail"), max_length=CONTACT_MAX_LENGTH, editable=False, default="")
    text = models.TextField(_("objection"), max_length=2_000, validators=[MaxLengthValidator(2_000)])
    state = models.CharField(max_length=16, choices=ObjectionState.choices, default=ObjectionState.RECEIVED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    @property
    def contact_masked(self) -> str:
        return self.contact_shown

    @staticmethod
    def mask_contact(value: str) -> str:
        """The contact as staff pages show it: a phone masked like people's, an e-mail address's name shortened."""
        from jinguo.core.crypto import mask_phone

        if "@" in value:
            name, _at, host = value.partition("@")
            return f"{name[:1]}***@{host}"
        return mask_phone(value) if value.isdigit() else value[:3] + "***"


# --- the honour registry -------------------------------------------------------------------------------------


class Honour(OrgScoped):
    """An honour held: `org` is the unit the holder belongs to (its league counts it)."""

    title = models.ForeignKey(HonourTitle, on_delete=models.PROTECT, related_name="honours", verbose_name=_("title"))
    level = models.CharField(_("level"), max_length=10, choices=AwardLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    awarded_on = models.DateField(_("awarded on"))
    holder = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("holder")
    )
    holder_name = models.CharField(_("holder"), max_length=60)
    certificate_no = models.CharField(_("certificate number"), max_length=30, unique=True)
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="honour"
    )
    story = models.TextField(_("story"), blank=True, max_length=5_000, validators=[MaxLengthValidator(5_000)])
    public = models.BooleanField(_("on the public roll"), default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        indexes = [
            models.Index(fields=["title", "year", "org_path"], name="honour_title_year"),
            # The registry list's order: a region's list (every row in scope) reads its first page from here,
            # a year's filter is a range of it (SQLite full: p95 208 ms by the path index).
            models.Index(fields=["-year", "-id"], name="honour_newest_first"),
        ]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")

    def __str__(self) -> str:
        return f"{self.holder_name} · {self.title.name} · {self.year}"


# --- attachments, social applications ---------------------------------------------------------------------------


class Attachment(models.Model):
    """A file supporting a nomination's deeds (PDF, Word, JPEG or PNG), checked by content and size."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="honors/attachments/%Y/")
    name = models.CharField(_("name"), max_length=100)
    size = models.PositiveIntegerField(_("size"), validators=[MaxValueValidator(50 * 1024 * 1024)])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class Relation(models.TextChoices):
    SELF = "self", _("Myself")
    PEER = "peer", _("Someone I know")


class ApplicationState(models.TextChoices):
    RECEIVED = "received", _("Waiting for vetting")
    ACCEPTED = "accepted", _("Taken up as a nomination")
    REJECTED = "rejected", _("Not taken up")


class SocialApplication(OrgScoped):
    """A social nomination (社会化申报) sent through the public form: it lands at the county chosen, whose cadres
    vet it. ID numbers and phones are stored encrypted, found by keyed hash and shown masked, like people's."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    relation = models.CharField(_("who is nominated"), max_length=6, choices=Relation.choices)
    applicant_name = models.CharField(_("your name"), max_length=40)
    applicant_phone_enc = models.TextField(editable=False)
    applicant_phone_hash = models.CharField(max_length=64, db_index=True, editable=False)
    applicant_phone_masked = models.CharField(_("your phone"), max_length=11, editable=False)
    nominee_name = models.CharField(_("nominee's name"), max_length=40)
    nominee_gender = models.CharField(_("gender"), max_length=1)
    nominee_ethnicity = models.CharField(_("ethnicity"), max_length=10)
    nominee_birth_date = models.DateField(_("birth date"))
    nominee_id_enc = models.TextField(editable=False)
    nominee_id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    nominee_id_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    nominee_phone_enc = models.TextField(blank=True, editable=False)
    nominee_phone_masked = models.CharField(_("nominee's phone"), max_length=11, blank=True, editable=False)
    nominee_unit = models.CharField(_("nominee's unit"), max_length=60)
    deeds = models.TextField(_("deeds"), max_length=5_000, validators=[MaxLengthValidator(5_000)])
    summary = models.CharField(_("deeds summary"), max_length=300)
    consent = models.BooleanField(_("consent"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.RECEIVED, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("social application")
        verbose_name_plural = _("social applications")

    def __str__(self) -> str:
        return self.nominee_name


# --- publicise (宣) and recommend upward (推) ---------------------------------------------------------------------


class PublicityChannel(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper (见报)")
    WEB = "web", _("Web and new media (上网)")
    SCREEN = "screen", _("Screens (上屏)")
    MEDIA_POST = "media_post", _("Post in the media matrix")
    LECTURE = "lecture", _("Lecture given")


class Publicity(OrgScoped):
    """Where an honoree's story went: a newspaper, the web, a screen, a post, or a lecture she gave."""

    honour = models.ForeignKey(Honour, on_delete=models.CASCADE, related_name="publicity")
    channel = models.CharField(_("channel"), max_length=12, choices=PublicityChannel.choices)
    date = models.DateField(_("date"))
    outlet = models.CharField(_("outlet"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=100)
    url = models.URLField(_("link"), max_length=300, blank=True)
    lecture = models.ForeignKey(
        "outreach.Lecture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lecture"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["honour", "date"], name="publicity_honour_date")]
        verbose_name = _("publicity")
        verbose_name_plural = _("publicity")


class FamilyStory(OrgScoped):
    """A family story (家风故事) of an honoured family, with a photo; public only with the family's consent."""

    honour = models.ForeignKey(Honour, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=60)
    text = models.TextField(_("story"), max_length=5_000, validators=[MaxLengthValidator(5_000)])
    photo = models.ImageField(_("photo"), upload_to="honors/stories/%Y/", blank=True)
    consent_given_by = models.CharField(_("consent given by"), max_length=40, blank=True)
    consent_method = models.CharField(_("how consent was given"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("family story")
        verbose_name_plural = _("family stories")

    @property
    def consented(self) -> bool:
        return bool(self.consent_given_by and self.consent_method)


class RecommendationState(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    ACCEPTED = "accepted", _("Honoured by the level above")
    NOT_ACCEPTED = "not_accepted", _("Not honoured by the level above")


class Recommendation(OrgScoped):
    """The region recommends an honoree upward (推) for a national title; the outcome from the level above is
    recorded, and an accepted one enters the registry at national level."""

    honour = models.ForeignKey(Honour, on_delete=models.PROTECT, related_name="recommendations")
    title = models.ForeignKey(HonourTitle, on_delete=models.PROTECT, related_name="+", verbose_name=_("title"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    position = models.CharField(_("unit and position"), max_length=60, blank=True)
    reason = models.CharField(_("main deeds"), max_length=300)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=RecommendationState.choices,
        default=RecommendationState.RECOMMENDED,
        db_index=True,
    )
    outcome_note = models.CharField(_("outcome"), max_length=300, blank=True)
    national_honour = models.OneToOneField(
        Honour, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommended_from"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["honour", "title", "year"], name="honors_recommend_once"),
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
