"""Score compare's sentence alignment against hand-made gold alignments of the readouts corpus.

Reproduce the figures (from the project root, with ../shared next to it)::

    .venv/bin/python benchmarks/eval_readouts.py

Default gold files: ``../shared/eval/readouts_gold.json`` (CGTN readout vs Syrian relay,
labelled by others) and ``tests/data/newsweek_reworded_gold.json`` (Newsweek report vs its
reworded copy, labelled by us). Each gold pair names two files of the corpus folder (default
``examples/readouts``); the script runs ``compare.compare(ref, other)`` on them and prints, per
pair and pooled, link precision / recall / F1 over (ref sentence, other sentence) pairs
(``partial`` gold links count as required), the recall and precision of ``omitted`` / ``added``
against the gold only-in sentences, and the false positives and false negatives with their
sentences, for tuning. ``--semantic`` scores with ``compare.SemanticScorer()`` (the semantic
extra). ``--threshold X`` sets ``Options(link_threshold=X)``; ``--json`` prints
the figures as JSON. Exit 2 on a missing file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gold import REPO, SHARED, add_set_option, load_gold, option_settings, pooled, score_pair

DEFAULT_GOLDS = (
    SHARED / "eval" / "readouts_gold.json",
    REPO / "tests" / "data" / "newsweek_reworded_gold.json",
)
DEFAULT_CORPUS = REPO / "examples" / "readouts"
PROG = "eval_readouts"


def _import_compare() -> Any:
    """Import compare, falling back to the source tree when it is not installed."""
    try:
        import compare
    except ImportError:
        sys.path.insert(0, str(REPO / "src"))
        import compare
    return compare


def _fail(message: str) -> int:
    """Print a one-line error and return the usage/input exit status."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _fmt_ratio(value: float) -> str:
    return f"{value:.3f}"


def _print_text(report: dict[str, Any]) -> None:
    """Print the human-readable report: figures, then what to look at when tuning."""
    for s in report["pairs"]:
        print(
            f"== {s['name']}: {s['ref']} (ref, {s['sentences']['ref']} sentences) vs "
            f"{s['other']} (other, {s['sentences']['other']} sentences) =="
        )
        _print_figures(s)
        for note in s["notes"]:
            print(f"  note: {note}")
        for warning in s["warnings"]:
            print(f"  WARNING: {warning}")
        if s["false_positives"]:
            print("  false positives (system links not in the gold):")
            for fp in s["false_positives"]:
                print(f"    ref[{fp['ref']}] {fp['ref_text']}")
                print(f"      ↔ other[{fp['other']}] {fp['other_text']}")
                print(
                    f"      score {fp['score']:.3f} {fp['relation']}; gold: ref is {fp['gold_ref']}"
                )
        if s["false_negatives"]:
            print("  false negatives (gold links the system missed):")
            for fn in s["false_negatives"]:
                partners = fn["system_partners"]
                where = (
                    f"system links ref to {partners}" if partners else "system leaves ref unlinked"
                )
                print(f"    ref[{fn['ref']}] {fn['ref_text']}")
                print(f"      ↔ other[{fn['other']}] {fn['other_text']}")
                print(f"      gold {fn['relation']}; {where}")
        for key, label in (("omitted", "only_in_ref"), ("added", "only_in_other")):
            block = s[key]
            if block["missed"]:
                print(f"  gold {label} sentences not in {key}:")
                for i, text in block["missed"]:
                    print(f"    [{i}] {text}")
            if block["wrong"]:
                print(f"  {key} sentences the gold links:")
                for i, text in block["wrong"]:
                    print(f"    [{i}] {text}")
            if block["unannotated"]:
                print(f"  {key} sentences the gold does not annotate (not scored):")
                for i, text in block["unannotated"]:
                    print(f"    [{i}] {text!r}")
        print()
    if len(report["pairs"]) > 1:
        print(f"== pooled over {len(report['pairs'])} pairs ==")
        _print_figures(report["pooled"])
    threshold = report["link_threshold"]
    print(f"(link_threshold: {'library default' if threshold is None else threshold})")


def _print_figures(s: dict[str, Any]) -> None:
    links = s["links"]
    print(
        f"  links    P {_fmt_ratio(links['precision'])}  R {_fmt_ratio(links['recall'])}  "
        f"F1 {_fmt_ratio(links['f1'])}   (TP {links['tp']}, FP {links['fp']}, FN {links['fn']})"
    )
    relations = ", ".join(
        f"{rel} {e['tp']}/{e['n']}" for rel, e in sorted(s["recall_by_relation"].items())
    )
    print(f"  link recall by gold relation: {relations}")
    for key in ("omitted", "added"):
        b = s[key]
        print(
            f"  {key:<8} R {_fmt_ratio(b['recall'])} ({b['hit']}/{b['gold']})  "
            f"P {_fmt_ratio(b['precision'])} ({b['hit']}/{b['system']})"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold",
        action="append",
        type=Path,
        metavar="PATH",
        help="gold alignment file (repeatable; default: the two known golds)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help=f"folder of the readouts (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="X",
        help="Options(link_threshold=X); default: the library's default",
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="Options(scorer=compare.SemanticScorer()): needs the semantic extra",
    )
    add_set_option(parser)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    golds: list[Path] = args.gold or list(DEFAULT_GOLDS)
    gold_pairs: list[dict[str, Any]] = []
    for path in golds:
        if not path.is_file():
            return _fail(f"gold file not found: {path}")
        try:
            gold_pairs.extend(load_gold(path))
        except ValueError as exc:  # includes json.JSONDecodeError
            return _fail(f"cannot read gold file {path}: {exc}")
    if not args.corpus.is_dir():
        return _fail(f"corpus folder not found: {args.corpus}")
    for pair in gold_pairs:
        for key in ("ref", "other"):
            if not (args.corpus / pair[key]).is_file():
                return _fail(f"corpus file not found: {args.corpus / pair[key]}")

    compare = _import_compare()
    try:
        given: dict[str, Any] = option_settings(args.set)
    except ValueError as exc:
        return _fail(str(exc))
    try:
        if args.threshold is not None:
            given["link_threshold"] = args.threshold
        if args.semantic:
            given["scorer"] = compare.SemanticScorer()
        options = compare.Options(**given)
        scores = []
        for pair in gold_pairs:
            ref = compare.load(args.corpus / pair["ref"])
            other = compare.load(args.corpus / pair["other"])
            result = compare.compare(ref, other, options=options)
            scores.append(score_pair(pair, result))
    except compare.CompareError as exc:
        return _fail(str(exc))

    report = {
        "gold": [str(p) for p in golds],
        "corpus": str(args.corpus),
        "link_threshold": args.threshold,
        "scorer": "semantic" if args.semantic else "lexical",
        "pairs": scores,
        "pooled": pooled(scores),
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
