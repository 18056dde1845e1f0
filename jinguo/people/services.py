"""Writes of the person registry: validate, check scope, encrypt, audit — in one transaction."""

import copy
import functools
from collections.abc import Collection, Iterable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from jinguo.core import audit, bulk, crypto
from jinguo.core.files import check_photo, remove_file_on_commit
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require_write, writable
from jinguo.core.text import normalize_identifier
from jinguo.orgs.models import OrgUnit
from jinguo.people.models import Person
from jinguo.people.validation import clean_person
from jinguo.stats import rollups

# Audit rows name the fields that changed, never their values: the log must not become a second copy
# of the personal data (deleting a person must remove it everywhere).
TRACKED = ["name", "gender", "ethnicity", "birth_date", "org_path", "id_number_hash", "phone_hash", "photo"]


def already_registered() -> str:
    """The one answer for an ID number that is registered, inside the user's units or outside them.

    Each person is registered once, so a number someone already holds in full cannot be registered again;
    the answer is the same wherever the record lives and names neither the person nor her unit.
    """
    return _(
        "This ID number cannot be registered again: search your units' people for her, "
        "or ask the unit that holds her record to move it to yours."
    )


def id_hash(number: str) -> str:
    """The lookup hash of an ID number, normalised first: a full-width copy must find the same person."""
    return crypto.lookup_hash("id", normalize_identifier(number))


def phone_hash(phone: str) -> str:
    """The lookup hash of a mobile number, normalised first (hyphens and spaces are not part of it)."""
    return crypto.lookup_hash("phone", normalize_identifier(phone).replace("-", ""))


# Person's columns in model order, for building one positionally (Django's fast path, as rows read back are
# built: 4.8 µs a person instead of 11 with keywords; imports build 100,000).
_COLUMNS = [
    "id",
    "org_id",
    "org_path",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number_enc",
    "id_number_hash",
    "id_number_masked",
    "phone_enc",
    "phone_hash",
    "phone_masked",
    "photo",
    "created_at",
    "updated_at",
]


_ORG = Person._meta.get_field("org")


@functools.cache
def _check_columns() -> None:
    if [f.attname for f in Person._meta.concrete_fields] != _COLUMNS:  # a field added: _COLUMNS must follow
        raise ImproperlyConfigured("people.services._COLUMNS does not match Person's fields")


def build_person(*, org: OrgUnit, data: dict) -> Person:
    """A new unsaved Person from cleaned data (see validation.clean_person)."""
    _check_columns()  # once a process: an import builds 100,000
    number, phone = data["id_number"], data.get("phone") or ""
    p = Person(
        None,
        org.pk,
        org.path,
        data["name"],
        data["gender"],
        data["ethnicity"],
        data["birth_date"],
        crypto.encrypt(number),
        data.get("id_number_hash") or id_hash(number),
        crypto.mask_id_number(number),
        crypto.encrypt(phone),
        phone_hash(phone),
        crypto.mask_phone(phone),
        "",
        None,
        None,
    )
    _ORG.set_cached_value(p, org)  # the unit at hand, not fetched again (its key is already set above)
    return p


def _apply(p: Person, data: dict) -> None:
    p.name = data["name"]
    p.gender = data["gender"]
    p.ethnicity = data["ethnicity"]
    p.birth_date = data["birth_date"]
    number = data["id_number"]
    p.id_number_enc = crypto.encrypt(number)
    p.id_number_hash = data.get("id_number_hash") or id_hash(number)  # an import has it from its checks
    p.id_number_masked = crypto.mask_id_number(number)
    phone = data.get("phone") or ""
    p.phone_enc = crypto.encrypt(phone)
    p.phone_hash = phone_hash(phone)
    p.phone_masked = crypto.mask_phone(phone)


def _checkpoint_after_commit() -> None:
    """On SQLite, push the WAL into the main file and truncate it, so deleted rows leave no copy."""
    from django.db import connection

    if connection.vendor == "sqlite":

        def checkpoint():
            with connection.cursor() as c:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        transaction.on_commit(checkpoint)


@transaction.atomic
def person_create(
    *,
    actor,
    org: OrgUnit,
    name: str,
    gender: str,
    ethnicity: str,
    birth_date,
    id_number: str,
    phone: str = "",
    photo=None,
) -> Person:
    require_write(actor, org.path, _("You cannot register people in %(org)s.") % {"org": org.name})
    data = clean_person(
        name=name, gender=gender, ethnicity=ethnicity, birth_date=birth_date, id_number=id_number, phone=phone
    )
    if Person.objects.filter(id_number_hash=id_hash(data["id_number"])).exists():
        raise ValidationError({"id_number": [already_registered()]})
    p = build_person(org=org, data=data)
    if photo:
        check_photo(photo)
        p.photo = photo
    try:
        with transaction.atomic():
            p.save()
    except IntegrityError:
        raise ValidationError({"id_number": [already_registered()]})
    rollups.changed(after=p)
    audit.record(actor, "person.create", obj=p, detail={"org": org.code})
    return p


