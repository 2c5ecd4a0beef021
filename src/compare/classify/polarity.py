"""``polarity`` findings: negation or an opposite word in a local edit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compare.classify._common import _LOCAL_WORDS, _finding, _lex, _quoted
from compare.context import (
    LinkContext,
    changes,
)
from compare.lexicon import (
    words,
)
from compare.model import Finding
from compare.relate import opposed
from compare.scripts import HAN
from compare.tokens import stopwords


def _with_neighbours(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span by one word on each side."""
    before = re.search(rf"((?:[{HAN}]|[^\s{HAN}]+)\s*)$", text[:start])  # a Chinese character
    after = re.match(rf"(\s*(?:[{HAN}]|[^\s,.;:!?”\"{HAN}]+))", text[end:])  # is one word
    s = start - len(before.group(1)) if before else start
    e = end + len(after.group(1)) if after else end
    return s, e


def polarity(ctx: LinkContext) -> Iterator[Finding]:
    """Negation or an opposite stance in a local edit: ``‘supports’ → ‘does not support’``,
    ``‘welcomes’ → ‘rejects’``. A negator and an opposite word together cancel out
    (``rejects`` = ``does not support``); a rewritten clause is not judged."""
    if ctx.relation == "same":
        return
    lex = _lex(ctx)
    lang = ctx.options.language
    stop = stopwords(lang)
    for c in changes(ctx):
        old, new = c.ref_text(ctx), c.other_text(ctx)
        ow = [w for w, _, _ in words(old)]
        nw = [w for w, _, _ in words(new)]
        content_old = [w for w in ow if w not in stop and not lex.is_negator(w)]
        content_new = [w for w in nw if w not in stop and not lex.is_negator(w)]
        limit = _LOCAL_WORDS if (ow and nw) else 1
        if len(content_old) > limit or len(content_new) > limit:
            continue
        if not opposed(ow, nw, language=lang):
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
