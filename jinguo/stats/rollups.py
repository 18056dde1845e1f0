"""Maintaining and reading roll-ups.

Services call `changed(before, after)` in their transaction whenever a record that feeds a metric is
created (before=None), changed or moved (both), or deleted (after=None); bulk writers call
`changed_many`. The deltas are aggregated for the record's unit and every unit above it, for the
month, quarter and year, then added in the database (`stored + delta`): the figures of coverage metrics in one
statement that returns them (a figure that crosses zero moves the coverage counters), the others in one that
returns nothing. Writers of the same metric and year are serialised, so the coverage
counters follow exactly: on PostgreSQL by an advisory lock per (metric, year),
so a bulk load of one metric (media figures, mentions) never holds up a lecture being recorded; on SQLite by its
one write lock, which serialises every writer anyway.
`rebuild()` recomputes every row from the records; the tests compare the two.

Figures cannot overflow. The models bound every input (jinguo.core.bounds): one record adds at most
100,000,000 to a figure (a lecture's online views; its audience at most 100,000, a study session 120 tenths of an
hour, a count 1). A figure of one unit and period therefore reaches CEILING only after 10,000,000 records there,
every one at its maximum: ten times the design's whole ten-year lecture volume. Deltas are summed in Python
(unbounded integers) and kept within ±CEILING before they are sent; the database adds each to its stored figure
(itself within ±CEILING, so the BIGINT sum cannot overflow) and keeps the result within ±CEILING, so saving a
record never fails on a roll-up, whatever is already stored. CEILING is under 2**63 / 9,000, so summing the
months of the longest custom range (3,660 days: at most 122 months) in SQL cannot overflow a BIGINT either.
"""

import datetime
import logging
import zlib
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Length, Substr, TruncMonth

from jinguo.core import bulk
from jinguo.core.paths import DEPTHS, ancestor_paths, ancestors_or_self, level_of
from jinguo.core.periods import month_key, period_keys, quarter_key, year_key
from jinguo.stats.models import Rollup
from jinguo.stats.registry import METRICS, Metric, covered_key, for_model

CEILING = 10**15
_LOCK_KEY = 0x6A696E67  # "jing"
log = logging.getLogger(__name__)


_deferred: ContextVar[set | None] = ContextVar("rollups_deferred", default=None)


@contextmanager
def deferred():
    """Bulk loads (demo, benchmark): skip the per-batch upkeep, then rebuild the touched metrics once."""
    touched: set[str] = set()
    token = _deferred.set(touched)
    try:
        yield
    finally:
        _deferred.reset(token)
    if touched:
        rebuild(sorted(touched))


def bulk_loaded(keys: list[str]) -> None:
    """A bulk writer (a demo or benchmark generator) wrote records of these metrics without computing deltas:
    inside `deferred()` they are rebuilt once at its end, otherwise at once."""
    touched = _deferred.get()
    if touched is not None:
        touched.update(keys)
    else:
        rebuild(list(keys))


VERSION_KEY = "stats:rollups:version"


def version() -> str | None:
    """A token that changes whenever roll-ups change (in the shared cache, so every app server sees it): caches of
    what is drawn from roll-ups (the dashboard's body) carry it in their key. None when the cache cannot be read:
    then nothing drawn from roll-ups may be cached."""
    from django.core.cache import cache

    try:
        return cache.get(VERSION_KEY, "0")
    except Exception:  # noqa: BLE001 - a cache down costs the caching, never the page
        log.warning("the roll-up version could not be read from the cache", exc_info=True)
        return None


def _renew_version() -> None:
    import uuid

    from django.core.cache import cache

    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex[:16], None)
    except Exception:  # noqa: BLE001 - the change is committed; a cache down must not turn it into an error
        log.warning("the roll-up version could not be renewed in the cache", exc_info=True)


def _changed_on_commit() -> None:
    transaction.on_commit(_renew_version)


