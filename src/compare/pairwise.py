"""Compare two documents: score, align, diff and classify; the pairwise pipeline in one function."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np
from numpy.typing import NDArray

from compare._cache import bounded
from compare._records import record_repr
from compare.align import align
from compare.context import RunCache
from compare.errors import InputError
from compare.findings import Side, unlinked_findings
from compare.lift import lifted_scores
from compare.links import LinkMemo, build_link
from compare.model import Candidate, Comparison, Document, Finding, Link
from compare.options import Options, resolve_options
from compare.scale import (
    Progress,
    check_linkable,
    check_pairs,
    collector_paused,
    out_of_memory,
    silent,
)
from compare.scripts import resolve_language
from compare.similarity import (
    Features,
    GroupScorer,
    SparseScores,
    features,
    idf_table,
)

__all__ = ["Reuse", "alignment_scores", "closest", "compare", "distinct_ids", "require_document"]


def require_document(value: object, argument: str) -> Document:
    """Return ``value`` if it is a Document; otherwise raise InputError naming the argument."""
    if not isinstance(value, Document):
        raise InputError(
            f"{argument} must be a compare.Document (see compare.load), got {type(value).__name__}"
        )
    return value


def distinct_ids(docs: list[Document]) -> list[Document]:
    """Return the documents with ids made unique by suffixes ``-2``, ``-3``... in order."""
    seen: set[str] = set()
    out = []
    for doc in docs:
        new_id, n = doc.id, 1
        while new_id in seen:
            n += 1
            new_id = f"{doc.id}-{n}"
        seen.add(new_id)
        out.append(doc if new_id == doc.id else attrs.evolve(doc, id=new_id))
    return out


@attrs.frozen
class Reuse:
    """What a collation lends the pairwise comparisons it runs, each piece identical to what a
    comparison would compute itself: features per document, per-document classifier results
    and links already built (all for the collation's documents and options only)."""

    __repr__ = record_repr

    features: dict[str, tuple[Document, list[Features]]]
    """By document id: the document (checked by identity) and its sentences' features."""
    run_cache: RunCache = attrs.field(factory=dict)
    links: LinkMemo = attrs.field(factory=dict)

    def features_of(self, doc: Document) -> list[Features]:
        """The features of ``doc``'s sentences, lent or computed."""
        hit = self.features.get(doc.id)
        if hit is not None and hit[0] is doc:
            return hit[1]
        return list(_document_features(tuple(s.text for s in doc.sentences)))


@bounded()
def _document_features(texts: tuple[str, ...]) -> tuple[Features, ...]:
    """The features of a document's sentences, remembered by their texts: a document compared
    again (against several others, or the same one twice) is read once."""
    return tuple(features(texts))


def alignment_scores(
    fr: Sequence[Features], fo: Sequence[Features], idf: dict[str, float], options: Options
) -> NDArray[np.float64] | SparseScores:
    """The scores :func:`compare` aligns on, and finds closest candidates in: the options'
    scorer over the two documents' sentence features, lifted by claim units and anchors
    (:func:`compare.lift.lifted_scores`), dense or (a large pair) sparse."""
    return lifted_scores(fr, fo, idf, options)


def closest(
    scores: NDArray[np.float64] | SparseScores, rows: Sequence[int], *, axis: int, near_miss: float
) -> dict[int, Candidate]:
    """The closest sentence of the other side to each of ``rows``, when it scores ``near_miss``.

    ``axis`` 0: ``rows`` are reference sentences (rows of ``scores``) and the candidates other
    sentences; 1: the other way round. The candidate is the best-scoring one, the lower index on
    ties; its score is rounded to four places, as link scores are, before it is held against
    ``near_miss``. A large comparison's sparse scores hold only the pairs that could matter:
    a pair left out scores 0 and is never a candidate.
    """
    wanted = np.asarray(rows, dtype=np.intp)
    if not len(wanted) or 0 in scores.shape:
        return {}
    if isinstance(scores, SparseScores):
        mine, theirs = (scores.rows, scores.cols) if axis == 0 else (scores.cols, scores.rows)
        keep = np.isin(mine, wanted)
        mine, theirs, values = mine[keep], theirs[keep], scores.values[keep]
        order = np.lexsort((theirs, -values, mine))  # by sentence, best first, lower index first
        mine, theirs, values = mine[order], theirs[order], values[order]
        first = np.ones(len(mine), dtype=bool)
        first[1:] = mine[1:] != mine[:-1]
        best = zip(
            mine[first].tolist(), theirs[first].tolist(), values[first].tolist(), strict=True
        )
    else:
        block = scores[wanted] if axis == 0 else scores[:, wanted].T
        at = np.argmax(block, axis=1)  # the first of equal maxima: the lower index
        top = block[np.arange(len(wanted)), at]
        best = zip(wanted.tolist(), at.tolist(), top.tolist(), strict=True)
    out: dict[int, Candidate] = {}
    for i, j, value in best:
        score = round(min(1.0, max(0.0, value)), 4)
        if score >= near_miss:
            out[i] = Candidate(j, score)
    return out


def _finding_order(f: Finding) -> tuple[float, float, str]:
    """Sort findings in reference reading order, then by other position, then by type."""
    return (f.ref[0] if f.ref else math.inf, f.other[0] if f.other else -1.0, f.type)


def compare(
    reference: Document,
    other: Document,
    *,
    options: Options | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare ``other``'s account with ``reference``'s: links, omissions, additions, findings.

    Inputs over the work limits of ``options`` (``max_pairs``, ``max_linkable``) are refused
    before scoring with a :class:`~compare.errors.TooLargeError`, as is a comparison that runs
    out of memory. ``progress``, if given, is told each stage as it starts (see
    :data:`compare.scale.Progress`).
    """
    require_document(reference, "compare(): reference")
    require_document(other, "compare(): other")
    opts = resolve_language(resolve_options(options), (reference, other))
    sizes = (len(reference.sentences), len(other.sentences))
    check_pairs(sizes, opts)
    try:
        with collector_paused():
            return _compare(reference, other, opts, progress or silent)
    except MemoryError:
        pass  # raised below, outside this block: the traceback holds the frames' big arrays
    raise out_of_memory(sizes)


def _compare(
    reference: Document,
    other: Document,
    opts: Options,
    progress: Progress,
    reuse: Reuse | None = None,
) -> Comparison:
    """The pairwise pipeline: features, limits, scores, alignment, then diff and findings.

    ``reuse`` lends what a collation already computed (see :class:`Reuse`); the result is the
    same with or without it.
    """
    reference, other = distinct_ids([reference, other])
    lent = reuse or Reuse({})
    fr = lent.features_of(reference)
    fo = lent.features_of(other)
    idf = idf_table([f.keys for f in fr] + [f.keys for f in fo])
    check_linkable([fr, fo], idf, opts)
    progress("scoring", 0, len(fr) * len(fo))
    scores = alignment_scores(fr, fo, idf, opts)
    progress("aligning", 0, 0)

    group_score = GroupScorer(fr, fo, idf, opts)  # scores every 1:2 and 2:1 try in one call
    links: list[Link] = []
    findings: list[Finding] = []
    # what classifiers read once per document, for this run (or the lending collation) only
    run_cache: RunCache = lent.run_cache
    alignments = align(scores, opts, group_score)
    for done, al in enumerate(alignments):
        progress("classifying", done, len(alignments))
        ref_side, other_side = Side.of(reference, al.ref), Side.of(other, al.other)
        link, found = build_link(ref_side, other_side, al.score, idf, opts, run_cache, lent.links)
        findings.extend(found)
        links.append(link)
    linked_ref = {i for link in links for i in link.ref}
    linked_other = {j for link in links for j in link.other}
    omitted = tuple(i for i in range(len(reference.sentences)) if i not in linked_ref)
    added = tuple(j for j in range(len(other.sentences)) if j not in linked_other)
    near_omitted = closest(scores, omitted, axis=0, near_miss=opts.near_miss)
    near_added = closest(scores, added, axis=1, near_miss=opts.near_miss)
    findings.extend(
        unlinked_findings(
            reference, other, omitted, added, closest_omitted=near_omitted, closest_added=near_added
        )
    )
    return Comparison(
        reference=reference,
        other=other,
        links=tuple(links),
        omitted=omitted,
        added=added,
        findings=tuple(sorted(findings, key=_finding_order)),
        options=opts,
        closest_omitted=near_omitted,
        closest_added=near_added,
    )
