"""Every API schema class has a name of its own: django-ninja names OpenAPI components by class name, so two
modules' `TeamOut` would silently share one component and one route would answer against the other's schema."""

from collections import defaultdict

from ninja import Schema

from jinguo.api.api import api  # noqa: F401 - mounts every module's routers, importing their schemas


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_name():
    by_name = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("jinguo.") and ".tests." not in cls.__module__:
            by_name[cls.__qualname__].add(cls.__module__)
    clashes = {name: sorted(mods) for name, mods in by_name.items() if len(mods) > 1}
    assert clashes == {}
