#!/usr/bin/env bash
# `make bench`: seeds BENCH_CLIENTS clients (100,000) in a separate database (peppol_bench), starts the packaged backend on a
# free port, measures the client list (alone, under 16 concurrent clients with wrk, and beside bulk edits of 10,000
# clients), figures, export and bulk edit through the HTTP API and prints one table. Env: BENCH_CLIENTS (100000),
# BENCH_SECTIONS (see scripts/bench/bench.py), BENCH_LIST_DB (peppol_bench), BENCH_REFRESH_CLIENTS (10000, the refresh
# benchmark's own size), BENCH_SKIP_BUILD, BENCH_SKIP_REFRESH (1: no refresh benchmark), BENCH_REUSE (1: keep the
# database when an earlier run seeded it with the same BENCH_CLIENTS, e.g. BENCH_LIST_DB=peppol_bench_1m, instead of
# dropping and seeding it again; the backend's Flyway still migrates it, so new migrations apply).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# The figures are measured on a PostgreSQL of the bench's own (.data/pg-bench, port 5434), configured as a production
# server on this machine would be (scripts/postgres.sh pg_sized_opts), not on whatever server happens to listen on
# 5432 with its defaults: a portfolio of a million clients does not fit 128 MB of shared buffers. BENCH_PG=found
# measures on the server pg_ensure finds instead (QUARKUS_DATASOURCE_JDBC_URL, 5432, or .data/pg).
OWN_PG=0
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] && [ "${BENCH_PG:-own}" = "own" ]; then
  OWN_PG=1
  export PG_FORCE_LOCAL=1 PG_DATA_DIR="${BENCH_PG_DATA_DIR:-$ROOT/.data/pg-bench}" PG_LOCAL_PORT="${BENCH_PG_PORT:-5434}"
fi
source "$ROOT/scripts/postgres.sh"
if [ "$OWN_PG" = "1" ]; then export PG_SERVER_OPTS="$(pg_sized_opts)"; fi
pg_ensure
echo "bench PostgreSQL: $PGHOST:$PGPORT, $(pg_psql -d postgres -tAc "select 'shared_buffers ' || current_setting('shared_buffers') || ', fsync ' || current_setting('fsync')")" >&2
BENCH_LIST_DB="${BENCH_LIST_DB:-peppol_bench}"
FRESH_DB=1
if [ "${BENCH_REUSE:-}" = "1" ] && pg_db_exists "$BENCH_LIST_DB"; then
  # the seed writes bench_seed (clients, runs) in its own transaction: a database seeded with this size is reused
  seeded="$(pg_psql -d "$BENCH_LIST_DB" -tAc "select clients from bench_seed" 2>/dev/null || true)"
  if [ "$seeded" = "${BENCH_CLIENTS:-100000}" ]; then
    FRESH_DB=0
    echo "BENCH_REUSE: reusing $BENCH_LIST_DB, seeded with $seeded clients" >&2
    # this run's admin password is new: without users, the backend creates its first admin again (user.FirstAdmin)
    pg_psql -d "$BENCH_LIST_DB" -c "delete from app_user" >/dev/null
  else
    echo "BENCH_REUSE: $BENCH_LIST_DB was not seeded with ${BENCH_CLIENTS:-100000} clients (${seeded:-no seed}): seeding it again" >&2
  fi
fi
export BENCH_REUSED=$((1 - FRESH_DB))
export QUARKUS_DATASOURCE_JDBC_URL="$(FRESH=$FRESH_DB pg_create_db "$BENCH_LIST_DB")"
export QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
export PATH="$(pg_bindir):$PATH"
# The list under concurrent load is measured with wrk (Debian's package, installed when missing)
if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk missing: installing Debian's wrk package" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >&2
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$ROOT/scripts/build.sh"
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export QUARKUS_HTTP_PORT="$PORT"
export APP_ADMIN_EMAIL="bench@example.com" APP_DEMO_SEED=false
export APP_ADMIN_PASSWORD="bench-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"
# the email send is delivered to a local SMTP server that discards what it receives (scripts/bench/smtp_sink.py)
SMTP_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 "$ROOT/scripts/bench/smtp_sink.py" "$SMTP_PORT" &
SINK_PID=$!
export QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_PORT"
LOG="$ROOT/backend/target/bench-backend.log"
java -jar "$ROOT/backend/target/quarkus-app/quarkus-run.jar" >"$LOG" 2>&1 &
APP_PID=$!
cleanup() { kill "$APP_PID" "$SINK_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "backend did not start; see $LOG" >&2; exit 1; }
  sleep 1
done

PGDATABASE="$BENCH_LIST_DB" python3 "$ROOT/scripts/bench/bench.py" "http://127.0.0.1:$PORT" "$APP_PID" "$BENCH_LIST_DB" "$APP_ADMIN_EMAIL" "$APP_ADMIN_PASSWORD"

cleanup
trap - EXIT
if [ -x "$ROOT/scripts/bench-peppol.sh" ] && [ -z "${BENCH_SKIP_REFRESH:-}" ]; then
  # the Peppol refresh benchmark sets up its own database and backend: none of ours leaks into it
  env -u QUARKUS_HTTP_PORT -u QUARKUS_DATASOURCE_JDBC_URL -u QUARKUS_DATASOURCE_USERNAME -u QUARKUS_DATASOURCE_PASSWORD \
      -u APP_ADMIN_EMAIL -u APP_ADMIN_PASSWORD -u APP_DEMO_SEED -u QUARKUS_MAILER_HOST -u QUARKUS_MAILER_PORT "$ROOT/scripts/bench-peppol.sh"
fi
