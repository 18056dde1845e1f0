"""The demo's venues: the article's places (宁城县八里罕镇, 五原县), their venues on the map, inspections; nothing the
second time."""

from jinguo.orgs.demo import seed_article_places
from jinguo.orgs.models import OrgUnit
from jinguo.venues.demo import seed_kinds, seed_venues
from jinguo.venues.models import Inspection, Venue


def test_the_demo_venues_stand_at_the_articles_places(tree):
    assert seed_article_places(out=print, options={})
    assert OrgUnit.objects.get(code="150429100").name == "八里罕镇"
    assert seed_article_places(out=print, options={}) == {}
    seed_kinds(out=print, options={})
    first = seed_venues(out=print, options={})
    assert first["venues"] > 10 and first["inspections"] > first["venues"]
    assert seed_venues(out=print, options={}) == {}
    assert Venue.objects.filter(org__code="150429100", kind__code="lecture_base").exists()
    assert Venue.objects.filter(org_path__startswith="150821", kind__code="women_home").count() >= 4
    assert not Venue.objects.filter(lng__isnull=True).exists()
    assert Inspection.objects.filter(problems__fixed_on__isnull=False).exists()
