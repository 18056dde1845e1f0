"""Named actors shared by every test (STYLE.md 11).

The tree is the real Inner Mongolia region/league/county list plus a few towns and villages:
- region_cadre     cadre of 150000 (the region)
- ordos_cadre      cadre of 150600 鄂尔多斯市
- county_cadre     cadre of 150602 东胜区
- sibling_cadre    cadre of 150621 达拉特旗 (a sibling county of 东胜区)
- leader           leader of 150000 (reads, never writes)
- outsider         active user with no membership
- sysadmin / secadmin / auditor   the three administrators, at 150000

The tree and the actors are the template database: built once per test session (`django_db_setup`) and
committed, so each test, run in a transaction rolled back at its end, only reads them (`tree`, `actors`).
A transactional test (transactional_db, live_server) flushes the database when it ends: the template is
built again right after (`pytest_runtest_teardown`). Its audit events (the units added, the roles granted)
are the start of every test's audit chain.
"""

import re

import pytest
from django.db import transaction

from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
from jinguo.core.roles import Role
from jinguo.core.services import membership_grant
from jinguo.orgs.models import OrgUnit
from jinguo.orgs.services import org_bulk_create, orgs_init

PASSWORD = "Test-Passw0rd!long"

EXTRA_UNITS = [
    ("150602001", "交通街道"),
    ("150602001001", "天骄社区"),
    ("150602100", "泊尔江海子镇"),
    ("150602100200", "漫赖村"),
    ("150621100", "树林召镇"),
    ("150621100200", "林原村"),
]


# (username, role, unit code): the named actors of the template, in the order they are created.
ACTORS = [
    ("region_cadre", Role.CADRE, "150000"),
    ("ordos_cadre", Role.CADRE, "150600"),
    ("county_cadre", Role.CADRE, "150602"),
    ("sibling_cadre", Role.CADRE, "150621"),
    ("village_cadre", Role.CADRE, "150602100200"),
    ("leader", Role.LEADER, "150000"),
    ("outsider", None, None),
    ("sysadmin", Role.SYSTEM_ADMIN, "150000"),
    ("secadmin", Role.SECURITY_ADMIN, "150000"),
    ("auditor", Role.AUDIT_ADMIN, "150000"),
]
# The template is built in one transaction, so its last row tells whether all of it is there.
TEMPLATE_MARKER = ACTORS[-1][0]

_FLUSHES = pytest.StashKey[bool]()


