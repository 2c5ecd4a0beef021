"""Reported speech: quoted stretches of a text, and who is said to say what.

:func:`quote_spans` finds the text inside quotation marks (curly, straight, angle, low-9; nested
single quotes; a quote left open runs to the end of its paragraph, so quotes spanning sentences
are covered). Quote marks are told apart by their neighbours as much as by their shape, since
machine-translated news closes quotes with opening marks (``threats. “``).

:func:`attributions` extracts (speaker, reporting verb, span) triples from a sentence with the
language's reporting verbs and source phrases (``data/reporting_<lang>.txt``): ``Xi said``,
``said Xi``, ``according to CGTN``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from functools import lru_cache

import attrs

from compare._cache import bounded
from compare._records import record_repr
from compare.lexicon import Lexicon, Phrase, name_key, phrase_index, strip_possessive, words
from compare.quantities import quantities
from compare.tokens import stopwords

__all__ = [
    "Attribution",
    "Speaker",
    "attributions",
    "name_parts",
    "phrase_matches",
    "quote_spans",
    "same_speaker",
    "speaker",
]

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_DOUBLE_ANY = '"'
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_SINGLE_ANY = "'"
_MARKS_RE = re.compile(
    "["
    + re.escape(
        _DOUBLE_OPEN + _DOUBLE_CLOSE + _DOUBLE_ANY + _SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_ANY
    )
    + "]"
)


_DOUBLE_MARKS = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _DOUBLE_ANY)
_SINGLE_MARKS = frozenset(_SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_ANY)


def _role(text: str, k: int, opening: str, closing: str) -> str:
    """``open``, ``close`` or ``either`` for the quote mark at ``k``, from its neighbours."""
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    can_open = not after.isspace()
    can_close = not before.isspace()
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if can_open and can_close and text[k] in opening:
        return "open"
    if can_open and can_close and text[k] in closing:
        return "close"
    return "either"


def _paragraph_quotes(text: str, base: int) -> list[tuple[int, int]]:
    """Quote spans (inside the marks) of one paragraph, shifted by ``base``."""
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    for found in _MARKS_RE.finditer(text):
        k, ch = found.start(), found.group()
        if ch in _DOUBLE_MARKS:
            role = _role(text, k, _DOUBLE_OPEN, _DOUBLE_CLOSE)
            if double is None and role in ("open", "either"):
                double = k + 1
            elif double is not None and role in ("close", "either"):
                spans.append((base + double, base + k))
                double = None
        elif ch in _SINGLE_MARKS:
            before = text[k - 1] if k > 0 else " "
            after = text[k + 1] if k + 1 < len(text) else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe: Assad’s, don't
            role = _role(text, k, _SINGLE_OPEN, _SINGLE_CLOSE)
            if single is None and role == "open" and (before.isspace() or not before.isalnum()):
                single = k + 1
            elif single is not None and role in ("close", "either"):
                spans.append((base + single, base + k))
                single = None
    if double is not None and double < len(text.rstrip()):
        spans.append((base + double, base + len(text.rstrip())))
    return spans


@bounded()
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that lie inside quotation marks, sorted; nested quotes are included."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for paragraph in re.split(r"(\n)", text):
        if paragraph != "\n":
            spans += _paragraph_quotes(paragraph, pos)
        pos += len(paragraph)
    return tuple(sorted(s for s in spans if s[1] > s[0]))


@attrs.frozen
class Speaker:
    """Who a sentence says is speaking, reduced to what tells speakers apart."""

    __repr__ = record_repr

    text: str
    """The words as written."""
    names: frozenset[str] = frozenset()
    """Folded name words (capitalised, titles and known aliases left out): ``xi``, ``jinping``."""
    groups: frozenset[int] = frozenset()
    """Alias groups named (``Chinese``, ``Beijing`` → China's group): affiliations."""
    owner: Speaker | None = None
    """The owner, when the speaker is someone's (``Assad's office``: owner ``Assad``)."""
    pronoun: bool = False
    """Whether the speaker is only a pronoun (``he``): it matches any speaker."""
    roles: frozenset[str] = frozenset()
    """Lower-case words of the phrase outside names: ``mayor`` in ``the mayor``."""
    titled: bool = False
    """Whether one of ``roles`` is a person's title (``mayor``, ``minister``): a person, not an
    institution (``the city``)."""
    head: str = ""
    """The last of ``names`` in the phrase (a surname: ``jinping`` in ``Xi Jinping``)."""


@attrs.frozen
class Attribution:
    """A reporting verb or source phrase with its speaker, in one text."""

    __repr__ = record_repr

    speaker: Speaker
    verb: str
    """The reporting verb or source phrase as written."""
    start: int
    """Span of speaker and verb together in the text searched."""
    end: int


def _capital(word: str) -> bool:
    """Whether a word starts with a capital, or is in a script without case (Arabic, Chinese),
    where a speaker's name cannot be told by its capital."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


def name_parts(
    phrase: str, lex: Lexicon, *, capitals: bool = False, alias_words: bool = False
) -> tuple[frozenset[str], frozenset[int]]:
    """Name words (folded, titles and connectors dropped, hyphenated parts split) and alias
    groups of a phrase: the one name parser of speakers and ``entity`` findings.

    ``capitals``: only the capitalised words count (a speaker phrase: "the Chinese president").
    ``alias_words``: a word of an alias group is kept as a name word too (``entity`` compares
    the words themselves); otherwise it counts only as its group (a speaker's affiliation).
    """
    whole = lex.aliases.get(name_key(phrase))
    if whole is not None:
        return frozenset(), frozenset({whole})
    names: set[str] = set()
    groups: set[int] = set()
    for word, start, end in words(phrase):
        if capitals and not any(_capital(p) for p in phrase[start:end].split("-")):
            continue
        word = strip_possessive(word, lex)
        if word in lex.titles or word in lex.connectors:
            continue
        group = lex.aliases.get(word)
        if group is not None:
            groups.add(group)
            if not alias_words:
                continue
        for part in word.split("-"):
            if part and part not in lex.connectors:
                group = lex.aliases.get(part)
                if alias_words or group is None:
                    names.add(part)
                if group is not None:
                    groups.add(group)
    return frozenset(names), frozenset(groups)


def _roles(phrase: str, lex: Lexicon) -> tuple[frozenset[str], bool]:
    """The lower-case content words of a speaker phrase, and whether one is a person's title."""
    stop = stopwords(lex.language)
    roles = frozenset(
        strip_possessive(w, lex)
        for w, s, e in words(phrase)
        if phrase[s:e].islower() and w not in stop and w not in lex.pronouns
    )
    return roles, bool(roles & lex.titles)


def speaker(phrase: str, lex: Lexicon) -> Speaker:
    """Describe a speaker phrase: its names and affiliations, its owner, whether a pronoun."""
    ws = words(phrase)
    if len(ws) == 1 and ws[0][0] in lex.pronouns:
        return Speaker(phrase, pronoun=True)
    for word, _, end in ws[:-1]:
        if strip_possessive(word, lex) != word:
            owner = speaker(phrase[:end], lex)
            head = phrase[end:]
            names, groups = name_parts(head, lex)
            return Speaker(phrase, names, groups, owner=owner, head=_head(head, names, lex))
    names, groups = name_parts(phrase, lex, capitals=True)
    roles, titled = _roles(phrase, lex)
    return Speaker(
        phrase, names, groups, roles=roles, titled=titled, head=_head(phrase, names, lex)
    )


def _head(phrase: str, names: frozenset[str], lex: Lexicon) -> str:
    """The last word of a phrase that is one of its names (hyphenated parts read too)."""
    for word, _, _ in reversed(words(phrase)):
        for part in reversed(strip_possessive(word, lex).split("-")):
            if part in names:
                return part
    return ""


def _described(a: Speaker) -> bool:
    """Whether a speaker is one word of role or institution: ``mayor``, ``city`` (the speaker
    of "the mayor said" is ``mayor``)."""
    return not (a.names or a.groups or a.owner) and len(a.text.split()) == 1 and len(a.roles) == 1


def same_speaker(a: Speaker, b: Speaker) -> bool | None:
    """True if two speakers are the same, False if different, None when it cannot be told.

    Names decide when both sides have some (``Xi`` vs ``Assad``); affiliations when neither has
    a name (``the Chinese side`` vs ``the Syrian side``); someone's office is not that someone.
    A pronoun, or a name against a mere description (``Xi`` vs ``the Chinese president``),
    cannot be told apart.
    """
    if a.pronoun or b.pronoun:
        return None
    if (a.owner is None) != (b.owner is None):
        return False
    if a.owner is not None and b.owner is not None and same_speaker(a.owner, b.owner) is False:
        return False
    if a.names and b.names:
        # "Xi" = "Xi Jinping", "CEO Dan Cathy" = "president Dan Cathy"; "Wang Yi" is not
        # "Wang Haddad": the names they share must hold the last name of one of them
        shared = a.names & b.names
        return bool(shared) and (a.head in shared or b.head in shared)
    if a.groups and b.groups and not a.names and not b.names:
        return bool(a.groups & b.groups)
    # descriptions only: a person's title against an institution ("the mayor" / "the city"),
    # or two different titles, are different speakers; two institutions' words may be
    # synonyms ("the firm" / "the company"): not told
    described = _described(a) and _described(b)
    if described and (a.titled != b.titled or (a.titled and not a.roles & b.roles)):
        return False
    return None


_BOUNDARY = set(',;:!?()[]{}"“”‘’«»—–，、；：！？（）「」『』،؛')


_BOUNDARY_RE = re.compile("[" + re.escape("".join(sorted(_BOUNDARY))) + "]")


@bounded()
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words and marks of a text with spans (words folded): the words, and each character of
    :data:`_BOUNDARY` outside them, in order (found in one pass, not between each two words)."""
    found = words(text)
    marks = [m.start() for m in _BOUNDARY_RE.finditer(text)]
    if not marks and all(w[0] for w in found):
        return found
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(marks)
    for word in found:
        while i < n and marks[i] < word[1]:
            k = marks[i]
            out.append((text[k], k, k + 1))
            i += 1
        while i < n and marks[i] < word[2]:
            i += 1  # inside the word (an apostrophe folded into it): no mark
        if word[0]:  # a word folded to nothing (an Arabic mark alone) is none
            out.append(word)
    out += [(text[k], k, k + 1) for k in marks[i:]]
    return tuple(out)


def _inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (sorted, disjoint): only the last
    span starting at or before ``start`` can hold it, so a binary search finds it."""
    k = bisect.bisect_right(spans, (start, math.inf)) - 1
    return k >= 0 and end <= spans[k][1]


def phrase_matches(tokens: Sequence[tuple[str, int, int]], phrases: frozenset[Phrase]) -> list[int]:
    """At each token (folded word, start, end), the length in tokens of the longest listed
    phrase starting there, 0 when none: the one phrase matcher of the word lists."""
    index = phrase_index(phrases)
    folded = [t[0] for t in tokens]
    out = [0] * len(tokens)
    if index.keys().isdisjoint(folded):
        return out  # most texts: no word that starts a listed phrase
    for k, token in enumerate(folded):
        for phrase in index.get(token, ()):
            if len(phrase) == 1 or tuple(folded[k : k + len(phrase)]) == phrase:
                out[k] = len(phrase)
                break
    return out


_OPENING = set("“‘«„‹")


def _collect(
    tokens: tuple[tuple[str, int, int], ...], i: int, step: int, skip: list[bool], lex: Lexicon
) -> tuple[int, int] | None:
    """Span of the words from token ``i`` on, going by ``step``, until a function word."""
    stop = stopwords(lex.language)
    picked: list[int] = []
    while 0 <= i < len(tokens) and len(picked) < 8:
        word = tokens[i][0]
        if word in _BOUNDARY or (word in stop and word not in lex.connectors) or skip[i]:
            break
        picked.append(i)
        i += step
    if not picked:
        return None
    return tokens[min(picked)][1], tokens[max(picked)][2]


def _speaker_span(
    tokens: tuple[tuple[str, int, int], ...],
    k: int,
    n: int,
    source: bool,
    verbs: set[int],
    skip: list[bool],
    lex: Lexicon,
) -> tuple[int, int] | None:
    """Span of the speaker of the verb or source phrase at tokens ``k .. k+n``; ``verbs`` are
    the positions of reporting verbs, ``skip`` marks tokens no speaker takes (dates, verbs)."""
    stop = stopwords(lex.language)
    if not source:
        i = k - 1
        # step over adverbs and auxiliaries ("also", "has"), an opening quote mark and a date
        while i >= 0:
            word = tokens[i][0]
            if word in lex.between or word in _OPENING or _adverb(tokens[i][0]):
                i -= 1
            elif skip[i] and i not in verbs:
                i -= 1
                if i >= 0 and tokens[i][0] in stop and tokens[i][0] not in _BOUNDARY:
                    i -= 1  # the preposition of "on Friday"
            else:
                break
        if i >= 0 and tokens[i][0] in lex.pronouns:
            return tokens[i][1], tokens[i][2]
        if i >= 0 and tokens[i][0] not in _BOUNDARY:
            return _past_place(tokens, _collect(tokens, i, -1, skip, lex), skip, lex)
    # inverted ("..., said Xi") or a source phrase ("according to the agency"): look right
    i = k + n
    while i < len(tokens) and tokens[i][0] in stop and tokens[i][0] not in _BOUNDARY:
        i += 1
    return _collect(tokens, i, +1, skip, lex)


_HAN_PLACE_OPENERS = frozenset("在于")
_HAN_PLACE_ENDS = frozenset("上中时后前里内外间")


def _past_place(
    tokens: tuple[tuple[str, int, int], ...],
    span: tuple[int, int] | None,
    skip: list[bool],
    lex: Lexicon,
) -> tuple[int, int] | None:
    """A Chinese speaker run that is a place or a time ("市长王明在通车仪式上表示": 在 …上 before
    the verb) stands for the run before its 在, the speaker; a run with nothing before stays."""
    if span is None or lex.language != "zh":
        return span
    first = next(j for j, t in enumerate(tokens) if t[1] == span[0])
    last = next(j for j, t in enumerate(tokens) if t[2] == span[1])
    if tokens[last][0] not in _HAN_PLACE_ENDS or first < 2:
        return span
    if tokens[first - 1][0] not in _HAN_PLACE_OPENERS:
        return span
    return _collect(tokens, first - 2, -1, skip, lex) or span


def _adverb(word: str) -> bool:
    """Whether a word looks like an adverb of manner ("sharply", "strongly")."""
    return len(word) > 4 and word.endswith("ly")


@lru_cache(maxsize=16)
def _first_words(lex: Lexicon) -> frozenset[str]:
    """The words that open a reporting verb or a source phrase."""
    return frozenset(phrase_index(lex.reporting_verbs)) | frozenset(
        phrase_index(lex.source_phrases)
    )


_CLAUSE_OPENERS = frozenset({"that", ":", "“", '"', "«", "„"})


def _any_verb(
    text: str, tokens: tuple[tuple[str, int, int], ...], verb_at: list[int], lex: Lexicon
) -> None:
    """Mark as a reporting verb any lower-case verb form (``-ed``, ``-s``) between a
    capitalised word and a that-clause, a colon or an opening quote ("Assad praised that…",
    "Grant denied: “…”"): what it introduces is said by its subject."""
    stop = stopwords(lex.language)
    for k in range(1, len(tokens) - 1):
        word, s, e = tokens[k]
        if verb_at[k] or tokens[k + 1][0] not in _CLAUSE_OPENERS or word in stop:
            continue
        if not (word.endswith(("ed", "s")) and text[s:e].islower()):
            continue
        before = tokens[k - 1]
        if before[0] in lex.between and k >= 2:
            before = tokens[k - 2]  # "Xi also stressed that"
        if text[before[1] : before[2]][:1].isupper() or before[0] in lex.pronouns:
            verb_at[k] = 1


@bounded()
def _attributions(text: str, lex: Lexicon) -> tuple[Attribution, ...]:
    firsts = _first_words(lex)
    ws = [w for w, _, _ in words(text)]
    opens_clause = "that" in ws or any(c in text for c in '“"«„:')
    if firsts.isdisjoint(ws) and not opens_clause:
        return ()  # no word that opens a reporting verb or a source phrase
    tokens = _tokens(text)
    verb_at = phrase_matches(tokens, lex.reporting_verbs)
    source_at = phrase_matches(tokens, lex.source_phrases)
    _any_verb(text, tokens, verb_at, lex)
    if not (any(verb_at) or any(source_at)):
        return ()  # no reporting verb, no source phrase
    verbs = {k for k, n in enumerate(verb_at) if n}
    spans = [(q.start, q.end) for q in quantities(text, lex)]  # in order, disjoint
    skip = [j in verbs or _inside_any(t[1], t[2], spans) for j, t in enumerate(tokens)]
    out: list[Attribution] = []
    k = 0
    while k < len(tokens):
        n_source = source_at[k]
        n_verb = 0 if n_source else verb_at[k]
        if not (n_source or n_verb):
            k += 1
            continue
        n = n_source or n_verb
        verb_start, verb_end = tokens[k][1], tokens[k + n - 1][2]
        span = _speaker_span(tokens, k, n, bool(n_source), verbs, skip, lex)
        if span is not None:
            phrase = text[span[0] : span[1]]
            out.append(
                Attribution(
                    speaker(phrase, lex),
                    text[verb_start:verb_end],
                    min(span[0], verb_start),
                    max(span[1], verb_end),
                )
            )
        k += n
    return tuple(out)


def attributions(text: str, lex: Lexicon) -> tuple[Attribution, ...]:
    """Return the (speaker, verb, span) attributions of a text, in order."""
    return _attributions(text, lex)
