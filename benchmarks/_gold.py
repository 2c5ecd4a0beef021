"""Shared helpers of the evaluation scripts: read gold alignments, score a comparison against them.

A gold file (``../shared/eval/readouts_gold.json``, ``tests/data/newsweek_reworded_gold.json``)
names each sentence by a verbatim snippet lying inside it, so the gold does not depend on anyone's
sentence splitter. :func:`score_pair` resolves the snippets against the sentences of a
:class:`compare.Comparison` and returns plain figures; ``benchmarks/eval_readouts.py`` prints them,
and tests can import this module (``sys.path.insert(0, "benchmarks")``) to assert on them.

Nothing here imports ``compare``: the comparison is used only through its documented attributes
(``reference``, ``other``, ``links``, ``omitted``, ``added``; documents' ``text``, ``sentences`` and
``header``; sentences' ``index``, ``start``, ``end``, ``text``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "Resolved",
    "add_set_option",
    "load_gold",
    "option_settings",
    "pooled",
    "prf",
    "resolve",
    "score_pair",
    "shorten",
]

REPO = Path(__file__).resolve().parent.parent
"""The project's root folder (``benchmarks/`` lies directly inside it)."""

SHARED = REPO.parent / "shared"
"""The shared folder next to the project (``../shared``): evaluation data and corpus."""

HEADER = "header"
"""Marker of a snippet that lies in the document's parsed header (excluded from scoring)."""

Resolved = tuple[int, ...] | str
"""What a snippet resolves to: sentence indices, or :data:`HEADER`."""


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Return the list of pairs of a gold file; raise ``ValueError`` if it is not one."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list) or not all(isinstance(p, dict) for p in pairs):
        raise ValueError(f"{path}: not a gold file (no list 'pairs')")
    for pair in pairs:
        for key in ("ref", "other", "links"):
            if key not in pair:
                raise ValueError(f"{path}: pair {pair.get('name', '?')!r} lacks {key!r}")
    return pairs


def add_set_option(parser: Any) -> None:
    """Give an evaluation script's ``argparse`` parser the repeatable ``--set NAME=VALUE``."""
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any other option, e.g. --set mutual_floor=0.3 (repeatable)",
    )


def option_settings(settings: Iterable[str]) -> dict[str, Any]:
    """``NAME=VALUE`` strings (the scripts' repeatable ``--set``) as keyword arguments of
    ``compare.Options``: a value is an int, else a float, else a string (Options checks it)."""
    out: dict[str, Any] = {}
    for setting in settings:
        name, sep, raw = setting.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--set wants NAME=VALUE, got {setting!r}")
        value: Any = raw.strip()
        for kind in (int, float):
            try:
                value = kind(raw)
                break
            except ValueError:
                continue
        out[name.strip()] = value
    return out


def shorten(text: str, width: int = 80) -> str:
    """Collapse whitespace and cut ``text`` to at most ``width`` characters (a cut ends in …)."""
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (0.0 where a denominator is 0)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def _occurrences(text: str, snippet: str) -> list[int]:
    """Start offsets of every occurrence of ``snippet`` in ``text``."""
    found: list[int] = []
    start = text.find(snippet)
    while start >= 0:
        found.append(start)
        start = text.find(snippet, start + 1)
    return found


