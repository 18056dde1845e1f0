"""Import columns of the people registry, for every module's importer (core.xlsx)."""

import re
from dataclasses import dataclass, field

from jinguo.core.text import normalize_identifier
from jinguo.core.xlsx import Column
from jinguo.people.validation import clean_phone


class PhoneColumn(Column):
    """A mobile number as people type it (full-width digits, spaces, hyphens): 11 digits starting 13–19."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault("example", "13800000000")
        super().__init__(key, header, parse=clean_phone, **kwargs)


_TOKENS = re.compile(r"[、,，;；/\s]+")
_NAMED_NUMBER = re.compile(r"^(?P<name>.*?)[(（:：]?(?P<number>[0-9]{17}[0-9X])[)）]?$")


@dataclass
class PersonRef:
    """One person named in a cell: by ID number (`number`, with the name typed beside it, if any) or by name."""

    token: str
    number: str = ""
    name: str = ""
    candidates: list = field(default_factory=list)  # the nameable people it may be (the importer narrows them)


def person_refs(value) -> list[PersonRef]:
    """ "其其格、150602…、萨仁（150602…）" → one ref per person; a name followed by an ID number is one person."""
    refs: list[PersonRef] = []
    for token in (t for t in _TOKENS.split(str(value)) if t):
        match = _NAMED_NUMBER.match(normalize_identifier(token)) if any(c.isdigit() for c in token) else None
        if match:
            name = match["name"]
            if not name and refs and not refs[-1].number:  # "其其格 150602…": the name came as the token before
                name = refs.pop().name
            refs.append(PersonRef(token, number=match["number"], name=name))
        else:
            refs.append(PersonRef(token, name=token))
    return refs


class PersonColumn(Column):
    """Registered people named by ID number, by name and ID number, or by name alone (then exactly one nameable
    person may bear it) → PersonRefs whose candidates are people the actor may name (people_nameable_by_hash /
    _by_name, with `also(importer)` for the people a module allows besides the actor's units). A number Excel
    rounded is refused with the fix; unknown and not nameable look the same (no candidate)."""

    def __init__(self, key, header, *, also=None, **kwargs):
        from jinguo.core.xlsx import ID_NUMBER_AS_NUMBER

        kwargs.setdefault("refuse_number", ID_NUMBER_AS_NUMBER)
        super().__init__(key, header, parse=self._parse, **kwargs)
        self.also = also
        self.by_hash: dict = {}
        self.by_name: dict = {}

    def prepare(self, importer, values) -> None:
        from jinguo.people.selectors import people_nameable_by_hash, people_nameable_by_name
        from jinguo.people.services import id_hash

        refs = [r for v in values for r in person_refs(v)]
        also = self.also(importer) if self.also else None
        hashes = {id_hash(r.number) for r in refs if r.number}
        self.by_hash = people_nameable_by_hash(importer.actor, hashes, also=also)
        self.by_name = people_nameable_by_name(
            importer.actor, {r.name for r in refs if r.name and not r.number}, also=also
        )

    def _parse(self, value) -> list[PersonRef]:
        from jinguo.people.services import id_hash

        refs = person_refs(value)
        for ref in refs:
            if ref.number:
                p = self.by_hash.get(id_hash(ref.number))
                ref.candidates = [p] if p is not None and (not ref.name or p.name == ref.name) else []
            else:
                ref.candidates = list(self.by_name.get(ref.name, []))
        return refs
