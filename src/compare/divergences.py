"""Typed divergences in a link: numbers, names, quotes, attribution, hedges, polarity, intensity.

Each detector is a link classifier ``(LinkContext) -> Iterable[Finding]`` (appended to
``compare.findings.CLASSIFIERS``). It reads the link's changes (:func:`compare.context.changes`)
and the language's word lists (:mod:`compare.lexicon`), and reports the exact words concerned on
both sides as character spans of the documents, with a short ``detail``:

- ``number``: ``65 → 50``; ``drops ‘Friday’`` (numbers compared after normalisation);
- ``entity``: ``Xi → Assad`` (names in a replaced stretch that the other side never names,
  aliases such as Beijing = China's government allowed);
- ``quote``: ``“a better future” → “a more prosperous future”`` (any changed word in quotes);
- ``attribution``: ``speaker Xi → Assad``; ``adds ‘according to CGTN’``;
- ``hedge``: ``adds hedge ‘reportedly’``;
- ``polarity``: ``‘supports’ → ‘does not support’``; ``‘welcomes’ → ‘rejects’``;
- ``intensity``: ``adds intensifier ‘firmly’``; ``‘firmly’ → ‘strongly’``.

Every detector is symmetric: swapping the documents swaps the sides of its findings. None fires
on a link whose two sides are the same but for case, spacing and punctuation.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import TypeVar

import attrs

from compare._cache import bounded
from compare.context import (
    Change,
    Classifier,
    LinkContext,
    Side,
    changes,
    memo,
    per_documents,
    shorten,
)
from compare.lexicon import (
    Lexicon,
    Phrase,
    lexicon,
    name_key,
    phrase_index,
    strip_possessive,
    words,
)
from compare.model import Document, Finding, FindingType
from compare.quantities import Quantity, quantities, same_quantity
from compare.relate import opposed
from compare.speech import Attribution, attributions, quote_spans, same_speaker
from compare.tokens import normalise, stem, stopwords

__all__ = [
    "TYPED",
    "attribution",
    "entity",
    "hedge",
    "intensity",
    "number",
    "polarity",
    "quote",
]

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
        lang = ctx.options.language
        return [
            (_content(c.ref_text(ctx), lang), _content(c.other_text(ctx), lang))
            for c in changes(ctx)
        ]

    return memo(ctx, "change_content", compute)


def _side_content(ctx: LinkContext, ref: bool) -> set[str]:
    """The content words (:func:`_content`) of one side of a link, as a set."""
    side = ctx.ref if ref else ctx.other
    lang = ctx.options.language
    return memo(
        ctx, "ref_content" if ref else "other_content", lambda: set(_content(side.text, lang))
    )


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
    """A finding on this link, spans given in side-text offsets (whitespace trimmed)."""

    def doc_spans(side: Side, spans: Iterable[Span]) -> tuple[Span, ...]:
        trimmed = (_trim(side.text, s, e) for s, e in spans)
        return tuple(side.doc_span(s, e) for s, e in trimmed if e > s)

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


# --- number ----------------------------------------------------------------------------------


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


_DIGIT_RUN_RE = re.compile(r"\d+")


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
        found = re.match(r"(\d{4})-\d{1,2}-\d{1,2}", doc.meta.get("date", ""))
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


def _approx_before(q: Quantity, text: str, lex: Lexicon) -> str:
    """The approximation marker just before a number ("as many as", "some"), or ``""``."""
    before = words(text[: q.start])
    for phrase in sorted(lex.approximators, key=len, reverse=True):
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
        n_ref, n_other = _new_content(ctx, k, True), _new_content(ctx, k, False)
        ref_values = {q.value for q in all_ref}
        other_values = {q.value for q in all_other}
        for q in qa[pairs:]:
            if n_ref - n_other < need and q.value not in other_values:
                yield _finding("number", ctx, f"drops {_quoted(q.text)}", ref=[(q.start, q.end)])
        for q in qb[pairs:]:
            if n_other - n_ref < need and q.value not in ref_values:
                yield _finding("number", ctx, f"adds {_quoted(q.text)}", other=[(q.start, q.end)])


# --- entity ----------------------------------------------------------------------------------


@attrs.frozen
class _Name:
    text: str
    start: int
    end: int
    words: frozenset[str]
    groups: frozenset[int]


def _capitalised(token: str) -> bool:
    if "-" not in token:
        return token[:1].isupper()
    return any(part[:1].isupper() for part in token.split("-"))


@bounded()
def _name_parts(text: str, lex: Lexicon) -> tuple[frozenset[str], frozenset[int]]:
    """Name words (titles dropped) and alias groups of a capitalised run."""
    whole = lex.aliases.get(name_key(text))
    if whole is not None:
        return frozenset(), frozenset({whole})
    out: set[str] = set()
    groups: set[int] = set()
    for word, _, _ in words(text):
        word = strip_possessive(word, lex)
        if word in lex.titles or word in lex.connectors:
            continue
        group = lex.aliases.get(word)
        if group is not None:
            groups.add(group)
        for part in word.split("-"):
            if part and part not in lex.connectors:
                out.add(part)
                if (g := lex.aliases.get(part)) is not None:
                    groups.add(g)
    return frozenset(out), frozenset(groups)


_NAME_TOKEN_RE = re.compile(r"\w+(?:['’.-]\w+)*")


_NameTokens = tuple[tuple[tuple[str, int, int], ...], tuple[bool, ...], frozenset[int]]
"""Word tokens of a text, whether each is capitalised, and which capitalised ones open a
sentence (or a quote opening one)."""


def _name_tokens(side: Side) -> _NameTokens:
    """Word tokens of a side, whether capitalised, and which capitalised ones open a sentence."""
    return _side_name_tokens(side.text, side.sentence_starts())


_OPENERS = frozenset(" \"'“‘«„")


def _name_tokens_of(text: str, starts: tuple[int, ...]) -> _NameTokens:
    """Word tokens of a text, whether capitalised, and which capitalised ones open a sentence
    (``starts``: where the text's sentences begin)."""
    tokens = tuple([(m.group(), m.start(), m.end()) for m in _NAME_TOKEN_RE.finditer(text)])
    caps = tuple(
        [tok[:1].isupper() if "-" not in tok else _capitalised(tok) for tok, _, _ in tokens]
    )
    opens = frozenset(starts)
    first = set()
    for i, (_, start, _) in enumerate(tokens):
        if not caps[i]:
            continue  # only capitalised words are asked whether they open a sentence
        k = start  # skip back over spaces and opening quotes, without copying the text
        while k > 0 and text[k - 1] in _OPENERS:
            k -= 1
        if start in opens or k == 0 or k in opens or text[k - 1] in ".!?:":
            first.add(i)
    return tokens, caps, frozenset(first)


_side_name_tokens = bounded()(_name_tokens_of)
""":func:`_name_tokens_of` of a link's side, cached (a sentence's side recurs across links)."""


def _capitals_inside(ctx: LinkContext, doc: Document) -> frozenset[str]:
    """Folded words a document capitalises where no sentence starts: names (once a run)."""
    starts = tuple(s.start for s in doc.sentences)
    lex = _lex(ctx)
    return per_documents(ctx, (doc,), "capitals", lambda: _capitals_of(doc.text, starts, lex))


@bounded()
def _capitals_of(text: str, starts: tuple[int, ...], lex: Lexicon) -> frozenset[str]:
    """:func:`_capitals_inside` of a text (cached by text: its token list is not kept)."""
    tokens, caps, first = _name_tokens_of(text, starts)
    return frozenset(
        strip_possessive(tok.casefold(), lex)
        for i, (tok, _, _) in enumerate(tokens)
        if caps[i] and i not in first
    )


def _capitals_inside_either(ctx: LinkContext) -> frozenset[str]:
    """:func:`_capitals_inside` of either document of a link, once per pair of documents."""
    a, b = ctx.ref.doc, ctx.other.doc
    return per_documents(
        ctx, (a, b), "capitals", lambda: _capitals_inside(ctx, a) | _capitals_inside(ctx, b)
    )


def _names(
    side: Side, lowercase: AbstractSet[str], inside: AbstractSet[str], lex: Lexicon
) -> list[_Name]:
    """Capitalised runs of a side, pronouns left out. A sentence's first word counts only when
    known as a name: an alias, capitalised inside a sentence of either side (``inside``), or
    followed by another capitalised word ("Syrian President")."""
    stop = stopwords(lex.language)
    tokens, caps, first = _name_tokens(side)
    out: list[_Name] = []
    run: list[int] = []

    def close() -> None:
        while run and tokens[run[-1]][0].casefold() in lex.connectors:
            run.pop()
        while len(run) > 1 and strip_possessive(tokens[run[0]][0].casefold(), lex) in lex.titles:
            run.pop(0)  # "President Xi" is Xi
        if run:
            s, e = tokens[run[0]][1], tokens[run[-1]][2]
            text = side.text[s:e]
            names, groups = _name_parts(text, lex)
            if names or groups:
                out.append(_Name(text, s, e, names, groups))
        run.clear()

    for i, (tok, _, _) in enumerate(tokens):
        cap = caps[i]
        if not (cap or run):
            continue  # neither in nor starting a run
        plain = strip_possessive(tok.casefold(), lex)
        if cap and plain not in lex.pronouns:
            if i in first and not run:
                followed = i + 1 < len(tokens) and caps[i + 1]
                known = plain in lex.aliases or plain in inside
                if plain in stop or plain in lowercase or not (followed or known):
                    continue  # "The", "Furthermore": capitalised only because first
            run.append(i)
        elif run and plain in lex.connectors:
            run.append(i)
        else:
            close()
    close()
    return out


_Counts = tuple[Counter[str], Counter[int]]


def _name_counts(side: Side, names: list[_Name], lex: Lexicon) -> _Counts:
    """How often a side uses each word (possessives dropped, hyphenated parts counted too) and
    names each alias group (once a capitalised run)."""
    counts: Counter[str] = Counter()
    for w, _, _ in words(side.text):
        w = strip_possessive(w, lex).replace(".", "")  # F.B.I. = FBI
        counts[w] += 1
        if "-" in w:
            counts.update(p for p in w.split("-") if p)
    groups: Counter[int] = Counter(g for n in names for g in n.groups)
    return counts, groups


def _lost(name: _Name, mine: _Counts, theirs: _Counts) -> bool:
    """Whether the other side names this less often than this side does: one of its words, or
    (for a name known only as an alias) its entity, is used fewer times there. A name moved
    elsewhere in the sentence, or said with another alias, is not lost."""
    if name.groups and all(theirs[1][g] >= mine[1][g] for g in name.groups):
        return False  # the same entity, perhaps by another of its names
    plain = {w.replace(".", "") for w in name.words}
    return any(theirs[0][w] < mine[0][w] for w in plain) or not name.words


def _abbreviates(x: _Name, y: _Name) -> bool:
    """Whether a word of one name shortens a word of the other ("Ark" for "Arkansas")."""
    return any(
        len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a))
        for a in x.words
        for b in y.words
    )


