"""三员分立: system, security and audit administrators are three different people."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jinguo.core.actors import SYSTEM
from jinguo.core.models import Membership
from jinguo.core.roles import Role
from jinguo.core.services import membership_grant


@pytest.mark.parametrize("second", [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_it_refuses_a_second_admin_role(actors, tree, second):
    with pytest.raises(ValidationError):
        membership_grant(actor=SYSTEM, user=actors["sysadmin"], org=tree["150000"], role=second)


def test_the_database_refuses_two_admin_roles_for_one_user(actors, tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=actors["secadmin"], org=tree["150000"], role=Role.AUDIT_ADMIN)


def test_the_audit_admin_holds_no_other_role(actors, tree):
    with pytest.raises(ValidationError):
        membership_grant(actor=SYSTEM, user=actors["auditor"], org=tree["150000"], role=Role.CADRE)
    with pytest.raises(ValidationError):
        membership_grant(actor=SYSTEM, user=actors["county_cadre"], org=tree["150000"], role=Role.AUDIT_ADMIN)


def test_the_audit_admin_reads_audit_and_nothing_else(login, actors):
    client = login(actors["auditor"])
    assert client.get("/audit/").status_code == 200
    assert client.get("/people/").status_code == 403
    assert client.get("/users/").status_code == 403


def test_only_the_audit_admin_reads_the_audit_log(login, actors):
    for name in ["region_cadre", "sysadmin", "secadmin", "leader"]:
        assert login(actors[name]).get("/audit/").status_code == 403, name


def test_a_cadre_cannot_grant_roles(actors, tree):
    with pytest.raises(PermissionDenied):
        membership_grant(actor=actors["region_cadre"], user=actors["outsider"], org=tree["150602"], role=Role.CADRE)


def test_the_security_admin_grants_a_role_and_it_is_audited(actors, tree):
    from jinguo.core.models import AuditEvent

    membership_grant(actor=actors["secadmin"], user=actors["outsider"], org=tree["150602"], role=Role.CADRE)
    ev = AuditEvent.objects.filter(event="membership.grant", actor_name="secadmin").get()
    assert ev.detail == {"user": "outsider", "role": "cadre", "org": "150602"}


def test_no_user_named_admin(actors):
    from jinguo.core.services import user_create

    with pytest.raises(ValidationError):
        user_create(actor=SYSTEM, username="Admin", password="Quite-Long-Passw0rd")
