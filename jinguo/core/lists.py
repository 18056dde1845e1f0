"""One declaration per record type's list: the page, the Excel export and the API list derive from it.

A `ListSpec` holds the selector the list reads (scoped to the acting user), its filters (a django-filter
`FilterSet`), its columns for the page and for the export, its sort orders and the permission it needs.

    LECTURES = register(ListSpec(
        name="lectures", title=_("Lectures"),
        select=lambda user: lecture_list(user), filters=LectureFilters,
        columns=[ListColumn(_("Title"), link("outreach:lecture", "title")), …],
        export=lambda user: LectureImporter(user).get_columns() + [Column("state", _("State"), format=…)],
        sorts={"date": (_("Newest first"), ("-date", "-pk"))},
    ))

`list_page` renders the page (or its HTMX partial), `list_export` writes the .xlsx, in the request or, above
settings.EXPORT_BACKGROUND_ROWS rows, on the task worker, and records the `export.<name>` audit event itself,
so no channel can forget it. `jinguo.api.lists.list_route` adds the API list with the same filters: the
three accept the same parameters and refuse the same values with the same messages.
"""

import logging
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import django_filters as df
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from jinguo.core import audit, notify, xlsx
from jinguo.core.forms import StyledForm
from jinguo.core.models import ExportJob
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, require
from jinguo.core.workflow import transition

logger = logging.getLogger(__name__)

# --- pages ---------------------------------------------------------------------------------------

PAGE_SIZE = 50
COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: a list of a million records costs the same as one of a thousand.

    Beyond the cap the page says "more than 1,000" and offers the next page while there is one.
    """

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        if hasattr(qs, "query"):
            # Unordered (any COUNT_CAP + 1 matching rows will do) and only the key selected: the list's annotations
            # (a team's members and hours, each a subquery) are not computed for rows that are only counted — SQLite
            # ran them for every counted row (the team list at full size: 110 ms → 1 ms).
            return qs.order_by().values("pk")[: COUNT_CAP + 1].count()
        return len(qs)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


class Counted:
    """A queryset whose number of rows is already known (a counter kept elsewhere, such as coverage's covered
    units): pages and the API's pagination slice it and ask no COUNT. Counting the 2,500 uncovered villages of a
    region by their NOT EXISTS query took 67 of the gaps page's 100 ms at full size."""

    def __init__(self, queryset, count: int) -> None:
        self.queryset, self.known = queryset, count

    def count(self) -> int:
        return self.known

    def __len__(self) -> int:
        return self.known

    def __getitem__(self, key):
        return self.queryset[key]

    def __iter__(self):
        return iter(self.queryset)


def paginate(request, qs, size: int = PAGE_SIZE, *, seek: bool = False):
    """A page of `qs`; `page.query` keeps the other GET parameters for the page links.

    `seek=True` (the long lists: lectures, people) reads the page by keyset instead of OFFSET (see SeekPage)."""
    params = request.GET.copy()
    for key in ("page", "after", "before"):
        params.pop(key, None)
    if seek and seek_order(qs) is not None:
        page = SeekPage(qs, size, after=request.GET.get("after", ""), before=request.GET.get("before", ""))
    else:
        page = CappedPaginator(qs, size).get_page(request.GET.get("page"))
    page.query = params.urlencode()
    return page


# --- keyset (seek) pages -------------------------------------------------------------------------

CURSOR_MAX = 400  # characters of an `after`/`before` cursor; a longer one is ignored


def seek_order(qs) -> list[tuple[str, bool]] | None:
    """The queryset's ordering as (field attname, descending), ending on the primary key so that every row has
    one place; None when a term is not a plain column of the model (a join, an expression): offset pages then."""
    terms = list(qs.query.order_by) or list(qs.query.get_meta().ordering or [])
    meta = qs.model._meta
    out: list[tuple[str, bool]] = []
    for term in terms:
        if not isinstance(term, str) or "__" in term or term.lstrip("-") == "?":
            return None
        desc = term.startswith("-")
        name = term.lstrip("-")
        name = meta.pk.attname if name == "pk" else name
        try:
            f = meta.get_field(name)
        except Exception:  # noqa: BLE001 - an annotation or an unknown name: no keyset for it
            return None
        if not getattr(f, "concrete", False) or f.is_relation and not f.many_to_one:
            return None
        out.append((f.attname, desc))
        if f.primary_key:
            return out
    out.append((meta.pk.attname, out[-1][1] if out else False))
    return out


