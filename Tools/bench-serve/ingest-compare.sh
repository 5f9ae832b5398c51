#!/usr/bin/env bash
# Issue 15's ingestion benchmark, like for like: the same files, the same build, each into a
# fresh empty archive, one run of each, one after the other:
#   1. `chachong ingest` of the folder (the CLI's ingestion)
#   2. through the API, one submission per file (create, upload, wait for COMPLETE, check with
#      addToArchive, wait for the report): Tools/bench-serve/submissions.py --clients 8
#   3. through the API, one batch with addToArchive holding every file (upload, run, wait)
#   4. `chachong check --add` of the folder (the CLI's counterpart of 3: a check, then archived)
# Prints files/s of each and the ratios 2/1, 3/1 and 3/4. Every path reads the same files of
# FOLDER (a .docx is extracted on every path, never a .jsonl on one and a .docx on another) and
# writes a fresh SQLite archive. Like for like is 3/4 (a check, then archived, on both sides);
# 2/1 is not: the API has no ingest-only path, and each submission is checked before it is added.
#
# usage: Tools/bench-serve/ingest-compare.sh FOLDER      (BIN=DIR: a chachong built there;
#   default: builds release)
set -euo pipefail
folder=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${BIN:-}" ]; then
  (cd "$root" && swift build -c release --product chachong >/dev/null)
  BIN=$root/.build/release
fi
work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT
mapfile -t files < <(find "$folder" -maxdepth 1 -type f | sort)
count=${#files[@]}
echo "$count files of $folder (load $(cut -d' ' -f1-3 /proc/loadavg)); every path reads these files and writes"
echo "a fresh SQLite archive; like for like: 3 against 4 (2 also checks each file before adding it)"
serve() {
  "$BIN/chachong" serve --index "$1" --port 0 2>"$1.log" &
  server_pid=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$1.log" | head -n 1 | sed 's/.*://') || true
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$1.log" >&2; exit 2; }
}
start=$(date +%s.%N)
"$BIN/chachong" ingest --index "$work/cli-ingest" "$folder" >/dev/null
ingest=$(echo "$(date +%s.%N) - $start" | bc)
echo "1. chachong ingest: $ingest s"

key=$("$BIN/chachong" keys create --index "$work/api-submissions" --name bench --scope submit | tail -n 1)
serve "$work/api-submissions"
submissions=$(python3 "$root/Tools/bench-serve/submissions.py" --port "$port" --key "$key" --clients 8 "${files[@]}")
stop_server
echo "2. API submissions: $submissions"

key=$("$BIN/chachong" keys create --index "$work/api-batch" --name bench --scope review | tail -n 1)
serve "$work/api-batch"
batch=$(python3 "$root/Tools/bench-serve/submissions.py" --port "$port" --key "$key" --clients 8 --batch "${files[@]}")
stop_server
echo "3. API batch with addToArchive: $batch"

start=$(date +%s.%N)
"$BIN/chachong" check --index "$work/cli-check" --add --fail-on never --format json --output "$work/check.json" \
  "$folder" >/dev/null
check=$(echo "$(date +%s.%N) - $start" | bc)
echo "4. chachong check --add: $check s"

for index in cli-ingest api-submissions api-batch cli-check; do
  echo "$index: $("$BIN/chachong" stats --index "$work/$index" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("documents", d))')"
done
python3 - "$count" "$ingest" "$check" "$submissions" "$batch" <<'PY'
import json, sys
count, ingest, check = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
submissions, batch = json.loads(sys.argv[4]), json.loads(sys.argv[5])
print(f"files/s: ingest {count / ingest:.2f}, check --add {count / check:.2f}, "
      f"API submissions archived {submissions['archivedPerSecond']} (text read {submissions['completePerSecond']}), "
      f"API batch {batch['archivedPerSecond']}")
print(f"API submissions / ingest = {submissions['archivedPerSecond'] / (count / ingest):.2f}; "
      f"API batch / ingest = {batch['archivedPerSecond'] / (count / ingest):.2f}; "
      f"API batch / check --add = {batch['archivedPerSecond'] / (count / check):.2f}")
PY
