"""Classify each link and each unlinked sentence into findings a reader should look at.

A classifier is a plain function ``(LinkContext) -> Iterable[Finding]``; :data:`CLASSIFIERS` lists
them in order, so new finding types are added by appending a function, not by editing the others.
This module holds the link's relation and the ``reworded`` / ``added_detail`` / ``dropped_detail``
classifiers; the typed ones (``number``, ``entity``, ``quote``, ``attribution``, ``hedge``,
``polarity``, ``intensity``) live in :mod:`compare.classify`. Every classifier reads the
link's changes through :func:`compare.context.changes`, so swapping the two documents swaps
``added_detail`` and ``dropped_detail`` and leaves every other type as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

from compare._cache import bounded
from compare.classify import TYPED
from compare.context import (
    Classifier,
    LinkContext,
    Side,
    Words,
    change_words,
    changes,
    memo,
    shorten,
)
from compare.model import Candidate, Document, Finding, Relation
from compare.options import Options
from compare.scripts import two_scripts
from compare.similarity import text_weight
from compare.tokens import content_keys, normalise, stopwords

__all__ = [
    "CLASSIFIERS",
    "Classifier",
    "LinkContext",
    "Side",
    "classify_link",
    "relation",
    "typed_findings",
    "unlinked_findings",
]

_shorten = shorten


@bounded()
def _key_set(text: str, language: str) -> frozenset[str]:
    """The content keys of a link's side (cached: :func:`relation` and :func:`detail` both read
    them, one link after the other)."""
    return frozenset(content_keys(text, language))


@bounded()
def _normalised(text: str) -> str:
    """:func:`~compare.tokens.normalise` of a link's side (cached: a side recurs across links)."""
    return normalise(text)


def relation(ref_text: str, other_text: str, idf: dict[str, float], options: Options) -> Relation:
    """Name a link: ``same``, ``partial`` (each side has much the other lacks) or ``reworded``.

    A link between two scripts (Chinese or Arabic against English, found by meaning) is
    ``reworded``: no word is shared, so what either side adds cannot be read from the words."""
    if ref_text == other_text:  # a repeated sentence (most links of a copy): nothing to read
        return "same"
    if _normalised(ref_text) == _normalised(other_text):
        return "same"
    if two_scripts(ref_text, other_text):
        return "reworded"
    a = _key_set(ref_text, options.language)
    b = _key_set(other_text, options.language)
    shared = text_weight(a & b, idf, 1.0)  # unknown keys count 1
    wa = text_weight(a, idf, 1.0)
    if (shared / wa if wa else 1.0) >= options.partial_coverage:
        return "reworded"  # one side is mostly covered: the other's weight cannot matter
    wb = text_weight(b, idf, 1.0)
    if (shared / wb if wb else 1.0) < options.partial_coverage:
        return "partial"
    return "reworded"


def _new_words(text: str, against: AbstractSet[str], language: str) -> list[str]:
    """Content keys of ``text`` that do not occur in ``against``."""
    return [k for k in content_keys(text, language) if k not in against]


def _too_few_keys(text: str, found: Words, need: int) -> bool:
    """Whether an ASCII stretch with these words (:func:`compare.lexicon.words`) has fewer
    than ``need`` content keys (:func:`~compare.tokens.content_keys`), told without reading
    them: each key is a run of letters and digits, and a word holds one run more than it has
    joining marks."""
    if len(found) >= need or not text.isascii():
        return False  # a word holds at least one run: enough words may be enough keys
    return sum(1 + w.count("'") + w.count(".") + w.count("-") for w, _, _ in found) < need


def _too_short(text: str, need: int) -> bool:
    """Whether an ASCII stretch is shorter than ``need`` characters: it cannot hold ``need``
    content keys (:func:`~compare.tokens.content_keys`), each at least one character of it
    (ASCII folds in place)."""
    return len(text) < need and text.isascii()


