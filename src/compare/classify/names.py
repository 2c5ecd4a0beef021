"""``entity`` findings and the name reading they rest on: capitalised runs, the changed words
of a name, names lost from one side, roles swapped around a verb.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet

import attrs

from compare._cache import bounded
from compare._records import record_repr
from compare.classify._common import (
    Span,
    _change_content,
    _finding,
    _lex,
    _local,
    _quoted,
    _words_only,
)
from compare.context import (
    Change,
    LinkContext,
    Side,
    change_words,
    changes,
    per_documents,
    text_words,
)
from compare.lexicon import (
    Lexicon,
    name_key,
    strip_possessive,
    words,
)
from compare.model import Document, Finding
from compare.quantities import quantities
from compare.speech import name_parts
from compare.tokens import stopwords


@attrs.frozen
class _Name:
    """A name found in a text: its span, its name words and the alias groups it belongs to."""

    __repr__ = record_repr

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
    """Name words (alias words kept) and alias groups of a capitalised run, cached."""
    return name_parts(text, lex, alias_words=True)


_NAME_TOKEN_RE = re.compile(r"\w+(?:['’.-]\w+)*")


_NameTokens = tuple[tuple[tuple[str, int, int], ...], tuple[bool, ...], frozenset[int]]
"""Word tokens of a text, whether each is capitalised, and which capitalised ones open a
sentence (or a quote opening one)."""


_OPENERS = frozenset(" \"'“‘«„")


def _name_tokens_of(text: str, starts: tuple[int, ...]) -> _NameTokens:
    """Word tokens of a text, whether capitalised, and which capitalised ones open a sentence
    (``starts``: where the text's sentences begin)."""
    tokens = tuple([(m.group(), m.start(), m.end()) for m in _NAME_TOKEN_RE.finditer(text)])
    caps = tuple(
        [tok[:1].isupper() if "-" not in tok else _capitalised(tok) for tok, _, _ in tokens]
    )
    opens = frozenset(starts)
    # only capitalised words are asked whether they open a sentence
    first = [i for i, tok in enumerate(tokens) if caps[i] and _opens(text, tok[1], opens)]
    return tokens, caps, frozenset(first)


def _opens(text: str, start: int, opens: AbstractSet[int]) -> bool:
    """Whether the word at ``start`` opens a sentence (``opens``: where sentences begin), or a
    quote that opens one."""
    k = start  # skip back over spaces and opening quotes, without copying the text
    while k > 0 and text[k - 1] in _OPENERS:
        k -= 1
    return start in opens or k == 0 or k in opens or text[k - 1] in ".!?:"


_side_name_tokens = bounded()(_name_tokens_of)
""":func:`_name_tokens_of` of a link's side, cached (a sentence's side recurs across links)."""


def _capitals_inside(ctx: LinkContext, doc: Document) -> frozenset[str]:
    """Folded words a document capitalises where no sentence starts: names (once a run)."""
    starts = tuple(s.start for s in doc.sentences)
    lex = _lex(ctx)
    return per_documents(ctx, (doc,), "capitals", lambda: _capitals_of(doc.text, starts, lex))


@bounded()
def _capitals_of(text: str, starts: tuple[int, ...], lex: Lexicon) -> frozenset[str]:
    """:func:`_capitals_inside` of a text (cached by text: its token list is not kept): the
    capitalised words of :func:`_name_tokens_of` that open no sentence, read in one pass."""
    opens = frozenset(starts)
    out = set()
    for m in _NAME_TOKEN_RE.finditer(text):
        tok = m.group()
        cap = tok[:1].isupper() if "-" not in tok else _capitalised(tok)
        if cap and not _opens(text, m.start(), opens):
            out.add(strip_possessive(tok.casefold(), lex))
    return frozenset(out)


_WORD_CHAR_RE = re.compile(r"\w")
_JOINERS = "'’.-"
"""What joins two runs of word characters into one token of :data:`_NAME_TOKEN_RE`."""


def _token_starts_at(text: str, p: int) -> bool:
    """Whether a token of :data:`_NAME_TOKEN_RE`, read over the whole text, starts at ``p``: a
    word character that neither follows one nor follows a joiner that follows one (a token is
    runs of word characters joined by single joiners, each run read whole)."""
    word = _WORD_CHAR_RE.match
    if not word(text, p):
        return False
    if p == 0:
        return True
    if word(text, p - 1):
        return False
    return not (text[p - 1] in _JOINERS and p >= 2 and word(text, p - 2))


def _capitalised_in(
    text: str, folded: str, opens: AbstractSet[int], word: str, lex: Lexicon
) -> bool:
    """Whether ``word`` is in :func:`_capitals_of` of ``text``, read only where ``folded`` (the
    text casefolded, of the same length: each character folds to one) holds it: a token
    whose folded form without its possessive is ``word`` starts with it."""
    p = folded.find(word)
    while p >= 0:
        if _token_starts_at(text, p):
            m = _NAME_TOKEN_RE.match(text, p)
            tok = m.group() if m is not None else ""
            if (
                strip_possessive(tok.casefold(), lex) == word
                and (tok[:1].isupper() if "-" not in tok else _capitalised(tok))
                and not _opens(text, p, opens)
            ):
                return True
        p = folded.find(word, p + 1)
    return False


def _capitalised_inside(ctx: LinkContext, doc: Document, word: str) -> bool:
    """Whether a document capitalises ``word`` (folded, no possessive) where no sentence
    starts: ``word in _capitals_inside(ctx, doc)``, read around the places the word occurs
    rather than over every token of the document, once per document and word. A text whose
    casefolding changes its length is read whole (:func:`_capitals_inside`)."""

    def fold() -> tuple[str, frozenset[int]] | None:
        folded = doc.text.casefold()
        if len(folded) != len(doc.text):
            return None
        return folded, frozenset(s.start for s in doc.sentences)

    known: dict[str, bool] = per_documents(ctx, (doc,), "capitalised", dict)
    found = known.get(word)
    if found is None:
        prepared = per_documents(ctx, (doc,), "folded", fold)
        if prepared is None:
            found = word in _capitals_inside(ctx, doc)
        else:
            found = _capitalised_in(doc.text, prepared[0], prepared[1], word, _lex(ctx))
        known[word] = found
    return found


def _capitalised_inside_either(ctx: LinkContext, word: str) -> bool:
    """Whether either document of a link capitalises ``word`` where no sentence starts."""
    return _capitalised_inside(ctx, ctx.ref.doc, word) or _capitalised_inside(
        ctx, ctx.other.doc, word
    )


def _caseless_alias(token: str, lex: Lexicon) -> bool:
    """A known name (``aliases``) in a script without case (Arabic): it counts as capitalised."""
    first = token[:1]
    return first.isalpha() and first.lower() == first.upper() and name_key(token) in lex.aliases


def _names(
    side: Side,
    lowercase: AbstractSet[str],
    inside: Callable[[str], bool],
    lex: Lexicon,
) -> tuple[_Name, ...]:
    """Capitalised runs of a side, pronouns left out. A sentence's first word counts only when
    known as a name: an alias, capitalised inside a sentence of either document (``inside(word)``,
    asked only for a first word that is neither a function word, nor written in lower case,
    nor followed by a capitalised word), or followed by another
    capitalised word ("Syrian President").

    The two sets matter only for the words that open a sentence: those are decided here, and
    the runs read once per side text and set of dropped first words (a side recurs across
    links, with the same first words dropped)."""
    if lex.language == "zh":
        return _han_names(side.text, lex)
    stop = stopwords(lex.language)
    starts = side.sentence_starts()
    dropped = []
    for i, plain, followed in _openers(side.text, starts, lex):
        if plain in stop or plain in lowercase:
            dropped.append(i)  # "The", "Furthermore": capitalised only because first
        elif not (followed or plain in lex.aliases or inside(plain)):
            dropped.append(i)
    return _names_of(side.text, starts, tuple(dropped), lex)


@bounded(maxbytes=2 << 20)  # small entries: 2 MiB hold ~2,000 texts
def _name_regions(text: str, starts: tuple[int, ...], lex: Lexicon) -> tuple[Span, ...]:
    """Spans of a text that hold every name :func:`_names_of` can find in it, whichever
    sentence-opening words are dropped: each run of words that starts with a capitalised word
    (or one outside ASCII, which may be a caseless alias) and goes on through capitalised words
    and connectors. A change that meets none of them meets no name."""
    tokens, caps, _ = _side_name_tokens(text, starts)
    connectors = lex.connectors
    out: list[Span] = []
    start = end = -1
    for i, (tok, s, e) in enumerate(tokens):
        if caps[i] or tok[0] > "\x7f":
            if start < 0:
                start = s
            end = e
        elif start >= 0:
            if strip_possessive(tok.casefold(), lex) in connectors:
                end = e  # a connector may carry a run on ("Bank of China")
            else:
                out.append((start, end))
                start = -1
    if start >= 0:
        out.append((start, end))
    return tuple(out)


def _may_name(ctx: LinkContext, local: Sequence[Change]) -> bool:
    """Whether a local change may have a name on both sides, as :func:`entity` needs: it meets
    a name region (:func:`_name_regions`) on one side, and on the other side too or holds a
    capital letter there (a lone name, :func:`_lone_name`). Without such a change, reading the
    sides' names finds nothing."""
    lex = _lex(ctx)
    if lex.language == "zh":
        return True  # Chinese names are known names, not capitalised runs
    ref, other = ctx.ref.text, ctx.other.text
    regions: list[tuple[Span, ...] | None] = [None, None]

    def meets(k: int, start: int, end: int) -> bool:
        # each side's regions read only when a change needs them (the first side, a claim's
        # representative, recurs across links; the other is often new)
        found = regions[k]
        if found is None:
            side = ctx.ref if k == 0 else ctx.other
            found = regions[k] = _name_regions(side.text, side.sentence_starts(), lex)
        return any(start < e and s < end for s, e in found)

    for c in local:
        cap_ref = _has_capital(ref[c.a_start : c.a_end])
        cap_other = _has_capital(other[c.b_start : c.b_end])
        # a name on both sides: each side meets a region or (not both) holds a capital
        if cap_ref and cap_other:
            if meets(0, c.a_start, c.a_end) or meets(1, c.b_start, c.b_end):
                return True
        elif cap_ref:
            if meets(1, c.b_start, c.b_end):
                return True
        elif cap_other:
            if meets(0, c.a_start, c.a_end):
                return True
        elif meets(0, c.a_start, c.a_end) and meets(1, c.b_start, c.b_end):
            return True
    return False


def _has_capital(text: str) -> bool:
    """Whether any character of a text is upper case (``str.isupper``)."""
    return not text.islower() and any(ch.isupper() for ch in text)


@bounded()
def _openers(text: str, starts: tuple[int, ...], lex: Lexicon) -> tuple[tuple[int, str, bool], ...]:
    """The capitalised words of a text that open a sentence (:func:`_name_tokens_of`), as
    (token index, folded word without possessive, whether a capitalised word follows): all
    :func:`_names` reads of a side on every link, kept small (the side's whole token list,
    several KB a side, is read only when its names are)."""
    tokens, caps, first = _side_name_tokens(text, starts)
    return tuple(
        (i, strip_possessive(tokens[i][0].casefold(), lex), i + 1 < len(tokens) and caps[i + 1])
        for i in sorted(first)
    )


_HAN_PARTY_AFTER = "，。；：、“”‘’（）《》与同和对向跟并"
"""Where a two-character "side" name (中方) may start: after these, or where the text does."""


@functools.cache
def _han_aliases(lex: Lexicon) -> re.Pattern[str] | None:
    """The known Chinese names of ``lex`` (``aliases_zh.txt``) as one pattern, longest first;
    a two-character name ending in 方 only where a clause starts (:data:`_HAN_PARTY_AFTER`)."""
    forms = {key.replace(" ", "") for key in lex.aliases}
    forms = {f for f in forms if f and all("\u4e00" <= c <= "\u9fff" or c == "·" for c in f)}
    parties = sorted(f for f in forms if len(f) == 2 and f.endswith("方"))
    others = sorted(forms - set(parties), key=lambda f: (-len(f), f))
    if not forms:
        return None
    alternatives = [re.escape(f) for f in others]
    if parties:
        party = "|".join(map(re.escape, parties))
        alternatives.append(f"(?<![^{re.escape(_HAN_PARTY_AFTER)}])(?:{party})")
    return re.compile("|".join(alternatives))


@bounded()
def _han_names(text: str, lex: Lexicon) -> tuple[_Name, ...]:
    """Known names in Chinese text (no capitals, no spaces: found by :func:`_han_aliases`),
    each as its alias group, in order, not overlapping."""
    pattern = _han_aliases(lex)
    if pattern is None:
        return ()
    out = []
    for m in pattern.finditer(text):
        names, groups = _name_parts(m.group(), lex)
        if names or groups:
            out.append(_Name(m.group(), m.start(), m.end(), names, groups))
    return tuple(out)


@bounded()
def _names_of(
    text: str, starts: tuple[int, ...], dropped: tuple[int, ...], lex: Lexicon
) -> tuple[_Name, ...]:
    """:func:`_names` of a side's text, given which sentence-opening words (token indices) do
    not start a name."""
    tokens, caps, first = _side_name_tokens(text, starts)
    out: list[_Name] = []
    run: list[int] = []

    def close() -> None:
        while run and tokens[run[-1]][0].casefold() in lex.connectors:
            run.pop()
        while len(run) > 1 and strip_possessive(tokens[run[0]][0].casefold(), lex) in lex.titles:
            run.pop(0)  # "President Xi" is Xi
        if run:
            s, e = tokens[run[0]][1], tokens[run[-1]][2]
            names, groups = _name_parts(text[s:e], lex)
            if names or groups:
                out.append(_Name(text[s:e], s, e, names, groups))
        run.clear()

    for i, (tok, _, _) in enumerate(tokens):
        # only a token outside ASCII can be a caseless alias (ASCII letters have case)
        cap = caps[i] or (tok[0] > "\x7f" and _caseless_alias(tok, lex))
        if not (cap or run):
            continue  # neither in nor starting a run
        plain = strip_possessive(tok.casefold(), lex)
        if cap and plain not in lex.pronouns:
            if i in first and not run and i in dropped:
                continue
            run.append(i)
        elif run and plain in lex.connectors:
            run.append(i)
        else:
            close()
    close()
    return tuple(out)


@bounded()
def _lower_words(text: str) -> frozenset[str]:
    """The words (folded) a text writes in lower case somewhere."""
    return frozenset(w for w, s, e in words(text) if text[s:e].islower())


_Counts = tuple[Counter[str], Counter[int]]


def _name_counts(ctx: LinkContext, side: Side, names: Sequence[_Name], lex: Lexicon) -> _Counts:
    """How often a side uses each word (possessives dropped, hyphenated parts counted too) and
    names each alias group (once a capitalised run). The word counts are read once per side of
    the comparison (a claim's representative is one side of every link of its claim)."""
    by_side: dict[tuple[int, ...], Counter[str]] = per_documents(
        ctx, (side.doc,), "name word counts", dict
    )
    counts = by_side.get(side.indices)
    if counts is None:
        counts = by_side[side.indices] = _word_counts(side.text, lex)
    groups: Counter[int] = Counter(g for n in names for g in n.groups)
    return counts, groups


def _word_counts(text: str, lex: Lexicon) -> Counter[str]:
    """:func:`_name_counts`' word counts of a text."""
    counts: Counter[str] = Counter()
    for w, _, _ in words(text):
        w = strip_possessive(w, lex).replace(".", "")  # F.B.I. = FBI
        counts[w] += 1
        if "-" in w:
            counts.update(p for p in w.split("-") if p)
    return counts


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
    ws = text_words(side.text, s, e)
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
    ws = text_words(side.text, start, end)
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


def _role_swaps(ctx: LinkContext, local: Sequence[int]) -> Iterator[Finding]:
    """Two words that trade places ("Protesters attacked police" → "Police attacked
    protesters"): who did what to whom changed, though every word is kept. ``local``: the
    indices of the link's local changes; their content words are the link's
    (:func:`~compare.classify._common._change_content`), read once for every classifier."""
    stop = stopwords(ctx.options.language)
    cs = changes(ctx)
    content = _change_content(ctx)

    for k in local:  # in one stretch: "Protesters attacked police" / "Police attacked protesters"
        a, b = content[k]
        if len(a) >= 3 and sorted(a) == sorted(b) and a[0] == b[-1] and a[-1] == b[0] != a[0]:
            c = cs[k]
            ws = [m for m in change_words(ctx)[k][0] if m[0] not in stop]
            text = c.ref_text(ctx)
            detail = (
                f"roles swapped: {_quoted(text[ws[0][1] : ws[0][2]])} ↔ "
                f"{_quoted(text[ws[-1][1] : ws[-1][2]])}"
            )
            yield _finding("entity", ctx, detail, [(c.a_start, c.a_end)], [(c.b_start, c.b_end)])
            return

    # the one content word of each side of a change, if it has one
    one = [
        (a[0] if len(a) == 1 else None, b[0] if len(b) == 1 else None)
        for a, b in (content[k] for k in local)
    ]
    for i, kx in enumerate(local):
        for n, ky in enumerate(local[i + 1 :], i + 1):
            (a1, b1), (a2, b2) = one[i], one[n]
            if a1 and a2 and a1 != a2 and a1 == b2 and a2 == b1:
                x, y = cs[kx], cs[ky]
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
    cs = changes(ctx)
    local_at = [k for k in range(len(cs)) if _local(ctx, k)]
    if not local_at:
        return
    yield from _role_swaps(ctx, local_at)
    local = [cs[k] for k in local_at]
    if not _may_name(ctx, local):
        return
    lex = _lex(ctx)
    lower = _lower_words(ctx.ref.text) | _lower_words(ctx.other.text)

    def inside(word: str) -> bool:
        return _capitalised_inside_either(ctx, word)

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
    ref_counts = _name_counts(ctx, ctx.ref, ref_names, lex)
    other_counts = _name_counts(ctx, ctx.other, other_names, lex)
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
