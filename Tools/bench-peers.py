#!/usr/bin/env python3
"""Orchestrates Tools/bench-peers.sh (run that script; it builds and sets up the venv).

For each size: generates the corpus with chachong-corpus, times chachong's stages (extract,
ingest, query, check: whichever subcommands exist), runs the peers through peerbench's
`bench_peers.py run` and chachong through `bench_peers.py external` on the same JSONL, and prints
medians, ratios, peak memory (wait4 ru_maxrss) and index size. `--scaling` prints the scaling
table (ingest time, query latency median/p99, index size, peak memory).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(command: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MiB, exit code) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if process.stderr:
        error = process.stderr.read().decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) not in (0, 1) and error:
            print(error[-1500:], file=sys.stderr)
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def has_subcommand(chachong: str, name: str) -> bool:
    return subprocess.run([chachong, name, "--help"], capture_output=True).returncode == 0


def directory_bytes(path: str) -> int:
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def generate(args, size: str, with_jsonl: bool = False) -> str:
    target = os.path.join(args.data, f"corpus-{size}-seed{args.seed}" + ("-jsonl" if with_jsonl else ""))
    marker = os.path.join(target, "truth.json" if size in ("demo", "small") else "meta.json")
    if not os.path.exists(marker):
        command = [args.corpus_tool, "--out", target, "--seed", str(args.seed), "--size", size]
        if with_jsonl:
            command.append("--jsonl")
        print(f"generating {size} → {target}", file=sys.stderr)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"  {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return target


def median_stage(name: str, runs: int, command: list[str], prepare=None, stdout_path: str | None = None) -> dict:
    walls, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        if stdout_path:
            with open(stdout_path, "wb") as out:
                wall, peak, code = timed(command, stdout=out)
        else:
            wall, peak, code = timed(command)
        if code not in (0, 1):
            return {"stage": name, "error": f"exit code {code}", "command": " ".join(command)}
        walls.append(wall)
        peaks.append(peak)
    return {"stage": name, "median_s": statistics.median(walls), "all_s": walls,
            "peak_rss_mib": max(peaks), "command": " ".join(command)}


def stages(args, size: int, corpus_dir: str, world: str, work: str) -> list[dict]:
    chachong = args.chachong
    corpus = os.path.join(corpus_dir, "documents.jsonl")
    results = []
    if has_subcommand(chachong, "extract"):
        files = sorted(os.path.join(folder, name) for sub in ("applications", "archive")
                       for folder, _, names in os.walk(os.path.join(world, sub)) for name in names
                       if name.endswith(".docx"))
        stage = median_stage("extract", args.runs, [chachong, "extract", "--format", "text"] + files)
        stage["documents"] = len(files)
        stage["megabytes"] = sum(os.path.getsize(f) for f in files) / 1e6
        results.append(stage)
    else:
        print("skip extract: no `chachong extract`", file=sys.stderr)
    index = os.path.join(work, "index")
    if has_subcommand(chachong, "ingest"):
        stage = median_stage("ingest", args.runs, [chachong, "ingest", "--index", index, corpus],
                             prepare=lambda: shutil.rmtree(index, ignore_errors=True))
        stage["documents"] = size
        stage["index_bytes"] = directory_bytes(index)
        results.append(stage)
    else:
        print("skip ingest: no `chachong ingest`", file=sys.stderr)
    if has_subcommand(chachong, "query") and os.path.isdir(index):
        stage = median_stage("query (every document)", args.runs,
                             [chachong, "query", "--index", index, "--threshold", str(args.threshold),
                              "--containment-threshold", "1", "--top", "0", corpus],
                             stdout_path=os.path.join(work, "query.json"))
        stage["documents"] = size
        results.append(stage)
    else:
        print("skip query: no `chachong query` (or no index)", file=sys.stderr)
    if has_subcommand(chachong, "check"):
        archive_index = os.path.join(work, "archive-index")
        shutil.rmtree(archive_index, ignore_errors=True)
        ingested = subprocess.run([chachong, "ingest", "--index", archive_index, "--manifest",
                                   os.path.join(world, "archive-manifest.csv"), os.path.join(world, "archive")],
                                  check=False, capture_output=True)
        if ingested.returncode != 0 and os.path.exists(os.path.join(world, "documents.jsonl")):
            # A build whose ingest does not take manifests: the archive's JSONL records instead.
            shutil.rmtree(archive_index, ignore_errors=True)
            records = os.path.join(work, "archive.jsonl")
            with open(os.path.join(world, "documents.jsonl"), encoding="utf-8") as source, \
                    open(records, "w", encoding="utf-8") as out:
                out.writelines(line for line in source if json.loads(line).get("role") == "archive")
            subprocess.run([chachong, "ingest", "--index", archive_index, records], check=False, capture_output=True)
        stage = median_stage("check (demo batch)", args.runs,
                             [chachong, "check", "--index", archive_index,
                              "--manifest", os.path.join(world, "manifest.csv"),
                              "--registry", os.path.join(world, "registry.csv"),
                              "--template", os.path.join(world, "template.docx"),
                              "--format", "json", "--fail-on", "never", os.path.join(world, "applications")])
        stage["documents"] = len(os.listdir(os.path.join(world, "applications")))
        results.append(stage)
    else:
        print("skip check: no `chachong check`", file=sys.stderr)
    return results


def peer_runs(args, corpus_dir: str, label: str) -> dict:
    bench = os.path.join(args.peerbench, "bench_peers.py")
    corpus = os.path.join(corpus_dir, "documents.jsonl")
    truth = os.path.join(corpus_dir, "truth.jsonl")
    out_dir = os.path.join(args.data, "results")
    os.makedirs(out_dir, exist_ok=True)
    summaries = {}
    if not args.skip_peers:
        prefix = os.path.join(out_dir, f"peers-{label}")
        subprocess.run([sys.executable, bench, "run", "--corpus", corpus, "--truth", truth, "--runs", str(args.runs),
                        "--threshold", str(args.threshold), "--peers", args.peers, "--out", prefix,
                        "--label", label], check=True)
        with open(prefix + ".json", encoding="utf-8") as handle:
            result = json.load(handle)
        quality = result.get("quality", {})
        for peer, summary in result.get("summary", {}).items():
            # The run's quality is keyed "peer (verified)" / "peer (raw)" for candidate sets.
            best = (quality.get(f"{peer} (verified)") or quality.get(peer) or quality.get(f"{peer} (raw)")
                    or quality.get(f"{peer} (all-pairs)"))
            summaries[peer] = {"summary": summary, "quality": best}
    if has_subcommand(args.chachong, "query"):
        prefix = os.path.join(out_dir, f"chachong-{label}")
        wrapper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-peers-chachong.sh")
        command = f"{wrapper} {args.chachong} {{corpus}} {{pairs}} {{timings}} {{threshold}}"
        subprocess.run([sys.executable, bench, "external", "--corpus", corpus, "--truth", truth,
                        "--runs", str(args.runs), "--threshold", str(args.threshold), "--name", "chachong",
                        "--out", prefix, "--label", label, "--cmd", command], check=True)
        with open(prefix + ".json", encoding="utf-8") as handle:
            result = json.load(handle)
        for name, summary in result.get("summary", {}).items():
            summaries[name] = {"summary": summary, "quality": result.get("quality", {}).get(name)}
    return summaries


def print_stage_table(rows: list[dict], size: int) -> None:
    print(f"\n### chachong stages (N={size:,}, {rows[0].get('build', '')})" if rows else "")
    print("| stage | documents | median s | runs (s) | docs/s | peak RSS MiB | index size |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for row in rows:
        if "error" in row:
            print(f"| {row['stage']} | — | failed: {row['error']} | | | | |")
            continue
        docs = row.get("documents", 0)
        rate = docs / row["median_s"] if row["median_s"] else 0
        index = f"{row['index_bytes'] / 1e6:.1f} MB" if "index_bytes" in row else ""
        runs = ", ".join(f"{w:.2f}" for w in row["all_s"])
        print(f"| {row['stage']} | {docs:,} | {row['median_s']:.2f} | {runs} | {rate:,.0f} | "
              f"{row['peak_rss_mib']:.0f} | {index} |")


def print_peer_table(summaries: dict, size: int) -> None:
    if not summaries:
        return
    print(f"\n### Near-duplicate pairs, chachong vs peers (N={size:,}, same corpus and truth)")
    print("| tool | core median s | docs/s | × chachong time | peak RSS MiB | candidates | precision | recall (truth) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    reference = summaries.get("chachong", {}).get("summary", {}).get("core_total", {}).get("median_s")
    for name, entry in sorted(summaries.items(), key=lambda item: item[0] != "chachong"):
        summary = entry["summary"]
        core = summary.get("core_total", {})
        quality = entry.get("quality") or {}
        seconds = core.get("median_s")
        ratio = f"{seconds / reference:.2f}" if reference and seconds else "—"
        precision = quality.get("precision")
        recall = quality.get("recall_truth")
        print(f"| {name} | {seconds:.2f} | {core.get('docs_per_s', 0):,.0f} | {ratio} | "
              f"{summary.get('rss_peak_mib', {}).get('median', 0):.0f} | {quality.get('candidates', '—')} | "
              f"{'—' if precision is None else f'{precision:.3f}'} | {'—' if recall is None else f'{recall:.3f}'} |")
    print("(× chachong time: the tool's core median divided by chachong's; above 1 means chachong is faster. "
          "chachong's core = ingest + query of every document, each run in a fresh index.)")


def scaling(args) -> None:
    chachong = args.chachong
    if not has_subcommand(chachong, "ingest") or not has_subcommand(chachong, "query"):
        print("scaling: needs `chachong ingest` and `chachong query`", file=sys.stderr)
        return
    rows = []
    for size in args.scaling:
        corpus_dir = generate(args, str(size))
        corpus = os.path.join(corpus_dir, "documents.jsonl")
        work = tempfile.mkdtemp(prefix=f"chachong-scaling-{size}-", dir=args.data)
        index = os.path.join(work, "index")
        wall, peak, code = timed([chachong, "ingest", "--index", index, corpus])
        if code != 0:
            print(f"scaling: ingest failed at N={size}", file=sys.stderr)
            continue
        # Query latency: one process per query (includes start-up and opening the index).
        samples = []
        with open(corpus, encoding="utf-8") as handle:
            lines = handle.readlines()
        step = max(1, len(lines) // args.queries)
        query_peak = 0.0
        for position in range(0, len(lines), step)[: args.queries]:
            one = os.path.join(work, "one.jsonl")
            record = json.loads(lines[position])
            record["id"] = "query-" + record["id"]
            with open(one, "w", encoding="utf-8") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            latency, query_rss, _ = timed([chachong, "query", "--index", index, "--top", "10", one])
            samples.append(latency)
            query_peak = max(query_peak, query_rss)
        samples.sort()
        p99 = samples[min(len(samples) - 1, int(round(0.99 * (len(samples) - 1))))]
        rows.append((size, wall, statistics.median(samples), p99, len(samples), directory_bytes(index), peak,
                     query_peak))
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n### Scaling ({args.build_mode} build, {platform.machine()}, {os.cpu_count()} CPUs)")
    print("| documents | ingest s | docs/s | query median ms | query p99 ms | queries | index MB | "
          "ingest peak RSS MiB | query peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, wall, median, p99, count, index_bytes, peak, query_peak in rows:
        print(f"| {size:,} | {wall:.1f} | {size / wall:,.0f} | {median * 1000:.0f} | {p99 * 1000:.0f} | {count} | "
              f"{index_bytes / 1e6:.1f} | {peak:.0f} | {query_peak:.0f} |")
    print("(query latency: one `chachong query --top 10` process per query document, start-up and index "
          "opening included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chachong", required=True)
    parser.add_argument("--corpus-tool", required=True)
    parser.add_argument("--peerbench", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--build-mode", default="release")
    parser.add_argument("--debug", action="store_true", help="(handled by bench-peers.sh)")
    parser.add_argument("--sizes", default="1000", help="comma-separated corpus sizes for the stage/peer run")
    parser.add_argument("--scaling", default="", help="comma-separated sizes for the scaling table only")
    parser.add_argument("--queries", type=int, default=100, help="query documents per scaling size")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--peers", default="datasketch,rensa_r,rensa_c,gaoya,exact")
    parser.add_argument("--skip-peers", action="store_true")
    args = parser.parse_args()
    args.data = os.path.abspath(args.data)
    os.makedirs(args.data, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; build: {args.build_mode}")
    if args.scaling:
        args.scaling = [int(s) for s in args.scaling.split(",") if s]
        scaling(args)
        return
    world = generate(args, "demo", with_jsonl=True)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        corpus_dir = generate(args, str(size))
        work = tempfile.mkdtemp(prefix=f"chachong-stages-{size}-", dir=args.data)
        rows = stages(args, size, corpus_dir, world, work)
        for row in rows:
            row["build"] = args.build_mode
        summaries = peer_runs(args, corpus_dir, f"n{size}")
        print_stage_table(rows, size)
        print_peer_table(summaries, size)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
