"""A hypothesis state machine over the review chain: random people try random decisions on a nomination.

After every step the nomination either stayed where it was (refused, nothing audited) or moved along a declared
edge of NOMINATION_FLOW with exactly one audit event, decided by a reviewer of the unit at its stage and never by
whoever submitted it; an honour exists exactly when the nomination is approved.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from jinguo.conftest import make_user
from jinguo.core.models import AuditEvent
from jinguo.core.roles import Role
from jinguo.honors import services
from jinguo.honors.models import Honour, NominationState, Programme
from jinguo.honors.services import NOMINATION_FLOW
from jinguo.honors.tests.factories import nominate

S = NominationState
WHO = [
    "county_cadre",  # submitted it
    "village_cadre",
    "sibling_cadre",
    "ordos_cadre",
    "region_cadre",
    "leader",
    "outsider",
    "county_reviewer",
    "league_reviewer",
    "region_reviewer",
]
ACTIONS = ["submit", "advance", "not_advance", "vet_to_notice", "notice_passed", "objection_upheld"]
REVIEW_TRANSITIONS = {
    "vet",
    "vet_to_notice",
    "notice_passed",
    "advance_league",
    "advance_pre",
    "approve",
    "not_advance",
}


def _events(n) -> int:
    return (
        AuditEvent.objects.filter(object_type="honors.nomination", object_id=str(n.pk))
        .exclude(event__in=["honors.nomination_create", "honors.consent_record"])
        .count()
    )


@pytest.mark.slow
def test_the_review_chain_has_no_illegal_transition(actors, tree, programme, reviewers):
    Programme.objects.filter(pk=programme.pk).update(places=100_000)
    programme.refresh_from_db()
    people = dict(actors)
    people.update({f"{k}_reviewer": v for k, v in reviewers.items()})
    village = tree["150602100200"]
    counter = [0]

    class ReviewChain(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            counter[0] += 1
            self.n = nominate(people["county_cadre"], programme, village, name=f"候选{counter[0]}", submit=False)

        @rule(who=st.sampled_from(WHO), action=st.sampled_from(ACTIONS))
        def decide(self, who, action):
            n, actor = self.n, people[who]
            before, audited = n.state, _events(n)
            reviewers_before = {u.pk for u in services.stage_reviewers(n)} if before in services.STAGES else set()
            name = {
                "submit": "submit",
                "not_advance": "not_advance",
                "vet_to_notice": "vet_to_notice",
                "notice_passed": "notice_passed",
                "objection_upheld": "objection_upheld",
            }.get(action)
            if action == "advance":
                name = "vet" if before == S.SUBMITTED else services.NEXT.get(before, "approve")
            try:
                if action == "submit":
                    services.nomination_submit(actor=actor, nomination=n)
                elif action == "advance":
                    services.nomination_advance(actor=actor, nomination=n)
                elif action == "not_advance":
                    services.nomination_not_advance(actor=actor, nomination=n, reason="不符合条件")
                else:
                    NOMINATION_FLOW.apply(actor, n, action)
            except (PermissionDenied, ValidationError):
                n.refresh_from_db()
                assert n.state == before, f"{who} {action}: refused but moved {before} → {n.state}"
                assert _events(n) == audited, f"{who} {action}: refused but audited"
                return
            n.refresh_from_db()
            t = NOMINATION_FLOW.by_name[name]
            assert before in t.sources and n.state == t.target, f"{who} {action}: {before} → {n.state}"
            assert n.state in NOMINATION_FLOW.targets()[before]
            assert _events(n) == audited + 1, f"{who} {action}: not exactly one audit event"
            if name in REVIEW_TRANSITIONS:
                assert actor.pk != n.created_by_id, f"{who} decided their own nomination"
                assert actor.pk in reviewers_before, f"{who} is no reviewer of the {before} stage"

        @invariant()
        def an_honour_exactly_when_approved(self):
            assert Honour.objects.filter(nomination=self.n).exists() == (self.n.state == S.APPROVED)

    run_state_machine_as_test(
        ReviewChain,
        settings=settings(
            max_examples=30, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )


def test_a_reviewer_who_also_nominated_never_decides_it(actors, tree, programme):
    """The excluded case the machine rarely draws: a county reviewer submits, then tries to vet."""
    both = make_user("both_hats", Role.CADRE, tree["150602"])
    n = nominate(both, programme, tree["150602100200"])
    with pytest.raises(PermissionDenied):
        services.nomination_advance(actor=both, nomination=n)
    n.refresh_from_db()
    assert n.state == S.SUBMITTED
