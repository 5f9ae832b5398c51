#!/usr/bin/env python3
"""Score `chachong query` JSON against a peerbench truth.jsonl.

usage: evaluate.py QUERY_JSON TRUTH_JSONL [--threshold 0.5]

Prints recall of truth pairs with exact Jaccard >= threshold (as a pair in either direction),
recall of partial_section pairs, recall per kind, the number of reported pairs and how many of
them are not planted, and how far chachong's exact Jaccard is from the truth file's value
(chachong normalises differently: see docs/index.md).
"""
import argparse
import json
import statistics
from collections import defaultdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("query_json")
    ap.add_argument("truth")
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    report = json.load(open(args.query_json, encoding="utf-8"))
    reported = {}
    for result in report["results"]:
        for match in result["matches"]:
            key = tuple(sorted((result["id"], match["id"])))
            reported[key] = match
    truth = [json.loads(line) for line in open(args.truth)]
    planted = {tuple(sorted((t["a"], t["b"]))): t for t in truth}
    by_kind = defaultdict(lambda: [0, 0])
    high = [0, 0]
    gaps = []
    for key, t in planted.items():
        found = key in reported
        by_kind[t["kind"]][0] += found
        by_kind[t["kind"]][1] += 1
        if t["jaccard"] >= args.threshold:
            high[0] += found
            high[1] += 1
        if found:
            gaps.append((abs(reported[key]["jaccard"] - t["jaccard"]), key, reported[key]["jaccard"], t["jaccard"], t["kind"]))
    print(f"reported pairs: {len(reported)}, of which not planted: {sum(1 for k in reported if k not in planted)}")
    print(f"recall J>={args.threshold}: {high[0]}/{high[1]} = {high[0] / max(1, high[1]):.4f}")
    for kind in sorted(by_kind):
        found, total = by_kind[kind]
        print(f"recall {kind}: {found}/{total} = {found / max(1, total):.4f}")
    if gaps:
        values = sorted(g[0] for g in gaps)
        print(f"|J_chachong - J_truth|: median {statistics.median(values):.4f}, max {values[-1]:.4f}, "
              f"pairs above 0.02: {sum(1 for v in values if v > 0.02)}")
        for gap in sorted(gaps, reverse=True)[:5]:
            print(f"  gap {gap[0]:.4f} {gap[1]} chachong {gap[2]:.4f} truth {gap[3]:.4f} {gap[4]}")


if __name__ == "__main__":
    main()
