"""Writes of publicity venues. Each function checks who acts, validates, writes and records the audit event in one
transaction; an inspection reaches the dashboard (inspections, 妇女之家 in use and its coverage) through the
roll-ups.

A venue is kept by its unit (write there). Its yearly inspection is made by a unit above it: a holder of
`venues.inspect` at the unit just above the venue's or higher (the region inspects its own). The inspection
records the status found, and the venue takes that status.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.actors import is_system
from jinguo.core.bounds import check as bounds_check
from jinguo.core.files import check_photo, remove_file_on_commit
from jinguo.core.paths import level_of, parent_path
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require_write, scope_paths
from jinguo.people.selectors import require_one_nameable
from jinguo.stats import rollups
from jinguo.venues.models import (
    WOMEN_HOME,
    Check,
    Inspection,
    Problem,
    Venue,
    VenueKind,
    VenuePhoto,
    VenueStatus,
)
from jinguo.venues.module import INSPECT

KIND_SEED = [
    (WOMEN_HOME, "妇女之家"),
    ("children_home", "儿童之家"),
    ("lecture_base", "巾帼宣讲基地"),
    ("family_hall", "家风家教馆"),
    ("park", "妇女儿童公园"),
    ("unity_base", "铸牢中华民族共同体意识教育基地"),
]
VENUE_FIELDS = [
    "kind",
    "name",
    "address",
    "lng",
    "lat",
    "area",
    "opening_hours",
    "manager",
    "status",
    "opened_on",
    "description",
    "org_path",
]
INSPECTION_FIELDS = ["venue", "year", "date", "checks", "score", "status_found", "summary"]


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


# --- kinds ---------------------------------------------------------------------------------------------------


def can_manage_kinds(user) -> bool:
    """The kinds are region-wide: a cadre or the system administrator of a region keeps them."""
    if is_system(user):
        return True
    return any(level_of(p) == "province" for perm in (Perm.WRITE, Perm.MANAGE_ORGS) for p in scope_paths(user, perm))


def _require_kinds(actor) -> None:
    if not can_manage_kinds(actor):
        raise PermissionDenied(_("Only the region keeps the list of venue kinds."))


@transaction.atomic
def kinds_seed(*, actor) -> int:
    """The six kinds of the article that are missing (idempotent)."""
    _require_kinds(actor)
    have = set(VenueKind.objects.values_list("code", flat=True))
    new = [VenueKind(code=c, name=n, sort=(i + 1) * 10) for i, (c, n) in enumerate(KIND_SEED) if c not in have]
    VenueKind.objects.bulk_create(new)
    if new:
        audit.record(actor, "venues.kinds_seed", object_type="venues.venuekind", detail={"created": len(new)})
    return len(new)


def _kind_checked(kind: VenueKind) -> None:
    errors = bounds_check(kind)
    if not errors and VenueKind.objects.filter(name=kind.name).exclude(pk=kind.pk).exists():
        errors = {"name": [_("“%(name)s” is already in the list.") % {"name": kind.name}]}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def kind_create(*, actor, name: str, sort: int = 100) -> VenueKind:
    _require_kinds(actor)
    kind = VenueKind(name=(name or "").strip(), sort=sort, code=f"kind{VenueKind.objects.count() + 1}")
    while VenueKind.objects.filter(code=kind.code).exists():
        kind.code += "x"
    _kind_checked(kind)
    kind.save()
    audit.record(actor, "venues.kind_create", obj=kind, detail={"name": kind.name})
    return kind


@transaction.atomic
def kind_update(*, actor, kind: VenueKind, name: str, sort: int, active: bool) -> VenueKind:
    _require_kinds(actor)
    before = audit.snapshot(kind, ["name", "sort", "active"])
    kind.name, kind.sort, kind.active = (name or "").strip(), sort, active
    _kind_checked(kind)
    kind.save()
    audit.record(
        actor, "venues.kind_update", obj=kind, detail={"before": before, "after": audit.snapshot(kind, before)}
    )
    return kind


# --- venues --------------------------------------------------------------------------------------------------


def clean_venue(*, actor, org, data: dict) -> Venue:
    """A venue's values checked, as the form, the API and the import give them (records already resolved: the
    kind, the person in charge): every field within the model's bounds, an active kind, both coordinates or
    neither, and a person in charge whom the actor may name."""
    errors: dict[str, list[str]] = {}
    venue = Venue(org=org, org_path=getattr(org, "path", ""))
    for f in ("name", "address", "opening_hours", "description"):
        setattr(venue, f, (data.get(f) or "").strip())
    for f in ("lng", "lat", "area", "opened_on"):
        setattr(venue, f, data.get(f))
    venue.status = data.get("status") or VenueStatus.IN_USE
    kind = data.get("kind")
    if not isinstance(kind, VenueKind):
        errors["kind"] = [_("Choose from the list.")]
    elif not kind.active:
        errors["kind"] = [_("“%(name)s” is no longer in the list: choose another.") % {"name": kind.name}]
    else:
        venue.kind = kind
    manager = data.get("manager")
    if manager not in (None, ""):
        try:
            venue.manager = require_one_nameable(actor, manager, field="manager")
        except ValidationError as e:
            errors.update(e.message_dict)
    for field, messages in bounds_check(venue, exclude=list(errors)).items():
        errors.setdefault(field, messages)
    if (venue.lng is None) != (venue.lat is None) and not ({"lng", "lat"} & set(errors)):
        errors["lat" if venue.lat is None else "lng"] = [_("Give both the longitude and the latitude, or neither.")]
    if errors:
        raise ValidationError(errors)
    return venue


def _save(venue: Venue) -> None:
    try:
        with transaction.atomic():
            venue.save()
    except IntegrityError:
        raise ValidationError(
            {
                "name": [
                    _("%(unit)s already has a venue called “%(name)s”.") % {"unit": venue.org.name, "name": venue.name}
                ]
            }
        ) from None


@transaction.atomic
def venue_create(*, actor, org, **data) -> Venue:
    require_write(actor, org.path, _("You cannot add venues in %(org)s.") % {"org": org.name})
    venue = clean_venue(actor=actor, org=org, data=data)
    venue.created_by = _user(actor)
    _save(venue)
    audit.record(actor, "venues.create", obj=venue, detail={"after": audit.snapshot(venue, VENUE_FIELDS)})
    return venue


@transaction.atomic
def venue_update(*, actor, venue: Venue, **data) -> Venue:
    """Change a venue's details (its unit stays)."""
    require_write(actor, venue.org_path, _("You cannot change the venues of this unit."))
    new = clean_venue(actor=actor, org=venue.org, data=data)
    before = audit.snapshot(venue, VENUE_FIELDS)
    for f in VENUE_FIELDS:
        if f != "org_path":
            setattr(venue, f, getattr(new, f))
    _save(venue)
    audit.record(
        actor, "venues.update", obj=venue, detail={"before": before, "after": audit.snapshot(venue, VENUE_FIELDS)}
    )
    return venue


