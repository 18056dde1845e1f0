import datetime
from typing import Literal

from ninja import Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import Error, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user
from jinguo.people.lists import PEOPLE
from jinguo.people.models import Person
from jinguo.people.selectors import get_person_for_user
from jinguo.people.services import person_create, person_delete, person_reveal

router = Router(tags=["people"])


class PersonOut(OrgFields):
    id: int
    name: str
    gender: str
    ethnicity: str
    birth_date: datetime.date
    id_number: str
    phone: str

    @staticmethod
    def resolve_id_number(obj) -> str:
        return obj.id_number_masked

    @staticmethod
    def resolve_phone(obj) -> str:
        return obj.phone_masked


class PersonIn(Schema):
    name: str = schema_field(Person, "name")
    gender: Literal["F", "M"]
    ethnicity: str = schema_field(Person, "ethnicity")
    birth_date: datetime.date
    id_number: str
    phone: str = ""
    org: OrgCode


class Revealed(Schema):
    field: str
    value: str


list_route(router, PEOPLE, response=PersonOut)


@router.get("/{person_id}", response={200: PersonOut, 404: Error})
def get_person(request, person_id: int = RecordId):
    return get_person_for_user(request.user, person_id)


@router.post("", response={201: PersonOut, 400: Error, 403: Error, 404: Error})
def create_person(request, payload: PersonIn):
    org = get_org_for_user(request.user, payload.org)
    person = person_create(
        actor=request.user,
        org=org,
        name=payload.name,
        gender=payload.gender,
        ethnicity=payload.ethnicity,
        birth_date=payload.birth_date,
        id_number=payload.id_number,
        phone=payload.phone,
    )
    return Status(201, person)


@router.post("/{person_id}/reveal", response={200: Revealed, 403: Error, 404: Error})
def reveal(request, field: Literal["id_number", "phone"], person_id: int = RecordId):
    """The clear value of one personal field; needs the reveal permission and is audited."""
    person = get_person_for_user(request.user, person_id)
    return {"field": field, "value": person_reveal(actor=request.user, person=person, field=field)}


@router.delete("/{person_id}", response={204: None, 400: Error, 403: Error, 404: Error})
def delete_person(request, person_id: int = RecordId):
    """Delete a person; 400 with what still names her (lectures, teams, study sessions…) if anything does."""
    person = get_person_for_user(request.user, person_id, write=True)
    person_delete(actor=request.user, person=person)
    return Status(204, None)
