#!/usr/bin/env bash
# make bench: generate each size on SQLite and on PostgreSQL (once; reused on later runs), time the
# scenarios, run the load scenario against the server as `make run` serves it, and write docs/benchmarks.md
# and docs/benchmarks.json.
#   SIZES="small medium full"  DATABASES="sqlite postgres"  PG_URL=postgres://postgres@127.0.0.1:5432
#   PG_DB_PREFIX=jinguo_bench_   (the PostgreSQL database of a size is $PG_DB_PREFIX$size)
#   LOAD_SIZES="full"            (sizes that also get the load scenario; "" for none)
#   LOAD_SECONDS=20  LOAD_CONCURRENCY=1,8,32  LOAD_PORT=8765   (loopback only)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-small medium full}"
DATABASES="${DATABASES:-sqlite postgres}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB_PREFIX="${PG_DB_PREFIX:-jinguo_bench_}"
LOAD_SIZES="${LOAD_SIZES-full}"
LOAD_SECONDS="${LOAD_SECONDS:-20}"
LOAD_CONCURRENCY="${LOAD_CONCURRENCY:-1,8,32}"
LOAD_PORT="${LOAD_PORT:-8765}"
export JINGUO_BENCH=1
mkdir -p var/bench
.venv/bin/jinguo collectstatic --noinput -v0

# The server as `make run` serves it (scripts/serve.sh: gunicorn and the task worker), on loopback, in its own
# process group so that stopping it stops all of it; then the load client; then the server stops.
load() {
  local out="$1" log="$2" server status=0
  setsid env HOST=127.0.0.1 PORT="$LOAD_PORT" ./scripts/serve.sh >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 90); do
    curl -fs -o /dev/null "http://127.0.0.1:$LOAD_PORT/login/" && break
    sleep 1
  done
  .venv/bin/jinguo bench-load --base "http://127.0.0.1:$LOAD_PORT" --seconds "$LOAD_SECONDS" \
    --concurrency "$LOAD_CONCURRENCY" --out "$out" --workers "$(grep -o 'workers [0-9]* × threads [0-9]*' "$log" | head -1)" \
    || status=$?
  kill -TERM -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  return $status
}

for size in $SIZES; do
  for db in $DATABASES; do
    if [ "$db" = sqlite ]; then
      export JINGUO_SQLITE_PATH="var/bench/$size.sqlite3"; unset DATABASE_URL || true
    else
      unset JINGUO_SQLITE_PATH || true
      name="$PG_DB_PREFIX$size"
      psql "$PG_URL/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
        || psql "$PG_URL/postgres" -qc "CREATE DATABASE $name"
      export DATABASE_URL="$PG_URL/$name"
    fi
    .venv/bin/jinguo migrate --noinput -v0
    if [ -f "var/bench/$db-$size.done" ]; then skip=--skip-generate; else skip=; fi
    out="var/bench/${db/postgres/postgresql}-$size.json"
    .venv/bin/jinguo bench --size "$size" $skip --out "$out"
    touch "var/bench/$db-$size.done"
    if [[ " $LOAD_SIZES " == *" $size "* ]]; then
      load "$out" "var/bench/serve-$db-$size.log"
    fi
  done
done
unset DATABASE_URL JINGUO_SQLITE_PATH || true
.venv/bin/jinguo bench-report var/bench/*.json --markdown docs/benchmarks.md --json docs/benchmarks.json