@transaction.atomic
def venue_delete(*, actor, venue: Venue) -> None:
    """Remove a venue entered by mistake; one with inspections is closed instead (its history stays)."""
    require_write(actor, venue.org_path, _("You cannot change the venues of this unit."))
    gone, before = audit.identity(venue), audit.snapshot(venue, VENUE_FIELDS)
    photos = [p.image for p in venue.photos.all()]
    try:
        with transaction.atomic():
            venue.delete()
    except ProtectedError:
        raise ValidationError(_("This venue has inspections on record: set its status to closed instead.")) from None
    for image in photos:
        remove_file_on_commit(image)
    audit.record(actor, "venues.delete", **gone, detail={"before": before})


def venues_bulk_create(*, actor, venues: list[Venue]) -> int:
    """Save venues already checked with clean_venue (imports, the demo); the caller holds the transaction."""
    for path in {v.org_path for v in venues}:
        require_write(actor, path, _("You cannot add venues in this unit."))
    user = _user(actor)
    for v in venues:
        v.created_by = user
    Venue.objects.bulk_create(venues, batch_size=2000)
    return len(venues)


@transaction.atomic
def venue_add_photos(*, actor, venue: Venue, files) -> int:
    require_write(actor, venue.org_path, _("You cannot change the venues of this unit."))
    files = list(files)
    if venue.photos.count() + len(files) > Venue.MAX_PHOTOS:
        raise ValidationError(_("A venue keeps at most %(n)s photos.") % {"n": Venue.MAX_PHOTOS})
    for f in files:
        check_photo(f)
    for f in files:
        VenuePhoto.objects.create(venue=venue, org=venue.org, org_path=venue.org_path, image=f)
    audit.record(actor, "venues.photos", obj=venue, detail={"added": len(files)})
    return len(files)


@transaction.atomic
def venue_photo_delete(*, actor, photo: VenuePhoto) -> None:
    require_write(actor, photo.org_path, _("You cannot change the venues of this unit."))
    venue = photo.venue
    image = photo.image
    photo.delete()
    remove_file_on_commit(image)
    audit.record(actor, "venues.photo_delete", obj=venue, detail={"photo": image.name.rsplit("/", 1)[-1]})


# --- inspections ---------------------------------------------------------------------------------------------


def may_inspect(user, venue_path: str) -> bool:
    """A holder of `venues.inspect` at a unit above the venue's (the region for its own)."""
    above = parent_path(venue_path) or venue_path
    return in_scope(user, above, INSPECT)


