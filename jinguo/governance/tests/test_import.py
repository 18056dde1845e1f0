"""The micro-lines' imports: every problem of every row reported, all or none; people by name or ID number."""

import io

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.testing import xlsx_file
from jinguo.governance.models import MicroOrg, MicroService
from jinguo.governance.tests.factories import new_record, yesterday
from jinguo.people.tests.factories import new_person


def _sheet(header, rows) -> io.BytesIO:
    return xlsx_file(rows, header)


def test_micro_organisations_come_in_with_their_members(actors, tree):
    new_person(actors["county_cadre"], tree["150602100200"], name="娜仁")
    new_person(actors["county_cadre"], tree["150602"], name="其其格")
    sheet = _sheet(
        ["org_code", "date", "title", "kind", "leader", "members"],
        [["150602100200", yesterday().isoformat(), "漫赖村妇女议事会", "妇女议事会", "娜仁", "娜仁、其其格"]],
    )
    result = xlsx.run_import(xlsx.REGISTRY["governance_orgs"](actors["county_cadre"]), sheet)
    assert result.ok, result.errors
    org = MicroOrg.objects.get()
    assert org.leader.name == "娜仁" and org.participants == 2 and org.members.count() == 2


def test_every_problem_is_reported_and_nothing_is_written(actors, tree):
    council = new_record(SYSTEM, "orgs", tree["150602001001"], title="天骄社区议事会")
    d = yesterday().isoformat()
    sheet = _sheet(
        ["org_code", "date", "title", "participants", "households", "micro_org"],
        [
            ["150602100200", d, "送餐", "3", "5", None],
            ["150621100200", d, "别县的", "3", "5", None],
            ["150602100", d, "镇上的", "10001", "-1", None],
            ["150602100200", "2100-01-01", "x" * 101, "3", "5", council.title],
        ],
    )
    result = xlsx.run_import(xlsx.REGISTRY["governance_services"](actors["county_cadre"]), sheet)
    by_row: dict = {}
    for e in result.errors:
        by_row.setdefault(e.row, {})[e.column] = e.reason
    assert set(by_row) == {3, 4, 5}
    assert set(by_row[3]) == {"Village code"}
    assert set(by_row[4]) == {"Village code", "Participants", "Households served"}
    assert set(by_row[5]) == {"Date", "Title", "By the micro-organisation"}
    assert not MicroService.objects.exists()
