"""Two reviewers decide the same nomination at the same moment: exactly one decision is recorded."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from jinguo.conftest import make_user
from jinguo.core.models import AuditEvent
from jinguo.core.roles import Role
from jinguo.honors import services
from jinguo.honors.models import Nomination, NominationState
from jinguo.honors.tests.factories import nominate


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_exactly_one_wins(actors, tree, programme):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    reviewers = [make_user(f"county_reviewer_{i}", Role.REVIEWER, tree["150602"]) for i in range(2)]
    barrier = threading.Barrier(2)
    results: list[str] = []

    def decide(user, advance):
        try:
            stale = Nomination.objects.select_related("programme").get(pk=n.pk)
            barrier.wait(timeout=10)
            if advance:
                services.nomination_advance(actor=user, nomination=stale)
            else:
                services.nomination_not_advance(actor=user, nomination=stale, reason="不符合条件")
            results.append("won")
        except ValidationError:
            results.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(u, i == 0)) for i, u in enumerate(reviewers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["lost", "won"]
    assert Nomination.objects.get(pk=n.pk).state in (NominationState.LEAGUE, NominationState.NOT_ADVANCED)
    decided = AuditEvent.objects.filter(event__in=["honors.nomination_vet", "honors.nomination_not_advance"])
    assert decided.count() == 1
