"""Measure links between sentences in two scripts (Chinese or Arabic against English) with the
semantic scorer, and fit its cross-script cut.

Run from the project root, with the semantic extra installed::

    python benchmarks/eval_languages.py          # fit the cut on dev, report dev and test
    python benchmarks/eval_languages.py --json

The data are our own invented accounts in ``examples/languages/`` (README there): the Chinese
and Arabic ``*-a.txt`` files against an English translation, written by us, of the other
account (``*-b-en.txt``). **Dev** (the cut is fitted here): the bridge pairs, whose B is an
edited copy of A (a changed number, name or date still links; 9 links each). **Test** (not
tuned on): the reworded pairs, whose B tells the same eight claims in independent words and
another order. Every pair is (line of A, line of B), counted from 1.

The cut (:data:`compare.semantic.CROSS_CUT`): over every sentence pair of the dev pairs, the
cosines of the embeddings; the cuts on a 0.005 grid with the best F1 of ``cosine >= cut``
against the dev links, and their middle. Then each pair is compared end to end
(``compare.compare`` with ``Options(scorer=SemanticScorer())``): link precision, recall, F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "examples" / "languages"

BRIDGE = [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (9, 8), (10, 10)]
"""Bridge A's line 8 (the residents' welcome) is not in B; B's line 9 (noise) is not in A."""

PAIRS: dict[str, tuple[str, str, str, list[tuple[int, int]]]] = {
    "zh-bridge": ("dev", "zh-bridge-a.txt", "zh-bridge-b-en.txt", BRIDGE),
    "ar-bridge": ("dev", "ar-bridge-a.txt", "ar-bridge-b-en.txt", BRIDGE),
    "zh-reworded": (
        "test", "zh-reworded-a.txt", "zh-reworded-b-en.txt",
        [(1, 4), (2, 5), (3, 3), (4, 2), (5, 7), (6, 1), (7, 6), (8, 8)],
    ),
    "ar-reworded": (
        "test", "ar-reworded-a.txt", "ar-reworded-b-en.txt",
        [(1, 2), (2, 7), (3, 4), (4, 6), (5, 5), (6, 1), (7, 3), (8, 8)],
    ),
}  # fmt: skip


def _lines(name: str) -> list[str]:
    """The sentences of an example file, one a line."""
    return [x.strip() for x in (FOLDER / name).read_text(encoding="utf-8").splitlines() if x]


def fit_cut() -> dict[str, Any]:
    """The cosine cut with the best F1 on the dev pairs (the middle of the best ones)."""
    from compare.semantic import cosines

    values: list[float] = []
    truth: list[bool] = []
    for split, a, b, gold in PAIRS.values():
        if split != "dev":
            continue
        c = cosines(_lines(a), _lines(b))
        links = {(i - 1, j - 1) for i, j in gold}
        for (i, j), v in np.ndenumerate(c):
            values.append(float(v))
            truth.append((i, j) in links)
    v, t = np.array(values), np.array(truth)
    grid = np.round(np.arange(0.2, 0.9, 0.005), 3)
    f1 = []
    for cut in grid:
        hit = v >= cut
        tp = int((hit & t).sum())
        f1.append(2 * tp / max(int(hit.sum()) + int(t.sum()), 1))
    best = grid[np.array(f1) == max(f1)]
    return {"cut": round(float(best.mean()), 4), "f1": max(f1), "from": float(best[0]),
            "to": float(best[-1])}  # fmt: skip


def evaluate() -> dict[str, Any]:
    """Each pair compared end to end with the semantic scorer: its links against the gold."""
    import compare
    from compare.semantic import SemanticScorer

    options = compare.Options(scorer=SemanticScorer())
    warnings.simplefilter("ignore", compare.LanguageWarning)  # two languages: as intended
    out: dict[str, Any] = {}
    for name, (split, a, b, gold) in PAIRS.items():
        ref, other = compare.load(FOLDER / a), compare.load(FOLDER / b)
        result = compare.compare(ref, other, options=options)
        found = {(i + 1, j + 1) for link in result.links for i in link.ref for j in link.other}
        tp = len(found & set(gold))
        out[name] = {
            "split": split, "gold": len(gold), "found": len(found), "right": tp,
            "precision": tp / max(len(found), 1), "recall": tp / len(gold),
            "missed": sorted(set(gold) - found), "wrong": sorted(found - set(gold)),
        }  # fmt: skip
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Fit the cut on dev and report every pair."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    try:
        import compare.semantic as semantic

        semantic.SemanticScorer()
    except Exception as exc:  # the extra is missing: say how to get it
        print(f"eval_languages: {exc}", file=sys.stderr)
        return 2
    report = {"cut": fit_cut(), "in_use": semantic.CROSS_CUT, "pairs": evaluate()}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    cut = report["cut"]
    print(f"dev cut {cut['cut']} (best F1 {cut['f1']:.3f} from {cut['from']} to {cut['to']}); "
          f"in use {report['in_use']}")  # fmt: skip
    for name, r in report["pairs"].items():
        print(f"{name:12} {r['split']:4}  links {r['right']}/{r['gold']} right, "
              f"{r['found']} found  P {r['precision']:.2f} R {r['recall']:.2f}  "
              f"missed {r['missed']} wrong {r['wrong']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
