"""Checks that ask before saving: a value far above the unit's usual, a record that looks like one already saved.

A service lists its `Caution`s for the values it is about to write and calls `ask(cautions, confirmed)`. Those the
caller has not confirmed raise `NeedsConfirmation`; the write goes ahead once every one is confirmed by its code.
The same codes travel through each way in:

- a form shows the cautions above its fields, each with a box to tick (`confirm`, a `core.forms.ValuesField`), and
  the ticked codes go back to the service with the corrected or unchanged values (`includes/form_errors.html`);
- the API answers 409 with `{"detail": …, "confirm": [{"code", "field", "message"}]}` and the caller resends with
  `"confirm": [codes]` (`api.api`);
- an import reports each as a problem of its row, unless the upload ticked "the unusual figures are right"
  (`Importer.confirmed`), so the sheet is written whole or not at all.

A code names the check and the field, never another record: a caution says a similar record exists in the
user's own unit, which the user can see.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# A confirmation is a short list of short codes: bounded for the form, the API schema and the import alike.
MAX_CODES = 10
MAX_CODE_LENGTH = 40


@dataclass(frozen=True)
class Caution:
    code: str  # stable between the two sends: "duplicate", "outlier:audience_count"
    message: str
    field: str | None = None


class NeedsConfirmation(Exception):
    """The write waits for these cautions to be confirmed."""

    def __init__(self, cautions: list[Caution]):
        super().__init__("; ".join(str(c.message) for c in cautions))
        self.cautions = cautions

    @property
    def detail(self) -> str:
        return str(_("Check these values, then confirm to save."))

    def as_json(self) -> list[dict]:
        return [{"code": c.code, "field": c.field, "message": str(c.message)} for c in self.cautions]


def codes(values: Iterable | None) -> frozenset[str]:
    """The confirmed codes as sent: at most MAX_CODES short strings, anything else ignored."""
    out = []
    for v in list(values or [])[:MAX_CODES]:
        if isinstance(v, str) and 0 < len(v) <= MAX_CODE_LENGTH:
            out.append(v)
    return frozenset(out)


def ask(cautions: Iterable[Caution], confirmed: Iterable | None = ()) -> list[Caution]:
    """Raise NeedsConfirmation for the cautions not confirmed; return the confirmed ones (for the audit)."""
    cautions = list(cautions)
    ok = codes(confirmed)
    pending = [c for c in cautions if c.code not in ok]
    if pending:
        raise NeedsConfirmation(pending)
    return cautions


def outlier(value, usual: float | None, *, field: str, label, factor: float = 10, floor: float = 0) -> Caution | None:
    """A caution when `value` is more than `factor` times the usual figure and above `floor`.

    `usual` is what the unit reports most of the time (a median): None when it has too little history, and then
    only `floor` counts."""
    if value is None:
        return None
    limit = max(floor, (usual or 0) * factor)
    if value <= limit:
        return None
    if usual:
        message = _("%(label)s %(value)s is far above this unit's usual %(usual)s: check the figure, then confirm.") % {
            "label": label,
            "value": f"{value:,}",
            "usual": f"{round(usual):,}",
        }
    else:
        message = _("%(label)s %(value)s is unusually high: check the figure, then confirm.") % {
            "label": label,
            "value": f"{value:,}",
        }
    return Caution(f"outlier:{field}", message, field)


def confirm_hint() -> str:
    """What an import's problem row says about an unusual figure."""
    return str(_("If the figure is right, tick “The unusual figures are right” and upload the sheet again."))
