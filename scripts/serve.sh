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
# The timed work every minute: reminders before due dates, escalations after them, daily digests, and each module's
# periodic jobs (feeds to poll, posts to publish, briefs to send…), each doing only what is due.
( while true; do .venv/bin/jinguo periodic >>var/periodic.log 2>&1 || true; sleep 60; done ) &
SWEEPER=$!
trap 'kill $WORKER $SWEEPER 2>/dev/null || true' EXIT INT TERM
echo "task worker running (pid $WORKER, log var/worker.log)"
echo "北疆巾帼 on http://$HOST:$PORT/  — demo logins: .venv/bin/jinguo demo --list-users (password Jinguo@2026demo)"
# Workers sized to the cores (one process per core runs Python; threads cover the time spent waiting on the
# database): WEB_WORKERS and WEB_THREADS override.
WEB_WORKERS="${WEB_WORKERS:-$(nproc 2>/dev/null || echo 2)}"
WEB_THREADS="${WEB_THREADS:-4}"
echo "gunicorn: workers $WEB_WORKERS × threads $WEB_THREADS"
.venv/bin/gunicorn -c python:jinguo.gunicorn_conf jinguo.wsgi:application --bind "$HOST:$PORT" \
  --workers "$WEB_WORKERS" --threads "$WEB_THREADS" \
  --access-logfile - --forwarded-allow-ips 127.0.0.1
