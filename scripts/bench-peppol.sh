#!/usr/bin/env bash
# Peppol refresh benchmark: BENCH_REFRESH_CLIENTS clients (10,000) against a fake SMP answering each request after 20 ms.
# Runs the real backend (packaged jar) on its own database with PEPPOL_SMP_URL pointing at the fake SMP (no DNS),
# times a full refresh run at concurrency 32, then a sample of clients at concurrency 1 (extrapolated), each after an
# untimed warm-up run over BENCH_SAMPLE clients (JIT), and prints
# look-ups per second, the ideal figure, their ratio, the speed-up and the backend's CPU per look-up (the figure
# to compare between runs on a shared machine, where the ratio also measures the other processes' load).
# Every check of production is on: SMP signatures verified against the fake's SMP CA (its answers are signed per
# participant before the timed run), endpoint certificates validated against its AP CA.
# The fake SMP is harness, not product, and shares the two cores: it serves those pre-signed answers through a
# minimal keep-alive HTTP server (fake/BenchSmp) rather than the JDK HttpServer, to cost the machine little. The
# backend's, the fake SMP's, PostgreSQL's and the whole machine's CPU per look-up are printed: at ratio 0.8 the
# machine can spend at most cores / (0.8 x ideal) of CPU per look-up, all processes together.
# Standalone; scripts/bench.sh calls it when present. Env: BENCH_REFRESH_CLIENTS (10000; not BENCH_CLIENTS, the
# portfolio size of the list benchmark, so that a million-client run does not look up a million), BENCH_SAMPLE (300),
# BENCH_CONCURRENCY (32), BENCH_DELAY_MS (20), BENCH_DB (peppol_bench_lookup, dropped and created),
# BENCH_VERIFY_SIGNATURE (true; false: the fake swaps participant ids into one signed answer, as before),
# BENCH_SKIP_BUILD (1: reuse backend/target as built by an earlier run), BENCH_JFR (a file: a Java Flight Recording
# of the backend during the full run, e.g. `jfr print --events jdk.ExecutionSample FILE`), BENCH_SMP_JAVA_OPTS (JVM
# options of the fake SMP, e.g. -XX:StartFlightRecording=filename=/tmp/smp.jfr,settings=profile).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLIENTS="${BENCH_REFRESH_CLIENTS:-10000}"
SAMPLE="${BENCH_SAMPLE:-300}"
CONCURRENCY="${BENCH_CONCURRENCY:-32}"
DELAY_MS="${BENCH_DELAY_MS:-20}"
DB="${BENCH_DB:-peppol_bench_lookup}"
VERIFY="${BENCH_VERIFY_SIGNATURE:-true}"
JFR_FILE="${BENCH_JFR:-}"
source "$ROOT/scripts/postgres.sh"
pg_ensure
JDBC_URL="$(FRESH=1 pg_create_db "$DB")"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

CLASSPATH_FILE="$ROOT/backend/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" = "1" ] && [ -f "$ROOT/backend/target/quarkus-app/quarkus-run.jar" ] && [ -s "$CLASSPATH_FILE" ]; then
  echo "Reusing the backend and the fake SMP built in backend/target (BENCH_SKIP_BUILD=1)" >&2
else
  echo "Building the backend and the benchmark's fake SMP..." >&2
  (cd "$ROOT/backend" && mvn -B -q package -DskipTests -Dquarkus.quinoa=false >&2 \
    && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >&2)
fi

