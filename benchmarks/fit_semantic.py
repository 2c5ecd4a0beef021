"""Refit the semantic scorer's fusion constants on MRPC train and print them.

Run from the project root, with the semantic extra installed and ../shared next to it::

    .venv/bin/python benchmarks/fit_semantic.py [--data ../shared/eval/mrpc]

For every train pair (``../shared/eval/mrpc/train.jsonl``, read at run time, never copied into
the project): the lexical score (``compare.similarity.pair_scores``, IDF over every sentence of
the split, as ``benchmarks/eval_mrpc.py`` scores it) and the cosine of the two sentences'
embeddings (``compare.semantic.embed``, the split's sentences as one batch, clipped to [0, 1]).
A logistic regression of the paraphrase label on the two (Newton's method, no regularisation)
gives the direction of the fused value; its two weights scaled to sum to 1 are
``LEXICAL_WEIGHT`` and ``COSINE_WEIGHT``. ``FUSED_CUT`` is the middle of the best plateau of the
paraphrase class's F1 on train: the median of the fused values, on a 0.0001 grid, whose F1 is
within 0.2 points of the best (the curve is flat from about 0.53 to 0.61, and the single best
point moves with a few pairs). Paste the printed lines
into ``src/compare/semantic.py``. The test split is not read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_mrpc import DEFAULT_DATA, labels_of, read_split

PROG = "fit_semantic"
GRID = np.round(np.arange(0, 10_001) * 0.0001, 4)
PLATEAU = 0.002
"""Train F1 within this of the best counts as the best plateau (0.2 points: it is flat)."""


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


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on MRPC train and print the constants; return the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR")
    args = parser.parse_args(argv)
    path = args.data / "train.jsonl"
    if not path.is_file():
        print(f"{PROG}: error: MRPC data not found: {path} (pass --data DIR)", file=sys.stderr)
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
    print(f"# train F1: best {100 * best:.2f}, at the cut {100 * f1:.2f}")
    print(f"LEXICAL_WEIGHT = {weights[0]:.4f}")
    print(f"FUSED_CUT = {cut:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
