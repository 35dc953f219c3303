#!/usr/bin/env bash
# `make test`: builds backend and frontend and runs every test against real peers.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/test-backend.sh"
if [ -f "$ROOT/frontend/package-lock.json" ]; then
  "$ROOT/scripts/test-frontend.sh"
fi
echo "All tests passed."