_TITLE_CASE = 0.7
"""Share of capitalised words above which a sentence is in title case (a headline), where
capitals do not tell names apart."""


def _title_case(text: str) -> bool:
    """Whether a stretch of text is written in title case (most of at least four words)."""
    caps = [text[s:e][:1].isupper() for _, s, e in words(text)]
    return len(caps) >= 4 and sum(caps) >= _TITLE_CASE * len(caps)


def _sentence_at(side: Side, pos: int) -> str:
    """The sentence of a side that holds a position."""
    starts = side.sentence_starts()
    k = bisect.bisect_right(starts, pos) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(side.text)
    return side.text[starts[max(k, 0)] : end]


def _clip_name(name: _Name, side: Side, start: int, end: int, lex: Lexicon) -> _Name | None:
    """The part of a capitalised run inside a change (whole words), as a name of its own."""
    s, e = max(name.start, start), min(name.end, end)
    text = side.text
    while s > name.start and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1  # the change starts inside a word: take the whole word
    while e < name.end and text[e - 1].isalnum() and text[e].isalnum():
        e += 1
    s, e = _words_only(side.text, s, e)
    if e <= s:
        return None
    if (s, e) == (name.start, name.end):
        return name
    ws = words(side.text[s:e])
    while ws and (ws[0][0] in lex.connectors or strip_possessive(ws[0][0], lex) in lex.titles):
        ws = ws[1:]  # "President Putin" for "Xi" is "Putin"
    if not ws:
        return None
    s, e = s + ws[0][1], s + ws[-1][2]
    names, groups = _name_parts(side.text[s:e], lex)
    names = names - stopwords(lex.language)
    if not (names or groups):
        return None
    return _Name(side.text[s:e], s, e, names, groups)


