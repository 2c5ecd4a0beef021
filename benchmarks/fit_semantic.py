"""Refit the semantic scorer's fusion constants and print them.

Run from the project root, with the semantic extra installed and ../shared next to it::

    .venv/bin/python benchmarks/fit_semantic.py [--data ../shared/eval/mrpc] [--basil DIR]

**Weights, on MRPC train.** For every train pair (``../shared/eval/mrpc/train.jsonl``, read at
run time, never copied into the project): the lexical score (``compare.similarity.pair_scores``,
IDF over every sentence of the split, as ``benchmarks/eval_mrpc.py`` scores it) and the cosine
of the two sentences' embeddings (``compare.semantic.embed``, the split's sentences as one batch,
clipped to [0, 1]). A logistic regression of the paraphrase label on the two (Newton's method,
no regularisation) gives the direction of the fused value; its two weights scaled to sum to 1
are ``LEXICAL_WEIGHT`` and ``COSINE_WEIGHT``. The middle of the best plateau of the paraphrase
class's F1 on train (the median of the fused values, on a 0.0001 grid, whose F1 is within 0.2
points of the best) is printed too, for reference: MRPC's paraphrase cut.

**The cut, on our BASIL gold's dev split.** What the scorer decides in ``compare`` is a link,
and on independent coverage most links are ``partial`` (two sentences sharing one claim), a
looser relation than MRPC's paraphrase. So ``FUSED_CUT`` (the fused value the calibration puts
on the default link threshold) is chosen on the dev split of ``benchmarks/data/basil_gold.json``
(``benchmarks/eval_basil_gold.py``: link F1, every gold relation required; BASIL read from
``../shared/eval/basil``): the whole pipeline (units, anchors, alignment) runs with the scorer
for each cut of :data:`CUTS`, and the cut is the one whose dev F1 averaged with its two
neighbours' on the grid is the highest (the grid's two ends are not candidates). The curve is
jagged: one link moves F1 by about 0.005, and a cut changes the whole alignment. The held-out
test split is not read. Paste the printed lines
into ``src/compare/semantic.py``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import DEFAULT_DATA as DEFAULT_BASIL
from eval_mrpc import DEFAULT_DATA, labels_of, read_split

PROG = "fit_semantic"
GRID = np.round(np.arange(0, 10_001) * 0.0001, 4)
PLATEAU = 0.002
"""Train F1 within this of the best counts as the best plateau (0.2 points: it is flat)."""
CUTS = np.round(np.arange(0.44, 0.5801, 0.01), 4)
"""The fused cuts tried on the BASIL dev split (the MRPC paraphrase cut is 0.5769)."""


def features_of(records: Sequence[dict[str, object]]) -> NDArray[np.float64]:
    """(lexical score, cosine clipped to [0, 1]) of each pair."""
    from compare.semantic import embed
    from compare.similarity import pair_scores

    a = [str(r["a"]) for r in records]
    b = [str(r["b"]) for r in records]
    lexical = np.asarray(pair_scores(a, b, idf_corpus=a + b), dtype=np.float64)
    vectors = embed(a + b).astype(np.float64)
    cosine = np.einsum("ij,ij->i", vectors[: len(a)], vectors[len(a) :])
    return np.column_stack([lexical, np.clip(cosine, 0.0, 1.0)])


def logistic(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weights (intercept first) of a logistic regression of ``y`` on ``x`` (Newton's method)."""
    design = np.column_stack([np.ones(len(x)), x])
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y)
        hessian = (design * (p * (1 - p))[:, None]).T @ design
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def plateau_cut(fused: NDArray[np.float64], gold: NDArray[np.bool_]) -> tuple[float, float, float]:
    """The middle of the best plateau: the median of the grid values whose paraphrase F1 on
    ``fused >= cut`` is within :data:`PLATEAU` of the best; and the best F1 and the F1 there."""
    predicted = fused[None, :] >= GRID[:, None]
    tp = np.sum(predicted & gold[None, :], axis=1)
    fp = np.sum(predicted & ~gold[None, :], axis=1)
    fn = np.sum(~predicted & gold[None, :], axis=1)
    f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(len(GRID)), where=tp > 0)
    best = float(f1.max())
    cut = float(np.round(np.median(GRID[f1 >= best - PLATEAU]), 4))
    return cut, best, float(f1[int(np.argmin(np.abs(GRID - cut)))])


def alignment_cut(basil: Path) -> tuple[float, list[tuple[float, dict[str, float]]]]:
    """The fused cut chosen on the BASIL gold's dev split, and each tried cut's dev figures."""
    import json

    from basil import read_events
    from eval_basil_gold import GOLD, score

    import compare
    from compare import semantic

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    events = {e["event_id"]: e for e in read_events(basil)}
    options = compare.Options(scorer=semantic.SemanticScorer())
    kept = semantic.FUSED_CUT
    tried: list[tuple[float, dict[str, float]]] = []
    try:
        for cut in CUTS.tolist():
            semantic.FUSED_CUT = cut  # calibrate() reads it at call time
            tried.append((cut, score(gold, events, "dev", options)["links"]))
    finally:
        semantic.FUSED_CUT = kept
    f1 = np.array([f["f1"] for _, f in tried])
    smooth = np.convolve(f1, np.ones(3) / 3, mode="valid")  # the grid's two ends have no mean
    return float(CUTS[1 + int(np.argmax(smooth))]), tried


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on MRPC train and the BASIL dev split and print the constants; return the status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR")
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL, metavar="DIR")
    args = parser.parse_args(argv)
    path = args.data / "train.jsonl"
    if not path.is_file():
        print(f"{PROG}: error: MRPC data not found: {path} (pass --data DIR)", file=sys.stderr)
        return 2
    if not (args.basil / "all.jsonl").is_file():
        print(
            f"{PROG}: error: BASIL data not found in {args.basil} (pass --basil DIR)",
            file=sys.stderr,
        )
        return 2
    try:
        import compare.semantic  # noqa: F401 - fails early without the extra
    except ImportError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    records = read_split(path)
    gold = labels_of(records)
    x = features_of(records)
    w = logistic(x, gold.astype(np.float64))
    weights = w[1:] / w[1:].sum()
    fused = x @ weights
    cut, best, f1 = plateau_cut(fused, gold)
    print(
        f"# fitted on {len(records)} MRPC train pairs: logistic weights {np.round(w, 4).tolist()}"
    )
    print(f"# MRPC train F1: best {100 * best:.2f}; paraphrase cut {cut:.4f} (F1 {100 * f1:.2f})")
    print(f"LEXICAL_WEIGHT = {weights[0]:.4f}")
    if abs(weights[0] - semantic_weight()) > 5e-5:
        print("# the BASIL cut below was measured with the current weights; paste, rerun")
    chosen, tried = alignment_cut(args.basil)
    for c, f in tried:
        print(
            f"# BASIL dev, cut {c:.2f}: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}"
        )
    print(f"FUSED_CUT = {chosen:.4f}")
    return 0


def semantic_weight() -> float:
    """The lexical weight the scorer has now (what the BASIL cut is measured with)."""
    from compare.semantic import LEXICAL_WEIGHT

    return LEXICAL_WEIGHT


if __name__ == "__main__":
    sys.exit(main())
