#!/usr/bin/env bash
# Runs CMD... with a throwaway PostgreSQL cluster: installs `postgresql` and `openssl` when missing (apt),
# runs initdb in a temporary directory as a non-root user, starts the server on a random free
# port on 127.0.0.1 (and a unix socket in the same directory), creates the database `chachong`,
# exports CHACHONG_TEST_POSTGRES_URL, runs CMD, and stops and deletes the cluster on exit.
# TLS: when openssl is there, makes a throwaway CA and a server certificate for 127.0.0.1 and
# localhost, starts the server with ssl=on and exports CHACHONG_TEST_POSTGRES_CA (the CA's PEM)
# and CHACHONG_TEST_POSTGRES_TLS=1; clients may still connect without TLS.
# CHACHONG_PG_DURABLE=1 keeps fsync on (benchmarks; the tests run with fsync=off).
# Exit status: CMD's. If no server can be started, says so on standard error and runs CMD
# without CHACHONG_TEST_POSTGRES_URL (the PostgreSQL tests then report themselves skipped).
# Usage: Tools/with-postgres.sh swift test
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 CMD [ARGS...]" >&2; exit 2; fi

find_bin() {
  local name="$1" candidate
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

# postgresql for the server, openssl for its throwaway TLS certificate.
missing=()
if ! find_bin initdb >/dev/null; then missing+=(postgresql); fi
if ! command -v openssl >/dev/null 2>&1; then missing+=(openssl); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing system packages: ${missing[*]}" >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2 || true
fi

initdb_bin=$(find_bin initdb) || { echo "with-postgres: initdb not found" >&2; exec "$@"; }
pg_ctl_bin=$(find_bin pg_ctl) || { echo "with-postgres: pg_ctl not found" >&2; exec "$@"; }

dir=$(mktemp -d /tmp/chachong-pg.XXXXXX)
chmod 0755 "$dir"
# The server refuses to run as root: as root, run it as `nobody`.
as_user=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=nobody
  as_user=(runuser -u nobody --)
  chown nobody "$dir"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

cleanup() {
  "${as_user[@]}" "$pg_ctl_bin" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

if ! "${as_user[@]}" "$initdb_bin" -D "$dir/data" -U "$owner" -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "with-postgres: initdb failed; running without PostgreSQL (its tests will be skipped)" >&2
  "$@"
  exit $?
fi
options="-h 127.0.0.1 -p $port -k $dir -c max_connections=100"
if [ "${CHACHONG_PG_DURABLE:-0}" != 1 ]; then options="$options -c fsync=off"; fi
# A throwaway CA and a server certificate signed by it (names 127.0.0.1 and localhost).
tls=0
if command -v openssl >/dev/null 2>&1 && (
  set -e
  cd "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=chachong test CA" \
    -keyout ca.key -out ca.crt >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile server.ext -out server.crt >/dev/null 2>&1
  chmod 0600 server.key
  chmod 0644 ca.crt server.crt
  if [ "$owner" != "$(id -un)" ]; then chown "$owner" server.key server.crt; fi
); then
  tls=1
  options="$options -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
fi
if ! "${as_user[@]}" "$pg_ctl_bin" -D "$dir/data" -l "$dir/server.log" -w -o "$options" start >/dev/null; then
  cat "$dir/server.log" >&2
  echo "with-postgres: the server did not start; running without PostgreSQL (its tests will be skipped)" >&2
  "$@"
  exit $?
fi
createdb_bin=$(find_bin createdb)
"${as_user[@]}" "$createdb_bin" -h 127.0.0.1 -p "$port" -U "$owner" chachong
export CHACHONG_TEST_POSTGRES_URL="postgresql://$owner@127.0.0.1:$port/chachong"
if [ "$tls" = 1 ]; then
  export CHACHONG_TEST_POSTGRES_TLS=1 CHACHONG_TEST_POSTGRES_CA="$dir/ca.crt"
else
  echo "with-postgres: openssl missing or failed: the server runs without TLS (the TLS tests will be skipped)" >&2
fi
echo "with-postgres: $CHACHONG_TEST_POSTGRES_URL" >&2
set +e
"$@"
status=$?
set -e
exit $status
