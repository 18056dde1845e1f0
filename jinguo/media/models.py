"""The new-media matrix (新媒体矩阵): platforms, accounts, reviewed posts and their publications, cross-posting
tasks (联动), daily metrics from the platforms' back-office exports, commentators (网宣、网评员) and their tasks.

Every number and text is bounded here (core.bounds reads the bounds from these fields).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped

MAX_FOLLOWERS = 1_000_000_000
MAX_DAILY = 100_000_000  # reads, likes … of one account on one day (roll-ups stay below their ceiling)


class Platform(models.Model):
    """A platform accounts live on (微信公众号, 抖音 …): configurable by the region. `domains` are the hosts a
    post's address on it may have (one per line; a subdomain counts); `columns` maps each metric to the header
    of the platform's back-office export; `adapter` is how a post is published to it (media.publishing)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    domains = models.TextField(_("domains"), max_length=500, blank=True, validators=[MaxLengthValidator(500)])
    columns = models.JSONField(_("export columns"), default=dict, blank=True)
    adapter = models.CharField(_("publishing adapter"), max_length=20, default="record")
    sort = models.PositiveSmallIntegerField(
        _("order"), default=100, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort", "pk"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")

    def __str__(self) -> str:
        return self.name

    def domain_list(self) -> list[str]:
        return [d.strip().lower() for d in self.domains.split() if d.strip()]


class Verification(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    PENDING = "pending", _("Verification pending")
    NONE = "none", _("Not verified")


class Account(OrgScoped):
    """An account of the matrix: one of the federation's own (`own`) or a member account of a unit."""

    name = models.CharField(_("name"), max_length=60)
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("platform")
    )
    platform_uid = models.CharField(_("platform id"), max_length=60)
    operator = models.CharField(_("operator"), max_length=40, blank=True)
    brand = models.CharField(_("brand"), max_length=30, blank=True)
    own = models.BooleanField(_("own account"), default=False)
    followers = models.PositiveBigIntegerField(
        _("followers"), default=0, validators=[MinValueValidator(0), MaxValueValidator(MAX_FOLLOWERS)]
    )
    verification = models.CharField(
        _("verification"), max_length=10, choices=Verification.choices, default=Verification.NONE
    )
    last_post_on = models.DateField(_("last post"), null=True, blank=True)
    dormant_since = models.DateField(_("dormant since"), null=True, blank=True, db_index=True)
    active = models.BooleanField(_("active"), default=True)
    registered_on = models.DateField(_("registered on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["org_path", "platform__sort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "platform_uid"], name="media_account_unique_uid"),
        ]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return f"{self.name}（{self.platform.name}）"


