"""Text that can be stored: no lone UTF-16 surrogates (U+D800–U+DFFF).

A JSON body may spell "\\ud800", which Python decodes to a str no database or UTF-8 encoder accepts.
Django's form and multipart parsers already replace undecodable bytes, and .xlsx cells are read as valid
UTF-8, so JSON is the one way in; the API's parser refuses such a body with the field's name.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
