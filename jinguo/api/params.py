"""Parameters and schemas shared by the routers."""

from typing import Annotated

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


class Pagination(LimitOffsetPagination):
    """limit/offset with bounds: at most 1,000 items a page, so no request asks the database for 2**63 rows."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="items per page (1–1,000)")
        offset: int = Field(0, ge=0, le=100_000_000, description="items to skip")


YearParam = Query(None, ge=1900, le=2100, description="a year such as 2026")


class Error(Schema):
    """A 4xx answer: `detail` is a message, or field → messages; a 409 lists the cautions to confirm."""

    detail: str | dict
    confirm: list[dict] | None = None


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
