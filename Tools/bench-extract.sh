#!/usr/bin/env bash
# Extraction throughput of the DocumentText reader, release build (numbers go to docs/BENCHMARKS.md).
#   Tools/bench-extract.sh [RUNS]
# 1. a generated document.xml (~5 MB of Chinese paragraphs, headings and tables): bare and as .docx
# 2. docx files per second over the NSFC templates in ../shared/corpora (when present)
# 3. the robustness run over every Word-type file of ../shared/corpora/docx (when present)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
swift build -c release --product bench-extract >/dev/null
bin="$(swift build -c release --show-bin-path)/bench-extract"
"$bin" xml 5 "$runs"
corpora="${CHACHONG_CORPORA:-../shared/corpora/docx}"
if [ -d "$corpora/chineseresearchlatex-nsfc" ]; then
  "$bin" docx "$corpora/chineseresearchlatex-nsfc" "$runs"
fi
if [ -f "$corpora/_feature_matrix.tsv" ]; then
  "$bin" corpus "$corpora" "$corpora/_feature_matrix.tsv"
fi
