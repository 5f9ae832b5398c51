#!/usr/bin/env python3
"""Score `chachong check` on a generated world against its ground truth (stdlib only).

    python3 Tools/evaluate.py --world Corpora/sample
    python3 Tools/evaluate.py --world /tmp/world --report /tmp/report.json   # score an existing report
    python3 Tools/evaluate.py --world /tmp/world --json /tmp/eval.json       # also write the numbers

Without --report it builds a fresh index from the world's archive (`chachong ingest`), runs
`chachong check` on the batch (manifest, registry, template) and scores the JSON report.

It reads only the report names the contract fixes: applications[].id,
applications[].findings[].rule/.severity/.related[].id, .related[].passages[] (start, end,
sourceStart, sourceEnd) and the top-level errors.

Scoring
  per rule      an expected finding is (application, rule); a reported finding (severity error or
                warning) is a true positive when the truth expects it, or expects another rule that
                lists it under alsoAcceptable. Related ids are checked for true positives.
                quota (scope "unit"): a recommending unit over its limit is found when any of its
                applications carries a quota finding.
  per kind      a planted similar pair (exact, light_edit, heavy_edit, partial_section) is found
                when the derived application has a similarity finding whose related ids include
                the source. Decoy pairs (relation "none") that are flagged count as false alarms.
  passages      for found pairs, each planted passage is matched with the reported passage that
                overlaps it most; boundary errors in characters (code points) and the share of
                planted characters the reported passages cover.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

SIMILARITY_RULES = {"duplicate-submission", "cross-program-same-year", "previously-funded", "plagiarism"}
FLAGGING = {"error", "warning"}


def find_chachong(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for mode in ("release", "debug"):
        candidate = os.path.join(root, ".build", mode, "chachong")
        if os.path.exists(candidate):
            return [candidate]
    found = shutil.which("chachong")
    if found:
        return [found]
    sys.exit("evaluate: no chachong binary (build it with `swift build`, or pass --chachong PATH)")


def run(command: list[str]) -> subprocess.CompletedProcess:
    print("$ " + " ".join(command), file=sys.stderr)
    return subprocess.run(command, capture_output=True, text=True)


def archive_jsonl(world: str, chachong: list[str], workdir: str) -> str:
    records = os.path.join(world, "documents.jsonl")
    if not os.path.exists(records):
        with open(os.path.join(world, "truth.json"), encoding="utf-8") as handle:
            generator = json.load(handle)["generator"]
        tool = os.path.join(os.path.dirname(chachong[0]), "chachong-corpus")
        if not os.path.exists(tool):
            sys.exit(f"evaluate: needs {tool} to regenerate the world's text (swift build --product chachong-corpus)")
        regenerated = os.path.join(workdir, "world")
        made = run([tool, "--out", regenerated, "--seed", str(generator["seed"]), "--size", generator["size"],
                    "--jsonl"])
        if made.returncode != 0:
            sys.exit(f"evaluate: chachong-corpus failed:\n{made.stderr[-2000:]}")
        records = os.path.join(regenerated, "documents.jsonl")
    target = os.path.join(workdir, "archive.jsonl")
    with open(records, encoding="utf-8") as source, open(target, "w", encoding="utf-8") as out:
        for line in source:
            if json.loads(line).get("role") == "archive":
                out.write(line)
    return target


def produce_report(world: str, chachong: list[str], workdir: str, call: str | None) -> dict:
    index = os.path.join(workdir, "index")
    ingest = run(chachong + ["ingest", "--index", index, "--manifest", os.path.join(world, "archive-manifest.csv"),
                             os.path.join(world, "archive")])
    if ingest.returncode != 0 and "manifest" in ingest.stderr:
        # A build without manifest support: regenerate the same world with --jsonl (byte-identical
        # documents) and ingest the archive's records, which carry program, year, status and names.
        print("evaluate: ingest --manifest unsupported; ingesting the archive as JSONL", file=sys.stderr)
        shutil.rmtree(index, ignore_errors=True)
        ingest = run(chachong + ["ingest", "--index", index, archive_jsonl(world, chachong, workdir)])
    if ingest.returncode != 0:
        sys.exit(f"evaluate: ingest failed ({ingest.returncode}):\n{ingest.stderr[-2000:]}")
    report_path = os.path.join(workdir, "report.json")
    command = chachong + ["check", "--index", index, "--manifest", os.path.join(world, "manifest.csv"),
                          "--registry", os.path.join(world, "registry.csv"),
                          "--template", os.path.join(world, "template.docx"),
                          "--format", "json", "--output", report_path, "--fail-on", "never"]
    if call:
        command += ["--call", call]
    check = run(command + [os.path.join(world, "applications")])
    if check.returncode not in (0, 1) or not os.path.exists(report_path):
        sys.exit(f"evaluate: check failed ({check.returncode}):\n{check.stderr[-2000:]}")
    with open(report_path, encoding="utf-8") as handle:
        return json.load(handle)


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "—"


def score(truth: dict, report: dict) -> dict:
    expected = truth["expectedFindings"]
    reported: dict[tuple[str, str], set[str]] = {}
    passages: dict[tuple[str, str], list[dict]] = {}
    for application in report.get("applications", []):
        app_id = application.get("id")
        for finding in application.get("findings", []):
            if finding.get("severity") not in FLAGGING:
                continue
            key = (app_id, finding.get("rule"))
            related = reported.setdefault(key, set())
            for item in finding.get("related", []) or []:
                if isinstance(item, dict) and item.get("id") is not None:
                    related.add(item["id"])
                    if finding.get("rule") in SIMILARITY_RULES:
                        known = passages.setdefault((app_id, item["id"]), [])
                        for passage in item.get("passages", []) or []:
                            if isinstance(passage, dict) and passage not in known:
                                known.append(passage)

    rules = sorted({f["rule"] for f in expected} | {rule for _, rule in reported})
    expected_keys = {(f["application"], f["rule"]) for f in expected}
    acceptable = {}
    for f in expected:
        for alternative in f.get("alsoAcceptable") or []:
            acceptable[(f["application"], alternative)] = (f["application"], f["rule"])

    per_rule = {}
    for rule in rules:
        rule_expected = [f for f in expected if f["rule"] == rule]
        tp = fn = related_ok = 0
        missed = []
        if rule_expected and all(f.get("scope") == "unit" for f in rule_expected):
            units: dict[str, list[str]] = {}
            for f in rule_expected:
                units.setdefault(f.get("note") or "?", []).append(f["application"])
            for unit, members in sorted(units.items()):
                if any((member, rule) in reported for member in members):
                    tp += 1
                    related_ok += 1
                else:
                    fn += 1
                    missed.append(unit)
            positives = len(units)
        else:
            for f in rule_expected:
                key = (f["application"], rule)
                hits = reported.get(key)
                if hits is None:
                    alternatives = [r for (a, r), target in acceptable.items() if target == key]
                    for alternative in alternatives:
                        if (f["application"], alternative) in reported:
                            hits = reported[(f["application"], alternative)]
                            break
                if hits is None:
                    fn += 1
                    missed.append(f["application"])
                    continue
                tp += 1
                if set(f["related"]) <= hits:
                    related_ok += 1
            positives = len(rule_expected)
        false_positives = []
        for (app_id, reported_rule), _ in sorted(reported.items()):
            if reported_rule != rule:
                continue
            if (app_id, rule) in expected_keys or (app_id, rule) in acceptable:
                continue
            false_positives.append(app_id)
        flagged = tp + len(false_positives)
        per_rule[rule] = {
            "expected": positives, "found": tp, "missed": missed, "falsePositives": false_positives,
            "precision": tp / flagged if flagged else None, "recall": tp / positives if positives else None,
            "relatedCorrect": related_ok,
        }

    per_kind: dict[str, dict] = {}
    offset_errors: list[int] = []
    errors_by_kind: dict[str, list[int]] = {}
    covered = total_planted = 0
    decoy_alarms = []
    for pair in truth["plantedPairs"]:
        derived, source = pair["derived"], pair["source"]
        hit = any(source in ids for (app, rule), ids in reported.items() if app == derived and rule in SIMILARITY_RULES)
        if pair["relation"] == "none":
            if hit:
                decoy_alarms.append(f"{derived}→{source}")
            continue
        entry = per_kind.setdefault(pair["kind"], {"pairs": 0, "found": 0, "jaccard": []})
        entry["pairs"] += 1
        entry["found"] += int(hit)
        entry["jaccard"].append(pair["overlap"]["jaccard"])
        if not hit:
            continue
        found = passages.get((derived, source), [])
        for planted in pair["passages"]:
            total_planted += planted["end"] - planted["start"]
            best, best_overlap = None, 0
            for candidate in found:
                overlap = min(planted["end"], candidate.get("end", 0)) - max(planted["start"], candidate.get("start", 0))
                if overlap > best_overlap:
                    best, best_overlap = candidate, overlap
            if best is None:
                continue
            covered += sum(
                max(0, min(planted["end"], c.get("end", 0)) - max(planted["start"], c.get("start", 0))) for c in found)
            for name in ("start", "end", "sourceStart", "sourceEnd"):
                if name in best:
                    offset_errors.append(abs(best[name] - planted[name]))
                    errors_by_kind.setdefault(pair["kind"], []).append(abs(best[name] - planted[name]))

    noisy = []
    clean = set(truth.get("cleanApplications", [])) | {d["application"] for d in truth.get("decoys", [])}
    for (app_id, rule), _ in sorted(reported.items()):
        if app_id in clean:
            noisy.append(f"{app_id}:{rule}")

    return {
        "perRule": per_rule,
        "perKind": {kind: {"pairs": v["pairs"], "found": v["found"],
                           "jaccardRange": [min(v["jaccard"]), max(v["jaccard"])]} for kind, v in sorted(per_kind.items())},
        "decoyPairAlarms": decoy_alarms,
        "cleanOrDecoyFlagged": noisy,
        "passages": {
            "boundaryErrors": len(offset_errors),
            "meanError": statistics.mean(offset_errors) if offset_errors else None,
            "medianError": statistics.median(offset_errors) if offset_errors else None,
            "maxError": max(offset_errors) if offset_errors else None,
            "plantedCharacters": total_planted,
            "coveredShare": covered / total_planted if total_planted else None,
            # Per kind: whole-document copies are one long passage in the report where the truth
            # lists each copied paragraph, so their boundary errors are large by construction; a
            # copied section (partial_section) is where passage boundaries are evidence.
            "byKind": {kind: {"boundaries": len(errs), "within10": sum(e <= 10 for e in errs),
                              "medianError": statistics.median(errs), "maxError": max(errs)}
                       for kind, errs in sorted(errors_by_kind.items())},
        },
        "reportErrors": len(report.get("errors", []) or []),
    }


def print_summary(result: dict) -> None:
    print("\nPer rule (error/warning findings; quota counted per recommending unit)")
    print(f"| rule | expected | found | false positives | precision | recall | related ids right |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for rule, m in result["perRule"].items():
        print(f"| {rule} | {m['expected']} | {m['found']} | {len(m['falsePositives'])} | "
              f"{ratio(m['found'], m['found'] + len(m['falsePositives']))} | {ratio(m['found'], m['expected'])} | "
              f"{m['relatedCorrect']}/{m['found']} |")
    print("\nPer similarity kind (planted pair found = a similarity finding on the derived application names the source)")
    print("| kind | pairs | found | recall | exact Jaccard range |")
    print("|---|---:|---:|---:|---|")
    for kind, m in result["perKind"].items():
        low, high = m["jaccardRange"]
        print(f"| {kind} | {m['pairs']} | {m['found']} | {ratio(m['found'], m['pairs'])} | {low:.3f}–{high:.3f} |")
    p = result["passages"]
    print("\nPassages: "
          + (f"{p['boundaryErrors']} boundaries, error mean {p['meanError']:.1f}, median {p['medianError']}, "
             f"max {p['maxError']} characters; reported passages cover {p['coveredShare']:.3f} of "
             f"{p['plantedCharacters']} planted characters" if p["boundaryErrors"] else "no passages to compare"))
    for kind, m in p.get("byKind", {}).items():
        print(f"  {kind}: {m['within10']}/{m['boundaries']} boundaries within 10 characters, "
              f"median error {m['medianError']}, max {m['maxError']}")
    for rule, m in result["perRule"].items():
        if m["missed"] or m["falsePositives"]:
            print(f"  {rule}: missed {m['missed']} false positives {m['falsePositives']}")
    print(f"Decoy pairs flagged: {result['decoyPairAlarms'] or 'none'}")
    print(f"Clean or decoy applications flagged: {result['cleanOrDecoyFlagged'] or 'none'}")
    print(f"Report errors (unreadable inputs): {result['reportErrors']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--world", required=True, help="a directory written by chachong-corpus (demo/small)")
    parser.add_argument("--report", help="score this check report instead of running chachong")
    parser.add_argument("--chachong", help="path to the chachong binary (default .build/release|debug/chachong)")
    parser.add_argument("--call", help="call configuration passed to check (default: chachong's own)")
    parser.add_argument("--json", help="also write the numbers here")
    parser.add_argument("--keep", help="keep the index and report in this directory")
    args = parser.parse_args()

    with open(os.path.join(args.world, "truth.json"), encoding="utf-8") as handle:
        truth = json.load(handle)
    if args.report:
        with open(args.report, encoding="utf-8") as handle:
            report = json.load(handle)
    else:
        chachong = find_chachong(args.chachong)
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            report = produce_report(args.world, chachong, args.keep, args.call)
        else:
            with tempfile.TemporaryDirectory(prefix="chachong-eval-") as workdir:
                report = produce_report(args.world, chachong, workdir, args.call)
    result = score(truth, report)
    print_summary(result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