def _plausible(name: _Name, side: Side, lex: Lexicon) -> bool:
    """Whether a name is worth comparing: not a date ("December"), not a dateline or headline
    in capitals ("BOSTON"), not in a title-case headline."""
    letters = [c for c in name.text if c.isalpha()]
    if len(letters) > 4 and all(c.isupper() for c in letters):
        return False
    if any(q.start < name.end and name.start < q.end for q in quantities(side.text, lex)):
        return False
    return not _title_case(_sentence_at(side, name.start))


def _lone_name(
    side: Side, start: int, end: int, lowercase: AbstractSet[str], lex: Lexicon
) -> list[_Name]:
    """A changed stretch of one capitalised word that opens a sentence, as a name (the word a
    sentence-initial name is not otherwise taken for): not a function word, a pronoun or a
    word written in lower case elsewhere."""
    ws = words(side.text[start:end])
    if len(ws) != 1:
        return []
    w, s, e = ws[0]
    s, e = start + s, start + e
    plain = strip_possessive(w, lex)
    if not side.text[s].isupper() or plain in lex.pronouns or plain in lex.titles:
        return []
    if plain in stopwords(lex.language) or plain in lowercase:
        return []
    names, groups = _name_parts(side.text[s:e], lex)
    return [_Name(side.text[s:e], s, e, names, groups)] if names or groups else []