def _lock_id(text: str) -> int:
    return zlib.crc32(text.encode()) & 0x7FFFFFFF  # an int4 for pg_advisory_xact_lock(int4, int4)


def _lock(pairs: Iterable[tuple[str, str]] = (), *, whole: Iterable[str] = ()) -> None:
    """PostgreSQL: hold, until the transaction ends, the locks of the (metric, year) pairs written here, or of the
    `whole` metrics (a rebuild rewrites every year of its metric).

    A writer of (metric, year) takes the metric's lock shared and the pair's lock exclusive; a rebuild takes the
    metric's lock exclusive. Locks are taken in one global order (by id), so two writers that share metrics never
    wait on each other crosswise within one call. A transaction that writes roll-ups in several calls (two record
    types, one after the other) may still meet another one taking them in the opposite order; PostgreSQL then
    stops one of the two with a deadlock error and nothing of it is written. No service does that today.
    SQLite: nothing to do, its write lock serialises every writer."""
    if connection.vendor != "postgresql":
        return
    pairs = set(pairs)
    metrics = sorted({_lock_id(m) for m, _y in pairs} - {_lock_id(m) for m in whole})
    exclusive = sorted({_lock_id(m) for m in whole})
    years = sorted({_lock_id(f"{m}|{y}") for m, y in pairs})
    calls = [("pg_advisory_xact_lock", _LOCK_KEY, i) for i in exclusive]
    calls += [("pg_advisory_xact_lock_shared", _LOCK_KEY, i) for i in metrics]
    calls += [("pg_advisory_xact_lock", _LOCK_KEY + 1, i) for i in years]
    if calls:  # one statement: its select list is evaluated left to right, so the locks come in this order
        with connection.cursor() as c:
            c.execute("SELECT " + ", ".join(f"{fn}({cls}, {i})" for fn, cls, i in calls))


def changed(before=None, after=None) -> None:
    """One record changed; `before`/`after` are model instances (or None for create/delete)."""
    obj = after if after is not None else before
    if obj is None:
        return
    changed_many(
        obj._meta.label, befores=[before] if before is not None else [], afters=[after] if after is not None else []
    )


def changed_many(model_label: str, *, befores=(), afters=()) -> None:
    metrics = for_model(model_label)
    if not metrics:
        return
    touched = _deferred.get()
    if touched is not None:
        touched.update(m.key for m in metrics)
        return
    apply(deltas_of(model_label, befores=befores, afters=afters))


def deltas_of(model_label: str, *, befores=(), afters=()) -> dict[tuple[str, str, datetime.date], int]:
    """The (metric, org_path, date) → delta of records of a model changing from `befores` to `afters`."""
    deltas: dict[tuple[str, str, datetime.date], int] = defaultdict(int)
    for metric in for_model(model_label):
        for sign, objs in ((-1, befores), (1, afters)):
            for obj in objs:
                c = metric.contribution(obj)
                if c is not None:
                    deltas[(metric.key, c[0], c[1])] += sign * c[2]
    return deltas


def add(deltas: dict[tuple[str, str, datetime.date], int]) -> None:
    """Deltas a bulk writer summed itself, (metric, org_path, date) → value: applied as `changed_many` applies
    its own (deferred inside `deferred()`)."""
    touched = _deferred.get()
    if touched is not None:
        touched.update(key for key, _path, _day in deltas)
        return
    apply(deltas)


def apply(deltas: dict[tuple[str, str, datetime.date], int]) -> None:
    """Add (metric, org_path, date) → delta to every stored period and ancestor, with coverage counters."""
    store(spread(deltas))


