import pytest


@pytest.fixture
def no_tree(db):
    """The database without the template's units (and so without its memberships), for tests of building the
    tree from nothing. Rolled back with the test."""
    from jinguo.core.models import Membership
    from jinguo.orgs.models import Level, OrgUnit

    Membership.objects.all().delete()
    for level in reversed(Level.values):  # children first: a unit protects its parent
        OrgUnit.objects.filter(level=level).delete()
    assert not OrgUnit.objects.exists()
