from typing import Annotated, Literal

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from jinguo.api.params import Error, Pagination
from jinguo.core.bounds import bounds
from jinguo.core.roles import Perm
from jinguo.orgs.models import OrgUnit
from jinguo.orgs.selectors import get_org_for_user, org_list

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


@router.get("", response=list[OrgOut])
@paginate(Pagination)
def list_orgs(request, under: str | None = None, level: LevelName | None = None, q: str = ""):
    """Units the caller can see; `under` restricts to a subtree by division code (e.g. 150000)."""
    parent = get_org_for_user(request.user, under, perm=Perm.SEE_TREE) if under else None
    return org_list(request.user, under=parent, level=level, q=q)


@router.get("/{code}", response={200: OrgOut, 404: Error})
def get_org(request, code: str):
    return get_org_for_user(request.user, code)
