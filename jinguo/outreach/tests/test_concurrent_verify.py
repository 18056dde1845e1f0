"""Two verifiers press the button at the same moment: exactly one wins (conditional UPDATE)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.core.roles import Role
from jinguo.core.services import membership_grant
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import lecture_verify
from jinguo.outreach.tests.factories import new_lecture


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_verifications_exactly_one_wins(actors, tree, calendar, lecturer):
    from jinguo.conftest import make_user

    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    second = make_user("ordos_cadre_2")
    membership_grant(actor=SYSTEM, user=second, org=tree["150600"], role=Role.CADRE)
    verifiers = [actors["ordos_cadre"], second]
    barrier = threading.Barrier(2)
    results: list[str] = []

    def verify(user):
        try:
            stale = Lecture.objects.get(pk=lec.pk)  # both read "held" before either writes
            barrier.wait(timeout=10)
            lecture_verify(actor=user, lecture=stale)
            results.append("won")
        except ValidationError:
            results.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=verify, args=(u,)) for u in verifiers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["lost", "won"]
    assert Lecture.objects.get(pk=lec.pk).state == LectureState.VERIFIED
    assert AuditEvent.objects.filter(event="lecture.verify").count() == 1
