#!/usr/bin/env bash
# Index benchmark: ingest speed from .jsonl, query latency, index size, peak memory.
#
# usage: Tools/bench-index.sh CORPUS_DIR [RUNS]
#   CORPUS_DIR holds a peerbench docs.jsonl (python3 ../shared/peerbench/gen_corpus.py --n 1000
#   --out-dir CORPUS_DIR). Builds release, ingests RUNS times into fresh indexes (median CPU and
#   wall seconds, peak RSS from /usr/bin/time), then times 50 queries x 3 in-process against the
#   last index (chachong-index-bench) and prints index size per document. One ingest thread
#   (the per-core figure) unless THREADS is set.
set -euo pipefail
corpus=${1:?usage: Tools/bench-index.sh CORPUS_DIR [RUNS]}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --product chachong >/dev/null
swift build -c release --product chachong-index-bench >/dev/null
bin=.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
docs=$(wc -l < "$corpus/docs.jsonl")
bytes=$(stat -c %s "$corpus/docs.jsonl")
echo "corpus: $docs documents, $bytes bytes of JSONL"
for run in $(seq 1 "$runs"); do
  rm -rf "$work/index"
  /usr/bin/time -f "%U %S %e %M" -o "$work/time.$run" \
    "$bin/chachong" ingest --threads "${THREADS:-1}" --index "$work/index" "$corpus/docs.jsonl" >/dev/null
  read -r user sys wall rss < "$work/time.$run"
  echo "ingest run $run: cpu $(echo "$user + $sys" | bc) s, wall $wall s, peak RSS $rss KB"
done
python3 - "$work" "$runs" "$docs" <<'PY'
import statistics, sys
work, runs, docs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [list(map(float, open(f"{work}/time.{r}").read().split())) for r in range(1, runs + 1)]
cpu = statistics.median(u + s for u, s, _, _ in rows)
wall = statistics.median(w for _, _, w, _ in rows)
rss = statistics.median(m for _, _, _, m in rows)
print(f"ingest median: cpu {cpu:.2f} s = {docs / cpu:.0f} docs per CPU-second; "
      f"wall {wall:.2f} s = {docs / wall:.0f} docs/s; peak RSS {rss / 1024:.0f} MiB")
PY
"$bin/chachong" stats --index "$work/index" --format text | grep -E "^documents|rows|bytes"
size=$(du -cb "$work/index"/* | tail -1 | cut -f1)
echo "index size: $size bytes = $((size / docs)) bytes per document"
head -50 "$corpus/docs.jsonl" > "$work/queries.jsonl"
/usr/bin/time -f "query bench peak RSS %M KB" "$bin/chachong-index-bench" "$work/index" "$work/queries.jsonl" 50 3
