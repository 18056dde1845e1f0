"""Parameters and schemas shared by the routers."""

from typing import Annotated, Any

from ninja import Field, Path, Query, Schema
from ninja.pagination import LimitOffsetPagination

from jinguo.core.bounds import MAX_ID
from jinguo.core.confirm import MAX_CODE_LENGTH, MAX_CODES  # noqa: F401 - MAX_CODES for the routers' lists

# Record ids are positive and fit in 10 digits for the foreseeable future; the bound keeps the OpenAPI
# document exact, makes an out-of-range id a 422 rather than a database error, and keeps fuzzed ids from
# looking like phone numbers in the request log.
RecordId = Path(..., ge=1, le=MAX_ID)

# The same bound for an id in a request body: `theme: Id`, `lecturers: list[Id]`.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# The code of a caution (core.confirm) the caller confirms, as a 409 answer listed it.
ConfirmCode = Annotated[str, Field(min_length=1, max_length=MAX_CODE_LENGTH, pattern=r"^[a-z_:]+$")]

# A stored period: a year (2026), a quarter (2026Q3) or a month (2026-07); see jinguo.core.periods.
PERIOD_PATTERN = r"^(19|20|21)\d{2}(-?[Qq][1-4]|-(0?[1-9]|1[0-2]))?$"


API_COUNT_CAP = 10_000


class Pagination(LimitOffsetPagination):
    """limit/offset with bounds: at most 1,000 items a page, so no request asks the database for 2**63 rows.

    The count never scans a whole region: a first page that holds every match is counted by its length (no count
    query); otherwise at most API_COUNT_CAP + 1 rows are counted, and `count_capped` says there are more."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="items per page (1–1,000)")
        offset: int = Field(0, ge=0, le=100_000_000, description="items to skip")

    class Output(Schema):
        items: list[Any]
        count: int = Field(description=f"matching items: exact on the last page, else counted up to {API_COUNT_CAP:,}")
        count_capped: bool = Field(
            description=f"more than {API_COUNT_CAP:,} items match: page on with offset until a page comes back short"
        )

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        items = list(queryset[offset : offset + limit])
        if len(items) < limit and (items or offset == 0):  # the last page: what precedes it and its length, exact
            return {"items": items, "count": offset + len(items), "count_capped": False}
        if hasattr(queryset, "query"):  # unordered: any API_COUNT_CAP + 1 matching rows will do
            count = queryset.order_by()[: API_COUNT_CAP + 1].count()
            count = max(count, offset + len(items)) if items else count  # past the cap: at least what is seen
        else:
            count = len(queryset)
        return {"items": items, "count": min(count, API_COUNT_CAP), "count_capped": count > API_COUNT_CAP}


YearParam = Query(None, ge=1900, le=2100, description="a year such as 2026")


class Error(Schema):
    """A 4xx answer: `detail` is a message, or field → messages; a 409 lists the cautions to confirm."""

    detail: str | dict
    confirm: list[dict] | None = None


class LevelOut(Schema):
    """One level of a coverage figure (stats.coverage.Level): units of the level below the unit, how many covered."""

    level: str
    units: int
    covered: int
    percent: float


class OrgFields(Schema):
    """`org` (division code) and `org_name` of an org-scoped record; needs `org` selected with the record."""

    org: str
    org_name: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org_name(obj) -> str:
        return obj.org.name
