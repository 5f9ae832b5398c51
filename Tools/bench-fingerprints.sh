#!/usr/bin/env bash
# Fingerprinting benchmarks behind docs/BENCHMARKS.md ("MinHash scheme", "Fingerprinting").
#
#   Tools/bench-fingerprints.sh [WORKDIR]      (default WORKDIR: /tmp/chachong-fingerprint-bench)
#
# Generates the peerbench corpus (N=1000, seed 20260101) from ../shared/peerbench (or $PEERBENCH)
# into WORKDIR, builds the release bench tool and runs: throughput (median of 5), the MinHash scheme
# comparison, the quality check against truth.jsonl and the external pipeline. With
# PEERS=1 it also runs the Python peers through bench_peers.py (needs WORKDIR/.venv with
# peerbench's requirements.txt installed).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/chachong-fingerprint-bench}"
peerbench="${PEERBENCH:-$root/../shared/peerbench}"
[ -d "$peerbench" ] || peerbench=/work/shared/peerbench
mkdir -p "$work"
cp "$peerbench"/{gen_corpus.py,vocab.py,shingle.py,bench_peers.py,report.py} "$work"/
[ -f "$work/n1000/docs.jsonl" ] || python3 "$work/gen_corpus.py" --n 1000 --out-dir "$work/n1000"
(cd "$root" && swift build -c release --product chachong-fingerprint-bench)
bench="$root/.build/release/chachong-fingerprint-bench"
corpus="$work/n1000/docs.jsonl"
truth="$work/n1000/truth.jsonl"
echo "== machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== throughput"
"$bench" throughput --corpus "$corpus" --runs "${RUNS:-5}"
echo "== MinHash schemes"
"$bench" schemes --pairs "${PAIRS:-400}" --throughput-corpus "$corpus" --limit 100
echo "== quality"
"$bench" quality --corpus "$corpus" --truth "$truth"
echo "== pipeline (bench_peers.py external contract)"
"$bench" pipeline --input "$corpus" --pairs "$work/pairs.tsv" --timings "$work/timings.json" \
  --threshold 0.5 --bands 32 --rows 4
if [ "${PEERS:-0}" = 1 ]; then
  py="$work/.venv/bin/python"
  (cd "$work" && "$py" bench_peers.py external --corpus "$corpus" --truth "$truth" --name chachong \
    --runs 5 --out "$work/results/chachong" \
    --cmd "$bench pipeline --input {corpus} --pairs {pairs} --timings {timings} --threshold {threshold} --num-perm {num_perm} --bands {bands} --rows {rows}")
  (cd "$work" && "$py" bench_peers.py run --corpus "$corpus" --truth "$truth" --runs 3 \
    --peers datasketch,rensa_r,rensa_r_prehashed,gaoya --out "$work/results/peers" --label "N=1000")
fi
