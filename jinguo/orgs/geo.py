"""Map outlines of the tree (vendored by scripts/vendor_maps.py): which shape stands for which unit."""

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings

MAPS_DIR = Path(settings.BASE_DIR) / "jinguo" / "static" / "vendor" / "maps"


@lru_cache(maxsize=32)
def shape_names(code: str) -> tuple[str, ...]:
    """Names of the shapes in the map of unit `code` (its children), empty when there is no map."""
    path = MAPS_DIR / f"{code}.json"
    if not path.exists():
        return ()
    return tuple(f["properties"]["name"] for f in json.loads(path.read_text(encoding="utf-8"))["features"])


def has_map(code: str) -> bool:
    return (MAPS_DIR / f"{code}.json").exists()


def shape_for(child_name: str, names: tuple[str, ...]) -> str | None:
    """The shape of a child unit: same name, or a name that the unit's name starts with (乌海 → 乌海市)."""
    if child_name in names:
        return child_name
    matches = [n for n in names if child_name.startswith(n) or n.startswith(child_name)]
    return matches[0] if len(matches) == 1 else None
