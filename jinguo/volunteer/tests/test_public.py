"""The public page of a project (no login): what it does, where, how to join, and the sign-up form, which asks for
consent, is rate-limited and lands in the team's inbox. Named cases never appear there."""

from jinguo.core.models import Notification
from jinguo.volunteer import services
from jinguo.volunteer.models import Application


def _form(**over):
    data = {"name": "王芳", "phone": "13912345678", "village": "漫赖村", "message": "想参加", "consent": "on"}
    data.update(over)
    return data


def test_the_public_page_shows_a_public_project_and_takes_a_sign_up(client, project, actors):
    services.named_case_add(actor=actors["county_cadre"], project=project, name="张小花", category="children")
    page = client.get(f"/v/{project.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and "幸福敲门" in body and "张小花" not in body and "张*" not in body
    r = client.post(f"/v/{project.pk}/", _form())
    assert r.status_code == 200 and 'data-testid="applied"' in r.content.decode()
    app = Application.objects.get()
    assert app.phone_masked == "139****5678" and "13912345678" not in app.phone_enc
    told = Notification.objects.filter(kind="volunteer.application")
    assert {n.recipient.username for n in told} == {"county_cadre"}  # the team's unit


def test_consent_is_required(client, project):
    r = client.post(f"/v/{project.pk}/", _form(consent=""))
    assert r.status_code == 400 and not Application.objects.exists()


def test_the_sign_up_is_rate_limited(client, project):
    for _ in range(services.APPLY_LIMIT):
        assert client.post(f"/v/{project.pk}/", _form()).status_code == 200
    assert client.post(f"/v/{project.pk}/", _form()).status_code == 429
    assert Application.objects.count() == services.APPLY_LIMIT


def test_a_project_not_on_show_is_404(client, project, actors):
    services.project_update(actor=actors["county_cadre"], project=project, public=False)
    assert client.get(f"/v/{project.pk}/").status_code == 404
    assert client.get("/v/999999/").status_code == 404


def test_the_named_case_is_revealed_only_with_a_reason_and_audited(login, actors, project):
    from jinguo.core.models import AuditEvent

    case = services.named_case_add(actor=actors["county_cadre"], project=project, name="张小花", category="children")
    assert case.name_masked == "张**" and "张小花" not in case.name_enc
    web = login(actors["county_cadre"])
    url = f"/volunteer/projects/{project.pk}/cases/{case.pk}/reveal/"
    assert "张小花" not in web.post(url, {"reason": ""}, follow=True).content.decode()
    shown = web.post(url, {"reason": "入户走访核对"})
    assert 'data-testid="revealed-name">张小花' in shown.content.decode()
    ev = AuditEvent.objects.get(event="volunteer.case_reveal", outcome="success")
    assert ev.detail == {"reason": "入户走访核对"}
    # The leader holds no reveal permission: refused, and the refusal is audited.
    login(actors["leader"]).post(url, {"reason": "看看"})
    assert AuditEvent.objects.filter(event="volunteer.case_reveal", outcome="denied").count() == 1
