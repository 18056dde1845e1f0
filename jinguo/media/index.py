"""The communication index (传播指数, WCI-style) of an account over a period.

For a period of `d` days with the account's daily rows summed — reads R, likes L, 在看 W, shares S, comments C —
and the best day's reads Rmax:

    reach      O = 0.85·ln(R/d + 1) + 0.15·ln(Rmax + 1)
    engagement E = 0.40·ln(10·L/d + 1) + 0.25·ln(10·W/d + 1) + 0.25·ln(10·S/d + 1) + 0.10·ln(10·C/d + 1)
    index        = (0.7·O + 0.3·E)² × 10, rounded to two decimals

Daily averages make a week and a month comparable; the logarithms keep one viral day from outweighing a steady
month; the square spreads the top of the ranking. An account with no rows scores 0. The inputs are shown with
the index on the account's page, and the ranking sorts by the index, then by reads, then by the account's number.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass
class Inputs:
    days: int
    reads: int = 0
    likes: int = 0
    wows: int = 0
    shares: int = 0
    comments: int = 0
    max_reads: int = 0
    followers: int = 0


def wci(i: Inputs) -> Decimal:
    d = max(i.days, 1)
    if not (i.reads or i.likes or i.wows or i.shares or i.comments):
        return Decimal("0.00")
    reach = 0.85 * math.log(i.reads / d + 1) + 0.15 * math.log(i.max_reads + 1)
    engagement = (
        0.40 * math.log(10 * i.likes / d + 1)
        + 0.25 * math.log(10 * i.wows / d + 1)
        + 0.25 * math.log(10 * i.shares / d + 1)
        + 0.10 * math.log(10 * i.comments / d + 1)
    )
    value = (0.7 * reach + 0.3 * engagement) ** 2 * 10
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
