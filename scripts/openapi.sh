#!/usr/bin/env bash
# Rewrites the committed openapi.yaml from the document the backend generates at build time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT/backend"
mvn -B -q package -DskipTests -Dquarkus.quinoa=false
cp target/openapi/openapi.yaml "$ROOT/openapi.yaml"
echo "openapi.yaml updated"
