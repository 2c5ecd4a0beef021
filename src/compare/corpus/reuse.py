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

from compare.corpus.blocking import HashArray, Keyed, shingles

__all__ = ["Passage", "passages"]


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


def passages(
    a_id: str,
    a_text: str,
    a_keys: Keyed,
    b_id: str,
    b_text: str,
    b_keys: Keyed,
    kept: HashArray,
    *,
    size: int,
    min_words: int,
) -> list[Passage]:
    """The passages of at least ``min_words`` words that two articles share (module docstring)."""
    ha, hb = shingles(a_keys.keys, size), shingles(b_keys.keys, size)
    where: dict[int, list[int]] = defaultdict(list)
    for j in np.flatnonzero(np.isin(hb, kept)).tolist():
        where[int(hb[j])].append(j)
    matches = {
        (i, j) for i in np.flatnonzero(np.isin(ha, kept)).tolist() for j in where[int(ha[i])]
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
        a_span = (a_keys.spans[i][0], a_keys.spans[i + words - 1][1])
        b_span = (b_keys.spans[j][0], b_keys.spans[j + words - 1][1])
        out.append(Passage(a_id, b_id, a_span, b_span, words, a_text[a_span[0] : a_span[1]]))
    return out
