"""API of the theme calendar (read-only): the themes a caller may link records to."""

import datetime
from typing import Literal

from ninja import Router, Schema
from ninja.pagination import paginate

from jinguo.api.params import Pagination, YearParam
from jinguo.planning.selectors import theme_list

router = Router(tags=["planning"])


class ThemeOut(Schema):
    id: int
    kind: str
    year: int
    quarter: int | None
    month: int | None
    title: str
    is_primary: bool
    parent: int | None
    series: str | None
    org: str
    starts_on: datetime.date
    ends_on: datetime.date

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_series(obj) -> str | None:
        return obj.series.name if obj.series_id else None

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.code


@router.get("", response=list[ThemeOut])
@paginate(Pagination)
def list_themes(request, year: int | None = YearParam, kind: Literal["annual", "quarter", "month"] | None = None):
    """Themes of the caller's units, the units below and the units above."""
    return theme_list(request.user, year=year, kind=kind or "")
