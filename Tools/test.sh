#!/usr/bin/env bash
# The test command (README and CI run exactly this): installs what a fresh Debian machine lacks
# (system libraries and tools: Tools/ensure-system-packages.sh; Chromium, its driver and
# Selenium for the browser tests: Tools/browser/ensure-browser.sh), starts a throwaway
# PostgreSQL cluster for the store tests (Tools/with-postgres.sh: initdb in a temporary folder,
# random loopback port, removed on exit), then builds and runs every test.
# Tests that need a tool which could not be installed say so and are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/ensure-system-packages.sh
if [ -x Tools/browser/ensure-browser.sh ]; then
  Tools/browser/ensure-browser.sh || echo "test.sh: browser tools could not be installed; browser tests will be skipped" >&2
fi
if [ -x Tools/fuzz/smoke.sh ] && [ "${CHACHONG_SKIP_FUZZ_SMOKE:-0}" != 1 ]; then
  Tools/fuzz/smoke.sh 20   # the readers' fuzz harnesses, 20 s each
fi
exec Tools/with-postgres.sh bash -c 'swift build && swift test'
