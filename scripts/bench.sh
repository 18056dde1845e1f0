#!/usr/bin/env bash
# make bench: generate each size on SQLite and on PostgreSQL (once; reused on later runs), time the
# scenarios, and write docs/benchmarks.md and docs/benchmarks.json.
#   SIZES="small medium full"  DATABASES="sqlite postgres"  PG_URL=postgres://postgres@127.0.0.1:5432
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-small medium full}"
DATABASES="${DATABASES:-sqlite postgres}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
export JINGUO_BENCH=1
mkdir -p var/bench
.venv/bin/jinguo collectstatic --noinput -v0

for size in $SIZES; do
  for db in $DATABASES; do
    if [ "$db" = sqlite ]; then
      export JINGUO_SQLITE_PATH="var/bench/$size.sqlite3"; unset DATABASE_URL || true
    else
      unset JINGUO_SQLITE_PATH || true
      name="jinguo_bench_$size"
      psql "$PG_URL/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
        || psql "$PG_URL/postgres" -qc "CREATE DATABASE $name"
      export DATABASE_URL="$PG_URL/$name"
    fi
    .venv/bin/jinguo migrate --noinput -v0
    if [ -f "var/bench/$db-$size.done" ]; then skip=--skip-generate; else skip=; fi
    .venv/bin/jinguo bench --size "$size" $skip --out "var/bench/${db/postgres/postgresql}-$size.json"
    touch "var/bench/$db-$size.done"
  done
done
unset DATABASE_URL JINGUO_SQLITE_PATH || true
.venv/bin/jinguo bench-report var/bench/*.json --markdown docs/benchmarks.md --json docs/benchmarks.json
