#!/usr/bin/env bash
# Validates docker-compose.yml (and that the Dockerfile it builds exists) with `docker-compose config`, the way a
# Docker host would read it. No Docker engine is needed: Debian's docker-compose package only parses and resolves
# the file; it is installed when missing (as root, or with sudo), like scripts/postgres.sh does for PostgreSQL.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "docker-compose missing: installing Debian's docker-compose package" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends docker-compose >&2
fi

fail() { echo "compose: $*" >&2; exit 1; }
[ -f Dockerfile ] || fail "the Dockerfile that docker-compose.yml builds is missing"

# The first admin's password is required (the file refuses to start without it): give one for the check.
resolved="$(APP_ADMIN_PASSWORD=compose-check docker-compose -f docker-compose.yml config)" || fail "docker-compose config refused docker-compose.yml"
# Without it, the file must refuse to resolve (no default admin password).
if env -u APP_ADMIN_PASSWORD docker-compose -f docker-compose.yml config >/dev/null 2>&1; then
  fail "docker-compose.yml resolves without APP_ADMIN_PASSWORD"
fi

checks=0
expect() { # description, fixed string that the resolved file must contain
  grep -qF -- "$2" <<<"$resolved" || fail "$1: '$2' not found in the resolved file"
  checks=$((checks + 1))
}
services="$(APP_ADMIN_PASSWORD=compose-check docker-compose -f docker-compose.yml config --services)"
for s in app db mail; do grep -qx "$s" <<<"$services" || fail "service $s missing"; checks=$((checks + 1)); done
expect "the app is built from this repository" "dockerfile: Dockerfile"
expect "PostgreSQL keeps its data in a volume" "db-data:/var/lib/postgresql/data"
expect "PostgreSQL has a health check" "pg_isready"
expect "the app waits for a healthy database" "condition: service_healthy"
expect "the app has a health check on readiness" "/q/health/ready"
for var in QUARKUS_HTTP_PORT QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD \
           QUARKUS_MAILER_HOST QUARKUS_MAILER_PORT APP_ADMIN_EMAIL APP_ADMIN_PASSWORD APP_DEMO_SEED PEPPOL_SML PEPPOL_REFRESH_CRON; do
  expect "environment (api.md)" "$var:"
done
expect "Mailpit receives the mail" "axllent/mailpit"

# The Dockerfile: multi-stage (Node, Maven, JRE) and a non-root runtime user
grep -q '^FROM node:20' Dockerfile || fail "Dockerfile: no Node 20 stage"
grep -q '^FROM maven:.*temurin-17' Dockerfile || fail "Dockerfile: no Maven + Java 17 stage"
grep -q '^FROM eclipse-temurin:17-jre' Dockerfile || fail "Dockerfile: no JRE runtime stage"
grep -Eq '^USER [1-9][0-9]*' Dockerfile || fail "Dockerfile: the runtime does not switch to a non-root user"
checks=$((checks + 4))

# scripts/test.sh adds this count to its closing line
echo "compose checks passed: $checks"
