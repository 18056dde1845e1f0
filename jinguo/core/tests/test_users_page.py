from jinguo.core.models import AuditEvent, Membership, User


def test_the_security_admin_creates_a_user_and_grants_a_role(login, actors):
    client = login(actors["secadmin"])
    r = client.post(
        "/users/add/",
        {
            "username": "new_cadre",
            "password": "Long-Enough-Pass1",
            "org_code": "150602",
            "role": "cadre",
            "display_name": "新干部",
        },
    )
    assert r.status_code == 302
    m = Membership.objects.get(user__username="new_cadre")
    assert (m.org.code, m.role) == ("150602", "cadre")
    assert AuditEvent.objects.filter(event__in=["user.create", "membership.grant"], actor_name="secadmin").count() == 2


def test_a_weak_password_is_refused_with_a_reason(login, actors):
    client = login(actors["secadmin"])
    r = client.post(
        "/users/add/", {"username": "weak", "password": "password", "org_code": "150602", "role": "cadre"}, follow=True
    )
    assert not User.objects.filter(username="weak").exists()
    assert "alert-danger" in r.content.decode()


def test_revoking_a_role_is_audited(login, actors):
    m = Membership.objects.get(user=actors["county_cadre"])
    client = login(actors["secadmin"])
    assert client.post(f"/users/memberships/{m.pk}/revoke/").status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert AuditEvent.objects.filter(event="membership.revoke").exists()


def test_a_cadre_cannot_open_the_users_page(login, actors):
    assert login(actors["region_cadre"]).get("/users/").status_code == 403
    assert login(actors["region_cadre"]).post("/users/add/", {"username": "x"}).status_code == 403