def _encode_cursor(index: int, pk) -> str:
    """`<row number>-<id>`: the id of the row to continue from, never its values (a person's name would otherwise
    travel in URLs and access logs)."""
    return f"{index}-{pk}"


def _decode_cursor(text: str) -> tuple[int, int] | None:
    """(row number, id) or None for a cursor that is not one of ours."""
    if not text or len(text) > CURSOR_MAX:
        return None
    index, _sep, pk = text.partition("-")
    if not (index.isascii() and index.isdigit() and pk.isascii() and pk.isdigit()) or len(index) > 9 or len(pk) > 18:
        return None
    return max(1, int(index)), int(pk)


def _beyond(order: list[tuple[str, bool]], values: list, *, forward: bool) -> Q:
    """Rows after (forward) or before the row with `values` in `order`. The first column's bound comes first as
    a plain range (`date <= d`), so the database starts its index walk there instead of filtering from the top."""

    def cmp(desc: bool) -> str:
        return "lt" if desc == forward else "gt"

    first, first_desc = order[0]
    q = Q()
    for i, (attname, desc) in enumerate(order):
        term = Q(**{f"{a}": v for (a, _d), v in zip(order[:i], values[:i], strict=True)})
        q |= term & Q(**{f"{attname}__{cmp(desc)}": values[i]})
    return Q(**{f"{first}__{cmp(first_desc)}e": values[0]}) & q


class SeekPage:
    """A page of a long list read by keyset: "the 50 rows after this one in the list's order" is one index range,
    however deep the page, where OFFSET 50,000 reads and drops 50,000 rows. The links carry a cursor (`after`, or
    `before` for the previous page): the id of the last (first) row shown, whose ordering values are read back from
    the user's own filtered list (one query by primary key), and the row's number, for the "51–100 of …" line only.
    The count is capped (CappedPaginator) like every list's.

    Quacks like Django's Page for includes/pagination.html (`page.seek` chooses the cursor links)."""

    seek = True

    def __init__(self, qs, size: int, *, after: str = "", before: str = "") -> None:
        self.order = seek_order(qs)
        self.size = size
        self.paginator = CappedPaginator(qs, size)  # counts without ordering
        qs = qs.order_by(*[f"{'-' if desc else ''}{a}" for a, desc in self.order])  # with the id as tie-break
        cursor, forward = _decode_cursor(after), True
        if cursor is None and before:
            cursor, forward = _decode_cursor(before), False
        if cursor is not None:  # the row's ordering values, read from the list itself: a row that left it (or
            # was never in the user's list) reads the first page, as a cursor that is not one of ours does
            index, pk = cursor
            values = qs.filter(pk=pk).values_list(*[a for a, _d in self.order]).first()
            cursor = (index, list(values)) if values is not None else None
        if cursor is None:
            rows = list(qs[: size + 1])
            self.has_previous, self.has_next = False, len(rows) > size
            rows, start = rows[:size], 1
            if not self.has_next:  # the whole list is on this page: its length is the count
                self.paginator.__dict__["count"] = len(rows)
        elif forward:
            index, values = cursor
            rows = list(qs.filter(_beyond(self.order, values, forward=True))[: size + 1])
            self.has_previous, self.has_next = True, len(rows) > size
            rows, start = rows[:size], index + 1
        else:
            index, values = cursor
            reverse = [f"{'' if desc else '-'}{a}" for a, desc in self.order]
            rows = list(qs.filter(_beyond(self.order, values, forward=False)).order_by(*reverse)[: size + 1])
            self.has_previous, self.has_next = len(rows) > size, True
            rows = rows[:size][::-1]
            start = max(1, index - len(rows))
            if not self.has_previous:
                start = 1
        self.object_list = rows
        self.start = start

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def _cursor(self, obj, index: int) -> str:
        return _encode_cursor(index, obj.pk)

    @property
    def next_cursor(self) -> str:
        return self._cursor(self.object_list[-1], self.end_index()) if self.has_next and self.object_list else ""

    @property
    def previous_cursor(self) -> str:
        return self._cursor(self.object_list[0], self.start) if self.has_previous and self.object_list else ""

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def start_index(self) -> int:
        return self.start if self.object_list else 0

    def end_index(self) -> int:
        return self.start + len(self.object_list) - 1


# --- filters -------------------------------------------------------------------------------------


