#!/usr/bin/env bash
# PDF and OCR reading speed and OCR character recall (docs/BENCHMARKS.md, "PDF and OCR").
#   Tools/bench-pdf.sh [RUNS]       (release build; needs poppler-utils and tesseract-ocr-chi-sim)
# 1. text layer: Corpora/fixtures/pdf/application.pdf joined 10 times (pdfunite, 30 pages), read with
#    `chachong extract --ocr never`: pages per second (wall, median of RUNS).
# 2. OCR: the 200 dpi scan application-scan-200dpi.pdf (3 pages), `chachong extract --ocr auto`:
#    seconds per page (wall, median of RUNS), and the character recall of its text against the
#    text of application.docx (longest common subsequence over characters without whitespace and
#    punctuation, NFKC), with the mean OCR confidence.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
swift build -c release --product chachong > /dev/null
bin="$(swift build -c release --show-bin-path)/chachong"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fixtures=Corpora/fixtures/pdf
pdfunite $(for _ in $(seq 10); do echo "$fixtures/application.pdf"; done) "$work/30-pages.pdf"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }
text_times=$(for _ in $(seq "$runs"); do timed "$bin" extract --ocr never "$work/30-pages.pdf"; done | median)
echo "text layer: 30 pages in $text_times s (median of $runs) = $(echo "scale=1; 30 / $text_times" | bc) pages/s"
ocr_times=$(for _ in $(seq "$runs"); do timed "$bin" extract "$fixtures/application-scan-200dpi.pdf"; done | median)
echo "OCR: 3 pages in $ocr_times s (median of $runs) = $(echo "scale=2; $ocr_times / 3" | bc) s/page"
"$bin" extract --format json "$fixtures/application.docx" > "$work/docx.json"
"$bin" extract --format json "$fixtures/application-scan-200dpi.pdf" > "$work/scan.json"
python3 - "$work/docx.json" "$work/scan.json" <<'PY'
import json, sys, unicodedata
def paragraphs(document, parts=("main",)):
    out = []
    def walk(blocks):
        for block in blocks:
            if block["type"] == "paragraph": out.append(block["text"])
            else:
                for row in block["rows"]:
                    for cell in row: walk(cell["blocks"])
    for part in document["parts"]:
        if part["kind"] in parts: walk(part["blocks"])
    return "\n".join(out)
def comparable(text):
    text = unicodedata.normalize("NFKC", text)
    return [c for c in text if not c.isspace() and not unicodedata.category(c)[0] in "PS"]
known_doc = json.load(open(sys.argv[1]))["documents"][0]
scan_doc = json.load(open(sys.argv[2]))["documents"][0]
a, b = comparable(paragraphs(known_doc)), comparable(paragraphs(scan_doc))
previous = [0] * (len(b) + 1)
for x in a:
    current = [0] * (len(b) + 1)
    for j, y in enumerate(b, 1):
        current[j] = previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1])
    previous = current
print(f"OCR character recall {previous[-1] / len(a):.4f} ({previous[-1]} of {len(a)} characters), "
      f"precision {previous[-1] / len(b):.4f}; mean confidence {scan_doc['ocr']['meanConfidence']:.3f}")
PY