def _names_only(text: str, lex: Lexicon) -> bool:
    """Whether every content word of a stretch is capitalised (a name put for a name, not a
    description such as "the Chinese president" put for "Xi")."""
    stop = stopwords(lex.language)
    return all(text[s:e][:1].isupper() for w, s, e in words(text) if w not in stop)


def _role_swaps(ctx: LinkContext, local: Sequence[Change]) -> Iterator[Finding]:
    """Two words that trade places ("Protesters attacked police" → "Police attacked
    protesters"): who did what to whom changed, though every word is kept."""
    lang = ctx.options.language
    stop = stopwords(lang)

    def word(text: str) -> str | None:
        found = [w for w, _, _ in words(text) if w not in stop]
        return stem(found[0]) if len(found) == 1 else None

    for c in local:  # in one stretch: "Protesters attacked police" / "Police attacked protesters"
        a = [stem(w) for w, _, _ in words(c.ref_text(ctx)) if w not in stop]
        b = [stem(w) for w, _, _ in words(c.other_text(ctx)) if w not in stop]
        if len(a) >= 3 and sorted(a) == sorted(b) and a[0] == b[-1] and a[-1] == b[0] != a[0]:
            ws = [m for m in words(c.ref_text(ctx)) if m[0] not in stop]
            text = c.ref_text(ctx)
            detail = (
                f"roles swapped: {_quoted(text[ws[0][1] : ws[0][2]])} ↔ "
                f"{_quoted(text[ws[-1][1] : ws[-1][2]])}"
            )
            yield _finding("entity", ctx, detail, [(c.a_start, c.a_end)], [(c.b_start, c.b_end)])
            return

    for i, x in enumerate(local):
        for y in local[i + 1 :]:
            a1, b1 = word(x.ref_text(ctx)), word(x.other_text(ctx))
            a2, b2 = word(y.ref_text(ctx)), word(y.other_text(ctx))
            if a1 and a2 and a1 != a2 and a1 == b2 and a2 == b1:
                first = x.ref_text(ctx).strip()
                second = y.ref_text(ctx).strip()
                yield _finding(
                    "entity",
                    ctx,
                    f"roles swapped: {_quoted(first)} ↔ {_quoted(second)}",
                    [(x.a_start, x.a_end), (y.a_start, y.a_end)],
                    [(x.b_start, x.b_end), (y.b_start, y.b_end)],
                )
                return


