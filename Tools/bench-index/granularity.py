#!/usr/bin/env python3
"""Choose the index's finer granularity by measurement on a peerbench corpus.

For the `partial_section` pairs (one section of a copied into an otherwise unrelated b) it
measures, per scheme, the candidate recall and the index rows each document costs:

  sections  one MinHash/LSH entry set per heading-delimited section (headings like "一、");
            candidate probability 1-(1-J^r)^b from the best section-pair Jaccard J
  windows   fixed windows of W normalised characters, stride W/2, one LSH entry set per window;
            same probability from the best window-pair Jaccard
  winnow    winnowed 5-gram fingerprints (window w), candidate when >= 3 fingerprints held by at
            most 64 documents are shared (exactly what IndexStore does)

LSH: 25 bands x 5 rows (datasketch's choice for 128 values at 0.5). Exact set arithmetic, no
sampling; run: python3 granularity.py CORPUS_DIR (with docs.jsonl and truth.jsonl), needs
../shared/peerbench/shingle.py on sys.path (pass --peerbench DIR).
"""
import argparse
import hashlib
import json
import re
import statistics
import sys
from collections import defaultdict

BANDS, ROWS = 25, 5
HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def lsh_probability(j):
    return 1 - (1 - j**ROWS) ** BANDS


def shingles(norm, k=5):
    return {norm[i:i + k] for i in range(max(0, len(norm) - k + 1))} or ({norm} if norm else set())


def h64(s):
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")


def winnow(norm, w, k=5):
    hashes = [h64(norm[i:i + k]) for i in range(max(0, len(norm) - k + 1))]
    if len(hashes) <= w:
        return {min(hashes)} if hashes else set()
    out = set()
    for i in range(len(hashes) - w + 1):
        out.add(min(hashes[i:i + w]))
    return out


def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--peerbench", default="/work/shared/peerbench")
    ap.add_argument("--windows", default="500,1000,2000")
    ap.add_argument("--winnow", default="32,48,64,100")
    args = ap.parse_args()
    sys.path.insert(0, args.peerbench)
    from shingle import normalize

    docs = {}
    for line in open(f"{args.corpus}/docs.jsonl", encoding="utf-8"):
        d = json.loads(line)
        docs[d["id"]] = d["text"]
    truth = [json.loads(l) for l in open(f"{args.corpus}/truth.jsonl")]
    partial = [t for t in truth if t["kind"] == "partial_section"]
    involved = {t["a"] for t in partial} | {t["b"] for t in partial}
    norm = {i: normalize(t) for i, t in docs.items()}
    results = []

    # sections
    def sections(text):
        parts, current = [], []
        for line in text.split("\n"):
            if HEADING.match(line) and current:
                parts.append("".join(current))
                current = []
            current.append(line)
        parts.append("".join(current))
        return [shingles(normalize(p)) for p in parts if normalize(p)]
    sec = {i: sections(docs[i]) for i in docs}
    probs = [max(lsh_probability(jaccard(x, y)) for x in sec[t["a"]] for y in sec[t["b"]]) for t in partial]
    rows = statistics.mean(len(s) for s in sec.values()) * BANDS
    results.append(("sections", statistics.mean(probs), sum(p >= 0.5 for p in probs) / len(probs), rows))

    for W in map(int, args.windows.split(",")):
        S = W // 2
        def wins(n):
            return [shingles(n[i:i + W]) for i in range(0, max(1, len(n) - W + S), S)]
        ws = {i: wins(norm[i]) for i in involved}
        probs = [max(lsh_probability(jaccard(x, y)) for x in ws[t["a"]] for y in ws[t["b"]]) for t in partial]
        rows = statistics.mean(len(range(0, max(1, len(n) - W + S), S)) for n in norm.values()) * BANDS
        results.append((f"windows W={W}", statistics.mean(probs), sum(p >= 0.5 for p in probs) / len(probs), rows))

    for w in map(int, args.winnow.split(",")):
        fps = {i: winnow(n, w) for i, n in norm.items()}
        df = defaultdict(int)
        for s in fps.values():
            for x in s:
                df[x] += 1
        postings = defaultdict(list)
        for i, s in fps.items():
            for x in s:
                if df[x] <= 64:
                    postings[x].append(i)
        found, cands = 0, []
        pairs = {(t["a"], t["b"]) for t in partial}
        for a, b in pairs:
            shared = len({x for x in fps[a] & fps[b] if df[x] <= 64})
            found += shared >= 3
        for i in list(docs)[:200]:
            count = defaultdict(int)
            for x in fps[i]:
                for j in postings.get(x, []):
                    if j != i:
                        count[j] += 1
            cands.append(sum(1 for c in count.values() if c >= 3))
        rows = statistics.mean(len(s) for s in fps.values())
        results.append((f"winnow w={w}", found / len(pairs), found / len(pairs), rows, statistics.mean(cands)))

    print(f"partial_section pairs: {len(partial)}, documents: {len(docs)}")
    print("| scheme | expected candidate recall | pairs with P>=0.5 (or found) | index rows per document | candidates per query |")
    print("|---|---|---|---|---|")
    for r in results:
        extra = f"{r[4]:.2f}" if len(r) > 4 else "n/a"
        print(f"| {r[0]} | {r[1]:.3f} | {r[2]:.3f} | {r[3]:.0f} | {extra} |")


if __name__ == "__main__":
    main()
