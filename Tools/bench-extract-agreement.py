#!/usr/bin/env python3
"""Agreement of chachong's extracted text with other extractors' reference outputs.

Usage: Tools/bench-extract-agreement.py [CORPUS_DIR] [--chachong PATH] [--verbose]

CORPUS_DIR defaults to ../shared/corpora/docx. References used:
  pandoc .native (default / accept-changes reading; notes and image alt text removed),
  node-word-extractor expected bodies (testNN.doc snapshots against testNN.docx),
  textract .txt files, mammoth extractRawText expectations,
  Apache POI TestXWPFWordExtractor string literals (each must be contained).
Comparison ignores all whitespace. Not part of CI.
"""
import json
import os
import re
import subprocess
import sys


def squash(text, straight_quotes=False):
    text = "".join(ch for ch in text if not ch.isspace() and ch not in "\u200b\ufeff")
    if straight_quotes:  # the .doc snapshots were typed with straight quotes, the .docx with curly ones
        text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return text


def haskell_string(literal, start):
    """Parses a Haskell string literal starting at literal[start] == '"'; returns (text, end)."""
    out = []
    i = start + 1
    while i < len(literal):
        ch = literal[i]
        if ch == '"':
            return "".join(out), i + 1
        if ch == "\\":
            nxt = literal[i + 1]
            if nxt.isdigit():
                j = i + 1
                while j < len(literal) and literal[j].isdigit():
                    j += 1
                out.append(chr(int(literal[i + 1 : j])))
                i = j
                if literal.startswith("\\&", i):
                    i += 2
                continue
            simple = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "&": ""}
            out.append(simple.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out), i


def skip_balanced(text, i):
    """text[i] is '[' or '('; returns the index after the matching bracket (strings respected)."""
    opening = text[i]
    closing = "]" if opening == "[" else ")"
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            _, i = haskell_string(text, i)
            continue
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


TOKEN = re.compile(r"(Note|Image|Str|CodeBlock|Code)\b\s*")


def skip_space(text, i):
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def pandoc_text(native):
    out = []
    i = 0
    while i < len(native):
        match = TOKEN.match(native, i) if native[i].isupper() and (i == 0 or not native[i - 1].isalnum()) else None
        if match:
            word, i = match.group(1), match.end()
            if word == "Note" and i < len(native) and native[i] == "[":
                i = skip_balanced(native, i)
            elif word == "Image" and i < len(native) and native[i] == "(":
                i = skip_space(native, skip_balanced(native, i))  # attributes
                if i < len(native) and native[i] == "[":
                    i = skip_balanced(native, i)  # alt text
            elif word == "Str" and i < len(native) and native[i] == '"':
                text, i = haskell_string(native, i)
                out.append(text)
            elif word in ("Code", "CodeBlock") and i < len(native) and native[i] == "(":
                i = skip_space(native, skip_balanced(native, i))
                if i < len(native) and native[i] == '"':
                    text, i = haskell_string(native, i)
                    out.append(text)
            continue
        if native[i] == '"':
            _, i = haskell_string(native, i)
            continue
        i += 1
    return "".join(out)


def blocks_text(blocks):
    out = []
    for block in blocks:
        if block["type"] == "paragraph":
            out.append(block["text"])
        else:
            for row in block["rows"]:
                for cell in row:
                    out.append(blocks_text(cell["blocks"]))
    return "\n".join(out)


