#!/usr/bin/env bash
# `make test`: builds backend and frontend once and runs every test against real peers:
# backend tests (PostgreSQL, fake SMP/DNS, ...), frontend type check and unit tests, browser tests in Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

# Frontend packages first: the backend build puts the SPA into the jar the browser tests run.
cd "$ROOT/frontend"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "== Backend: build (with the SPA) and tests"
WITH_SPA=true MVN_GOAL="clean verify" "$ROOT/scripts/test-backend.sh"

echo "== Frontend: type check and unit tests"
cd "$ROOT/frontend"
npx tsc -p tsconfig.json
npx eslint .
npx vitest run --reporter=default --reporter=json --outputFile.json=node_modules/.vitest-results.json

echo "== Browser tests (headless Chromium against the packaged backend)"
"$ROOT/scripts/install-chromium.sh"
E2E_JSON_REPORT="$ROOT/frontend/node_modules/.e2e-results.json" SKIP_BUILD=1 "$ROOT/scripts/test-e2e.sh"

# One closing line over the three suites (each failure has already stopped the script with its own report).
backend=$(cat "$ROOT"/backend/target/surefire-reports/*.txt "$ROOT"/backend/target/failsafe-reports/*.txt | sed -n 's/^Tests run: \([0-9]*\).*/\1/p' | awk '{s+=$1} END {print s+0}')
unit=$(node -e "console.log(require('$ROOT/frontend/node_modules/.vitest-results.json').numPassedTests)")
# Playwright's JSON report: stats.expected are the tests that passed (a failure has already stopped the script).
browser=$(node -e "console.log(require('$ROOT/frontend/node_modules/.e2e-results.json').stats.expected)")
echo "Backend $backend, frontend unit $unit, browser $browser:"
echo "$((backend + unit + browser)) passed, 0 failed"
