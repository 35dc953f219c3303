#!/usr/bin/env bash
# Finds or starts a PostgreSQL for `make run`, `make test` and `make bench`.
# Source it, then call `pg_ensure` (sets PGHOST/PGPORT/PGUSER) and `pg_create_db NAME`.
# Order: the server named by QUARKUS_DATASOURCE_JDBC_URL; else one listening on 127.0.0.1:5432;
# else our own cluster under .data/pg (port 5433), installing Debian's PostgreSQL when missing.
# PG_FORCE_LOCAL=1 skips the one on 5432; PG_DATA_DIR, PG_LOCAL_PORT and PG_SERVER_OPTS (the own cluster's settings,
# "-c fsync=off" for tests and `make run`, whose data is disposable) choose the own cluster.
set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_DATA_DIR="${PG_DATA_DIR:-$PROJECT_ROOT/.data/pg}"
PG_LOCAL_PORT="${PG_LOCAL_PORT:-5433}"
PG_SERVER_OPTS="${PG_SERVER_OPTS:--c fsync=off}"

pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$dir" ]; then
    echo "PostgreSQL binaries missing: installing Debian's postgresql package" >&2
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  echo "$dir"
}

# Runs a command as the unprivileged postgres user when we are root (PostgreSQL refuses root).
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

pg_ready() { # host port
  local bindir; bindir="$(pg_bindir)"
  "$bindir/pg_isready" -q -h "$1" -p "$2" >/dev/null 2>&1
}

pg_start_local() {
  local bindir; bindir="$(pg_bindir)"
  # The postgres user must reach the data folder; when the checkout lives where it cannot (e.g. /root), use /var/tmp.
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 && ! su postgres -s /bin/sh -c "test -x '$PROJECT_ROOT'" 2>/dev/null; then
    PG_DATA_DIR="/var/tmp/peppol-tracker-$(basename "$PG_DATA_DIR")"
  fi
  mkdir -p "$PG_DATA_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
    chown -R postgres "$PG_DATA_DIR"
  fi
  if [ ! -f "$PG_DATA_DIR/PG_VERSION" ]; then
    echo "Initialising a local PostgreSQL cluster in $PG_DATA_DIR" >&2
    pg_as_owner "$bindir/initdb" -N -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D "$PG_DATA_DIR" >/dev/null
  fi
  if ! pg_ready 127.0.0.1 "$PG_LOCAL_PORT"; then
    echo "Starting the local PostgreSQL on 127.0.0.1:$PG_LOCAL_PORT" >&2
    pg_as_owner "$bindir/pg_ctl" -D "$PG_DATA_DIR" -l "$PG_DATA_DIR/server.log" -w \
      -o "-p $PG_LOCAL_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp -c max_connections=200 $PG_SERVER_OPTS" start >/dev/null
  fi
}

# Settings of a production server sized for this machine (durable: fsync on): a quarter of the memory for shared
# buffers, as PostgreSQL's documentation suggests for a dedicated server, three quarters as the planner's cache estimate,
# and WAL room for a bulk edit of a whole portfolio without a checkpoint in its middle (a checkpoint makes the next
# change of every page write the whole page to the WAL again).
pg_sized_opts() {
  local mem_mb; mem_mb=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
  echo "-c shared_buffers=$(( mem_mb / 4 ))MB -c effective_cache_size=$(( mem_mb * 3 / 4 ))MB -c maintenance_work_mem=1GB \
-c max_wal_size=16GB -c checkpoint_timeout=30min"
}

pg_ensure() {
  if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    # jdbc:postgresql://host:port/db
    local rest="${QUARKUS_DATASOURCE_JDBC_URL#jdbc:postgresql://}"
    local hostport="${rest%%/*}"
    export PGHOST="${hostport%%:*}"
    export PGPORT="${hostport##*:}"; [ "$PGPORT" = "$hostport" ] && PGPORT=5432
    export PGUSER="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
    export PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}"
    return 0
  fi
  export PGUSER="${PGUSER:-postgres}"
  if [ -z "${PG_FORCE_LOCAL:-}" ] && pg_ready 127.0.0.1 5432; then
    export PGHOST=127.0.0.1 PGPORT=5432
  else
    pg_start_local
    export PGHOST=127.0.0.1 PGPORT="$PG_LOCAL_PORT"
  fi
}

pg_psql() {
  local bindir; bindir="$(pg_bindir)"
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

pg_db_exists() { [ "$(pg_psql -d postgres -tAc "select 1 from pg_database where datname = '$1'")" = "1" ]; }

# Creates database NAME (dropping it first when FRESH=1) and prints its JDBC URL.
pg_create_db() {
  local name="$1"
  if [ "${FRESH:-0}" = "1" ] && pg_db_exists "$name"; then
    pg_psql -d postgres -c "drop database \"$name\" with (force)" >/dev/null
  fi
  pg_db_exists "$name" || pg_psql -d postgres -c "create database \"$name\"" >/dev/null
  echo "jdbc:postgresql://$PGHOST:$PGPORT/$name"
}

pg_drop_db() { pg_psql -d postgres -c "drop database if exists \"$1\" with (force)" >/dev/null || true; }
