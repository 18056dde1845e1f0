"""Tree arithmetic of materialised org paths: the one place that knows how paths nest.

A unit's path is the significant prefix of its statistical division code, so an ancestor's path is a
prefix of every descendant's: 15 (region) → 1506 (league) → 150602 (county) → 150602001 (town) →
150602001001 (village). Each level has a fixed number of digits; everything below is cutting a path
at those lengths. `jinguo.orgs.models` names the levels for people (Level, with labels) and re-exports
these tables keyed by them.
"""

# Significant digits of a path at each level, top to bottom.
LEVEL_DIGITS: dict[str, int] = {"province": 2, "league": 4, "county": 6, "town": 9, "village": 12}
LEVELS: tuple[str, ...] = tuple(LEVEL_DIGITS)  # top to bottom
DEPTHS: tuple[int, ...] = tuple(LEVEL_DIGITS.values())  # 2, 4, 6, 9, 12
LEVEL_OF_DEPTH: dict[int, str] = {d: level for level, d in LEVEL_DIGITS.items()}
TOP_LEVEL = LEVELS[0]
REPORTING_LEVEL = "county"  # a town's or village's records are answered for by its county


def level_of(path: str) -> str | None:
    """The level of a unit with this path ("county" for 150602), or None when no level has its length."""
    return LEVEL_OF_DEPTH.get(len(path))


def child_level(level: str) -> str | None:
    """The level just below `level`, or None below the lowest."""
    i = LEVELS.index(level)
    return LEVELS[i + 1] if i + 1 < len(LEVELS) else None


def ancestor_paths(path: str) -> list[str]:
    """The paths of the units strictly above, top first: 150602 → [15, 1506]."""
    return [path[:d] for d in DEPTHS if d < len(path)]


def ancestors_or_self(path: str) -> list[str]:
    """The unit's own path after its ancestors': 150602 → [15, 1506, 150602]."""
    return [*ancestor_paths(path), path]


def parent_path(path: str) -> str | None:
    """The path of the unit just above, or None for a top unit."""
    above = ancestor_paths(path)
    return above[-1] if above else None


def at_level(path: str, level: str) -> str | None:
    """The path of the unit at `level` that holds `path` (itself when it is at that level), or None when
    `path` is above that level."""
    d = LEVEL_DIGITS[level]
    return path[:d] if len(path) >= d else None


def county_of(path: str) -> str | None:
    """The county holding a county, town or village; None for a league or the region."""
    return at_level(path, "county")


def reporting_path(path: str) -> str:
    """The unit that answers for a record: the county for a town or village, else the unit itself."""
    return at_level(path, REPORTING_LEVEL) or path
