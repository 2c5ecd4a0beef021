"""Text reuse between two articles: maximal runs of shared shingles, as passages with offsets.

Shingle ``i`` of one article and shingle ``j`` of the other match when their hashes are equal and
the hash is a kept one (document frequency in the blocking band: boilerplate is not reuse). A
passage is a maximal diagonal run of matches (``(i, j), (i+1, j+1), ...``) of at least
``min_words`` words; its offsets are character offsets into each article's text, from the first
word of the first shingle to the last word of the last.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from compare.corpus.blocking import HashArray, Keyed, shingles

IntArray = npt.NDArray[np.int64]

__all__ = ["Passage", "Shingled", "passages", "shingled", "shingled_words"]


@attrs.frozen
class Passage:
    """A passage two articles share: where it lies in each, and its text in the first."""

    a: str
    """Id of the first article."""
    b: str
    """Id of the second article."""
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    words: int
    """Words in the passage."""
    text: str
    """The passage as the first article words it."""
    direction: str = "unknown"
    """Who likely took it from whom: ``a_to_b``, ``b_to_a`` or ``unknown``
    (:mod:`compare.corpus.provenance`)."""
    evidence: tuple[str, ...] = ()
    """The evidence for the direction, in words."""
    same_event: bool = False
    """Whether the two articles lie in one event (wire copy, a quote) rather than two."""


@attrs.frozen
class Shingled:
    """What reuse needs of one article: where its kept shingles stand, their hashes, and the
    character span of each (its first word's start to its last word's end). A few numbers per
    kept shingle, so every article's can be held at once."""

    positions: npt.NDArray[np.int64]
    hashes: HashArray
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]


def shingled(keys: Keyed, kept: HashArray, size: int) -> Shingled:
    """An article's :class:`Shingled` record from its word keys and its kept shingle hashes."""
    spans = np.asarray(keys.spans, dtype=np.int64).reshape(-1, 2)
    return shingled_words(shingles(keys.keys, size), spans, kept, size)


def shingled_words(
    hashes: HashArray, spans: npt.NDArray[np.int64], kept: HashArray, size: int
) -> Shingled:
    """The :class:`Shingled` record of an article's shingle hashes in text order and its
    words' spans (:meth:`~compare.corpus.blocking.Shingler.words`)."""
    positions = np.flatnonzero(np.isin(hashes, kept))
    return Shingled(
        positions, hashes[positions], spans[positions, 0], spans[positions + size - 1, 1]
    )


def _matches(a: Shingled, b: Shingled, kept: HashArray) -> tuple[IntArray, IntArray]:
    """Every pair of positions ``(i, j)`` where the two articles hold the same kept shingle (a
    shingle repeated in an article matches each time): a join of the two on the hash."""
    ha, pa = a.hashes, a.positions
    hb, pb = b.hashes, b.positions
    in_a, in_b = np.isin(ha, kept), np.isin(hb, kept)
    ha, pa, hb, pb = ha[in_a], pa[in_a], hb[in_b], pb[in_b]
    oa, ob = np.argsort(ha, kind="stable"), np.argsort(hb, kind="stable")
    ha, pa, hb, pb = ha[oa], pa[oa], hb[ob], pb[ob]
    lo, hi = np.searchsorted(hb, ha, "left"), np.searchsorted(hb, ha, "right")
    count = hi - lo  # b's positions of each of a's shingles
    ai = np.repeat(pa, count)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    bj = pb[np.repeat(lo, count) + offsets]
    return ai.astype(np.int64), bj.astype(np.int64)


def passages(
    a_id: str,
    a_text: str,
    a: Shingled,
    b_id: str,
    b_text: str,
    b: Shingled,
    kept: HashArray,
    *,
    size: int,
    min_words: int,
) -> list[Passage]:
    """The passages of at least ``min_words`` words that two articles share (module docstring);
    ``kept``: the kept shingles both hold."""
    ai, bj = _matches(a, b, kept)
    if not len(ai):
        return []
    # runs: (i, j), (i+1, j+1)... on one diagonal i - j; sorted by diagonal, then by i
    diagonal = ai - bj
    order = np.lexsort((ai, diagonal))
    ai, bj, diagonal = ai[order], bj[order], diagonal[order]
    first = np.ones(len(ai), dtype=bool)
    first[1:] = (diagonal[1:] != diagonal[:-1]) | (ai[1:] != ai[:-1] + 1)
    begins = np.flatnonzero(first)
    runs = np.diff(np.r_[begins, len(ai)])
    words = runs + size - 1
    long = words >= min_words
    begins, runs, words = begins[long], runs[long], words[long]
    i0, j0 = ai[begins], bj[begins]
    by_start = np.lexsort((j0, i0))  # in order of where they start, as (i, j) sort
    i0, j0, runs, words = i0[by_start], j0[by_start], runs[by_start], words[by_start]
    # a shingle's index in each record (positions are sorted)
    first_a, last_a = np.searchsorted(a.positions, i0), np.searchsorted(a.positions, i0 + runs - 1)
    first_b, last_b = np.searchsorted(b.positions, j0), np.searchsorted(b.positions, j0 + runs - 1)
    out: list[Passage] = []
    for k in range(len(i0)):
        a_span = (int(a.starts[first_a[k]]), int(a.ends[last_a[k]]))
        b_span = (int(b.starts[first_b[k]]), int(b.ends[last_b[k]]))
        out.append(
            Passage(a_id, b_id, a_span, b_span, int(words[k]), a_text[a_span[0] : a_span[1]])
        )
    return out
