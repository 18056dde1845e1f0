"""Long lists (lectures, people) page by keyset: every row once, in order, however deep; ties on the sort keys are
broken by the id; the previous page is the page before; a cursor that is not one of ours reads the first page."""

import datetime
import re

import pytest
from django.test import RequestFactory

from jinguo.core.lists import REGISTRY, SeekPage, paginate, seek_order
from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person
from jinguo.people.services import build_person


@pytest.fixture
def people(tree):
    """120 people of one village: three names and four birth dates, so the sort keys tie often."""
    village = tree["150602100200"]
    objs = []
    for i in range(120):
        birth = datetime.date(1980, 1, 1) + datetime.timedelta(days=i % 4)
        data = {
            "name": ["其其格", "萨仁", "乌兰"][i % 3],
            "gender": "F",
            "ethnicity": "蒙古族",
            "birth_date": birth,
            "id_number": make_id_number("150602", birth, 100 + i, female=True),
            "phone": "",
        }
        objs.append(build_person(org=village, data=data))
    Person.objects.bulk_create(objs)
    return village


def _walk(qs, size=50):
    """Every page forward from the first, then every page back from the last: the rows of each."""
    rf = RequestFactory()
    forward, page = [], paginate(rf.get("/"), qs, size, seek=True)
    forward.append([p.pk for p in page])
    while page.has_next:
        page = paginate(rf.get("/", {"after": page.next_cursor}), qs, size, seek=True)
        forward.append([p.pk for p in page])
    backward = [[p.pk for p in page]]
    while page.has_previous:
        page = paginate(rf.get("/", {"before": page.previous_cursor}), qs, size, seek=True)
        backward.append([p.pk for p in page])
    return forward, backward[::-1], page


@pytest.mark.parametrize(
    ("order", "tie_break"),
    [
        (("org_path", "name", "pk"), ()),
        (("name", "pk"), ()),
        (("-birth_date", "-pk"), ()),
        (("birth_date", "-name"), ("-pk",)),
    ],
)
def test_pages_hold_every_row_once_in_order_both_ways(people, order, tie_break):
    qs = Person.objects.filter(org_path__startswith=people.path).order_by(*order)
    expected = [p.pk for p in qs.order_by(*order, *tie_break)]  # the id breaks ties, in the last key's direction
    forward, backward, first = _walk(qs)
    assert [len(p) for p in forward] == [50, 50, 20]
    assert sum(forward, []) == expected
    assert backward == forward  # the previous page of each page is the page before it
    assert (first.start_index(), first.has_previous) == (1, False)


def test_the_row_numbers_follow_the_pages(people):
    qs = Person.objects.filter(org_path__startswith=people.path).order_by("name", "pk")
    rf = RequestFactory()
    page = paginate(rf.get("/"), qs, 50, seek=True)
    second = paginate(rf.get("/", {"after": page.next_cursor}), qs, 50, seek=True)
    third = paginate(rf.get("/", {"after": second.next_cursor}), qs, 50, seek=True)
    assert [(p.start_index(), p.end_index()) for p in (page, second, third)] == [(1, 50), (51, 100), (101, 120)]
    back = paginate(rf.get("/", {"before": third.previous_cursor}), qs, 50, seek=True)
    assert (back.start_index(), back.end_index()) == (51, 100)


@pytest.mark.parametrize("cursor", ["", "garbage", "W10", "WzEsICJ4Il0", "x" * 500, "WzEsICIyMDI0LTEzLTQwIiwgMV0"])
def test_a_cursor_that_is_not_ours_reads_the_first_page(people, cursor):
    qs = Person.objects.filter(org_path__startswith=people.path).order_by("-birth_date", "-pk")
    page = paginate(RequestFactory().get("/", {"after": cursor, "before": cursor}), qs, 50, seek=True)
    assert isinstance(page, SeekPage)
    assert [p.pk for p in page] == [p.pk for p in qs[:50]]


def test_an_ordering_through_a_join_keeps_page_numbers(people):
    qs = Person.objects.order_by("org__name", "pk")
    assert seek_order(qs) is None
    page = paginate(RequestFactory().get("/", {"page": "2"}), qs, 50, seek=True)
    assert not isinstance(page, SeekPage) and page.number == 2


def test_the_long_lists_are_declared_with_keyset_pages():
    assert {name for name, spec in REGISTRY.items() if spec.seek} >= {"lectures", "people"}


def test_the_people_page_links_to_the_next_rows_and_back(people, actors, login):
    client = login(actors["county_cadre"])
    r = client.get("/people/", {"under": "150602100200", "sort": "name"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "seek-pages" in html and "page=" not in html
    after = re.search(r'after=([\w-]+)"', html).group(1)
    r2 = client.get("/people/", {"under": "150602100200", "sort": "name", "after": after})
    names_1 = re.findall(r'href="/people/(\d+)/"', html)
    names_2 = re.findall(r'href="/people/(\d+)/"', r2.content.decode())
    assert len(names_1) == 50 and len(names_2) == 50 and not set(names_1) & set(names_2)
    assert "before=" in r2.content.decode()