SIGNING=signed; [ "$VERIFY" = "true" ] || SIGNING=unsigned
java ${BENCH_SMP_JAVA_OPTS:-} -cp "$ROOT/backend/target/test-classes:$(cat "$CLASSPATH_FILE")" be.fiduciaire.tracker.peppol.fake.BenchSmp "$DELAY_MS" "$WORK/smp-url" "$SIGNING" >"$WORK/smp.log" 2>&1 &
PIDS+=($!)
# (a busy machine takes a while to start a JVM and make its RSA keys)
for _ in $(seq 1 600); do [ -s "$WORK/smp-url" ] && break; sleep 0.2; done
[ -s "$WORK/smp-url" ] || { echo "The fake SMP did not start:" >&2; cat "$WORK/smp.log" >&2; exit 1; }
SMP_URL="$(cat "$WORK/smp-url")"
smp_requests() { curl -sf "${SMP_URL}__stats"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
APP_PID=""
start_app() { # concurrency
  PORT="$(free_port)"
  QUARKUS_HTTP_PORT="$PORT" QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" APP_ADMIN_EMAIL=bench@example.com APP_ADMIN_PASSWORD=bench-password-1 \
  PEPPOL_SMP_URL="$SMP_URL" PEPPOL_SMP_VERIFY_SIGNATURE="$VERIFY" PEPPOL_SMP_TRUSTSTORE="$WORK/smp-url.smp-ca.pem" \
  PEPPOL_AP_TRUSTSTORE="$WORK/smp-url.ap-ca.pem" PEPPOL_REFRESH_CRON=off \
  PEPPOL_REFRESH_CONCURRENCY="$1" PEPPOL_REFRESH_PER_HOST="$1" \
    java -jar "$ROOT/backend/target/quarkus-app/quarkus-run.jar" >"$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  for _ in $(seq 1 750); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { tail -30 "$WORK/app-$1.log" >&2; exit 1; }
  BASE="http://127.0.0.1:$PORT"
  rm -f "$WORK/cookies"
  curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password-1"}' "$BASE/api/auth/login" >/dev/null
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }

# run_refresh BODY → prints "seconds lookups done" measured by the server (startedAt → finishedAt)
run_refresh() {
  local id
  # a change made with the session cookie names its origin, as the SPA's browser does (the CSRF check)
  id="$(curl -sf -b "$WORK/cookies" -H "Origin: $BASE" -H 'Content-Type: application/json' -d "$1" "$BASE/api/peppol/refresh-runs" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  while :; do
    local run; run="$(curl -sf -b "$WORK/cookies" "$BASE/api/peppol/refresh-runs/$id")"
    if python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["status"] in ("DONE","FAILED") else 1)' "$run"; then
      python3 - "$run" <<'PY'
import json, sys
from datetime import datetime
r = json.loads(sys.argv[1])
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
print("%.3f %d %d %d" % ((t(r["finishedAt"]) - t(r["startedAt"])).total_seconds(), r["done"], r["registered"], r["failed"]))
PY
      return
    fi
    sleep 0.5
  done
}

start_app "$CONCURRENCY"
echo "Seeding $CLIENTS clients..." >&2
# each client with its (empty) fields row in one statement: the client's foreign key to client_fields is checked at commit
pg_psql -d "$DB" -c "with c as (insert into client (reference, name, enterprise_number)
  select 'bench-' || g, 'Bench client ' || g, lpad(b::text, 8, '0') || lpad((97 - b % 97)::text, 2, '0')
  from (select g, 1000000 + g * 7 as b from generate_series(1, $CLIENTS) g) s returning id)
  insert into client_fields (client_id) select id from c" >/dev/null
if [ "$VERIFY" = "true" ]; then
  echo "The fake SMP signs every client's answers (not timed)..." >&2
  # both identifiers a look-up asks for (0208, then 9925 for the diagnosis), so no answer is signed while timed
  pg_psql -d "$DB" -tAc "select v from client, lateral (values ('0208:' || enterprise_number), ('9925:BE' || enterprise_number)) p(v)" >"$WORK/participants.txt"
  curl -sf --max-time 1800 --data-binary @"$WORK/participants.txt" "${SMP_URL}__presign" >/dev/null
fi