def entity(ctx: LinkContext) -> Iterator[Finding]:
    """A person, country, organisation or place that one side names where the other names a
    different one: ``Xi → Assad``. Known aliases (``Beijing`` = ``China``) and shared name words
    (``President Xi`` = ``Xi Jinping``) are the same entity; a name on one side only is detail.
    Only the changed words of a longer name count ("Chinese President Xi Jinping" → "Chinese
    President Vladimir Putin" is ``Xi Jinping → Vladimir Putin``), and a name counts as gone
    only when the other side uses it fewer times (a name moved within the sentence is none)."""
    if ctx.relation == "same":
        return
    local = [c for k, c in enumerate(changes(ctx)) if _local(ctx, k)]
    if not local:
        return
    yield from _role_swaps(ctx, local)
    lex = _lex(ctx)
    lower = {
        w
        for text in (ctx.ref.text, ctx.other.text)
        for w, s, e in words(text)
        if text[s:e].islower()
    }
    inside = _capitals_inside_either(ctx)
    # names of each side in each local change; the counts are read only for changes with
    # names on both sides, the only ones that can make a finding
    ref_names = _names(ctx.ref, lower, inside, lex)
    in_ref = [
        [n for n in ref_names if change.a_start < n.end and n.start < change.a_end]
        for change in local
    ]
    other_names = _names(ctx.other, lower, inside, lex)
    candidates = []
    for change, gone_here in zip(local, in_ref, strict=True):
        new_here = [n for n in other_names if change.b_start < n.end and n.start < change.b_end]
        # a name opening a sentence is known by what it replaces: "Assad said" → "Erdogan said"
        if new_here and not gone_here:
            gone_here = _lone_name(ctx.ref, change.a_start, change.a_end, lower, lex)
        elif gone_here and not new_here:
            new_here = _lone_name(ctx.other, change.b_start, change.b_end, lower, lex)
        if gone_here and new_here:
            candidates.append((change, gone_here, new_here))
    if not candidates:
        return
    ref_counts = _name_counts(ctx.ref, ref_names, lex)
    other_counts = _name_counts(ctx.other, other_names, lex)
    for change, gone_here, new_here in candidates:
        gone = [
            c
            for n in gone_here
            if (c := _clip_name(n, ctx.ref, change.a_start, change.a_end, lex)) is not None
            and _lost(c, ref_counts, other_counts)
            and _plausible(c, ctx.ref, lex)
        ]
        new = [
            c
            for n in new_here
            if (c := _clip_name(n, ctx.other, change.b_start, change.b_end, lex)) is not None
            and _lost(c, other_counts, ref_counts)
            and _plausible(c, ctx.other, lex)
        ]
        if not (gone and new) or any(_abbreviates(x, y) for x in gone for y in new):
            continue
        # a known place or people against an unknown name may be the same one ("the Chinese
        # president" / "Xi"): names of different standing are told apart only when the change
        # puts a name for a name ("China" → "Afghanistan")
        if not any(bool(x.groups) == bool(y.groups) for x in gone for y in new) and not (
            _names_only(change.ref_text(ctx), lex) and _names_only(change.other_text(ctx), lex)
        ):
            continue
        detail = f"{', '.join(n.text for n in gone)} → {', '.join(n.text for n in new)}"
        spans_gone = [(n.start, n.end) for n in gone]
        yield _finding("entity", ctx, detail, spans_gone, [(n.start, n.end) for n in new])


