"""The import column of a unit, for every module's importer (core.xlsx)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from jinguo.core.roles import Perm
from jinguo.core.scope import scoped
from jinguo.core.text import normalize_identifier
from jinguo.core.xlsx import Column
from jinguo.orgs.models import OrgUnit


def no_unit_with_code(code) -> str:
    """The one answer for a code that is unknown or names a unit outside the user's: it tells them apart never."""
    return _("There is no unit with code %(code)s among your units.") % {"code": code}


class OrgColumn(Column):
    """A unit's division code (full-width digits and spaces are fine) or its exact name → a unit where the actor
    holds `perm`; the export writes the code. An unknown code and one outside the actor's units get one message."""

    def __init__(self, key, header, *, perm: str = Perm.WRITE, **kwargs):
        self.perm = perm
        self.by_code: dict[str, OrgUnit] = {}
        self.by_name: dict[str, list[OrgUnit]] = {}
        kwargs.setdefault("format", lambda obj: obj.org.code)
        super().__init__(key, header, parse=self._parse, **kwargs)

    def prepare(self, importer, values) -> None:
        codes = {normalize_identifier(v) for v in values}
        names = {" ".join(str(v).split()) for v in values}
        found = scoped(OrgUnit.objects.filter(Q(code__in=codes) | Q(name__in=names)), importer.actor, self.perm, "path")
        for o in found:
            self.by_code[o.code] = o
            self.by_name.setdefault(o.name, []).append(o)

    def _parse(self, value):
        code = normalize_identifier(value)
        if code.isdigit():
            org = self.by_code.get(code)
            if org is None:
                raise ValidationError(no_unit_with_code(code))
            return org
        name = " ".join(str(value).split())
        matches = self.by_name.get(name, [])
        if not matches:
            raise ValidationError(_("There is no unit called “%(name)s” among your units.") % {"name": name})
        if len(matches) > 1:
            raise ValidationError(_("Several of your units are called “%(name)s”: give the code.") % {"name": name})
        return matches[0]
