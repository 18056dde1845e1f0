"""Many rows in one statement: the bulk writes of imports and roll-ups, in SQL both databases speak.

Composing hundreds of thousands of rows as model instances takes longer than the database takes to store them,
so the hot bulk paths write raw rows through here. On PostgreSQL the rows are streamed with COPY into a temporary
table of the same columns and moved with one `INSERT … SELECT … ON CONFLICT`: a multi-row `VALUES` list made
psycopg parse statements of thousands of placeholders on the client (two thirds of a metrics import's time went
there: 20,000 daily rows 3.4 s → 0.75 s). SQLite binds plain multi-row `VALUES` lists, which it parses fast.

Column names come from the model, never from input; values are always bound parameters.
"""

import operator
import zlib
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models.base import ModelState

SQLITE_CHUNK = 500  # rows of one statement on SQLite (well under its 32,766 bound parameters)
SQLITE_STAGED = 20_000  # more rows than this meeting stored ones go through a scratch table on SQLite


def upsert(
    model,
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    conflict: Sequence[str] = (),
    update: Sequence[str] = (),
    changed_only: bool = False,
    before: str | None = None,
    combine: dict[str, str] | None = None,
    returning: Sequence[str] = (),
) -> int | list[tuple]:
    """Insert `rows` (tuples in the order of `fields`, model field names) into `model`'s table. With
    `conflict` (the fields of a unique constraint), a row that meets a stored one updates its `update` fields
    to the new values, or leaves it as it is when `update` is empty; with `changed_only`, only where one of them
    differs (a file imported again writes nothing). Returns the number of rows sent. Runs in the caller's
    transaction.

    `before` (PostgreSQL only): a query run on the rows as they are stored just before the write, with
    `{stage}` naming the table that holds the new rows (columns as `fields`); the write then returns its rows.
    A writer that keeps sums of the rows (roll-ups) reads what it replaces this way, summed in the database,
    instead of loading every replaced row.

    `combine` gives an updated field an SQL expression of the stored value `{old}` and the new one `{new}` in
    place of the new value (a roll-up adds its delta: `{old} + {new}`); `returning` names fields whose values the
    written rows return, as a list of tuples (a row left untouched returns nothing)."""
    meta = model._meta
    q = connection.ops.quote_name
    columns = [meta.get_field(f).column for f in fields]
    head = f"INSERT INTO {q(meta.db_table)} ({', '.join(q(c) for c in columns)}) "  # noqa: S608 - model names
    tail = ""
    if conflict:
        target = ", ".join(q(meta.get_field(f).column) for f in conflict)
        if update:
            updated = [q(meta.get_field(f).column) for f in update]
            table = q(meta.db_table)
            value = {
                q(meta.get_field(f).column): sql.format(
                    old=f"{table}.{q(meta.get_field(f).column)}", new=f"excluded.{q(meta.get_field(f).column)}"
                )
                for f, sql in (combine or {}).items()
            }
            sets = ", ".join(f"{c} = {value.get(c, f'excluded.{c}')}" for c in updated)
            tail = f" ON CONFLICT ({target}) DO UPDATE SET {sets}"
            if changed_only:
                differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
                table = q(meta.db_table)
                tail += " WHERE " + " OR ".join(f"{table}.{c} {differs} excluded.{c}" for c in updated)
        else:
            tail = f" ON CONFLICT ({target}) DO NOTHING"
    if returning:
        tail += " RETURNING " + ", ".join(q(meta.get_field(f).column) for f in returning)
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return [] if before or returning else 0
    if before and returning:
        raise ValueError("a write returns either what it replaced (`before`) or what it wrote (`returning`)")
    if before and connection.vendor != "postgresql":
        raise NotImplementedError("a `before` query needs PostgreSQL's staging table")
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        names = ", ".join(q(c) for c in columns)
        stage = _stage(meta, names)
        # Django's cursors bind on the client; a plain psycopg cursor on the same connection (so in the same
        # transaction) streams the rows with COPY into a scratch table, and one INSERT … SELECT moves them. Rows
        # that meet nothing stored (no conflict target) and return nothing are copied into the table itself.
        if not conflict and not returning and not before:
            return copy_rows(meta, columns, rows)
        with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {names} FROM {q(meta.db_table)} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {stage}")
            with cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            found = None
            if before:
                cursor.execute(before.format(stage=stage))
                found = cursor.fetchall()
            order = f" ORDER BY {target}" if conflict else ""  # the stored rows met in index order
            cursor.execute(head + f"SELECT {names} FROM {stage}{order}" + tail)
            if returning:
                found = cursor.fetchall()
        return len(rows) if found is None else found
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    written = []
    if conflict and len(rows) > SQLITE_STAGED:
        return _sqlite_staged(meta, columns, rows, head, tail, target, marks, bool(returning))
    with connection.cursor() as cursor:
        for i in range(0, len(rows), SQLITE_CHUNK):
            chunk = rows[i : i + SQLITE_CHUNK]
            cursor.execute(head + "VALUES " + ", ".join([marks] * len(chunk)) + tail, [v for row in chunk for v in row])
            if returning:
                written += cursor.fetchall()
    return written if returning else len(rows)