# --- quote -----------------------------------------------------------------------------------


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


_WORD_RUN_RE = re.compile(r"\w+")
# Read on the reversed text: ``(\w+\W*)$`` searched forwards retries every start inside a long
# word, quadratic in its length; anchored at the end of the reversed text it reads each character
# once.
_LAST_WORD_REVERSED_RE = re.compile(r"\W*+\w++")
_NEXT_WORD_RE = re.compile(r"(\W*?\w+)")


def _words_only(text: str, start: int, end: int) -> Span:
    """Shrink a span to run from its first to its last letter or digit (empty if none)."""
    found = [m.span() for m in _WORD_RUN_RE.finditer(text[start:end])]
    if not found:
        return start, start
    return start + found[0][0], start + found[-1][1]


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


# --- hedge and intensity ---------------------------------------------------------------------


@attrs.frozen
class _Marker:
    phrase: Phrase
    start: int
    end: int
    text: str


@bounded()
def _phrase_hits(text: str, phrases: frozenset[Phrase]) -> tuple[tuple[Phrase, int, int], ...]:
    """Occurrences of listed phrases in a text, longest first, without overlaps."""
    ws = words(text)
    index = phrase_index(phrases)
    folded = [w for w, _, _ in ws]
    out: list[tuple[Phrase, int, int]] = []
    k = 0
    while k < len(ws):
        for phrase in index.get(folded[k], ()):
            if len(phrase) == 1 or tuple(folded[k : k + len(phrase)]) == phrase:
                out.append((phrase, ws[k][1], ws[k + len(phrase) - 1][2]))
                k += len(phrase)
                break
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
        before = words(side.text[max(0, s - 12) : s])
        if before and before[-1][0] in _DETERMINERS:
            after_words = words(side.text[e : e + 30])
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
    lex = _lex(ctx)
    ref_m = _markers(ctx.ref, phrases, lex)
    other_m = _markers(ctx.other, phrases, lex)
    ref_keys, other_keys = memo(
        ctx,
        "stems",
        lambda: (
            {stem(w) for w, _, _ in words(ctx.ref.text)},
            {stem(w) for w, _, _ in words(ctx.other.text)},
        ),
    )
    cs = changes(ctx)
    only_ref, only_other = _unmatched(ref_m, other_m, lambda x, y: x.phrase == y.phrase)
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


def intensity(ctx: LinkContext) -> Iterator[Finding]:
    """An intensifier or downtoner added, dropped or swapped on shared words: ``adds intensifier
    ‘firmly’``, ``‘firmly’ → ‘strongly’``, ``adds downtoner ‘partly’``."""
    if ctx.relation == "same":
        return
    lex = _lex(ctx)
    only_ref, only_other = _one_sided(ctx, lex.intensifiers | lex.downtoners)
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


# --- polarity --------------------------------------------------------------------------------


def _with_neighbours(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span by one word on each side."""
    before = re.search(r"(\S+\s*)$", text[:start])
    after = re.match(r"(\s*[^\s,.;:!?”\"]+)", text[end:])
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


TYPED: tuple[Classifier, ...] = (number, entity, quote, attribution, hedge, polarity, intensity)
"""The typed detectors, in the order their findings are listed."""
