"""Village micro-governance (微治理) as 五原县 runs it: the "1+1+1" model joins the village (community) federation
with families, online and offline, along five micro-lines. Each is a record type of a village (or community):

- 微组织 MicroOrg: a micro-organisation (women's discussion council, volunteer group, interest group) with its
  members from the people registry;
- 微服务 MicroService: a service delivered to households;
- 微教育 MicroEducation: a small-group education session;
- 微管理 Agreement: a household agreement or responsibility, tracked to done (open → done);
- 微监督 SupervisionItem: a supervision item raised and closed (open → closed, reopened if it comes back).

Every record has its date, participants and outcome (VillageRecord). Every number and text is bounded here.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jinguo.core.models import OrgScoped


class VillageRecord(OrgScoped):
    """What the five micro-lines share: a village's record with its date, title, participants and outcome."""

    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=100)
    participants = models.PositiveIntegerField(
        _("participants"), default=0, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )
    outcome = models.TextField(_("outcome"), blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class MicroOrgKind(models.TextChoices):
    COUNCIL = "council", _("Women's discussion council")
    VOLUNTEERS = "volunteers", _("Volunteer group")
    INTEREST = "interest", _("Interest group")
    OTHER = "other", _("Other")


class MicroOrg(VillageRecord):
    """微组织: `date` is the day it was set up, `title` its name, `participants` its number of members."""

    kind = models.CharField(_("kind"), max_length=12, choices=MicroOrgKind.choices)
    leader = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("leader")
    )
    members = models.ManyToManyField("people.Person", blank=True, related_name="+", verbose_name=_("members"))
    active = models.BooleanField(_("active"), default=True)

    MAX_MEMBERS = 200

    class Meta(VillageRecord.Meta):
        indexes = [models.Index(fields=["org_path", "date"], name="microorg_org_date")]
        verbose_name = _("micro-organisation")
        verbose_name_plural = _("micro-organisations")


class ByMicroOrg(VillageRecord):
    """A village record a micro-organisation may have carried out (a service, an education session)."""

    micro_org = models.ForeignKey(
        MicroOrg,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("micro-organisation"),
    )

    class Meta(VillageRecord.Meta):
        abstract = True


class MicroService(ByMicroOrg):
    """微服务: a service delivered to households (`participants`: the volunteers and cadres who delivered it)."""

    households = models.PositiveIntegerField(
        _("households served"), default=0, validators=[MinValueValidator(0), MaxValueValidator(10_000)]
    )

    class Meta(ByMicroOrg.Meta):
        indexes = [models.Index(fields=["org_path", "date"], name="microservice_org_date")]
        verbose_name = _("micro-service")
        verbose_name_plural = _("micro-services")


class MicroEducation(ByMicroOrg):
    """微教育: a small-group education session (`title`: its topic)."""

    class Meta(ByMicroOrg.Meta):
        indexes = [models.Index(fields=["org_path", "date"], name="microedu_org_date")]
        verbose_name = _("micro-education session")
        verbose_name_plural = _("micro-education sessions")


class AgreementState(models.TextChoices):
    OPEN = "open", pgettext_lazy("micro-governance", "Open")
    DONE = "done", _("Done")


class Agreement(VillageRecord):
    """微管理: a household agreement or responsibility (`date`: agreed on), tracked to done."""

    household = models.CharField(_("household"), max_length=40)
    due = models.DateField(_("due"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=AgreementState.choices, default=AgreementState.OPEN, db_index=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta(VillageRecord.Meta):
        indexes = [models.Index(fields=["org_path", "date"], name="agreement_org_date")]
        verbose_name = _("household agreement")
        verbose_name_plural = _("household agreements")


class SupervisionState(models.TextChoices):
    OPEN = "open", pgettext_lazy("micro-governance", "Open")
    CLOSED = "closed", pgettext_lazy("micro-governance", "Closed")


class SupervisionItem(VillageRecord):
    """微监督: an item raised (`date`) by villagers or the federation, closed with its resolution (`outcome`)."""

    raised_by = models.CharField(_("raised by"), max_length=40, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=SupervisionState.choices, default=SupervisionState.OPEN, db_index=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(VillageRecord.Meta):
        indexes = [models.Index(fields=["org_path", "date"], name="supervision_org_date")]
        verbose_name = _("supervision item")
        verbose_name_plural = _("supervision items")
