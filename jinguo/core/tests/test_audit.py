import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jinguo.core import audit
from jinguo.core.models import AuditEvent
from jinguo.people.tests.factories import new_person


@pytest.fixture
def events(actors, tree):
    for i in range(5):
        new_person(actors["county_cadre"], tree["150602"], name=f"人{i}")
    return AuditEvent.objects.order_by("seq")


def test_the_chain_verifies(events, capsys):
    assert audit.verify().ok
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def _raw(sql, params):
    """Tamper with the table behind the application's back (triggers lifted, as a DBA could)."""
    from jinguo.core.audit_guard import without_guard

    with without_guard(), connection.cursor() as c:
        c.execute(sql, params)


def test_an_edited_row_is_found(events):
    target = events[len(events) // 2]
    _raw("UPDATE core_auditevent SET actor_name = %s WHERE seq = %s", ["mallory", target.seq])
    result = audit.verify()
    assert not result.ok and result.broken_seq == target.seq
    with pytest.raises(CommandError, match=f"#{target.seq}"):
        call_command("audit", "verify")


def test_a_deleted_row_is_found(events):
    target = events[3]
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [target.seq])
    result = audit.verify()
    assert not result.ok and result.broken_seq == target.seq


def test_a_deleted_last_row_is_found(events):
    last = events.last()
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [last.seq])
    result = audit.verify()
    assert not result.ok and result.broken_seq == last.seq


def test_logins_are_audited_success_and_failure(client, actors):
    from jinguo.conftest import PASSWORD

    client.post("/login/", {"username": "county_cadre", "password": "wrong-password"})
    client.post("/login/", {"username": "county_cadre", "password": PASSWORD})
    rows = list(AuditEvent.objects.filter(event="login").order_by("seq").values_list("outcome", "object_id"))
    assert rows == [("failure", "county_cadre"), ("success", str(actors["county_cadre"].pk))]
    assert "wrong-password" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_every_person_write_is_audited(actors, tree):
    from jinguo.people.services import person_delete, person_update

    p = new_person(actors["county_cadre"], tree["150602"])
    person_update(actor=actors["county_cadre"], person=p, name="萨仁")
    person_delete(actor=actors["county_cadre"], person=p)
    events = list(AuditEvent.objects.filter(object_type="people.person").values_list("event", flat=True))
    assert events == ["person.delete", "person.update", "person.create"]


def test_the_audit_page_lists_events_for_the_audit_admin(login, actors, events):
    body = login(actors["auditor"]).get("/audit/?event=person.create").content.decode()
    assert "person.create" in body


def test_the_database_refuses_updates(events):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE core_auditevent SET outcome = 'x' WHERE seq = 1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(outcome="x")


def test_the_database_refuses_deleting_young_events(events):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=2).delete()
    assert AuditEvent.objects.filter(seq=2).exists()


def _age(seqs, days):
    """Make events look old (tests only: the triggers are lifted for it)."""
    import datetime

    from django.utils import timezone

    from jinguo.core.audit_guard import without_guard

    with without_guard():
        for seq in seqs:
            ev = AuditEvent.objects.get(seq=seq)
            ev.at = timezone.now() - datetime.timedelta(days=days)
            ev.hash = audit.event_hash(ev)
            AuditEvent.objects.filter(seq=seq).update(at=ev.at, hash=ev.hash)


def test_the_purge_keeps_184_days_whatever_it_is_asked(events):
    total = events.count()
    _age([1, 2], days=200)
    _age([3], days=100)
    assert audit.purge(older_than_days=30) == 2  # asked for 30 days, kept 184
    assert set(AuditEvent.objects.values_list("seq", flat=True)) >= {3}
    assert AuditEvent.objects.count() == total - 2 + 1  # plus the purge's own event
    assert AuditEvent.objects.get(event="audit.purge").detail == {"deleted": 2, "older_than_days": 184}


def test_an_action_rolls_back_when_its_audit_write_fails(actors, tree, monkeypatch):
    from jinguo.people.models import Person

    def broken(*args, **kwargs):
        raise RuntimeError("audit storage unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        new_person(actors["county_cadre"], tree["150602"])
    assert not Person.objects.exists()


def test_a_snapshot_keeps_what_json_can_hold_and_the_diff_names_what_changed(actors):
    import datetime
    from decimal import Decimal
    from types import SimpleNamespace

    m = actors["county_cadre"].memberships.select_related("org").get()
    snap = audit.snapshot(m, ["org", "role"], seen=datetime.date(2026, 7, 15), hours=Decimal("1.5"))
    assert snap == {
        "org": {"id": m.org.pk, "name": m.org.name},
        "role": "cadre",
        "seen": "2026-07-15",
        "hours": "1.5",
    }
    later = audit.snapshot(SimpleNamespace(**{**snap, "role": "leader"}), ["org", "role", "seen", "hours"])
    assert audit.diff(snap, later) == ({"role": "cadre"}, {"role": "leader"})
    assert audit.diff(snap, snap) == ({}, {})
