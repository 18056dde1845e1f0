"""Schemathesis over /api/v1/openapi.json, once per role (region cadre, county cadre, leader, lecturer,
volunteer) and once without a token: no 5xx, every response matches the schema.

Schema-valid bodies that name units, themes or people which do not exist are refused with a 4xx and a
reason, which is right; so the "schema-valid data must be accepted" check is left out. Every other check runs.

Examples are bounded (JINGUO_FUZZ_EXAMPLES, default 25 per operation) and derandomised, so the run is
repeatable and stays within a minute.
"""

import datetime
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.core.services import api_token_create
from jinguo.outreach.services import team_create
from jinguo.outreach.tests.factories import new_lecture
from jinguo.people.tests.factories import new_person
from jinguo.volunteer.tests.factories import volunteer_records
from jinguo.wsgi import application

EXAMPLES = int(os.environ.get("JINGUO_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def schema(db):
    # In-process WSGI calls, like Django's test client: keep the test's connection open between requests.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_users(actors, tree):
    """The named actors plus a lecturer of 东胜区 and a volunteer of 漫赖村, each able to hold a token."""
    return {
        **actors,
        "lecturer": make_user("lecturer_user", Role.LECTURER, tree["150602"]),
        "volunteer": make_user("volunteer_user", Role.VOLUNTEER, tree["150602100200"]),
    }


@pytest.fixture
def records(api_users, tree, calendar, lecturer):
    """A person, a lecture team and a lecture (with a start time) in 东胜区, and volunteer teams, volunteers,
    projects, activities and hours there and in 达拉特旗, so that lists and details have something to check against
    the response schema."""
    cadre = api_users["county_cadre"]
    new_person(cadre, tree["150602"])
    team_create(actor=cadre, org=tree["150602"], name="东胜区北疆巾帼宣讲团")
    new_lecture(cadre, tree["150602"], calendar, lecturer, start_time=datetime.time(9, 0))
    volunteer_records(tree, api_users)


@pytest.mark.slow
@pytest.mark.parametrize("role", ["region_cadre", "county_cadre", "leader", "lecturer", "volunteer", None])
def test_the_api_never_fails_and_keeps_its_schema(schema, api_users, records, role):
    headers = {"Authorization": f"Bearer {api_token_create(actor=SYSTEM, user=api_users[role])}"} if role else {}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
            case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            run()
        # Collect every operation's failure, then report them all. Schemathesis reports failed checks as a
        # FailureGroup, a BaseExceptionGroup: without it here the first schema failure stopped the loop.
        except (Exception, BaseExceptionGroup) as e:  # noqa: BLE001
            parts = e.exceptions if isinstance(e, BaseExceptionGroup) else [e]
            failures.append(f"{operation.label}: " + " | ".join(str(p)[:500] for p in parts))
    assert not failures, "\n".join(failures)
