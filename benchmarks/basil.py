"""Collate BASIL: 100 events, each reported by Fox News, the New York Times and HuffPost.

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/basil.py                       # data from ../shared/eval/basil
    .venv/bin/python benchmarks/basil.py --data PATH/TO/basil  # a folder holding all.jsonl
    .venv/bin/python benchmarks/basil.py --json                # the figures as JSON

BASIL (Fan et al. 2019, "In Plain Sight: Media Bias Through the Lens of Factual Reporting") is
research data under the outlets' copyright: this script reads it from its folder and prints only
figures, never its text.

Documents are built directly from BASIL's sentence lists, one :class:`compare.Sentence` per list
item (text joined with newlines, offsets into it), not by joining the sentences and segmenting
again: BASIL's bias spans are addressed by (document, sentence index, character offsets), and
keeping BASIL's own segmentation maps every span to exactly one sentence of ours. (How often our
segmenter would give back the same sentences is reported too, as ``resegmented``.) Empty list items
(7 in the corpus) get no sentence; leading and trailing spaces are left out of a sentence's span.

Reported:

- total seconds of ``compare.collate`` over the 100 events (documents built beforehand), first
  round (it pays first-call costs) and the median of ``--rounds`` rounds, with the per-event median;
- claims per event (mean, median, range) and how many sources carry them: the share of claims
  carried by all three outlets, by two, by one;
- where BASIL's ``inf`` spans (informational bias: content an outlet includes to sway the reader)
  fall: in claims unique to their outlet or in claims shared by two or three, against the same
  split for every sentence (the base rate) and for ``lex`` spans (word choice) as a contrast; and
  the share of sentences holding an ``inf`` span among sentences of unique vs shared claims
  (``--link-threshold`` shows how that depends on what counts as the same claim);
- order independence on real data: each event collated again in reverse order, claims compared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import compare
from compare import Collation, Document, Sentence

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "basil"
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
TARGET_S = 10.0


class DataMissing(Exception):
    """The BASIL folder or its all.jsonl is not where it was said to be."""


def read_events(folder: Path) -> list[dict[str, Any]]:
    """Read all.jsonl from the BASIL folder, one event per line."""
    path = folder / "all.jsonl"
    if not path.is_file():
        raise DataMissing(
            f"no BASIL data at {path}: give the folder holding all.jsonl with --data "
            f"(default {DEFAULT_DATA}; see ../shared/eval/README.md)"
        )
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def build_document(entry: dict[str, Any]) -> tuple[Document, dict[int, int]]:
    """One outlet's article as a Document with BASIL's sentences; BASIL index -> our index."""
    text = "\n".join(entry["sentences"])
    sentences: list[Sentence] = []
    index_of: dict[int, int] = {}
    pos = 0
    for k, raw in enumerate(entry["sentences"]):
        core = raw.strip()
        if core:
            start = pos + raw.index(core)
            index_of[k] = len(sentences)
            sentences.append(Sentence(len(sentences), start, start + len(core), core))
        pos += len(raw) + 1
    outlet = entry["outlet"]
    doc = Document(
        id=outlet,
        label=OUTLETS.get(outlet, outlet),
        text=text,
        sentences=tuple(sentences),
        meta={"date": entry["date"]} if entry.get("date") else {},
    )
    return doc, index_of


def claim_sets(c: Collation) -> frozenset[frozenset[tuple[str, tuple[int, ...]]]]:
    """The claims as sets of (outlet, sentence indices)."""
    return frozenset(frozenset(claim.members.items()) for claim in c.claims)


def resegmented(entry: dict[str, Any]) -> bool:
    """Whether our segmenter, given the sentences joined by spaces, gives the same sentences."""
    mine = [s.text for s in Document.from_text(" ".join(entry["sentences"])).sentences]
    return mine == [s.strip() for s in entry["sentences"] if s.strip()]


def run(folder: Path, rounds: int, options: compare.Options) -> dict[str, Any]:
    """Collate every event; return the figures."""
    events = read_events(folder)
    built = [[build_document(d) for d in ev["docs"]] for ev in events]
    docs = [[doc for doc, _ in event] for event in built]

    first: list[float] = []
    results: list[Collation] = []
    for event_docs in docs:
        t0 = time.perf_counter()
        results.append(compare.collate(event_docs, options=options))
        first.append(time.perf_counter() - t0)
    totals = [sum(first)]
    per_event = list(first)
    for _ in range(rounds - 1):
        t0 = time.perf_counter()
        for event_docs in docs:
            compare.collate(event_docs, options=options)
        totals.append(time.perf_counter() - t0)

    claims_per_event = [len(c.claims) for c in results]
    by_sources: Counter[int] = Counter(claim.sources for c in results for claim in c.claims)
    all_claims = sum(by_sources.values())

    # Where each sentence, and each bias span, ends up: in a claim of 1, 2 or 3 sources.
    sentence_sources: Counter[int] = Counter()
    span_sources: dict[str, Counter[int]] = {"inf": Counter(), "lex": Counter()}
    span_sentences: dict[str, Counter[int]] = {"inf": Counter(), "lex": Counter()}
    skipped = Counter[str]()
    for event, event_built, c in zip(events, built, results, strict=True):
        sources_of: dict[tuple[str, int], int] = {}
        for claim in c.claims:
            for outlet, idx in claim.members.items():
                for i in idx:
                    sources_of[(outlet, i)] = claim.sources
        sentence_sources.update(sources_of.values())
        seen: dict[str, set[tuple[str, int]]] = {"inf": set(), "lex": set()}
        for span in event["bias_spans"]:
            kind = span["bias"]
            if kind not in span_sources:
                continue
            if span["in_title"]:
                skipped[f"{kind} in title"] += 1
                continue
            doc, index_of = event_built[span["doc_index"]]
            ours = index_of.get(span["sent_index"])
            if ours is None:
                skipped[f"{kind} in an empty sentence"] += 1
                continue
            n = sources_of[(doc.id, ours)]
            span_sources[kind][n] += 1
            if (doc.id, ours) not in seen[kind]:
                seen[kind].add((doc.id, ours))
                span_sentences[kind][n] += 1

    reversed_same = sum(
        claim_sets(c) == claim_sets(compare.collate(event_docs[::-1], options=options))
        for c, event_docs in zip(results, docs, strict=True)
    )
    reseg = [resegmented(d) for ev in events for d in ev["docs"]]

    def split(counts: Counter[int]) -> dict[str, Any]:
        total = sum(counts.values())
        return {
            "n": total,
            "unique": counts[1] / total if total else None,
            "in_2": counts[2] / total if total else None,
            "in_3": counts[3] / total if total else None,
        }

    def rate(kind: str, unique: bool) -> float:
        held = (
            span_sentences[kind][1]
            if unique
            else sum(span_sentences[kind].values()) - (span_sentences[kind][1])
        )
        total = (
            sentence_sources[1]
            if unique
            else sum(sentence_sources.values()) - (sentence_sources[1])
        )
        return held / total if total else 0.0

    return {
        "link_threshold": options.link_threshold,
        "events": len(events),
        "documents": sum(len(d) for d in docs),
        "sentences": sum(len(doc.sentences) for event_docs in docs for doc in event_docs),
        "seconds_first_round": totals[0],
        "seconds_median": statistics.median(totals),
        "seconds_rounds": totals,
        "rounds": rounds,
        "per_event_ms_median": 1000 * statistics.median(per_event),
        "per_event_ms_max": 1000 * max(per_event),
        "target_met": statistics.median(totals) <= TARGET_S and totals[0] <= TARGET_S,
        "claims_per_event": {
            "mean": statistics.mean(claims_per_event),
            "median": statistics.median(claims_per_event),
            "min": min(claims_per_event),
            "max": max(claims_per_event),
        },
        "claims": {
            "total": all_claims,
            "in_3": by_sources[3] / all_claims,
            "in_2": by_sources[2] / all_claims,
            "unique": by_sources[1] / all_claims,
            "mean_in_3_per_event": statistics.mean(
                sum(claim.sources == 3 for claim in c.claims) / len(c.claims) for c in results
            ),
        },
        "sentences_by_claim_sources": split(sentence_sources),
        "inf_spans": split(span_sources["inf"]),
        "inf_sentences": split(span_sentences["inf"]),
        "lex_spans": split(span_sources["lex"]),
        "lex_sentences": split(span_sentences["lex"]),
        "inf_rate_unique": rate("inf", True),
        "inf_rate_shared": rate("inf", False),
        "lex_rate_unique": rate("lex", True),
        "lex_rate_shared": rate("lex", False),
        "spans_skipped": dict(skipped),
        "reversed_order_same_claims": reversed_same,
        "resegmented_same": sum(reseg),
        "resegmented_of": len(reseg),
    }


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:5.1f} %"


def print_text(r: dict[str, Any]) -> None:
    """Print the figures for people."""
    c = r["claims_per_event"]
    print(
        f"BASIL: {r['events']} events, {r['documents']} articles, {r['sentences']} sentences; "
        f"link threshold {r['link_threshold']}"
    )
    print()
    verdict = "met" if r["target_met"] else "MISSED"
    print(
        f"time: {r['seconds_first_round']:.2f} s for all events (first round), "
        f"{r['seconds_median']:.2f} s median of {r['rounds']} rounds "
        f"({', '.join(f'{t:.2f}' for t in r['seconds_rounds'])}); per event median "
        f"{r['per_event_ms_median']:.1f} ms, max {r['per_event_ms_max']:.1f} ms "
        f"(target <= {TARGET_S:.0f} s: {verdict})"
    )
    print(
        f"claims per event: mean {c['mean']:.1f}, median {c['median']:g}, "
        f"range {c['min']}-{c['max']}"
    )
    k = r["claims"]
    print(
        f"claims carried by all three outlets: {_pct(k['in_3'])} of {k['total']} claims "
        f"(by two: {_pct(k['in_2'])}, by one: {_pct(k['unique'])}); "
        f"mean per event {_pct(k['mean_in_3_per_event'])}"
    )
    print()
    print("where sentences and bias spans fall, by how many outlets carry their claim:")
    print(f"  {'':34} {'n':>6} {'unique':>8} {'in 2':>8} {'in 3':>8}")
    for key, name in (
        ("sentences_by_claim_sources", "every sentence (base rate)"),
        ("inf_spans", "inf spans (informational bias)"),
        ("inf_sentences", "sentences holding an inf span"),
        ("lex_spans", "lex spans (word choice)"),
        ("lex_sentences", "sentences holding a lex span"),
    ):
        s = r[key]
        print(
            f"  {name:34} {s['n']:>6} {_pct(s['unique']):>8} {_pct(s['in_2']):>8} "
            f"{_pct(s['in_3']):>8}"
        )
    print(
        f"  share of sentences holding an inf span: {_pct(r['inf_rate_unique'])} in unique "
        f"claims, {_pct(r['inf_rate_shared'])} in shared ones (lex: "
        f"{_pct(r['lex_rate_unique'])} vs {_pct(r['lex_rate_shared'])})"
    )
    if r["spans_skipped"]:
        skipped = ", ".join(f"{n} {what}" for what, n in sorted(r["spans_skipped"].items()))
        print(f"  (not counted: {skipped})")
    print()
    print(
        f"order independence: {r['reversed_order_same_claims']}/{r['events']} events give the "
        "same claims collated in reverse order"
    )
    print(
        f"our segmenter on the sentences joined by spaces gives back BASIL's sentences for "
        f"{r['resegmented_same']}/{r['resegmented_of']} articles"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"BASIL folder (default {DEFAULT_DATA})"
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over all events")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--link-threshold", type=float, default=compare.Options().link_threshold,
        help="compare.Options.link_threshold (default %(default)s)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        options = compare.Options(link_threshold=args.link_threshold)
        report = run(args.data, max(1, args.rounds), options)
    except (DataMissing, compare.CompareError) as exc:
        print(f"basil.py: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