class FilterForm(StyledForm):
    """The filter bar's form: Tabler classes, and each field's label as its placeholder."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault("aria-label", str(f.label or ""))
            if not isinstance(f.widget, forms.Select):
                f.widget.attrs.setdefault("placeholder", str(f.label or ""))


class ListFilterSet(df.FilterSet):
    """A FilterSet whose querysets and checks may read the acting user (`self.request.user`).

    `defaults` gives a filter the value it takes when none is given, on the page, in the export and in the API
    alike (a yearly record reads this year)."""

    defaults: dict[str, Callable[[], str]] = {}

    class Meta:
        form = FilterForm

    @property
    def user(self):
        return self.request.user


class SearchFilter(df.CharFilter):
    """Free text, bounded like every text, matched by the selector's own rule (`lookup` or `method`)."""

    def __init__(self, *args, max_length: int = 100, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Search"))
        super().__init__(*args, max_length=max_length, widget=forms.TextInput(attrs={"type": "search"}), **kwargs)


def no_unit_answer() -> str:
    return _("There is no unit with that code among your units.")


class _UnitField(forms.CharField):
    """A division code → a unit the user may read; an unknown code and one outside the user's units are
    both answered 404, on the page, in the export and in the API alike."""

    widget = forms.HiddenInput

    def __init__(self, *args, resolve=None, **kwargs):
        self.resolve = resolve
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return self.resolve(value)


class UnitFilter(df.Filter):
    """`under`: a unit's code; the list keeps the records of that unit and the units below it."""

    field_class = _UnitField

    def __init__(self, *args, path_field: str = "org_path", perm: str = Perm.READ, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Org unit"))
        kwargs.setdefault("max_length", 12)
        self.path_field = path_field
        self.perm = perm
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            from jinguo.core.modules import resolve

            get_org = resolve("jinguo.orgs.selectors:get_org_for_user")
            user = self.parent.request.user
            self._field = _UnitField(
                required=False,
                label=self.label,
                max_length=self.extra["max_length"],
                resolve=lambda code: get_org(user, code, perm=self.perm),
            )
        return self._field

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{f"{self.path_field}__startswith": value.path})


class ActiveChoiceFilter(df.ModelChoiceFilter):
    """A record of a list the user may choose (an active lookup, a theme in scope): an unknown one and one
    out of scope get the same "Choose from the list." """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)
        self.extra.setdefault("error_messages", {"invalid_choice": gettext_lazy("Choose from the list.")})


# --- columns -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ListColumn:
    """One column of the page's table: `cell(obj)` gives text or safe HTML; `css` hides it on small screens."""

    header: str | Promise
    cell: Callable[[Any], Any]
    css: str = ""
    testid: str = ""


