import datetime

from django.utils import timezone

from jinguo.governance import services


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def new_record(actor, key, org, **over):
    """A record of micro-line `key` at the village `org`."""
    data = {"date": yesterday(), "title": {"orgs": "妇女议事会", "agreements": "门前三包"}.get(key, f"{key}记录")}
    if key == "orgs":
        data["kind"] = "council"
    if key == "services":
        data["households"] = 5
    if key == "agreements":
        data["household"] = "王家"
    data.update(over)
    return services.record_create(key, actor=actor, org=org, **data)


def round_trip_for(key):
    """The import round trip of a line (core/tests/test_import_columns.py): two records of 东胜区's villages."""

    def round_trip(user, tree):
        from jinguo.governance.lines import BY_KEY
        from jinguo.people.tests.factories import new_person

        model = BY_KEY[key].model
        over = {}
        if key == "orgs":
            a, b = new_person(user, tree["150602100200"], name="娜仁"), new_person(user, tree["150602"], name="其其格")
            over = {"leader": a.pk, "members": [a.pk, b.pk]}
        new_record(user, key, tree["150602100200"], outcome="=SUM(A1)", **over)
        new_record(user, key, tree["150602001001"], title="第二条", date=yesterday() - datetime.timedelta(days=3))

        def records():
            fields = ["org__code", "date", "title", "participants", "outcome", *BY_KEY[key].extra]
            fields = [f"{f}_id" if f in ("leader", "micro_org") else f for f in fields]
            if key != "orgs":
                return sorted(model.objects.values_list(*fields))
            return sorted(
                (*row, tuple(sorted(p.pk for p in r.members.all())))
                for r, row in zip(
                    model.objects.order_by("pk"), model.objects.order_by("pk").values_list(*fields), strict=True
                )
            )

        return records, lambda: model.objects.all().delete()

    return round_trip
