#!/usr/bin/env bash
# `make run`: PostgreSQL (found or started), migrations, backend + SPA on one URL, demo data.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/postgres.sh"
mkdir -p "$ROOT/.data"

STARTED_PG=""
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] && { [ -n "${PG_FORCE_LOCAL:-}" ] || ! pg_ready 127.0.0.1 5432; }; then
  pg_ready 127.0.0.1 "$PG_LOCAL_PORT" || STARTED_PG=1
fi
pg_ensure
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  export QUARKUS_DATASOURCE_JDBC_URL="$(pg_create_db peppol_tracker)"
  export QUARKUS_DATASOURCE_USERNAME="$PGUSER"
fi

# The first admin: kept in .data so the printed login stays valid across runs.
export APP_ADMIN_EMAIL="${APP_ADMIN_EMAIL:-admin@example.com}"
if [ -z "${APP_ADMIN_PASSWORD:-}" ]; then
  [ -f "$ROOT/.data/admin-password" ] || head -c 12 /dev/urandom | base64 | tr -d '/+=' > "$ROOT/.data/admin-password"
  export APP_ADMIN_PASSWORD="$(cat "$ROOT/.data/admin-password")"
fi
export APP_DEMO_SEED="${APP_DEMO_SEED:-true}"
PORT="${QUARKUS_HTTP_PORT:-8080}"

# Email is captured locally: a small SMTP sink writes every message under .data/mail.
if [ -z "${QUARKUS_MAILER_HOST:-}" ]; then
  export QUARKUS_MAILER_MOCK=false QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="${SMTP_SINK_PORT:-2525}"
  python3 "$ROOT/scripts/smtp-sink.py" "$QUARKUS_MAILER_PORT" "$ROOT/.data/mail" &
  SINK_PID=$!
fi

"$ROOT/scripts/build.sh"

cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null || true
  if [ -n "$STARTED_PG" ]; then
    pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA_DIR" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

java -jar "$ROOT/backend/target/quarkus-app/quarkus-run.jar" &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "The backend stopped; see the log above." >&2; exit 1; }
  sleep 1
done
cat <<MSG

  Peppol onboarding tracker is running at  http://localhost:$PORT
  Sign in as  $APP_ADMIN_EMAIL  /  $APP_ADMIN_PASSWORD
  API description: http://localhost:$PORT/q/swagger-ui   Mail captured in .data/mail
  Ctrl-C stops everything this command started.

MSG
wait "$APP_PID"
