"""The subscriptions import: every problem of every row reported, written all or none; a unit out of reach gets
the message of an unknown one."""

import io

import pytest

from jinguo.core import xlsx
from jinguo.core.models import AuditEvent
from jinguo.core.testing import xlsx_file
from jinguo.publications.models import Subscription
from jinguo.stats.models import Rollup

HEADERS = ["单位代码", "Publication", "Copies", "Amount (yuan)", "Payer unit", "Date"]


def _sheet(rows) -> io.BytesIO:
    return xlsx_file(
        rows, ["Org unit code", *HEADERS[1:]], title="东胜区宣传发行征订表"
    )  # a title row above the header, as cadres send it


def _run(user, rows):
    return xlsx.run_import(xlsx.REGISTRY["subscriptions"](user), _sheet(rows))


def test_a_good_sheet_is_written_with_one_audit_event(actors, pub):
    y = pub.year
    result = _run(
        actors["county_cadre"],
        [
            ["１５０６０２１００２００", "《中国妇女报》", "１２", None, "漫赖村村委会", f"{y}.3.8"],
            ["150602", "中国妇女报", "3", "800.5", "东胜区妇联", f"{y}年5月1日"],
        ],
    )
    assert result.ok, result.errors
    assert sorted(Subscription.objects.values_list("copies", "amount")) == [(3, 800.5), (12, 3456)]
    assert Rollup.objects.get(metric="publications.copies", period=str(y), org_path="150602").value == 15
    assert AuditEvent.objects.filter(event="import.subscriptions").count() == 1


def test_every_problem_is_reported_and_nothing_is_written(actors, pub):
    y = pub.year
    result = _run(
        actors["county_cadre"],
        [
            ["150602", "中国妇女报", "2", None, "好的一行", f"{y}-03-01"],
            ["150621", "中国妇女报", "0", "-1", "", f"{y - 1}-12-31"],
            ["150699", "没有的报纸", "2.5", None, "村", f"{y}-03-01"],
        ],
    )
    assert not result.ok
    by_row = {}
    for e in result.errors:
        by_row.setdefault(e.row, {})[e.column] = e.reason
    assert set(by_row) == {4, 5}
    # The date's year names the publication: there is no 《中国妇女报》 of last year.
    assert set(by_row[4]) == {"Org unit code", "Publication", "Copies", "Amount (yuan)", "Payer unit"}
    assert set(by_row[5]) == {"Org unit code", "Publication", "Copies"}
    # A sibling county and an unknown code read the same.
    assert by_row[4]["Org unit code"].replace("150621", "X") == by_row[5]["Org unit code"].replace("150699", "X")
    assert not Subscription.objects.exists()
    assert not Rollup.objects.filter(metric="publications.copies").exists()


def test_a_publication_of_another_year_is_not_found(actors, pub):
    result = _run(actors["county_cadre"], [["150602", "中国妇女报", "2", None, "村", f"{pub.year + 1}-01-05"]])
    assert [(e.column, "no publication" in e.reason) for e in result.errors] == [("Publication", True)]


@pytest.mark.parametrize("fault_at", ["bulk_create"])
def test_a_fault_mid_write_writes_nothing(actors, pub, monkeypatch, fault_at):
    from django.db.models import QuerySet

    real = QuerySet.bulk_create

    def faulty(self, objs, *args, **kwargs):
        real(self, objs[:1], *args, **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(QuerySet, "bulk_create", faulty)
    before = AuditEvent.objects.count()
    rows = [["150602", "中国妇女报", str(n), None, "村", f"{pub.year}-03-01"] for n in range(1, 6)]
    with pytest.raises(OSError):
        _run(actors["county_cadre"], rows)
    monkeypatch.setattr(QuerySet, "bulk_create", real)
    assert not Subscription.objects.exists() and AuditEvent.objects.count() == before
