# Shared functions of the benchmark (ops/bench/run) and fault-injection (ops/faults/run) harness.
# Sourced, not run. Everything it starts it stops again; it touches only its own database
# ($BENCH_DB, dropped and re-created), its own temp dir ($WORK) and loopback ports it picked free.
#
# The application runs as a real process: the jar of `./mvnw -q -o -DskipTests package`, the
# `postgres` profile, heap capped at 512 MB, demo partners seeded (their SFTP keys log in).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
GEN="python3 $REPO/ops/bench/lib/generate.py"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BENCH_DB=${LEKA_BENCH_DB:-leka_bench}
WORK=${LEKA_BENCH_WORK:-$REPO/target/bench}
HEAP=${LEKA_BENCH_HEAP:-512m}
# The harness's own admin user (ADMIN role: restart / recover and the disclosure-chain check).
# Password "admin"; the hash is the demo admin's of application.yml.
API_USER=bench
API_PASSWORD=admin
API_HASH='{bcrypt}$2a$10$t1ZQIVBW/l9k.KFVuJZxMuCJ69W1tk5bxavyz1t9N9J4uXAw8nMle'
DEMO_INSURER=5566778899
mkdir -p "$WORK"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The columns of the register's store that the generated fact rows fill (generate.py register-facts,
# watches), in their order; version_id (the change-log sequence) comes from its identity.
REGISTER_VERSION_COLUMNS="personnummer, protected_identity, source_system, benefit_family, benefit,
    decision_id, period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status,
    source_changed_at, extract_id, recorded_at, change_kind, changed_fields"
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }
sql() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "$1"; }

db_recreate() {
  psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
  psql -X -qAt -d postgres -c "CREATE DATABASE $BENCH_DB" >/dev/null
}