def resolve(doc: Any, snippet: str, side: str, warnings: list[str]) -> Resolved:
    """Map a gold snippet to the sentence(s) of ``doc`` holding it, or to :data:`HEADER`.

    The normal case is exactly one sentence whose ``.text`` contains the snippet. Otherwise a
    warning is appended and the snippet is located by offset in ``doc.text``: if it lies in the
    parsed header span or in a page debris span it resolves to :data:`HEADER` (not scored); if
    the sentence splitter cut it, it resolves
    to every sentence its span overlaps; if it cannot be found at all, to no sentence.
    """
    needle = snippet.strip()
    hits = tuple(s.index for s in doc.sentences if needle in s.text)
    if len(hits) == 1:
        return hits
    offsets = _occurrences(doc.text, needle)
    set_aside = [d for d in (getattr(doc, "header", None),) if d is not None]
    set_aside += [(d.start, d.end) for d in getattr(doc, "debris", ())]
    if not hits and any(
        h_start <= o and o + len(needle) <= h_end for h_start, h_end in set_aside for o in offsets
    ):
        return HEADER
    if len(offsets) == 1:
        start, end = offsets[0], offsets[0] + len(needle)
        spanned = tuple(s.index for s in doc.sentences if s.start < end and start < s.end)
        if hits:
            # Several sentences contain the snippet: keep the one at its unique place in the text.
            chosen = tuple(i for i in hits if i in spanned) or hits
            warnings.append(
                f"{side} snippet {snippet!r} is in {len(hits)} sentences {list(hits)}; "
                f"using {list(chosen)} (its position in the text)"
            )
            return chosen
        warnings.append(
            f"{side} snippet {snippet!r} lies in no single sentence; "
            f"it spans sentences {list(spanned)} (the splitter cut inside it)"
        )
        return spanned
    if hits:
        warnings.append(f"{side} snippet {snippet!r} is in {len(hits)} sentences {list(hits)}")
        return hits
    warnings.append(f"{side} snippet {snippet!r} not found in {len(offsets)} place(s) of the text")
    return ()


def _pairs(refs: Iterable[int], others: Iterable[int]) -> set[tuple[int, int]]:
    """Cartesian product of two index collections, as a set."""
    others = tuple(others)
    return {(i, j) for i in refs for j in others}


def _resolve_all(
    doc: Any, snippets: Sequence[str], side: str, warnings: list[str], notes: list[str]
) -> set[int]:
    """Resolve several snippets of one side; header snippets become notes, not indices."""
    indices: set[int] = set()
    for snippet in snippets:
        found = resolve(doc, snippet, side, warnings)
        if found == HEADER:
            notes.append(
                f"{side} snippet {snippet!r} is in the parsed header or page debris: not scored"
            )
        else:
            indices.update(found)
    return indices


def _only_in(
    gold: set[int], system: Iterable[int], annotated: set[int], sentences: Sequence[Any]
) -> dict[str, Any]:
    """Recall and precision of the omitted (or added) list against gold only-in sentences."""
    system_set = set(system)
    scored = system_set & annotated
    hit = gold & system_set
    return {
        "gold": len(gold),
        "system": len(scored),
        "hit": len(hit),
        "recall": len(hit) / len(gold) if gold else 0.0,
        "precision": len(hit) / len(scored) if scored else 0.0,
        "missed": [[i, shorten(sentences[i].text)] for i in sorted(gold - system_set)],
        "wrong": [[i, shorten(sentences[i].text)] for i in sorted(scored - gold)],
        "unannotated": [[i, shorten(sentences[i].text)] for i in sorted(system_set - annotated)],
    }


