"""`None` is never an actor: it is refused like a user with no roles; system work says SYSTEM."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from jinguo.core.actors import SYSTEM
from jinguo.core.scope import in_scope, require_write, scope_paths, scoped
from jinguo.orgs.models import OrgUnit
from jinguo.outreach.services import can_verify, lecture_verify, team_create
from jinguo.outreach.tests.factories import new_lecture
from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create


def test_none_has_no_scope_and_system_has_all(tree):
    assert scope_paths(None) == [] and not in_scope(None, "150602")
    assert scoped(OrgUnit.objects.all(), None, field="path").count() == 0
    assert scoped(OrgUnit.objects.all(), SYSTEM, field="path").count() == OrgUnit.objects.count()
    with pytest.raises(PermissionDenied):
        require_write(None, "150602")
    require_write(SYSTEM, "150602")


def test_services_refuse_a_none_actor(tree):
    with pytest.raises(PermissionDenied):
        person_create(
            actor=None,
            org=tree["150602"],
            name="某某",
            gender="F",
            ethnicity="汉族",
            birth_date=datetime.date(1985, 3, 8),
            id_number=make_id_number("150602", datetime.date(1985, 3, 8), 1),
        )
    with pytest.raises(PermissionDenied):
        team_create(actor=None, org=tree["150602"], name="无主宣讲团")


def test_a_none_actor_cannot_verify(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    assert not can_verify(None, lec.org_path)
    with pytest.raises(PermissionDenied):
        lecture_verify(actor=None, lecture=lec)
