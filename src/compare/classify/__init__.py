"""Typed findings of a link: numbers, names, quotes, attribution, hedges, polarity, intensity.

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

One module per kind: :mod:`~compare.classify.numbers`, :mod:`~compare.classify.names`,
:mod:`~compare.classify.speech` (quotes and attribution), :mod:`~compare.classify.markers`
(hedges and intensity), :mod:`~compare.classify.polarity`; what they share is in
:mod:`~compare.classify._common`. ``compare.findings`` adds the wording findings (``reworded``,
``added_detail``, ``dropped_detail``) and keeps one finding per change.
"""

from __future__ import annotations

from compare.classify.markers import hedge, intensity
from compare.classify.names import entity
from compare.classify.numbers import number
from compare.classify.polarity import polarity
from compare.classify.speech import attribution, quote
from compare.context import Classifier

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

TYPED: tuple[Classifier, ...] = (number, entity, quote, attribution, hedge, polarity, intensity)
"""The typed detectors, in the order their findings are listed."""
