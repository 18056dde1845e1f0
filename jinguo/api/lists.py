"""The API list of a declared list (core.lists.ListSpec): its query parameters are the list's filters.

    list_route(lectures_router, LECTURES, response=LectureOut)

The parameters are read by the same FilterSet as the page and the export, so the three accept the same
values and refuse the same ones with the same messages (400 with `detail` per field; 404 for a unit the
caller cannot read, as for an unknown one).
"""

from ninja import Field, Query, Schema
from ninja.pagination import paginate
from pydantic import create_model

from jinguo.api.params import Pagination
from jinguo.core.lists import ListSpec
from jinguo.core.scope import require


def filter_schema(spec: ListSpec) -> type[Schema]:
    """A ninja Schema with one optional text parameter per filter, bounded like the filter's form field."""
    cls = spec.filterset_class()
    fields = {}
    for name, flt in cls.base_filters.items():
        label = str(flt.label or name)
        choices = flt.extra.get("choices")
        if choices and not callable(choices):
            label += ": " + ", ".join(str(v) for v, _l in choices if v != "")
        max_length = flt.extra.get("max_length") or 100
        fields[name] = (str | None, Field(None, max_length=max_length, description=label))
    return create_model(f"{spec.name.title().replace('_', '')}Filters", __base__=Schema, **fields)


def list_route(router, spec: ListSpec, *, response, path: str = ""):
    """Add GET `path` to `router`: the list's rows for the caller, paginated, filtered as the page is."""
    filters_schema = filter_schema(spec)

    def handler(request, filters: Query[filters_schema]):  # type: ignore[valid-type]
        if spec.permission:
            require(request.user, spec.permission)
        return spec.rows(spec.queryset(request.user, filters.dict(exclude_none=True)))

    handler.__name__ = f"list_{spec.name}"
    handler.__doc__ = f"{spec.title}: the caller's rows, with the filters of the list page."
    router.get(path, response=list[response], operation_id=f"list_{spec.name}")(paginate(Pagination)(handler))
    return handler
