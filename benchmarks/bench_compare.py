"""Time and measure ``compare.compare``: the real readouts, then synthetic documents up to 5,000².

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/bench_compare.py            # full run, about a minute or two
    .venv/bin/python benchmarks/bench_compare.py --quick    # smoke test, a few seconds
    .venv/bin/python benchmarks/bench_compare.py --json     # the figures as JSON
    .venv/bin/python -m cProfile -s cumtime benchmarks/bench_compare.py --one 2000  # profile

Part 1, pairwise: CGTN readout (ref) vs Syrian relay, and Newsweek report vs its reworded copy,
documents loaded once; ``compare.compare(ref, other)`` is timed after warm-up, median and p90 of
``--runs`` runs (target: median <= 5 ms). Each run is interleaved with two baselines on the same
documents, so ratios hold on a noisy machine: ``difflib.SequenceMatcher(None, ref.text,
other.text).ratio()`` and a plain ``rapidfuzz.process.cdist`` (token_sort_ratio, one worker) over
the two sentence lists.

Part 2, scaling: two synthetic documents of N sentences each, built deterministically (seeded
``random.Random``) from the sentences of the five readouts: the reference splices corpus
sentences and substitutes words; the other keeps 80 % of them, reworded (word substitutions,
deletions, swaps), with paragraphs of five sentences shuffled, and tops up to N with unrelated
sentences drawn from the corpus vocabulary. Each N runs in its own subprocess, which reports:
seconds of ``compare.compare`` (median of 3 for N <= 1000, else 1 run, which then includes
first-call costs such as the lazy SciPy import); seconds of a later, warm run split by stage (the
functions ``compare.pairwise`` and ``compare.links`` call, wrapped with timers); memory as the
growth of ``ru_maxrss`` over the process's high-water mark before the comparison (RSS, MB) and as
the ``tracemalloc`` peak of one more run (Python and numpy allocations, MB; skipped above
N = 2000, where it is too slow).
Targets: 2,000 x 2,000 in <= 2 s and <= 500 MB.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

import compare
from compare import links, pairwise

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import maxrss_mb, stage_timers  # benchmarks/ is no package: path above

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"


PAIRS = (
    ("call-cgtn-chinese-readout.txt", "call-syrian-readout-relay.txt"),
    ("call-newsweek-report.txt", "call-reworded-report.txt"),
)
SIZES = (50, 100, 200, 500, 1000, 2000, 5000)
QUICK_SIZES = (50, 200)
TARGET_PAIR_MS = 5.0
TARGET_2000_S = 2.0
TARGET_2000_MB = 500.0
STAGES = ("features", "score_matrix", "align", "diff", "findings")
STAGE_COLUMNS = (*STAGES, "other")


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


# -- part 1: the real readouts --------------------------------------------------------------------


def bench_pair(ref_name: str, other_name: str, runs: int, warmup: int) -> dict[str, Any]:
    """Time compare.compare on one real pair, interleaved with the two baselines."""
    ref = compare.load(READOUTS / ref_name)
    other = compare.load(READOUTS / other_name)
    ref_sents = [s.text for s in ref.sentences]
    other_sents = [s.text for s in other.sentences]

    def run_compare() -> object:
        return compare.compare(ref, other)

    def run_difflib() -> object:
        return difflib.SequenceMatcher(None, ref.text, other.text).ratio()

    def run_cdist() -> object:
        return process.cdist(ref_sents, other_sents, scorer=fuzz.token_sort_ratio)

    contenders: dict[str, Callable[[], object]] = {
        "compare": run_compare,
        "difflib": run_difflib,
        "cdist": run_cdist,
    }
    for _ in range(warmup):
        for fn in contenders.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(runs):
        for name, fn in contenders.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    result = compare.compare(ref, other)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    return {
        "pair": f"{ref_name} vs {other_name}",
        "sentences": [len(ref.sentences), len(other.sentences)],
        "links": len(result.links),
        "runs": runs,
        "median_ms": {name: _ms(v) for name, v in med.items()},
        "p90_ms": {name: _ms(_p90(ts)) for name, ts in times.items()},
        "ratio_vs_difflib": med["compare"] / med["difflib"],
        "ratio_vs_cdist": med["compare"] / med["cdist"],
        "target_met": _ms(med["compare"]) <= TARGET_PAIR_MS,
    }


# -- part 2: synthetic documents ------------------------------------------------------------------

_END = re.compile(r"[.!?…]+(?=[”’\"')]*$)")
"""A sentence terminator at the end of a word (before closing quotes), removed from corpus words."""


def _corpus() -> tuple[list[list[str]], list[str]]:
    """Word lists of every corpus sentence (4+ words), and every word token (with repeats)."""
    pool: list[list[str]] = []
    for path in sorted(READOUTS.glob("*.txt")):
        for s in compare.load(path).sentences:
            words = [_END.sub("", w) for w in s.text.split()]
            words = [w for w in words if w]
            if len(words) >= 4:
                pool.append(words)
    vocab = [w for words in pool for w in words]
    return pool, vocab


def _sentence(words: list[str]) -> str:
    """Join words into one line that the segmenter keeps as one sentence."""
    while len(words) > 1 and not words[0][:1].isalnum():
        words = words[1:]  # a line opening with "," or "“" would be glued to the previous one
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _reword(words: list[str], rng: random.Random, vocab: list[str], rate: float) -> list[str]:
    """Substitute, delete and swap words at about ``rate`` per word each (deterministic)."""
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < rate:
            out.append(rng.choice(vocab))
        elif r < rate * 1.3:
            continue
        else:
            out.append(w)
    for _ in range(len(out) // 10):
        k = rng.randrange(len(out) - 1) if len(out) > 1 else 0
        out[k : k + 2] = out[k : k + 2][::-1]
    return out or words[:1]


def synthetic_pair(n: int, seed: int = 0) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Return ``(ref_sentences, other_sentences, true_pairs)`` of n sentences each."""
    rng = random.Random(seed)
    pool, vocab = _corpus()
    ref: list[list[str]] = []
    for _ in range(n):
        a, b = rng.choice(pool), rng.choice(pool)
        words = a[: rng.randrange(2, len(a))] + b[rng.randrange(len(b) // 2, len(b) - 1) :]
        ref.append(_reword(words[:40], rng, vocab, 0.2))
    kept = [
        (i, _reword(words, rng, vocab, 0.15)) for i, words in enumerate(ref) if rng.random() >= 0.2
    ]
    paragraphs = [kept[k : k + 5] for k in range(0, len(kept), 5)]
    rng.shuffle(paragraphs)
    other: list[tuple[int | None, list[str]]] = [item for par in paragraphs for item in par]
    while len(other) < n:
        salad = [rng.choice(vocab) for _ in range(rng.randrange(8, 30))]
        other.insert(rng.randrange(len(other) + 1), (None, salad))
    truth = [(i, j) for j, (i, _) in enumerate(other) if i is not None]
    return [_sentence(w) for w in ref], [_sentence(w) for _, w in other], truth


STAGE_FUNCTIONS = {
    "features": ("features", "idf_table"),
    "score_matrix": ("run_scorer",),
    "align": ("align",),
    "findings": ("unlinked_findings",),
}
"""The names ``compare.pairwise`` calls, by stage; wrapped with timers for the stage split."""

LINK_FUNCTIONS = {
    "diff": ("symmetric_runs", "ops_from_runs"),
    "findings": ("relation", "classify_link"),
}
"""The names ``compare.links.build_link`` calls for each link, by stage, timed the same way."""


def staged_compare(ref: compare.Document, other: compare.Document) -> tuple[dict[str, float], int]:
    """Run compare.compare with pairwise's stage functions wrapped by timers; seconds per stage.

    Wrapping the module functions that ``pairwise.compare`` calls (rather than copying its body)
    measures the real code path and keeps working when internal signatures change. ``other`` is
    what the wrapped functions do not cover (Side.of, building Link objects, sorting findings).
    """
    spent: dict[str, float] = dict.fromkeys((*STAGES, "other"), 0.0)
    with stage_timers(pairwise, STAGE_FUNCTIONS, spent), stage_timers(links, LINK_FUNCTIONS, spent):
        t0 = time.perf_counter()
        result = compare.compare(ref, other)
        total = time.perf_counter() - t0
    spent["other"] = total - sum(spent[k] for k in STAGES)
    return spent, len(result.links)


def child(n: int, repeats: int, tracemalloc_run: bool) -> dict[str, Any]:
    """Measure one size in this (fresh) process; called through ``--child``."""
    ref_s, other_s, truth = synthetic_pair(n)
    assert callable(compare.compare)  # names import on first use: the stages load here, untimed
    ref = compare.Document.from_text("\n".join(ref_s), label="ref", id="ref")
    other = compare.Document.from_text("\n".join(other_s), label="other", id="other")
    gc.collect()
    rss_before = maxrss_mb()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = compare.compare(ref, other)
        times.append(time.perf_counter() - t0)
    rss_growth = maxrss_mb() - rss_before
    del result
    gc.collect()
    stage_runs = [staged_compare(ref, other) for _ in range(repeats)]
    stages = {k: statistics.median(r[0][k] for r in stage_runs) for k in STAGE_COLUMNS}
    warm = statistics.median(sum(r[0].values()) for r in stage_runs)
    result = compare.compare(ref, other)
    found = {(link.ref[0], link.other[0]) for link in result.links if len(link.ref) == 1}
    one_to_one = len(ref.sentences) == len(ref_s) and len(other.sentences) == len(other_s)
    recall = sum(p in found for p in truth) / len(truth) if one_to_one and truth else None
    del result
    gc.collect()
    traced = None
    if tracemalloc_run:
        tracemalloc.start()
        compare.compare(ref, other)
        traced = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return {
        "n": n,
        "sentences": [len(ref.sentences), len(other.sentences)],
        "links": stage_runs[0][1],
        "true_pairs": len(truth),
        "true_pair_recall": recall,
        "seconds": statistics.median(times),
        "repeats": repeats,
        "warm_seconds": warm,
        "rss_growth_mb": rss_growth,
        "tracemalloc_peak_mb": traced,
        "stages": stages,
    }


def bench_scaling(sizes: Sequence[int], tracemalloc_max: int) -> list[dict[str, Any]]:
    """Run each size in its own subprocess so peak memory is per size."""
    rows = []
    for n in sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n)]
        cmd += ["--repeats", str(3 if n <= 1000 else 1)]
        if n > tracemalloc_max:
            cmd.append("--no-tracemalloc")
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out))
        print(f"  N={n} done", file=sys.stderr, flush=True)
    return rows


