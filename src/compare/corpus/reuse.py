"""Text reuse between two articles: maximal runs of shared shingles, as passages with offsets.

Shingle ``i`` of one article and shingle ``j`` of the other match when their hashes are equal and
the hash is a kept one (document frequency in the blocking band: boilerplate is not reuse). A
passage is a maximal diagonal run of matches (``(i, j), (i+1, j+1), ...``) of at least
``min_words`` words; its offsets are character offsets into each article's text, from the first
word of the first shingle to the last word of the last.
"""

from __future__ import annotations

from collections import defaultdict

import attrs
import numpy as np
import numpy.typing as npt

from compare.corpus.blocking import HashArray, Keyed, hashed_spans, shingle_hashes, shingles

__all__ = ["Passage", "Shingled", "passages", "shingled", "shingled_text"]


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
    return _record(shingles(keys.keys, size), spans, kept, size)


def shingled_text(text: str, kept: HashArray, size: int) -> Shingled:
    """:func:`shingled` of a text's :func:`~compare.corpus.blocking.keyed` keys, the same
    record, from the words' hashes (:func:`~compare.corpus.blocking.hashed_spans`)."""
    words, spans = hashed_spans(text)
    return _record(shingle_hashes(words, size), spans, kept, size)


def _record(
    hashes: HashArray, spans: npt.NDArray[np.int64], kept: HashArray, size: int
) -> Shingled:
    """The record of an article's shingle hashes and its words' spans."""
    positions = np.flatnonzero(np.isin(hashes, kept))
    return Shingled(
        positions, hashes[positions], spans[positions, 0], spans[positions + size - 1, 1]
    )


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
    where: dict[int, list[int]] = defaultdict(list)
    for j in np.flatnonzero(np.isin(b.hashes, kept)).tolist():
        where[int(b.hashes[j])].append(int(b.positions[j]))
    at_a = {int(p): k for k, p in enumerate(a.positions.tolist())}
    at_b = {int(p): k for k, p in enumerate(b.positions.tolist())}
    matches = {
        (int(a.positions[i]), j)
        for i in np.flatnonzero(np.isin(a.hashes, kept)).tolist()
        for j in where[int(a.hashes[i])]
    }
    out: list[Passage] = []
    for i, j in sorted(matches):
        if (i - 1, j - 1) in matches:
            continue  # inside a run that started earlier
        run = 1
        while (i + run, j + run) in matches:
            run += 1
        words = run + size - 1
        if words < min_words:
            continue
        last_a, last_b = at_a[i + run - 1], at_b[j + run - 1]
        a_span = (int(a.starts[at_a[i]]), int(a.ends[last_a]))
        b_span = (int(b.starts[at_b[j]]), int(b.ends[last_b]))
        out.append(Passage(a_id, b_id, a_span, b_span, words, a_text[a_span[0] : a_span[1]]))
    return out
