"""An id the user cannot see gets the same answer as an id that does not exist (issue: names leaked).

For every id-taking field of every write endpoint, form and import column, the answer for a person, team or
unit of a sibling county is compared with the answer for an unknown one, after the id itself is replaced by
a placeholder, and the sibling's name must not appear anywhere in the answer.
"""

import io
import json

import pytest
from django.utils import translation

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.core.testing import xlsx_file
from jinguo.outreach.models import Lecture
from jinguo.outreach.services import team_create
from jinguo.outreach.tests.factories import api_payload, form_data, today
from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person
from jinguo.people.tests.factories import new_person
from jinguo.study.models import StudySession

STRANGER = "达旗陌生人"


@pytest.fixture
def stranger(tree):
    return new_person(SYSTEM, tree["150621100200"], name=STRANGER)


@pytest.fixture
def unknown_id(stranger):
    return stranger.pk + 100_000


@pytest.fixture
def bearer(actors):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}


def _same(answer_hidden: str, answer_unknown: str, hidden, unknown) -> None:
    assert STRANGER not in answer_hidden
    assert answer_hidden.replace(str(hidden), "<ID>") == answer_unknown.replace(str(unknown), "<ID>")


def _post(client, url, payload, auth):
    r = client.post(url, json.dumps(payload), content_type="application/json", **auth)
    return r.status_code, json.dumps(r.json(), ensure_ascii=False, sort_keys=True)


# --- API -----------------------------------------------------------------------------------------


def test_api_lecture_lecturers(client, bearer, calendar, lecturer, stranger, unknown_id):
    hidden = _post(client, "/api/v1/lectures", api_payload(calendar, lecturer, lecturers=[stranger.pk]), bearer)
    unknown = _post(client, "/api/v1/lectures", api_payload(calendar, lecturer, lecturers=[unknown_id]), bearer)
    assert hidden[0] == unknown[0] == 400
    _same(hidden[1], unknown[1], stranger.pk, unknown_id)
    assert not Lecture.objects.exists()


def test_api_lecture_team(client, bearer, actors, tree, calendar, lecturer):
    theirs = team_create(actor=actors["sibling_cadre"], org=tree["150621"], name="达旗宣讲团")
    hidden = _post(client, "/api/v1/lectures", api_payload(calendar, lecturer, team=theirs.pk), bearer)
    unknown = _post(client, "/api/v1/lectures", api_payload(calendar, lecturer, team=theirs.pk + 1000), bearer)
    # A team the user may not use is refused as an unknown one, never a silent drop with 201: the form's and
    # the API's one answer (outreach.inputs.resolve_team), a 400 on the field.
    assert hidden == unknown and hidden[0] == 400 and "team" in json.loads(hidden[1])["detail"]
    assert not Lecture.objects.exists()


def test_api_lecture_org(client, bearer, calendar, lecturer):
    hidden = _post(client, "/api/v1/lectures", api_payload(calendar, lecturer, org="150621100200"), bearer)
    unknown = _post(client, "/api/v1/lectures", api_payload(calendar, lecturer, org="150699100200"), bearer)
    assert hidden == unknown and hidden[0] == 404


def _session_payload(calendar, **over):
    d = today()
    p = {
        "org": "150602",
        "title": "接口学习",
        "form": "led",
        "date": d.isoformat(),
        "hours": "2",
        "theme": calendar["month"][(d.year, d.month)].pk,
    }
    p.update(over)
    return p


@pytest.mark.parametrize("field", ["leader", "attendance"])
def test_api_study_session_people(client, bearer, calendar, stranger, unknown_id, field):
    def payload(pid):
        if field == "leader":
            return _session_payload(calendar, leader=pid)
        return _session_payload(calendar, attendance=[{"person": pid, "status": "present"}])

    hidden = _post(client, "/api/v1/study-sessions", payload(stranger.pk), bearer)
    unknown = _post(client, "/api/v1/study-sessions", payload(unknown_id), bearer)
    assert hidden[0] == unknown[0] == 400
    _same(hidden[1], unknown[1], stranger.pk, unknown_id)
    assert not StudySession.objects.exists()


