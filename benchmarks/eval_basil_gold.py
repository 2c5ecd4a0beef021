"""Score sentence alignment against our own gold of BASIL article pairs (independent coverage).

Run from the project root::

    python benchmarks/eval_basil_gold.py                  # dev split, lexical scorer
    python benchmarks/eval_basil_gold.py --split test     # the held-out third (do not tune on it)
    python benchmarks/eval_basil_gold.py --semantic       # with the [semantic] extra's scorer
    python benchmarks/eval_basil_gold.py --json
    python benchmarks/eval_basil_gold.py --set mutual_floor=0.3   # any option (repeatable)

The gold (``benchmarks/data/basil_gold.json``) was annotated by reading, before anything was tuned
on it: for 9 BASIL events drawn at random (``random.seed(9)``, ``random.sample(range(100), 9)``),
the pairs Fox News vs New York Times and New York Times vs HuffPost; every sentence is in a link
(``same`` / ``paraphrase`` / ``partial``) or only in its article. It names sentences by their index
in BASIL's sentence lists, so it holds no text of the corpus; the texts are read from
``../shared/eval/basil`` (``--data``). The first 6 events are the dev split, the last 3 the test
split.

Reported, pooled over the pairs of the split: link precision, recall and F1 over (ref sentence,
other sentence) pairs, every gold relation counted as required; recall per gold relation; and the
share of only-in sentences that land in ``omitted`` / ``added``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gold import add_set_option, option_settings, prf
from basil import DEFAULT_DATA, DataMissing, build_document, read_events

import compare

GOLD = Path(__file__).resolve().parent / "data" / "basil_gold.json"
RELATIONS = ("same", "paraphrase", "partial")


def _links(
    result: compare.Comparison, ref_back: dict[int, int], other_back: dict[int, int]
) -> set[tuple[int, int]]:
    """The comparison's links as (ref BASIL index, other BASIL index) pairs."""
    return {
        (ref_back[i], other_back[j]) for link in result.links for i in link.ref for j in link.other
    }


def score(
    gold: dict[str, Any], events: dict[str, dict[str, Any]], split: str, options: compare.Options
) -> dict[str, Any]:
    """Compare every gold pair of ``split`` and pool the figures."""
    chosen = (
        gold["split"][split] if split != "all" else gold["split"]["dev"] + gold["split"]["test"]
    )
    tp = fp = fn = 0
    system_relation: Counter[str] = Counter()
    right_relation: Counter[str] = Counter()
    by_relation: Counter[str] = Counter()
    found_relation: Counter[str] = Counter()
    only = {"ref": [0, 0], "other": [0, 0]}
    pairs_out: list[dict[str, Any]] = []
    for pair in gold["pairs"]:
        if pair["event_id"] not in chosen:
            continue
        docs = {d["outlet"]: d for d in events[pair["event_id"]]["docs"]}
        ref, ref_index = build_document(docs[pair["ref"]])
        other, other_index = build_document(docs[pair["other"]])
        result = compare.compare(ref, other, options=options)
        ref_back = {ours: k for k, ours in ref_index.items()}
        other_back = {ours: k for k, ours in other_index.items()}
        system = _links(result, ref_back, other_back)
        gold_links: dict[tuple[int, int], str] = {}
        for link in pair["links"]:
            for i in link["ref"]:
                for j in link["other"]:
                    gold_links.setdefault((i, j), link["relation"])
        hit = system & set(gold_links)
        for link in result.links:
            for i in link.ref:
                for j in link.other:
                    system_relation[link.relation] += 1
                    right_relation[link.relation] += (ref_back[i], other_back[j]) in gold_links
        tp += len(hit)
        fp += len(system - set(gold_links))
        fn += len(set(gold_links) - system)
        for key, relation in gold_links.items():
            by_relation[relation] += 1
            found_relation[relation] += key in hit
        omitted = {ref_back[i] for i in result.omitted}
        added = {other_back[j] for j in result.added}
        only["ref"][0] += len(set(pair["only_in_ref"]))
        only["ref"][1] += len(set(pair["only_in_ref"]) & omitted)
        only["other"][0] += len(set(pair["only_in_other"]))
        only["other"][1] += len(set(pair["only_in_other"]) & added)
        pairs_out.append(
            {
                "event_id": pair["event_id"],
                "pair": f"{pair['ref']} vs {pair['other']}",
                **prf(len(hit), len(system - set(gold_links)), len(set(gold_links) - system)),
                "missed": sorted(set(gold_links) - system),
                "wrong": sorted(system - set(gold_links)),
            }
        )
    return {
        "split": split,
        "pairs": pairs_out,
        "links": prf(tp, fp, fn),
        "recall_by_relation": {
            r: {"gold": by_relation[r], "found": found_relation[r]} for r in RELATIONS
        },
        "precision_by_relation": {
            r: {"system": system_relation[r], "right": right_relation[r]}
            for r in ("same", "reworded", "partial")
        },
        "only_in_ref_omitted": only["ref"],
        "only_in_other_added": only["other"],
    }


def _print(report: dict[str, Any]) -> None:
    """Print the figures as a short table."""
    for p in report["pairs"]:
        print(
            f"{p['event_id'][:13]}  {p['pair']:<11}  P {p['precision']:.2f}  R {p['recall']:.2f}  "
            f"F1 {p['f1']:.2f}  missed {p['missed']}  wrong {p['wrong']}"
        )
    links = report["links"]
    print(
        f"\n{report['split']}: links P {links['precision']:.3f}  R {links['recall']:.3f}  "
        f"F1 {links['f1']:.3f}  (tp {links['tp']}, fp {links['fp']}, fn {links['fn']})"
    )
    for r, c in report["recall_by_relation"].items():
        share = c["found"] / c["gold"] if c["gold"] else 0.0
        print(f"  recall {r:<10} {c['found']}/{c['gold']} = {share:.2f}")
    for r, c in report["precision_by_relation"].items():
        share = c["right"] / c["system"] if c["system"] else 0.0
        print(f"  precision of our {r:<9} links {c['right']}/{c['system']} = {share:.2f}")
    o, a = report["only_in_ref_omitted"], report["only_in_other_added"]
    print(f"  only-in -> omitted {o[1]}/{o[0]}   only-in -> added {a[1]}/{a[0]}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding all.jsonl")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--semantic", action="store_true", help="use the [semantic] scorer")
    parser.add_argument("--link-threshold", type=float, default=None)
    add_set_option(parser)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    try:
        events = {e["event_id"]: e for e in read_events(args.data)}
    except DataMissing as exc:
        print(f"eval_basil_gold: {exc}", file=sys.stderr)
        return 2
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    try:
        kwargs: dict[str, Any] = option_settings(args.set)
    except ValueError as exc:
        print(f"eval_basil_gold: {exc}", file=sys.stderr)
        return 2
    if args.link_threshold is not None:
        kwargs["link_threshold"] = args.link_threshold
    if args.semantic:
        from compare.semantic import SemanticScorer

        kwargs["scorer"] = SemanticScorer()
    try:
        options = compare.Options(**kwargs)
    except compare.CompareError as exc:
        print(f"eval_basil_gold: {exc}", file=sys.stderr)
        return 2
    report = score(gold, events, args.split, options)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
