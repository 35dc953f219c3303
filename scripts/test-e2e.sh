#!/usr/bin/env bash
# Browser tests: builds the jar with the SPA inside, starts it on a free port against a fresh database,
# and runs the Playwright Test journeys (frontend/e2e/*.spec.ts) in Debian's headless Chromium. Everything started
# here is stopped on exit. SKIP_BUILD=1 reuses backend/target/quarkus-app; E2E_SCREENSHOTS=<dir> writes the
# screenshots of the journeys there (1280×800, French: `E2E_SCREENSHOTS=$PWD/docs/screenshots` renews the README's);
# extra arguments go to `playwright test` (e.g. `scripts/test-e2e.sh e2e/sign-in.spec.ts`, `-g 'bulk-edits'`).
# The JSON report (counted by scripts/test.sh) is written to $E2E_JSON_REPORT, default frontend/test-results/e2e-results.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/postgres.sh"
pg_ensure

DB="peppol_e2e_$$"
JDBC_URL="$(FRESH=1 pg_create_db "$DB")"
APP_PID=""
MAIL_PID=""
LOG="$(mktemp -t peppol-e2e-backend.XXXXXX.log)"
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  [ -n "$MAIL_PID" ] && kill "$MAIL_PID" 2>/dev/null || true
  pg_drop_db "$DB"
  rm -f "$LOG"
}
trap cleanup EXIT INT TERM

if [ "${SKIP_BUILD:-0}" != "1" ] || [ ! -f "$ROOT/backend/target/quarkus-app/quarkus-run.jar" ]; then
  "$ROOT/scripts/build.sh"
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
# A real SMTP server with a web mailbox (maildev): the browser test reads what was sent through its REST API
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
SMTP_PORT="$(free_port)" MAIL_WEB_PORT="$(free_port)"
[ -d "$ROOT/scripts/maildev/node_modules" ] || npm ci --prefix "$ROOT/scripts/maildev" --no-audit --no-fund >/dev/null
(cd "$ROOT/scripts/maildev" && exec ./node_modules/.bin/maildev --smtp "$SMTP_PORT" --web "$MAIL_WEB_PORT" --ip 127.0.0.1 --silent) >/dev/null 2>&1 &
MAIL_PID=$!  # the maildev process itself (exec, no npx in between), so that killing it stops the server
ADMIN_EMAIL="e2e-admin@example.test"
ADMIN_PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# The demo clients (APP_DEMO_SEED) give the list, the dashboard and the screenshots a realistic portfolio; the
# journeys make and search for their own clients.
QUARKUS_HTTP_PORT="$PORT" \
QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" \
QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
APP_ADMIN_EMAIL="$ADMIN_EMAIL" \
APP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
APP_DEMO_SEED=true \
QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_PORT" \
  java -jar "$ROOT/backend/target/quarkus-app/quarkus-run.jar" >"$LOG" 2>&1 &
APP_PID=$!

ready=""
for _ in $(seq 1 180); do
  if curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
if [ -z "$ready" ]; then
  echo "The backend did not become ready on port $PORT; its log:" >&2
  tail -n 80 "$LOG" >&2
  exit 1
fi

"$ROOT/scripts/install-chromium.sh"
cd "$ROOT/frontend"
status=0
export E2E_JSON_REPORT="${E2E_JSON_REPORT:-$ROOT/frontend/test-results/e2e-results.json}"
rm -f "$E2E_JSON_REPORT"
E2E_MAILDEV_URL="http://127.0.0.1:$MAIL_WEB_PORT" E2E_BASE_URL="http://127.0.0.1:$PORT" E2E_EMAIL="$ADMIN_EMAIL" E2E_PASSWORD="$ADMIN_PASSWORD" \
  CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" npx playwright test "$@" || status=$?
# The closing line over the browser tests, from the JSON report (failed = unexpected or flaky; none if it is missing).
node -e '
  const fs = require("fs"); const f = process.argv[1];
  if (!fs.existsSync(f)) { console.log("0 passed, 1 failed"); process.exit(0); }
  const s = JSON.parse(fs.readFileSync(f, "utf8")).stats;
  console.log(`${s.expected} passed, ${s.unexpected + s.flaky} failed` + (s.skipped ? `, ${s.skipped} skipped` : ""));
' "$E2E_JSON_REPORT"
[ "$status" -eq 0 ] && [ ! -s "$E2E_JSON_REPORT" ] && status=1
if [ "$status" -ne 0 ]; then
  echo "--- backend log (last 60 lines) ---" >&2
  tail -n 60 "$LOG" >&2
fi
exit "$status"
