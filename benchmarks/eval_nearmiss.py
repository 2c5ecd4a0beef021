"""Measure the near-miss band: which unlinked sentences get a closest candidate, and are they right.

Reproduce the figures (from the project root, with ../shared next to it)::

    .venv/bin/python benchmarks/eval_nearmiss.py

For each gold file (default: ``tests/data/cgtn_relay_gold.json``,
``../shared/eval/readouts_gold.json`` and ``tests/data/newsweek_reworded_gold.json``) and each
gold pair in it, the script runs ``compare.compare(ref, other, Options(near_miss=0))`` once, so
every omitted and added sentence has its closest candidate, then for each band edge (``--edges``)
counts, over the unlinked sentences:

- **counterpart shown**: sentences the gold links to something (a counterpart the alignment
  missed) whose candidate, at that edge, is one of their gold counterparts;
- **only-in with a candidate**: sentences the gold says have no counterpart that still get a
  candidate (the noise an analyst reads);
- **with a candidate**: all unlinked sentences that get one.

It also lists each missed gold counterpart with its score and the score of the sentence that
outranks it, for tuning. ``--json`` prints the figures as JSON. A missing gold file is skipped
with a note; exit 2 on a gold file that is not one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gold import HEADER, REPO, SHARED, load_gold, resolve, shorten

DEFAULT_GOLDS = (
    REPO / "tests" / "data" / "cgtn_relay_gold.json",
    SHARED / "eval" / "readouts_gold.json",
    REPO / "tests" / "data" / "newsweek_reworded_gold.json",
)
DEFAULT_CORPUS = REPO / "examples" / "readouts"
DEFAULT_EDGES = (0.2, 0.25, 0.28, 0.3, 0.32, 0.35, 0.4, 0.45)
PROG = "eval_nearmiss"


def _import_compare() -> Any:
    """Import compare, falling back to the source tree when it is not installed."""
    try:
        import compare
    except ImportError:
        sys.path.insert(0, str(REPO / "src"))
        import compare
    return compare


def _indices(doc: Any, snippets: Sequence[str], side: str) -> set[int]:
    """The sentences of ``doc`` holding the snippets (header snippets left out)."""
    out: set[int] = set()
    for snippet in snippets:
        found = resolve(doc, snippet, side, [])
        if found != HEADER:
            out.update(found)
    return out


def _scores(compare: Any, result: Any) -> Any:
    """The score matrix the comparison's aligner read (dense), recomputed."""
    import numpy as np

    from compare.pairwise import alignment_scores
    from compare.similarity import features, idf_table

    fr = features(s.text for s in result.reference.sentences)
    fo = features(s.text for s in result.other.sentences)
    idf = idf_table([f.keys for f in fr] + [f.keys for f in fo])
    scores = alignment_scores(fr, fo, idf, result.options)
    if not isinstance(scores, np.ndarray):
        dense = np.zeros(scores.shape)
        dense[scores.rows, scores.cols] = scores.values
        scores = dense
    return scores


def evaluate_pair(
    compare: Any, pair: dict[str, Any], corpus: Path, edges: Sequence[float]
) -> dict[str, Any]:
    """The figures of one gold pair at every band edge."""
    ref = compare.load(corpus / pair["ref"])
    other = compare.load(corpus / pair["other"])
    result = compare.compare(ref, other, options=compare.Options(near_miss=0.0))
    scores = _scores(compare, result)
    counterparts: dict[tuple[str, int], set[int]] = {}
    relation: dict[tuple[str, int, int], str] = {}
    for link in pair["links"]:
        rs = _indices(ref, link["ref"], "ref")
        os_ = _indices(other, link["other"], "other")
        for i in rs:
            counterparts.setdefault(("ref", i), set()).update(os_)
            for j in os_:
                relation[("ref", i, j)] = link.get("relation", "?")
        for j in os_:
            counterparts.setdefault(("other", j), set()).update(rs)
            for i in rs:
                relation[("other", j, i)] = link.get("relation", "?")
    only = {
        ("ref", i)
        for i in _indices(ref, [o["snippet"] for o in pair.get("only_in_ref", [])], "ref")
    }
    only |= {
        ("other", j)
        for j in _indices(other, [o["snippet"] for o in pair.get("only_in_other", [])], "other")
    }
    unlinked = [("ref", i, result.closest_omitted.get(i)) for i in result.omitted]
    unlinked += [("other", j, result.closest_added.get(j)) for j in result.added]
    with_gold = [(s, k, c) for s, k, c in unlinked if counterparts.get((s, k))]
    only_in = [(s, k, c) for s, k, c in unlinked if (s, k) in only]
    rows = []
    for edge in edges:

        def shown(c: Any, edge: float = edge) -> bool:
            return c is not None and c.score >= edge

        rows.append(
            {
                "edge": edge,
                "counterpart_shown": sum(
                    1 for s, k, c in with_gold if shown(c) and c.index in counterparts[(s, k)]
                ),
                "with_counterpart": len(with_gold),
                "only_in_with_candidate": sum(1 for _s, _k, c in only_in if shown(c)),
                "only_in": len(only_in),
                "with_candidate": sum(1 for _s, _k, c in unlinked if shown(c)),
                "unlinked": len(unlinked),
            }
        )
    missed = []
    for side, k, cand in with_gold:
        for g in sorted(counterparts[(side, k)]):
            score = float(scores[k, g] if side == "ref" else scores[g, k])
            missed.append(
                {
                    "side": side,
                    "sentence": k,
                    "text": shorten((ref if side == "ref" else other).sentences[k].text, 70),
                    "gold": g,
                    "relation": relation[(side, k, g)],
                    "gold_score": round(score, 4),
                    "closest": cand.index if cand else None,
                    "closest_score": cand.score if cand else None,
                }
            )
    return {
        "name": pair.get("name", f"{pair['ref']} vs {pair['other']}"),
        "edges": rows,
        "counterparts": missed,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurement and print it; return the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("golds", nargs="*", type=Path, default=list(DEFAULT_GOLDS))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--edges", type=float, nargs="+", default=list(DEFAULT_EDGES))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    compare = _import_compare()
    report = []
    for path in args.golds:
        if not path.is_file():
            print(f"{PROG}: note: no gold file {path}; skipped", file=sys.stderr)
            continue
        try:
            pairs = load_gold(path)
        except ValueError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 2
        for pair in pairs:
            figures = evaluate_pair(compare, pair, args.corpus, args.edges)
            report.append({"gold": path.name, **figures})
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for entry in report:
        print(f"== {entry['gold']} · {entry['name']} ==")
        print("  edge  counterpart shown  only-in with a candidate  unlinked with a candidate")
        for r in entry["edges"]:
            print(
                f"  {r['edge']:.2f}  {r['counterpart_shown']:>8} / {r['with_counterpart']:<7}"
                f"  {r['only_in_with_candidate']:>11} / {r['only_in']:<11}"
                f"  {r['with_candidate']:>11} / {r['unlinked']}"
            )
        for m in entry["counterparts"]:
            closest = (
                f"closest {m['closest']} at {m['closest_score']:.3f}"
                if m["closest"] is not None
                else "no candidate"
            )
            print(
                f"  {m['side']} {m['sentence']} ({m['text']}) ↔ gold {m['relation']} {m['gold']} "
                f"at {m['gold_score']:.3f}; {closest}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
