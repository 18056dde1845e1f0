"""Writes of publication distribution. Each function checks who acts, validates, writes and records the audit
event in one transaction; a subscription's copies and amount reach the dashboard through the roll-ups.

Targets roll down like honours quotas: the owner of a publication (the region) records its own target, then each
unit gives the units just below it theirs (region → leagues → counties). Giving more than the unit's own target is
allowed (a league often hands out more than it was asked for) and shown on the progress page, as is distributing
more than the target.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.bounds import check as bounds_check
from jinguo.core.paths import parent_path
from jinguo.core.scope import in_scope, require_write
from jinguo.orgs.models import Level
from jinguo.publications.models import Publication, Subscription, Target
from jinguo.publications.module import MANAGE
from jinguo.stats import rollups

OWNER_LEVELS = (Level.PROVINCE, Level.LEAGUE)  # who sets publications
TARGET_LEVELS = (Level.PROVINCE, Level.LEAGUE, Level.COUNTY)  # who is given a target
PUBLICATION_FIELDS = ["title", "kind", "unit_price", "year", "active"]
SUBSCRIPTION_FIELDS = ["publication", "copies", "amount", "payer", "date", "org_path"]


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _require_manage(actor, path: str, message) -> None:
    if not in_scope(actor, path, MANAGE):
        raise PermissionDenied(str(message))


def _checked(instance, *, exclude=()) -> None:
    errors = bounds_check(instance, exclude=exclude)
    if errors:
        raise ValidationError(errors)


# --- publications --------------------------------------------------------------------------------------------


@transaction.atomic
def publication_create(*, actor, org, title: str, kind: str, unit_price, year: int, active: bool = True) -> Publication:
    """The region (or a league, for its own) adds a publication of a distribution year."""
    _require_manage(actor, org.path, _("You cannot set publications of this unit."))
    if org.level not in OWNER_LEVELS:
        raise ValidationError({"org": [_("Publications are set by the region or a league.")]})
    pub = Publication(
        org=org,
        org_path=org.path,
        title=(title or "").strip().strip("《》"),
        kind=kind,
        unit_price=unit_price,
        year=year,
        active=active,
        created_by=_user(actor),
    )
    _checked(pub)
    _save_unique(pub)
    audit.record(actor, "publications.create", obj=pub, detail={"after": audit.snapshot(pub, PUBLICATION_FIELDS)})
    return pub


def _save_unique(pub: Publication) -> None:
    try:
        with transaction.atomic():
            pub.save()
    except IntegrityError:
        raise ValidationError(
            {"title": [_("《%(title)s》 of %(year)s is already set.") % {"title": pub.title, "year": pub.year}]}
        ) from None


@transaction.atomic
def publication_update(*, actor, publication: Publication, title: str, kind: str, unit_price, active: bool):
    """Change a publication's title, kind, price or whether it takes subscriptions (its year stays)."""
    _require_manage(actor, publication.org_path, _("You cannot set publications of this unit."))
    before = audit.snapshot(publication, PUBLICATION_FIELDS)
    publication.title = (title or "").strip().strip("《》")
    publication.kind, publication.unit_price, publication.active = kind, unit_price, active
    _checked(publication)
    _save_unique(publication)
    audit.record(
        actor,
        "publications.update",
        obj=publication,
        detail={"before": before, "after": audit.snapshot(publication, PUBLICATION_FIELDS)},
    )
    return publication


@transaction.atomic
def publication_set_national(*, actor, publication: Publication, rank: int | None, note: str = "") -> Publication:
    """Record the outcome reported from above: the region's national position in distributing the publication."""
    _require_manage(actor, publication.org_path, _("You cannot set publications of this unit."))
    if publication.org.level != Level.PROVINCE:
        raise ValidationError({"national_rank": [_("Only a publication of the region has a national position.")]})
    before = audit.snapshot(publication, ["national_rank", "national_note"])
    publication.national_rank, publication.national_note = rank, (note or "").strip()
    _checked(publication)
    publication.save(update_fields=["national_rank", "national_note"])
    audit.record(
        actor,
        "publications.national",
        obj=publication,
        detail={"before": before, "after": audit.snapshot(publication, ["national_rank", "national_note"])},
    )
    return publication


# --- targets -------------------------------------------------------------------------------------------------


def _target_setter_path(publication: Publication, org) -> str:
    """The unit whose managers set `org`'s target: the owner for itself, else the unit just above."""
    if org.path == publication.org_path:
        return org.path
    if not org.path.startswith(publication.org_path) or org.level not in TARGET_LEVELS:
        raise ValidationError(
            {"org": [_("Targets go to the owner of the publication and the leagues and counties below it.")]}
        )
    return parent_path(org.path)


