#!/usr/bin/env bash
# The peerbench "external" contract for chachong: ingest the JSONL corpus into a fresh index, query
# every document, write the pairs as TSV and the phase timings as JSON.
#   bench-peers-chachong.sh CHACHONG CORPUS PAIRS TIMINGS THRESHOLD
set -euo pipefail
chachong="$1" corpus="$2" pairs="$3" timings="$4" threshold="$5"
work="$(mktemp -d "${TMPDIR:-/tmp}/chachong-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
start=$(now)
"$chachong" ingest --index "$work/index" "$corpus" >/dev/null
ingested=$(now)
"$chachong" query --index "$work/index" --threshold "$threshold" --containment-threshold 1 --top 0 \
  "$corpus" >"$work/query.json"
queried=$(now)
python3 - "$work/query.json" "$pairs" "$timings" "$start" "$ingested" "$queried" <<'PY'
import json, sys
report, pairs, timings, start, ingested, queried = sys.argv[1:7]
with open(report, encoding="utf-8") as handle:
    data = json.load(handle)
with open(pairs, "w", encoding="utf-8") as out:
    for result in data.get("results", []):
        for match in result.get("matches", []):
            out.write(f"{result['id']}\t{match['id']}\n")
with open(timings, "w", encoding="utf-8") as out:
    json.dump({"phases": {"insert": float(ingested) - float(start), "query": float(queried) - float(ingested)}}, out)
PY
