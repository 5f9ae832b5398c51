#!/usr/bin/env bash
# Makes the PDF fixtures in Corpora/fixtures/pdf (committed; tests never run this script).
#
# Needs LibreOffice Writer (Debian libreoffice-writer-nogui), a CJK font (fonts-noto-cjk) and
# poppler-utils, only here. Steps:
#   1. Tools/make-pdf-fixtures.py cuts the sample application QZ2023-045 down to three pages with a
#      running header and page numbers: application.docx, and application-changed.docx with two
#      planted changes (planted-changes.json).
#   2. LibreOffice renders both to PDF: application.pdf keeps its text layer.
#   3. pdftoppm rasterises them at 200 dpi (black and white, as document scanners write them) and the pages are wrapped as image-only PDFs,
#      as a scanner writes them: application-scan-200dpi.pdf (the same pages as application.pdf)
#      and application-paper-scan.pdf (the paper copy with the planted changes).
#   4. application-page1-200dpi.png: page 1 at 200 dpi as a black-and-white PNG (an image scan).
set -euo pipefail
cd "$(dirname "$0")/.."
out=Corpora/fixtures/pdf
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
python3 Tools/make-pdf-fixtures.py "$out"
for name in application application-changed; do
  soffice --headless --convert-to pdf --outdir "$work" "$out/$name.docx" > /dev/null
done
cp "$work/application.pdf" "$out/application.pdf"
scan() { # PDF → image-only PDF at 200 dpi
  local source="$1" target="$2" prefix="$work/$(basename "$2" .pdf)"
  pdftoppm -r 200 -mono "$source" "$prefix"
  python3 Tools/make-pdf-fixtures.py images-to-pdf "$target" 200 "$prefix"-*.pbm
}
scan "$work/application.pdf" "$out/application-scan-200dpi.pdf"
scan "$work/application-changed.pdf" "$out/application-paper-scan.pdf"
pdftoppm -r 200 -mono -png -f 1 -l 1 -singlefile "$work/application.pdf" "$out/application-page1-200dpi"
ls -l "$out"