def spread(deltas: dict[tuple[str, str, datetime.date], int]) -> dict[tuple[str, str, str], int]:
    """(metric, org_path, date) → delta as the (metric, period, org_path) → delta of every period and unit it
    counts in (the record's unit and each above it), zero sums left out."""
    # Days first summed into their periods at the record's own unit, then spread to the ancestors: an import of
    # 20,000 daily rows of 500 accounts makes 3,000 (period, unit) sums, not 20,000 × 3 × 4 additions.
    own: dict[tuple[str, str, str], int] = defaultdict(int)
    keys_of: dict[datetime.date, tuple[str, str, str]] = {}
    for (key, path, day), delta in deltas.items():
        if delta:
            periods = keys_of.get(day)
            if periods is None:
                periods = keys_of[day] = period_keys(day)
            for period in periods:
                own[(key, period, path)] += delta
    rows: dict[tuple[str, str, str], int] = defaultdict(int)
    lineages: dict[str, list[str]] = {}
    for (key, period, path), delta in own.items():
        if delta:
            lineage = lineages.get(path)
            if lineage is None:
                lineage = lineages[path] = ancestors_or_self(path)
            for p in lineage:
                rows[(key, period, p)] += delta
    return {k: v for k, v in rows.items() if v}


def store(rows: dict[tuple[str, str, str], int]) -> None:
    """Add spread deltas to the stored figures, with the coverage counters they move (see the module's docstring)."""
    if not rows:
        return
    with transaction.atomic():
        _lock({(key, period[:4]) for key, period, _p in rows})
        sent = _saturate(rows)
        # Only the figures of coverage metrics are returned: their crossing of zero moves the counters.
        covering = {key for key in {k for k, _pe, _pa in sent} if METRICS[key].coverage}
        if rest := {k: v for k, v in sent.items() if k[0] not in covering}:
            _add(rest, returning=False)
        new_values = _add({k: v for k, v in sent.items() if k[0] in covering}, returning=True) if covering else {}
        coverage: dict[tuple[str, str, str], int] = defaultdict(int)
        for (key, period, p), new in new_values.items():
            old = new - sent[(key, period, p)]  # the stored value before the delta (new is within the ceiling)
            if (old > 0) != (new > 0):
                step = 1 if new > 0 else -1
                ckey = covered_key(level_of(p), key)
                for a in ancestor_paths(p):
                    coverage[(ckey, period, a)] += step
        coverage = {k: v for k, v in coverage.items() if v}
        if coverage:
            _add(coverage, returning=False)
        _changed_on_commit()


def _add(deltas: dict[tuple[str, str, str], int], *, returning: bool) -> dict[tuple[str, str, str], int]:
    """Add each delta to its stored figure (a missing one counts 0) in one statement, the sum kept within
    ±CEILING by the database; with `returning`, the figures as written. Reading the figures first and writing
    the sums took a query per metric, period and 900 units: hundreds for an import of 10,000 lectures."""
    rows = [(*key, v) for key, v in deltas.items()]
    written = bulk.upsert(
        Rollup,
        ("metric", "period", "org_path", "value"),
        rows,
        conflict=("metric", "period", "org_path"),
        update=("value",),
        combine={
            "value": f"CASE WHEN {{old}} + {{new}} > {CEILING} THEN {CEILING} "
            f"WHEN {{old}} + {{new}} < {-CEILING} THEN {-CEILING} ELSE {{old}} + {{new}} END"
        },
        returning=("metric", "period", "org_path", "value") if returning else (),
    )
    if not returning:
        return {}
    out = {}
    for metric, period, path, value in written:
        if value in (CEILING, -CEILING):
            log.warning("roll-up %s %s %s is out of range and kept at the ceiling", metric, period, path)
        out[(metric, period, path)] = value
    return out


def _saturate(values: dict[tuple[str, str, str], int]) -> dict[tuple[str, str, str], int]:
    """Keep every figure within ±CEILING (see the module's docstring)."""
    out = {}
    for key, v in values.items():
        if not -CEILING <= v <= CEILING:
            log.warning("roll-up %s %s %s is out of range and kept at the ceiling", *key)
            v = CEILING if v > 0 else -CEILING
        out[key] = v
    return out


# --- a few days, from the records -------------------------------------------------------------------


