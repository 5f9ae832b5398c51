#!/usr/bin/env python3
"""Measures the OCR tolerance of `chachong compare --versions` (docs/pdf-ocr.md): the online
version Corpora/fixtures/pdf/application.docx against scanned paper copies, each with one planted
change (or none), made the way Tools/make-pdf-fixtures.sh makes its scans (LibreOffice renders,
pdftoppm rasterises at 200 dpi black and white, an image-only PDF). Needs LibreOffice
(libreoffice-writer-nogui, fonts-noto-cjk), poppler-utils, tesseract-ocr-chi-sim and a built
chachong (default: the release build).

  python3 Tools/bench-ocr-versions.py [CHACHONG]

For each variant it prints the differences chachong reports: a planted change is detected when a
difference holds its new (or, deleted, its old) text; any other difference is a false one.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile

ONLINE = "Corpora/fixtures/pdf/application.docx"
SENTENCE = "县级以上地方人民政府发展社区服务事业，应当优先考虑残疾人就业。"
# (name, old, new, text that identifies the change among the differences, expected to be found)
VARIANTS = [
    ("identical", None, None, None, False),
    ("budget figure 810 → 860 (table)", ">810<", ">860<", "860", True),
    ("figure in the text 354 → 345", "354Gbps", "345Gbps", "345", True),
    ("self-funding 730 → 780", "自筹730万元", "自筹780万元", "780", True),
    ("inserted sentence", "服务智慧港口。", "服务智慧港口。项目组已于2023年3月完成中试线的安全评审并通过专家验收。", "安全评审", True),
    ("deleted sentence", SENTENCE, "", "优先考虑残疾人就业", True),
    ("changed phrase 主动防御 → 被动监测", "主动防御", "被动监测", "被动监测", True),
    ("changed clause", "服务智慧港口", "服务长三角区域的内河航运", "内河航运", True),
    ("one character 优先 → 首先", "优先考虑", "首先考虑", "首", False),
]


def variant_docx(source, target, old, new):
    with zipfile.ZipFile(source) as docx, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in docx.infolist():
            data = docx.read(info.filename)
            if info.filename == "word/document.xml" and old is not None:
                text = data.decode("utf-8")
                assert old in text, f"{old!r} must be inside one run"
                data = text.replace(old, new, 1).encode("utf-8")  # the first: the information table
            out.writestr(info, data)


def main():
    chachong = sys.argv[1] if len(sys.argv) > 1 else ".build/release/chachong"
    work = tempfile.mkdtemp()
    results = []
    for name, old, new, marker, expected in VARIANTS:
        docx = f"{work}/paper.docx"
        variant_docx(ONLINE, docx, old, new)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work, docx],
                       check=True, capture_output=True)
        for stale in [f for f in os.listdir(work) if f.startswith("page-")]:
            os.remove(f"{work}/{stale}")
        subprocess.run(["pdftoppm", "-r", "200", "-mono", f"{work}/paper.pdf", f"{work}/page"], check=True)
        pages = sorted(f"{work}/{f}" for f in os.listdir(work) if f.startswith("page-"))
        subprocess.run([sys.executable, "Tools/make-pdf-fixtures.py", "images-to-pdf", f"{work}/scan.pdf", "200",
                        *pages], check=True)
        started = time.monotonic()
        run = subprocess.run([chachong, "compare", "--versions", ONLINE, f"{work}/scan.pdf"],
                             capture_output=True, text=True)
        seconds = time.monotonic() - started
        report = json.loads(run.stdout)
        differences = report["differences"]
        texts = [(d.get("textA") or "") + "|" + (d.get("textB") or "") + "|" + (d.get("valueB") or "")
                 for d in differences]
        found = marker is not None and any(marker in t for t in texts)
        false = [t for t in texts if marker is None or marker not in t]
        results.append((name, expected, found, len(false), len(report.get("ocrNoise") or []), seconds))
        print(f"{name}: planted found={found} (expected {expected}), false differences={len(false)} {false}, "
              f"noise={len(report.get('ocrNoise') or [])}, {seconds:.1f} s", flush=True)
    planted = [r for r in results if VARIANTS[results.index(r)][1] is not None]
    print(f"\nplanted changes detected: {sum(r[2] for r in planted)}/{len(planted)} "
          f"(expected detectable: {sum(r[1] for r in planted)}); "
          f"false differences: {sum(r[3] for r in results)} over {len(results)} scans")


if __name__ == "__main__":
    main()
