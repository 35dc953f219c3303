#!/usr/bin/env bash
# Frontend checks: type check, lint and unit tests (Vitest), then the browser tests in headless Chromium
# against the real backend and database (scripts/test-e2e.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT/frontend"
# npm ci only when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -p tsconfig.json
npx eslint .
npm test
"$ROOT/scripts/install-chromium.sh"
"$ROOT/scripts/test-e2e.sh"