echo "Warm-up: $SAMPLE clients at concurrency $CONCURRENCY (not timed)..." >&2
WARM_IDS="$(pg_psql -d "$DB" -tAc "select string_agg('\"' || id || '\"', ',') from (select id from client order by random() limit $SAMPLE) s")"
run_refresh "{\"selection\":{\"ids\":[$WARM_IDS]}}" >/dev/null

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
# PostgreSQL's CPU in seconds: "<this database's connections> <the whole server>" (its processes alive now, plus
# what the server's exited processes used; other databases' work counts in the second figure), and the whole
# machine's busy CPU (every process, /proc/stat). Run-to-run deltas give each one's CPU per look-up.
pg_cpu() {
  local pids; pids="$(pg_psql -d "$DB" -tAc "select string_agg(pid::text, ' ') from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()")"
  python3 - $pids <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
def stat(pid):
    try:
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields  # fields[0] is the state (field 3)
    except OSError:
        return None
own = [stat(p) for p in sys.argv[1:]]
own = [f for f in own if f]
db = sum(int(f[11]) + int(f[12]) for f in own) / hz
server = 0.0
if own:
    postmaster = own[0][1]  # the parent of every backend
    pm = stat(postmaster)
    server += (int(pm[11]) + int(pm[12]) + int(pm[13]) + int(pm[14])) / hz
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            f = stat(pid)
            if f and f[1] == postmaster: server += (int(f[11]) + int(f[12])) / hz
print("%.3f %.3f" % (db, server))
PY
}
machine_cpu() { awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat; }
echo "Full refresh run at concurrency $CONCURRENCY..." >&2
before="$(smp_requests)"
[ -n "$JFR_FILE" ] && jcmd "$APP_PID" JFR.start name=bench settings=profile >/dev/null
APP_CPU0="$(cpu_seconds "$APP_PID")"; SMP_CPU0="$(cpu_seconds "${PIDS[0]}")"; read -r PG_DB0 PG_ALL0 <<<"$(pg_cpu)"; MACHINE0="$(machine_cpu)"
read -r FULL_SECONDS FULL_DONE FULL_REGISTERED FULL_FAILED <<<"$(run_refresh '{}')"
APP_CPU="$(awk -v a="$(cpu_seconds "$APP_PID")" -v b="$APP_CPU0" 'BEGIN{print a-b}')"
[ -n "$JFR_FILE" ] && jcmd "$APP_PID" JFR.stop name=bench filename="$JFR_FILE" >/dev/null && echo "Flight recording of the full run: $JFR_FILE" >&2
SMP_CPU="$(awk -v a="$(cpu_seconds "${PIDS[0]}")" -v b="$SMP_CPU0" 'BEGIN{print a-b}')"
read -r PG_DB1 PG_ALL1 <<<"$(pg_cpu)"; MACHINE1="$(machine_cpu)"
PG_DB_CPU="$(awk -v a="$PG_DB1" -v b="$PG_DB0" 'BEGIN{print a-b}')"; PG_ALL_CPU="$(awk -v a="$PG_ALL1" -v b="$PG_ALL0" 'BEGIN{print a-b}')"
MACHINE_CPU="$(awk -v a="$MACHINE1" -v b="$MACHINE0" 'BEGIN{print a-b}')"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
after="$(smp_requests)"
stop_app

echo "Sample of $SAMPLE clients at concurrency 1 (after a warm-up of $SAMPLE)..." >&2
start_app 1
run_refresh "{\"selection\":{\"ids\":[$WARM_IDS]}}" >/dev/null
ONE_CPU0="$(cpu_seconds "$APP_PID")"
IDS="$(pg_psql -d "$DB" -tAc "select string_agg('\"' || id || '\"', ',') from (select id from client order by random() limit $SAMPLE) s")"
read -r ONE_SECONDS ONE_DONE _ ONE_FAILED <<<"$(run_refresh "{\"selection\":{\"ids\":[$IDS]}}")"
ONE_CPU="$(awk -v a="$(cpu_seconds "$APP_PID")" -v b="$ONE_CPU0" 'BEGIN{print a-b}')"
stop_app

