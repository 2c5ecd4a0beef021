"""Build one link: word diff, relation, findings, clamped score and flags, for any two sides.

The one place a :class:`~compare.model.Link` is made: :func:`compare.compare` builds one for
each aligned group, :func:`compare.collate` one for each claim member against the claim's
representative.
"""

from __future__ import annotations

from compare.context import LinkContext, RunCache, Side
from compare.diff import ops_from_runs, symmetric_runs
from compare.findings import classify_link, relation
from compare.model import Finding, Link
from compare.options import Options

__all__ = ["build_link"]


def build_link(
    ref: Side,
    other: Side,
    score: float,
    idf: dict[str, float],
    options: Options,
    run_cache: RunCache,
) -> tuple[Link, tuple[Finding, ...]]:
    """The link from ``ref``'s sentences to ``other``'s (score clamped to [0, 1], rounded to
    four places), with the findings its flags name."""
    runs = symmetric_runs(ref.text, other.text)
    rel = relation(ref.text, other.text, idf, options)
    ctx = LinkContext(ref, other, runs, rel, options, run_cache=run_cache)
    found = classify_link(ctx)
    link = Link(
        ref=ref.indices,
        other=other.indices,
        score=round(min(1.0, max(0.0, score)), 4),
        relation=rel,
        diff=ops_from_runs(runs, ref.text, other.text),
        flags=tuple(sorted({f.type for f in found})),
    )
    return link, found
