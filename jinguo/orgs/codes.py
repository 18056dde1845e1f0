"""Division codes: level and materialised path from a GB/T 2260 / statistical code."""

import re

from jinguo.orgs.models import Level

_CODE = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")


def parse_code(code: str) -> tuple[str, str] | None:
    """(level, path) of a 6-, 9- or 12-digit code, or None when it is not a division code."""
    code = (code or "").strip()
    if not _CODE.match(code):
        return None
    if len(code) == 12:
        return Level.VILLAGE, code
    if len(code) == 9:
        return Level.TOWN, code
    if code[2:] == "0000":
        return Level.PROVINCE, code[:2]
    if code[4:] == "00":
        return Level.LEAGUE, code[:4]
    return Level.COUNTY, code


def code_of_path(path: str) -> str:
    return path.ljust(6, "0") if len(path) <= 6 else path


def pinyin_initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore") if p).lower()
