#!/usr/bin/env bash
# Installs what the browser tests (Tests/WebTests, Tools/browser/e2e.py) need when it is missing:
# Debian's chromium and chromium-driver, and Selenium from PyPI. Safe to run again.
set -euo pipefail
needed=()
for package in chromium chromium-driver; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    needed+=("$package")
  fi
done
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing missing system packages: ${needed[*]}" >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${needed[@]}" >&2
fi
python="${PYTHON:-python3}"
if ! "$python" -c 'import selenium' 2>/dev/null; then
  echo "Installing selenium (PyPI)" >&2
  "$python" -m pip install --quiet 'selenium>=4.15' >&2
fi