def link(url_name: str, attr: str, note: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """A cell linking `obj.<attr>` to the record's page, with an optional second line (`note(obj)`)."""

    def cell(obj):
        url = reverse(url_name, args=[obj.pk])
        if note is None:
            return format_html('<a href="{}">{}</a>', url, getattr(obj, attr))
        return format_html(
            '<a href="{}">{}</a><div class="text-secondary small">{}</div>', url, getattr(obj, attr), note(obj)
        )

    return cell


def choice_label(choices) -> Callable[[Any], str]:
    """code → its label in the active language, translated once per language and code: a list's cells call it for
    every row, where `get_FOO_display()` translates again for each (a third of the lecture list's cell time)."""
    from django.utils.translation import get_language

    labels = dict(choices)
    shown: dict[tuple[str | None, Any], str] = {}

    def label(code) -> str:
        key = (get_language(), code)
        try:
            return shown[key]
        except KeyError:
            text = shown[key] = str(labels.get(code, code))
            return text

    return label


def badge(value: Callable[[Any], Any], colour: Callable[[Any], str]) -> Callable[[Any], Any]:
    return lambda obj: format_html('<span class="badge {}">{}</span>', colour(obj), value(obj))


HIDE_SM = "d-none d-sm-table-cell"
HIDE_MD = "d-none d-md-table-cell"


# --- the declaration -----------------------------------------------------------------------------


@dataclass(eq=False)
class ListSpec:
    name: str  # the registry key and the audit event export.<name>
    title: str | Promise
    select: Callable[[Any], QuerySet]  # (user) → the scoped queryset, in its default order
    filters: type[ListFilterSet]
    columns: Sequence[ListColumn]
    url_name: str  # the page, e.g. "outreach:lectures"
    export_url_name: str = ""  # "" when the list has no export
    # (user) → the export's columns (each with format); or "dotted.module:function", imported when first used (an
    # importer's columns, whose module imports the list's selectors: no wrapper to break the cycle by hand)
    export: Callable[[Any], list[xlsx.Column]] | str | None = None
    sorts: Mapping[str, tuple[str | Promise, Sequence[str]]] = field(default_factory=dict)
    permission: str | None = Perm.READ  # None: any signed-in user (the rows are scoped all the same)
    export_permission: str = Perm.EXPORT
    rows: Callable[[QuerySet], QuerySet] = lambda qs: qs  # prefetches the page and the export need
    decorate: Callable[[list], list] | None = None  # a page's records → the same, with what its cells show
    template: str = "includes/list_page.html"
    filename: str = ""  # of the export, without .xlsx (default: the title)
    empty: str | Promise = gettext_lazy("Nothing matches.")
    testid: str = ""
    context: Callable[[Any], dict] | None = None  # (request) → extra context of the page (actions, headings)
    seek: bool = False  # a long list (a region's lectures, people): keyset pages (SeekPage), not page numbers
    # What the export's formats read, when they read only fields ("org__code" is obj.org.code): the export then
    # reads tuples into light records instead of model instances, 15 times cheaper a row (100,000-row exports).
    export_fields: Sequence[str] = ()

    def filterset(self, user, data) -> ListFilterSet:
        cls = self.filterset_class()
        data = data.copy() if data is not None else {}
        for key, default in cls.defaults.items():
            if not data.get(key):
                data[key] = default()
        return cls(data, self.select(user), request=SimpleNamespace(user=user))

    def filterset_class(self):
        if not hasattr(self, "_fs"):
            attrs = {}
            if self.sorts:
                orders = {k: tuple(v[1]) for k, v in self.sorts.items()}
                attrs["sort"] = df.ChoiceFilter(
                    label=gettext_lazy("Sort"),
                    choices=[(k, label) for k, (label, _o) in self.sorts.items()],
                    empty_label=None,
                    method=lambda qs, name, value: qs.order_by(*orders[value]) if value else qs,
                )
            self._fs = type(f"{self.filters.__name__}WithSort", (self.filters,), attrs) if attrs else self.filters
        return self._fs

    def queryset(self, user, data) -> QuerySet:
        """The rows for `data` (a QueryDict or a dict); ValidationError with every field's message when a filter
        is refused, Http404 for a unit the user cannot read."""
        fs = self.filterset(user, data)
        if not fs.is_valid():
            raise ValidationError({k: list(v) for k, v in fs.errors.items()})
        return fs.qs

    def export_columns(self, user) -> list[xlsx.Column]:
        if not self.export:
            return []
        if isinstance(self.export, str):
            from jinguo.core.modules import resolve

            self.export = resolve(self.export)
        return list(self.export(user))

    def export_rows(self, user, qs):
        formats = [c.format for c in self.export_columns(user)]
        with whole_reads():
            if self.export_fields:
                make = record_factory(self.export_fields)
                for values in qs.values_list(*self.export_fields).iterator(chunk_size=2000):
                    obj = make(values)
                    yield [f(obj) for f in formats]
                return
            for obj in self.rows(qs).iterator(chunk_size=2000):
                yield [f(obj) for f in formats]


def whole_reads():
    """Queries read to their end (an export): on PostgreSQL, in a transaction whose cursors are planned for every
    row (`cursor_tuple_fraction = 1`). PostgreSQL plans a cursor for its first tenth by default, and for an export in
    the list's order it then walks the order's index and fetches each row from the table: 100,000 people 1.96 s,
    against 0.70 s for reading them by key, hashing in the units and sorting."""
    return planned(cursor_tuple_fraction=1)


@contextmanager
def planned(**settings):
    """On PostgreSQL, a transaction with these planner settings (`SET LOCAL`, sent on the driver's connection: a
    setting, not one of the block's counted queries); elsewhere nothing."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        for name, value in settings.items():  # names from the code, never from input
            connection.connection.execute(f"SET LOCAL {name} = {float(value):g}")
        yield


def record_factory(fields: Sequence[str]) -> Callable[[tuple], Any]:
    """A function turning a `values_list(*fields)` tuple into a record with the fields as attributes, one level
    of relation as a record of its own (`org__code` is `obj.org.code`): named tuples, built in C."""
    from collections import namedtuple

    top = [(name, i) for i, name in enumerate(fields) if "__" not in name]
    nested: dict[str, list[tuple[str, int]]] = {}
    for i, name in enumerate(fields):
        if "__" in name:
            rel, attr = name.split("__", 1)
            if "__" in attr:
                raise ValueError(f"export_fields: one level of relation only, not {name!r}")
            nested.setdefault(rel, []).append((attr, i))
    Row = namedtuple("Row", [name for name, _i in top] + list(nested))  # noqa: PYI024
    subs = [(namedtuple(rel.title(), [a for a, _i in attrs]), [i for _a, i in attrs]) for rel, attrs in nested.items()]  # noqa: PYI024
    own = [i for _name, i in top]
    if own == list(range(len(own))) and all(ix == list(range(ix[0], ix[0] + len(ix))) for _c, ix in subs):
        spans = [(cls, ix[0], ix[-1] + 1) for cls, ix in subs]
        n = len(own)
        if len(spans) == 1:
            ((cls, a, b),) = spans
            return lambda v: Row(*v[:n], cls(*v[a:b]))
        return lambda v: Row(*v[:n], *[cls(*v[a:b]) for cls, a, b in spans])
    return lambda v: Row(*[v[i] for i in own], *[cls(*[v[i] for i in ix]) for cls, ix in subs])


REGISTRY: dict[str, ListSpec] = {}


def register(spec: ListSpec) -> ListSpec:
    REGISTRY[spec.name] = spec
    return spec


def _filters_detail(fs: ListFilterSet) -> dict:
    """The filters as the audit keeps them: what was typed, units by code and records by number."""
    out = {}
    for key, value in fs.form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, int | str):
            out[key] = value
        else:
            out[key] = getattr(value, "code", None) or getattr(value, "pk", None) or str(value)
    return out


def _params(request) -> Any:
    params = request.GET.copy()
    params.pop("page", None)
    return params


# --- page ----------------------------------------------------------------------------------------


def list_page(request, spec: ListSpec, extra: dict | None = None):
    """The list page; an HTMX request gets the results partial only. Its queries are planned with their joins in
    written order (`written_joins`)."""
    with written_joins():
        return _list_page(request, spec, extra)


def written_joins():
    """On PostgreSQL, a transaction whose queries join their tables in the order written: a list's query is its
    table, filtered and ordered, then each row's related records by key (`select_related`), which is the plan;
    searching every order of eight tables took the planner 55 ms of the full-size lecture list's 72 (executing it:
    3 ms)."""
    return planned(join_collapse_limit=1, from_collapse_limit=1)


def _list_page(request, spec: ListSpec, extra: dict | None = None):
    user = request.user
    if spec.permission:
        require(user, spec.permission)
    fs = spec.filterset(user, _params(request))
    qs = spec.rows(fs.qs) if fs.is_valid() else fs.queryset.none()
    page = paginate(request, qs, seek=spec.seek)
    if spec.decorate:
        page.object_list = spec.decorate(list(page.object_list))
    values = fs.form.cleaned_data if fs.is_valid() else {}
    context = {
        "spec": spec,
        "filters": fs,
        "f": values,
        "under": values.get("under"),
        "page": page,
        "rows": [[(c.css, c.testid, c.cell(obj)) for c in spec.columns] for obj in page],
        "can_write": has_perm(user, Perm.WRITE),
        "can_export": bool(spec.export_url_name) and has_perm(user, spec.export_permission),
        "export_url": reverse(spec.export_url_name) if spec.export_url_name else "",
        "query": page.query,
    }
    if spec.context:
        context.update(spec.context(request))
    context.update(extra or {})
    if request.htmx:
        return render(request, "includes/list_results.html", context)
    return render(request, spec.template, context)


def page_view(spec: ListSpec, extra: Callable[[Any], dict] | None = None):
    @login_required
    def view(request):
        return list_page(request, spec, extra(request) if extra else None)

    view.__name__ = f"{spec.name}_page"
    return view


# --- export --------------------------------------------------------------------------------------


def list_export(request, spec: ListSpec):
    """The list as .xlsx with the filters of the request, audited here for every channel. Above
    EXPORT_BACKGROUND_ROWS rows the workbook is written by the task worker and the owner is told when it is ready."""
    user = request.user
    if spec.permission:
        require(user, spec.permission)
    require(user, spec.export_permission)
    fs = spec.filterset(user, _params(request))
    if not fs.is_valid():
        fields = fs.form.fields
        lines = [f"{fields[k].label}: {m}" if k in fields else m for k, v in fs.errors.items() for m in v]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    qs = fs.qs
    limit = settings.EXPORT_BACKGROUND_ROWS
    background = qs.order_by()[: limit + 1].count() > limit
    under = fs.form.cleaned_data.get("under")
    audit.record(
        user,
        f"export.{spec.name}",
        org_path=getattr(under, "path", ""),
        detail={"filters": _filters_detail(fs), **({"background": True} if background else {})},
    )
    filename = f"{spec.filename or spec.title}.xlsx"
    if background:
        job = ExportJob.objects.create(
            kind=spec.name, user=user, params=dict(_params(request).lists()), filename=filename[:200]
        )
        run_export_job.enqueue(job.pk)
        return redirect("core:export_job", pk=job.pk)
    headers = [c.header for c in spec.export_columns(user)]
    # At most EXPORT_BACKGROUND_ROWS rows here: a small file, sent whole. A larger export is written by the task
    # worker into a file that its download streams (core.views.export_job_file).
    return xlsx.xlsx_response(xlsx.export_workbook(spec.title, headers, spec.export_rows(user, qs)), filename)


def export_view(spec: ListSpec):
    @login_required
    def view(request):
        return list_export(request, spec)

    view.__name__ = f"{spec.name}_export"
    return view


def write_export(job, progress: Callable[[int, int], None], target) -> None:
    """Write the workbook of a background export job into `target` (a seekable binary file): the list re-read
    with the job's filters, as its owner."""
    spec = REGISTRY.get(job.kind)
    if spec is None:
        raise Http404
    user = job.user
    require(user, spec.export_permission)
    params = QueryDict(mutable=True)
    for key, values in job.params.items():
        params.setlist(key, values)
    qs = spec.queryset(user, params)
    total = qs.order_by().count()
    progress(0, total)

    def rows():
        for i, row in enumerate(spec.export_rows(user, qs), start=1):
            if i % 1000 == 0:
                progress(i, total)
            yield row

    xlsx.export_file(target, spec.title, [c.header for c in spec.export_columns(user)], rows())
    progress(total, total)


