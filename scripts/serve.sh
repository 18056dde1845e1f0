#!/usr/bin/env bash
# Serve 北疆巾帼: the database-backed task worker in the background, gunicorn in front.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
.venv/bin/jinguo createcachetable  # the shared cache's table (a no-op when it exists or Redis is used)
# Nothing runs yet, so an import still marked running lost its worker when the app last stopped.
.venv/bin/jinguo jobs sweep --older-than-minutes 0
.venv/bin/jinguo db_worker --queue-name default >var/worker.log 2>&1 &
WORKER=$!
# Reminders before due dates, escalations after them, daily digests: every five minutes.
( while true; do .venv/bin/jinguo notify sweep >>var/notify.log 2>&1 || true; .venv/bin/jinguo media sweep >>var/notify.log 2>&1 || true; sleep 300; done ) &
SWEEPER=$!
trap 'kill $WORKER $SWEEPER 2>/dev/null || true' EXIT INT TERM
echo "task worker running (pid $WORKER, log var/worker.log)"
echo "北疆巾帼 on http://$HOST:$PORT/  — demo logins: .venv/bin/jinguo demo --list-users (password Jinguo@2026demo)"
.venv/bin/gunicorn -c python:jinguo.gunicorn_conf jinguo.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 \
  --access-logfile - --forwarded-allow-ips 127.0.0.1