@transaction.atomic
def targets_set(*, actor, publication: Publication, targets: list[tuple[object, int | None]]) -> int:
    """Set (or, with None, clear) the targets of some units in one go: the owner's own by its managers, the
    others by the managers of the unit just above each. Returns how many changed."""
    errors: dict[str, list[str]] = {}
    current = {
        t.org_id: t for t in Target.objects.filter(publication=publication, org__in=[org for org, _c in targets])
    }
    changed = []
    for org, copies in targets:
        setter = _target_setter_path(publication, org)
        _require_manage(actor, setter, _("A target is set by the unit just above."))
        old = current.get(org.pk)
        if copies is None:
            if old is not None:
                old.delete()
                changed.append({"unit": org.code, "copies": None})
            continue
        target = old or Target(publication=publication, org=org, org_path=org.path)
        if old is not None and old.copies == copies:
            continue
        target.copies, target.set_by = copies, _user(actor)
        problems = bounds_check(target)
        if problems:
            errors[org.code] = [m for ms in problems.values() for m in ms]
            continue
        target.save()
        changed.append({"unit": org.code, "copies": copies})
    if errors:
        raise ValidationError(errors)
    if changed:
        audit.record(actor, "publications.target", obj=publication, detail={"targets": changed})
    return len(changed)


# --- subscriptions -------------------------------------------------------------------------------------------


def default_amount(publication: Publication, copies: int) -> Decimal:
    return (publication.unit_price * copies).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": [_("“%(value)s” is not an amount of money.") % {"value": value}]}) from None


def clean_subscription(*, org, publication: Publication | None, copies, amount, payer: str, date) -> Subscription:
    """A subscription's values checked (the import checks every row with it before writing any): the publication
    is set for the unit's subtree and takes subscriptions, the date lies in its distribution year, and every field
    keeps the model's bounds. The amount defaults to copies × unit price."""
    errors: dict[str, list[str]] = {}
    sub = Subscription(org=org, org_path=getattr(org, "path", ""), publication=publication, payer=(payer or "").strip())
    sub.copies, sub.date = copies, date
    try:
        sub.amount = _amount(amount)
    except ValidationError as e:
        errors.update(e.message_dict)
    if sub.amount is None and publication is not None and isinstance(copies, int):
        sub.amount = default_amount(publication, copies)
    for field, messages in bounds_check(sub, exclude=list(errors)).items():
        errors.setdefault(field, messages)
    if publication is None:
        errors.setdefault("publication", [_("Choose the publication.")])
    else:
        if org is not None and not org.path.startswith(publication.org_path):
            errors.setdefault(
                "publication", [_("《%(title)s》 is not distributed in this unit.") % {"title": publication.title}]
            )
        if not publication.active:
            errors.setdefault(
                "publication", [_("《%(title)s》 no longer takes subscriptions.") % {"title": publication.title}]
            )
        if date is not None and "date" not in errors and date.year != publication.year:
            errors.setdefault(
                "date",
                [
                    _("Subscriptions to 《%(title)s》 of %(year)s are dated in %(year)s.")
                    % {"title": publication.title, "year": publication.year}
                ],
            )
    if errors:
        raise ValidationError(errors)
    return sub


@transaction.atomic
def subscription_create(*, actor, org, publication, copies, payer: str, date, amount=None) -> Subscription:
    """A unit records copies subscribed through it."""
    require_write(actor, org.path, _("You cannot record subscriptions in %(org)s.") % {"org": org.name})
    sub = clean_subscription(org=org, publication=publication, copies=copies, amount=amount, payer=payer, date=date)
    sub.created_by = _user(actor)
    sub.save()
    rollups.changed(after=sub)
    audit.record(actor, "publications.subscribe", obj=sub, detail={"after": audit.snapshot(sub, SUBSCRIPTION_FIELDS)})
    return sub


@transaction.atomic
def subscription_update(*, actor, subscription: Subscription, org, publication, copies, payer, date, amount=None):
    require_write(actor, subscription.org_path, _("You cannot change subscriptions of this unit."))
    require_write(actor, org.path, _("You cannot record subscriptions in %(org)s.") % {"org": org.name})
    new = clean_subscription(org=org, publication=publication, copies=copies, amount=amount, payer=payer, date=date)
    before_row = Subscription.objects.get(pk=subscription.pk)
    before = audit.snapshot(before_row, SUBSCRIPTION_FIELDS)
    for f in ("org", "org_path", "publication", "copies", "amount", "payer", "date"):
        setattr(subscription, f, getattr(new, f))
    subscription.save()
    rollups.changed(before=before_row, after=subscription)
    audit.record(
        actor,
        "publications.subscription_update",
        obj=subscription,
        detail={"before": before, "after": audit.snapshot(subscription, SUBSCRIPTION_FIELDS)},
    )
    return subscription


@transaction.atomic
def subscription_delete(*, actor, subscription: Subscription) -> None:
    require_write(actor, subscription.org_path, _("You cannot change subscriptions of this unit."))
    gone = audit.identity(subscription)
    before = audit.snapshot(subscription, SUBSCRIPTION_FIELDS)
    subscription.delete()
    rollups.changed(before=subscription)
    audit.record(actor, "publications.subscription_delete", **gone, detail={"before": before})


def subscriptions_bulk_create(*, actor, subscriptions: list[Subscription]) -> int:
    """Save subscriptions already checked with clean_subscription (imports, the demo); the caller holds the
    transaction and records the import's audit event."""
    for path in {s.org_path for s in subscriptions}:
        require_write(actor, path, _("You cannot record subscriptions in this unit."))
    user = _user(actor)
    for s in subscriptions:
        s.created_by = user
    Subscription.objects.bulk_create(subscriptions, batch_size=2000)
    rollups.changed_many("publications.Subscription", afters=subscriptions)
    return len(subscriptions)
