import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import Notification
from jinguo.honors import services
from jinguo.honors.models import Honour, NominationState
from jinguo.honors.tests.factories import nominate
from jinguo.people.tests.factories import new_person


def test_a_nomination_goes_up_the_chain_and_each_level_is_told(actors, tree, programme, reviewers):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    assert n.state == NominationState.SUBMITTED
    assert Notification.objects.filter(kind="honors.review_request", recipient=reviewers["county"]).exists()
    services.nomination_advance(actor=reviewers["county"], nomination=n)
    assert n.state == NominationState.LEAGUE
    note = Notification.objects.get(kind="honors.review_request", recipient=reviewers["league"])
    assert note.due_at is not None
    services.nomination_advance(actor=reviewers["league"], nomination=n)
    services.nomination_advance(actor=reviewers["region"], nomination=n)
    services.nomination_advance(actor=reviewers["region"], nomination=n)
    assert n.state == NominationState.APPROVED
    honour = Honour.objects.get(nomination=n)
    assert honour.holder_id == n.person_id and honour.year == programme.year and honour.certificate_no


def test_nobody_reviews_a_nomination_they_submitted(actors, tree, programme):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    with pytest.raises(PermissionDenied, match="Nobody decides on a record they made themselves"):
        services.nomination_advance(actor=actors["county_cadre"], nomination=n)


def test_a_reviewer_of_another_level_cannot_decide_the_stage(actors, tree, programme, reviewers):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    with pytest.raises(PermissionDenied, match="reviewers of the unit at its stage"):
        services.nomination_advance(actor=reviewers["league"], nomination=n)


def test_a_submission_over_quota_is_refused_with_the_numbers(actors, tree, programme):
    services.quota_allocate(actor=actors["region_cadre"], programme=programme, org=tree["150600"], places=3)
    services.quota_allocate(actor=actors["ordos_cadre"], programme=programme, org=tree["150602"], places=1)
    nominate(actors["county_cadre"], programme, tree["150602100200"], name="甲")
    with pytest.raises(ValidationError, match="Over quota: 东胜区 has 1 places and 1 are used; 0 remain."):
        nominate(actors["county_cadre"], programme, tree["150602100200"], name="乙")
    assert services.quota_status(programme, tree["150600"].path) == {"places": 3, "used": 1, "remaining": 2}


def test_a_quota_rolled_down_cannot_exceed_the_parent(actors, tree, programme):
    services.quota_allocate(actor=actors["region_cadre"], programme=programme, org=tree["150600"], places=3)
    services.quota_allocate(actor=actors["ordos_cadre"], programme=programme, org=tree["150602"], places=2)
    with pytest.raises(ValidationError, match="holds 3 places, 2 are already given to other units, 1 remain; 2"):
        services.quota_allocate(actor=actors["ordos_cadre"], programme=programme, org=tree["150621"], places=2)


def test_only_the_unit_above_allocates_a_quota(actors, tree, programme):
    with pytest.raises(PermissionDenied):
        services.quota_allocate(actor=actors["county_cadre"], programme=programme, org=tree["150600"], places=3)


def test_a_judge_of_the_nominees_own_unit_is_excluded_and_abstentions_count_for_nothing(
    actors, tree, programme, reviewers
):
    from jinguo.conftest import make_user
    from jinguo.core.roles import Role

    n = nominate(actors["county_cadre"], programme, tree["150602"])
    c1, c2 = programme.criteria.all()
    with pytest.raises(PermissionDenied, match="nominee's own unit"):
        services.nomination_score(actor=reviewers["county"], nomination=n, values={c1.pk: 90, c2.pk: 80})
    judge = make_user("county_judge", Role.REVIEWER, tree["150602"])
    n2 = nominate(actors["village_cadre"], programme, tree["150602100200"], name="乙")
    assert services.nomination_score(actor=judge, nomination=n2, values={c1.pk: 90, c2.pk: None}) == 90
    assert services.nomination_score(actor=reviewers["county"], nomination=n2, values={c1.pk: 70, c2.pk: 50}) == 68
    del judge


def test_advancement_is_by_rank_within_places_ties_to_the_first_submitted(actors, tree, programme, reviewers):
    programme.places = 2
    programme.save()
    ns = [nominate(actors["county_cadre"], programme, tree["150602100200"], name=f"候选{i}") for i in range(3)]
    for n in ns:
        services.nomination_advance(actor=reviewers["county"], nomination=n)
        services.nomination_advance(actor=reviewers["league"], nomination=n)
    c1, c2 = programme.criteria.all()
    for n, s in zip(ns, (80, 90, 80), strict=True):
        services.nomination_score(actor=reviewers["region"], nomination=n, values={c1.pk: s, c2.pk: s})
    result = services.stage_advance(
        actor=reviewers["region"], programme=programme, unit=tree["150000"], stage=NominationState.REGION_PRE
    )
    assert result == {"advanced": 2, "not_advanced": 1, "places": 2}
    for n in ns:
        n.refresh_from_db()
    assert [n.state for n in ns] == ["region_final", "region_final", "not_advanced"]
    assert ns[2].decision_reason == "Ranked 3 of 3 for 2 places."


def test_eligibility_standard_bearer_requires_the_title_and_age(actors, tree, titles, reviewers):
    today = datetime.date.today()
    p = services.programme_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title=titles["biaobing"],
        year=today.year,
        nominate_until=today + datetime.timedelta(days=5),
        review_until=today + datetime.timedelta(days=9),
        places=3,
        criteria=[("事迹", 1)],
        max_age=60,
    )
    old = new_person(SYSTEM, tree["150602"], name="老", birth=datetime.date(1950, 1, 1))
    with pytest.raises(ValidationError) as e:
        nominate(actors["county_cadre"], p, tree["150602"], person=old)
    assert any("60 or younger" in m for m in e.value.messages)
    assert any("requires already holding 三八红旗手" in m for m in e.value.messages)


def test_the_same_id_number_nominated_again_is_flagged(actors, tree, programme, titles):
    person = new_person(SYSTEM, tree["150602"], name="重")
    nominate(actors["county_cadre"], programme, tree["150602"], person=person)
    again = nominate(actors["county_cadre"], programme, tree["150602"], person=person, submit=False)
    assert again.flagged and "already nominated" in again.flag_note


def test_a_person_outside_the_units_is_refused_like_an_unknown_one(actors, tree, programme):
    other = new_person(SYSTEM, tree["150621"], name="外")
    with pytest.raises(ValidationError) as e:
        nominate(actors["county_cadre"], programme, tree["150602"], person=other)
    with pytest.raises(ValidationError) as e2:
        services.nomination_create(
            actor=actors["county_cadre"],
            programme=programme,
            org=tree["150602"],
            person=9_999_999,
            deeds="x",
            summary="y",
        )
    assert e.value.messages[0].replace(str(other.pk), "#") == e2.value.messages[0].replace("9999999", "#")
