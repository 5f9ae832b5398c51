#!/usr/bin/env python3
"""Peak resident memory of `chachong extract` (and `ingest` for .jsonl) per input megabyte, for
docs/BENCHMARKS.md. Standard library only; each run's peak comes from wait4's rusage.

  measure-memory.py BINARY [RUNS]     prints a Markdown table (median of RUNS runs, default 3)
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PKG_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
SENTENCES = ["本项目面向南通市智能制造需求，研究柔性产线的调度方法与质量追溯系统。",
             "课题组在工业互联网平台、边缘计算与数字孪生方面已有三年积累。",
             "预期形成专利四项、软件著作权两项，并在三家企业开展示范应用。"]


def paragraphs(megabytes):
    """Distinct paragraphs of about 200 characters until `megabytes` of UTF-8 text."""
    out, size, index = [], 0, 0
    while size < megabytes * 2 ** 20:
        text = "%d、" % index + "".join(SENTENCES[(index + k) % 3] for k in range(6))
        out.append(text)
        size += len(text.encode())
        index += 1
    return out


def write_inputs(folder, megabytes):
    lines = paragraphs(megabytes)
    paths = {}
    paths["txt"] = os.path.join(folder, "app-%d.txt" % megabytes)
    with open(paths["txt"], "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    body = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % line for line in lines)
    xml = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, body)
    paths["docx"] = os.path.join(folder, "app-%d.docx" % megabytes)
    with zipfile.ZipFile(paths["docx"], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", PKG_RELS)
        archive.writestr("word/document.xml", xml)
    paths["document.xml"] = os.path.join(folder, "app-%d.xml" % megabytes)
    with open(paths["document.xml"], "w", encoding="utf-8") as handle:
        handle.write(xml)
    paths["jsonl"] = os.path.join(folder, "bulk-%d.jsonl" % megabytes)
    with open(paths["jsonl"], "w", encoding="utf-8") as handle:
        for start in range(0, len(lines), 50):
            text = "\\n".join(lines[start:start + 50])
            handle.write('{"id": "r%d", "text": "%s"}\n' % (start, text))
    return paths


def peak(arguments):
    """(peak RSS in MiB, seconds) of one run."""
    start = time.monotonic()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("failed: %s" % " ".join(arguments))
    return usage.ru_maxrss / 1024, elapsed


def main():
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    folder = tempfile.mkdtemp(prefix="chachong-memory-")
    try:
        rows = []
        for megabytes in (5, 20):
            for kind, path in write_inputs(folder, megabytes).items():
                size = os.path.getsize(path) / 2 ** 20
                results = []
                for _ in range(runs):
                    if kind == "jsonl":
                        index = os.path.join(folder, "index")
                        shutil.rmtree(index, ignore_errors=True)
                        results.append(peak([binary, "ingest", "--threads", "1", "--index", index, path]))
                    else:
                        results.append(peak([binary, "extract", path]))
                rss = statistics.median(r[0] for r in results)
                seconds = statistics.median(r[1] for r in results)
                rows.append((kind, megabytes, size, rss, seconds))
        print("| input | text MB | file MB | peak RSS MiB | s |")
        print("|---|---|---|---|---|")
        for kind, megabytes, size, rss, seconds in rows:
            print("| %s | %d | %.1f | %.0f | %.2f |" % (kind, megabytes, size, rss, seconds))
        print()
        print("| input | peak RSS per extra text MB (5 → 20 MB) |")
        print("|---|---|")
        for kind in ("txt", "docx", "document.xml", "jsonl"):
            small = next(r for r in rows if r[0] == kind and r[1] == 5)
            large = next(r for r in rows if r[0] == kind and r[1] == 20)
            print("| %s | %.1f MiB |" % (kind, (large[3] - small[3]) / 15))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
