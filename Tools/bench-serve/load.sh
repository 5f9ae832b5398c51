#!/usr/bin/env bash
# Issue 15's load benchmark: `POST /v1/query` with one file against an archive at 1, 8 and 32
# concurrent loopback clients (Tools/bench-serve/load.py: requests/s, p50, p99), beside the CLI's
# in-process query rate on the same file and index, RUNS times, interleaved so the shared
# machine's load hits both alike; prints every run and the medians, and the service/CLI ratio of
# each run at 8 clients (target: >= 0.80, p99 < 200 ms).
#
# usage: Tools/bench-serve/load.sh INDEX QUERY_FILE [RUNS]     (default RUNS 3)
#   BIN=DIR      a chachong already built there (default: builds release)
#   CLIENTS=1,8,32  SECONDS_PER_LEVEL=15  COPIES=40 (files of the CLI's run; its rate is
#   (COPIES - 1) / (time of COPIES - time of 1), so start-up and index opening cancel out)
set -euo pipefail
index=$1
query=$2
runs=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${BIN:-}" ]; then
  (cd "$root" && swift build -c release --product chachong >/dev/null)
  BIN=$root/.build/release
fi
clients=${CLIENTS:-1,8,32}
seconds=${SECONDS_PER_LEVEL:-15}
copies=${COPIES:-40}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/one" "$work/many"
extension=${query##*.}
cp "$query" "$work/one/q.$extension"
for n in $(seq 1 "$copies"); do cp "$query" "$work/many/q$n.$extension"; done
key=$("$BIN/chachong" keys create --index "$index" --name load --scope audit | tail -n 1)
"$BIN/chachong" serve --index "$index" --port 0 2>"$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | head -n 1 | sed 's/.*://') || true
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 2; }
threads=$(nproc)
for run in $(seq 1 "$runs"); do
  echo "run $run (load $(cut -d' ' -f1-3 /proc/loadavg))"
  one=$( { /usr/bin/time -f "%e" "$BIN/chachong" query --index "$index" --threads "$threads" --format json \
    "$work/one" >/dev/null; } 2>&1 | tail -n 1)
  many=$( { /usr/bin/time -f "%e" "$BIN/chachong" query --index "$index" --threads "$threads" --format json \
    "$work/many" >/dev/null; } 2>&1 | tail -n 1)
  python3 -c "import sys; one, many, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]);
print('{\"cli\": true, \"oneSeconds\": %s, \"manySeconds\": %s, \"perSecond\": %.2f}' % (one, many, (n - 1) / max(0.001, many - one)))" \
    "$one" "$many" "$copies" | tee "$work/cli.$run"
  python3 "$root/Tools/bench-serve/load.py" --port "$port" --key "$key" --file "$query" --clients "$clients" \
    --seconds "$seconds" | tee "$work/serve.$run"
done
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
cli = [json.loads(open(f"{work}/cli.{r}").read()) for r in range(1, runs + 1)]
serve = [[json.loads(line) for line in open(f"{work}/serve.{r}")] for r in range(1, runs + 1)]
print(f"median CLI rate: {statistics.median(c['perSecond'] for c in cli):.2f} documents/s "
      f"(one query {statistics.median(c['oneSeconds'] for c in cli):.2f} s wall with start-up)")
for level, row in enumerate(serve[0]):
    rows = [s[level] for s in serve]
    print(f"clients {row['clients']}: median {statistics.median(r['perSecond'] for r in rows):.2f} requests/s, "
          f"p50 {statistics.median(r['p50ms'] for r in rows)} ms, p99 {statistics.median(r['p99ms'] for r in rows)} ms, "
          f"errors {sum(r['errors'] for r in rows)}")
    if row["clients"] == 8:
        ratios = [s[level]["perSecond"] / c["perSecond"] for s, c in zip(serve, cli)]
        print(f"  service/CLI at 8 clients per run: {', '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f}")
PY
