"""A team's and a project's edit pages: they open with what is stored, save through the services (audited), keep
what was typed when refused, and a sibling county's cadre gets the page not found."""

import re

from jinguo.core.models import AuditEvent
from jinguo.volunteer.models import BeneficiaryCount


def _token(page: str) -> dict:
    m = re.search(r'name="submit_token" value="([^"]+)"', page)
    return {"submit_token": m[1]} if m else {}


def test_the_team_page_edits_the_team(login, actors, team):
    web = login(actors["county_cadre"])
    assert f'href="/volunteer/teams/{team.pk}/edit/"' in web.get(f"/volunteer/teams/{team.pk}/").content.decode()
    page = web.get(f"/volunteer/teams/{team.pk}/edit/").content.decode()
    assert 'value="爱心阿姨"' in page and 'name="org_code"' not in page
    r = web.post(
        f"/volunteer/teams/{team.pk}/edit/",
        {**_token(page), "name": "爱心阿姨服务队", "description": "关爱空巢老人", "founded": "2015-03-05"},
    )
    assert r.status_code == 302 and r["Location"] == f"/volunteer/teams/{team.pk}/"
    team.refresh_from_db()
    assert (team.name, team.description, team.active) == ("爱心阿姨服务队", "关爱空巢老人", False)
    assert AuditEvent.objects.filter(event="volunteer.team_update", object_id=str(team.pk)).exists()


def test_a_refused_team_edit_keeps_what_was_typed(login, actors, team):
    web = login(actors["county_cadre"])
    r = web.post(f"/volunteer/teams/{team.pk}/edit/", {"name": "", "description": "写了一半的介绍", "active": "on"})
    assert r.status_code == 200 and "写了一半的介绍" in r.content.decode()
    team.refresh_from_db()
    assert team.name == "爱心阿姨"


def test_the_project_page_edits_the_project_and_its_beneficiaries(login, actors, project):
    web = login(actors["county_cadre"])
    page = web.get(f"/volunteer/projects/{project.pk}/edit/").content.decode()
    assert 'value="幸福敲门"' in page and 'name="b_elderly"' in page and 'value="40"' in page
    data = {
        **_token(page),
        "name": "幸福敲门行动",
        "action": project.action,
        "summary": "敬老助残，上门服务，每月一次。",
        "started": project.started.isoformat(),
        "b_elderly": "55",
        "active": "on",
    }
    r = web.post(f"/volunteer/projects/{project.pk}/edit/", data)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    project.refresh_from_db()
    assert project.name == "幸福敲门行动" and project.active
    assert dict(BeneficiaryCount.objects.filter(project=project).values_list("category", "count")) == {"elderly": 55}


def test_a_siblings_cadre_cannot_open_the_edit_pages(login, actors, team, project):
    web = login(actors["sibling_cadre"])
    assert web.get(f"/volunteer/teams/{team.pk}/edit/").status_code == 404
    assert web.get(f"/volunteer/projects/{project.pk}/edit/").status_code == 404