def count_between(metrics: list[Metric], path: str, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Each metric's value (as stored: scaled integers) for the subtree at `path` from `start` to `end`
    inclusive, counted from the records: one query per model.

    Roll-ups are kept per month; this serves the days of a month a comparison window cuts through (the
    dashboard compares a running period with the same days of the previous one). It reads at most a month
    of one subtree's records, through the (org, date) indexes.
    """
    from django.utils import timezone

    out: dict[str, int] = {}
    by_source: dict[tuple[str, str, str], list[Metric]] = defaultdict(list)
    for m in metrics:
        by_source[(m.model, m.date_field, m.org_field)].append(m)
    for (_model, date_field, org_field), group in by_source.items():
        model = group[0].model_class()
        if model._meta.get_field(date_field).get_internal_type() == "DateTimeField":
            lo = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
            hi = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min))
            when = {f"{date_field}__gte": lo, f"{date_field}__lt": hi}
        else:
            when = {f"{date_field}__range": (start, end)}
        values = {
            f"v{i}": Count("pk", filter=m.include_q) if m.sum_field is None else Sum(m.sum_field, filter=m.include_q)
            for i, m in enumerate(group)
        }
        row = model.objects.filter(**{f"{org_field}__startswith": path}, **when).aggregate(**values)
        for i, m in enumerate(group):
            out[m.key] = int(round((row[f"v{i}"] or 0) * m.scale))
    return out


# --- rebuild -----------------------------------------------------------------------------------------


def recount(metric: Metric) -> dict[tuple[str, str, str], int]:
    """Every (metric, period, path) value of one metric, computed from the records."""
    model = metric.model_class()
    qs = model.objects.filter(metric.include_q)
    value = Count("pk") if metric.sum_field is None else Sum(metric.sum_field)
    out: dict[tuple[str, str, str], int] = defaultdict(int)
    for depth in DEPTHS:
        rows = (
            qs.annotate(_len=Length(metric.org_field))
            .filter(_len__gte=depth)
            .annotate(_p=Substr(metric.org_field, 1, depth), _m=TruncMonth(metric.date_field))
            .values("_p", "_m")
            .annotate(_v=value)
        )
        for r in rows:
            if r["_m"] is None or not r["_v"]:
                continue
            d = r["_m"].date() if hasattr(r["_m"], "date") else r["_m"]
            amount = int(round(r["_v"] * metric.scale))
            for period in (month_key(d), quarter_key(d), year_key(d)):
                out[(metric.key, period, r["_p"])] += amount
    out = {k: v for k, v in out.items() if v}
    if metric.coverage:
        cov: dict[tuple[str, str, str], int] = defaultdict(int)
        for (key, period, p), v in out.items():
            if v > 0:
                ckey = covered_key(level_of(p), key)
                for a in ancestor_paths(p):
                    cov[(ckey, period, a)] += 1
        out.update(cov)
    return out


def _metric_q(metric: Metric) -> Q:
    return Q(metric=metric.key) | Q(metric__startswith="covered:", metric__endswith=f":{metric.key}")


def rebuild(keys: list[str] | None = None) -> int:
    """Recompute the roll-ups of the given metrics (all when None) from the records. Returns rows written."""
    written = 0
    for key in keys or list(METRICS):
        metric = METRICS[key]
        values = _saturate(recount(metric))
        with transaction.atomic():
            _lock(whole=[metric.key])
            Rollup.objects.filter(_metric_q(metric)).delete()
            # Raw rows (core.bulk): a full-size rebuild writes millions, which model instances took most of.
            bulk.upsert(Rollup, ("metric", "period", "org_path", "value"), [(*k, v) for k, v in values.items()])
            _changed_on_commit()
        written += len(values)
    return written


def stored(keys: list[str] | None = None) -> dict[tuple[str, str, str], int]:
    """The roll-up rows as kept (for comparison with `recount`), zero rows left out."""
    q = Q()
    for key in keys or list(METRICS):
        q |= _metric_q(METRICS[key])
    return {(r.metric, r.period, r.org_path): r.value for r in Rollup.objects.filter(q).exclude(value=0)}
