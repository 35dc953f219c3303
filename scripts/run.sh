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

# Email: production sets QUARKUS_MAILER_HOST (and _PORT, _FROM, _USERNAME, ...); otherwise a real local SMTP server with a
# web mailbox (maildev, scripts/maildev) receives every message, readable in a browser.
MAIL_URL=""
if [ -z "${QUARKUS_MAILER_HOST:-}" ]; then
  SMTP_PORT="${MAILDEV_SMTP_PORT:-1025}" MAIL_WEB_PORT="${MAILDEV_WEB_PORT:-1080}"
  [ -d "$ROOT/scripts/maildev/node_modules" ] || npm ci --prefix "$ROOT/scripts/maildev" --no-audit --no-fund >/dev/null
  (cd "$ROOT/scripts/maildev" && exec ./node_modules/.bin/maildev --smtp "$SMTP_PORT" --web "$MAIL_WEB_PORT" --ip 127.0.0.1 --silent) >/dev/null 2>&1 &
  SINK_PID=$!
  export QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_PORT"
  MAIL_URL="http://localhost:$MAIL_WEB_PORT"
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
  API description: http://localhost:$PORT/q/swagger-ui (once signed in)
  Sent mail: ${MAIL_URL:-delivered through $QUARKUS_MAILER_HOST (QUARKUS_MAILER_*)}
  Ctrl-C stops everything this command started.

MSG
wait "$APP_PID"
