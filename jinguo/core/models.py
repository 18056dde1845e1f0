from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jinguo.core.roles import ADMIN_ROLES, Role


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), default=timezone.now)
    # Set when the security administrator resets the password: the next login must choose a new one.
    password_must_change = models.BooleanField(_("must change password"), default=False)

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(models.Model):
    """A user holds a role in an org unit; it reaches the unit's whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "role"], name="membership_unique"),
            # Separation of duties: a user holds at most one membership with an admin role,
            # so no one can be two of the system, security and audit administrators.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role__in=sorted(ADMIN_ROLES)),
                name="membership_one_admin_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.org}"


class AuditHead(models.Model):
    """The single row holding the end of the hash chain; locked while appending."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)


class AuditEvent(models.Model):
    """Append-only, hash-chained record of every state change and sensitive read."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    event = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    org_path = models.CharField(max_length=12, blank=True, db_index=True)
    ip = models.CharField(max_length=45, blank=True)
    outcome = models.CharField(max_length=20, default="success")
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event}"


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"


class BackgroundJob(models.Model):
    """A job of the task worker that its owner follows on a page with a progress bar (imports, large exports)."""

    kind = models.CharField(max_length=40)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    total = models.IntegerField(default=0)
    processed = models.IntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a worker claims the job and at each progress step; a running job whose heartbeat is
    # old had its worker die, and the sweep marks it failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} {self.state}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 0 if self.state in ("queued", "running") else 100
        return min(100, int(self.processed * 100 / self.total))


class ImportJob(BackgroundJob):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed (nothing written)")

    file = models.FileField(upload_to="imports/%Y/%m/")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    written = models.IntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # The uploader ticked "the unusual figures are right" (core.confirm): outliers are written, not refused.
    confirm_unusual = models.BooleanField(default=False)

    class Meta(BackgroundJob.Meta):
        pass


class ExportJob(BackgroundJob):
    """A list export too large to write inside the request: the task worker writes it, the owner downloads it.
    `kind` is the list's name (core.lists.REGISTRY), `params` its filters as typed."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    params = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)

    class Meta(BackgroundJob.Meta):
        pass


class OrgScoped(models.Model):
    """A business record that belongs to an org unit.

    `org_path` copies the unit's materialised path so a subtree is one indexed prefix match
    on the record's own table.
    """

    org = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("org unit"))
    org_path = models.CharField(max_length=12, db_index=True, editable=False)

    class Meta:
        abstract = True


# --- the notification inbox (站内消息), see jinguo.core.notify ---------------------------------------------------


class NoticeMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("Off")


class Notification(models.Model):
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=60)  # "outreach.verify_request"
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), max_length=1000, blank=True)
    url = models.CharField(max_length=300, blank=True)  # a path of this site
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Who was chosen, and why: the unit and the permission. An escalation goes to the same permission a level up.
    org_path = models.CharField(max_length=12, blank=True)
    perm = models.CharField(max_length=60, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)  # the work it asks for is done
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # delivered by e-mail/SMS, at once or in a digest

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread"),
            models.Index(fields=["object_type", "object_id", "kind"], name="notif_object"),
            models.Index(fields=["due_at"], condition=Q(resolved_at__isnull=True), name="notif_open_due"),
        ]

    def __str__(self) -> str:
        return self.title


class NoticePreference(models.Model):
    """How a user wants one kind delivered beyond the inbox: at once, in the daily digest, or not at all."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notice_prefs")
    kind = models.CharField(max_length=60)
    mode = models.CharField(max_length=10, choices=NoticeMode.choices, default=NoticeMode.IMMEDIATE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_pref_unique")]


class DigestState(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="digest_state")
    last_sent_at = models.DateTimeField(null=True, blank=True)


class ClosedPeriod(OrgScoped):
    """A month of a unit closed for one kind of record (`subject`) by the level that checks it.

    No record of that kind dated in the month anywhere in the unit's subtree may be recorded, changed or
    removed afterwards. Lectures, volunteer hours and media metrics use it alike (`jinguo.core.workflow`).
    """

    subject = models.CharField(_("records"), max_length=40)  # "outreach.lecture"
    month = models.DateField(_("month"))  # the first day of the month
    closed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_from = models.CharField(max_length=12, blank=True)  # the checking unit's path
    closed_at = models.DateTimeField(auto_now_add=True)
    settled = models.PositiveIntegerField(default=0)  # records the closing decided (verified, approved …)

    class Meta:
        verbose_name = _("closed month")
        ordering = ["-month", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "org", "month"], name="closedperiod_subject_org_month")
        ]


class Comment(models.Model):
    """A remark on any record, by someone who may read it; shown in the record's history with its events."""

    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    org_path = models.CharField(max_length=12, db_index=True)
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("comment"), max_length=1000, validators=[MaxLengthValidator(1000)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"], name="comment_object")]


class RateCounter(models.Model):
    """Attempts under a rate-limit key in one fixed window (core.ratelimit without Redis): one row a key and
    window, counted up by an atomic upsert, so every app server sharing the database counts the same attempts."""

    key = models.CharField(max_length=200)
    window = models.BigIntegerField()  # the window's number: seconds since the epoch // its length
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="core_ratecounter_once")]