def make_user(username: str, role: str | None = None, org: OrgUnit | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    if role:
        membership_grant(actor=SYSTEM, user=user, org=org, role=role)
    return user


def template_is_built() -> bool:
    return User.objects.filter(username=TEMPLATE_MARKER).exists()


def build_template() -> None:
    """The org tree (orgs init + EXTRA_UNITS) and the named actors, through the services, all or nothing."""
    with transaction.atomic():
        orgs_init(actor=SYSTEM, province_code="150000")
        org_bulk_create(actor=SYSTEM, rows=EXTRA_UNITS)
        units = {o.code: o for o in OrgUnit.objects.filter(code__in={code for *_, code in ACTORS if code})}
        for username, role, code in ACTORS:
            make_user(username, role, units.get(code))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the template (a database kept by --reuse-db may have it already)."""
    with django_db_blocker.unblock():
        if not template_is_built():
            build_template()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, build the template again for the tests that follow."""
    result = yield
    if nextitem is not None and item.stash.get(_FLUSHES, False):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            if not template_is_built():
                build_template()
    return result


@pytest.fixture(autouse=True)
def _empty_audit_table_before_flush(request):
    """Transactional tests end with a flush, which the append-only triggers would refuse.

    Requesting transactional_db here makes this teardown run before the flush.
    """
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif marked:
        request.getfixturevalue("_django_db_helper")
    else:
        yield
        return
    request.node.stash[_FLUSHES] = True
    yield
    from jinguo.core.audit_guard import without_guard
    from jinguo.core.models import AuditEvent

    with without_guard():
        AuditEvent.objects.all().delete()


@pytest.fixture
def tree(db):
    """The template's units by code: fresh instances for every test."""
    if not template_is_built():  # a test before this one emptied the database without the flush hook
        build_template()
    return {o.code: o for o in OrgUnit.objects.all()}


@pytest.fixture
def actors(tree):
    """The template's named actors: fresh User instances for every test (scope caches memberships on them)."""
    users = User.objects.in_bulk([username for username, *_ in ACTORS], field_name="username")
    return {username: users[username] for username, *_ in ACTORS}


# Transaction control (ROLLBACK covers ROLLBACK TO SAVEPOINT), which assert_queries does not count.
TRANSACTION_CONTROL = re.compile(r"\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK|BEGIN|COMMIT)\b", re.I)


@pytest.fixture
def assert_queries():
    """`with assert_queries(n): ...` fails unless the block ran exactly `n` queries (zulip's
    assert_database_query_count): each page's count is pinned, so one more query (an N+1, a lost
    select_related) fails at once, and one fewer asks for the number to be lowered.

    Transaction control is left out of the count, so a page counts the same on SQLite and PostgreSQL and
    in every kind of test: inside a test's transaction each atomic block adds a SAVEPOINT and a RELEASE
    (a session save is one), while outside one SQLite logs a BEGIN IMMEDIATE and
    PostgreSQL logs nothing.
    """
    from contextlib import contextmanager

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    @contextmanager
    def _assert(n: int):
        with CaptureQueriesContext(connection) as context:
            yield context
        sqls = [q["sql"] for q in context.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]
        if len(sqls) != n:
            listed = "\n\n".join(f"{i}. {sql}" for i, sql in enumerate(sqls, 1))
            pytest.fail(f"expected {n} queries, {len(sqls)} ran:\n\n{listed}", pytrace=False)

    return _assert


def verify_otp(client, user) -> None:
    """Give `user` a confirmed TOTP device and mark the client's session as verified with it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def login(client):
    """Log `user` in; admins and reviewers also pass their second factor."""
    from jinguo.core.scope import forget
    from jinguo.core.security import needs_otp

    def _login(user):
        client.force_login(user)
        forget(user)
        if needs_otp(user):
            verify_otp(client, user)
        return client

    return _login


# --- outreach, planning, study, contest (appended) -------------------------------------------------


@pytest.fixture
def calendar(tree):
    """The region's theme calendar for last year, this year and next year (annual → 4 quarters → 12 primary
    monthly focuses) and the seeded lookup lists. Returns {"annual": {year: theme}, "quarter":
    {(year, q): theme}, "month": {(year, m): theme}}."""
    from django.utils import timezone

    from jinguo.outreach.services import lookups_seed
    from jinguo.planning.models import ThemeKind
    from jinguo.planning.services import theme_create

    lookups_seed(actor=SYSTEM)
    region = tree["150000"]
    out = {"annual": {}, "quarter": {}, "month": {}}
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year, this_year + 1):
        annual = theme_create(actor=SYSTEM, org=region, kind=ThemeKind.ANNUAL, year=year, title=f"{year}主线")
        out["annual"][year] = annual
        for q in range(1, 5):
            quarter = theme_create(
                actor=SYSTEM,
                org=region,
                kind=ThemeKind.QUARTER,
                year=year,
                quarter=q,
                title=f"{year}Q{q}主题",
                parent=annual,
            )
            out["quarter"][(year, q)] = quarter
            for m in range(3 * q - 2, 3 * q + 1):
                out["month"][(year, m)] = theme_create(
                    actor=SYSTEM,
                    org=region,
                    kind=ThemeKind.MONTH,
                    year=year,
                    month=m,
                    title=f"{year}年{m}月重点",
                    parent=quarter,
                )
    return out


@pytest.fixture
def lecturer(actors, tree):
    """A registered person of 东胜区 (漫赖村) who lectures."""
    from jinguo.people.tests.factories import new_person

    return new_person(SYSTEM, tree["150602100200"], name="乌兰")


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(items):
    """A browser test is slow (make test-fast skips it), whether or not its author marked it."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def browser():
    """Headless Debian Chromium (see jinguo/browser.py); mark the test module with `needs_chromium`."""
    from jinguo.browser import launch

    with launch() as b:
        yield b
