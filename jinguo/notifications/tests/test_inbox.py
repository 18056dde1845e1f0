"""The inbox: review requests reach the level above, results reach the recorder, overdue work escalates."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from jinguo.core import notify
from jinguo.core.actors import SYSTEM
from jinguo.core.models import NoticePreference, Notification
from jinguo.core.services import api_token_create
from jinguo.outreach.services import lecture_verify
from jinguo.outreach.tests.factories import new_lecture


def _inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_held_lecture_asks_the_level_above_and_no_one_else(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    assert _inbox(actors["ordos_cadre"]) == ["outreach.verify_request"]
    for name in ("county_cadre", "sibling_cadre", "region_cadre", "leader", "village_cadre"):
        assert _inbox(actors[name]) == [], name
    n = Notification.objects.get(recipient=actors["ordos_cadre"])
    assert n.url == f"/outreach/lectures/{lec.pk}/" and n.due_at > timezone.now() and n.perm == "outreach.verify"


def test_verifying_resolves_the_request_and_tells_the_recorder(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    assert Notification.objects.get(recipient=actors["ordos_cadre"]).resolved_at is not None
    assert _inbox(actors["county_cadre"]) == ["outreach.verified"]


def test_an_overdue_request_reminds_then_escalates_to_the_region(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    due = Notification.objects.get(recipient=actors["ordos_cadre"]).due_at
    assert notify.sweep(now=due - datetime.timedelta(days=3)) == {"reminded": 0, "escalated": 0, "digests": 0}
    assert notify.sweep(now=due - datetime.timedelta(hours=2))["reminded"] == 1
    assert _inbox(actors["ordos_cadre"]).count("notifications.reminder") == 1
    assert notify.sweep(now=due - datetime.timedelta(hours=1))["reminded"] == 0  # once
    assert notify.sweep(now=due + datetime.timedelta(minutes=1))["escalated"] == 1
    assert _inbox(actors["region_cadre"]) == ["notifications.escalation"]
    assert notify.sweep(now=due + datetime.timedelta(days=1))["escalated"] == 0  # once
    assert _inbox(actors["sibling_cadre"]) == [] and _inbox(actors["county_cadre"]) == []
    # Once verified, nothing is chased any more.
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    assert not Notification.objects.filter(object_id=str(lec.pk), resolved_at__isnull=True).exclude(
        kind="outreach.verified"
    )


def test_a_verified_request_is_never_escalated(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    assert notify.sweep(now=timezone.now() + datetime.timedelta(days=30))["escalated"] == 0
    assert _inbox(actors["region_cadre"]) == []


def test_the_inbox_page_and_api_show_only_ones_own(login, client, actors, tree, calendar, lecturer):
    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    mine = Notification.objects.get(recipient=actors["ordos_cadre"])
    ordos = login(actors["ordos_cadre"])
    page = ordos.get("/notifications/")
    assert page.status_code == 200 and mine.title in page.content.decode()
    assert 'data-testid="unread-count">1<' in page.content.decode()
    sibling_token = api_token_create(actor=SYSTEM, user=actors["sibling_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {sibling_token}"}
    assert client.get("/api/v1/notifications", **auth).json()["items"] == []
    assert client.post(f"/api/v1/notifications/{mine.pk}/read", **auth).status_code == 404
    assert Notification.objects.get(pk=mine.pk).read_at is None
    own = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['ordos_cadre'])}"}
    items = client.get("/api/v1/notifications?unread=true", **own).json()["items"]
    assert [i["id"] for i in items] == [mine.pk]
    r = client.post(f"/api/v1/notifications/{mine.pk}/read", **own)
    assert r.status_code == 200 and json.loads(r.content)["read"] is True


def test_following_a_notification_marks_it_read_and_opens_the_record(login, actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    n = Notification.objects.get(recipient=actors["ordos_cadre"])
    r = login(actors["ordos_cadre"]).get(f"/notifications/{n.pk}/")
    assert r.status_code == 302 and r["Location"] == f"/outreach/lectures/{lec.pk}/"
    n.refresh_from_db()
    assert n.read_at is not None
    assert login(actors["sibling_cadre"]).get(f"/notifications/{n.pk}/").status_code == 404


def test_mark_all_read(login, actors, tree, calendar, lecturer):
    for _ in range(3):
        new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    client = login(actors["ordos_cadre"])
    assert client.post("/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=actors["ordos_cadre"], read_at__isnull=True).exists()


def test_preferences_mail_at_once_or_in_a_digest_and_escalations_stay_on(actors, tree, calendar, lecturer, settings):
    settings.NOTIFY_CHANNELS = ["email"]
    ordos = actors["ordos_cadre"]
    ordos.email = "ordos@example.cn"
    ordos.save()
    with pytest.raises(ValueError):
        notify.preference_set(user=ordos, kind="nonsense", mode="off")
    notify.preference_set(user=ordos, kind="notifications.escalation", mode="off")
    assert NoticePreference.objects.get(user=ordos, kind="notifications.escalation").mode == "immediate"
    notify.preference_set(user=ordos, kind="outreach.verify_request", mode="digest")
    mail.outbox.clear()
    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    assert mail.outbox == []  # a digest kind is not mailed at once
    assert notify.send_digests() == 1 and len(mail.outbox) == 1 and mail.outbox[0].to == ["ordos@example.cn"]
    assert notify.send_digests() == 0  # one a day


def test_an_immediate_kind_is_mailed_on_commit(
    actors, tree, calendar, lecturer, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_CHANNELS = ["email"]
    ordos = actors["ordos_cadre"]
    ordos.email = "ordos@example.cn"
    ordos.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    assert [m.to for m in mail.outbox] == [["ordos@example.cn"]]
    assert Notification.objects.get(recipient=ordos).sent_at is not None


def test_the_import_owner_is_told(actors, tree):
    from jinguo.core.tasks import run_job
    from jinguo.core.tests.test_import_jobs import _job

    job = run_job(_job(actors["county_cadre"]))
    n = Notification.objects.get(recipient=actors["county_cadre"], kind="core.import_done")
    assert n.url == f"/imports/jobs/{job.pk}/" and "p.xlsx" in n.title
    assert _inbox(actors["ordos_cadre"]) == []