class SensitiveWord(OrgScoped):
    """A word of the sensitive-word list kept by a unit (the region's applies everywhere, a league's below it)."""

    word = models.CharField(_("word"), max_length=30)
    note = models.CharField(_("note"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_path", "word"]
        constraints = [models.UniqueConstraint(fields=["org", "word"], name="media_sensitive_word_once")]
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")


class PostState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FIRST = "first", _("Waiting for first review")
    SECOND = "second", _("Waiting for second review")
    FINAL = "final", _("Waiting for final review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")


# The review tier each waiting state stands for (三审: 初审, 复审, 终审).
TIER_OF_STATE = {PostState.FIRST: "first", PostState.SECOND: "second", PostState.FINAL: "final"}


class Post(OrgScoped):
    """A post of a unit: rich text (sanitised on the way in), images, a theme, target accounts, a time."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=50_000, validators=[MaxLengthValidator(50_000)])
    theme = models.ForeignKey(
        "planning.Theme", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )
    targets = models.ManyToManyField(Account, related_name="posts", blank=True, verbose_name=_("target accounts"))
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=PostState.choices, default=PostState.DRAFT, db_index=True
    )
    flagged_words = models.CharField(_("sensitive words found"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.title


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="media/posts/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=100, blank=True)


class Review(models.Model):
    """One decision of a tier on a post, with its comment (the audit event repeats it)."""

    class Decision(models.TextChoices):
        PASS = "pass", _("Passed")
        RETURN = "return", _("Returned")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reviews")
    tier = models.CharField(_("tier"), max_length=10)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class Publication(models.Model):
    """Where a post went out: one row per account and adapter, with the address it is at."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="publications")
    account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    adapter = models.CharField(max_length=20)
    url = models.CharField(_("address"), max_length=500)
    at = models.DateTimeField(auto_now_add=True)


# --- cross-posting (联动) --------------------------------------------------------------------------------------


class Push(OrgScoped):
    """A unit pushes a published post to the matrix, or a subset of it, as one task per account."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="pushes")
    note = models.CharField(_("note"), max_length=200, blank=True)
    levels = models.CharField(_("levels"), max_length=60, blank=True)
    platforms = models.ManyToManyField(Platform, blank=True, related_name="+")
    brand = models.CharField(_("brand"), max_length=30, blank=True)
    due_on = models.DateField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]


class TaskState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class CrossPostTask(OrgScoped):
    """One account's task of a push; `org` is the account's unit. Done with the address of the repost."""

    push = models.ForeignKey(Push, on_delete=models.CASCADE, related_name="tasks")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="tasks")
    state = models.CharField(_("state"), max_length=6, choices=TaskState.choices, default=TaskState.OPEN)
    assigned_on = models.DateField(_("assigned on"))
    due_on = models.DateField(_("due"))
    url = models.URLField(_("address"), max_length=500, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["state", "due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["push", "account"], name="media_task_once")]
        indexes = [models.Index(fields=["org_path", "state"], name="media_task_scope")]


# --- metrics -----------------------------------------------------------------------------------------------


class DailyMetric(models.Model):
    """One account's figures of one day, as the platform's export gives them; re-importing a day replaces it."""

    # No index of its own: the (account, day) constraint's index serves the account (one index fewer to keep up
    # on each of the 10 million rows a ten-federation table holds).
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="daily", db_index=False)
    org_path = models.CharField(max_length=12, editable=False)
    day = models.DateField(_("day"))
    reads = models.PositiveBigIntegerField(_("reads"), default=0, validators=[MaxValueValidator(MAX_DAILY)])
    likes = models.PositiveBigIntegerField(_("likes"), default=0, validators=[MaxValueValidator(MAX_DAILY)])
    shares = models.PositiveBigIntegerField(_("shares"), default=0, validators=[MaxValueValidator(MAX_DAILY)])
    comments = models.PositiveBigIntegerField(_("comments"), default=0, validators=[MaxValueValidator(MAX_DAILY)])
    wows = models.PositiveBigIntegerField(_("在看"), default=0, validators=[MaxValueValidator(MAX_DAILY)])
    followers = models.PositiveBigIntegerField(_("followers"), default=0, validators=[MaxValueValidator(MAX_FOLLOWERS)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "day"], name="media_daily_once")]
        # A scope is an org_path prefix (LIKE '15%'): on PostgreSQL only a pattern operator class lets the index
        # serve it when the database's collation is not "C" (a region's 16 days: 124 ms → 26 ms, a county's
        # 0.1 ms). Three indexes in all: each row a re-import replaces writes each of them again.
        indexes = [
            models.Index(
                fields=["org_path", "day"], name="media_daily_scope", opclasses=["varchar_pattern_ops", "date_ops"]
            ),
        ]


class AccountMonth(models.Model):
    """One account's month, summed from its daily rows (kept by the metrics import): the rankings of whole months
    read these 500 rows instead of 15,000 daily ones. `days` counts the daily rows, `max_reads` is the best day."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="months")
    org_path = models.CharField(max_length=12, editable=False)
    month = models.DateField()
    days = models.PositiveSmallIntegerField(default=0)
    reads = models.PositiveBigIntegerField(default=0)
    likes = models.PositiveBigIntegerField(default=0)
    shares = models.PositiveBigIntegerField(default=0)
    comments = models.PositiveBigIntegerField(default=0)
    wows = models.PositiveBigIntegerField(default=0)
    max_reads = models.PositiveBigIntegerField(default=0)
    followers = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "month"], name="media_month_once")]
        indexes = [models.Index(fields=["month", "org_path"], name="media_month_scope")]


# --- commentators (网宣、网评员) ---------------------------------------------------------------------------------


class CommentatorRole(models.TextChoices):
    PUBLICITY = "publicity", _("Online publicity worker")
    COMMENTATOR = "commentator", _("Online commentator")


class Commentator(OrgScoped):
    """A member of the team: a person of the people registry, at the unit that leads them."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=12, choices=CommentatorRole.choices)
    active = models.BooleanField(_("active"), default=True)
    joined_on = models.DateField(_("joined on"))

    class Meta:
        ordering = ["org_path", "pk"]
        constraints = [models.UniqueConstraint(fields=["person"], name="media_commentator_once")]


class GuidanceKind(models.TextChoices):
    SHARE = "share", _("Share")
    COMMENT = "comment", _("Comment")


class GuidanceTask(OrgScoped):
    """A guidance task for the commentators of the unit and below: share, or comment on, a given post."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=GuidanceKind.choices)
    target_url = models.URLField(_("address of the post"), max_length=500)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]


class GuidanceDone(models.Model):
    """A commentator did a guidance task (recorded by a cadre of their unit)."""

    task = models.ForeignKey(GuidanceTask, on_delete=models.CASCADE, related_name="done")
    commentator = models.ForeignKey(Commentator, on_delete=models.CASCADE, related_name="done")
    org_path = models.CharField(max_length=12, editable=False)
    done_on = models.DateField(_("done on"))
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "commentator"], name="media_guidance_once")]
