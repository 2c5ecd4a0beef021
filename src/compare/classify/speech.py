"""``quote`` and ``attribution`` findings: words changed inside quotation marks, a quote retold
in reported speech, and who is said to say it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from compare.classify._common import (
    Span,
    _change_of,
    _content,
    _finding,
    _lex,
    _local,
    _quoted,
    _side_content,
    _words_only,
)
from compare.context import (
    Change,
    LinkContext,
    Side,
    changes,
    per_documents,
    shorten,
)
from compare.model import Document, Finding
from compare.speech import Attribution, attributions, quote_spans, same_speaker
from compare.tokens import normalise


def _sentence_quotes(doc: Document) -> list[list[Span]]:
    """For each sentence of a document, the quote spans clipped to it (document offsets)."""
    spans = quote_spans(doc.text)
    sents = doc.sentences
    out: list[list[Span]] = [[] for _ in sents]
    starts = [s.start for s in sents]
    ends = [s.end for s in sents]
    if starts != sorted(starts) or ends != sorted(ends):
        for k, sent in enumerate(sents):  # sentences out of order: look at every quote
            for qs, qe in spans:
                s, e = max(qs, sent.start), min(qe, sent.end)
                if s < e:
                    out[k].append((s, e))
        return out
    for qs, qe in spans:
        # the sentences that end after the quote starts, up to the first starting after it ends
        k = bisect.bisect_right(ends, qs)
        while k < len(sents) and starts[k] < qe:
            s, e = max(qs, starts[k]), min(qe, ends[k])
            if s < e:
                out[k].append((s, e))
            k += 1
    return out


def _side_quotes(ctx: LinkContext, side: Side) -> list[Span]:
    """Quoted stretches of a side, in side-text offsets (clipped to its sentences; nested
    quotes merged into the quote around them)."""
    out: list[Span] = []
    by_sentence = per_documents(ctx, (side.doc,), "quotes", lambda: _sentence_quotes(side.doc))
    for (pos, doc_start), i in zip(side.pieces, side.indices, strict=True):
        for s, e in by_sentence[i]:
            out.append((pos + s - doc_start, pos + e - doc_start))
    merged: list[Span] = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _clip(start: int, end: int, quotes: list[Span]) -> list[Span]:
    return [(max(start, s), min(end, e)) for s, e in quotes if max(start, s) < min(end, e)]


def _inside(pos: int, quotes: list[Span]) -> bool:
    return any(s <= pos <= e for s, e in quotes)


# Read on the reversed text: ``(\w+\W*)$`` searched forwards retries every start inside a long
# word, quadratic in its length; anchored at the end of the reversed text it reads each character
# once.
_LAST_WORD_REVERSED_RE = re.compile(r"\W*+\w++")
_NEXT_WORD_RE = re.compile(r"(\W*?\w+)")


def _context(text: str, spans: list[Span], quotes: list[Span]) -> str:
    """The words of ``spans`` with one word of quoted context on each side."""
    start, end = spans[0][0], spans[-1][1]
    limit = next(((s, e) for s, e in quotes if s <= start and end <= e), (start, end))
    before = _LAST_WORD_REVERSED_RE.match(text[limit[0] : start][::-1])
    after = _NEXT_WORD_RE.match(text[end : limit[1]])
    s = start - len(before.group()) if before else start
    e = end + len(after.group(1)) if after else end
    return text[s:e].strip(" ,.;:")


_REPORTED_SHARE = 0.75
"""Share of a quote's content words the other side must hold for it to be the same words in
reported speech (and not a quote dropped)."""
_REPORTED_WORDS = 4
"""Content words a quote needs to be told apart from reported speech (shorter ones are scare
quotes: "real doubts")."""


def _speech_form(ctx: LinkContext, ref_q: list[Span], other_q: list[Span]) -> Iterator[Finding]:
    """A quote on one side said in reported speech on the other: ``“…” → reported speech``
    (or back). The quote must be touched by a change, and most of its content words must be
    on the other side."""
    quoted_ref = bool(ref_q)
    side, other = (ctx.ref, ctx.other) if quoted_ref else (ctx.other, ctx.ref)
    spans = ref_q or other_q
    lang = ctx.options.language
    if not attributions(other.text, _lex(ctx)):
        return  # reported speech has a speaker
    against = _side_content(ctx, not quoted_ref)
    cs = changes(ctx)
    for qs, qe in spans:
        mine = _content(side.text[qs:qe], lang)
        if len(mine) < _REPORTED_WORDS or sum(w in against for w in mine) < _REPORTED_SHARE * len(
            mine
        ):
            continue  # a short (scare) quote, or a quote the other side does not retell
        touched = [
            c
            for c in cs
            if (
                (c.a_start <= qe + 1 and qs - 1 <= c.a_end)
                if quoted_ref
                else (c.b_start <= qe + 1 and qs - 1 <= c.b_end)
            )
        ]
        if not touched:
            continue
        ref_spans = [(c.a_start, c.a_end) for c in touched if c.a_end > c.a_start]
        other_spans = [(c.b_start, c.b_end) for c in touched if c.b_end > c.b_start]
        shown = f"“{shorten(side.text[qs:qe], 40)}”"
        if quoted_ref:
            detail = f"{shown} → reported speech"
            yield _finding("quote", ctx, detail, [(qs, qe), *ref_spans], other_spans)
        else:
            detail = f"reported speech → {shown}"
            yield _finding("quote", ctx, detail, ref_spans, [*other_spans, (qs, qe)])


def quote(ctx: LinkContext) -> Iterator[Finding]:
    """Words changed inside quotation marks, each reported exactly, even a single word:
    ``“a better future” → “a more prosperous future”``. A change counts when it touches a quote
    on both sides (a quote that was edited); punctuation and case alone do not count."""
    if ctx.relation == "same":
        return
    ref_q, other_q = _side_quotes(ctx, ctx.ref), _side_quotes(ctx, ctx.other)
    if bool(ref_q) != bool(other_q):
        yield from _speech_form(ctx, ref_q, other_q)
        return
    if not (ref_q and other_q):
        return
    shown: list[str] = []
    ref_spans: list[Span] = []
    other_spans: list[Span] = []
    for c in changes(ctx):
        a = _clip(c.a_start, c.a_end, ref_q)
        b = _clip(c.b_start, c.b_end, other_q)
        touches_a = bool(a) or (c.a_start == c.a_end and _inside(c.a_start, ref_q))
        touches_b = bool(b) or (c.b_start == c.b_end and _inside(c.b_start, other_q))
        if not (touches_a and touches_b):
            continue
        old = " ".join(ctx.ref.text[s:e] for s, e in a)
        new = " ".join(ctx.other.text[s:e] for s, e in b)
        if normalise(old) == normalise(new):
            continue
        a_words = [w for sp in a if (w := _words_only(ctx.ref.text, *sp))[1] > w[0]]
        b_words = [w for sp in b if (w := _words_only(ctx.other.text, *sp))[1] > w[0]]
        ref_spans += a_words
        other_spans += b_words
        before = _context(ctx.ref.text, a_words or [(c.a_start, c.a_start)], ref_q)
        after = _context(ctx.other.text, b_words or [(c.b_start, c.b_start)], other_q)
        shown.append(f"“{shorten(before, 40)}” → “{shorten(after, 40)}”")
    if shown:
        more = f" (+{len(shown) - 3} more)" if len(shown) > 3 else ""
        yield _finding("quote", ctx, "; ".join(shown[:3]) + more, ref_spans, other_spans)


# --- attribution -----------------------------------------------------------------------------


def _pair_attributions(
    a: list[Attribution], b: list[Attribution]
) -> tuple[list[Attribution], list[Attribution], list[tuple[Attribution, Attribution]]]:
    """Match attributions of two sides by speaker; return the unmatched and the contradicting."""
    left_a, left_b = list(a), list(b)
    for wanted in (True, None):
        for x in list(left_a):
            y = next((y for y in left_b if same_speaker(x.speaker, y.speaker) is wanted), None)
            if y is not None:
                left_a.remove(x)
                left_b.remove(y)
    clashes = []
    for x in list(left_a):
        y = next((y for y in left_b if same_speaker(x.speaker, y.speaker) is False), None)
        if y is not None:
            clashes.append((x, y))
            left_a.remove(x)
            left_b.remove(y)
    return left_a, left_b, clashes


def _said(att: Attribution, side: Side) -> str:
    return shorten(side.text[att.start : att.end], 40)


def _speaker_changed(att: Attribution, text: str, cs: Sequence[Change], ref: bool) -> bool:
    """Whether a change touches the speaker's words of an attribution (not only its verb)."""
    at = text.find(att.speaker.text, att.start, att.end)
    if at < 0:
        return True
    return _change_of(cs, at, at + len(att.speaker.text), ref) is not None


