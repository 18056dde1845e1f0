"""The import column of a venue, for the importers of the modules whose records name one (a lecture held at a
venue): the venue's name, among the venues the actor may name; the row's unit picks among namesakes."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import text_parser
from jinguo.core.xlsx import Column
from jinguo.venues.models import Venue
from jinguo.venues.selectors import venue_serves, venues_by_name

_name = text_parser(Venue, "name")


@dataclass
class VenueRef:
    name: str
    candidates: list = field(default_factory=list)  # the venues of that name the actor may name

    def pick(self, path: str) -> Venue:
        """The venue of the row's unit (at `path`): the one on the unit's line, the nearest when several are;
        ValidationError with the reason otherwise (an unknown name and one out of reach read the same)."""
        on_line = [v for v in self.candidates if venue_serves(v, path) is None]
        if not on_line:
            if self.candidates:
                raise ValidationError(venue_serves(self.candidates[0], path))
            raise ValidationError(_("There is no venue called “%(name)s” among yours.") % {"name": self.name})
        above = [v for v in on_line if path.startswith(v.org_path)]
        if len(on_line) == 1:
            return on_line[0]
        if above:
            return max(above, key=lambda v: len(v.org_path))
        raise ValidationError(_("Several venues are called “%(name)s”: give the unit's own.") % {"name": self.name})


class VenueColumn(Column):
    """A venue's name → a VenueRef whose candidates are the venues of that name the actor may name
    (venues.selectors.venue_choices); the importer picks with the row's unit (VenueRef.pick)."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault("format", lambda obj: obj.venue.name if obj.venue_id else "")
        super().__init__(key, header, parse=self._parse, **kwargs)
        self.by_name: dict[str, list[Venue]] = {}

    def prepare(self, importer, values) -> None:
        self.by_name = venues_by_name(importer.actor, {" ".join(str(v).split()) for v in values})

    def _parse(self, value) -> VenueRef:
        name = _name(" ".join(str(value).split()))
        return VenueRef(name, list(self.by_name.get(name, [])))
