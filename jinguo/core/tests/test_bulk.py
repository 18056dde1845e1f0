"""core.bulk.upsert: the raw bulk write of imports and roll-ups, on both databases."""

import datetime

import pytest

from jinguo.core import bulk
from jinguo.stats.models import Rollup

FIELDS = ("metric", "period", "org_path", "value")


@pytest.mark.django_db
def test_inserts_then_updates_on_conflict():
    rows = [("m.test", "2026-01", f"15{i:02d}", i) for i in range(1, 40)]
    assert bulk.upsert(Rollup, FIELDS, rows, conflict=FIELDS[:3], update=("value",)) == 39
    again = [("m.test", "2026-01", "1501", 100), ("m.test", "2026-01", "1599", 7)]
    bulk.upsert(Rollup, FIELDS, again, conflict=FIELDS[:3], update=("value",))
    stored = dict(Rollup.objects.filter(metric="m.test").values_list("org_path", "value"))
    assert len(stored) == 40
    assert stored["1501"] == 100 and stored["1502"] == 2 and stored["1599"] == 7


@pytest.mark.django_db
def test_do_nothing_keeps_the_stored_row_and_empty_input_writes_nothing():
    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", "15", 1)], conflict=FIELDS[:3], update=("value",))
    assert bulk.upsert(Rollup, FIELDS, [], conflict=FIELDS[:3]) == 0
    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", "15", 9)], conflict=FIELDS[:3])
    assert Rollup.objects.get(metric="m.test").value == 1


@pytest.mark.django_db
def test_text_is_bound_never_spliced():
    hostile = "15'); DROP TABLE stats_rollup; --"
    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", hostile[:12], 3)], conflict=FIELDS[:3], update=("value",))
    assert Rollup.objects.get(metric="m.test").org_path == hostile[:12]


@pytest.mark.django_db
def test_changed_only_leaves_equal_rows_untouched():
    from django.db import connection

    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", "15", 1)], conflict=FIELDS[:3], update=("value",))
    with connection.cursor() as c:
        c.execute("SELECT id FROM stats_rollup WHERE metric = 'm.test'")
        (pk,) = c.fetchone()
    bulk.upsert(
        Rollup, FIELDS, [("m.test", "2026", "15", 1)], conflict=FIELDS[:3], update=("value",), changed_only=True
    )
    bulk.upsert(
        Rollup, FIELDS, [("m.test", "2026", "15", 4)], conflict=FIELDS[:3], update=("value",), changed_only=True
    )
    row = Rollup.objects.get(metric="m.test")
    assert (row.pk, row.value) == (pk, 4)


@pytest.mark.django_db
def test_writes_of_one_table_with_other_columns_each_find_their_scratch_table():
    bulk.upsert(Rollup, FIELDS, [("m.a", "2026", "15", 1)])
    made = [Rollup(metric="m.b", period="2026", org_path="15", value=2)]
    bulk.insert_objects(Rollup, made, pks=True)  # with the key column: PostgreSQL takes it from the sequence
    bulk.upsert(Rollup, FIELDS, [("m.c", "2026", "15", 3)])
    assert dict(Rollup.objects.values_list("metric", "value")) == {"m.a": 1, "m.b": 2, "m.c": 3}
    assert Rollup.objects.get(metric="m.b").pk == made[0].pk


@pytest.mark.django_db
def test_a_before_query_reads_the_stored_rows_the_write_replaces():
    from django.db import connection

    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", "15", 1), ("m.test", "2026", "16", 2)])
    rows = [("m.test", "2026", "15", 10), ("m.test", "2026", "17", 30)]
    before = (
        "SELECT SUM(r.value), COUNT(*) FROM stats_rollup r JOIN {stage} s "
        "ON s.metric = r.metric AND s.period = r.period AND s.org_path = r.org_path"
    )
    if connection.vendor != "postgresql":
        with pytest.raises(NotImplementedError):
            bulk.upsert(Rollup, FIELDS, rows, conflict=FIELDS[:3], update=("value",), before=before)
        return
    assert bulk.upsert(Rollup, FIELDS, rows, conflict=FIELDS[:3], update=("value",), before=before) == [(1, 1)]
    stored = dict(Rollup.objects.filter(metric="m.test").values_list("org_path", "value"))
    assert stored == {"15": 10, "16": 2, "17": 30}


@pytest.mark.django_db
def test_a_large_write_combines_and_returns_as_a_small_one(monkeypatch):
    """More rows than SQLITE_STAGED (a scratch table on SQLite, moved in the key's order) add to the stored
    figures and return the written rows, as a small write does; twice in one transaction, the scratch table
    left empty between them."""
    monkeypatch.setattr(bulk, "SQLITE_STAGED", 50)
    add = {"value": "{old} + {new}"}
    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", f"{i:04d}", 1) for i in range(0, 120, 2)])
    for _ in range(2):
        rows = [("m.test", "2026", f"{i:04d}", 10) for i in reversed(range(120))]
        written = bulk.upsert(
            Rollup, FIELDS, rows, conflict=FIELDS[:3], update=("value",), combine=add, returning=("org_path", "value")
        )
        assert len(written) == 120
    stored = dict(Rollup.objects.filter(metric="m.test").values_list("org_path", "value"))
    assert stored == {f"{i:04d}": 21 if i % 2 == 0 else 20 for i in range(120)}
    assert dict(written) == stored


