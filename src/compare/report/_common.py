"""What every view writes the same way: sentence numbers, one-line text, type order, marks, ids.

Each helper here has one job a renderer shares with another; none computes a result, they only
format what the model holds.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import ParamSpec, TypeVar

import attrs

from compare._records import record_repr
from compare.model import (
    FINDING_TYPES,
    Claim,
    ClaimStatus,
    Collation,
    Comparison,
    Document,
    Finding,
    FindingType,
    Link,
)
from compare.report.controls import visible

_P = ParamSpec("_P")
_R = TypeVar("_R")

__all__ = [
    "KEY_LABELS",
    "KEY_SHOWN",
    "MARKS",
    "ONE_SIDED_SHOWN",
    "PROVENANCE",
    "Point",
    "claims_by_id",
    "clean",
    "clean_all",
    "collation_points",
    "comparison_points",
    "counted",
    "flat",
    "flat_each",
    "numbers",
    "paused",
    "provenance",
    "report_id",
    "selection_text",
    "shared_texts",
    "shorten",
    "shown_flags",
    "spread",
    "spread_parts",
    "type_order",
    "where",
]

PROVENANCE = (("author", "Author"), ("url", "URL"))
"""Metadata every view shows beside a source's label and date when some source has it."""


def provenance(docs: Sequence[Document]) -> list[tuple[str, str, list[str]]]:
    """For each :data:`PROVENANCE` key some document has: key, heading, each document's value
    (one line, ``""`` when it has none)."""
    rows = []
    for key, heading in PROVENANCE:
        values = [" ".join(d.meta.get(key, "").split()) for d in docs]
        if any(values):
            rows.append((key, heading, values))
    return rows


MARKS: dict[ClaimStatus, str] = {"carried": "✓", "partial": "◐", "absent": "✗"}
"""The claims x sources matrix's mark for each :data:`~compare.model.ClaimStatus`."""


def paused(render: Callable[_P, _R]) -> Callable[_P, _R]:
    """``render`` run with Python's cyclic garbage collector paused
    (:func:`compare.scale.collector_paused`, which also turns it back on).

    A view of a large result makes objects by the hundred thousand (rows, cells, dicts) and no
    reference cycles; each collection they trigger walks them and every object the result and
    the caches hold, to find nothing (~10 % of the HTML view of 21,400 sentences).
    """

    @functools.wraps(render)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        from compare.scale import collector_paused  # loaded already by the run that made it

        with collector_paused():
            return render(*args, **kwargs)

    return run


def numbers(idx: Sequence[int]) -> str:
    """Sentence numbers for people: 1-based, joined with +."""
    if len(idx) == 1:  # most links and every unlinked sentence
        return str(idx[0] + 1)
    return "+".join([str(i + 1) for i in idx])


def flat(text: str) -> str:
    """Text on one line: whitespace runs collapsed to one space, none at either end."""
    return " ".join(text.split())


def clean(text: str) -> str:
    """Source text for one terminal line: :func:`flat`, control characters made visible."""
    return visible(flat(text))


def clean_all(texts: Iterable[str]) -> list[str]:
    """:func:`clean` of each text (see :func:`flat_each`: :func:`visible` keeps newlines)."""
    return flat_each(visible, texts)


def flat_each(transform: Callable[[str], str], texts: Iterable[str]) -> list[str]:
    """``transform`` of each text's :func:`flat` form, in one call over all of them joined by
    newlines (a flat text holds none): for a ``transform`` that keeps newlines and adds none."""
    flats = [" ".join(text.split()) for text in texts]
    return transform("\n".join(flats)).split("\n") if flats else []


def shorten(text: str, limit: int) -> str:
    """One-line text cut to ``limit`` characters, the last of them an ellipsis."""
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def type_order(kinds: Iterable[FindingType]) -> list[FindingType]:
    """Finding types present, in the contract's order, then any newer ones by name."""
    present = set(kinds)
    return [t for t in FINDING_TYPES if t in present] + sorted(present - set(FINDING_TYPES))


def spread(c: Collation) -> Counter[int]:
    """How many claims each number of sources carries."""
    return Counter(claim.sources for claim in c.claims)


def spread_parts(c: Collation) -> list[str]:
    """How many sources carry the claims, as text: ``3 in all 3``, ``1 in one source only``."""
    n = len(c.documents)
    by = spread(c)
    parts = [f"{by[k]} in {'all ' if k == n else ''}{k}" for k in range(n, 1, -1) if by[k]]
    parts.append(f"{by[1]} in one source only")
    return parts


def claims_by_id(c: Collation) -> dict[str, Claim]:
    """The collation's claims by id, for views that walk the ranking or the omissions."""
    return {claim.id: claim for claim in c.claims}


