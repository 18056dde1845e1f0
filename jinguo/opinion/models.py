"""Public-opinion monitoring (舆情): sources, mentions grouped into stories, topic and alert rules, graded alerts,
incidents, briefing subscriptions and the trained sentiment model.

Every number and text is bounded here (core.bounds reads the bounds from these fields).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped

MAX_REACH = 1_000_000_000  # readers, views or followers a mention reached: a billion is past any platform's


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS / Atom feed")
    API = "api", _("Push API")
    IMPORT = "import", _("Import")


class Source(OrgScoped):
    """Where mentions come from: a feed the worker polls, or a name that pushes and imports use."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices, default=SourceKind.API)
    url = models.URLField(_("feed address"), max_length=500, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    poll_minutes = models.PositiveIntegerField(
        _("poll every (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(1440)]
    )
    # Conditional GET: what the feed's server said last time; sent back as If-None-Match / If-Modified-Since.
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    poll_status = models.CharField(_("last poll"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="opinion_source_unique_name")]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name


class Sentiment(models.TextChoices):
    NEGATIVE = "neg", _("Negative")
    NEUTRAL = "neu", _("Neutral")
    POSITIVE = "pos", _("Positive")


class Story(OrgScoped):
    """Near-duplicate mentions (reposts, copies with small edits) counted once, with their spread.

    `fingerprint` is the SimHash of the first mention; `band0..3` are its four 16-bit quarters: a new mention's
    candidates are the stories sharing a quarter (by index), and it joins one within STORY_BITS bits.
    """

    title = models.CharField(_("title"), max_length=200)
    fingerprint = models.BigIntegerField()
    band0 = models.IntegerField()
    band1 = models.IntegerField()
    band2 = models.IntegerField()
    band3 = models.IntegerField()
    mentions = models.PositiveIntegerField(_("mentions"), default=0, validators=[MaxValueValidator(100_000_000)])
    reach = models.BigIntegerField(_("reach"), default=0, validators=[MinValueValidator(0)])
    first_seen = models.DateTimeField(_("first seen"), db_index=True)
    last_seen = models.DateTimeField(_("last seen"))
    sentiment = models.CharField(_("sentiment"), max_length=3, choices=Sentiment.choices, default=Sentiment.NEUTRAL)

    class Meta:
        ordering = ["-first_seen", "-pk"]
        indexes = [
            models.Index(fields=["band0"], name="story_band0"),
            models.Index(fields=["band1"], name="story_band1"),
            models.Index(fields=["band2"], name="story_band2"),
            models.Index(fields=["band3"], name="story_band3"),
        ]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class Mention(OrgScoped):
    """One item said somewhere: a post, an article, a comment. Its unit is the place it names (within its source's
    units), else its source's unit."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="mentions", verbose_name=_("source"))
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="items", null=True, blank=True)
    url = models.URLField(_("address"), max_length=500)
    url_hash = models.CharField(max_length=64, editable=False)
    author = models.CharField(_("author"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"), max_length=5_000, validators=[MaxLengthValidator(5_000)], blank=True)
    reach = models.PositiveIntegerField(
        _("reach"), default=0, validators=[MinValueValidator(0), MaxValueValidator(MAX_REACH)]
    )
    place = models.ForeignKey(
        "orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    sentiment = models.CharField(_("sentiment"), max_length=3, choices=Sentiment.choices, default=Sentiment.NEUTRAL)
    score = models.FloatField(_("negativity"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)])
    topics = models.JSONField(_("topics"), default=list, blank=True)  # names of the rules that matched
    # A person's judgement of the sentiment, which trains the model (empty until someone labels it).
    label = models.CharField(_("labelled as"), max_length=3, choices=Sentiment.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "url_hash"], name="opinion_mention_once_per_url")]
        indexes = [models.Index(fields=["org_path", "published_at"], name="mention_unit_time")]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self) -> str:
        return self.title or self.url


class Level(models.TextChoices):
    """Alert grades, most urgent first (红橙黄蓝)."""

    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    YELLOW = "yellow", _("Yellow")
    BLUE = "blue", _("Blue")


LEVEL_ORDER = [Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE]


class Rule(OrgScoped):
    """A topic: terms that must all appear, of which one must appear, that must not appear, and pairs that must
    stand near each other. With a level it is also an alert rule: a matching mention that meets the thresholds
    raises an alert of that level. A rule applies to the mentions of its unit's subtree."""

    name = models.CharField(_("name"), max_length=40)
    all_terms = models.CharField(_("all of"), max_length=300, blank=True)
    any_terms = models.CharField(_("any of"), max_length=300, blank=True)
    not_terms = models.CharField(_("none of"), max_length=300, blank=True)
    near_terms = models.CharField(_("near each other"), max_length=300, blank=True)  # "a+b" pairs, 、 between
    within = models.PositiveSmallIntegerField(
        _("within (characters)"), default=20, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    level = models.CharField(_("alert level"), max_length=6, choices=Level.choices, blank=True)
    negative_only = models.BooleanField(_("negative mentions only"), default=True)
    min_reach = models.PositiveIntegerField(
        _("story reach at least"), default=0, validators=[MinValueValidator(0), MaxValueValidator(MAX_REACH)]
    )
    min_spread = models.PositiveIntegerField(
        _("mentions of the story in the last hour at least"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )
    active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["org_path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="opinion_rule_unique_name")]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self) -> str:
        return self.name


class AlertState(models.TextChoices):
    OPEN = "open", _("Waiting for acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


class Alert(OrgScoped):
    """A story that met an alert rule, for the unit of the place it names; acknowledged by its deadline or
    escalated to the level above through the inbox."""

    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="alerts")
    mention = models.ForeignKey(Mention, on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="alerts")
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)
    state = models.CharField(_("state"), max_length=12, choices=AlertState.choices, default=AlertState.OPEN)
    reason = models.CharField(_("why"), max_length=300)
    raised_at = models.DateTimeField(_("raised"), db_index=True)
    due_at = models.DateTimeField(_("acknowledge by"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["story", "rule"], name="opinion_alert_once_per_story_rule")]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return self.story.title if self.story_id else self.reason


class IncidentState(models.TextChoices):
    JUDGING = "judging", _("Judgement (研判)")
    REPORTED = "reported", _("Reported upward")
    RESPONDING = "responding", _("Response")
    RESOLVED = "resolved", _("Outcome recorded")
    REVIEWED = "reviewed", _("Reviewed")


class Incident(OrgScoped):
    """The file of one opinion incident: judgement, report upward, response, outcome, review (a workflow)."""

    alert = models.OneToOneField(Alert, on_delete=models.PROTECT, related_name="incident")
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"), max_length=12, choices=IncidentState.choices, default=IncidentState.JUDGING, db_index=True
    )
    judgement = models.TextField(_("judgement"), max_length=2_000, validators=[MaxLengthValidator(2_000)], blank=True)
    report = models.TextField(_("report upward"), max_length=2_000, validators=[MaxLengthValidator(2_000)], blank=True)
    response = models.TextField(_("response"), max_length=2_000, validators=[MaxLengthValidator(2_000)], blank=True)
    outcome = models.TextField(_("outcome"), max_length=2_000, validators=[MaxLengthValidator(2_000)], blank=True)
    review = models.TextField(_("review"), max_length=2_000, validators=[MaxLengthValidator(2_000)], blank=True)
    step_due_at = models.DateTimeField(_("this step due"))
    late_steps = models.PositiveSmallIntegerField(_("steps done late"), default=0, validators=[MaxValueValidator(10)])
    opened_at = models.DateTimeField(_("opened"), db_index=True)
    closed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return self.title


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class BriefSubscription(OrgScoped):
    """A user receives a unit's daily or weekly brief in the inbox."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("frequency"), max_length=6, choices=Frequency.choices)
    last_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "frequency"], name="opinion_brief_subscription_once")
        ]
        verbose_name = _("brief subscription")


class SentimentModel(models.Model):
    """A trained sentiment classifier (multinomial naive Bayes over words and character pairs); the newest one
    active is used. The shipped model (jinguo/opinion/data/sentiment.json) serves until one is trained here."""

    trained_at = models.DateTimeField(auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    examples = models.PositiveIntegerField(_("examples"), default=0)
    own_examples = models.PositiveIntegerField(_("labelled mentions"), default=0)
    accuracy = models.FloatField(_("accuracy on the held-out set"), null=True, blank=True)
    params = models.JSONField(default=dict)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-trained_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="opinion_one_model")]
        verbose_name = _("sentiment model")
