#!/usr/bin/env bash
# Runs the backend tests against a fresh PostgreSQL database (dropped afterwards).
# Extra arguments go to Maven, e.g. scripts/test-backend.sh -Dtest=AuthTest
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/postgres.sh"
pg_ensure
DB="peppol_test_$(date +%s)_$$"
export QUARKUS_DATASOURCE_JDBC_URL="$(FRESH=1 pg_create_db "$DB")"
export QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
trap 'pg_drop_db "$DB"' EXIT
cd "$ROOT/backend"
# The SPA is built into the jar only when asked (make test does it once, for the browser tests).
SPA_FLAG="-Dquarkus.quinoa=false"
[ "${WITH_SPA:-false}" = "true" ] && SPA_FLAG=""
mvn -B --no-transfer-progress ${MVN_GOAL:-verify} $SPA_FLAG "$@"
