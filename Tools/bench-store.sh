#!/usr/bin/env bash
# Issue 14's store benchmark: PostgreSQL beside the embedded SQLite index, in the same run.
# Ingest (documents per second, wall and CPU), query latency (median, p99), disk bytes per
# document, and where the PostgreSQL ingest's time goes (client CPU, server CPU).
#
# usage: Tools/bench-store.sh [SIZES] [RUNS] [QUERY_COUNT] [QUERY_REPEATS]
#        (defaults "10000", 3, 50, 3; e.g. Tools/bench-store.sh "10000 100000" 3)
#   BIN=DIR uses chachong, chachong-corpus and chachong-index-bench already built there
#     (default: builds them in release).
#   WORK=DIR keeps the generated corpora there (reused when present).
# Without CHACHONG_TEST_POSTGRES_URL it runs itself under Tools/with-postgres.sh with
# CHACHONG_PG_DURABLE=1 (fsync on, as a real server; the database on this machine, loopback TCP).
# For each size: `chachong-corpus --seed 7 --size N` (its documents.jsonl, ≈ 52 KB of text each);
# then RUNS times, SQLite and PostgreSQL one after the other (alternating which goes first), each
# into a fresh store: `chachong ingest` of the .jsonl (default threads), the store's size, and
# `chachong-index-bench STORE queries.jsonl COUNT REPEATS` (the first COUNT documents queried
# under new ids: each finds its stored copy; candidates, loading, verification = `chachong
# query`, in-process). PostgreSQL server CPU is the postmaster's reaped children (backends)
# before and after. Prints every run and the medians. The machine may be shared: compare ratios
# of one run, and the CPU times.
set -euo pipefail
sizes=${1:-10000}
runs=${2:-3}
query_count=${3:-50}
query_repeats=${4:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${CHACHONG_TEST_POSTGRES_URL:-}" ]; then
  export CHACHONG_PG_DURABLE=1
  exec Tools/with-postgres.sh "$0" "$@"
fi
if [ -z "${BIN:-}" ]; then
  for product in chachong chachong-corpus chachong-index-bench; do
    swift build -c release --product "$product" >/dev/null
  done
  BIN=.build/release
fi
BIN=$(cd "$BIN" && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
results="$work/results.$$"
: > "$results"
base=$CHACHONG_TEST_POSTGRES_URL
hostport=${base#postgresql://*@}
hostport=${hostport%%/*}
pg_host=${hostport%:*}
pg_port=${hostport##*:}
pg_user=${base#postgresql://}
pg_user=${pg_user%%@*}
psql_bin=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -n 1)
# (client_min_messages: no NOTICE lines from DROP SCHEMA … CASCADE in the output)
psql_run() { PGOPTIONS='-c client_min_messages=warning' "$psql_bin" -X -q -t -A -h "$pg_host" -p "$pg_port" -U "$pg_user" -d chachong -c "$1"; }
postmaster=$(psql_run "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'" | head -n 1)
postmaster=$(ps -o ppid= -p "$postmaster" | tr -d ' ')
# CPU seconds of the whole server: the postmaster's own and its reaped children's (backends that
# ended: cutime + cstime) plus its live children's (checkpointer, WAL writer, …).
server_cpu() {
  python3 - "$postmaster" <<'PY'
import os, sys
def stat(pid):
    return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
tick = os.sysconf("SC_CLK_TCK")
postmaster = sys.argv[1]
total = sum(int(stat(postmaster)[i]) for i in (11, 12, 13, 14))
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        fields = stat(pid)
    except OSError:
        continue
    if fields[1] == postmaster:
        total += int(fields[11]) + int(fields[12])
print(total / tick)
PY
}
# The PostgreSQL store's ID-hash key (created with the first store; the SQLite index keeps its own).
key_file="$work/lead-id.key"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(psql_run 'SHOW server_version') (fsync $(psql_run 'SHOW fsync'))"

ingest_sqlite() {
  local size=$1 run=$2
  rm -rf "$work/idx$size"
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$BIN/chachong" ingest --index "$work/idx$size" \
    "$work/corpus$size/documents.jsonl" >/dev/null
  read -r wall user sys rss < "$work/t"
  local bytes
  bytes=$(du -sb "$work/idx$size" | cut -f1)
  echo "sqlite $size $run ingest $wall $user $sys $rss 0 $bytes" >> "$results"
  echo "  sqlite: ingest wall $wall s, client cpu $(echo "$user + $sys" | bc) s, peak $((rss / 1024)) MiB, $bytes bytes on disk"
}

ingest_postgres() {
  local size=$1 run=$2 schema="bench_${size}_$2"
  psql_run "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
  local url="$base?schema=$schema"
  local before after
  before=$(server_cpu)
  CHACHONG_ID_KEY_FILE="$key_file" /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$BIN/chachong" ingest --store "$url" \
    "$work/corpus$size/documents.jsonl" >/dev/null
  psql_run "CHECKPOINT" >/dev/null
  after=$(server_cpu)
  read -r wall user sys rss < "$work/t"
  local bytes server
  bytes=$(psql_run "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind = 'r'")
  server=$(echo "$after - $before" | bc)
  echo "postgres $size $run ingest $wall $user $sys $rss $server $bytes" >> "$results"
  echo "  postgres: ingest wall $wall s, client cpu $(echo "$user + $sys" | bc) s, server cpu $server s, peak $((rss / 1024)) MiB, $bytes bytes in its tables"
}

query_store() {
  local kind=$1 size=$2 run=$3 store=$4
  local line
  local key=()
  if [ "$kind" = postgres ]; then key=(env CHACHONG_ID_KEY_FILE="$key_file"); fi
  line=$("${key[@]}" "$BIN/chachong-index-bench" "$store" "$work/corpus$size/queries.jsonl" "$query_count" "$query_repeats" | head -n 1)
  echo "  $kind query: $line"
  # documents N queries C x R  wall median M ms  p90 … p99 P ms  mean … cpu median …
  echo "$line" | awk -v k="$kind" -v s="$size" -v r="$run" \
    '{print k, s, r, "query", $9, $15, $22, $28}' >> "$results"
}

for size in $sizes; do
  if [ ! -f "$work/corpus$size/documents.jsonl" ]; then
    echo "generating $size documents (chachong-corpus --seed 7)…"
    "$BIN/chachong-corpus" --out "$work/corpus$size" --seed 7 --size "$size" >/dev/null 2>&1
  fi
  head -n "$query_count" "$work/corpus$size/documents.jsonl" > "$work/corpus$size/queries.jsonl"
  echo "== $size documents ($(du -sh "$work/corpus$size/documents.jsonl" | cut -f1) of .jsonl)"
  for run in $(seq 1 "$runs"); do
    echo "run $run (load $(cut -d' ' -f1-3 /proc/loadavg))"
    if [ $((run % 2)) -eq 1 ]; then
      ingest_sqlite "$size" "$run"
      ingest_postgres "$size" "$run"
    else
      ingest_postgres "$size" "$run"
      ingest_sqlite "$size" "$run"
    fi
    query_store sqlite "$size" "$run" "$work/idx$size"
    query_store postgres "$size" "$run" "$base?schema=bench_${size}_$run"
    # Keep the disk free: only the last run's PostgreSQL schema stays (for a profile by hand).
    if [ "$run" -gt 1 ]; then psql_run "DROP SCHEMA IF EXISTS bench_${size}_$((run - 1)) CASCADE" >/dev/null; fi
  done
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
med = statistics.median
for size in sorted({int(r[1]) for r in rows}):
    def pick(kind, what):
        return [r for r in rows if r[0] == kind and int(r[1]) == size and r[3] == what]
    print(f"\n== medians at {size} documents ({len(pick('sqlite', 'ingest'))} runs)")
    ingest = {}
    for kind in ("sqlite", "postgres"):
        runs = pick(kind, "ingest")
        if not runs:
            continue
        wall = med(float(r[4]) for r in runs)
        client = med(float(r[5]) + float(r[6]) for r in runs)
        server = med(float(r[8]) for r in runs)
        disk = med(float(r[9]) for r in runs)
        ingest[kind] = [float(r[4]) for r in runs]
        print(f"{kind:9} ingest wall {wall:8.1f} s = {size / wall:6.0f} documents/s; client cpu {client:7.1f} s; "
              f"server cpu {server:6.1f} s; {disk / size:8.0f} bytes/document on disk")
    if len(ingest) == 2:
        ratios = [p / s for s, p in zip(ingest["sqlite"], ingest["postgres"])]
        print(f"postgres/sqlite ingest wall per run: {', '.join(f'{x:.2f}' for x in ratios)}; median {med(ratios):.2f} (target <= 2)")
    for kind in ("sqlite", "postgres"):
        runs = pick(kind, "query")
        if runs:
            print(f"{kind:9} query wall median {med(float(r[4]) for r in runs):6.2f} ms, p99 {med(float(r[5]) for r in runs):6.2f} ms; "
                  f"client cpu median {med(float(r[6]) for r in runs):6.2f} ms, p99 {med(float(r[7]) for r in runs):6.2f} ms  (medians over runs)")
PY
