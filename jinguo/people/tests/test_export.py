import io

from openpyxl import load_workbook

from jinguo.core.models import AuditEvent
from jinguo.people.tests.factories import new_person


def _rows(response):
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_export_needs_the_permission(login, actors, tree):
    from jinguo.conftest import make_user
    from jinguo.core.roles import Role

    lecturer = make_user("lecturer", Role.LECTURER, tree["150602"])
    assert login(lecturer).get("/people/export.xlsx").status_code == 403
    assert not AuditEvent.objects.filter(event="export.people").exists()


def test_export_follows_the_filters_and_writes_one_audit_row(login, actors, tree):
    new_person(actors["county_cadre"], tree["150602"], name="其其格")
    new_person(actors["county_cadre"], tree["150602100200"], name="萨仁")
    new_person(actors["sibling_cadre"], tree["150621"], name="别县的人")
    r = login(actors["county_cadre"]).get("/people/export.xlsx?q=其")
    rows = _rows(r)
    assert [row[0] for row in rows[1:]] == ["其其格"]
    assert AuditEvent.objects.filter(event="export.people", actor_name="county_cadre").count() == 1


def test_export_shows_clear_values_only_to_who_may_reveal(login, actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], phone="13912345678")
    cadre_rows = _rows(login(actors["county_cadre"]).get("/people/export.xlsx"))
    assert cadre_rows[1][5] == "13912345678"
    leader_rows = _rows(login(actors["leader"]).get("/people/export.xlsx"))
    assert leader_rows[1][5] == "139****5678" and leader_rows[1][4] == p.id_number_masked


def test_long_lists_count_only_up_to_the_cap(login, actors, tree, monkeypatch):
    from jinguo.core import lists

    monkeypatch.setattr(lists, "COUNT_CAP", 55)
    for i in range(60):
        new_person(actors["county_cadre"], tree["150602"], name=f"人{i}", phone="")
    body = login(actors["county_cadre"]).get("/people/").content.decode()
    assert "more than" in body or "超过" in body
    assert login(actors["county_cadre"]).get("/people/?page=2").status_code == 200


def test_a_name_that_looks_like_a_formula_is_exported_as_text(login, actors, tree):
    name = '=HYPERLINK("http://x.cn","核对")'
    new_person(actors["county_cadre"], tree["150602"], name=name)
    r = login(actors["county_cadre"]).get("/people/export.xlsx")
    cell = load_workbook(io.BytesIO(r.content)).active["A2"]
    assert cell.data_type == "s" and cell.value == name and cell.quotePrefix