def detail(ctx: LinkContext) -> Iterable[Finding]:
    """Report a clause present on one side only: ``added_detail`` or ``dropped_detail``.

    A change counts when the content words new to its side outnumber those of the words it
    replaces by at least ``detail_min_words``: a rewording swaps words, a detail adds them.
    """
    lang, need = ctx.options.language, ctx.options.detail_min_words
    keys: tuple[frozenset[str], frozenset[str]] | None = None  # both sides', read once a link
    for k, change in enumerate(changes(ctx)):
        old, new = change.ref_text(ctx), change.other_text(ctx)
        if _too_short(old, need) and _too_short(new, need):
            continue  # a comma, a capital: the words of the link are not read
        old_words, new_words = change_words(ctx)[k]
        if _too_few_keys(old, old_words, need) and _too_few_keys(new, new_words, need):
            continue  # neither side has the content words a detail needs
        if _explained(ctx, k):
            continue  # a typed finding already says what this change is
        if keys is None:
            keys = (_key_set(ctx.ref.text, lang), _key_set(ctx.other.text, lang))
        n_old = len(_new_words(old, keys[1], lang))
        n_new = len(_new_words(new, keys[0], lang))
        if new and n_new - n_old >= need:
            yield Finding(
                "added_detail", ctx.ref.indices, ctx.other.indices,
                f"{ctx.other.doc.label} adds “{_shorten(new)}”",
                other_spans=ctx.other.doc_spans(change.b_start, change.b_end),
            )  # fmt: skip
        if old and n_old - n_new >= need:
            yield Finding(
                "dropped_detail", ctx.ref.indices, ctx.other.indices,
                f"{ctx.other.doc.label} drops “{_shorten(old)}”",
                ref_spans=ctx.ref.doc_spans(change.a_start, change.a_end),
            )  # fmt: skip


