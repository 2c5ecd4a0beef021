"""Measure what the work limits (``Options.max_pairs``, ``max_linkable``) protect against.

Run from the project root::

    .venv/bin/python benchmarks/bench_scale.py               # news text up to ~8,800 x 8,800
    .venv/bin/python benchmarks/bench_scale.py --quick       # small sizes only, a smoke test
    .venv/bin/python benchmarks/bench_scale.py --json

Each case runs ``compare.compare`` in a fresh process with both limits lifted and reports its
wall-clock seconds and peak memory (``ru_maxrss``) for the whole run (load, compare, JSON):

- **news**: N sentences of MRPC's first sides against N of its second sides, shuffled (real news
  sentences, read at run time from ``../shared/eval/mrpc``, ``--data DIR``; never copied into
  the repository). Few pairs link: the cost is the N x N sentence pairs.
- **repeated**: ``"1. " * N`` against itself, the issue's degenerate input: every pair scores 1.0
  and links, so the cost is the linkable pairs the alignment walks.

Then the issue's inputs at the default limits, through the CLI: how long a refusal takes.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "mrpc"
PY = sys.executable

CHILD = """
import json, resource, sys, time
import compare
compare.compare, compare.load  # names import on first use: load the stages before timing
t0 = time.perf_counter()
a, b = compare.load(sys.argv[1]), compare.load(sys.argv[2])
options = compare.Options(max_pairs=10**12, max_linkable=10**12)
result = compare.compare(a, b, options=options)
result.to_json()
print(json.dumps({
    "ref": len(a.sentences), "other": len(b.sentences), "links": len(result.links),
    "seconds": time.perf_counter() - t0,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def news_sentences(data: Path) -> tuple[list[str], list[str]]:
    """Both sides of every MRPC pair (train and test); the second sides shuffled (seed 1)."""
    first, second = [], []
    for name in ("train.jsonl", "test.jsonl"):
        with (data / name).open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                first.append(row["a"])
                second.append(row["b"])
    random.Random(1).shuffle(second)
    return first, second


def run_case(ref: str, other: str) -> dict[str, Any]:
    """Compare two texts in a fresh process with the limits lifted; return its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "ref.txt", Path(tmp) / "other.txt"
        a.write_text(ref, encoding="utf-8")
        b.write_text(other, encoding="utf-8")
        proc = subprocess.run(
            [PY, "-c", CHILD, str(a), str(b)], capture_output=True, text=True, check=True
        )
    figures: dict[str, Any] = json.loads(proc.stdout)
    figures["pairs"] = figures["ref"] * figures["other"]
    return figures


def refusal(ref: str, other: str) -> dict[str, Any]:
    """Run the CLI on two texts at the default limits; return exit code, seconds, message."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "ref.txt", Path(tmp) / "other.txt"
        a.write_text(ref, encoding="utf-8")
        b.write_text(other, encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.run(
            [PY, "-m", "compare", str(a), str(b)], capture_output=True, text=True, check=False
        )
    return {
        "exit": proc.returncode,
        "seconds": time.perf_counter() - t0,
        "stderr": proc.stderr.strip(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cases and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the MRPC folder")
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "train.jsonl").is_file():
        print(f"bench_scale: no MRPC data in {args.data} (pass --data DIR)", file=sys.stderr)
        return 2
    first, second = news_sentences(args.data)
    news_sizes = [1000, 2000] if args.quick else [2000, 4000, 5801, 7100, 8700]
    repeated_sizes = [300, 600] if args.quick else [1000, 1414, 2000]
    report: dict[str, Any] = {"news": [], "repeated": [], "refusals": {}}
    for n in news_sizes:
        # Past MRPC's 5,801 pairs each side borrows the other's first sentences (reprints).
        extra = max(0, n - len(first))
        ref = "\n\n".join(first[:n] + second[:extra]) + "\n"
        other = "\n\n".join(second[:n] + first[:extra]) + "\n"
        report["news"].append(run_case(ref, other))
    for n in repeated_sizes:
        report["repeated"].append(run_case("1. " * n, "1. " * n))
    issue = {
        "'1. ' * 2000, twice (6 KB each)": ("1. " * 2000, "1. " * 2000),
        "10,000 copies of one sentence, twice": ("China and Syria signed a deal. " * 10_000,) * 2,
    }
    for name, (ref, other) in issue.items():
        report["refusals"][name] = refusal(ref, other)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for kind in ("news", "repeated"):
        print(f"== {kind}: limits lifted, whole run in a fresh process ==")
        for row in report[kind]:
            print(
                f"  {row['ref']:>6,} x {row['other']:<6,} = {row['pairs'] / 1e6:6.1f} M pairs  "
                f"{row['links']:>6,} links  {row['seconds']:7.1f} s  {row['peak_mb']:7.0f} MB"
            )
    print("== the issue's inputs at the default limits (CLI) ==")
    for name, row in report["refusals"].items():
        print(f"  {name}: exit {row['exit']} in {row['seconds']:.1f} s: {row['stderr']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