def document_text(document, kinds):
    return "\n".join(blocks_text(p["blocks"]) for p in document["parts"] if p["kind"] in kinds)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    corpus = os.path.abspath(args[0] if args else "../shared/corpora/docx")
    chachong = ".build/debug/chachong"
    if "--chachong" in sys.argv:
        chachong = sys.argv[sys.argv.index("--chachong") + 1]

    cases = []  # (source, file, kind, reference, part kinds)
    with open(os.path.join(corpus, "pandoc/_pandoc_reader_test_map.tsv"), encoding="utf-8") as table:
        for line in table.read().splitlines()[1:]:
            fields = line.split("\t")
            if len(fields) < 3 or not fields[0].endswith(".docx"):
                continue
            if fields[2] not in ("default", "def{readerTrackChanges=AcceptChanges}"):
                continue
            native = os.path.join(corpus, "pandoc", fields[1])
            if os.path.exists(native) and os.path.exists(os.path.join(corpus, "pandoc", fields[0])):
                with open(native, encoding="utf-8") as handle:
                    reference = pandoc_text(handle.read())
                cases.append(("pandoc", "pandoc/" + fields[0], "equal", reference, {"main"}))
    with open(os.path.join(corpus, "node-word-extractor/expected-snapshots/expected_text.json"), encoding="utf-8") as h:
        for name, expected in json.load(h).items():
            docx = "node-word-extractor/" + name.replace(".doc", ".docx")
            if os.path.exists(os.path.join(corpus, docx)):
                cases.append(("node-word-extractor", docx, "equal", expected["body"], {"main"}))
    for name in sorted(os.listdir(os.path.join(corpus, "textract"))):
        if name.endswith(".txt") and os.path.exists(os.path.join(corpus, "textract", name[:-4] + ".docx")):
            with open(os.path.join(corpus, "textract", name), encoding="utf-8") as handle:
                cases.append(("textract", "textract/" + name[:-4] + ".docx", "equal", handle.read(), {"main"}))
    with open(os.path.join(corpus, "mammoth-js/_expected_outputs.tsv"), encoding="utf-8") as table:
        for line in table.read().splitlines()[1:]:
            fields = line.split("\t")
            if len(fields) >= 3 and fields[1] == "extractRawText":
                reference = fields[2].replace("\\n", "\n")
                cases.append(("mammoth", "mammoth-js/" + fields[0], "equal", reference, {"main"}))
    with open(os.path.join(corpus, "apache-poi/_expected_assertions_TestXWPFWordExtractor.json"), encoding="utf-8") as h:
        for test in json.load(h):
            if not test["files"] or not os.path.exists(os.path.join(corpus, "apache-poi", test["files"][0])):
                continue
            pieces = [(kind, piece) for kind, values in test["asserts"] for piece in values]
            cases.append(("apache-poi", "apache-poi/" + test["files"][0], "contains", pieces, None))

    files = sorted({case[1] for case in cases})
    run = subprocess.run(
        [chachong, "extract", "--format", "json"] + [os.path.join(corpus, f) for f in files],
        capture_output=True, text=True)
    report = json.loads(run.stdout)
    documents = {os.path.relpath(d["path"], corpus): d for d in report["documents"]}
    errors = {os.path.relpath(e["path"], corpus): e["kind"] for e in report["errors"]}

    totals = {}
    for source, name, mode, reference, kinds in cases:
        agreed = False
        detail = errors.get(name, "")
        document = documents.get(name)
        if document is not None:
            if mode == "equal":
                straight = source == "node-word-extractor"
                ours = squash(document_text(document, kinds), straight)
                theirs = squash(reference, straight)
                agreed = ours == theirs
                if not agreed:
                    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
                    detail = f"differs at {at}: ours …{ours[max(0, at - 15):at + 25]}… ref …{theirs[max(0, at - 15):at + 25]}…"
            else:
                ours = squash(document_text(document, {"main", "header", "footer", "footnotes", "endnotes"}))
                missing = [p for kind, p in reference if kind != "assertNotContained" and squash(p) not in ours]
                unwanted = [p for kind, p in reference if kind == "assertNotContained" and squash(p) and squash(p) in ours]
                agreed = not missing and not unwanted
                detail = f"missing {missing[:2]} unwanted {unwanted[:2]}"
        total, good = totals.get(source, (0, 0))
        totals[source] = (total + 1, good + (1 if agreed else 0))
        if verbose and not agreed:
            print(f"DIFF {source} {name}: {detail}")
    all_total = sum(t for t, _ in totals.values())
    all_good = sum(g for _, g in totals.values())
    for source, (total, good) in sorted(totals.items()):
        print(f"{source}: {good}/{total} agree")
    print(f"overall: {all_good}/{all_total} = {100.0 * all_good / max(all_total, 1):.1f}%")


if __name__ == "__main__":
    main()