def attribution(ctx: LinkContext) -> Iterator[Finding]:
    """Who says it changed or vanished: ``speaker Xi → Assad``; ``adds ‘according to CGTN’``;
    ``drops ‘Xi said’``. Speakers are matched by name, alias group or owner (``Assad's office``
    is not ``Assad``); a pronoun matches any speaker."""
    if ctx.relation == "same":
        return
    lex = _lex(ctx)
    ref_atts = list(attributions(ctx.ref.text, lex))
    other_atts = list(attributions(ctx.other.text, lex))
    only_ref, only_other, clashes = _pair_attributions(ref_atts, other_atts)
    for x, y in clashes:
        detail = f"speaker {_quoted(x.speaker.text)} → {_quoted(y.speaker.text)}"
        yield _finding("attribution", ctx, detail, [(x.start, x.end)], [(y.start, y.end)])
    # an attribution on one side only counts where the rest is kept: "Xi said China is ready"
    # / "China is ready"; in a rewritten clause it is part of what was rewritten
    cs = changes(ctx)
    lang = ctx.options.language
    for att in only_ref:
        if not _speaker_changed(att, ctx.ref.text, cs, True):
            continue  # the speaker is kept: only the verb was reworded ("praised"/"lauded")
        k = _change_of(cs, att.start, att.end, True)
        size = len(_content(ctx.ref.text[att.start : att.end], lang))
        if k is not None and _local(ctx, k, size):
            detail = f"drops {_quoted(_said(att, ctx.ref))}"
            yield _finding("attribution", ctx, detail, ref=[(att.start, att.end)])
    for att in only_other:
        if not _speaker_changed(att, ctx.other.text, cs, False):
            continue
        k = _change_of(cs, att.start, att.end, False)
        size = len(_content(ctx.other.text[att.start : att.end], lang))
        if k is not None and _local(ctx, k, size):
            detail = f"adds {_quoted(_said(att, ctx.other))}"
            yield _finding("attribution", ctx, detail, other=[(att.start, att.end)])