def _clean_inspection(inspection: Inspection, checks) -> None:
    checks = list(dict.fromkeys(checks or []))
    errors: dict[str, list[str]] = {}
    if any(c not in Check.values for c in checks):
        errors["checks"] = [_("Choose from the list.")]
    inspection.checks = [c for c in Check.values if c in checks]  # in the checklist's order
    for field, messages in bounds_check(inspection, exclude=list(errors)).items():
        errors.setdefault(field, messages)
    if inspection.date and inspection.date > timezone.localdate() and "date" not in errors:
        errors["date"] = [_("An inspection cannot be dated in the future.")]
    if errors:
        raise ValidationError(errors)


def _problems(inspection: Inspection, problems) -> list[Problem]:
    out, errors = [], []
    for description, due in problems or []:
        p = Problem(inspection=inspection, description=(description or "").strip(), due=due)
        if not p.description:
            continue
        errors += [m for ms in bounds_check(p).values() for m in ms]
        if due is not None and inspection.date and due < inspection.date:
            errors.append(_("A problem is fixed after the inspection found it."))
        out.append(p)
    if errors:
        raise ValidationError({"problems": sorted(set(errors))})
    return out


@transaction.atomic
def inspection_record(
    *, actor, venue: Venue, date, score, status_found: str, checks=(), summary: str = "", problems=()
) -> Inspection:
    """A unit above the venue records its inspection of the year: the checklist, a score, the status found (the
    venue takes it) and the problems found with the day each is to be fixed by."""
    if not may_inspect(actor, venue.org_path):
        raise PermissionDenied(_("A venue is inspected by a unit above it."))
    inspection = Inspection(
        venue=venue,
        org=venue.org,
        org_path=venue.org_path,
        date=date,
        year=getattr(date, "year", None),
        score=score,
        status_found=status_found,
        summary=(summary or "").strip(),
        created_by=_user(actor),
        inspector_path=_inspector_path(actor, venue.org_path),
    )
    _clean_inspection(inspection, checks)
    found = _problems(inspection, problems)
    if Inspection.objects.filter(venue=venue, year=inspection.year).exists():
        raise ValidationError(
            {
                "date": [
                    _("%(venue)s is already inspected in %(year)s.") % {"venue": venue.name, "year": inspection.year}
                ]
            }
        )
    inspection.home_in_use = venue.kind.code == WOMEN_HOME and status_found == VenueStatus.IN_USE
    inspection.save()
    for p in found:
        p.inspection = inspection
    Problem.objects.bulk_create(found)
    status_before = venue.status
    if venue.status != status_found:
        Venue.objects.filter(pk=venue.pk).update(status=status_found, updated_at=timezone.now())
        venue.status = status_found
    rollups.changed(after=inspection)
    audit.record(
        actor,
        "venues.inspect",
        obj=venue,
        detail={
            "inspection": inspection.pk,
            "after": audit.snapshot(inspection, INSPECTION_FIELDS),
            "problems": [p.description for p in found],
            **({"status": {"before": status_before, "after": status_found}} if status_before != status_found else {}),
        },
    )
    return inspection


def _inspector_path(actor, venue_path: str) -> str:
    """The unit the inspection is made from: the inspector's own unit nearest above the venue's."""
    above = [p for p in scope_paths(actor, INSPECT) if venue_path.startswith(p)]
    return max(above, key=len) if above else ""


@transaction.atomic
def inspection_delete(*, actor, inspection: Inspection) -> None:
    """The inspecting level removes an inspection entered by mistake (its problems go with it)."""
    if not may_inspect(actor, inspection.org_path):
        raise PermissionDenied(_("A venue is inspected by a unit above it."))
    venue = inspection.venue
    before = audit.snapshot(inspection, INSPECTION_FIELDS)
    inspection.delete()
    rollups.changed(before=inspection)
    audit.record(actor, "venues.inspection_delete", obj=venue, detail={"before": before})


@transaction.atomic
def problem_fix(*, actor, problem: Problem, fixed_on, note: str = "") -> Problem:
    """The venue's unit (or the inspecting level) records when a problem was fixed, and how."""
    inspection = problem.inspection
    if not (in_scope(actor, inspection.org_path, Perm.WRITE) or may_inspect(actor, inspection.org_path)):
        raise PermissionDenied(_("You cannot change the venues of this unit."))
    problem.fixed_on, problem.fix_note = fixed_on, (note or "").strip()
    errors = bounds_check(problem)
    if fixed_on is None:
        errors.setdefault("fixed_on", [_("Give the day it was fixed.")])
    elif fixed_on < inspection.date or fixed_on > timezone.localdate():
        errors.setdefault("fixed_on", [_("A problem is fixed after the inspection found it, and not in the future.")])
    if errors:
        raise ValidationError(errors)
    problem.save(update_fields=["fixed_on", "fix_note"])
    audit.record(
        actor,
        "venues.problem_fix",
        obj=inspection.venue,
        detail={"problem": problem.description, "fixed_on": fixed_on.isoformat(), "note": problem.fix_note},
    )
    return problem
