#!/usr/bin/env bash
# The main job on the bundled sample (Corpora/sample/): build chachong, index the archive of past
# applications, then check this year's batch against itself, the archive and the registry.
# Writes out/sample/report.json, report.html and report.txt and prints the text report.
# Usage: Tools/run-sample.sh [--lang en]   (CONFIGURATION=release for a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/ensure-system-packages.sh
configuration="${CONFIGURATION:-debug}"
swift build -c "$configuration" --product chachong >&2
chachong="$(swift build -c "$configuration" --show-bin-path)/chachong"

sample=Corpora/sample
out=out/sample
index="$out/index"
mkdir -p "$out"
rm -rf "$index"

echo "== Indexing the archive ($sample/archive)" >&2
"$chachong" ingest --index "$index" --manifest "$sample/archive-manifest.csv" "$sample/archive" >&2

check=("$chachong" check --index "$index" --manifest "$sample/manifest.csv"
  --registry "$sample/registry.csv" --template "$sample/template.docx" "$@" "$sample/applications")
status=0
"${check[@]}" --format json --output "$out/report.json" || status=$?
if [ "$status" -ge 2 ]; then
  echo "chachong check failed (exit $status)" >&2
  exit "$status"
fi
"${check[@]}" --format html --output "$out/report.html" || true
"${check[@]}" --format text --output "$out/report.txt" || true
cat "$out/report.txt"
echo >&2
echo "Reports: $out/report.json, $out/report.html, $out/report.txt" >&2
echo "chachong check exit status: $status (1 = findings at or above --fail-on error, as planted)" >&2
