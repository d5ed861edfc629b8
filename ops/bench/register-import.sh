#!/usr/bin/env bash
# Benchmark of the register import on PostgreSQL (not part of ./mvnw verify).
#
#   ops/bench/register-import.sh [snapshot sizes...]      default: 500000 5000000
#
# For each size: generates a seeded snapshot, imports it into an empty register in a fresh
# schema with the JVM heap capped at 512 MB (rows/s, peak heap, peak RSS), then — when the size is
# the largest given — a 50,000-row delta against it; and loads the same detail rows with plain
# `psql \copy` into an unindexed table (the physical reference). Prints a Markdown table row per run.
# Needs: PostgreSQL (PGHOST/PGPORT/PGUSER/PGDATABASE, default 127.0.0.1:5432 postgres/test), psql,
# GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("${@:-500000 5000000}")
read -r -a SIZES <<< "${SIZES[*]}"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
WORK=target/bench
mkdir -p "$WORK"

./mvnw -q -o test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"

largest=0
for n in "${SIZES[@]}"; do (( n > largest )) && largest=$n; done

echo "| snapshot rows | import s | rows/s | peak heap MB | peak RSS MB | psql \\copy s | import / \\copy | 50k delta s |"
echo "|---|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
  snap="$WORK/REG_BENCH_SNAPSHOT_$n.txt"
  [[ -f "$snap" ]] || java -cp "$CP" se.leka.register.bench.ExtractGenerator snapshot "$n" 42 "$snap"
  files=("$snap")
  if (( n == largest )); then
    delta="$WORK/REG_BENCH_DELTA_50000_$n.txt"
    [[ -f "$delta" ]] || java -cp "$CP" se.leka.register.bench.ExtractGenerator delta 50000 "$n" 7 "$delta"
    files+=("$delta")
  fi
  schema="bench_register_$n"
  psql -qAtc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
  # the import moves files to its archive: give it copies
  drop="$WORK/drop_$n"; rm -rf "$drop" "$WORK/archive_$n"; mkdir -p "$drop"
  copies=(); for f in "${files[@]}"; do cp "$f" "$drop/"; copies+=("$drop/$(basename "$f")"); done
  /usr/bin/time -v -o "$WORK/time_$n.txt" java -Xmx512m -cp "$CP" se.leka.register.bench.RegisterImportBench \
      --spring.profiles.active=postgres \
      --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema" \
      --spring.datasource.username="$PGUSER" --spring.flyway.schemas="$schema" --spring.flyway.default-schema="$schema" \
      --leka.data-dir="$WORK/data_$n" --leka.register.archive-dir="$WORK/archive_$n" \
      "${copies[@]}" > "$WORK/run_$n.log" 2>&1 || { tail -50 "$WORK/run_$n.log"; exit 1; }
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$WORK/time_$n.txt")
  snapline=$(grep "BENCH file=$(basename "$snap")" "$WORK/run_$n.log")
  secs=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<< "$snapline")
  rps=$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' <<< "$snapline")
  heap=$(sed -E 's/.*peak_heap_mb=([0-9]+).*/\1/' <<< "$snapline")
  deltasecs="-"
  if (( n == largest )); then
    deltasecs=$(grep "BENCH file=$(basename "$delta")" "$WORK/run_$n.log" | sed -E 's/.*seconds=([0-9.]+).*/\1/')
  fi
  # physical reference: the same detail rows, plain \copy into an unindexed (logged) table
  psql -qAtc "DROP TABLE IF EXISTS bench_copy_ref; CREATE TABLE bench_copy_ref (record_type text, personnummer text,
      protected_identity text, benefit_family text, benefit text, decision_id text, period_from date, period_to date,
      extent numeric, amount numeric, amount_type text, payment_date date, paid_amount numeric, status text,
      source_changed_at timestamp)"
  start=$(date +%s.%N)
  sed '1d;$d' "$snap" | psql -qc "\\copy bench_copy_ref FROM STDIN WITH (FORMAT csv, DELIMITER ';')"
  copysecs=$(echo "$(date +%s.%N) - $start" | bc)
  psql -qAtc "DROP TABLE bench_copy_ref; DROP SCHEMA $schema CASCADE"
  ratio=$(echo "scale=2; $secs / $copysecs" | bc)
  printf "| %d | %.1f | %d | %d | %d | %.1f | %s | %s |\n" "$n" "$secs" "$rps" "$heap" "$rss" "$copysecs" "$ratio" "$deltasecs"
done
