#!/usr/bin/env bash
# Installs the frontend packages and builds the backend jar with the SPA inside.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$ROOT/frontend/package-lock.json" ]; then
  (cd "$ROOT/frontend" && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; })
fi
cd "$ROOT/backend"
mvn -B -q package -DskipTests "$@"
