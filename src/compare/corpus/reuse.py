"""Text reuse between two articles: maximal runs of shared shingles, as passages with offsets.

Shingle ``i`` of one article and shingle ``j`` of the other match when their hashes are equal and
the hash is a kept one (document frequency in the blocking band: boilerplate is not reuse). A
passage is a maximal diagonal run of matches (``(i, j), (i+1, j+1), ...``) of at least
``min_words`` words; its offsets are character offsets into each article's text, from the first
word of the first shingle to the last word of the last.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import attrs
import numpy as np
import numpy.typing as npt

from compare.corpus.blocking import HashArray, Keyed, shingles

IntArray = npt.NDArray[np.int64]

__all__ = ["Passage", "Passages", "Shingled", "passages", "shingled", "shingled_words"]


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


class Passages(Sequence[Passage]):
    """Passages on disk, in order: each batch added is pickled to an unnamed temporary file, and
    read back a batch at a time when asked for (a corpus's passages grow with the corpus; the
    calling process need not hold them). Equal to any sequence of the same passages."""

    def __init__(self, batches: Iterable[Sequence[Passage]] = ()) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the object)
        self._offsets = array("q", [0])
        self._ends = array("q", [0])
        self._last: tuple[int, list[Passage]] = (-1, [])
        for batch in batches:
            self.append(batch)

    def append(self, batch: Sequence[Passage]) -> None:
        """Add a batch of passages at the end (an empty one adds nothing)."""
        if not batch:
            return
        data = pickle.dumps(list(batch), protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._offsets[-1])
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))
        self._ends.append(self._ends[-1] + len(batch))

    def _batch(self, k: int) -> list[Passage]:
        """Batch ``k``, read back (the last one read is kept)."""
        if self._last[0] != k:
            self._file.seek(self._offsets[k])
            batch: list[Passage] = pickle.loads(
                self._file.read(self._offsets[k + 1] - self._offsets[k])
            )
            self._last = (k, batch)
        return self._last[1]

    def __len__(self) -> int:
        """The number of passages."""
        return self._ends[-1]

    @overload
    def __getitem__(self, k: int) -> Passage: ...
    @overload
    def __getitem__(self, k: slice) -> list[Passage]: ...
    def __getitem__(self, k: int | slice) -> Passage | list[Passage]:
        """Passage ``k`` (or a list of a slice's)."""
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        batch = int(np.searchsorted(np.frombuffer(self._ends, dtype=np.int64), k, "right")) - 1
        return self._batch(batch)[k - self._ends[batch]]

    def __iter__(self) -> Iterator[Passage]:
        """The passages in order, a batch in memory at a time."""
        for k in range(len(self._ends) - 1):
            yield from self._batch(k)

    def __eq__(self, other: object) -> bool:
        """Equal to a sequence of the same passages in the same order."""
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable until built, compared by contents

    def __repr__(self) -> str:
        """``Passages(N passages)``."""
        return f"Passages({len(self)} passages)"

    def __getstate__(self) -> Any:
        """Pickled as its passages (a temporary file cannot travel)."""
        return list(self)

    def __setstate__(self, state: list[Passage]) -> None:
        """Rebuilt on disk from its passages."""
        self.__init__([state])  # type: ignore[misc]


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