def build(model, **values):
    """A new, unsaved instance of `model` from field values (a relation by its name, with the object, or by its
    attname, with the key), like `model(**values)`: for the many instances of an import. Fields not given take
    their defaults; a related object given stays cached on the instance.

    A model whose fields are plain attributes (no descriptor that computes on assignment) and that nothing
    listens to the initialisation of (as of its first build) gets its values set directly, as `Model.__init__`
    would set them (a lecture's 24 values: 6.8 µs positionally, 5.0 µs here); any other is built through
    `Model.__init__`, positionally."""
    plan, names, direct = _build_plans.get(model) or _build_plan(model)
    if extra := values.keys() - names:
        raise TypeError(f"{model.__name__} has no field {sorted(extra)!r}")
    related = []
    if direct is not None:
        constants, computed, by_key = direct
        state = constants.copy()  # the fields' constant defaults, then what is given, then the computed ones
        for key, v in values.items():
            attname, relation = by_key[key]
            if relation is not None:
                related.append((relation, v))
                v = None if v is None else v.pk
            state[attname] = v
        for attname, default in computed:
            if attname not in state:
                state[attname] = default()
        obj = model.__new__(model)
        obj._state = ModelState()
        obj.__dict__.update(state)
    else:
        args = []
        for field, name, attname, default in plan:
            if name in values:
                v = values[name]
                if field.is_relation:
                    related.append((field, v))
                    v = None if v is None else v.pk
                args.append(v)
            elif attname in values:
                args.append(values[attname])
            else:
                args.append(default())
        obj = model(*args)
    for field, v in related:
        if v is not None:
            field.set_cached_value(obj, v)
    return obj


_build_plans: dict = {}


def _build_plan(model):
    """Each concrete field with its default: a field without one, or with a constant one, takes the same value each
    time, computed once (NOT_PROVIDED is a class, so callable: has_default() tells). `direct`, when the values may
    be set directly (see `build`), else None: the constant defaults by attname, the (attname, default) of the
    fields whose default is computed each time, and for each name and attname (its attname, the relation field
    when the name takes a related object)."""
    from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
    from django.db.models.query_utils import DeferredAttribute
    from django.db.models.signals import post_init, pre_init

    fields = model._meta.concrete_fields
    plan = [
        (
            f,
            f.name,
            f.attname,
            f.get_default if f.has_default() and callable(f.default) else _constant(f.get_default()),
        )
        for f in fields
    ]
    names = {n for f in fields for n in (f.name, f.attname)}
    plain = all(
        type(getattr(model, f.attname, None)) in (DeferredAttribute, ForeignKeyDeferredAttribute) for f in fields
    )
    listened = pre_init.has_listeners(model) or post_init.has_listeners(model)
    direct = None
    if plain and not listened and len(fields) == len(model._meta.fields):
        computed = [(f.attname, f.get_default) for f in fields if f.has_default() and callable(f.default)]
        constants = {f.attname: f.get_default() for f in fields if not (f.has_default() and callable(f.default))}
        by_key = {f.attname: (f.attname, None) for f in fields}
        by_key.update({f.name: (f.attname, f if f.is_relation else None) for f in fields if f.name != f.attname})
        direct = (constants, computed, by_key)
    _build_plans[model] = plan, names, direct
    return plan, names, direct


def _constant(value):
    return lambda: value