def report_id(prefix: str, documents: Iterable[Document]) -> str:
    """A stable element id for one report, so several reports can share a notebook page."""
    import hashlib  # ~6 ms to import (OpenSSL): only the HTML views need it

    h = hashlib.sha1(usedforsecurity=False)
    for doc in documents:
        h.update(f"{doc.id}\0{doc.label}\0{len(doc.text)}\0".encode("utf-8", "surrogatepass"))
        h.update(doc.text.encode("utf-8", "surrogatepass"))
    return f"{prefix}-{h.hexdigest()[:10]}"


def shared_texts(ref: Document, other: Document, link: Link) -> tuple[str, str] | None:
    """The words of the claim units a partial link's two sides share (``Link.shared``), each on
    one line, or None when the link names none."""
    if link.shared is None:
        return None
    (a, b), (c, d) = link.shared
    return flat(ref.text[a:b]), flat(other.text[c:d])


KEY_SHOWN = 8
"""Key findings a summary lists before ``… and N more``."""
ONE_SIDED_SHOWN = 3
"""Sentences or claims a summary quotes for each side before ``… and N more``."""
SUMMARY_TEXT = 100
"""Characters of source text a summary item quotes."""
CLAIM_TEXT = 60
"""Characters of a claim's wording a collation summary quotes (several share one line)."""
KEY_LABELS: dict[str, str] = {
    "number": "number",
    "attribution": "speaker",
    "quote": "quote",
    "entity": "name",
    "polarity": "negation",
    "hedge": "hedge",
}
"""How a summary names each key finding type (:data:`compare.model.KEY_TYPES`)."""


@attrs.frozen
class Point:
    """One point of a summary in plain text (each view escapes and styles it)."""

    __repr__ = record_repr

    head: str
    """The point in one sentence."""
    items: tuple[str, ...] = ()
    """What it lists, one line each (source text is flattened, not escaped)."""


def _more(items: list[str], total: int, shown: int) -> tuple[str, ...]:
    """The first ``shown`` items and a last one saying how many more there are."""
    return (*items[:shown], *([f"… and {total - shown} more"] if total > shown else []))


def where(ref_label: str, other_label: str, f: Finding) -> str:
    """Where a finding is, numbered for people: ``CGTN 6 ↔ Relay 7`` (either side alone when the
    other has no sentence; empty when neither has)."""
    if f.ref and f.other:
        return f"{ref_label} {numbers(f.ref)} ↔ {other_label} {numbers(f.other)}"
    if f.ref:
        return f"{ref_label} {numbers(f.ref)}"
    return f"{other_label} {numbers(f.other)}" if f.other else ""


def counted(n: int, noun: str) -> str:
    """``1 claim``, ``2 claims``: a count and its noun, plural unless one."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _sentences(n: int) -> str:
    """``1 sentence``, ``2 sentences``."""
    return counted(n, "sentence")


def _kept(c: Comparison | Collation, kind: str) -> bool:
    """Whether the comparison's filter (if any) keeps findings of type ``kind``."""
    return c.selection is None or c.selection.keeps(kind)


def _counts(findings: dict[str, int]) -> str:
    """Findings by type as text: ``number 1, quote 2``, or ``none``."""
    return ", ".join(f"{t} {n}" for t, n in findings.items()) or "none"


def _one_sided(doc: Document, idx: Sequence[int]) -> tuple[str, ...]:
    """The first sentences of a list, numbered for people and cut short."""
    shown = idx[:ONE_SIDED_SHOWN]  # only these are read: a long list is counted, not quoted
    items = [f"{i + 1}. {shorten(flat(doc.sentences[i].text), SUMMARY_TEXT)}" for i in shown]
    return _more(items, len(idx), ONE_SIDED_SHOWN)


def _unchecked(n: int, what: str) -> str:
    """`` (2 links across two scripts not checked for these)``, or nothing when there are none."""
    if not n:
        return ""
    return f" ({n} {what[:-1] if n == 1 else what} across two scripts not checked for these)"


