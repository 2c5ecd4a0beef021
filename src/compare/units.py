"""Claim units: the clauses of a sentence, as character spans that partition it.

A news sentence often carries several claims ("X congratulated Y on ... and stressed Syria's
support ..."); two accounts may share one of them and differ in the rest. Scoring units against
units finds such partially shared sentences where a whole-sentence score is diluted by the rest.

Units are cut, in English, at semicolons and colons; before a comma followed by a coordinating or
relative word (``, and``, ``, but``, ``, which``, ``, while`` ...); before ``as well as``; at
``and`` + a past-tense verb ("... and stressed ..."); after an opening participle clause
("Hailing ..., Assad ..."); and around quotations of four words or more. A piece with fewer than
:data:`MIN_CONTENT` content words is not a claim of its own and joins its neighbour, so a reporting
frame ("Xi said that") stays with what was said. The units partition the sentence: joined, they
give back its text exactly, character for character.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from compare.lexicon import lexicon
from compare.tokens import content_keys, stem

__all__ = ["MAX_UNITS", "MIN_CONTENT", "unit_spans"]

MIN_CONTENT = 3
"""Content words (not function words) a unit needs to stand on its own."""

MAX_UNITS = 6
"""At most this many units per sentence; beyond it the smallest neighbours are joined."""

_CUTS = re.compile(
    r"""
      (?<=[;:])\s+(?=\S)                                   # after ; or : and its space
    | ,\s+(?=(?:and|but|while|whereas|which|who|whom|where|although|though|because|
              yet|including|as\ well\ as)\b)               # before , and / , which ...
    | \s+(?=as\ well\ as\b)                                # before as well as
    | \s+(?=and\s+[^\W\d_]+ed\b)                           # before and + past-tense verb
    """,
    re.VERBOSE | re.IGNORECASE,
)

_OPENING_PARTICIPLE = re.compile(
    r"^\s*[A-Z][a-z]+ing\b[^;]{10,}?,\s+(?=[A-Z]|(?:the|he|she|they|it|we)\b)"
)

_QUOTE = re.compile(r"[\"“«„][^\"“”«»„]{12,}?[\"”»]")


def _cuts(text: str) -> list[int]:
    """Candidate cut offsets in ``text`` (each the start of a new unit), sorted, unique."""
    cuts = {m.end() for m in _CUTS.finditer(text)}
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
    return frozenset(stem(word) for phrase in phrases for word in phrase)


def _weight(text: str, language: str) -> int:
    """Content words of a piece of text, reporting verbs and source phrases left out."""
    frame = _frame_words(language)
    return sum(1 for key in content_keys(text, language) if key not in frame)


def unit_spans(text: str, language: str = "en") -> tuple[tuple[int, int], ...]:
    """The claim units of a sentence as ``(start, end)`` offsets into it, in order, gap-free.

    Every character of ``text`` lies in exactly one unit; a sentence with one claim is one unit.
    Only English has cutting rules; other languages give the whole sentence.
    """
    if not text:
        return ()
    if language != "en":
        return ((0, len(text)),)
    bounds = [0, *_cuts(text), len(text)]
    pieces = [(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    if len(pieces) == 1:
        return tuple(pieces)  # no cut: one unit, whatever it weighs
    weights = [_weight(text[a:b], language) for a, b in pieces]
    # Join every piece too small to be a claim to its neighbour (the next one, or for the last
    # piece the previous one), smallest first, until all stand alone or one is left.
    while len(pieces) > 1:
        small = [k for k, w in enumerate(weights) if w < MIN_CONTENT]
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
