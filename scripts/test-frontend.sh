#!/usr/bin/env bash
# Frontend unit tests (Vitest), then the browser tests in headless Chromium against the real backend.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT/frontend"
npm ci --no-audit --no-fund
npm test