def reworded(ctx: LinkContext) -> Iterable[Finding]:
    """Report wording changed between linked sentences that no typed finding explains: up to
    three changes, quoted (``“a” → “b”``, ``adds “x”``, ``drops “y”``)."""
    if ctx.relation == "same":
        return
    shown: list[str] = []
    ref_spans: list[tuple[int, int]] = []
    other_spans: list[tuple[int, int]] = []
    for k, change in enumerate(changes(ctx)):
        old, new = change.ref_text(ctx), change.other_text(ctx)
        if normalise(old) == normalise(new):
            continue  # only case, spacing or punctuation changed
        if _explained(ctx, k):
            continue  # a typed finding already says what this change is
        if old:
            ref_spans.extend(ctx.ref.doc_spans(change.a_start, change.a_end))
        if new:
            other_spans.extend(ctx.other.doc_spans(change.b_start, change.b_end))
        if old and new:
            shown.append(f"“{_shorten(old, 40)}” → “{_shorten(new, 40)}”")
        elif new:
            shown.append(f"adds “{_shorten(new, 40)}”")
        else:
            shown.append(f"drops “{_shorten(old, 40)}”")
    if not shown:
        return
    text = "; ".join(shown[:3]) + (f" (+{len(shown) - 3} more)" if len(shown) > 3 else "")
    yield Finding(
        "reworded", ctx.ref.indices, ctx.other.indices, text,
        ref_spans=tuple(ref_spans), other_spans=tuple(other_spans),
    )  # fmt: skip


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a span shares a character with any of ``spans``."""
    return any(s < span[1] and span[0] < e for s, e in spans)


def _covers(finding: Finding, by: Iterable[Finding]) -> bool:
    """Whether every span of ``finding`` overlaps a span of one of the findings ``by``."""
    ref = [sp for f in by for sp in f.ref_spans]
    other = [sp for f in by for sp in f.other_spans]
    spans = [*finding.ref_spans, *finding.other_spans]
    return (
        bool(spans)
        and all(_overlaps(sp, ref) for sp in finding.ref_spans)
        and all(_overlaps(sp, other) for sp in finding.other_spans)
    )


_SUBSUMED_BY: dict[str, tuple[str, ...]] = {
    "entity": ("attribution",),
    "quote": ("number", "entity", "attribution", "hedge", "polarity", "intensity"),
}
"""A typed finding dropped when findings of these types cover all its words: a name swapped in
a speaker is a changed speaker; a quote whose changed words another typed finding explains is
that finding (one change, one finding of the most specific type)."""


def typed_findings(ctx: LinkContext) -> tuple[Finding, ...]:
    """The typed findings of a link, each change reported once, by its most specific type."""

    def compute() -> tuple[Finding, ...]:
        found = [f for c in CLASSIFIERS if c not in _UNTYPED for f in c(ctx)]
        kept = []
        for f in found:
            by = [g for g in found if g.type in _SUBSUMED_BY.get(f.type, ())]
            if not (by and _covers(f, by)):
                kept.append(f)
        return tuple(kept)

    return memo(ctx, "typed_findings", compute)


_LEFT_OVER = 1
"""Content words a change may keep on each side outside every typed finding's words and still
count as explained by them ("1,200 residents" → "some 2,000 people" is the number)."""


def _explained(ctx: LinkContext, k: int) -> bool:
    """Whether typed findings of the link explain its ``k``-th change: they touch its words,
    and leave at most ``_LEFT_OVER`` content words of it on each side unexplained (once per
    change: :func:`reworded` and :func:`detail` both ask)."""
    known: dict[int, bool] = memo(ctx, "explained", dict)
    found = known.get(k)
    if found is None:
        found = known[k] = _explains(ctx, k)
    return found


def _explains(ctx: LinkContext, k: int) -> bool:
    """:func:`_explained`, computed."""
    typed = typed_findings(ctx)
    if not typed:
        return False
    change = changes(ctx)[k]
    ref = [sp for f in typed for sp in f.ref_spans]
    other = [sp for f in typed for sp in f.other_spans]
    a = ctx.ref.doc_span(change.a_start, change.a_end)
    b = ctx.other.doc_span(change.b_start, change.b_end)
    touched = (change.a_end > change.a_start and _overlaps(a, ref)) or (
        change.b_end > change.b_start and _overlaps(b, other)
    )
    if not touched:
        return False
    stop = stopwords(ctx.options.language)
    ref_words, other_words = change_words(ctx)[k]

    def left(side: Side, start: int, found: Words, spans: list[tuple[int, int]]) -> int:
        return sum(
            1
            for w, s, e in found
            if w not in stop and not _overlaps(side.doc_span(start + s, start + e), spans)
        )

    return (
        left(ctx.ref, change.a_start, ref_words, ref) <= _LEFT_OVER
        and left(ctx.other, change.b_start, other_words, other) <= _LEFT_OVER
    )


CLASSIFIERS: tuple[Classifier, ...] = (reworded, detail, *TYPED)
"""The link classifiers, listed in this order: wording and detail (only for changes no typed
finding explains), then the typed divergences (deduplicated by :func:`typed_findings`)."""

_UNTYPED: tuple[Classifier, ...] = (reworded, detail)


def classify_link(ctx: LinkContext) -> tuple[Finding, ...]:
    """Run every classifier on one link: one finding per change, of its most specific type.

    A link between two scripts gets its ``reworded`` finding only: the other classifiers read
    one language's words on both sides (numbers, names, speakers, hedges...).

    A ``same`` link (the sides differ in case, spacing and punctuation at most) is given to
    :func:`detail` only: :func:`reworded` and every typed classifier report nothing on one."""
    if ctx.ref.text != ctx.other.text and two_scripts(ctx.ref.text, ctx.other.text):
        return tuple(reworded(ctx))
    if ctx.relation == "same":
        return tuple(detail(ctx))
    return (*reworded(ctx), *detail(ctx), *typed_findings(ctx))


def _closest_note(label: str, candidate: Candidate | None) -> str:
    """`` — closest: CGTN 14, 0.41`` for a sentence with a candidate, else nothing."""
    return f" — {candidate.describe(label)}" if candidate is not None else ""


def unlinked_findings(
    reference: Document,
    other: Document,
    omitted: Iterable[int],
    added: Iterable[int],
    *,
    closest_omitted: Mapping[int, Candidate] | None = None,
    closest_added: Mapping[int, Candidate] | None = None,
) -> tuple[Finding, ...]:
    """Report each reference sentence without counterpart as omitted, each other one as added.

    A sentence with a closest candidate (:class:`~compare.model.Candidate`, by its index in
    ``closest_omitted`` or ``closest_added``) says so at the end of its detail.
    """
    near_omitted = closest_omitted or {}
    near_added = closest_added or {}
    out = [
        Finding(
            "omitted",
            (i,),
            (),
            f"not in {other.label}: “{_shorten(reference.sentences[i].text)}”"
            + _closest_note(other.label, near_omitted.get(i)),
            ref_spans=((reference.sentences[i].start, reference.sentences[i].end),),
        )
        for i in omitted
    ]
    out += [
        Finding(
            "added",
            (),
            (j,),
            f"only in {other.label}: “{_shorten(other.sentences[j].text)}”"
            + _closest_note(reference.label, near_added.get(j)),
            other_spans=((other.sentences[j].start, other.sentences[j].end),),
        )
        for j in added
    ]
    return tuple(out)
