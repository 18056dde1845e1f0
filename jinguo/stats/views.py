import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jinguo.core.formviews import period_param
from jinguo.core.periods import month_period, quarter_period, year_period
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.geo import has_map, shape_for, shape_names
from jinguo.orgs.selectors import org_ancestors, unit_asked
from jinguo.stats.selectors import dashboard


def _period_choices(today: datetime.date) -> list[tuple[str, str]]:
    """Three years, eight quarters and twelve months back from today, each labelled as Period.label() does."""
    periods = [year_period(y) for y in (today.year, today.year - 1, today.year - 2)]
    y, n = today.year, (today.month - 1) // 3 + 1
    for _i in range(8):
        periods.append(quarter_period(y, n))
        y, n = (y - 1, 4) if n == 1 else (y, n - 1)
    y, m = today.year, today.month
    for _i in range(12):
        periods.append(month_period(y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return [(p.code, p.label()) for p in periods]


def _org_and_period(request):
    """The unit (default: the user's own) and the period asked for; a bad period falls back with a message."""
    require(request.user, Perm.READ)
    org = unit_asked(request)
    text = request.GET.get("period", "").strip()
    start, end = request.GET.get("start", "").strip(), request.GET.get("end", "").strip()
    if start and end:
        text = f"{start}..{end}"
    return org, period_param(request, text, "quarter")


@login_required
def dashboard_view(request):
    org, period = _org_and_period(request)
    if org is None:
        return render(request, "stats/dashboard.html", {"org": None})
    rank_by = request.GET.get("metric")
    context = {
        "org": org,
        "period": period,
        "ancestors": org_ancestors(org),
        "period_choices": _period_choices(datetime.date.today()),
        "period_key": period.code if period.stored else "",
        "start": period.start.isoformat() if not period.stored else "",
        "end": period.end.isoformat() if not period.stored else "",
    }
    key = _body_key(request.user, org, period, rank_by)
    body = fragments.get(key) if key else None
    if body is None:
        body = _body(request.user, org, period, rank_by, context)
        if key:
            fragments.put(key, body)
    return render(request, "stats/dashboard.html", {**context, "body": body})


def _body(user, org, period, rank_by, context: dict) -> str:
    """The dashboard below its period form: figures, coverage, charts' data, the units below and the gaps."""
    from django.template.loader import render_to_string

    data = dashboard(user, org, period, rank_by=rank_by)
    names = shape_names(org.code) if has_map(org.code) else ()
    map_data = []
    if names and data.ranked_metric:
        for row in data.children:
            shape = shape_for(row["org"].name, names)
            if shape:
                map_data.append(
                    {"name": shape, "value": row["values"][data.ranked_metric.key], "code": row["org"].code}
                )
    chart = {
        "trend": data.trend,
        "labels": {f.metric.key: str(f.metric.label) for f in data.figures},
        "counts": [f.metric.key for f in data.figures if f.metric.sum_field is None],
        "ranking": [
            {
                "name": r["org"].name,
                "code": r["org"].code,
                "value": r["values"][data.ranked_metric.key] if data.ranked_metric else 0,
            }
            for r in data.children
        ],
        "map": {
            "code": org.code if names else None,
            "data": map_data,
            "metric": str(data.ranked_metric.label) if data.ranked_metric else "",
        },
    }
    for row in data.children:  # each child's values in the order of the figures (the table's columns)
        row["cells"] = [row["values"][f.metric.key] for f in data.figures]
    return render_to_string("stats/dashboard_body.html", {**context, "data": data, "chart": chart})


class _Fragments:
    """Rendered dashboard bodies kept in this process (at most `size`, each for DASHBOARD_CACHE_SECONDS). The key
    carries the roll-up version, which every committed roll-up change renews in the shared cache, so no app
    server shows a body older than the figures; the time limit covers what roll-ups do not version (a unit
    renamed). Per process, so a cache miss writes nothing to the database cache."""

    def __init__(self, size: int = 512) -> None:
        import threading
        from collections import OrderedDict

        self.size = size
        self.items: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        import time

        with self.lock:
            hit = self.items.get(key)
            if hit is None or hit[0] < time.monotonic():
                return None
            self.items.move_to_end(key)
            return hit[1]

    def put(self, key: str, body: str) -> None:
        import time

        from django.conf import settings

        with self.lock:
            self.items[key] = (time.monotonic() + settings.DASHBOARD_CACHE_SECONDS, body)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


fragments = _Fragments()


def _body_key(user, org, period, rank_by) -> str:
    """The body's cache key: the unit, the period, the ranking, what the user may read (the units below are
    scoped), the language, today (a running period compares the same elapsed days) and the roll-up version.
    "" when the cache is off (DASHBOARD_CACHE_SECONDS = 0, as in the tests)."""
    import hashlib

    from django.conf import settings
    from django.utils import timezone
    from django.utils.translation import get_language

    from jinguo.core.scope import scope_paths
    from jinguo.stats.rollups import version

    if not settings.DASHBOARD_CACHE_SECONDS or (current := version()) is None:
        return ""
    parts = [
        org.pk,
        period.code,
        period.start,
        period.end,
        rank_by or "",
        get_language(),
        timezone.localdate(),
        ",".join(scope_paths(user)),
        current,
    ]
    return "dashboard:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


@login_required
def report_view(request):
    """The unit's statistics report for the period: printable page, .xlsx or .docx (exports are audited)."""
    from django.http import Http404, HttpResponse

    from jinguo.core import audit
    from jinguo.core.xlsx import xlsx_response
    from jinguo.stats.reports import report_docx, report_xlsx

    org, period = _org_and_period(request)
    if org is None:
        raise Http404
    data = dashboard(request.user, org, period, rank_by=request.GET.get("metric"))
    fmt = request.GET.get("format", "")
    name = f"{org.name}-{period.code}-统计报表"
    if fmt in ("xlsx", "docx"):
        require(request.user, Perm.EXPORT)
        audit.record(request.user, "export.report", obj=org, detail={"period": period.code, "format": fmt})
        if fmt == "xlsx":
            return xlsx_response(report_xlsx(data), f"{name}.xlsx")
        from urllib.parse import quote

        response = HttpResponse(report_docx(data), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.docx"
        return response
    return render(request, "stats/report.html", {"org": org, "data": data, "period_key": period.code})


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
