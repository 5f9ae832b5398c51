#!/usr/bin/env bash
# Issue 10's check-vs-query benchmark: `check` of a batch against a large index costs at most 2x
# `query` of the same files, and grows linearly with the batch.
#
# usage: Tools/bench-check.sh [ARCHIVE_SIZE] [RUNS]      (defaults 20000, 3)
#   BIN=DIR uses a chachong and chachong-corpus already built there (default: builds release).
#   WORK=DIR keeps the generated corpus and index there (reused when present).
#   BATCH=N applications generated (default 500); SIZES="100 400" the check sizes, the query is
#   of the largest (e.g. BATCH=1000 SIZES=1000 Tools/bench-check.sh 100000 1 for the large run).
#   WINNOW=N creates the index with `--winnow-window N` (default: a new index's, 64 since stop 25;
#   the measurements before stop 25 are of window 0).
# Generates the archive (`chachong-corpus --size ARCHIVE_SIZE --seed 7`, ingested from its
# .jsonl) and the applications (`--size BATCH --seed 8 --docx`), then times, RUNS times and
# interleaved so the shared machine's load hits each alike: query of the largest size, check of
# every size (default threads, JSON output). Prints every run, medians of wall and CPU (user +
# system) time, the ratios and peak RSS. The load average is printed with each run: the machine
# may be shared, so compare ratios of one run, not absolute times of different runs.
set -euo pipefail
archive_size=${1:-20000}
runs=${2:-3}
batch=${BATCH:-500}
sizes=${SIZES:-100 400}
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
  "$BIN/chachong-corpus" --out "$work/batch" --seed 8 --size "$batch" --docx >/dev/null 2>&1
fi
if [ ! -f "$work/index/chachong-index.sqlite" ]; then
  /usr/bin/time -f "%e %M" -o "$work/ingest.time" \
    "$BIN/chachong" ingest --index "$work/index" ${WINNOW:+--winnow-window "$WINNOW"} \
    "$work/archive/documents.jsonl" >/dev/null
  echo "ingest of $archive_size documents: wall, peak KB: $(cat "$work/ingest.time")"
fi
largest=0
for size in $sizes; do
  rm -rf "$work/b$size" && mkdir -p "$work/b$size"
  find "$work/batch/docx" -name '*.docx' | sort | head -n "$size" | while read -r file; do
    ln -s "$file" "$work/b$size/"
  done
  if [ "$size" -gt "$largest" ]; then largest=$size; fi
done
for run in $(seq 1 "$runs"); do
  line="run $run (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  /usr/bin/time -f "%e %U %S %M" -o "$work/query.$run" \
    "$BIN/chachong" query --index "$work/index" --format json "$work/b$largest" >/dev/null
  line="$line query$largest $(cat "$work/query.$run")"
  for size in $sizes; do
    /usr/bin/time -f "%e %U %S %M" -o "$work/check$size.$run" \
      "$BIN/chachong" check --index "$work/index" --fail-on never --format json \
      --output "$work/c$size.json" "$work/b$size"
    line="$line | check$size $(cat "$work/check$size.$run")"
  done
  echo "$line   (wall user sys peakKB)"
done
python3 - "$work" "$runs" "$largest" $sizes <<'PY'
import statistics, sys
work, runs, largest, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
def med(name, columns):
    return statistics.median(
        sum(float(open(f"{work}/{name}.{r}").read().split()[c]) for c in columns) for r in range(1, runs + 1))
q, qcpu = med("query", [0]), med("query", [1, 2])
print(f"median query {largest}: wall {q:.2f} s, cpu {qcpu:.2f} s")
checks = {}
for size in sizes:
    wall, cpu, peak = med(f"check{size}", [0]), med(f"check{size}", [1, 2]), med(f"check{size}", [3])
    checks[size] = (wall, cpu)
    print(f"median check {size}: wall {wall:.2f} s, cpu {cpu:.2f} s, peak RSS {peak / 1024:.0f} MiB")
wall, cpu = checks[largest]
print(f"check{largest} / query{largest} = {wall / q:.2f} wall, {cpu / qcpu:.2f} cpu (target <= 2)")
if len(sizes) > 1:
    small = sizes[0]
    print(f"check{largest} / check{small} = {wall / checks[small][0]:.2f} wall, {cpu / checks[small][1]:.2f} cpu"
          f" (target <= {4.4 * int(largest) / 400 * 100 / int(small):.1f} for {small} -> {largest})")
PY
