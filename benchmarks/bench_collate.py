"""Time ``compare.collate``: N synthetic accounts of one story, 100 sentences each, N = 2 ... 40.

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/bench_collate.py            # N = 2, 3, 5, 10, 20, 30, 40
    .venv/bin/python benchmarks/bench_collate.py --quick    # N = 3, 20, for CI smoke tests
    .venv/bin/python benchmarks/bench_collate.py --json     # the figures as JSON
    .venv/bin/python -m cProfile -s cumtime benchmarks/bench_collate.py --one 20 | head -40

The accounts are built deterministically (seeded) from the sentences of the five readouts, with
the generator of ``bench_compare.py``: a story of 100 sentences; each account keeps about 70 % of
them, each reworded on its own (word substitutions, deletions, swaps), in paragraphs of five that
are shuffled, and tops up to 100 sentences with word salad from the corpus vocabulary (content of
its own). Each N runs in a fresh subprocess, which reports:

- seconds of ``compare.collate`` (median of 3 for N <= 20, else one run), target for N = 20:
  <= 3 s; and a later run split by stage (the functions ``compare.collate`` calls, wrapped with
  timers): the score matrix over all sentences, the alignment of every document pair on it,
  grouping, claims (representative and each member's diff and findings), and the N - 1 pairwise
  comparisons against the first account (``pairs``);
- memory: growth of ``ru_maxrss`` over the high-water mark before the runs (MB);
- quality against the generator's truth: precision and recall over pairs of sentences of two
  different accounts put in one claim (true when both reword the same story sentence);
- the naive alternative for N <= 20: ``compare.compare`` on every pair of accounts (N(N-1)/2 runs,
  no claims at all), timed once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import compare
from compare import collation

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import maxrss_mb, stage_timers  # benchmarks/ is no package: path above
from bench_compare import _corpus, _reword, _sentence

SIZES = (2, 3, 5, 10, 20, 30, 40)
QUICK_SIZES = (3, 20)
SENTENCES = 100
TARGET_N = 20
TARGET_S = 3.0
NAIVE_MAX = 20
STAGES = {
    "matrix": "_score",
    "align": "_pair_links",
    "claims": "_claims",
    "pairs": "_compare",
}
"""Stage name -> the function of compare.collation timed for it (matrix: features, IDF and the
matrix; grouping: what ``_group`` spends beyond the pair alignments)."""


def accounts(
    n_docs: int, n: int = SENTENCES, seed: int = 0
) -> tuple[list[compare.Document], list[list[int | None]]]:
    """``n_docs`` accounts of one synthetic story, and for each sentence the story sentence it
    rewords (None for content of its own)."""
    rng = random.Random(seed)
    pool, vocab = _corpus()
    story: list[list[str]] = []
    for _ in range(n):
        a, b = rng.choice(pool), rng.choice(pool)
        words = a[: rng.randrange(2, len(a))] + b[rng.randrange(len(b) // 2, len(b) - 1) :]
        story.append(_reword(words[:40], rng, vocab, 0.2))
    docs, truth = [], []
    for k in range(n_docs):
        kept = [
            (i, _reword(w, rng, vocab, 0.15)) for i, w in enumerate(story) if rng.random() >= 0.3
        ]
        paragraphs = [kept[p : p + 5] for p in range(0, len(kept), 5)]
        rng.shuffle(paragraphs)
        items: list[tuple[int | None, list[str]]] = [x for par in paragraphs for x in par]
        while len(items) < n:
            salad = [rng.choice(vocab) for _ in range(rng.randrange(8, 30))]
            items.insert(rng.randrange(len(items) + 1), (None, salad))
        text = "\n".join(_sentence(w) for _, w in items)
        doc = compare.Document.from_text(text, id=f"d{k:02}", label=f"Account {k + 1}")
        if len(doc.sentences) != len(items):
            raise RuntimeError("the segmenter merged or split a synthetic sentence")
        docs.append(doc)
        truth.append([i for i, _ in items])
    return docs, truth


def quality(c: compare.Collation, truth: list[list[int | None]]) -> dict[str, float]:
    """Precision and recall over cross-account sentence pairs placed in one claim."""
    pos = {d.id: k for k, d in enumerate(c.documents)}
    predicted = set()
    for claim in c.claims:
        nodes = [(pos[d], i) for d, idx in claim.members.items() for i in idx]
        predicted.update(
            (a, b) for a, b in itertools.combinations(sorted(nodes), 2) if a[0] != b[0]
        )
    by_story: dict[int, list[tuple[int, int]]] = {}
    for k, items in enumerate(truth):
        for i, story in enumerate(items):
            if story is not None:
                by_story.setdefault(story, []).append((k, i))
    true = {
        (a, b) for nodes in by_story.values() for a, b in itertools.combinations(sorted(nodes), 2)
    }
    hit = len(predicted & true)
    return {
        "precision": hit / len(predicted) if predicted else 1.0,
        "recall": hit / len(true) if true else 1.0,
    }


def staged(docs: list[compare.Document]) -> dict[str, float]:
    """Run collate once with its stage functions wrapped by timers; seconds per stage."""
    spent = dict.fromkeys([*STAGES, "group", "total"], 0.0)
    stages = {stage: (name,) for stage, name in [*STAGES.items(), ("group", "_group")]}
    with stage_timers(collation, stages, spent):
        t0 = time.perf_counter()
        compare.collate(docs)
        spent["total"] = time.perf_counter() - t0
    spent["grouping"] = spent.pop("group") - spent["align"]
    return spent


def child(n_docs: int, repeats: int) -> dict[str, Any]:
    """Measure one N in this (fresh) process; called through ``--child``."""
    docs, truth = accounts(n_docs)
    before = maxrss_mb()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = compare.collate(docs)
        times.append(time.perf_counter() - t0)
    rss = maxrss_mb() - before
    shared = sum(claim.sources > 1 for claim in result.claims)
    row: dict[str, Any] = {
        "documents": n_docs,
        "sentences": sum(len(d.sentences) for d in docs),
        "seconds": statistics.median(times),
        "repeats": repeats,
        "rss_growth_mb": rss,
        "claims": len(result.claims),
        "shared_claims": shared,
        "quality": quality(result, truth),
        "stages": staged(docs),
        "naive_all_pairs_seconds": None,
    }
    if n_docs <= NAIVE_MAX:
        t0 = time.perf_counter()
        for a, b in itertools.combinations(docs, 2):
            compare.compare(a, b)
        row["naive_all_pairs_seconds"] = time.perf_counter() - t0
    return row


def bench(sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Run each N in its own subprocess, so memory is per N."""
    rows = []
    for n in sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n)]
        cmd += ["--repeats", str(3 if n <= TARGET_N else 1)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out))
        print(f"  N={n} done", file=sys.stderr, flush=True)
    return rows