def insert_objects(model, objs: Iterable, *, pks: bool = False, count: int | None = None) -> list:
    """Insert new, unsaved model instances: what `bulk_create` does, without composing each value through the
    field machinery — a plain text, number or key column is sent as it is, and only the other fields (dates,
    decimals, files, JSON…) are prepared by their field. `auto_now(_add)` fields are stamped as `save()` would.
    100,000 people: Django's compiler took 24 of an import's 64 profiled seconds. Returns the objects, in order.

    `objs` may be built lazily (a generator). On PostgreSQL each row is then copied as soon as it is built, so
    the server stores the first rows while the next are built (COPY streams): 100,000 people, 4.8 → 3.7 s, the
    encryption of their numbers no longer waiting for the server's index inserts and back. A generator must not
    query the database meanwhile (the connection is copying). SQLite runs in this process and gains nothing from
    it; the objects are built first there.

    With `pks`, each object gets its primary key (for rows that refer to it): on PostgreSQL taken from the
    table's sequence beforehand, in one query (so lazy `objs` give their `count`); on SQLite returned by the
    insert (`RETURNING`, in row order)."""
    from django.db import models

    plain = (
        models.CharField,
        models.TextField,
        models.IntegerField,
        models.BigIntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveBigIntegerField,
        models.PositiveSmallIntegerField,
        models.BooleanField,
    )
    from django.utils import timezone

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    # A new instance holds each field's value in its __dict__ under the field's attname (a file field too: its
    # descriptor stores what was assigned): one itemgetter call reads a row; only the fields that need it are
    # then prepared, in place.
    read = operator.itemgetter(*(f.attname for f in fields))
    special = []
    for i, f in enumerate(fields):
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            stamp = now.date() if type(f) is models.DateField else now
            special.append((i, _stamped(f, stamp)))
        elif type(f) in plain or (f.is_relation and type(f.target_field) in (models.AutoField, models.BigAutoField)):
            continue
        elif isinstance(f, models.FileField):
            special.append((i, _file(f)))
        elif isinstance(f, models.JSONField):
            special.append((i, _json(f)))
        else:
            special.append((i, _prepared(f)))

    def row_of(o) -> list:
        row = read(o.__dict__)
        row = list(row) if len(fields) > 1 else [row]
        for i, prepare in special:
            row[i] = prepare(o, row[i])
        return row

    pk = model._meta.pk
    alias = connection.alias
    if connection.vendor == "postgresql":
        if pks and count is None:
            objs = objs if isinstance(objs, list) else list(objs)
            count = len(objs)
        ids = iter(reserve_ids(model, count) if pks and count else ())
        made: list = []

        def rows():
            for o in objs:
                made.append(o)
                o._state.adding, o._state.db = False, alias  # saved, as bulk_create leaves them
                if pks:
                    o.pk = next(ids, None)
                    if o.pk is None:
                        raise ValueError(f"more objects than the {count} that were counted")
                    yield [o.pk, *row_of(o)]
                else:
                    yield row_of(o)

        columns = [f.column for f in fields]
        copy_rows(model._meta, [pk.column, *columns] if pks else columns, rows())
        if pks and len(made) != count:
            raise ValueError(f"{len(made)} objects where {count} were counted")
        return made
    objs = objs if isinstance(objs, list) else list(objs)
    if pks and count is not None and len(objs) != count:
        raise ValueError(f"{len(objs)} objects where {count} were counted")
    rows = [row_of(o) for o in objs]
    for o in objs:  # saved, as bulk_create leaves them
        o._state.adding, o._state.db = False, alias
    if not pks or not objs:
        upsert(model, [f.name for f in fields], rows)
        return objs
    q = connection.ops.quote_name
    head = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) VALUES "  # noqa: S608
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), SQLITE_CHUNK):
            chunk = rows[i : i + SQLITE_CHUNK]
            cursor.execute(
                head + ", ".join([marks] * len(chunk)) + f" RETURNING {q(pk.column)}", [v for r in chunk for v in r]
            )
            for o, (new_id,) in zip(objs[i : i + SQLITE_CHUNK], cursor.fetchall(), strict=True):
                o.pk = new_id
    return objs


