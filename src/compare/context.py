"""What a link classifier looks at: both sides of a link, and the changes between them.

:class:`Side` joins a link's sentences into one text and maps offsets back to the document;
:class:`LinkContext` holds both sides, the diff runs, the relation and the options; and
:func:`changes` turns the diff into the stretches a classifier reads, in a form that does not
depend on which side is the reference (so swapping the two documents swaps every finding's
sides and nothing else). ``compare.findings`` re-exports these names.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from compare._records import record_repr
from compare._regex import script_keyed
from compare.diff import Run
from compare.lexicon import words
from compare.model import Document, Finding, Relation
from compare.options import Options
from compare.tokens import keeps_places

__all__ = [
    "Change",
    "Classifier",
    "LinkContext",
    "RunCache",
    "Side",
    "Words",
    "change_words",
    "changes",
    "memo",
    "per_documents",
    "shorten",
    "slice_words",
    "text_words",
]

_SNIPPET = 60

T = TypeVar("T")


@attrs.frozen
class Side:
    """One side of a link: the sentences joined into one text, and where each piece came from."""

    __repr__ = record_repr

    doc: Document
    indices: tuple[int, ...]
    text: str
    """The sentences joined with single spaces."""
    pieces: tuple[tuple[int, int], ...]
    """For each sentence, (offset in ``text``, offset in ``doc.text``)."""

    @classmethod
    def of(cls, doc: Document, indices: tuple[int, ...]) -> Side:
        """Join the given sentences of a document into one side of a link."""
        parts: list[str] = []
        pieces: list[tuple[int, int]] = []
        pos = 0
        for i in indices:
            s = doc.sentences[i]
            pieces.append((pos, s.start))
            parts.append(s.text)
            pos += len(s.text) + 1
        return cls(doc, indices, " ".join(parts), tuple(pieces))

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the joined text to a span of the document's text."""
        if len(self.pieces) == 1:  # most sides: one sentence, one shift
            joined, in_doc = self.pieces[0]
            shift = in_doc - joined
            return start + shift, (end if end > start else start) + shift

        def at(x: int) -> int:
            base = self.pieces[0]
            for piece in self.pieces:
                if piece[0] <= x:
                    base = piece
            return base[1] + (x - base[0])

        return at(start), at(max(start, end - 1)) + (1 if end > start else 0)

    def doc_spans(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """Map a span of the joined text to spans of the document's text: :meth:`doc_span`'s
        one span, unless the document holds more than whitespace between two of the joined
        sentences it crosses (a headline or an ``Updated`` line the loader set apart as
        debris): there it is cut, one span a stretch of sentences with only whitespace
        between them, so that no span covers text outside the link's sentences."""
        span = self.doc_span(start, end)
        if len(self.pieces) == 1 or not self._crosses_text(*span):
            return (span,)
        cut: list[tuple[int, int]] = []
        for k, (joined, in_doc) in enumerate(self.pieces):
            s, e = max(start, joined), min(end, joined + self._length(k))
            if s >= e:
                continue
            piece = (in_doc + s - joined, in_doc + e - joined)
            if cut and not self.doc.text[cut[-1][1] : piece[0]].strip():
                cut[-1] = (cut[-1][0], piece[1])  # only whitespace between: one span
            else:
                cut.append(piece)
        return tuple(cut) or (span,)

    def _length(self, k: int) -> int:
        """The length of the ``k``-th joined sentence."""
        stop = self.pieces[k + 1][0] - 1 if k + 1 < len(self.pieces) else len(self.text)
        return stop - self.pieces[k][0]

    def _crosses_text(self, start: int, end: int) -> bool:
        """Whether a span of the document's text covers something other than whitespace
        between two of the joined sentences."""
        for k in range(len(self.pieces) - 1):
            gap = (self.pieces[k][1] + self._length(k), self.pieces[k + 1][1])
            if start < gap[1] and gap[0] < end and self.doc.text[gap[0] : gap[1]].strip():
                return True
        return False

    def sentence_starts(self) -> tuple[int, ...]:
        """Offsets in ``text`` where each joined sentence begins."""
        return tuple(p[0] for p in self.pieces)


RunCache = dict[tuple[str, ...], tuple[tuple[Document, ...], Any]]
"""What classifiers compute once per document (or pair of documents) of one comparison, shared
by all its links (see :func:`per_documents`). :func:`compare.compare` and
:func:`compare.collate` make one for their run, so it is dropped with the run: no module-level
table keeps documents, or what was read of them, alive."""


@attrs.frozen
class LinkContext:
    """Everything a classifier may look at for one link."""

    __repr__ = record_repr

    ref: Side
    other: Side
    runs: tuple[Run, ...]
    relation: Relation
    options: Options
    cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    """What classifiers computed for this link, shared between them (see :func:`memo`)."""
    run_cache: RunCache = attrs.field(factory=dict, eq=False, repr=False, kw_only=True)
    """What classifiers computed per document, shared by every link of one comparison."""


Classifier = Callable[[LinkContext], Iterable[Finding]]


@attrs.frozen
class Change:
    """One stretch of a diff between two equal runs: ``ref[a_start:a_end]`` became
    ``other[b_start:b_end]`` (either may be empty: a pure deletion or insertion)."""

    __repr__ = record_repr

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def ref_text(self, ctx: LinkContext) -> str:
        """The reference words of this change."""
        return ctx.ref.text[self.a_start : self.a_end]

    def other_text(self, ctx: LinkContext) -> str:
        """The other side's words of this change."""
        return ctx.other.text[self.b_start : self.b_end]


def _blocks(runs: Iterable[Run]) -> list[Change]:
    """Merge each maximal stretch of non-equal runs into one change."""
    out: list[Change] = []
    block: list[Run] = []
    for run in [*runs, None]:
        if run is not None and run.op != "equal":
            block.append(run)
            continue
        if block:
            out.append(
                Change(
                    min(r.a_start for r in block),
                    max(r.a_end for r in block),
                    min(r.b_start for r in block),
                    max(r.b_end for r in block),
                )
            )
        block = []
    return out


def memo(ctx: LinkContext, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per link and shared by every classifier that asks for
    ``key`` (each key must always name the same computation)."""
    cache = ctx.cache
    if key in cache:
        return cache[key]  # type: ignore[no-any-return]
    value = cache[key] = compute()
    return value


def per_documents(
    ctx: LinkContext, docs: tuple[Document, ...], key: str, compute: Callable[[], T]
) -> T:
    """``compute()`` for these documents, computed once per comparison (``ctx.run_cache``).

    Entries are found by document id (unique within one comparison) and checked to be for
    these very documents; ``key`` must always name the same computation.
    """
    # (one document, every caller's so far: its two-item key made without a generator)
    slot = (key, docs[0].id) if len(docs) == 1 else (key, *(d.id for d in docs))
    hit = ctx.run_cache.get(slot)
    if hit is not None and all(map(operator.is_, hit[0], docs)):  # the same count: the key's
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    ctx.run_cache[slot] = (docs, value)
    return value


def changes(ctx: LinkContext) -> tuple[Change, ...]:
    """The changes of a link, the same (sides swapped) whichever document is the reference.

    ``ctx.runs`` come from :func:`compare.diff.symmetric_runs`, so they already mirror exactly
    when the documents swap; each maximal stretch of non-equal runs is one change.
    """
    found: tuple[Change, ...] | None = ctx.cache.get("changes")
    if found is None:
        found = ctx.cache["changes"] = tuple(_blocks(ctx.runs))
    return found


Words = tuple[tuple[str, int, int], ...]
"""Words as :func:`compare.lexicon.words` gives them: (folded word, start, end)."""


def _word_start(word: tuple[str, int, int]) -> int:
    return word[1]


def _plain_places(text: str) -> bool:
    """Whether :func:`compare.lexicon.words` reads ``text`` character for character: ASCII, or
    folded in place (:func:`~compare.tokens.keeps_places`) with no Arabic or Chinese letter
    (whose folding :func:`~compare.tokens.script_key` may change), so that the words of a
    slice are the words of the whole text that lie in it."""
    return text.isascii() or (keeps_places(text) and not script_keyed(text))


def slice_words(
    text: str,
    start: int,
    end: int,
    whole: Words,
    plain: bool,
    starts: Sequence[int] | None = None,
) -> Words:
    """``words(text[start:end])``, read off ``whole`` (``words(text)``) when ``plain``
    (:func:`_plain_places` of ``text``) and no word of ``text`` crosses ``start`` or ``end``;
    computed otherwise. A word that lies inside the slice is matched there exactly as in the
    whole text: the word pattern looks neither behind nor, past the word, ahead. ``starts``,
    if given, are the start offsets of ``whole`` (searched without a key function: a caller
    slicing one text many times makes them once)."""
    if start >= end:
        return ()
    if plain:
        if starts is None:
            i = bisect.bisect_left(whole, start, key=_word_start)
        else:
            i = bisect.bisect_left(starts, start)
        if i == 0 or whole[i - 1][2] <= start:
            if starts is None:
                j = bisect.bisect_left(whole, end, key=_word_start)
            else:
                j = bisect.bisect_left(starts, end, i)
            if j == i or whole[j - 1][2] <= end:
                return tuple([(w, s - start, e - start) for w, s, e in whole[i:j]])
    return words(text[start:end])


def text_words(text: str, start: int, end: int) -> Words:
    """``words(text[start:end])`` of a text whose words are read (and remembered) whole: a
    short slice read for a few words around a marker or a number is cut from them, not
    tokenised (and remembered) as a text of its own."""
    return slice_words(text, start, end, words(text), _plain_places(text))


def change_words(ctx: LinkContext) -> tuple[tuple[Words, Words], ...]:
    """The words (:func:`compare.lexicon.words`) of both sides of each change of a link, as
    offsets in the change's text: read once per link from the words of each side, which
    recur across links, not once per change and classifier."""

    def compute() -> tuple[tuple[Words, Words], ...]:
        ref, other = ctx.ref.text, ctx.other.text
        ref_words, other_words = words(ref), words(other)
        ref_plain, other_plain = _plain_places(ref), _plain_places(other)
        ref_starts = [w[1] for w in ref_words] if ref_plain else None
        other_starts = [w[1] for w in other_words] if other_plain else None
        return tuple(
            (
                slice_words(ref, c.a_start, c.a_end, ref_words, ref_plain, ref_starts),
                slice_words(other, c.b_start, c.b_end, other_words, other_plain, other_starts),
            )
            for c in changes(ctx)
        )

    return memo(ctx, "change_words", compute)


def shorten(text: str, limit: int = _SNIPPET) -> str:
    """Collapse whitespace and cut text to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
