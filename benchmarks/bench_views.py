"""Time each view of a large comparison and of a large collation: the renderers alone.

Run from the project root::

    .venv/bin/python benchmarks/bench_views.py                      # 21,400 x 17; 3 x 2,000
    .venv/bin/python benchmarks/bench_views.py --sentences 5000 --runs 3
    .venv/bin/python benchmarks/bench_views.py --profile text       # cProfile of one view
    .venv/bin/python benchmarks/bench_views.py --json

The pairwise input is the issue's: a text of ``--sentences`` sentences (default 21,400) compared
with the 17-sentence CGTN readout. The text is built deterministically from the sentences of the
five bundled readouts, cycled, each followed by a running ``Item N.`` sentence, so every sentence
is distinct. The collation input is ``--docs`` accounts (default 3) of ``--collate-sentences``
sentences each (default 2,000), built the same way, each from a different starting point of the
cycle and with every seventh sentence's numbers changed, so most sentences link across accounts.

The work limits (``Options.max_pairs``, ``max_linkable``) are lifted. Compare and collate are
timed once; each view is timed ``--runs`` times (default 3) and the median is printed, with the
size of its output. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import compare
from compare import Collation, Comparison, Document, Options

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
CGTN = READOUTS / "call-cgtn-chinese-readout.txt"
OPTIONS = Options(max_pairs=10**12, max_linkable=10**12)


def _readout_sentences() -> list[str]:
    """Every sentence of the bundled readouts, in file order, whitespace collapsed."""
    out: list[str] = []
    for path in sorted(READOUTS.glob("*.txt")):
        doc = compare.load(path)
        out += [" ".join(s.text.split()) for s in doc.sentences]
    return out


def large_text(n: int, *, start: int = 0, edit_every: int = 0) -> str:
    """``n`` distinct sentences: readout sentences cycled, each followed by ``Item N.``."""
    base = _readout_sentences()
    parts: list[str] = []
    k = 0
    while len(parts) < n:
        sentence = base[(start + k) % len(base)]
        if edit_every and k % edit_every == 0:
            sentence = sentence.replace("the", "a", 1) + f" ({k})"
        parts.append(sentence)
        if len(parts) < n:
            parts.append(f"Item {k + 1}.")
        k += 1
    return "\n".join(" ".join(parts[i : i + 5]) for i in range(0, len(parts), 5)) + "\n"


def _views(result: Comparison | Collation) -> dict[str, Callable[[], str]]:
    """The views of a result, by name."""
    return {
        "text": result.to_text,
        "text_color": lambda: result.to_text(color=True),
        "markdown": result.to_markdown,
        "html": result.to_html,
        "json": result.to_json,
        "csv": result.to_csv,
        "summary": lambda: repr(_summary(result)),
    }


def _summary(result: Comparison | Collation) -> object:
    """Compute the result's summary again (it is computed once, on construction)."""
    from compare.summary import summarize, summarize_collation

    return summarize(result) if isinstance(result, Comparison) else summarize_collation(result)


def _median_seconds(fn: Callable[[], str], runs: int) -> tuple[float, int]:
    """The median wall-clock seconds of ``runs`` calls, and the length of the output."""
    times = []
    size = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - t0)
    return statistics.median(times), size


def time_views(result: Comparison | Collation, runs: int) -> dict[str, dict[str, float]]:
    """Seconds (median) and output characters of every view of ``result``."""
    out = {}
    for name, fn in _views(result).items():
        seconds, size = _median_seconds(fn, runs)
        out[name] = {"seconds": seconds, "chars": size}
    return out


def main() -> None:
    """Build the inputs, run compare and collate, time every view."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sentences", type=int, default=21_400, help="sentences of the large text")
    p.add_argument("--docs", type=int, default=3, help="accounts collated (0: no collation)")
    p.add_argument("--collate-sentences", type=int, default=2_000, help="sentences per account")
    p.add_argument("--runs", type=int, default=3, help="runs per view (median)")
    p.add_argument("--profile", metavar="VIEW", help="cProfile one pairwise view, print top 25")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args()

    figures: dict[str, object] = {}
    big = Document.from_text(large_text(args.sentences), label="Large", id="large")
    cgtn = compare.load(CGTN)
    t0 = time.perf_counter()
    pair = compare.compare(big, cgtn, options=OPTIONS)
    figures["pairwise"] = {
        "sentences": [len(big.sentences), len(cgtn.sentences)],
        "links": len(pair.links),
        "findings": len(pair.findings),
        "compare_seconds": time.perf_counter() - t0,
        "views": {} if args.profile else time_views(pair, args.runs),
    }
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(_views(pair)[args.profile])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    if args.docs:
        docs = [
            Document.from_text(
                large_text(args.collate_sentences, start=7 * k, edit_every=7 if k else 0),
                label=f"Account {k + 1}",
                id=f"a{k + 1}",
            )
            for k in range(args.docs)
        ]
        t0 = time.perf_counter()
        col = compare.collate(docs, options=OPTIONS)
        figures["collation"] = {
            "documents": args.docs,
            "sentences": args.collate_sentences,
            "claims": len(col.claims),
            "collate_seconds": time.perf_counter() - t0,
            "views": time_views(col, args.runs),
        }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for kind in ("pairwise", "collation"):
        block = figures.get(kind)
        if not isinstance(block, dict):
            continue
        head = {k: v for k, v in block.items() if k != "views"}
        print(kind, ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                              for k, v in head.items()))  # fmt: skip
        for name, v in block["views"].items():
            print(f"  {name:<11} {v['seconds']:8.3f} s  {int(v['chars']):>12,} chars")


if __name__ == "__main__":
    main()
