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
WITH_SPA=true "$ROOT/scripts/test-backend.sh"

echo "== Frontend: type check and unit tests"
cd "$ROOT/frontend"
npx tsc -p tsconfig.json
npm test

echo "== Browser tests (headless Chromium against the packaged backend)"
"$ROOT/scripts/install-chromium.sh"
SKIP_BUILD=1 "$ROOT/scripts/test-e2e.sh"
echo "All tests passed."