db_drop() { psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The application jar, copied into the work directory so that a build running meanwhile (./mvnw
# verify rewrites target/*.jar) cannot change it under a running JVM.
jar() { echo "$WORK/leka-exchange.jar"; }

build_jar() {
  if [[ -f "$(jar)" && -z "$(find "$REPO/src/main" "$REPO/jobs" "$REPO/pom.xml" -newer "$(jar)" -type f -print -quit)" ]]; then
    log "jar is up to date: $(jar)"
    return
  fi
  # compgen, not ls: with pipefail a failing ls (no jar yet) would end the script without a word
  local built; built=$(compgen -G "$REPO/target/leka-exchange-*.jar" | head -1 || true)
  if [[ -z "$built" || -n "$(find "$REPO/src/main" "$REPO/jobs" "$REPO/pom.xml" -newer "$built" -type f -print -quit)" ]]; then
    log "building the jar (./mvnw -q -o -DskipTests package)"
    (cd "$REPO" && ./mvnw -q -o -DskipTests package) || die "build failed"
    built=$(compgen -G "$REPO/target/leka-exchange-*.jar" | head -1 || true)
    [[ -n "$built" ]] || die "build produced no target/leka-exchange-*.jar"
  fi
  unzip -tq "$built" >/dev/null || die "$built is not a complete jar (a build running?)"
  cp "$built" "$(jar)"
  log "jar: $(jar) (from $built)"
}

# app_start NAME [extra --args…]: starts the application in $WORK/NAME (data dir, log, GC log);
# the nightly scheduler off (its start-up catch-up would run the past week's nightly jobs, the daily
# change run among them, on the data a scenario or trial is about to measure);
# sets APP_PID, APP_HTTP, APP_SFTP, APP_DIR. Re-uses the data dir and ports of an earlier start of
# the same NAME (a restart after a kill must find its files again).
app_start() {
  local name=$1; shift
  APP_DIR=$WORK/$name
  mkdir -p "$APP_DIR/data"
  if [[ -f "$APP_DIR/ports" ]]; then read -r APP_HTTP APP_SFTP < "$APP_DIR/ports"
  else APP_HTTP=$(free_port); APP_SFTP=$(free_port); echo "$APP_HTTP $APP_SFTP" > "$APP_DIR/ports"; fi
  local n; n=$(find "$APP_DIR" -maxdepth 1 -name 'app-*.log' | wc -l)
  APP_LOG=$APP_DIR/app-$n.log
  (cd "$REPO" && SERVER_PORT=$APP_HTTP LEKA_ADMIN_ADDRESS=127.0.0.1 LEKA_SFTP_PORT=$APP_SFTP LEKA_SFTP_BIND_ADDRESS=127.0.0.1 \
     LEKA_DATA_DIR=$APP_DIR/data LEKA_DEMO_ENABLED=true LEKA_REGISTER_POLL_INTERVAL=${LEKA_REGISTER_POLL_INTERVAL:-PT2S} \
     LEKA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" LEKA_DB_USER=$PGUSER \
     LEKA_ADMIN_HEARTBEAT_INTERVAL=${LEKA_ADMIN_HEARTBEAT_INTERVAL:-2s} LEKA_ADMIN_OWNER_DEAD_AFTER=${LEKA_ADMIN_OWNER_DEAD_AFTER:-60s} \
     LEKA_SCHEDULER_ENABLED=${LEKA_SCHEDULER_ENABLED:-false} \
     exec java -Xmx$HEAP -Xlog:gc:file="$APP_DIR/gc-$n.log" ${LEKA_BENCH_JAVA_OPTS:-} -jar "$(jar)" --spring.profiles.active=postgres \
       "--leka.admin.users[0].username=$API_USER" "--leka.admin.users[0].password=$API_HASH" \
       "--leka.admin.users[0].roles=ADMIN" "$@" > "$APP_LOG" 2>&1) &
  APP_PID=$!
  echo "$APP_PID" > "$APP_DIR/pid"
  APP_GC=$APP_DIR/gc-$n.log
  GC_MARK=0
  local deadline=$((SECONDS + 180))
  until curl -fsS "http://127.0.0.1:$APP_HTTP/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$APP_LOG" >&2; die "the application ended during start-up ($APP_LOG)"; }
    (( SECONDS < deadline )) || { tail -40 "$APP_LOG" >&2; die "the application did not start in 180 s"; }
    sleep 1
  done
  log "$name: application up (pid $APP_PID, http $APP_HTTP, sftp $APP_SFTP)"
}

# Peak RSS of the application so far, MB (VmHWM).
app_rss_mb() { awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$APP_PID/status" 2>/dev/null || echo "?"; }

# Peak heap after GC, MB, from the GC log (the largest "after" of "before->after(total)").
# The heap after each collection of the application's GC log, from the line gc_mark noted (the
# measured work's start; 0 = the whole log, start-up included). Start-up alone (Spring, Flyway, the
# demo data) leaves up to ~95 MB after a collection, more than some imports ever hold: counted, it
# made "peak heap after GC" a start-up figure.
# Before measured work: the database's dirty pages written out (CHECKPOINT) and the machine's page
# cache flushed (sync), so that the writes of the data just loaded, or of the previous scenario,
# are not paid for inside the measured time (runs otherwise varied by a third: the same \copy took
# 8.6 s in one run and 14.2 s in another).
settle() { psql_bench -c "CHECKPOINT" >/dev/null; sync; }

gc_mark() { GC_MARK=$(wc -l < "$APP_GC" 2>/dev/null || echo 0); }
# Only collections that evacuate (G1's young, mixed and full pauses) say what a collection left:
# Remark and Cleanup, the pauses of a concurrent cycle, report the heap's occupancy with eden
# uncollected — a Cleanup "143M->143M" in a run whose collections all left under 60 MB.
gc_after_values() {
  tail -n +"$(( ${GC_MARK:-0} + 1 ))" "${1:-$APP_GC}" 2>/dev/null | grep -E 'Pause (Young|Full)' \
    | grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' | sed -E 's/.*->([0-9]+)M.*/\1/'
}
# Peak heap after GC during the measured work; when it needed no collection at all, the last one
# before it (the heap it started with: it never grew enough to need one).
gc_peak_after_mb() {
  local peak; peak=$(gc_after_values "$@" | sort -n | tail -1)
  if [[ -z "$peak" ]]; then
    peak=$(head -n "${GC_MARK:-0}" "${1:-$APP_GC}" 2>/dev/null | grep -E 'Pause (Young|Full)' \
      | grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' | sed -E 's/.*->([0-9]+)M.*/\1/' | tail -1)
  fi
  echo "${peak:-0}"
}
gc_count_since_mark() { gc_after_values "$@" | wc -l; }

app_stop() {
  [[ -n "${APP_PID:-}" ]] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while kill -0 "$APP_PID" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

app_kill9() {
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

api() { # api METHOD PATH → sets API_STATUS (HTTP status) and API_BODY
  API_STATUS=$(curl -sS -u "$API_USER:$API_PASSWORD" -X "$1" -o "$WORK/api.body" -w '%{http_code}' "http://127.0.0.1:$APP_HTTP$2" || true)
  API_BODY=$(cat "$WORK/api.body" 2>/dev/null || true)
}

# The demo private key of a login, copied with mode 0600 (OpenSSH insists).
demo_key() {
  mkdir -p "$WORK/keys"
  cp "$REPO/sample-files/demo/keys/$1" "$WORK/keys/$1"; chmod 600 "$WORK/keys/$1"
  echo "$WORK/keys/$1"
}

# sftp_batch LOGIN PORT BATCHFILE: OpenSSH sftp in batch mode against a loopback server. The host key
# is not checked (loopback only, a server started by this harness).
SFTP_OPTS=(-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o IdentitiesOnly=yes)
sftp_batch() { sftp -b "$3" "${SFTP_OPTS[@]}" -i "$(demo_key "$1")" -P "$2" "$1@127.0.0.1"; }

# Uploads a file as the partner would: under .part, then renamed into the inbox.
sftp_upload_order() { # LOGIN FILE
  local name; name=$(basename "$2")
  printf 'put %s inbox/%s.part\nrename inbox/%s.part inbox/%s\n' "$2" "$name" "$name" "$name" > "$WORK/upload.batch"
  sftp_batch "$1" "$APP_SFTP" "$WORK/upload.batch" >/dev/null
}

# job_wait JOB_NAME [TIMEOUT_S] [AFTER_ID]: waits until the newest execution of the job (with an id
# above AFTER_ID, default 0) has ended; prints its id.
job_wait() {
  local job=$1 timeout=${2:-3600} after=${3:-0} deadline status id
  deadline=$((SECONDS + timeout))
  while :; do
    read -r id status < <(sql "SELECT e.job_execution_id, e.status FROM batch_job_execution e JOIN batch_job_instance i
        ON i.job_instance_id = e.job_instance_id WHERE i.job_name = '$job' AND e.job_execution_id > $after
        ORDER BY e.job_execution_id DESC LIMIT 1" | tr '|' ' ')
    case "$status" in COMPLETED|FAILED|STOPPED|ABANDONED) echo "$id"; return 0 ;; esac
    (( SECONDS < deadline )) || { log "timeout waiting for $job"; echo "${id:-}"; return 1; }
    sleep 1
  done
}

# Seconds between the first start and the last end of all executions of a job instance (the sum
# of the executions' own durations when it was restarted).
job_seconds() { # JOB_EXECUTION_ID
  sql "SELECT ROUND(SUM(EXTRACT(EPOCH FROM (e.end_time - e.start_time)))::numeric, 2) FROM batch_job_execution e
       WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = $1)"
}

job_status() { sql "SELECT status FROM batch_job_execution WHERE job_execution_id = $1"; }

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# A fresh bench database and the application on it (name = work sub-directory).
fresh_app() { # NAME [extra args]
  local name=$1; shift
  app_stop; db_recreate; rm -rf "${WORK:?}/$name"
  app_start "$name" "$@"
}

# \copy reference: loads a TSV into a new unindexed table; prints seconds.
copy_reference() { # TABLE COLUMNS_DDL FILE
  sql "DROP TABLE IF EXISTS $1; CREATE TABLE $1 ($2)" >/dev/null
  settle
  local t0 t1; t0=$(date +%s.%N)
  psql_bench -c "\\copy $1 FROM '$3'" >/dev/null
  t1=$(date +%s.%N)
  sql "DROP TABLE $1" >/dev/null
  echo "$t1 - $t0" | bc
}

ratio() { [[ -n "$1" && -n "$2" && "$2" != 0 ]] && echo "scale=2; $1 / $2" | bc | sed 's/^\./0./' || echo "–"; }

to_n() { local s=${1,,}; case $s in *k) echo $(( ${s%k} * 1000 ));; *m) echo $(( ${s%m} * 1000000 ));; *) echo "$s";; esac; }

# One result row: scenario | size | rate | peak RSS | peak heap after GC | reference | ratio | target | verdict | notes
ROWS=()
row() { local IFS='|'; ROWS+=("| $(sed 's/|/ | /g' <<< "$*") |"); log "result: ${ROWS[-1]}"; }

# "step 12.3 s, step 4.0 s, …" for all executions of the execution's job instance (where the time goes).
step_breakdown() { # JOB_EXECUTION_ID
  sql "SELECT string_agg(regexp_replace(step_name, '^[^.]*\.', '') || ' ' || secs || ' s', ', ' ORDER BY first) FROM (
         SELECT s.step_name, MIN(s.step_execution_id) AS first,
                ROUND(SUM(EXTRACT(EPOCH FROM (s.end_time - s.start_time)))::numeric, 1) AS secs
         FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
         WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = $1)
         GROUP BY s.step_name) t"
}
