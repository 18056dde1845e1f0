"""The three benchmark sizes. `full` is the Inner Mongolia scale of DESIGN.md for the records that exist."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    towns_per_county: tuple[int, int]
    villages_per_town: tuple[int, int]
    users: int
    people: int
    lectures: int
    study_sessions: int
    honours: int = 0  # the honour registry (honors/bench.py)
    nominations: int = 0


SIZES = {
    "small": Size("small", (2, 3), (4, 6), 300, 10_000, 10_000, 1_000, 5_000, 1_000),
    "medium": Size("medium", (7, 12), (10, 18), 3_000, 100_000, 100_000, 10_000, 30_000, 6_000),
    "full": Size("full", (7, 12), (10, 18), 30_000, 1_000_000, 1_000_000, 100_000, 100_000, 20_000),
}
