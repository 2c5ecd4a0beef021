"""``polarity`` findings: negation or an opposite word in a local edit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from compare.classify._common import _LOCAL_WORDS, _finding, _lex, _quoted
from compare.context import (
    LinkContext,
    change_words,
    changes,
)
from compare.lexicon import Lexicon
from compare.model import Finding
from compare.relate import opposed, opposed_plain
from compare.scripts import HAN
from compare.tokens import stopwords


def _with_neighbours(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span by one word on each side; in Chinese, to its clause (at most
    :data:`_HAN_REACH` characters each side), since a character or two cuts words
    (``‘中没有发’`` was shown for ``大桥建设过程中没有发生安全事故``)."""
    if re.search(rf"[{HAN}]", text[max(0, start - 1) : end + 1]):
        before = re.search(rf"([^{_HAN_STOPS}]{{0,{_HAN_REACH}}})$", text[:start])
        after = re.match(rf"([^{_HAN_STOPS}]{{0,{_HAN_REACH}}})", text[end:])
    else:
        before = re.search(rf"((?:[{HAN}]|[^\s{HAN}]+)\s*)$", text[:start])
        after = re.match(rf"(\s*(?:[{HAN}]|[^\s,.;:!?”\"{HAN}]+))", text[end:])
    s = start - len(before.group(1)) if before else start
    e = end + len(after.group(1)) if after else end
    return s, e


_HAN_STOPS = "，。；：！？、“”「」（）,.;:!?\\s"
"""Marks that end a Chinese clause."""
_HAN_REACH = 12
"""At most this many characters of a Chinese clause are shown on each side of a change."""


def _content_over(ws: list[str], limit: int, stop: AbstractSet[str], lex: Lexicon) -> bool:
    """Whether more than ``limit`` of these words are content words (neither function words
    nor negators): a stretch of at most ``limit`` words is not read word by word."""
    if len(ws) <= limit:
        return False
    return len([w for w in ws if w not in stop and not lex.is_negator(w)]) > limit


def polarity(ctx: LinkContext) -> Iterator[Finding]:
    """Negation or an opposite stance in a local edit: ``‘supports’ → ‘does not support’``,
    ``‘welcomes’ → ‘rejects’``. A negator and an opposite word together cancel out
    (``rejects`` = ``does not support``); a rewritten clause is not judged."""
    if ctx.relation == "same":
        return
    lex = _lex(ctx)
    lang = ctx.options.language
    stop = stopwords(lang)
    for c, (old_words, new_words) in zip(changes(ctx), change_words(ctx), strict=True):
        ow = [w for w, _, _ in old_words]
        nw = [w for w, _, _ in new_words]
        limit = _LOCAL_WORDS if (ow and nw) else 1
        if _content_over(ow, limit, stop, lex) or _content_over(nw, limit, stop, lex):
            continue
        told = opposed_plain(ow, nw, lex)  # most stretches: no word listed as an opposite
        if not (opposed(ow, nw, language=lang) if told is None else told):
            continue
        a, b = (c.a_start, c.a_end), (c.b_start, c.b_end)
        if not (ow and nw):  # a bare "not" added: show the words around it
            a = _with_neighbours(ctx.ref.text, *a)
            b = _with_neighbours(ctx.other.text, *b)
        shown_a = ctx.ref.text[a[0] : a[1]].strip()
        shown_b = ctx.other.text[b[0] : b[1]].strip()
        yield _finding(
            "polarity",
            ctx,
            f"{_quoted(shown_a)} → {_quoted(shown_b)}",
            [(c.a_start, c.a_end)] if ow else [],
            [(c.b_start, c.b_end)] if nw else [],
        )
