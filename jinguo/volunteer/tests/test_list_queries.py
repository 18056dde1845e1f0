"""Each list page costs the same number of queries whatever the number of rows (no query per row)."""

from jinguo.volunteer.tests.factories import volunteer_records


def _count(web, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinguo.conftest import TRANSACTION_CONTROL

    with CaptureQueriesContext(connection) as ctx:
        assert web.get(path).status_code == 200
    return len([q for q in ctx.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])])


PAGES = {
    "/volunteer/": 6,
    "/volunteer/volunteers/": 8,
    "/volunteer/projects/": 6,
    "/volunteer/activities/": 6,
    "/volunteer/records/": 6,
    "/volunteer/approvals/": 6,
    "/volunteer/leaderboard/": 6,
    "/volunteer/deeds/": 8,
}


def test_list_pages_cost_a_fixed_number_of_queries(login, actors, tree, assert_queries):
    web = login(actors["region_cadre"])
    first = volunteer_records(tree, actors)
    _approve_and_deed(first, tree)
    web.get("/volunteer/")  # the session and the user's memberships are loaded once
    few = {path: _count(web, path) for path in PAGES}
    volunteer_records_more(tree, actors)
    for path, queries in PAGES.items():
        with assert_queries(queries):
            assert web.get(path).status_code == 200
    assert few == PAGES


def _approve_and_deed(data, tree):
    from jinguo.core.actors import SYSTEM
    from jinguo.volunteer import services

    services.record_approve(actor=SYSTEM, record=data["150602"]["records"][0])
    services.deed_create(actor=SYSTEM, org=tree["150602"], year=2026, title="送法律", target=10)


def volunteer_records_more(tree, actors):
    """More rows of every kind: a second batch in other units."""
    from jinguo.core.actors import SYSTEM
    from jinguo.people.tests.factories import new_person
    from jinguo.volunteer import services
    from jinguo.volunteer.tests.factories import last_month

    team = services.team_create(actor=SYSTEM, org=tree["150600"], name="鄂尔多斯蒲公英")
    project = services.project_create(
        actor=SYSTEM, org=tree["150600"], name="拉话话", action="rights", summary="…", team=team
    )
    for i in range(3):
        v = services.volunteer_register(
            actor=SYSTEM,
            person=new_person(SYSTEM, tree["150600"], name=f"志愿者{i}"),
            consent_by="本人",
            consent_method="书面",
            teams=[team],
        )
        r = services.backfill_create(
            actor=SYSTEM,
            volunteer=v,
            org=tree["150602001001"],
            date=last_month(7),
            hours="2",
            note="补录",
            project=project,
        )
        services.record_approve(actor=SYSTEM, record=r)
    services.activity_create(
        actor=SYSTEM,
        project=project,
        org=tree["150600"],
        title="活动",
        date=last_month(8),
        shifts=[("09:00", "10:00", 2)],
    )
    deed = services.deed_create(actor=SYSTEM, org=tree["150600"], year=last_month(1).year, title="送温暖", target=100)
    services.delivery_record(
        actor=SYSTEM, deed=deed, category=services.DeliveryCategory.objects.first(), date=last_month(9), count=20
    )
