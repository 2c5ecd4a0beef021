"""Build one link: word diff, relation, findings, clamped score and flags, for any two sides.

The one place a :class:`~compare.model.Link` is made: :func:`compare.compare` builds one for
each aligned group, :func:`compare.collate` one for each claim member against the claim's
representative.
"""

from __future__ import annotations

import attrs

from compare.context import LinkContext, RunCache, Side
from compare.diff import ops_from_runs, symmetric_runs
from compare.findings import classify_link, relation
from compare.lift import _unit_features
from compare.model import Finding, Link, Relation
from compare.options import Options
from compare.similarity import Features, features, score_one
from compare.units import unit_spans

__all__ = ["LinkMemo", "build_link", "shared_units"]

LinkMemo = dict[
    tuple[str, tuple[int, ...], str, tuple[int, ...], Relation], tuple[Link, tuple[Finding, ...]]
]
"""Links already built in one run, by (reference id, its indices, other id, its indices,
relation): everything of a link but its score depends only on those (and the run's options and
documents), so a run that meets the same link twice builds it once."""


def build_link(
    ref: Side,
    other: Side,
    score: float,
    idf: dict[str, float],
    options: Options,
    run_cache: RunCache,
    memo: LinkMemo | None = None,
) -> tuple[Link, tuple[Finding, ...]]:
    """The link from ``ref``'s sentences to ``other``'s (score clamped to [0, 1], rounded to
    four places), with the findings its flags name.

    ``memo``, if given, must belong to one run (one set of documents and options): a link it
    holds is reused with this score instead of being diffed and classified again.
    """
    rel = relation(ref.text, other.text, idf, options)
    clamped = round(min(1.0, max(0.0, score)), 4)
    key = (ref.doc.id, ref.indices, other.doc.id, other.indices, rel)
    if memo is not None and key in memo:
        link, found = memo[key]
        return attrs.evolve(link, score=clamped), found
    runs = symmetric_runs(ref.text, other.text)
    ctx = LinkContext(ref, other, runs, rel, options, run_cache=run_cache)
    found = classify_link(ctx)
    link = Link(
        ref=ref.indices,
        other=other.indices,
        score=clamped,
        relation=rel,
        diff=ops_from_runs(runs, ref.text, other.text),
        flags=tuple(sorted({f.type for f in found})),
        shared=shared_units(ref, other, idf, options) if rel == "partial" else None,
    )
    if memo is not None:
        memo[key] = (link, found)
    return link, found


def _side_units(side: Side, language: str) -> list[tuple[int, int]]:
    """The claim units of each sentence of a side, as spans of the side's joined text."""
    return [
        (offset + a, offset + b)
        for (offset, _), i in zip(side.pieces, side.indices, strict=True)
        for a, b in unit_spans(side.doc.sentences[i].text, language)
    ]


def _side_unit_features(side: Side, language: str) -> list[Features]:
    """The features of each claim unit of a side (:func:`_side_units`' texts), as the lift
    computed and cached them per sentence."""
    out: list[Features] = []
    for i in side.indices:
        text = side.doc.sentences[i].text
        if text:  # an empty sentence has no unit
            out.extend(_unit_features(text, language) or features([text]))
    return out


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A unit's span without the spaces, nor the comma, semicolon or colon, at its ends."""
    a, b = span
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip())
    tail = len(piece.rstrip().rstrip(",;:").rstrip())
    return (a + lead, a + tail) if tail > lead else span


def shared_units(
    ref: Side, other: Side, idf: dict[str, float], options: Options
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The best-matching pair of claim units of two sides, as spans of each document's text.

    None when neither side holds more than one unit (the whole sentences are what they share).
    Units are scored as :mod:`compare.lift` scores them (the options' scorer on each unit as
    cut); ties go to the earliest units. The spans leave out the spaces and punctuation that
    join a unit to the next.
    """
    ref_units = _side_units(ref, options.language)
    other_units = _side_units(other, options.language)
    if len(ref_units) < 2 and len(other_units) < 2:
        return None
    fr = _side_unit_features(ref, options.language)
    fo = _side_unit_features(other, options.language)
    best = max(
        (
            (score_one(a, b, idf, options), -i, -j)
            for i, a in enumerate(fr)
            for j, b in enumerate(fo)
        ),
    )
    i, j = -best[1], -best[2]
    return (
        ref.doc_span(*_trimmed(ref.text, ref_units[i])),
        other.doc_span(*_trimmed(other.text, other_units[j])),
    )
