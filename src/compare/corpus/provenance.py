"""Provenance of a reused passage: which of its two articles likely took it from the other.

Three kinds of evidence, each a point for one direction (the sum decides; a tie is ``unknown``):

- **attribution** (2 points): near the passage (:data:`NEAR` characters either side), one
  article credits the other's outlet: "according to X", "X reported/said/wrote", "told X",
  "reported by X", "citing X", "via X". The article that names the other is the one that took.
  It needs the articles' ``outlet`` names; only a whole name counts.
- **date** (1 point): the article dated earlier is the source (two dated articles only).
- **rewording** (1 point): a condensed or reworded copy holds most of the other's content words
  while the other holds much less of its own: at least :data:`CONTAINED` of one article's
  content words are in the other, and at most half that share the other way round. The
  contained article is taken to derive from the other. Verbatim passages that cover little of
  the copy (the rest reworded) are how such a pair shows up at all.

The evidence is listed in words with the direction, so a reader can weigh it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Literal

import attrs
import numpy as np

from compare.corpus.articles import Article
from compare.corpus.blocking import HashArray, day_number
from compare.corpus.reuse import Passage
from compare.errors import OptionsError

__all__ = [
    "CONTAINED",
    "NEAR",
    "Aliases",
    "Direction",
    "Pair",
    "direction",
    "outlet_aliases",
    "pair_facts",
]

NEAR = 300
"""Characters either side of a passage searched for an attribution."""
CONTAINED = 0.6
"""Share of an article's content words found in the other that makes it a condensed copy."""

Way = Literal["a_to_b", "b_to_a", "unknown"]


@attrs.frozen
class Direction:
    """The likely direction of a reused passage and the evidence for it, in words."""

    direction: Way
    evidence: tuple[str, ...]


@attrs.frozen
class Pair:
    """What two articles' evidence shares across their passages: dates and containment."""

    score: int
    """Points for ``a_to_b`` (positive) or ``b_to_a`` (negative)."""
    evidence: tuple[str, ...]


Aliases = Mapping[str, tuple[str, ...]]
"""Outlet names (case-folded) to the other names articles credit them by."""


def outlet_aliases(value: Mapping[str, str | Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    """Checked outlet aliases: each outlet (any case) to the other names it is credited by,
    ``{"CGTN": ["the Beijing account", "China Global Television Network"]}`` (a lone name may
    be a string); an :class:`~compare.errors.OptionsError` for anything else."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise OptionsError(f"outlet_aliases must map outlet names to names, got {type(value)}")
    out: dict[str, tuple[str, ...]] = {}
    for outlet, names in value.items():
        listed = [names] if isinstance(names, str) else names
        if (
            not isinstance(outlet, str)
            or not outlet.strip()
            or not isinstance(listed, Sequence)
            or not all(isinstance(n, str) and n.strip() for n in listed)
        ):
            raise OptionsError(
                f"outlet_aliases: {outlet!r} must name an outlet and map to a name or a list "
                "of names (non-empty strings)"
            )
        key = outlet.strip().casefold()
        out[key] = (*out.get(key, ()), *(n.strip() for n in listed))
    return out


@lru_cache(maxsize=4096)
def _credit(names: tuple[str, ...]) -> re.Pattern[str]:
    """The attributions naming an outlet by one of ``names`` (module docstring),
    case-insensitive."""
    ordered = sorted(set(names), key=lambda n: (-len(n), n))  # the longest name first
    name = rf"\b(?:{'|'.join(map(re.escape, ordered))})\b"
    verbs = r"(?:reported|reports|said|says|wrote|writes|quoted|quotes|cited|published)"
    return re.compile(
        rf"according\s+to\s+(?:the\s+)?{name}"
        rf"|{name}(?:\s+\w+){{0,2}}?\s+{verbs}\b"
        rf"|\b(?:told|via|citing|quoting|(?:reported|quoted|cited|published)\s+by)\s+"
        rf"(?:the\s+)?{name}",
        re.IGNORECASE,
    )


def _attribution(
    text: str, span: tuple[int, int], outlet: str | None, aliases: Aliases
) -> str | None:
    """The attribution to ``outlet`` (by its name or an alias) near ``span`` of ``text``, said
    in words, or None."""
    if not outlet or not outlet.strip():
        return None
    name = outlet.strip()
    near = text[max(span[0] - NEAR, 0) : span[1] + NEAR]
    found = _credit((name, *aliases.get(name.casefold(), ()))).search(near)
    if not found:
        return None
    said = " ".join(found.group().split())
    return repr(said) if name.casefold() in said.casefold() else f"{said!r} (an alias of {name})"


def pair_facts(x: Article, y: Article, x_words: HashArray, y_words: HashArray) -> Pair:
    """The date and rewording evidence of two articles (``x`` is side ``a``; ``x_words`` and
    ``y_words``: their distinct content words' hashes, sorted)."""
    score, evidence = 0, []
    dx, dy = day_number(x.date), day_number(y.date)
    if dx is not None and dy is not None and dx != dy:
        earlier, later, sign = (x, y, 1) if dx < dy else (y, x, -1)
        score += sign
        evidence.append(f"date: {earlier.id} ({earlier.date}) before {later.id} ({later.date})")
    if len(x_words) and len(y_words):
        both = len(np.intersect1d(x_words, y_words, assume_unique=True))
        y_in_x, x_in_y = both / len(y_words), both / len(x_words)
        for inner, outer, share, other, sign in (
            (y, x, y_in_x, x_in_y, 1), (x, y, x_in_y, y_in_x, -1),
        ):  # fmt: skip
            if share >= CONTAINED and other <= share / 2:
                score += sign
                evidence.append(
                    f"rewording: {share:.0%} of {inner.id}'s content words are in {outer.id}, "
                    f"{other:.0%} the other way: {inner.id} is a condensed or reworded copy"
                )
    return Pair(score, tuple(evidence))


def direction(
    passage: Passage, x: Article, y: Article, pair: Pair, aliases: Aliases | None = None
) -> Direction:
    """The likely direction of ``passage`` between ``x`` (side ``a``) and ``y`` (side ``b``);
    ``aliases`` (:func:`outlet_aliases`): other names an attribution may credit an outlet by."""
    names = aliases or {}
    score, evidence = pair.score, [f"verbatim: {passage.words} words"]
    took = _attribution(y.text, passage.b_span, x.outlet, names)
    if took:
        score += 2
        evidence.append(f"attribution: {y.id} says {took}")
    gave = _attribution(x.text, passage.a_span, y.outlet, names)
    if gave:
        score -= 2
        evidence.append(f"attribution: {x.id} says {gave}")
    evidence.extend(pair.evidence)
    way: Way = "a_to_b" if score > 0 else "b_to_a" if score < 0 else "unknown"
    return Direction(way, tuple(evidence))
