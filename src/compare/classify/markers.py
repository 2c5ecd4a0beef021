"""``hedge`` and ``intensity`` findings: a listed marker added, dropped or swapped on shared
words.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import attrs

from compare._cache import bounded
from compare._records import record_repr
from compare.classify._common import _change_of, _finding, _lex, _quoted, _unmatched
from compare.context import (
    LinkContext,
    Side,
    changes,
    memo,
    text_words,
)
from compare.lexicon import (
    Lexicon,
    Phrase,
    phrase_index,
    words,
)
from compare.model import Finding
from compare.speech import phrase_matches
from compare.tokens import stem, stopwords


@attrs.frozen
class _Marker:
    """A marker phrase found in a side's text, with its span and the text it matched."""

    __repr__ = record_repr

    phrase: Phrase
    start: int
    end: int
    text: str


@bounded()
def _phrase_hits(text: str, phrases: frozenset[Phrase]) -> tuple[tuple[Phrase, int, int], ...]:
    """Occurrences of listed phrases in a text, longest first, without overlaps."""
    ws = words(text)
    lengths = phrase_matches(ws, phrases)
    out: list[tuple[Phrase, int, int]] = []
    k = 0
    while k < len(ws):
        n = lengths[k]
        if n:
            phrase = tuple(w for w, _, _ in ws[k : k + n])
            out.append((phrase, ws[k][1], ws[k + n - 1][2]))
            k += n
        else:
            k += 1
    return tuple(out)


_DETERMINERS = frozenset({"the", "this", "that", "a", "an", "its", "his", "her", "their"})


def _markers(side: Side, phrases: frozenset[Phrase], lex: Lexicon) -> list[_Marker]:
    """Occurrences of listed phrases in a side. A capitalised one inside a sentence, or before
    another capitalised word, is (part of) a name: "May", "Great Britain"; one after a
    determiner and before a reporting verb or a clause's end is a noun: "the firm said"."""
    starts = set(side.sentence_starts())
    verbs = phrase_index(lex.reporting_verbs)
    out = []
    for phrase, s, e in _phrase_hits(side.text, phrases):
        if side.text[s].isupper():
            after = side.text[e:].lstrip()
            if s not in starts or after[:1].isupper():
                continue
        before = text_words(side.text, max(0, s - 12), s)
        if before and before[-1][0] in _DETERMINERS:
            after_words = text_words(side.text, e, min(e + 30, len(side.text)))
            rest = side.text[e:].lstrip()
            if (after_words and after_words[0][0] in verbs) or rest[:1] in ("", ",", ".", ";"):
                continue
        out.append(_Marker(phrase, s, e, side.text[s:e]))
    return out


def _anchored(marker: _Marker, side: Side, other_keys: set[str], lex: Lexicon) -> bool:
    """Whether the word a marker qualifies is on the other side too (the same claim, qualified
    differently): the first content word within two words after it, else the nearest within
    three words before it ("remains unconfirmed")."""
    stop = stopwords(lex.language)
    ws = words(side.text)
    idx = [i for i, (_, s, _) in enumerate(ws) if marker.start <= s < marker.end]
    if not idx:
        return False
    after = [w for w, _, _ in ws[idx[-1] + 1 : idx[-1] + 3] if w not in stop]
    before = [w for w, _, _ in ws[max(0, idx[0] - 3) : idx[0]] if w not in stop]
    head = after[:1] or before[-1:]
    return bool(head) and stem(head[0]) in other_keys


def _one_sided(ctx: LinkContext, phrases: frozenset[Phrase]) -> tuple[list[_Marker], list[_Marker]]:
    """Anchored markers of each side that the other side lacks, inside a change."""
    cs = changes(ctx)
    ref_hits = _phrase_hits(ctx.ref.text, phrases)
    other_hits = _phrase_hits(ctx.other.text, phrases)
    if not any(_change_of(cs, s, e, True) is not None for _, s, e in ref_hits) and not any(
        _change_of(cs, s, e, False) is not None for _, s, e in other_hits
    ):
        return [], []  # no listed phrase inside a change: none can be kept below
    lex = _lex(ctx)
    ref_m = _markers(ctx.ref, phrases, lex)
    other_m = _markers(ctx.other, phrases, lex)
    only_ref, only_other = _unmatched(ref_m, other_m, lambda x, y: x.phrase == y.phrase)
    if not (only_ref or only_other):
        return only_ref, only_other  # every marker on both sides: nothing one-sided to anchor
    ref_keys, other_keys = memo(
        ctx,
        "stems",
        lambda: (
            {stem(w) for w, _, _ in words(ctx.ref.text)},
            {stem(w) for w, _, _ in words(ctx.other.text)},
        ),
    )
    only_ref = [
        m
        for m in only_ref
        if _change_of(cs, m.start, m.end, True) is not None
        and _anchored(m, ctx.ref, other_keys, lex)
    ]
    only_other = [
        m
        for m in only_other
        if _change_of(cs, m.start, m.end, False) is not None
        and _anchored(m, ctx.other, ref_keys, lex)
    ]
    return only_ref, only_other


def hedge(ctx: LinkContext) -> Iterator[Finding]:
    """A hedge or evidential marker on one side only: ``adds hedge ‘reportedly’``. It must
    qualify words both sides share, so a hedge inside an added clause is that clause's detail."""
    if ctx.relation == "same":
        return
    only_ref, only_other = _one_sided(ctx, _lex(ctx).hedges)
    for m in only_ref:
        yield _finding("hedge", ctx, f"drops hedge {_quoted(m.text)}", ref=[(m.start, m.end)])
    for m in only_other:
        yield _finding("hedge", ctx, f"adds hedge {_quoted(m.text)}", other=[(m.start, m.end)])


@lru_cache(maxsize=16)
def _degree_words(lex: Lexicon) -> frozenset[Phrase]:
    """Intensifiers and downtoners of a lexicon, one set (made once: it keys a cache)."""
    return lex.intensifiers | lex.downtoners


def intensity(ctx: LinkContext) -> Iterator[Finding]:
    """An intensifier or downtoner added, dropped or swapped on shared words: ``adds intensifier
    ‘firmly’``, ``‘firmly’ → ‘strongly’``, ``adds downtoner ‘partly’``."""
    if ctx.relation == "same":
        return
    lex = _lex(ctx)
    only_ref, only_other = _one_sided(ctx, _degree_words(lex))
    cs = changes(ctx)

    def kind(m: _Marker) -> str:
        return "intensifier" if m.phrase in lex.intensifiers else "downtoner"

    for m in list(only_ref):
        k = _change_of(cs, m.start, m.end, True)
        twin = next((o for o in only_other if _change_of(cs, o.start, o.end, False) == k), None)
        if twin is not None:
            only_ref.remove(m)
            only_other.remove(twin)
            detail = f"{_quoted(m.text)} → {_quoted(twin.text)}"
            yield _finding("intensity", ctx, detail, [(m.start, m.end)], [(twin.start, twin.end)])
    for m in only_ref:
        detail = f"drops {kind(m)} {_quoted(m.text)}"
        yield _finding("intensity", ctx, detail, ref=[(m.start, m.end)])
    for m in only_other:
        yield _finding(
            "intensity", ctx, f"adds {kind(m)} {_quoted(m.text)}", other=[(m.start, m.end)]
        )
