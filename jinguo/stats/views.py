import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render

from jinguo.core.periods import current_period, month_period, parse_period, quarter_period, year_period
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.geo import has_map, shape_for, shape_names
from jinguo.orgs.selectors import get_org_for_user, org_ancestors, org_roots
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
    code = request.GET.get("code", "").strip()
    if code:
        org = get_org_for_user(request.user, code)
    else:
        roots = org_roots(request.user)
        org = roots[0] if roots else None
    text = request.GET.get("period", "").strip()
    start, end = request.GET.get("start", "").strip(), request.GET.get("end", "").strip()
    if start and end:
        text = f"{start}..{end}"
    try:
        period = parse_period(text) if text else current_period("quarter")
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
        period = current_period("quarter")
    return org, period


@login_required
def dashboard_view(request):
    org, period = _org_and_period(request)
    if org is None:
        return render(request, "stats/dashboard.html", {"org": None})
    data = dashboard(request.user, org, period, rank_by=request.GET.get("metric"))
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
    return render(
        request,
        "stats/dashboard.html",
        {
            "org": org,
            "data": data,
            "ancestors": org_ancestors(org),
            "chart": chart,
            "period_choices": _period_choices(datetime.date.today()),
            "period_key": period.code if period.stored else "",
            "start": period.start.isoformat() if not period.stored else "",
            "end": period.end.isoformat() if not period.stored else "",
        },
    )


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
