"""How much work a comparison is: estimated before scoring, refused above the limits, reported.

Until scoring is sparse, two figures drive the cost, and both are known before anything is scored:

- **sentence pairs**: every pair of sentences of different documents gets a score in dense
  matrices; measured on news text, about 33 bytes and 0.5 µs per pair (README). Counted exactly.
- **linkable pairs**, those scoring at least the link threshold: the alignment walks each one in
  Python, about 270 bytes and 10-30 µs per pair. Real reports have few (each sentence matches a
  handful at most); repeated or near-identical sentences make every pair one. Estimated by
  scoring evenly spaced samples of each document's sentences (all of them when the documents are
  small) with the comparison's own IDF table and scorer.

Above :attr:`~compare.options.Options.max_pairs` or :attr:`~compare.options.Options.max_linkable`
the comparison is refused with a :class:`~compare.errors.TooLargeError` naming the figure, the
limit and the option that lifts it. A :data:`Progress` callable, if given to
:func:`compare.compare` or :func:`compare.collate`, hears what stage the work is at.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence

from compare.errors import TooLargeError
from compare.options import Options
from compare.similarity import Features, score_matrix

__all__ = [
    "Progress",
    "check_linkable",
    "check_pairs",
    "collector_paused",
    "estimate_linkable",
    "out_of_memory",
    "pair_count",
    "silent",
]

Progress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as the work goes on; ``total`` is 0 when there is no count."""

SAMPLE = 500
"""Sentences scored in all to estimate the linkable pairs (at least 4 of each document)."""


def silent(stage: str, done: int, total: int) -> None:
    """A :data:`Progress` that reports nothing."""


def _what(sizes: Sequence[int]) -> str:
    """Name the inputs and their sentence counts for a message."""
    if len(sizes) == 2:
        return f"REF × OTHER = {sizes[0]:,} × {sizes[1]:,} sentences"
    return f"{len(sizes)} documents with {sum(sizes):,} sentences in all"


def pair_count(sizes: Sequence[int]) -> int:
    """Sentence pairs scored: ``n × m`` for two documents, ``S × S`` for a collation of S."""
    return sizes[0] * sizes[1] if len(sizes) == 2 else sum(sizes) ** 2


def check_pairs(sizes: Sequence[int], options: Options) -> None:
    """Refuse documents of these sentence counts when they make more pairs than allowed."""
    pairs = pair_count(sizes)
    if pairs > options.max_pairs:
        raise TooLargeError(
            f"{_what(sizes)} make {pairs:,} sentence pairs to score, over the limit of "
            f"{options.max_pairs:,}; pass --max-pairs N (or Options(max_pairs=N)) to lift it"
        )


def _sample(n: int, k: int) -> list[int]:
    """``k`` evenly spaced indices of ``range(n)``, or all of them when ``n <= k``."""
    return list(range(n)) if n <= k else [i * n // k for i in range(k)]


def estimate_linkable(
    docs: Sequence[Sequence[Features]], idf: dict[str, float], options: Options
) -> int:
    """Estimate how many sentence pairs of different documents reach the link threshold.

    Each document's sample is scored against the later documents' samples (two documents'
    samples make one block, not the four of a matrix of both against both); each block's share
    of pairs at or above the threshold, times the block's full size, adds up to the estimate.
    Exact when every document has at most ``SAMPLE // len(docs)`` sentences.
    """
    per_doc = max(4, SAMPLE // len(docs))
    samples = [[d[i] for i in _sample(len(d), per_doc)] for d in docs]
    total = 0.0
    for a in range(len(docs) - 1):  # each sample against the later ones' (not within one)
        later = [f for sample in samples[a + 1 :] for f in sample]
        if not samples[a] or not later:
            continue
        over = score_matrix(samples[a], later, options, idf=idf) >= options.link_threshold
        lo = 0
        for b in range(a + 1, len(docs)):
            block = over[:, lo : lo + len(samples[b])]
            lo += len(samples[b])
            if block.size:
                total += float(block.mean()) * len(docs[a]) * len(docs[b])
    return round(total)


def check_linkable(
    docs: Sequence[Sequence[Features]], idf: dict[str, float], options: Options
) -> None:
    """Refuse documents whose estimated linkable pairs exceed the limit (free when they cannot)."""
    sizes = [len(d) for d in docs]
    possible = sum(sizes[a] * sizes[b] for a in range(len(sizes)) for b in range(a + 1, len(sizes)))
    if possible <= options.max_linkable:
        return
    linkable = estimate_linkable(docs, idf, options)
    if linkable > options.max_linkable:
        raise TooLargeError(
            f"{_what(sizes)}: about {linkable:,} sentence pairs reach the link threshold "
            f"(repeated or near-identical sentences?), over the limit of "
            f"{options.max_linkable:,}; pass --max-linkable N (or Options(max_linkable=N)) to "
            "lift it"
        )


def out_of_memory(sizes: Sequence[int]) -> TooLargeError:
    """The error to raise when comparing documents of these sentence counts ran out of memory."""
    return TooLargeError(
        f"out of memory comparing {_what(sizes)}; compare smaller documents, or lower "
        "--max-pairs / --max-linkable (Options(max_pairs=N, max_linkable=N)) so inputs this "
        "large are refused before they are scored"
    )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a comparison or collation,
    and turn it back on after (if it was on).

    The pipeline makes no reference cycles (a collation of 20 accounts x 100 sentences leaves
    none for the collector to find), so every collection it triggers only walks live objects:
    the caches, the documents, the caller's own. Reference counting frees everything it drops
    all the same. A thread that switches the collector off while a comparison runs finds it
    on again when the comparison ends.

    Turned back on, the collector would first walk every object the run made (its youngest
    generation: ~200,000 on the 4,120-sentence pair, 0.08-0.15 s): so, unless the process
    froze objects of its own (:func:`gc.freeze`, which this would undo), they are moved to the
    oldest generation unwalked (freezing then unfreezing them), where a full collection
    reaches them as it reaches the caches.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()
