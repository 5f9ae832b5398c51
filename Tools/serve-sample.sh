#!/usr/bin/env bash
# Starts `chachong serve` on the bundled sample: builds chachong, ingests the sample archive
# (Corpora/sample/archive) into a fresh index in out/serve-sample/index, creates an API key with
# every scope and a web login `admin` (password: $CHACHONG_SAMPLE_PASSWORD or a new random one,
# printed), then serves the API and the web interface on 127.0.0.1:${PORT:-8080} until Ctrl-C (SIGINT drains).
# Usage: Tools/serve-sample.sh   (PORT=9000, CONFIGURATION=release to change)
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/ensure-system-packages.sh
configuration="${CONFIGURATION:-debug}"
swift build -c "$configuration" --product chachong >&2
chachong="$(swift build -c "$configuration" --show-bin-path)/chachong"
out=out/serve-sample
index="$out/index"
rm -rf "$index"
mkdir -p "$out"
"$chachong" ingest --index "$index" --manifest Corpora/sample/archive-manifest.csv Corpora/sample/archive >&2
key="$("$chachong" keys create --index "$index" --name sample --scope submit,review,audit,admin | tail -n 1)"
password="${CHACHONG_SAMPLE_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}"
printf '%s\n' "$password" | "$chachong" users create --index "$index" --name admin --role admin >&2
port="${PORT:-8080}"
cat >&2 <<TEXT

Web interface: http://127.0.0.1:$port/login  (user admin, password $password)
API key (all scopes; shown once): $key
Try:
  curl -s -H "Authorization: Bearer $key" http://127.0.0.1:$port/v1/batches
  # QZ2023-018 resubmits the funded project QZ2020-001: the query finds it with its passages
  curl -s -X POST -H "Authorization: Bearer $key" -H "Content-Disposition: attachment; filename=QZ2023-018.docx" \\
    --data-binary @Corpora/sample/applications/QZ2023-018.docx http://127.0.0.1:$port/v1/query
The API: docs/service.md and http://127.0.0.1:$port/v1/openapi.json

TEXT
echo "$key"
exec "$chachong" serve --index "$index" --host 127.0.0.1 --port "$port"
