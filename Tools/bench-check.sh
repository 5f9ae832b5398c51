#!/usr/bin/env bash
# Issue 10's check-vs-query benchmark: `check` of a batch against a large index costs at most 2x
# `query` of the same files, and grows linearly with the batch.
#
# usage: Tools/bench-check.sh [ARCHIVE_SIZE] [RUNS]      (defaults 20000, 3)
#   BIN=DIR uses a chachong and chachong-corpus already built there (default: builds release).
# Generates the archive (`chachong-corpus --size ARCHIVE_SIZE --seed 7`, ingested from its
# .jsonl) and 500 applications (`--size 500 --seed 8 --docx`), then times, RUNS times and
# interleaved so the shared machine's load hits each alike: query of 400, check of 100, check of
# 400 (default threads, JSON output). Prints every run, medians, the ratios and peak RSS.
set -euo pipefail
archive_size=${1:-20000}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${BIN:-}" ]; then
  swift build -c release --product chachong >/dev/null
  swift build -c release --product chachong-corpus >/dev/null
  BIN=.build/release
fi
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
if [ ! -f "$work/archive/documents.jsonl" ]; then
  "$BIN/chachong-corpus" --out "$work/archive" --seed 7 --size "$archive_size" >/dev/null 2>&1
fi
if [ ! -d "$work/batch/docx" ]; then
  "$BIN/chachong-corpus" --out "$work/batch" --seed 8 --size 500 --docx >/dev/null 2>&1
fi
if [ ! -f "$work/index/chachong-index.sqlite" ]; then
  /usr/bin/time -f "%e %M" -o "$work/ingest.time" \
    "$BIN/chachong" ingest --index "$work/index" "$work/archive/documents.jsonl" >/dev/null
  echo "ingest of $archive_size documents: wall, peak KB: $(cat "$work/ingest.time")"
fi
for size in 100 400; do
  rm -rf "$work/b$size" && mkdir -p "$work/b$size"
  find "$work/batch/docx" -name '*.docx' | sort | head -n "$size" | while read -r file; do
    ln -s "$file" "$work/b$size/"
  done
done
for run in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %U %S %M" -o "$work/query.$run" \
    "$BIN/chachong" query --index "$work/index" --format json "$work/b400" >/dev/null
  /usr/bin/time -f "%e %U %S %M" -o "$work/check100.$run" \
    "$BIN/chachong" check --index "$work/index" --fail-on never --format json --output "$work/c100.json" "$work/b100"
  /usr/bin/time -f "%e %U %S %M" -o "$work/check400.$run" \
    "$BIN/chachong" check --index "$work/index" --fail-on never --format json --output "$work/c400.json" "$work/b400"
  echo "run $run: query400 $(cat "$work/query.$run") | check100 $(cat "$work/check100.$run") | check400 $(cat "$work/check400.$run")   (wall user sys peakKB)"
done
python3 - "$work" "$runs" <<'PY'
import statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
def med(name, column):
    return statistics.median(float(open(f"{work}/{name}.{r}").read().split()[column]) for r in range(1, runs + 1))
q, c1, c4 = med("query", 0), med("check100", 0), med("check400", 0)
print(f"median wall: query 400 {q:.2f} s, check 100 {c1:.2f} s, check 400 {c4:.2f} s")
print(f"check400 / query400 = {c4 / q:.2f} (target <= 2); check400 / check100 = {c4 / c1:.2f} (target <= 4.4)")
print(f"peak RSS check 400: {med('check400', 3) / 1024:.0f} MiB")
PY