python3 - "$CLIENTS" "$CONCURRENCY" "$DELAY_MS" "$FULL_SECONDS" "$FULL_DONE" "$FULL_REGISTERED" "$FULL_FAILED" \
  "$before" "$after" "$ONE_SECONDS" "$ONE_DONE" "$ONE_FAILED" "$APP_CPU" "$SMP_CPU" "$LOAD" "$(nproc)" "$ONE_CPU" "$VERIFY" "$PG_DB_CPU" "$PG_ALL_CPU" "$MACHINE_CPU" <<'PY'
import sys
clients, conc, delay = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000
full_s, full_done, full_reg, full_failed = float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
requests = int(sys.argv[9]) - int(sys.argv[8])
one_s, one_done, one_failed = float(sys.argv[10]), int(sys.argv[11]), int(sys.argv[12])
rpl = requests / full_done
rate = full_done / full_s
ideal = conc / (rpl * delay)
one_rate = one_done / one_s
app_cpu, smp_cpu, load, cores = float(sys.argv[13]), float(sys.argv[14]), sys.argv[15], sys.argv[16]
one_cpu, verify = float(sys.argv[17]), sys.argv[18] == "true"
pg_db, pg_all, machine = float(sys.argv[19]), float(sys.argv[20]), float(sys.argv[21])
per = lambda seconds: seconds * 1000 / full_done
rows = [
    ("clients looked up (concurrency %d)" % conc, "%d (registered %d, failed %d)" % (full_done, full_reg, full_failed)),
    ("SMP requests per look-up", "%.2f (%d requests, %d ms each)" % (rpl, requests, delay * 1000)),
    ("full run duration", "%.1f s" % full_s),
    ("look-ups per second", "%.1f" % rate),
    ("ideal: concurrency / (requests per look-up x %d ms)" % (delay * 1000), "%.1f" % ideal),
    ("ratio to ideal (target >= 0.8)", "%.2f %s" % (rate / ideal, "OK" if rate / ideal >= 0.8 else "BELOW TARGET")),
    ("one at a time: sample of %d clients" % one_done, "%.1f s, %.1f look-ups/s (failed %d)" % (one_s, one_rate, one_failed)),
    ("one at a time: %d clients (extrapolated from the sample)" % clients, "%.0f s" % (clients / one_rate)),
    ("speed-up over one at a time (target >= 20x)", "%.1fx %s" % (rate / one_rate, "OK" if rate / one_rate >= 20 else "BELOW TARGET")),
    ("backend CPU per look-up (full run: look-up, checks, writes)", "%.2f ms (%.1f s CPU; fake SMP %.1f s)" % (app_cpu * 1000 / full_done, app_cpu, smp_cpu)),
    ("fake SMP CPU per look-up (harness)", "%.2f ms" % per(smp_cpu)),
    ("PostgreSQL CPU per look-up", "%.2f ms (this database's connections; whole server %.2f ms)" % (per(pg_db), per(pg_all))),
    ("machine CPU per look-up (every process; budget for 0.8: %.1f ms)" % (int(cores) / (0.8 * ideal) * 1000),
     "%.2f ms (%.1f s CPU of %s cores over %.1f s)" % (per(machine), machine, cores, full_s)),
    ("backend CPU per look-up (one at a time)", "%.2f ms" % (one_cpu * 1000 / one_done)),
    ("checks on", "SMP signatures %s, endpoint certificates (validity, AP CA)" % ("verified" if verify else "NOT verified")),
    ("machine during the full run", "%s cores, load average %s" % (cores, load)),
]
w = max(len(r[0]) for r in rows)
print("\nPeppol refresh benchmark (fake SMP, %d ms per request)" % (delay * 1000))
print("-" * (w + 40))
for k, v in rows:
    print(k.ljust(w), " ", v)
PY