class _PeriodField(forms.CharField):
    def clean(self, value):
        from jinguo.core.periods import parse_period

        value = super().clean(value)
        return parse_period(value) if value else None


class PeriodFilter(df.Filter):
    """`period`: a year (2026), a quarter (2026Q3) or a month (2026-07); the records dated in it."""

    field_class = _PeriodField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Period"))
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{f"{self.field_name}__range": (value.start, value.end)})


# --- exports --------------------------------------------------------------------------------------


def run_export(job: ExportJob) -> ExportJob:
    """Write one export job's workbook (write_export) and tell its owner; never left "running"."""
    from django.core.files import File

    if not transition(
        ExportJob, job.pk, source=ExportJob.State.QUEUED, target=ExportJob.State.RUNNING, heartbeat_at=timezone.now()
    ):
        job.refresh_from_db()
        return job

    def progress(done: int, total: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(processed=done, total=total, heartbeat_at=timezone.now())

    tmp = tempfile.TemporaryFile(prefix="jinguo-export-")  # noqa: SIM115 - closed below, whatever happens
    with tmp:
        try:
            write_export(job, progress, tmp)
        except Exception:  # noqa: BLE001 - whatever broke, the job must not stay "running"
            logger.exception("export job %s (%s) stopped with an internal error", job.pk, job.kind)
            ExportJob.objects.filter(pk=job.pk).update(
                state=ExportJob.State.FAILED,
                finished_at=timezone.now(),
                message=_("The export stopped because of an internal error. Try again or contact the administrator."),
            )
            job.refresh_from_db()
            return job
        job.refresh_from_db()
        tmp.seek(0)
        job.file.save(job.filename, File(tmp, name=job.filename), save=False)
    with transaction.atomic():
        ExportJob.objects.filter(pk=job.pk).update(
            file=job.file.name, state=ExportJob.State.DONE, finished_at=timezone.now()
        )
        notify.notify(
            kind="core.export_ready",
            title=_("Export ready: %(file)s") % {"file": job.filename},
            obj=job,
            url=reverse("core:export_job", args=[job.pk]),
            recipients=[job.user],
        )
    job.refresh_from_db()
    return job


@task()
def run_export_job(job_id: int) -> None:
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    run_export(job)


class YearFilter(df.Filter):
    """`year`: the records dated in that year (2000–2100)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Year"))
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(**{f"{self.field_name}__year": value})
