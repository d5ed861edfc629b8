#!/usr/bin/env bash
# Benchmark of the daily change run on PostgreSQL (not part of ./mvnw verify).
#
#   ops/bench/daily-notification.sh [watches partners changes]     default: 2000000 200 20000
#
# Seeds a fresh schema (seed 42): <partners> insurers with active agreements, <watches> watches
# spread evenly over them, <changes> change-log entries since the last run (new facts of random
# watched persons); then runs daily-notification once with the JVM heap capped at 512 MB and prints
# a Markdown table row: run seconds, files, persons delivered, peak heap, peak RSS.
# Persons are Skatteverket's 7,324 published test personnummer only, so every person is watched by
# watches / 7,324 partners' watches: the change fan-out is far denser than with real stock.
# Needs: PostgreSQL (PGHOST/PGPORT/PGUSER/PGDATABASE, default 127.0.0.1:5432 postgres/test), psql,
# GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
WATCHES=${1:-2000000}
PARTNERS=${2:-200}
CHANGES=${3:-20000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
WORK=target/bench
mkdir -p "$WORK"

./mvnw -q -o test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"

schema="bench_notification_${WATCHES}"
psql -qAtc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
rm -rf "$WORK/notification_data_$WATCHES"
/usr/bin/time -v -o "$WORK/notification_time_$WATCHES.txt" java -Xmx512m -cp "$CP" se.leka.notification.bench.DailyNotificationBench \
    "$WATCHES" "$PARTNERS" "$CHANGES" 42 \
    --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema" \
    --spring.datasource.username="$PGUSER" --spring.flyway.schemas="$schema" --spring.flyway.default-schema="$schema" \
    --leka.data-dir="$WORK/notification_data_$WATCHES" \
    > "$WORK/notification_run_$WATCHES.log" 2>&1 || { tail -50 "$WORK/notification_run_$WATCHES.log"; exit 1; }
rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$WORK/notification_time_$WATCHES.txt")
line=$(grep "^BENCH " "$WORK/notification_run_$WATCHES.log")
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$line"; }
psql -qAtc "DROP SCHEMA $schema CASCADE"
echo "| watches | partners | changes | status | run s | files | persons delivered | peak heap MB | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$WATCHES" "$PARTNERS" "$CHANGES" "$(field status)" "$(field seconds)" \
    "$(field files)" "$(field persons)" "$(field peak_heap_mb)" "$rss"
