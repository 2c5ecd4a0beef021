"""``number`` findings: numbers, dates and times that differ (``65 → 50``), numbers inside
names (``COVID-19 → COVID-24``), approximations (``65 → as many as 65``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from compare.classify._common import _change_of, _finding, _lex, _new_content, _quoted, _unmatched
from compare.context import (
    LinkContext,
    changes,
    text_words,
)
from compare.lexicon import (
    Lexicon,
    Phrase,
)
from compare.model import Finding
from compare.quantities import Quantity, quantities, same_quantity

_DIGIT_RUN_RE = re.compile(r"\d+")
_DATE_RE = re.compile(r"(\d{4})-\d{1,2}-\d{1,2}")


def _numbers_in_names(ctx: LinkContext) -> Iterator[Finding]:
    """A number changed inside a word, the rest kept: ``COVID-19 → COVID-24``, ``G20 → G7``."""
    for c in changes(ctx):
        old, new = c.ref_text(ctx).strip(), c.other_text(ctx).strip()
        if " " in old or " " in new or old == new or not (_has_digits(old) and _has_digits(new)):
            continue
        if _DIGIT_RUN_RE.sub("#", old) != _DIGIT_RUN_RE.sub("#", new) or not old.strip(
            "0123456789.,"
        ):
            continue  # not one shape, or a plain number (the quantities compare those)
        if quantities(old, _lex(ctx)) or quantities(new, _lex(ctx)):
            continue  # "50th", "5m": a quantity, compared as one
        yield _finding(
            "number", ctx, f"{old} → {new}", [(c.a_start, c.a_end)], [(c.b_start, c.b_end)]
        )


def _has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _document_year(ctx: LinkContext) -> int | None:
    """The year of either document's date (``Document.meta['date']``), if it has one."""
    for doc in (ctx.ref.doc, ctx.other.doc):
        found = _DATE_RE.match(doc.meta.get("date", ""))
        if found:
            return int(found.group(1))
    return None


_FRACTION_ARTICLES = ("a", "one", "an")


def _fraction(q: Quantity, text: str) -> float | None:
    """The fraction an ordinal word stands for after "a"/"one" ("a fifth" = 0.2), else None."""
    if q.kind != "number" or not q.value or not isinstance(q.value[0], float):
        return None
    if q.text[:1].isdigit() or q.value[0] < 2:
        return None
    before = text[: q.start].split()
    if not before or before[-1].lower() not in _FRACTION_ARTICLES:
        return None
    return 1.0 / q.value[0]


def _same_value(x: Quantity, x_text: str, y: Quantity, y_text: str, year: int | None) -> bool:
    """:func:`same_quantity`, and also ``20 percent`` = ``a fifth`` and a weekday = the date it
    falls on (the year taken from the documents' date when the date has none)."""
    if same_quantity(x, y):
        return True
    for a, b, b_text in ((x, y, y_text), (y, x, x_text)):
        if a.kind == "percent" and isinstance(a.value[0], float):
            share = _fraction(b, b_text)
            if share is not None and abs(a.value[0] / 100 - share) < 1e-3:
                return True
        if a.kind == "weekday" and b.kind == "date":
            month, day, when = b.value
            when = when if isinstance(when, (int, float)) else year
            if isinstance(month, (int, float)) and isinstance(day, (int, float)) and when:
                try:
                    weekday = datetime.date(int(when), int(month), int(day)).isoweekday()
                except ValueError:
                    continue
                if (weekday,) == tuple(int(v) for v in a.value if isinstance(v, (int, float))):
                    return True
    return False