def reserve_ids(model, count: int) -> list[int]:
    """PostgreSQL: `count` new primary keys of `model`, taken from its table's sequence in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [i for (i,) in cursor.fetchall()]


def copy_rows(meta, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """PostgreSQL: COPY rows into the table itself (no conflict to meet, nothing to return), each sent as it comes
    from `rows` (a generator's are stored while the next are made). Returns how many."""
    import psycopg

    q = connection.ops.quote_name
    connection.ensure_connection()
    n = 0
    copy_in = f"COPY {q(meta.db_table)} ({', '.join(q(c) for c in columns)}) FROM STDIN"
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor, cursor.copy(copy_in) as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _stamped(field, stamp):
    """An auto_now(_add) field: one time for the whole batch, set on each object as save() would."""
    value = field.get_db_prep_save(stamp, connection)

    def get(obj, _raw):
        setattr(obj, field.attname, stamp)
        return value

    return get


def _file(field):
    """A file field: the stored name as it is, unless a new upload waits to be saved (the field saves it)."""

    def get(obj, raw):
        if raw is None or type(raw) is str:
            return raw or ""
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    return get


def _json(field):
    """A JSON field as its text, each distinct value dumped once: what SQLite stores, and what PostgreSQL's COPY
    reads into a jsonb column (its adapter dumped the value again for every row: 0.2 s of 20,000 lectures)."""
    import json

    seen: dict = {}

    def get(obj, raw):
        if type(raw) not in (dict, list, str, int, float, bool):  # None (SQL NULL), an expression…
            return field.get_db_prep_save(field.pre_save(obj, True), connection)
        key = (list, *raw) if type(raw) is list and all(type(x) is str for x in raw) else None
        text = seen.get(key) if key is not None else None
        if text is None:
            text = json.dumps(field.get_prep_value(raw), cls=field.encoder)
            if key is not None:
                seen[key] = text
        return text

    return get


def _prepared(field):
    """Any other field through its own preparation, each distinct value once (dates of birth, days repeat)."""
    seen: dict = {}

    def get(obj, raw):
        try:
            return seen[raw]
        except KeyError:
            prepared = seen[raw] = field.get_db_prep_save(field.pre_save(obj, True), connection)
            return prepared
        except TypeError:  # an unhashable value
            return field.get_db_prep_save(field.pre_save(obj, True), connection)

    return get


def _stage(meta, names: str) -> str:
    """The scratch table of a table and a column list (a connection keeps it): a write with other columns (with or
    without the keys) gets its own."""
    return connection.ops.quote_name(f"bulk_{meta.db_table}_{zlib.crc32(names.encode()):08x}")


def _sqlite_staged(meta, columns, rows, head, tail, target, marks, returning):
    """SQLite, many rows meeting stored ones: staged in a scratch table and moved in the order of the conflict
    target, as on PostgreSQL, so the unique index is walked in order rather than at random (its pages read once)."""
    q = connection.ops.quote_name
    names = ", ".join(q(c) for c in columns)
    stage = _stage(meta, names)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {names} FROM {q(meta.db_table)} WHERE 0")
        cursor.execute(f"DELETE FROM {stage}")
        cursor.executemany(f"INSERT INTO {stage} VALUES {marks}", rows)  # noqa: S608 - model names
        # `WHERE true`: SQLite's grammar tells the upsert's ON CONFLICT from a join's ON by it.
        cursor.execute(head + f"SELECT {names} FROM {stage} WHERE true ORDER BY {target}" + tail)
        found = cursor.fetchall() if returning else None
        cursor.execute(f"DELETE FROM {stage}")
    return found if returning else len(rows)


def existing(model, field: str, values: Iterable) -> set:
    """The `values` of a (text or number) field that stored rows of `model` hold: an import's duplicate check of
    its ID numbers.

    On PostgreSQL, more than a batch of values are copied into a scratch table and met in one join: 100,000 ID
    numbers against a million people, 1.2 → 0.8 s (against 10,000, 0.4 → 0.1 s), where batches of 900, each one
    `= ANY(array)` parameter, probed the index one value at a time (one array of 20,000 made the planner scan the
    whole table). On SQLite, batches of 900 in an `IN` list (its parameter limit)."""
    values = list(dict.fromkeys(values))
    q = connection.ops.quote_name
    column = q(model._meta.get_field(field).column)
    table = q(model._meta.db_table)
    head = f"SELECT {column} FROM {table} WHERE {column} "  # noqa: S608 - model names
    found: set = set()
    if connection.vendor == "postgresql" and len(values) > 900:
        import psycopg

        stage = _stage(model._meta, f"existing {column}")
        connection.ensure_connection()
        with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {column} FROM {table} WITH NO DATA")
            cursor.execute(f"TRUNCATE {stage}")
            with cursor.copy(f"COPY {stage} ({column}) FROM STDIN") as copy:
                for v in values:
                    copy.write_row((v,))
            cursor.execute(f"ANALYZE {stage}")  # the plan knows how many values there are
            cursor.execute(f"SELECT {column} FROM {table} WHERE {column} IN (SELECT {column} FROM {stage})")
            found.update(v for (v,) in cursor.fetchall())
            cursor.execute(f"TRUNCATE {stage}")
        return found
    with connection.cursor() as cursor:
        for i in range(0, len(values), 900):
            chunk = values[i : i + 900]
            if connection.vendor == "postgresql":
                cursor.execute(head + "= ANY(%s)", [chunk])
            else:
                cursor.execute(head + f"IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.update(v for (v,) in cursor.fetchall())
    return found
