"""API of the theme calendar (read-only): the themes a caller may link records to."""

import datetime

from ninja import Router, Schema

from jinguo.api.lists import list_route
from jinguo.planning.lists import THEMES

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


list_route(router, THEMES, response=ThemeOut)
