"""Every league and county of the org tree has a shape on the vendored maps."""

from jinguo.orgs.geo import shape_for, shape_names
from jinguo.orgs.models import Level, OrgUnit


def test_every_league_and_county_matches_a_shape(tree):
    region = shape_names("150000")
    leagues = OrgUnit.objects.filter(level=Level.LEAGUE)
    assert len(region) == 12
    unmatched = [lg.name for lg in leagues if shape_for(lg.name, region) is None]
    assert unmatched == []
    for league in leagues:
        names = shape_names(league.code)
        counties = OrgUnit.objects.filter(parent=league)
        missing = [c.name for c in counties if shape_for(c.name, names) is None]
        assert missing == [], league.name
        assert len(names) == counties.count(), league.name