def print_text(rows: list[dict[str, Any]]) -> None:
    """Print the table and the verdict for people."""
    print(f"== compare.collate on N synthetic accounts of {SENTENCES} sentences ==")
    head = f"{'N':>3} {'sent.':>6} {'s':>7} {'s/pair':>7} {'RSS MB':>7} {'claims':>6} {'shared':>6}"
    head += f" {'P':>5} {'R':>5}" + "".join(f" {k:>8}" for k in (*STAGES, "grouping"))
    head += f" {'naive s':>8}"
    print(head)
    for r in rows:
        n = r["documents"]
        pairs = n * (n - 1) / 2
        naive = r["naive_all_pairs_seconds"]
        print(
            f"{n:>3} {r['sentences']:>6} {r['seconds']:7.3f} {r['seconds'] / pairs:7.4f} "
            f"{r['rss_growth_mb']:7.1f} {r['claims']:>6} {r['shared_claims']:>6} "
            f"{r['quality']['precision']:5.2f} {r['quality']['recall']:5.2f}"
            + "".join(f" {r['stages'][k]:8.3f}" for k in (*STAGES, "grouping"))
            + f" {'-' if naive is None else f'{naive:.2f}':>8}"
        )
    print(
        "  s: collate seconds (median of 3 for N <= 20, else one run); s/pair: s per pair of\n"
        "  accounts; RSS MB: growth of ru_maxrss; P, R: precision and recall of cross-account\n"
        "  sentence pairs put in one claim against the generator's truth; stage columns: seconds\n"
        "  of one more run by stage (pairs = the N - 1 compare() runs against the first account);\n"
        "  naive s: compare.compare on all N(N-1)/2 pairs of accounts, no claims."
    )
    for r in rows:
        if r["documents"] == TARGET_N:
            verdict = "met" if r["seconds"] <= TARGET_S else "MISSED"
            print(f"  target N = {TARGET_N}: <= {TARGET_S} s ({verdict}: {r['seconds']:.2f} s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 3 and 20 only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="numbers of accounts")
    parser.add_argument("--one", type=int, metavar="N", help="collate N accounts once (profile)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.repeats)))
        return 0
    if args.one is not None:
        docs, _ = accounts(args.one)
        t0 = time.perf_counter()
        compare.collate(docs)
        print(f"{args.one} x {SENTENCES}: {time.perf_counter() - t0:.3f} s", file=sys.stderr)
        return 0
    rows = bench(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_text(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
