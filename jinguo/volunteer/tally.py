"""Approved hours per volunteer, team and project and per period, kept as records change (models.Tally).

The dashboard's roll-ups (jinguo.stats) keep figures per unit; a leaderboard ranks people, teams and projects,
which no unit roll-up can answer at scale (200,000 volunteers, 5 million records). So each approved record adds
its hours, in tenths, to the rows of its volunteer, its team and its project for its month, quarter, year and
"all"; a change of state moves them (`changed`), in the transaction of the change. `recount()` computes every row
from the records; the property test compares the two.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncMonth

from jinguo.core.periods import month_key, period_keys, quarter_key, year_key
from jinguo.volunteer.models import RecordState, ServiceRecord, Tally, Volunteer

K = Tally.Kind
_LOCK_KEY = 0x766F6C  # "vol"


def _tenths(hours) -> int:
    return int(round(Decimal(hours or 0) * 10))


def contributions(record) -> list[tuple[str, int, str, int]]:
    """(kind, ref, org_path, tenths) the record adds to the tallies: nothing unless approved. The team's and the
    project's unit paths are read from the record's related rows (selected with it)."""
    if record is None or record.state != RecordState.APPROVED or not record.hours:
        return []
    t = _tenths(record.hours)
    out = [(K.VOLUNTEER, record.volunteer_id, record.volunteer.org_path, t)]
    if record.team_id:
        out.append((K.TEAM, record.team_id, record.team.org_path, t))
    if record.project_id:
        out.append((K.PROJECT, record.project_id, record.project.org_path, t))
    return out


def changed(before=None, after=None) -> dict[int, tuple[int, int]]:
    """One record changed state or hours; returns {volunteer id: (tenths before, tenths after)} of the volunteers
    whose all-time total moved (milestones are read from it)."""
    deltas: dict[tuple[str, int, str], int] = defaultdict(int)
    paths: dict[tuple[str, int], str] = {}
    for sign, rec in ((-1, before), (1, after)):
        for kind, ref, path, tenths in contributions(rec):
            for period in (*period_keys(rec.date), Tally.ALL):
                deltas[(kind, ref, period)] += sign * tenths
            paths[(kind, ref)] = path
    return apply(deltas, paths)


def apply(deltas: dict[tuple[str, int, str], int], paths: dict[tuple[str, int], str]) -> dict[int, tuple[int, int]]:
    deltas = {k: v for k, v in deltas.items() if v}
    if not deltas:
        return {}
    moved: dict[int, tuple[int, int]] = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        for (kind, ref, period), delta in deltas.items():
            path = paths[(kind, ref)]
            if not Tally.objects.filter(kind=kind, ref=ref, period=period).update(
                tenths=F("tenths") + delta, org_path=path
            ):
                try:
                    with transaction.atomic():
                        Tally.objects.create(kind=kind, ref=ref, period=period, org_path=path, tenths=delta)
                except IntegrityError:  # created by a concurrent writer in between
                    Tally.objects.filter(kind=kind, ref=ref, period=period).update(tenths=F("tenths") + delta)
            if kind == K.VOLUNTEER and period == Tally.ALL:
                after = Tally.objects.filter(kind=kind, ref=ref, period=period).values_list("tenths", flat=True)[0]
                Volunteer.objects.filter(pk=ref).update(hours_total=Decimal(after) / 10)
                moved[ref] = (after - delta, after)
    return moved


def recount() -> dict[tuple[str, int, str], int]:
    """Every tally row computed from the approved records (zero rows left out)."""
    out: dict[tuple[str, int, str], int] = defaultdict(int)
    approved = ServiceRecord.objects.filter(state=RecordState.APPROVED)
    for kind, field in ((K.VOLUNTEER, "volunteer_id"), (K.TEAM, "team_id"), (K.PROJECT, "project_id")):
        rows = (
            approved.filter(**{f"{field}__isnull": False})
            .annotate(_m=TruncMonth("date"))
            .values(field, "_m")
            .annotate(_h=Sum("hours"))
        )
        for r in rows:
            d = r["_m"].date() if isinstance(r["_m"], datetime.datetime) else r["_m"]
            t = _tenths(r["_h"])
            for period in (month_key(d), quarter_key(d), year_key(d), Tally.ALL):
                out[(kind, r[field], period)] += t
    return {k: v for k, v in out.items() if v}


def stored() -> dict[tuple[str, int, str], int]:
    return {(t.kind, t.ref, t.period): t.tenths for t in Tally.objects.exclude(tenths=0)}


def rebuild() -> int:
    """Recompute every tally row (and each volunteer's total) from the approved records: one INSERT … SELECT per
    kind and kind of period, the period's key computed by the database, so five million records are summed where
    they lie and never cross into Python (the streamed version took most of the benchmark's generation)."""
    from django.db.models import DecimalField, ExpressionWrapper, FloatField, OuterRef, Subquery, Value
    from django.db.models.functions import Cast, Coalesce

    from jinguo.volunteer.models import Project, Team

    q = connection.ops.quote_name
    rec = ServiceRecord._meta
    col = {f: q(rec.get_field(f).column) for f in ("volunteer", "team", "project", "date", "hours", "state")}
    day = f"r.{col['date']}"
    if connection.vendor == "postgresql":
        keys = {
            "month": f"to_char({day}, 'YYYY-MM')",
            "quarter": f"to_char({day}, 'YYYY\"Q\"Q')",
            "year": f"to_char({day}, 'YYYY')",
        }
    else:  # SQLite; '%%' is a literal '%' once the parameters are bound
        keys = {
            "month": f"strftime('%%Y-%%m', {day})",
            "quarter": f"strftime('%%Y', {day}) || 'Q' || ((CAST(strftime('%%m', {day}) AS INTEGER) + 2) / 3)",
            "year": f"strftime('%%Y', {day})",
        }
    keys["all"] = "%s"
    tenths = f"CAST(ROUND(SUM(r.{col['hours']}) * 10) AS BIGINT)"
    tally = Tally._meta
    target = ", ".join(q(tally.get_field(f).column) for f in ("kind", "ref", "period", "org_path", "tenths"))
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        Tally.objects.all().delete()
        for kind, field, model in (
            (K.VOLUNTEER, "volunteer", Volunteer),
            (K.TEAM, "team", Team),
            (K.PROJECT, "project", Project),
        ):
            owner, path = q(model._meta.db_table), q(model._meta.get_field("org_path").column)
            ref = f"r.{col[field]}"
            for grain, key in keys.items():
                params = [kind] + ([Tally.ALL] if grain == "all" else []) + [RecordState.APPROVED]
                group = f"{ref}, o.{path}" if grain == "all" else f"{ref}, {key}, o.{path}"
                cursor.execute(
                    f"INSERT INTO {q(tally.db_table)} ({target}) "  # noqa: S608 - the models' names
                    f"SELECT %s, {ref}, {key}, o.{path}, {tenths} FROM {q(rec.db_table)} r "
                    f"JOIN {owner} o ON o.{q(model._meta.pk.column)} = {ref} "
                    f"WHERE r.{col['state']} = %s AND {ref} IS NOT NULL "
                    f"GROUP BY {group} HAVING ROUND(SUM(r.{col['hours']}) * 10) <> 0",
                    params,
                )
                written += cursor.rowcount
    with transaction.atomic():
        total = Tally.objects.filter(kind=K.VOLUNTEER, ref=OuterRef("pk"), period=Tally.ALL).values("tenths")[:1]
        # Tenths as a real number before dividing: SQLite divides two integers as integers.
        Volunteer.objects.update(
            hours_total=ExpressionWrapper(
                Cast(Coalesce(Subquery(total), Value(0)), FloatField()) / Value(10.0), output_field=DecimalField()
            )
        )
    return written