def test_api_person_id_number_registered_elsewhere(client, bearer, tree, lecturer, stranger):
    """A number registered in the user's units and one registered in a sibling county get the same answer."""
    from jinguo.core import crypto

    def payload(number):
        return {
            "org": "150602",
            "name": "某某",
            "gender": "F",
            "ethnicity": "汉族",
            "birth_date": f"{number[6:10]}-{number[10:12]}-{number[12:14]}",
            "id_number": number,
        }

    mine = _post(client, "/api/v1/people", payload(crypto.decrypt(lecturer.id_number_enc)), bearer)
    theirs = _post(client, "/api/v1/people", payload(crypto.decrypt(stranger.id_number_enc)), bearer)
    assert mine == theirs and mine[0] == 400
    assert Person.objects.count() == 2


# --- forms ---------------------------------------------------------------------------------------


def _form_errors(response) -> str:
    return json.dumps(response.context["form"].errors, ensure_ascii=False, sort_keys=True)


def test_lecture_form_lecturers(login, actors, calendar, lecturer, stranger, unknown_id):
    client = login(actors["county_cadre"])

    def post(pid):
        return client.post("/outreach/lectures/new/", form_data(calendar, [pid], title="表单录入"))

    hidden, unknown = post(stranger.pk), post(unknown_id)
    assert hidden.status_code == unknown.status_code == 200
    assert STRANGER not in hidden.content.decode()  # not even as a checkbox to tick again
    _same(_form_errors(hidden), _form_errors(unknown), stranger.pk, unknown_id)
    assert not Lecture.objects.exists()


def test_team_member_form_person(login, actors, tree, stranger, unknown_id):
    team = team_create(actor=actors["county_cadre"], org=tree["150602"], name="东胜宣讲团")
    client = login(actors["county_cadre"])

    def post(pid):
        return client.post(f"/outreach/teams/{team.pk}/members/add/", {"person": pid, "languages": "zh"})

    hidden, unknown = post(stranger.pk), post(unknown_id)
    assert hidden.status_code == unknown.status_code == 200
    assert STRANGER not in hidden.content.decode()
    _same(_form_errors(hidden), _form_errors(unknown), stranger.pk, unknown_id)
    assert not team.members.exists()


def test_contest_entry_form_lecturer(login, actors, tree, stranger, unknown_id):
    from jinguo.contest.services import contest_create

    contest = contest_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title="宣讲大赛",
        year=today().year,
        criteria=[("内容", 100, 100)],
    )
    rnd = contest.rounds.get(order=1)
    client = login(actors["county_cadre"])

    def post(pid):
        return client.post(
            f"/contest/rounds/{rnd.pk}/enter/",
            {"org_code": "150602", "lecturer": pid, "title": "参赛", "video_url": "https://v.example.cn/1"},
        )

    hidden, unknown = post(stranger.pk), post(unknown_id)
    assert hidden.status_code == unknown.status_code == 200
    assert STRANGER not in hidden.content.decode()
    _same(_form_errors(hidden), _form_errors(unknown), stranger.pk, unknown_id)
    assert not rnd.entries.exists()


# --- imports -------------------------------------------------------------------------------------


def _book(headers, row) -> io.BytesIO:
    return xlsx_file([row], headers)


def _import_errors(importer, headers, row) -> str:
    result = xlsx.run_import(importer, _book(headers, row))
    assert not result.written
    return json.dumps([(e.row, e.column, e.reason) for e in result.errors], ensure_ascii=False)


def test_lecture_import_lecturer_by_id_number(actors, calendar, lecturer, stranger):
    from jinguo.core import crypto
    from jinguo.outreach.importers import LectureImporter

    d = today()
    headers = ["title", "kind", "date", "org_code", "lecturers", "theme", "topic", "audience_group", "audience_count"]
    theirs = crypto.decrypt(stranger.id_number_enc)
    nobody = make_id_number(theirs[:6], stranger.birth_date, 987)

    def row(token):
        return ["宣讲", "宣讲", d.isoformat(), "150602100200", token, calendar["month"][(d.year, d.month)].title]

    with translation.override("en"):
        extra = ["家庭教育", "农牧民", "30"]
        hidden = _import_errors(LectureImporter(actors["county_cadre"]), headers, row(theirs) + extra)
        unknown = _import_errors(LectureImporter(actors["county_cadre"]), headers, row(nobody) + extra)
    assert STRANGER not in hidden and hidden == unknown and "Lecturer" in hidden