@transaction.atomic
def person_update(*, actor, person: Person, org: OrgUnit | None = None, photo=None, **fields) -> Person:
    require_write(actor, person.org_path, _("You cannot change people of this unit."))
    if org is not None and org.pk != person.org_id:
        require_write(actor, org.path, _("You cannot register people in %(org)s.") % {"org": org.name})
    before = audit.snapshot(person, TRACKED)
    old = copy.copy(person)
    current = {
        "name": person.name,
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "birth_date": person.birth_date,
        "id_number": crypto.decrypt(person.id_number_enc),
        "phone": crypto.decrypt(person.phone_enc),
    }
    current.update({k: v for k, v in fields.items() if k in current and v is not None})
    data = clean_person(**current)
    if Person.objects.filter(id_number_hash=id_hash(data["id_number"])).exclude(pk=person.pk).exists():
        raise ValidationError({"id_number": [already_registered()]})
    _apply(person, data)
    if org is not None:
        person.org, person.org_path = org, org.path
    if photo:
        check_photo(photo)
        remove_file_on_commit(person.photo)  # the replaced photo goes once the new one is saved
        person.photo = photo
    person.save()
    rollups.changed(before=old, after=person)
    old_values, _new_values = audit.diff(before, audit.snapshot(person, TRACKED))
    changed = sorted(f.removesuffix("_hash") for f in old_values)  # field names only, never values
    audit.record(actor, "person.update", obj=person, detail={"changed": changed})
    return person


def person_references(person: Person) -> list[tuple[str, str, int]]:
    """(kind of record, field, count) of every record that still names `person`.

    Read from the model graph, not a list per module: every foreign key that protects the person
    (PROTECT, RESTRICT) and every many-to-many naming her (a lecture's lecturers), so a new
    module's references are found without a change here. Records a CASCADE would delete with her
    are hers; SET_NULL references let go of her.
    """
    found = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and rel.is_relation):
            continue
        model, field = rel.related_model, rel.field
        if rel.many_to_many:
            n = model._base_manager.filter(**{field.name: person}).count()
        elif model._meta.auto_created:  # the through table of a many-to-many: counted above
            continue
        elif field.remote_field.on_delete in (models.PROTECT, models.RESTRICT):
            n = model._base_manager.filter(**{field.name: person}).count()
        else:
            continue
        if n:
            found.append((str(model._meta.verbose_name), str(field.verbose_name), n))
    return found


def _still_named(references) -> ValidationError:
    listed = "; ".join(
        _("%(records)s, as %(field)s: %(count)s") % {"records": records, "field": field, "count": count}
        if field
        else f"{records}: {count}"
        for records, field, count in references
    )
    return ValidationError(
        _(
            "This person is still named in other records — %(list)s. "
            "Remove the person from them first; the registry entry is kept until then."
        )
        % {"list": listed}
    )


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    """Delete a person nobody refers to any more; the photo file goes when the delete commits."""
    require_write(actor, person.org_path, _("You cannot change people of this unit."))
    references = person_references(person)
    if references:
        raise _still_named(references)
    gone = audit.identity(person)
    rollups.changed(before=person)
    try:
        with transaction.atomic():
            person.delete()
    except (models.ProtectedError, models.RestrictedError) as e:  # a reference added a moment ago
        counts: dict = {}
        for obj in e.protected_objects if isinstance(e, models.ProtectedError) else e.restricted_objects:
            key = (str(obj._meta.verbose_name), "")
            counts[key] = counts.get(key, 0) + 1
        raise _still_named([(records, field, n) for (records, field), n in counts.items()]) from e
    remove_file_on_commit(person.photo)
    audit.record(actor, "person.delete", **gone)
    _checkpoint_after_commit()


def person_reveal(*, actor, person: Person, field: str) -> str:
    """Return one personal value in clear, after checking the reveal permission; audited either way."""
    if field not in ("id_number", "phone"):
        raise ValidationError(_("Unknown field."))
    if not in_scope(actor, person.org_path, Perm.REVEAL):
        # The refusal is recorded in its own transaction, so raising does not roll it back.
        audit.record(actor, "person.reveal", obj=person, outcome="denied", detail={"field": field})
        raise PermissionDenied(_("You may not see this person's personal data."))
    with transaction.atomic():
        audit.record(actor, "person.reveal", obj=person, detail={"field": field})
        return crypto.decrypt(person.id_number_enc if field == "id_number" else person.phone_enc)


def person_bulk_create(*, actor, people: Iterable[Person], paths: Collection[str] | None = None) -> int:
    """Save already-validated people (imports, demo). Caller holds the transaction.

    `people` may be built as they are stored (a generator of build_person: see core.bulk.insert_objects); it then
    comes with the `paths` of the units it registers people in, each checked before anything is written."""
    refused = _("You cannot register people in this unit.")
    saved = bulk.insert_objects(Person, writable(actor, people, paths, refused))
    rollups.changed_many("people.Person", afters=saved)
    return len(saved)