@lru_cache(maxsize=16)
def _longest_first(phrases: frozenset[Phrase]) -> tuple[Phrase, ...]:
    """Phrases sorted longest first (sorted once per word list, not once per number)."""
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=16)
def _by_last_word(phrases: frozenset[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by their last word, each word's longest first (:func:`_longest_first`'s order)."""
    out: dict[str, tuple[Phrase, ...]] = {}
    for phrase in _longest_first(phrases):
        if phrase:  # an empty phrase matches nowhere
            out[phrase[-1]] = (*out.get(phrase[-1], ()), phrase)
    return out


def _approx_before(q: Quantity, text: str, lex: Lexicon) -> str:
    """The approximation marker just before a number ("as many as", "some"), or ``""``."""
    before = text_words(text, 0, q.start)
    if not before:
        return ""
    # only a phrase ending in the word before the number can match there
    for phrase in _by_last_word(lex.approximators).get(before[-1][0], ()):
        tail = before[-len(phrase) :]
        same = len(tail) == len(phrase) and tuple(w for w, _, _ in tail) == phrase
        if same and text[tail[-1][2] : q.start].strip() == "":
            return text[tail[0][1] : q.start].strip()
    return ""


def _approximations(
    ctx: LinkContext,
    all_ref: Sequence[Quantity],
    all_other: Sequence[Quantity],
    only_ref: Sequence[Quantity],
    only_other: Sequence[Quantity],
) -> Iterator[Finding]:
    """A number that one side gives as approximate and the other as exact: ``40 → as many as
    40``. Compared numbers are paired by value, in order."""
    lex = _lex(ctx)
    if not lex.approximators:
        return
    left = [q for q in all_other if q not in only_other]
    for x in (q for q in all_ref if q not in only_ref):
        y = next((q for q in left if same_quantity(x, q)), None)
        if y is None:
            continue
        left.remove(y)
        ax, ay = _approx_before(x, ctx.ref.text, lex), _approx_before(y, ctx.other.text, lex)
        if bool(ax) == bool(ay):
            continue
        xs = x.start - len(ax) - (1 if ax else 0)
        ys = y.start - len(ay) - (1 if ay else 0)
        shown_x = ctx.ref.text[max(xs, 0) : x.end].strip()
        shown_y = ctx.other.text[max(ys, 0) : y.end].strip()
        yield _finding(
            "number", ctx, f"{shown_x} → {shown_y}", [(max(xs, 0), x.end)], [(max(ys, 0), y.end)]
        )


def number(ctx: LinkContext) -> Iterator[Finding]:
    """Numbers, dates and times that differ: ``65 → 50``, or one side only: ``drops ‘Friday’``.

    Values are compared after normalisation (``ten`` = ``10``, ``ten-year`` = ``decade-long``,
    ``50th`` = ``50``), so a rewording that keeps the value is no finding. Two differing values
    in one replaced stretch are a mismatch; a value on one side only is reported when its stretch
    is a local edit, not a whole added or dropped clause (that is ``added_detail``).
    """
    if ctx.relation == "same":
        return
    lex = _lex(ctx)
    yield from _numbers_in_names(ctx)
    all_ref, all_other = quantities(ctx.ref.text, lex), quantities(ctx.other.text, lex)
    year = _document_year(ctx)

    def same(x: Quantity, y: Quantity) -> bool:
        return _same_value(x, ctx.ref.text, y, ctx.other.text, year)

    only_ref, only_other = _unmatched(all_ref, all_other, same)
    yield from _approximations(ctx, all_ref, all_other, only_ref, only_other)
    if not (only_ref or only_other):
        return
    cs = changes(ctx)
    need = ctx.options.detail_min_words
    by_change: dict[int | None, tuple[list[Quantity], list[Quantity]]] = {}
    for q in only_ref:
        by_change.setdefault(_change_of(cs, q.start, q.end, True), ([], []))[0].append(q)
    for q in only_other:
        by_change.setdefault(_change_of(cs, q.start, q.end, False), ([], []))[1].append(q)
    for k in sorted(by_change, key=lambda x: -1 if x is None else x):
        qa, qb = by_change[k]
        pairs = min(len(qa), len(qb))
        for x, y in zip(qa[:pairs], qb[:pairs], strict=True):
            detail = f"{x.text} → {y.text}"
            yield _finding("number", ctx, detail, [(x.start, x.end)], [(y.start, y.end)])
        if k is None:
            continue
        # a value the other side has elsewhere ("the two nations ... the two countries" vs
        # "the two countries ... both") is no difference; one in a whole added or dropped clause
        # is that clause's detail (the same rule as ``added_detail``)
        ref_values = {q.value for q in all_ref}
        other_values = {q.value for q in all_other}
        dropped = [q for q in qa[pairs:] if q.value not in other_values]
        added = [q for q in qb[pairs:] if q.value not in ref_values]
        if not (dropped or added):
            continue  # every value is elsewhere on the other side: the clause's words not needed
        n_ref, n_other = _new_content(ctx, k, True), _new_content(ctx, k, False)
        for q in dropped:
            if n_ref - n_other < need:
                yield _finding("number", ctx, f"drops {_quoted(q.text)}", ref=[(q.start, q.end)])
        for q in added:
            if n_other - n_ref < need:
                yield _finding("number", ctx, f"adds {_quoted(q.text)}", other=[(q.start, q.end)])
