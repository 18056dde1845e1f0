"""core.formviews: the form page and the record button, with what each module may vary (the field a permission
refusal names, the message made of the saved record, no message, a context built only when the page shows)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils.translation import gettext as _

from jinguo.core import formviews
from jinguo.core.formviews import act, form_page


class UnitForm(forms.Form):
    org_code = forms.CharField()
    name = forms.CharField()


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _texts(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


@pytest.fixture
def rendered(monkeypatch):
    pages = []
    monkeypatch.setattr(formviews, "render", lambda request, template, context: pages.append((template, context)))
    return pages


def _raise(error):
    def save(*args):
        raise error

    return save


def test_a_get_shows_the_form_with_title_and_back_and_the_context_of_the_page(rendered):
    request = _request()
    form_page(request, UnitForm(None), _raise(AssertionError), title="T", back="/b/", done="ok", to="/", extra={"k": 1})
    assert rendered == [
        (formviews.FORM_TEMPLATE, {"form": rendered[0][1]["form"], "title": "T", "back": "/b/", "k": 1})
    ]


def test_a_page_of_its_own_leaves_title_and_back_out_and_builds_its_context_only_when_shown(rendered):
    built = []

    def extra():
        built.append(1)
        return {"rows": [1]}

    post = _request("post", {"org_code": "150602", "name": "n"})
    response = form_page(post, UnitForm(post.POST), lambda d: 7, done=None, to="/done/", template="p.html", extra=extra)
    assert response.status_code == 302 and response.url == "/done/"
    assert built == [] and _texts(post) == []  # no page, no context; `done=None`: no message

    get = _request()
    form_page(get, UnitForm(None), lambda d: 7, done=None, to="/done/", template="p.html", extra=extra)
    assert rendered[0][0] == "p.html" and set(rendered[0][1]) == {"form", "rows"}


def test_the_message_and_the_address_may_be_made_of_what_was_saved(rendered):
    post = _request("post", {"org_code": "150602", "name": "n"})
    response = form_page(
        post,
        UnitForm(post.POST),
        lambda d: d["name"],
        title="T",
        back="/",
        done=lambda n: f"{n} saved",
        to=lambda n: f"/{n}/",
    )
    assert response.url == "/n/" and _texts(post) == [("success", "n saved")]


def test_a_refusal_goes_back_on_the_form_a_permission_refusal_on_the_form_or_on_the_field_named(rendered):
    data = {"org_code": "150602", "name": "n"}
    post = _request("post", data)
    form = UnitForm(post.POST)
    form_page(post, form, _raise(ValidationError({"name": ["Taken."]})), title="T", back="/", done="ok", to="/")
    assert form.errors == {"name": ["Taken."]}

    form = UnitForm(post.POST)
    form_page(post, form, _raise(PermissionDenied("Not yours.")), title="T", back="/", done="ok", to="/")
    assert form.non_field_errors() == ["Not yours."]

    form = UnitForm(post.POST)
    form_page(post, form, _raise(PermissionDenied), title="T", back="/", done="ok", to="/", denied_field="org_code")
    assert form.errors == {"org_code": [_("This is not allowed.")]}
    assert len(rendered) == 3 and _texts(post) == []


def test_a_button_says_what_was_done_or_the_refusal_its_own_way_and_goes_back():
    request = _request("post")
    response = act(request, lambda: 3, done=lambda n: f"{n} done", to="/r/")
    assert response.url == "/r/" and _texts(request) == [("success", "3 done")]

    request = _request("post")
    act(request, _raise(ValidationError(["A.", "B."])), done="ok", to="/r/")
    assert _texts(request) == [("error", "A."), ("error", "B.")]

    request = _request("post")
    act(request, _raise(PermissionDenied), done="ok", to="/r/", refused=lambda r, e: formviews.messages.error(r, "No."))
    assert _texts(request) == [("error", "No.")]

    # A removal: done, to the list; refused, back to the record that stays.
    request = _request("post")
    assert act(request, lambda: None, done="gone", to="/list/", refused_to="/list/7/").url == "/list/"
    request = _request("post")
    assert act(request, _raise(ValidationError("Kept.")), done="gone", to="/list/", refused_to="/list/7/").url == (
        "/list/7/"
    )
    assert _texts(request) == [("error", "Kept.")]


def test_period_param_reads_a_period_or_falls_back_to_the_current_one_with_the_refusal():
    from django.utils import timezone

    from jinguo.core.formviews import period_param
    from jinguo.core.periods import period_of_day

    request = _request()
    assert period_param(request, "2026Q3").code == "2026Q3"
    assert period_param(request, "  ", "year") == period_of_day("year", timezone.localdate())
    assert _texts(request) == []
    assert period_param(request, "第三季度", "month") == period_of_day("month", timezone.localdate())
    assert [level for level, _t in _texts(request)] == ["error"]
