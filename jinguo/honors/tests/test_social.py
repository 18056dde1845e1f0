"""Social nomination (社会化申报): the public form with a consent box and a phone check code sent through the
SMS adapter, rate-limited; the application lands at the county chosen, whose cadres take it up or not."""

import re

import pytest

from jinguo.core.crypto import decrypt
from jinguo.core.models import Notification
from jinguo.core.notify_channels import MemorySms
from jinguo.honors import services
from jinguo.honors.models import ApplicationState, Channel, NominationState, Programme, SocialApplication
from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person

ID_NUMBER = make_id_number("150602", __import__("datetime").date(1980, 5, 4), 77, female=True)


@pytest.fixture
def social(programme):
    Programme.objects.filter(pk=programme.pk).update(social=True)
    programme.refresh_from_db()
    MemorySms.outbox.clear()
    return programme


def _form(social, **over):
    data = {
        "action": "apply",
        "programme": social.pk,
        "org": "150602",
        "relation": "self",
        "applicant_name": "斯琴",
        "applicant_phone": "13912340000",
        "code": "",
        "nominee_name": "斯琴",
        "nominee_id_number": ID_NUMBER,
        "nominee_ethnicity": "蒙古族",
        "nominee_unit": "泊尔江海子镇漫赖村",
        "summary": "带领姐妹刺绣致富",
        "deeds": "十年来带动三百名妇女就业。",
        "consent": "on",
    }
    data.update(over)
    return data


def _send_code(client, phone="13912340000"):
    r = client.post("/h/apply/", {"action": "send_code", "applicant_phone": phone})
    assert r.status_code == 200 and 'data-testid="code-sent"' in r.content.decode()
    return re.search(r"(?<!\d)\d{6}(?!\d)", MemorySms.outbox[-1][1])[0]


def test_the_public_form_sends_a_code_and_lands_the_application_at_the_county(client, social, actors, tree):
    page = client.get("/h/apply/")
    assert page.status_code == 200 and 'data-testid="public-header"' in page.content.decode()
    code = _send_code(client)
    assert MemorySms.outbox[-1][0] == "13912340000"
    r = client.post("/h/apply/", _form(social, code=code))
    assert r.status_code == 200 and 'data-testid="applied"' in r.content.decode()
    app = SocialApplication.objects.get()
    assert app.org == tree["150602"] and app.state == ApplicationState.RECEIVED
    assert app.applicant_phone_masked == "139****0000" and decrypt(app.applicant_phone_enc) == "13912340000"
    assert app.nominee_id_masked == ID_NUMBER[:6] + "********" + ID_NUMBER[-4:]
    assert ID_NUMBER not in str(SocialApplication.objects.values().get())
    note = Notification.objects.get(kind="honors.application")
    assert note.recipient == actors["county_cadre"]


def test_a_wrong_or_missing_code_is_refused_and_the_form_keeps_what_was_typed(client, social):
    _send_code(client)
    r = client.post("/h/apply/", _form(social, code="000000" if MemorySms.outbox else ""))
    body = r.content.decode()
    assert r.status_code == 400 and not SocialApplication.objects.exists()
    assert "The check code is not right." in body or "Send a check code" in body
    assert "十年来带动三百名妇女就业。" in body and 'value="泊尔江海子镇漫赖村"' in body


def test_the_consent_box_is_required(client, social):
    code = _send_code(client)
    data = _form(social, code=code)
    del data["consent"]
    r = client.post("/h/apply/", data)
    assert r.status_code == 400 and "Tick the box" in r.content.decode()
    assert not SocialApplication.objects.exists()


def test_an_id_number_that_fails_its_check_is_refused(client, social):
    code = _send_code(client)
    bad = ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")
    r = client.post("/h/apply/", _form(social, code=code, nominee_id_number=bad))
    assert r.status_code == 400 and not SocialApplication.objects.exists()


def test_codes_and_applications_are_rate_limited(client, social):
    for _i in range(3):
        client.post("/h/apply/", {"action": "send_code", "applicant_phone": "13912340000"})
    r = client.post("/h/apply/", {"action": "send_code", "applicant_phone": "13912340000"})
    assert r.status_code == 429
    for _i in range(services.APPLY_LIMIT):
        client.post("/h/apply/", _form(social, code="123456"))
    r = client.post("/h/apply/", _form(social, code="123456"))
    assert r.status_code == 429 and "Too many applications" in r.content.decode(), r.context["form"].errors


def test_a_programme_without_social_nominations_offers_no_form(client, programme):
    assert "No programme takes nominations from the public now." in client.get("/h/apply/").content.decode()
    r = client.post("/h/apply/", {"action": "send_code", "applicant_phone": "13912340000"})
    assert not MemorySms.outbox or r.status_code == 200


def _apply(client, social, **over):
    code = _send_code(client, over.get("applicant_phone", "13912340000"))
    r = client.post("/h/apply/", _form(social, code=code, **over))
    assert r.status_code == 200, r.content.decode()
    return SocialApplication.objects.latest("pk")


def test_the_county_takes_a_self_nomination_up_as_a_draft_with_her_consent(client, login, social, actors, tree):
    app = _apply(client, social)
    cadre = login(actors["county_cadre"])
    assert "斯琴" in cadre.get("/honors/applications/").content.decode()
    r = cadre.post(f"/honors/applications/{app.pk}/decide/", {"decision": "accept", "org_code": "150602100200"})
    app.refresh_from_db()
    n = app.nomination
    assert r.status_code == 302 and r["Location"] == f"/honors/nominations/{n.pk}/"
    assert app.state == ApplicationState.ACCEPTED and n.channel == Channel.SOCIAL and n.state == NominationState.DRAFT
    assert n.org == tree["150602100200"] and n.consent.given_by == "斯琴"
    assert Person.objects.get(pk=n.person_id).id_number_masked == app.nominee_id_masked


def test_a_peer_nomination_has_no_consent_of_the_nominee_yet(client, login, social, actors):
    app = _apply(client, social, relation="peer", nominee_name="娜仁", nominee_phone="13912349999")
    services.application_accept(actor=actors["county_cadre"], application=app)
    app.refresh_from_db()
    assert not hasattr(app.nomination, "consent")


def test_the_county_does_not_take_it_up_with_a_reason(client, login, social, actors):
    app = _apply(client, social)
    cadre = login(actors["county_cadre"])
    cadre.post(f"/honors/applications/{app.pk}/decide/", {"decision": "reject", "reason": "事迹不符合条件"})
    app.refresh_from_db()
    assert app.state == ApplicationState.REJECTED and app.decision_reason == "事迹不符合条件"


def test_a_sibling_county_cannot_see_the_application(client, login, social, actors):
    app = _apply(client, social)
    assert login(actors["sibling_cadre"]).get(f"/honors/applications/{app.pk}/").status_code == 404
    assert login(actors["ordos_cadre"]).get(f"/honors/applications/{app.pk}/").status_code == 200


def test_a_code_asked_for_a_number_that_is_no_mobile_is_refused_on_the_field(client, social):
    r = client.post("/h/apply/", {"action": "send_code", "applicant_phone": "12345", "applicant_name": "斯琴"})
    body = r.content.decode()
    assert r.status_code == 400 and "A mobile number has 11 digits" in body and 'value="斯琴"' in body
    assert MemorySms.outbox == []
