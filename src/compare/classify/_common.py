"""What every typed classifier shares: a link's changes and content words, findings built
on side spans, and the phrase matcher of the word lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from compare._cache import bounded
from compare.context import (
    Change,
    LinkContext,
    Side,
    change_words,
    memo,
    shorten,
)
from compare.lexicon import (
    Lexicon,
    lexicon,
    words,
)
from compare.model import Finding, FindingType
from compare.tokens import stem, stopwords

Span = tuple[int, int]
U = TypeVar("U")

_LOCAL_WORDS = 4
"""Content words a changed stretch may have, on each side, to be read as one local edit (a
replaced name or verb phrase) rather than a rewritten clause. Polarity, entity mismatches and
attributions on one side only are judged on local edits alone: in a rewritten clause, words
cannot be paired."""


def _lex(ctx: LinkContext) -> Lexicon:
    return lexicon(ctx.options.language)


def _change_of(spans: Sequence[Change], start: int, end: int, ref: bool) -> int | None:
    """Index of the change whose reference (or other) words meet [start, end)."""
    for k, c in enumerate(spans):
        a, b = (c.a_start, c.a_end) if ref else (c.b_start, c.b_end)
        if a < b and start < b and a < end:
            return k
    return None


def _change_content(ctx: LinkContext) -> list[tuple[list[str], list[str]]]:
    """The content words (:func:`_content`) of both sides of each change of a link."""

    def compute() -> list[tuple[list[str], list[str]]]:
        stop = stopwords(ctx.options.language)
        return [
            (
                [stem(w) for w, _, _ in ref_words if w not in stop],
                [stem(w) for w, _, _ in other_words if w not in stop],
            )
            for ref_words, other_words in change_words(ctx)
        ]

    return memo(ctx, "change_content", compute)


def _side_content(ctx: LinkContext, ref: bool) -> frozenset[str]:
    """The content words (:func:`_content`) of one side of a link, as a set."""
    side = ctx.ref if ref else ctx.other
    return _content_set(side.text, ctx.options.language)


@bounded(maxbytes=1 << 20)  # small entries: 1 MiB holds ~1,000 texts
def _content_set(text: str, language: str) -> frozenset[str]:
    """:func:`_content` of a text as a set, remembered by text (a side recurs across links)."""
    return frozenset(_content(text, language))


def _local(ctx: LinkContext, k: int, extra: int = 0) -> bool:
    """Whether change ``k`` is a local edit: at most ``_LOCAL_WORDS`` content words on each side
    (``extra`` more allowed), not a rewritten clause, where words cannot be paired."""
    limit = _LOCAL_WORDS + extra
    mine, theirs = _change_content(ctx)[k]
    return len(mine) <= limit and len(theirs) <= limit


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink a span so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _finding(
    kind: FindingType,
    ctx: LinkContext,
    detail: str,
    ref: Iterable[Span] = (),
    other: Iterable[Span] = (),
) -> Finding:
    """A finding on this link, spans given in side-text offsets (whitespace trimmed), each
    side's spans in document order without repeats (so that swapping the two sides swaps the
    spans exactly, whatever order a detector found them in)."""

    def doc_spans(side: Side, spans: Iterable[Span]) -> tuple[Span, ...]:
        trimmed = (_trim(side.text, s, e) for s, e in spans)
        return tuple(sorted({sp for s, e in trimmed if e > s for sp in side.doc_spans(s, e)}))

    return Finding(
        kind,
        ctx.ref.indices,
        ctx.other.indices,
        detail,
        ref_spans=doc_spans(ctx.ref, ref),
        other_spans=doc_spans(ctx.other, other),
    )


def _quoted(text: str) -> str:
    return f"‘{shorten(text, 40)}’"


def _new_content(ctx: LinkContext, k: int, ref: bool) -> int:
    """Content words of one side of change ``k`` that the other side of the link lacks."""
    mine = _change_content(ctx)[k][0 if ref else 1]
    against = _side_content(ctx, not ref)
    return sum(1 for w in mine if w not in against)


def _content(text: str, language: str) -> list[str]:
    stop = stopwords(language)
    return [stem(w) for w, _, _ in words(text) if w not in stop]


def _unmatched(
    a: Sequence[U], b: Sequence[U], same: Callable[[U, U], bool]
) -> tuple[list[U], list[U]]:
    """Items of each side without an equal one on the other side (repeats counted)."""
    left = list(b)
    only_a: list[U] = []
    for q in a:
        twin = next((r for r in left if same(q, r)), None)
        if twin is None:
            only_a.append(q)
        else:
            left.remove(twin)
    return only_a, left


_WORD_RUN_RE = re.compile(r"\w+")


def _words_only(text: str, start: int, end: int) -> Span:
    """Shrink a span to run from its first to its last letter or digit (empty if none)."""
    found = [m.span() for m in _WORD_RUN_RE.finditer(text[start:end])]
    if not found:
        return start, start
    return start + found[0][0], start + found[-1][1]
