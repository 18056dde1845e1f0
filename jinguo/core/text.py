"""Text as people actually type it: identifiers normalised before they are checked, hashed or searched."""

import unicodedata


def normalize_identifier(value) -> str:
    """An ID number, phone or code as ASCII: NFKC, every Unicode decimal digit as 0–9, no spaces, upper case.

    NFKC turns full-width digits, letters and spaces into ASCII, but leaves the digits of other scripts
    (Mongolian ᠑᠕, Arabic-Indic ١٥ …) alone; `unicodedata.decimal` maps those. Spaces of every kind and
    invisible format characters (a zero-width space or direction mark pasted from a web page) go.
    """
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
