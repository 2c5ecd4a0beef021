"""Measure compare's link decision on the Microsoft Research Paraphrase Corpus (MRPC).

Reproduce the figures (from the project root, with ../shared next to it)::

    .venv/bin/python benchmarks/eval_mrpc.py

The data is read at run time from ``../shared/eval/mrpc/{train,test}.jsonl`` (``--data DIR`` to
override); none of it is copied into the project. Each record ``{"id","a","b","label",...}`` is a
sentence pair labelled paraphrase (1) or not (0). The score of a pair is
``compare.similarity.pair_scores([a], [b], idf_corpus=<every sentence of the split>)``; the link
decision is ``score >= threshold``. The threshold is tuned on train (the value in 0.000..1.000, step
0.005, maximising F1 of the paraphrase class; the lowest such value on ties), then applied once to
test. Baselines, tuned the same way: token Jaccard over lower-cased ``\\w+`` tokens, and "always
paraphrase". ``--semantic`` adds the semantic scorer (``compare.semantic.fuse`` of the lexical
score and the embeddings' cosine; needs the semantic extra), tuned the same way. ``--json`` prints
the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "mrpc"
PROG = "eval_mrpc"
THRESHOLDS = np.round(np.arange(0, 201) * 0.005, 3)
"""The thresholds scanned on train: 0.000, 0.005, ..., 1.000."""

PUBLISHED = "published test acc/F1: always paraphrase 66.5/79.9, token Jaccard 73.0/81.4"

Scores = NDArray[np.float64]
Labels = NDArray[np.bool_]
Record = dict[str, Any]


def _import_compare() -> Any:
    """Import compare, falling back to the source tree when it is not installed."""
    try:
        import compare
    except ImportError:
        sys.path.insert(0, str(REPO / "src"))
        import compare
    return compare


def read_split(path: Path) -> list[Record]:
    """Read one MRPC split; raise ``ValueError`` on a record without ``a``, ``b`` or ``label``."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not all(key in record for key in ("a", "b", "label")):
                raise ValueError(f"{path}:{number}: record lacks 'a', 'b' or 'label'")
            records.append(record)
    return records


def labels_of(records: Sequence[Record]) -> Labels:
    """Gold labels as a boolean array (True = paraphrase)."""
    return np.array([int(r["label"]) == 1 for r in records], dtype=bool)


def compare_scores(records: Sequence[Record]) -> Scores:
    """compare's similarity of each pair, IDF over every sentence of the split."""
    _import_compare()
    from compare.similarity import pair_scores

    a = [r["a"] for r in records]
    b = [r["b"] for r in records]
    return np.asarray(pair_scores(a, b, idf_corpus=a + b), dtype=np.float64)


def semantic_scores(records: Sequence[Record]) -> Scores:
    """The semantic scorer's score of each pair: ``compare.semantic.fuse`` of the lexical score
    (as :func:`compare_scores`) and the cosine of the two sentences' embeddings (the split's
    sentences embedded as one batch)."""
    _import_compare()
    from compare.semantic import embed, fuse

    a = [r["a"] for r in records]
    b = [r["b"] for r in records]
    vectors = embed(a + b).astype(np.float64)
    cosine = np.einsum("ij,ij->i", vectors[: len(a)], vectors[len(a) :])
    return np.asarray(fuse(compare_scores(records), cosine), dtype=np.float64)


def jaccard_scores(records: Sequence[Record]) -> Scores:
    """Token Jaccard of each pair over lower-cased ``\\w+`` tokens (0 when both are empty)."""
    out = np.zeros(len(records), dtype=np.float64)
    for k, record in enumerate(records):
        a = set(re.findall(r"\w+", record["a"].lower()))
        b = set(re.findall(r"\w+", record["b"].lower()))
        union = a | b
        out[k] = len(a & b) / len(union) if union else 0.0
    return out


