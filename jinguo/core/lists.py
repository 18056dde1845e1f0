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
from collections.abc import Callable, Mapping, Sequence
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
from django.db.models import QuerySet
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
            return qs[: COUNT_CAP + 1].count()
        return len(qs)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def paginate(request, qs, size: int = PAGE_SIZE):
    """A page of `qs`; `page.query` keeps the other GET parameters for the page links."""
    page = CappedPaginator(qs, size).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.query = params.urlencode()
    return page


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
        cols = self.export_columns(user)
        for obj in self.rows(qs).iterator(chunk_size=2000):
            yield [c.format(obj) for c in cols]


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
    """The list page; an HTMX request gets the results partial only."""
    user = request.user
    if spec.permission:
        require(user, spec.permission)
    fs = spec.filterset(user, _params(request))
    qs = spec.rows(fs.qs) if fs.is_valid() else fs.queryset.none()
    page = paginate(request, qs)
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
    content = xlsx.export_workbook(spec.title, headers, spec.export_rows(user, qs))
    return xlsx.xlsx_response(content, filename)


def export_view(spec: ListSpec):
    @login_required
    def view(request):
        return list_export(request, spec)

    view.__name__ = f"{spec.name}_export"
    return view


def write_export(job, progress: Callable[[int, int], None]) -> bytes:
    """The workbook of a background export job: the list re-read with the job's filters, as its owner."""
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

    content = xlsx.export_workbook(spec.title, [c.header for c in spec.export_columns(user)], rows())
    progress(total, total)
    return content


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
    from django.core.files.base import ContentFile

    if not transition(
        ExportJob, job.pk, source=ExportJob.State.QUEUED, target=ExportJob.State.RUNNING, heartbeat_at=timezone.now()
    ):
        job.refresh_from_db()
        return job

    def progress(done: int, total: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(processed=done, total=total, heartbeat_at=timezone.now())

    try:
        content = write_export(job, progress)
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
    job.file.save(job.filename, ContentFile(content), save=False)
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
