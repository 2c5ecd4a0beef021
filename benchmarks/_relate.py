"""Interpretable-STS chunk alignment and typing, measured by benchmarks/ists.py (moved here from
``compare.relate``: the pipeline's findings never used it; see README, Evaluation). It aligns
the chunks of two sentences and types each pair the way interpretable STS does (equivalent,
similar, more specific one way, opposite, related), in compare's own words.

==================  ===================  ==================================================
compare             interpretable STS    meaning
==================  ===================  ==================================================
``same``            EQUI                 the same meaning ("for the Philippines" / "to
                                         Philippines")
``reworded``        SIMI                 similar, some words differ ("6.9 magnitude quake"
                                         / "5.6 magnitude quake")
``dropped_detail``  SPE1                 the first is more specific: the second drops detail
``added_detail``    SPE2                 the second is more specific: it adds detail
``polarity``        OPPO                 opposite ("supports" / "does not support")
``related``         REL                  related, not similar
(unaligned)         NOALI                no counterpart
==================  ===================  ==================================================

Words match by stem (:func:`compare.tokens.stem`), by value for numbers (``ten`` = ``10``),
by alias group (``Libya`` = ``Libyan``), or by spelling when close (``horsemeat`` /
``horse-meat``). Chunks align by optimal assignment on their word overlap (prepositional
chunks with the same preposition count as slightly similar: "in a pen" / "in a field"); then a
single unaligned chunk on each side between two aligned pairs aligns by position (headlines and
captions keep their order). ``benchmarks/ists.py`` measures this on SemEval-2016 Task 2.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal

import attrs
import numpy as np
from rapidfuzz.distance import Levenshtein

from compare.align import assign
from compare.lexicon import Lexicon, lexicon

# the word model and the opposition test are the library's (compare.relate), shared with the
# pipeline's polarity findings
from compare.relate import _content, _opposed, _Word, _words

__all__ = ["ChunkLink", "Kind", "align_chunks", "relate_chunks"]

Kind = Literal["same", "reworded", "dropped_detail", "added_detail", "polarity", "related"]

_LINK_MIN = 0.25
"""Least word overlap (Dice, 0..1) for two chunks to align on their words."""


_GAP = 1
"""Most unaligned chunks, on each side, that a gap between two aligned pairs may hold to be
aligned in order."""


@attrs.frozen
class ChunkLink:
    """Chunks of the first sentence aligned with chunks of the second, typed and scored."""

    a: tuple[int, ...]
    """Indices of the first sentence's chunks."""
    b: tuple[int, ...]
    """Indices of the second sentence's chunks."""
    kind: Kind
    """How the two relate (module docstring)."""
    score: float
    """Similarity of meaning, 0 (unrelated) to 5 (the same)."""


def _stems_agree(x: str, y: str) -> bool:
    """Stems that differ by the light stemmer's known slips: ``vot``/``vote``, ``sitt``/``sit``."""
    if len(x) > len(y):
        x, y = y, x
    if len(x) < 3 or len(y) != len(x) + 1 or not y.startswith(x):
        return False
    return y[-1] == "e" or y[-1] == x[-1]


def _similar(x: _Word, y: _Word) -> float:
    """How well two words match: 1 same stem, value or alias; 0.8 close spelling; else 0."""
    if x.key == y.key:
        return 1.0
    if x.value is not None or y.value is not None:
        return 1.0 if x.value == y.value else 0.0
    if x.group is not None and x.group == y.group:
        return 1.0
    if _stems_agree(x.key, y.key):
        return 1.0
    if min(len(x.key), len(y.key)) >= 4:
        if Levenshtein.normalized_similarity(x.key, y.key) >= 0.8:
            return 0.8
        shorter = min(len(x.key), len(y.key))
        common = len(_common_prefix(x.key, y.key))
        if common >= 4 and common >= 0.75 * shorter:
            return 0.8
    return 0.0


def _common_prefix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[:n]


def _match(a: Sequence[_Word], b: Sequence[_Word]) -> tuple[float, list[int], list[int]]:
    """Greedy best matching of two word lists: total strength, unmatched indices of each."""
    pairs = sorted(
        ((_similar(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = 0.0
    for s, i, j in pairs:
        if s <= 0:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        total += s
    return (
        total,
        [i for i in range(len(a)) if i not in used_a],
        [j for j in range(len(b)) if j not in used_b],
    )


def _overlap(wa: list[_Word], wb: list[_Word]) -> float:
    """Dice overlap of the content words of two chunks, 0..1."""
    ca, cb = _content(wa), _content(wb)
    if not ca or not cb:
        return 0.0
    total, _, _ = _match(ca, cb)
    return 2 * total / (len(ca) + len(cb))


def _relate(wa: list[_Word], wb: list[_Word], lex: Lexicon, lexical: bool) -> tuple[Kind, float]:
    ca, cb = _content(wa), _content(wb)
    if _opposed(wa, wb, lex):
        return "polarity", 4.0
    total, only_a, only_b = _match(ca, cb)

    if not lexical or total == 0:
        return "reworded", 3.0
    if not only_a and not only_b:
        return ("same", 5.0) if total >= len(ca) - 0.5 else ("reworded", 4.0)
    if only_a and not only_b:
        return "dropped_detail", 4.0
    if only_b and not only_a:
        return "added_detail", 4.0
    share = 2 * total / (len(ca) + len(cb))
    return "reworded", 4.0 if share >= 0.5 else 3.0


def relate_chunks(
    a: Sequence[str], b: Sequence[str], *, language: str = "en"
) -> tuple[Kind, float]:
    """Type and score two chunks (token lists) taken to say corresponding things."""
    return _relate(_words(a, language), _words(b, language), lexicon(language), True)


def align_chunks(
    a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], *, language: str = "en"
) -> tuple[ChunkLink, ...]:
    """Align two sentences' chunks (each a list of tokens) and type every aligned pair.

    Chunks that share words align one to one by optimal assignment on their overlap; then a
    single unaligned chunk on each side between two aligned pairs (or before the first, or
    after the last) aligns by position. Chunks of punctuation only, and chunks left over, stay
    unaligned.
    """
    lex = lexicon(language)
    wa = [_words(chunk, language) for chunk in a]
    wb = [_words(chunk, language) for chunk in b]
    n, m = len(a), len(b)
    scores = np.array([[_overlap(wa[i], wb[j]) for j in range(m)] for i in range(n)])
    pairs = assign(scores, _LINK_MIN) if n and m else []
    lexical = {(i, j): True for i, j in pairs}
    # unaligned chunks between two aligned pairs, as many on each side: aligned in order
    anchors = [(-1, -1), *sorted(pairs), (n, m)]
    for (i1, j1), (i2, j2) in itertools.pairwise(anchors):
        gap_a = [i for i in range(i1 + 1, i2) if wa[i]]
        gap_b = [j for j in range(j1 + 1, j2) if wb[j]]
        if 1 <= len(gap_a) == len(gap_b) <= _GAP:
            for i, j in zip(gap_a, gap_b, strict=True):
                pairs.append((i, j))
                lexical[(i, j)] = False
    links = [ChunkLink((i,), (j,), *_relate(wa[i], wb[j], lex, lexical[(i, j)])) for i, j in pairs]
    return tuple(sorted(links, key=lambda link: (link.a, link.b)))
