#!/usr/bin/env bash
# Benchmarks chachong's stages and the MinHash/LSH peers (datasketch, rensa, gaoya through
# ../shared/peerbench) on the same generated corpus, in one run. See docs/CORPUS.md.
#
#   Tools/bench-peers.sh                          # N=1000, 3 runs, all stages and peers
#   Tools/bench-peers.sh --sizes 1000,10000 --runs 3
#   Tools/bench-peers.sh --scaling 1000,10000,100000 --runs 1    # scaling table only
#   Tools/bench-peers.sh --debug --sizes 200 --runs 1            # quick smoke run on a debug build
#
# Environment: PEERBENCH (default ../shared/peerbench next to the repository), BENCH_DATA
# (default .build/bench-data: generated corpora, indexes and results; never committed).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
peerbench="${PEERBENCH:-$root/../shared/peerbench}"
[ -d "$peerbench" ] || peerbench=/work/shared/peerbench
if [ ! -f "$peerbench/bench_peers.py" ]; then
  echo "bench-peers: no peerbench at $peerbench (set PEERBENCH)" >&2
  exit 2
fi
mode=release
for argument in "$@"; do
  if [ "$argument" = "--debug" ]; then mode=debug; fi
done

venv="$root/Tools/.venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "bench-peers: creating $venv" >&2
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q -r "$peerbench/requirements.txt" >&2

echo "bench-peers: building chachong and chachong-corpus ($mode)" >&2
swift build -c "$mode" --product chachong >&2
swift build -c "$mode" --product chachong-corpus >&2
bin="$(swift build -c "$mode" --show-bin-path)"

exec "$venv/bin/python" "$root/Tools/bench-peers.py" \
  --chachong "$bin/chachong" --corpus-tool "$bin/chachong-corpus" --peerbench "$peerbench" \
  --build-mode "$mode" --data "${BENCH_DATA:-$root/.build/bench-data}" "$@"
