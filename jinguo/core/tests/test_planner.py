"""core.planner: SQLite's plans steered for broad scopes, the rows unchanged."""

from django.db import connection

from jinguo.core.planner import scoped_broad
from jinguo.core.scope import scoped
from jinguo.people.models import Person
from jinguo.people.tests.factories import new_person


def test_a_broad_scope_holds_the_same_rows_with_sqlites_plan_steered(actors, tree):
    new_person(actors["county_cadre"], tree["150602100200"])
    new_person(actors["sibling_cadre"], tree["150621100200"])
    assert not scoped_broad(Person.objects.all(), actors["outsider"], up_to=2).exists()
    for name in ("region_cadre", "ordos_cadre", "county_cadre"):
        user = actors[name]
        broad = scoped_broad(Person.objects.all(), user, up_to=2)
        assert sorted(broad.values_list("pk", flat=True)) == sorted(
            scoped(Person.objects.all(), user).values_list("pk", flat=True)
        )
        sql = str(broad.query).upper()
        region_wide = name == "region_cadre" and connection.vendor == "sqlite"
        assert ("SUBSTR" in sql) is region_wide, name  # only a region's scope leaves the path index on SQLite
