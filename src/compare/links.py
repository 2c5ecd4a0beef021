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
from compare.model import Finding, Link, Relation
from compare.options import Options

__all__ = ["LinkMemo", "build_link"]

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
    )
    if memo is not None:
        memo[key] = (link, found)
    return link, found