@pytest.mark.django_db
def test_existing_finds_the_stored_values_among_many():
    bulk.upsert(Rollup, FIELDS, [("m.test", "2026", f"{i:04d}", i) for i in range(0, 2000, 2)])
    asked = [f"{i:04d}" for i in range(1500)] + ["0002", "9999"]  # more than one SQLite chunk, a repeat
    assert bulk.existing(Rollup, "org_path", asked) == {f"{i:04d}" for i in range(0, 1500, 2)}
    assert bulk.existing(Rollup, "org_path", []) == set()
    # Asked again in the same transaction (PostgreSQL: the scratch table of the values is emptied and refilled),
    # and a few values (one batch).
    again = [f"{i:04d}" for i in range(1000, 3000)]
    assert bulk.existing(Rollup, "org_path", again) == {f"{i:04d}" for i in range(1000, 2000, 2)}
    assert bulk.existing(Rollup, "org_path", ["0004", "0005"]) == {"0004"}


def test_build_makes_the_instance_keyword_construction_makes(tree):
    """bulk.build: the same instance as `model(**values)` through the positional path — a relation by its
    object (kept cached) or by its key, the defaults of the fields not given — and a wrong name refused."""
    from jinguo.outreach.models import Lecture, LectureState

    village = tree["150602100200"]
    values = {"org": village, "org_path": village.path, "title": "宣讲", "date": datetime.date(2026, 5, 1)}
    built, plain = bulk.build(Lecture, **values), Lecture(**values)
    fields = [f.attname for f in Lecture._meta.concrete_fields]
    assert [getattr(built, f) for f in fields] == [getattr(plain, f) for f in fields]
    assert built.state == plain.state == LectureState.PLANNED  # a default
    assert built.org is village  # cached: no query
    assert bulk.build(Lecture, org_id=village.pk).org_id == village.pk
    assert bulk.build(Lecture, org=None).org_id is None
    with pytest.raises(TypeError, match="tilte"):
        bulk.build(Lecture, tilte="x")
    # Built directly (no initialisation signal is listened to for a lecture): a new, unsaved instance as
    # Model.__init__ leaves it, that saves as one.
    assert bulk._build_plan(Lecture)[2] is not None
    assert built._state.adding and built._state.db is None and built.pk is None
    assert built.__dict__.keys() - {"_state"} == plain.__dict__.keys() - {"_state"}


def test_build_goes_through_init_when_a_model_listens_to_it():
    """A model whose initialisation something listens to (a post_init receiver: an image field's dimensions, an
    audit library) is built through Model.__init__, so the receiver runs."""
    from django.db.models.signals import post_init

    from jinguo.outreach.models import Topic

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=Topic)
    bulk._build_plans.pop(Topic, None)
    try:
        topic = bulk.build(Topic, name="家风")
        assert bulk._build_plans[Topic][2] is None
        assert seen == [topic]
    finally:
        post_init.disconnect(receiver, sender=Topic)
        bulk._build_plans.pop(Topic, None)


@pytest.mark.django_db
def test_objects_built_as_they_are_stored_come_back_saved_in_order_with_their_keys():
    built = []

    def made():
        for i in range(5):
            r = Rollup(metric="m.lazy", period="2026", org_path=f"15{i:02d}", value=i)
            built.append(r)
            yield r

    saved = bulk.insert_objects(Rollup, made(), pks=True, count=5)
    assert saved == built and [r.value for r in saved] == [0, 1, 2, 3, 4]
    assert all(r.pk is not None and not r._state.adding for r in saved)
    assert dict(Rollup.objects.filter(metric="m.lazy").values_list("pk", "value")) == {r.pk: r.value for r in saved}
    plain = bulk.insert_objects(
        Rollup, (Rollup(metric="m.plain", period="2026", org_path=f"15{i:02d}") for i in range(3))
    )
    assert len(plain) == 3 and Rollup.objects.filter(metric="m.plain").count() == 3


@pytest.mark.django_db
def test_a_count_that_is_not_the_number_of_objects_is_refused_and_writes_nothing():
    from django.db import transaction

    for count in (2, 4):
        with pytest.raises(ValueError, match="counted"), transaction.atomic():
            bulk.insert_objects(
                Rollup,
                (Rollup(metric="m.count", period="2026", org_path=f"15{i:02d}") for i in range(3)),
                pks=True,
                count=count,
            )
    assert not Rollup.objects.filter(metric="m.count").exists()
