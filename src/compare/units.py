"""Claim units: the clauses of a sentence, as character spans that partition it.

A news sentence often carries several claims ("X congratulated Y on ... and stressed Syria's
support ..."); two accounts may share one of them and differ in the rest. Scoring units against
units finds such partially shared sentences where a whole-sentence score is diluted by the rest.

Units are cut, in English, at semicolons and colons; before a comma followed by a coordinating or
relative word (``, and``, ``, but``, ``, which``, ``, while`` ...); before ``as well as``; at
``and`` + a past-tense verb ("... and stressed ..."); after an opening participle clause
("Hailing ..., Assad ..."); and around quotations of four words or more.

In Chinese, at ``；`` and ``：``; before a comma followed by a connective (``，并``,
``，同时``, ``，但``, ``，以及`` ...), by a party as subject (``，中方``, ``，双方``,
``，两国`` ...) or by a new speaker's reporting verb (``，李华也表示，``); and around
quotations of eight characters or more.
In Arabic, at ``؛`` and colons; before a comma followed by a word with the conjunction و ("and")
written on (``، وأكد``, ``، وأن``), by a linking word (``، كما``, ``، حيث``, ``، فيما``, ``، التي``
...) or by an adverbial participle (``، مؤكدا``, ``، مشيرا``, ``، معربا`` ...: "stressing",
"pointing out", "expressing", the usual way an Arabic news sentence adds a claim); and around
quotations of four words or more.

A piece with fewer than :data:`MIN_CONTENT` content words (:data:`MIN_CONTENT_HAN` keys for
Chinese, read as character bigrams) is not a claim of its own and joins its neighbour, so a
reporting frame ("Xi said that", "王明表示，", "وقال حداد إن") stays with what was said. The
units partition the sentence: joined, they give back its text exactly, character for character.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from compare._cache import bounded
from compare._regex import Lazy
from compare.lexicon import lexicon
from compare.tokens import content_keys, stem

__all__ = ["MAX_UNITS", "MIN_CONTENT", "MIN_CONTENT_HAN", "unit_spans", "unit_texts"]

MIN_CONTENT = 3
"""Content words (not function words) a unit needs to stand on its own."""

MIN_CONTENT_HAN = 5
"""Content keys a unit of Chinese text needs: its keys are character bigrams, about two for a
two-character word, so five is about three words."""

MAX_UNITS = 6
"""At most this many units per sentence; beyond it the smallest neighbours are joined."""

_CUTS = re.compile(
    r"""
    [\s,]                                                 # a cut's first character, then:
    (?:
          (?<=[;:]\s)\s*(?=\S)                            # after ; or : and its space
        | (?<=,)\s+(?=(?:and|but|while|whereas|which|who|whom|where|although|though|
                      because|yet|including|as\ well\ as)\b) # before , and / , which ...
        | (?<=\s)\s*(?=as\ well\ as\b)                     # before as well as
        | (?<=\s)\s*(?=and\s+[^\W\d_]+ed\b)                # before and + past-tense verb
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""Where an English sentence may be cut: each match ends where a new unit starts.

Every cut starts with a space or a comma, read by the class that opens the pattern, so the regex
engine skips to the next space or comma in C instead of trying four alternatives (the first
behind a look-behind) at every character: half the instructions a sentence. Each alternative
then looks back at the character it started on, which gives the matches of the plain form,
four alternatives each reading its own first character (``tests/test_units.py`` holds the two
forms to each other)."""

_OPENING_PARTICIPLE = re.compile(
    r"^\s*[A-Z][a-z]+ing\b[^;]{10,}?,\s+(?=[A-Z]|(?:the|he|she|they|it|we)\b)"
)

_QUOTE = re.compile(r"[\"“«„][^\"“”«»„]{12,}?[\"”»]")


@cache
def _han_verbs() -> str:
    """The Chinese reporting verbs of ``reporting_zh.txt`` as a regex alternation, longest
    first (the word list is the one place they are listed)."""
    verbs = {"".join(phrase) for phrase in lexicon("zh").reporting_verbs}
    return "|".join(map(re.escape, sorted(verbs, key=lambda v: (-len(v), v))))


@cache
def _han_cuts() -> re.Pattern[str]:
    """Where Chinese text may be cut (module docstring)."""
    return re.compile(
        r"""
          (?<=[；;：:])(?=\S)                                   # after ； or ：
        | (?<=，)(?=(?:并且|并|同时|而且|此外|另外|但是|但|然而|不过|而|以及|其中|从而|进而|因此|
                     所以|还|也|包括))                          # after ， before a connective
        | (?<=，)(?=(?:[\u4e00-\u9fff]方|两国|两党|我们|他们|我国)) # before a party as subject
        | (?<=，)(?=[^，。；：“”]{1,10}?(?:VERBS)[，：])        # before a new speaker
        """.replace("VERBS", _han_verbs()),
        re.VERBOSE,
    )


@cache
def _han_frame() -> re.Pattern[str]:
    """A Chinese piece that is only a speaker and a reporting verb ("一位出租车司机说：")."""
    return re.compile(rf"^[^，。；“”]{{0,12}}?(?:{_han_verbs()})[，：:,]?\s*$")


_HAN_QUOTE = Lazy(r"[“「][^“”「」]{8,}?[”」]")

_AR_PARTICIPLES = "مؤكد|مشير|معرب|مضيف|لافت|موضح|داعي|معتبر|منوه|مشدد|مبدي|مجدد|مطالب"
"""Stems of the adverbial participles that open an added claim ("stressing", "pointing out"),
each followed by ا or ة (masculine or feminine) and maybe tanween."""

_AR_CUTS = Lazy(
    r"""
      (?<=[؛;:])\s+(?=\S)                                  # after ؛ ; or : and its space
    | [،,]\s+(?=و[^\W\d_]{2,})                             # before ، و + a word
    | [،,]\s+(?=(?:كما|حيث|فيما|بينما|لكن|لكنه|لكنها|غير\ أن|إلا\ أن|الذي|التي|الذين|
                 مما|إضافة|بالإضافة|علاوة|فضلا)\b)           # before ، + a linking word
    | [،,]\s+(?=(?:PARTICIPLES)[اة]\b)                     # before ، + a participle
    """.replace("PARTICIPLES", _AR_PARTICIPLES),
    re.VERBOSE,
)


_RULES = frozenset({"en", "zh", "ar"})
"""The languages with cutting rules."""


def _may_cut(text: str) -> bool:
    """Whether :data:`_CUTS` can match ``text``: each of its cuts needs ``;``, ``:``, ``,``,
    "and" or "as well as" (any case: the folded text holds them, whatever letters the regex's
    case-blind match takes for theirs). Most sentences do; the others skip the regex."""
    if ";" in text or ":" in text or "," in text:
        return True
    folded = text.casefold()
    return "and" in folded or "as well as" in folded


def _cuts(text: str, language: str = "en") -> list[int]:
    """Candidate cut offsets in ``text`` (each the start of a new unit), sorted, unique."""
    if language == "zh":
        cuts = {m.end() for m in _han_cuts().finditer(text)}
        for m in _HAN_QUOTE().finditer(text):
            cuts.update((m.start(), m.end()))
        return sorted(c for c in cuts if 0 < c < len(text))
    if language == "ar":
        cuts = {m.end() for m in _AR_CUTS().finditer(text)}
    else:
        cuts = {m.end() for m in _CUTS.finditer(text)} if _may_cut(text) else set()
        opening = _OPENING_PARTICIPLE.match(text)
        if opening:
            cuts.add(opening.end())
    for m in _QUOTE.finditer(text):
        if len(m.group().split()) >= 4:
            cuts.update((m.start(), m.end()))
    return sorted(c for c in cuts if 0 < c < len(text))


@cache
def _frame_words(language: str) -> frozenset[str]:
    """Stems of the reporting verbs and source phrases: a frame ("said Xi") is not a claim."""
    lex = lexicon(language)
    phrases = lex.reporting_verbs | lex.source_phrases
    words = {stem(word) for phrase in phrases for word in phrase}
    if language == "zh":  # read a character at a time, keyed as bigrams ("表示")
        words.update("".join(pair) for phrase in phrases for pair in itertools.pairwise(phrase))
    return frozenset(words)


def _weight(text: str, language: str) -> int:
    """Content words of a piece of text, reporting verbs and source phrases left out (a Chinese
    speaker-and-verb frame weighs nothing: its name's bigrams would make it look like a claim)."""
    if language == "zh" and _han_frame().match(text):
        return 0
    frame = _frame_words(language)
    return sum(1 for key in content_keys(text, language) if key not in frame)


@bounded()
def unit_spans(text: str, language: str = "en") -> tuple[tuple[int, int], ...]:
    """The claim units of a sentence as ``(start, end)`` offsets into it, in order, gap-free.

    Every character of ``text`` lies in exactly one unit; a sentence with one claim is one unit.
    English, Chinese and Arabic have cutting rules (module docstring); other languages give the
    whole sentence. Remembered by text: scoring cuts each sentence, and link building cuts the
    linked ones again.
    """
    if not text:
        return ()
    if language not in _RULES:
        return ((0, len(text)),)
    bounds = [0, *_cuts(text, language), len(text)]
    pieces = [(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    if len(pieces) == 1:
        return tuple(pieces)  # no cut: one unit, whatever it weighs
    weights = [_weight(text[a:b], language) for a, b in pieces]
    least = MIN_CONTENT_HAN if language == "zh" else MIN_CONTENT
    # Join every piece too small to be a claim to its neighbour (the next one, or for the last
    # piece the previous one), smallest first, until all stand alone or one is left.
    while len(pieces) > 1:
        small = [k for k, w in enumerate(weights) if w < least]
        if not small and len(pieces) <= MAX_UNITS:
            break
        k = min(small or range(len(pieces)), key=lambda n: (weights[n], n))
        other = k + 1 if k + 1 < len(pieces) else k - 1
        if small == [] and 0 < k < len(pieces) - 1 and weights[k - 1] < weights[k + 1]:
            other = k - 1
        lo, hi = min(k, other), max(k, other)
        pieces[lo : hi + 1] = [(pieces[lo][0], pieces[hi][1])]
        weights[lo : hi + 1] = [weights[lo] + weights[hi]]
    return tuple(pieces)


def unit_texts(text: str, language: str = "en") -> tuple[str, ...]:
    """The texts of a sentence's claim units, in order; ``(text,)`` for a sentence of one unit."""
    spans = unit_spans(text, language)
    return tuple(text[a:b] for a, b in spans) if len(spans) > 1 else (text,)
