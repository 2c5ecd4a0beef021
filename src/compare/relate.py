"""Opposite stance between two stretches of words: the test ``polarity`` findings use.

Words are compared by stem (:func:`compare.tokens.stem`), value for numbers (``ten`` =
``10``) and alias group; an odd number of negators on one side only, or a pair of opposite words
(``data/opposites_<lang>.txt``), but not both, is an opposition (``rejects`` = ``does not
support``). The interpretable-STS chunk aligner that once lived here too is benchmark code now
(``benchmarks/_relate.py``): the pipeline never used it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import attrs

from compare._cache import bounded
from compare._records import record_repr
from compare.lexicon import Lexicon, lexicon, name_key
from compare.quantities import quantities
from compare.tokens import fold, stem, stopwords

__all__ = ["opposed", "opposed_plain"]


@attrs.frozen
class _Word:
    """A word as relation reads it: folded text, stem key, content or not, quantity value, alias
    group, negator or not."""

    __repr__ = record_repr

    text: str
    key: str
    content: bool
    value: tuple[object, ...] | None
    group: int | None
    negator: bool


_PUNCT_RE = re.compile(r"^\W+$")


@bounded()
def _word(token: str, language: str) -> _Word | None:
    """A token as compared here; None for punctuation."""
    if _PUNCT_RE.match(token):
        return None
    lex = lexicon(language)
    folded = fold(token)
    bare = folded.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w?\.?", folded) else folded
    q = quantities(token, lex)
    value = (q[0].kind, *q[0].value) if len(q) == 1 and q[0].text == token else None
    group = lex.aliases.get(name_key(token))
    negator = lex.is_negator(folded)
    clitic = folded[:1] in "'’"  # 's, 're: a function word glued on
    content = not (bare in stopwords(language) or negator or clitic)
    return _Word(folded, stem(bare), content, value, group, negator)


def _words(tokens: Sequence[str], language: str) -> list[_Word]:
    return [w for t in tokens if (w := _word(t, language)) is not None]


def _content(words: list[_Word]) -> list[_Word]:
    """Content words, or every word of a chunk made only of function words."""
    return [w for w in words if w.content] or words


def _negated(words: list[_Word]) -> bool:
    return sum(1 for w in words if w.negator) % 2 == 1


def _opposed(wa: list[_Word], wb: list[_Word], lex: Lexicon) -> bool:
    """An odd number of negators on one side only, or a pair of opposite words, but not both
    (``rejects`` = ``does not support``)."""
    ca = [w for w in wa if w.content]
    cb = [w for w in wb if w.content]
    opposite = any(lex.opposite(x.key, y.key) for x in ca for y in cb)
    return (_negated(wa) != _negated(wb)) != opposite


def opposed(a: Sequence[str], b: Sequence[str], *, language: str = "en") -> bool:
    """Whether two stretches of words (tokens) say opposite things: ``supports`` / ``does not
    support``, ``welcomes`` / ``rejects``; ``rejects`` / ``does not support`` are not."""
    return _opposed(_words(a, language), _words(b, language), lexicon(language))


@lru_cache(maxsize=16)
def _opposite_keys(lex: Lexicon) -> frozenset[str]:
    """Every stemmed word of a lexicon's opposite pairs, either side."""
    return frozenset(k for pair in lex.opposites for side in pair for k in side)


def opposed_plain(a: Sequence[str], b: Sequence[str], lex: Lexicon) -> bool | None:
    """:func:`opposed` of two stretches of folded words, told from their negators alone when
    that is enough, else None: every word is ASCII without a dot (its key is its stem, its
    negation its own listing), and one side has no word whose stem is listed in an opposite
    pair (so no pair of opposite words can be found)."""
    keys = _opposite_keys(lex)
    negated: list[bool] = []
    listed: list[bool] = []
    for side in (a, b):
        odd = found = False
        for w in side:
            if not w.isascii() or "." in w:
                return None
            if lex.is_negator(w):
                odd = not odd
            elif not found and stem(w) in keys:
                found = True
        negated.append(odd)
        listed.append(found)
    if listed[0] and listed[1]:
        return None
    return negated[0] != negated[1]