def always_scores(records: Sequence[Record]) -> Scores:
    """Constant score 1: every pair is called a paraphrase at any threshold."""
    return np.ones(len(records), dtype=np.float64)


def metrics(predicted: Labels, gold: Labels) -> dict[str, float | int]:
    """Accuracy, and precision / recall / F1 of the paraphrase class."""
    tp = int(np.sum(predicted & gold))
    fp = int(np.sum(predicted & ~gold))
    fn = int(np.sum(~predicted & gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float(np.mean(predicted == gold)) if len(gold) else 0.0
    return {
        "accuracy": accuracy,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "n": len(gold),
    }


def tune(scores: Scores, gold: Labels) -> tuple[float, float]:
    """Return (threshold, F1) maximising paraphrase F1 over :data:`THRESHOLDS` (lowest on ties)."""
    predicted = scores[None, :] >= THRESHOLDS[:, None] - 1e-12
    tp = np.sum(predicted & gold[None, :], axis=1)
    fp = np.sum(predicted & ~gold[None, :], axis=1)
    fn = np.sum(~predicted & gold[None, :], axis=1)
    denominator = 2 * tp + fp + fn
    f1 = np.divide(2 * tp, denominator, out=np.zeros(len(THRESHOLDS)), where=denominator > 0)
    best = int(np.argmax(f1))
    return float(THRESHOLDS[best]), float(f1[best])


def evaluate(
    name: str,
    scorer: Callable[[Sequence[Record]], Scores],
    train: Sequence[Record],
    test: Sequence[Record],
) -> dict[str, Any]:
    """Tune ``scorer``'s threshold on train, then measure it once on test."""
    started = time.perf_counter()
    train_scores = scorer(train)
    test_scores = scorer(test)
    seconds = time.perf_counter() - started
    threshold, train_f1 = tune(train_scores, labels_of(train))
    result = metrics(test_scores >= threshold - 1e-12, labels_of(test))
    return {
        "method": name,
        "threshold": threshold,
        "train_f1": train_f1,
        "test": result,
        "seconds": round(seconds, 3),
    }


def _print_table(report: dict[str, Any]) -> None:
    print(
        f"MRPC: train {report['train_pairs']} pairs, test {report['test_pairs']} pairs "
        f"(data: {report['data']})"
    )
    header = f"{'method':<20} {'thresh':>6} {'trainF1':>7} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6}"
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        t = row["test"]
        print(
            f"{row['method']:<20} {row['threshold']:>6.3f} {100 * row['train_f1']:>7.1f} "
            f"{100 * t['accuracy']:>6.1f} {100 * t['precision']:>6.1f} "
            f"{100 * t['recall']:>6.1f} {100 * t['f1']:>6.1f}"
        )
    print(f"(test figures in %, threshold tuned on train; {PUBLISHED})")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        metavar="DIR",
        help=f"folder holding train.jsonl and test.jsonl (default: {DEFAULT_DATA})",
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="also measure the semantic scorer (needs the semantic extra)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    splits: dict[str, list[Record]] = {}
    for split in ("train", "test"):
        path = args.data / f"{split}.jsonl"
        if not path.is_file():
            print(f"{PROG}: error: MRPC data not found: {path} (pass --data DIR)", file=sys.stderr)
            return 2
        try:
            splits[split] = read_split(path)
        except ValueError as exc:  # includes json.JSONDecodeError
            print(f"{PROG}: error: cannot read {path}: {exc}", file=sys.stderr)
            return 2
    train, test = splits["train"], splits["test"]

    results = [
        evaluate("compare", compare_scores, train, test),
        *([evaluate("compare --semantic", semantic_scores, train, test)] if args.semantic else []),
        evaluate("token Jaccard", jaccard_scores, train, test),
        evaluate("always paraphrase", always_scores, train, test),
    ]
    report = {
        "data": str(args.data),
        "train_pairs": len(train),
        "test_pairs": len(test),
        "results": results,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
