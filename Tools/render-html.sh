#!/usr/bin/env bash
# Renders the sample HTML report (chachong-pan-eval --html) and screenshots it with headless
# Chromium, to look at the HTML renderer in a real browser.
#   Tools/render-html.sh [OUT_DIR [HTML]]   (default: .build/html-sample; HTML: an existing report,
#   e.g. out/sample/report.html from Tools/run-sample.sh, instead of the renderer's sample)
# Needs Debian's chromium (and fonts-noto-cjk for Chinese glyphs).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/html-sample}"
mkdir -p "$out"
if [ -n "${2:-}" ]; then
  cp "$2" "$out/report.html"
else
  swift build --product chachong-pan-eval >&2
  "$(swift build --show-bin-path)/chachong-pan-eval" --html "$out/report.html"
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "render-html.sh: no chromium found (apt-get install -y chromium fonts-noto-cjk)" >&2
  exit 2
fi
for size in 1400,1800 1400,5000; do
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
    --screenshot="$out/report-${size/,/x}.png" "file://$PWD/$out/report.html" >/dev/null 2>&1
done
echo "$out/report.html"
ls "$out"/*.png
