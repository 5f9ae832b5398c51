#!/usr/bin/env bash
# Checks the running service against its committed OpenAPI document (docs/openapi.json) with
# schemathesis (PyPI): no 5xx, every status and content type documented, every response body
# valid against its schema. Installs schemathesis with pip when it is missing, builds chachong,
# starts `chachong serve` on a free loopback port with a fresh index and an all-scope key, runs a
# bounded number of examples per operation, stops the server (SIGTERM) and exits with
# schemathesis' status.
# Usage: Tools/schemathesis.sh [extra schemathesis arguments]   (EXAMPLES=20, CONFIGURATION=debug)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v schemathesis > /dev/null 2>&1; then
  echo "Installing schemathesis (pip)" >&2
  python3 -m pip install --quiet schemathesis >&2
fi
configuration="${CONFIGURATION:-debug}"
if [ -z "${CHACHONG_BINARY:-}" ]; then
  swift build -c "$configuration" --product chachong >&2
  CHACHONG_BINARY="$(swift build -c "$configuration" --show-bin-path)/chachong"
fi
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    kill -TERM "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
index="$work/index"
"$CHACHONG_BINARY" ingest --index "$index" Corpora/sample/archive/CG2019-001.docx > /dev/null
key="$("$CHACHONG_BINARY" keys create --index "$index" --name schemathesis --scope submit,review,audit,admin | tail -n 1)"
CHACHONG_SERVE_WEBHOOK_URL_PREFIXES="http://127.0.0.1:9/" \
  "$CHACHONG_BINARY" serve --index "$index" --port 0 2> "$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | head -n 1 | sed 's/.*://')" || true
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "the server did not start:" >&2
  cat "$work/serve.log" >&2
  exit 2
fi
echo "chachong serve on port $port; schemathesis with ${EXAMPLES:-20} examples per operation" >&2
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
status=0
# Key revocation last and alone: a stateful run lists the keys and would revoke its own.
schemathesis run docs/openapi.json --url "http://127.0.0.1:$port" -H "Authorization: Bearer $key" \
  --checks "$checks" --max-examples "${EXAMPLES:-20}" --seed "${SEED:-15}" --request-timeout 60 \
  --exclude-path '/v1/keys/{id}' "$@" || status=$?
schemathesis run docs/openapi.json --url "http://127.0.0.1:$port" -H "Authorization: Bearer $key" \
  --checks "$checks" --max-examples "${EXAMPLES:-20}" --seed "${SEED:-15}" --request-timeout 60 \
  --include-path '/v1/keys/{id}' "$@" || status=$?
if grep -q "panic\|Fatal error" "$work/serve.log"; then
  echo "the server log shows a crash:" >&2
  cat "$work/serve.log" >&2
  status=1
fi
exit "$status"