def comparison_points(c: Comparison) -> list[Point]:
    """The summary of a comparison in plain sentences: key findings, then one-sided sentences,
    then counts (formatting :attr:`Comparison.summary`, computing nothing)."""
    s = c.summary
    ref, other = flat(c.reference.label), flat(c.other.label)
    kinds = ", ".join(dict.fromkeys(KEY_LABELS[f.type] for f in s.key))
    points = [
        Point(
            f"What changes in the linked sentences ({kinds}): {len(s.key)}"
            + _unchecked(s.across_scripts, "links")
            if s.key
            else "No changed numbers, speakers, quotes, names, negation or hedges "
            "in the linked sentences" + _unchecked(s.across_scripts, "links") + ".",
            _more(
                [f"{KEY_LABELS[f.type]}: {where(ref, other, f)}: {flat(f.detail)}" for f in s.key],
                len(s.key),
                KEY_SHOWN,
            ),
        )
    ]
    if _kept(c, "omitted"):
        points.append(
            Point(
                f"Only in {ref} (left out by {other}): {_sentences(len(s.only_ref))}",
                _one_sided(c.reference, s.only_ref),
            )
        )
    if _kept(c, "added"):
        points.append(
            Point(
                f"Only in {other} (not in {ref}): {_sentences(len(s.only_other))}",
                _one_sided(c.other, s.only_other),
            )
        )
    relations = ", ".join(f"{n} {r}" for r, n in s.relations.items())
    points.append(
        Point(
            f"{len(c.links)} linked pair{'' if len(c.links) == 1 else 's'} ({relations}) of "
            f"{len(c.reference.sentences)} and {_sentences(len(c.other.sentences))}; "
            f"{sum(s.findings.values())} findings: {_counts(dict(s.findings))}."
        )
    )
    return points + _debris_point((c.reference, c.other)) + _filter_point(c)


def shown_flags(c: Comparison | Collation, link: Link) -> tuple[str, ...]:
    """A link's flags that the result's filter keeps (all of them without a filter)."""
    return tuple(f for f in link.flags if c.selection is None or c.selection.keeps(f))


def _debris_point(docs: Sequence[Document]) -> list[Point]:
    """A point listing what each document set aside as page debris (nothing when none did)."""
    rows = [
        f"{flat(d.label)}: "
        + "; ".join(f"“{shorten(flat(x.text), SUMMARY_TEXT)}” ({x.kind})" for x in d.debris)
        for d in docs
        if d.debris
    ]
    if not rows:
        return []
    n = sum(len(d.debris) for d in docs)
    return [Point(f"Set aside as page debris, not compared: {n}", tuple(rows))]


def _filter_point(c: Comparison | Collation) -> list[Point]:
    """The summary's last point when a filter is applied: which one."""
    return [] if c.selection is None else [Point(f"Filtered: {selection_text(c)}.")]


def selection_text(c: Comparison | Collation) -> str:
    """The filter of a comparison or collation in words (empty without one)."""
    if c.selection is None:
        return ""
    parts = []
    if c.selection.only:
        parts.append("only " + ", ".join(c.selection.only))
    if c.selection.exclude:
        parts.append("excluding " + ", ".join(c.selection.exclude))
    return "; ".join(parts) or "all finding types"


def collation_points(c: Collation) -> list[Point]:
    """The summary of a collation in plain sentences: key findings on the wordings, then per
    source what it alone reports and what it leaves out, then counts."""
    s = c.summary
    labels = {d.id: flat(d.label) for d in c.documents}
    claims = claims_by_id(c)
    kinds = ", ".join(dict.fromkeys(KEY_LABELS[k.finding.type] for k in s.key))
    key = [
        f"{KEY_LABELS[k.finding.type]}: {k.claim}, {labels[k.source]} "
        f"{numbers(claims[k.claim].members[k.source])}: {flat(k.finding.detail)}"
        for k in s.key
    ]
    points = [
        Point(
            f"What changes in the shared claims' wordings ({kinds}): {len(s.key)}"
            + _unchecked(s.across_scripts, "wordings")
            if s.key
            else "No changed numbers, speakers, quotes, names, negation or hedges "
            "in the shared claims' wordings" + _unchecked(s.across_scripts, "wordings") + ".",
            _more(key, len(key), KEY_SHOWN),
        )
    ]
    rows = []
    for src in s.sources:
        line = f"{labels[src.id]}: alone reports {len(src.unique)}"
        if src.unique:
            first = claims[src.unique[0]]
            line += f" (e.g. {first.id}: “{shorten(flat(first.text), CLAIM_TEXT)}”)"
        if not src.missing:
            line += "; leaves out nothing most others carry"
        else:
            line += f"; leaves out {len(src.missing)} that most others carry"
            shown = ", ".join(
                f"{cid}: “{shorten(flat(claims[cid].text), CLAIM_TEXT)}”"
                for cid in src.missing[:ONE_SIDED_SHOWN]
            )
            extra = len(src.missing) - ONE_SIDED_SHOWN
            line += f" ({shown}{f', … and {extra} more' if extra > 0 else ''})"
        rows.append(line)
    points.append(Point("Per source, what it alone reports and what it leaves out:", tuple(rows)))
    n = len(c.documents)
    points.append(
        Point(
            f"{counted(s.claims, 'claim')}: {s.shared_by_all} carried by all {n} sources, "
            f"{len(c.ranking)} by two or more; findings on the wordings: "
            f"{_counts(dict(s.findings))}."
        )
    )
    return points + _debris_point(c.documents) + _filter_point(c)
