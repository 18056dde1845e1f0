from typing import Annotated, Literal

from ninja import Field, Router, Schema

from jinguo.api.lists import list_route
from jinguo.api.params import Error
from jinguo.core.bounds import bounds
from jinguo.orgs.lists import ORGS
from jinguo.orgs.models import OrgUnit
from jinguo.orgs.selectors import get_org_for_user

router = Router(tags=["orgs"])

# A division code in a request body (`org`) of any module's router: digits, no longer than OrgUnit.code.
OrgCode = Annotated[str, Field(max_length=bounds(OrgUnit, "code").max_length, pattern=r"^[0-9]+$")]

LevelName = Literal["province", "league", "county", "town", "village"]


class OrgOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    parent_name: str | None
    is_generated: bool

    @staticmethod
    def resolve_parent(obj: OrgUnit) -> str | None:
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_parent_name(obj: OrgUnit) -> str | None:
        return obj.parent.name if obj.parent_id else None


list_route(router, ORGS, response=OrgOut)


@router.get("/{code}", response={200: OrgOut, 404: Error})
def get_org(request, code: str):
    return get_org_for_user(request.user, code)
