"""Text as people actually type it, and text that can be stored.

Identifiers are normalised before they are checked, hashed or searched. A JSON body may spell "\\ud800",
which Python decodes to a str no database or UTF-8 encoder accepts; Django's form and multipart parsers
already replace undecodable bytes, and .xlsx cells are read as valid UTF-8, so JSON is the one way in, and
the API's parser refuses such a body with the field's name.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalize_identifier(value) -> str:
    """An ID number, phone or code as ASCII: NFKC, every Unicode decimal digit as 0–9, no spaces, upper case.

    NFKC turns full-width digits, letters and spaces into ASCII, but leaves the digits of other scripts
    (Mongolian ᠑᠕, Arabic-Indic ١٥ …) alone; `unicodedata.decimal` maps those. Spaces of every kind and
    invisible format characters (a zero-width space or direction mark pasted from a web page) go.

    ASCII letters and digits alone are already what NFKC makes of them: upper-cased and returned at once (an
    import of 100,000 people normalises each number and phone at each of its checks: 700,000 calls).
    """
    if type(value) is str and value.isascii() and value.isalnum():
        return value.upper()
    text = unicodedata.normalize("NFKC", str(value or ""))
    if not text.isascii():
        out = []
        for ch in text:
            digit = unicodedata.decimal(ch, None)
            if digit is not None:
                out.append(str(digit))
            elif not ch.isspace() and unicodedata.category(ch) != "Cf":
                out.append(ch)
        text = "".join(out)
    return "".join(text.split()).upper()


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    return bool(_SURROGATE.search(text))


def _safe(key) -> str:
    return str(key).encode("utf-8", "backslashreplace").decode("utf-8")


def surrogate_path(data, path: str = "") -> str | None:
    """Dotted path of the first key or string value in `data` holding a lone surrogate, or None."""
    if isinstance(data, str):
        return path if has_surrogate(data) else None
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list | tuple):
        items = enumerate(data)
    else:
        return None
    for key, value in items:
        here = f"{path}.{_safe(key)}" if path else _safe(key)
        if isinstance(key, str) and has_surrogate(key):
            return here
        found = surrogate_path(value, here)
        if found is not None:
            return found
    return None


def check_no_surrogates(data) -> None:
    """Raise ValidationError({field: [reason]}) when any string in `data` holds a lone surrogate."""
    path = surrogate_path(data)
    if path is not None:
        reason = _("The text holds an invalid character (a lone surrogate such as \\ud800): send valid Unicode.")
        raise ValidationError({path or "__all__": [reason]})