def score_pair(gold_pair: dict[str, Any], result: Any) -> dict[str, Any]:
    """Score one comparison against one gold pair; return JSON-ready figures.

    Link figures are over (ref sentence, other sentence) pairs: each gold link contributes the
    cartesian product of its ref and other sentences, whatever its relation (``partial`` counts as
    required), and so does each system link. Only-in recall is the share of gold ``only_in_ref``
    sentences found in ``result.omitted`` (``only_in_other`` in ``result.added``); only-in precision
    is the share of omitted (added) sentences that are gold only-in, counted over the sentences the
    gold annotates at all (segmentation debris such as a lone quotation mark is listed under
    ``unannotated`` and not counted).
    """
    ref_doc, other_doc = result.reference, result.other
    warnings: list[str] = []
    notes: list[str] = []

    gold_links: set[tuple[int, int]] = set()
    relation_of: dict[tuple[int, int], str] = {}
    annotated_ref: set[int] = set()
    annotated_other: set[int] = set()
    for link in gold_pair["links"]:
        refs = _resolve_all(ref_doc, link["ref"], "ref", warnings, notes)
        others = _resolve_all(other_doc, link["other"], "other", warnings, notes)
        annotated_ref |= refs
        annotated_other |= others
        for pair in _pairs(refs, others):
            gold_links.add(pair)
            relation_of.setdefault(pair, link.get("relation", "?"))
    gold_omitted = _resolve_all(
        ref_doc, [o["snippet"] for o in gold_pair.get("only_in_ref", [])], "ref", warnings, notes
    )
    gold_added = _resolve_all(
        other_doc,
        [o["snippet"] for o in gold_pair.get("only_in_other", [])],
        "other",
        warnings,
        notes,
    )
    annotated_ref |= gold_omitted
    annotated_other |= gold_added
    for i in sorted(gold_omitted & {i for i, _ in gold_links}):
        warnings.append(f"ref sentence {i} is both linked and only_in_ref in the gold")
    for j in sorted(gold_added & {j for _, j in gold_links}):
        warnings.append(f"other sentence {j} is both linked and only_in_other in the gold")

    system_links: dict[tuple[int, int], Any] = {}
    for link in result.links:
        for pair in _pairs(link.ref, link.other):
            system_links[pair] = link
    system_set = set(system_links)

    tp_set = gold_links & system_set
    counts = prf(len(tp_set), len(system_set - gold_links), len(gold_links - system_set))

    by_relation: dict[str, dict[str, Any]] = {}
    for pair, relation in sorted(relation_of.items()):
        entry = by_relation.setdefault(relation, {"tp": 0, "n": 0, "recall": 0.0})
        entry["n"] += 1
        entry["tp"] += pair in tp_set
    for entry in by_relation.values():
        entry["recall"] = entry["tp"] / entry["n"] if entry["n"] else 0.0

    ref_sents, other_sents = ref_doc.sentences, other_doc.sentences
    partners: dict[int, list[int]] = {}
    for i, j in sorted(system_set):
        partners.setdefault(i, []).append(j)

    false_positives = [
        {
            "ref": i,
            "other": j,
            "ref_text": shorten(ref_sents[i].text),
            "other_text": shorten(other_sents[j].text),
            "score": round(float(system_links[(i, j)].score), 4),
            "relation": str(system_links[(i, j)].relation),
            "gold_ref": "only_in_ref"
            if i in gold_omitted
            else "linked"
            if i in annotated_ref
            else "unannotated",
        }
        for i, j in sorted(system_set - gold_links)
    ]
    false_negatives = [
        {
            "ref": i,
            "other": j,
            "ref_text": shorten(ref_sents[i].text),
            "other_text": shorten(other_sents[j].text),
            "relation": relation_of[(i, j)],
            "system_partners": partners.get(i, []),
        }
        for i, j in sorted(gold_links - system_set)
    ]

    return {
        "name": gold_pair.get("name", f"{gold_pair['ref']} vs {gold_pair['other']}"),
        "ref": gold_pair["ref"],
        "other": gold_pair["other"],
        "sentences": {"ref": len(ref_sents), "other": len(other_sents)},
        "links": counts,
        "recall_by_relation": by_relation,
        "omitted": _only_in(gold_omitted, result.omitted, annotated_ref, ref_sents),
        "added": _only_in(gold_added, result.added, annotated_other, other_sents),
        "false_positives": false_positives,
        "false_negatives": false_negatives,
        "notes": notes,
        "warnings": warnings,
    }


def pooled(scores: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Pool the figures of several :func:`score_pair` results (sums of counts, then ratios)."""
    links = prf(
        sum(s["links"]["tp"] for s in scores),
        sum(s["links"]["fp"] for s in scores),
        sum(s["links"]["fn"] for s in scores),
    )
    by_relation: dict[str, dict[str, Any]] = {}
    for s in scores:
        for relation, entry in s["recall_by_relation"].items():
            total = by_relation.setdefault(relation, {"tp": 0, "n": 0, "recall": 0.0})
            total["tp"] += entry["tp"]
            total["n"] += entry["n"]
    for total in by_relation.values():
        total["recall"] = total["tp"] / total["n"] if total["n"] else 0.0
    out: dict[str, Any] = {"links": links, "recall_by_relation": by_relation}
    for key in ("omitted", "added"):
        gold = sum(s[key]["gold"] for s in scores)
        system = sum(s[key]["system"] for s in scores)
        hit = sum(s[key]["hit"] for s in scores)
        out[key] = {
            "gold": gold,
            "system": system,
            "hit": hit,
            "recall": hit / gold if gold else 0.0,
            "precision": hit / system if system else 0.0,
        }
    return out