# -- output ---------------------------------------------------------------------------------------


def _print_text(report: dict[str, Any]) -> None:
    print("== pairwise compare.compare on the readouts (median / p90 in ms) ==")
    print(f"{'pair':64} {'sent.':>7} {'compare':>15} {'difflib':>15} {'cdist':>15}  target")
    for p in report["pairwise"]:
        cells = [
            f"{p['median_ms'][k]:6.2f} / {p['p90_ms'][k]:6.2f}"
            for k in ("compare", "difflib", "cdist")
        ]
        sents = f"{p['sentences'][0]}x{p['sentences'][1]}"
        verdict = "met" if p["target_met"] else "MISSED"
        print(f"{p['pair']:64} {sents:>7} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15}  {verdict}")
        print(
            f"  {p['runs']} runs; compare / difflib = {p['ratio_vs_difflib']:.2f}x, "
            f"compare / cdist = {p['ratio_vs_cdist']:.1f}x; {p['links']} links"
        )
    print(f"  target: median <= {TARGET_PAIR_MS} ms")
    print()
    print("== scaling: synthetic N x N sentences, each N in a fresh process ==")
    head = f"{'N':>5} {'s':>7} {'warm s':>7} {'RSS MB':>7} {'trace MB':>8} {'ms/N':>6}"
    head += f" {'links':>5} {'recall':>6}"
    print(head + "".join(f" {k:>12}" for k in STAGE_COLUMNS))
    for r in report["scaling"]:
        traced = r["tracemalloc_peak_mb"]
        recall = r["true_pair_recall"]
        print(
            f"{r['n']:>5} {r['seconds']:7.3f} {r['warm_seconds']:7.3f} {r['rss_growth_mb']:7.1f} "
            f"{'-' if traced is None else f'{traced:.1f}':>8} {1000 * r['seconds'] / r['n']:6.3f} "
            f"{r['links']:>5} {'-' if recall is None else f'{recall:.2f}':>6}"
            + "".join(f" {r['stages'][k]:12.3f}" for k in STAGE_COLUMNS)
        )
    print(
        "  s: compare.compare seconds, median of 3 for N <= 1000, else 1 (first, cold) run;\n"
        "  warm s: a later run with timers on the stage functions, whose seconds the last six\n"
        "  columns give (other: what they leave out); RSS MB: growth of ru_maxrss during the s\n"
        "  runs over the high-water mark before them; trace MB: tracemalloc peak of one more\n"
        "  run (not above N = 2000: too slow); ms/N: s per sentence of one side; links: links\n"
        "  found;"
        " recall: share of the true pairs (kept ref sentence, its rewording) linked 1:1."
    )
    for r in report["scaling"]:
        if r["n"] == 2000:
            ok_t = r["seconds"] <= TARGET_2000_S
            mb = max(r["rss_growth_mb"], r["tracemalloc_peak_mb"] or 0.0)
            ok_m = mb <= TARGET_2000_MB
            print(
                f"  target 2000x2000: <= {TARGET_2000_S} s ({'met' if ok_t else 'MISSED'}: "
                f"{r['seconds']:.2f} s), <= {TARGET_2000_MB:.0f} MB "
                f"({'met' if ok_m else 'MISSED'}: {mb:.0f} MB)"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small subset, for CI smoke tests")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per pair (default 60)")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="synthetic sizes N")
    parser.add_argument("--one", type=int, metavar="N", help="run compare once on N x N (profile)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help=argparse.SUPPRESS)
    parser.add_argument("--no-tracemalloc", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.repeats, not args.no_tracemalloc)))
        return 0
    if args.one is not None:
        ref_s, other_s, _ = synthetic_pair(args.one)
        ref = compare.Document.from_text("\n".join(ref_s), id="ref")
        other = compare.Document.from_text("\n".join(other_s), id="other")
        t0 = time.perf_counter()
        compare.compare(ref, other)
        print(f"{args.one}x{args.one}: {time.perf_counter() - t0:.3f} s", file=sys.stderr)
        return 0
    runs = args.runs or (15 if args.quick else 60)
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    report = {
        "python": sys.version.split()[0],
        "pairwise": [bench_pair(a, b, runs, warmup=3 if args.quick else 10) for a, b in PAIRS],
        # tracemalloc slows Python allocation several-fold; skip it above 2,000 sentences
        "scaling": bench_scaling(sizes, tracemalloc_max=2000),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
