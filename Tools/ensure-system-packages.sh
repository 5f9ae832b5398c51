#!/usr/bin/env bash
# Installs the Debian packages chachong builds against when they are missing:
# libxml2-dev (XML), libsqlite3-dev (the index), libzstd-dev (stored texts), zlib1g-dev (docx
# containers, texts of schema-1 indexes), pkg-config; poppler-utils, tesseract-ocr and
# tesseract-ocr-chi-sim, which chachong runs (never links) to read PDFs and scans (docs/pdf-ocr.md).
set -euo pipefail
needed=()
for package in libxml2-dev libsqlite3-dev libzstd-dev zlib1g-dev pkg-config \
  poppler-utils tesseract-ocr tesseract-ocr-chi-sim; do
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