@pytest.mark.parametrize("kind", ["people", "lectures"])
def test_import_unit_code(actors, calendar, lecturer, kind):
    """A unit of a sibling county and a code that does not exist get one answer in both imports."""
    from jinguo.outreach.importers import LectureImporter
    from jinguo.people.importers import PersonImporter

    d = today()
    if kind == "people":
        number = make_id_number("150602", d.replace(year=1985), 5)
        headers = ["name", "gender", "ethnicity", "birth_date", "id_number", "org_code"]

        def row(code):
            return ["某某", "女", "汉族", d.replace(year=1985).isoformat(), number, code]

        importer = PersonImporter
    else:
        headers = ["title", "kind", "date", "org_code", "lecturers", "theme", "topic", "audience_group"]

        def row(code):
            title = calendar["month"][(d.year, d.month)].title
            return ["宣讲", "宣讲", d.isoformat(), code, lecturer.name, title, "家庭教育", "农牧民"]

        importer = LectureImporter
    with translation.override("en"):
        hidden = _import_errors(importer(actors["county_cadre"]), headers, row("150621100200"))
        unknown = _import_errors(importer(actors["county_cadre"]), headers, row("150699100200"))
    assert hidden.replace("150621100200", "<CODE>") == unknown.replace("150699100200", "<CODE>")


@pytest.fixture
def sibling_theme(actors, tree, calendar):
    """A monthly focus of the sibling county, under the region's quarter."""
    from jinguo.planning.models import ThemeKind
    from jinguo.planning.services import theme_create

    d = today()
    return theme_create(
        actor=actors["sibling_cadre"],
        org=tree["150621"],
        kind=ThemeKind.MONTH,
        year=d.year,
        month=d.month,
        title="达旗本月重点",
        parent=calendar["quarter"][(d.year, (d.month - 1) // 3 + 1)],
        is_primary=False,
    )


@pytest.mark.parametrize("url", ["/api/v1/lectures", "/api/v1/study-sessions"])
def test_api_theme(client, bearer, calendar, lecturer, sibling_theme, url):
    if url.endswith("lectures"):
        hidden_payload = api_payload(calendar, lecturer, theme=sibling_theme.pk)
        unknown_payload = api_payload(calendar, lecturer, theme=sibling_theme.pk + 1000)
    else:
        hidden_payload = _session_payload(calendar, theme=sibling_theme.pk)
        unknown_payload = _session_payload(calendar, theme=sibling_theme.pk + 1000)
    hidden, unknown = _post(client, url, hidden_payload, bearer), _post(client, url, unknown_payload, bearer)
    assert hidden == unknown and hidden[0] in (400, 404)
    assert "达旗本月重点" not in hidden[1]


@pytest.mark.parametrize(
    "url, payload",
    [
        ("/api/v1/teams", {"name": "宣讲团"}),
        (
            "/api/v1/people",
            {"name": "某某", "gender": "F", "ethnicity": "汉族", "birth_date": "1985-03-08", "id_number": "X"},
        ),
    ],
)
def test_api_org_of_teams_and_people(client, bearer, url, payload):
    hidden = _post(client, url, {**payload, "org": "150621"}, bearer)
    unknown = _post(client, url, {**payload, "org": "150699"}, bearer)
    assert hidden == unknown and hidden[0] in (400, 404)


def test_api_study_session_org(client, bearer, calendar):
    hidden = _post(client, "/api/v1/study-sessions", _session_payload(calendar, org="150621"), bearer)
    unknown = _post(client, "/api/v1/study-sessions", _session_payload(calendar, org="150699"), bearer)
    assert hidden == unknown and hidden[0] == 404


def test_study_session_form_leader(login, actors, calendar, stranger, unknown_id):
    client = login(actors["county_cadre"])
    d = today()

    def post(pid):
        return client.post(
            "/study/new/",
            {
                "title": "专题辅导",
                "form": "tutorial",
                "date": d.isoformat(),
                "hours": "2",
                "org_code": "150602",
                "theme": calendar["month"][(d.year, d.month)].pk,
                "leader": pid,
            },
        )

    hidden, unknown = post(stranger.pk), post(unknown_id)
    assert hidden.status_code == unknown.status_code == 200
    assert STRANGER not in hidden.content.decode()
    _same(_form_errors(hidden), _form_errors(unknown), stranger.pk, unknown_id)
    assert not StudySession.objects.exists()
