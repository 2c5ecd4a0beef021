"""The data every stage passes on: documents, sentences, links, findings and comparisons.

All classes are frozen attrs classes with slots; collections are tuples. Nothing downstream mutates
what upstream produced. Sentences are offsets into their document's original text.

The model imports no stage. Its conveniences (``Document.from_text``, ``Link.opcodes`` and the
``to_*`` methods) import the stage that does the work when they are called; tests/test_layering.py
lists them, with the layer order of every module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, get_args

import attrs

if TYPE_CHECKING:
    from compare.options import Options

__all__ = [
    "CLAIM_STATUSES",
    "FINDING_TYPES",
    "RELATIONS",
    "Candidate",
    "Claim",
    "ClaimStatus",
    "Collation",
    "Comparison",
    "Coverage",
    "Debris",
    "DiffOp",
    "Document",
    "Finding",
    "FindingType",
    "Link",
    "Relation",
    "Sentence",
]

Relation = Literal["same", "reworded", "partial"]
"""How a link's sides relate: equal but for case, spacing and punctuation; reworded; partial."""
RELATIONS: tuple[Relation, ...] = get_args(Relation)
"""The values of :data:`Relation`, in that order."""

ClaimStatus = Literal["carried", "partial", "absent"]
CLAIM_STATUSES: tuple[ClaimStatus, ...] = get_args(ClaimStatus)
"""What a source does with a claim (:meth:`Claim.status`)."""

FindingType = Literal[
    "omitted",
    "added",
    "reworded",
    "added_detail",
    "dropped_detail",
    "number",
    "entity",
    "quote",
    "attribution",
    "hedge",
    "polarity",
    "intensity",
]
"""Finding types of the JSON contract (DESIGN §3); new ones may be appended, none change meaning."""
FINDING_TYPES: tuple[FindingType, ...] = get_args(FindingType)
"""The values of :data:`FindingType`, in that order (the order reports list them in)."""


@attrs.frozen
class Sentence:
    """One sentence of a document: its position and the exact text ``doc.text[start:end]``."""

    index: int
    """Position of the sentence in its document, from 0."""
    start: int
    """Offset of the first character in the document's text."""
    end: int
    """Offset one past the last character in the document's text."""
    text: str
    """The sentence exactly as it stands in the document."""


@attrs.frozen
class Debris:
    """A span of a document set aside as page debris: no claim, in no sentence, never dropped.

    ``kind`` is ``updated`` (a time stamp), ``byline``, ``credit`` (a photo credit), ``page``
    (page furniture such as "Search Trends" or "Share this"), ``menu`` (a run of short lines:
    navigation, tags) or ``dateline`` (the place that opens a wire story); compare.debris
    documents the rules.
    """

    start: int
    """Offset of the first character in the document's text."""
    end: int
    """Offset one past the last character in the document's text."""
    kind: str
    """What the span is: ``updated``, ``byline``, ``credit``, ``page``, ``menu``, ``dateline``."""
    text: str
    """The span exactly as it stands in the document."""


def _freeze_meta(meta: Mapping[str, str]) -> Mapping[str, str]:
    """Copy a metadata mapping into a sorted dict so documents never share mutable state."""
    return {str(k): str(v) for k, v in sorted(meta.items())}


@attrs.frozen
class Document:
    """One account of the event: original text, metadata from its header, and its sentences."""

    id: str
    """Short identifier, derived from the file name; unique within one comparison."""
    label: str
    """Name shown to people (e.g. an outlet's name)."""
    text: str
    """The decoded text with newlines normalised to ``\\n``; all offsets point into it."""
    sentences: tuple[Sentence, ...]
    """The sentences, in reading order."""
    meta: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze_meta, hash=False)
    """Values parsed from a header (``date`` stamp, front matter)."""
    header: tuple[int, int] | None = None
    """Span of ``text`` holding the parsed header, or None; its characters are in no sentence."""
    source: str | None = None
    """Where the text came from: a file path, ``<stdin>`` or None for a string."""
    debris: tuple[Debris, ...] = ()
    """Page debris set aside (time stamps, bylines, credits, share bars, datelines), in text
    order; their characters are in no sentence (:class:`Debris`)."""

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        label: str | None = None,
        id: str | None = None,
        source: str | None = None,
    ) -> Document:
        """Build a document from a string: parse its header, then split it into sentences.

        Raises :class:`~compare.errors.InputError` when ``text`` is not a ``str``, is empty or
        whitespace only, or holds a NUL character or a lone surrogate (U+D800-U+DFFF), and when
        ``label``, ``id`` or ``source`` is neither a ``str`` nor None. Surrogates are refused,
        not replaced: the text is never changed, so sentence offsets point into it as given.
        """
        from compare.loading import document_from_text

        return document_from_text(text, label=label, id=id, source=source)


@attrs.frozen
class DiffOp:
    """One run of a word diff: text kept, deleted from the reference or inserted by the other."""

    op: Literal["equal", "delete", "insert"]
    """What happened to the text."""
    text: str
    """The words concerned, with the whitespace that follows them."""
    ref_span: tuple[int, int] | None = attrs.field(default=None, eq=False)
    """``(start, end)`` of these words in the reference side's text (the link's reference
    sentences joined with single spaces), empty for an insertion; None when not known (an op
    made by hand). The equal and deleted ops' spans tile that text in order."""
    other_span: tuple[int, int] | None = attrs.field(default=None, eq=False)
    """``(start, end)`` of the other side's own words for this op in its text (the link's other
    sentences joined with single spaces), empty for a deletion; None when not known. The equal
    and inserted ops' spans tile that text in order, so an equal op's other words (their quote
    marks, their spacing) are read from it. Neither span takes part in equality."""


@attrs.frozen
class Link:
    """Sentences of the reference and of the other document that report the same thing."""

    ref: tuple[int, ...]
    """Indices of the reference sentences (one, or two adjacent ones)."""
    other: tuple[int, ...]
    """Indices of the other document's sentences (one, or two adjacent ones)."""
    score: float
    """Similarity in [0, 1]."""
    relation: Relation
    """``same`` (equal but for case, spacing, punctuation), ``reworded`` or ``partial``."""
    diff: tuple[DiffOp, ...] = ()
    """Word-level diff from the reference text to the other text."""
    flags: tuple[str, ...] = ()
    """Types of the findings on this link, sorted."""
    shared: tuple[tuple[int, int], tuple[int, int]] | None = None
    """For a ``partial`` link whose sides hold several claim units: the pair of units that match
    best (what both say), as character spans of the reference text and of the other text; the
    rest of each side is what it adds. None otherwise."""

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """Return the diff as difflib-style opcodes over word indices of both sides."""
        from compare.diff import opcodes

        return opcodes(self.diff)


@attrs.frozen
class Finding:
    """A difference worth a reader's attention, located by sentence indices on both sides."""

    type: FindingType
    """One of :data:`FINDING_TYPES`."""
    ref: tuple[int, ...]
    """Reference sentences concerned (empty for ``added``)."""
    other: tuple[int, ...]
    """Other sentences concerned (empty for ``omitted``)."""
    detail: str
    """A short explanation a person can read."""
    ref_spans: tuple[tuple[int, int], ...] = ()
    """Character spans in the reference text of the words concerned."""
    other_spans: tuple[tuple[int, int], ...] = ()
    """Character spans in the other text of the words concerned."""


@attrs.frozen
class Candidate:
    """The closest sentence to one left without a link: a plausible counterpart, not a link.

    It is the best-scoring sentence of the other document (ties to the lower index) when that
    score is at least ``Options.near_miss``; below the link threshold as a rule, at or above it
    only when that sentence is linked to another one it fits better.
    """

    index: int
    """Index of the candidate sentence in the other document (0-based)."""
    score: float
    """Its similarity, rounded to four places as link scores are."""

    def describe(self, label: str) -> str:
        """The candidate for people, 1-based: ``closest: CGTN 14, 0.41``."""
        return f"closest: {label} {self.index + 1}, {self.score:.2f}"


def _freeze_candidates(closest: Mapping[int, Candidate]) -> Mapping[int, Candidate]:
    """Copy candidates by sentence index into a fresh dict, in index order."""
    return {int(k): v for k, v in sorted(closest.items())}


def _freeze_claim_candidates(closest: Mapping[str, Candidate]) -> Mapping[str, Candidate]:
    """Copy candidates by document id into a fresh dict, keeping its order."""
    return {str(k): v for k, v in closest.items()}


@attrs.frozen
class Comparison:
    """What ``other`` does with ``reference``'s account: links, omissions, additions, findings."""

    reference: Document
    """The account compared against."""
    other: Document
    """The account compared."""
    links: tuple[Link, ...]
    """Linked sentences, sorted by their first reference sentence."""
    omitted: tuple[int, ...]
    """Reference sentences without counterpart."""
    added: tuple[int, ...]
    """Other sentences without counterpart."""
    findings: tuple[Finding, ...]
    """All findings, in reference reading order, then other reading order."""
    options: Options
    """The options the comparison ran with."""
    closest_omitted: Mapping[int, Candidate] = attrs.field(
        factory=dict, converter=_freeze_candidates, hash=False, kw_only=True
    )
    """Omitted reference sentence to its closest other sentence, for those that have one
    (:class:`Candidate`); in index order."""
    closest_added: Mapping[int, Candidate] = attrs.field(
        factory=dict, converter=_freeze_candidates, hash=False, kw_only=True
    )
    """Added other sentence to its closest reference sentence, for those that have one."""

    def to_dict(self) -> dict[str, object]:
        """Return the ``compare.comparison/1`` JSON structure (DESIGN §3)."""
        from compare.report.json import comparison_to_dict

        return comparison_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the ``compare.comparison/1`` JSON text, deterministic byte for byte."""
        from compare.report.json import dumps

        return dumps(self.to_dict(), indent=indent)

    def to_text(self, *, width: int = 100, color: bool = False) -> str:
        """Return the terminal view: plain text by default, ANSI colours with ``color``."""
        from compare.report.text import render_comparison

        return render_comparison(self, width=width, color=color)

    def to_markdown(self) -> str:
        """Return the GitHub-flavoured Markdown report."""
        from compare.report.markdown import render_markdown

        return render_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the self-contained HTML report (``fragment`` drops ``<html>`` and ``<head>``)."""
        from compare.report.html import render_html

        return render_html(self, fragment=fragment)

    def _repr_html_(self) -> str:
        """Show the HTML report in Jupyter (fragment form)."""
        return self.to_html(fragment=True)


def _freeze_members(members: Mapping[str, tuple[int, ...]]) -> Mapping[str, tuple[int, ...]]:
    """Copy a claim's members into a fresh dict of tuples, keeping their order."""
    return {str(k): tuple(v) for k, v in members.items()}


def _freeze_links(links: Mapping[str, Link]) -> Mapping[str, Link]:
    """Copy a mapping of links into a fresh dict, keeping its order."""
    return dict(links)


def _freeze_findings(
    findings: Mapping[str, tuple[Finding, ...]],
) -> Mapping[str, tuple[Finding, ...]]:
    """Copy a mapping of findings into a fresh dict of tuples, keeping its order."""
    return {str(k): tuple(v) for k, v in findings.items()}


@attrs.frozen
class Claim:
    """One statement as the sources report it: the sentences of each source that carry it.

    Every sentence of every document of a collation belongs to exactly one claim; a claim with one
    source is unique to it. ``variants`` and ``findings`` say how each member's wording differs from
    the representative's; the representative itself has no entry in them.
    """

    id: str
    """``c1``, ``c2``... in the collation's canonical claim order (not the input order)."""
    members: Mapping[str, tuple[int, ...]] = attrs.field(converter=_freeze_members, hash=False)
    """Document id to the indices of its sentences carrying the claim (one, or 2-3 adjacent)."""
    representative: str
    """Id of the document whose wording stands for the claim."""
    text: str
    """The representative wording: the representative's sentences joined with single spaces."""
    variants: Mapping[str, Link] = attrs.field(factory=dict, converter=_freeze_links, hash=False)
    """For each other member, the link from the representative's sentences (``ref``) to its own
    (``other``): score, relation (``same``, ``reworded``, ``partial``), word diff and flags."""
    findings: Mapping[str, tuple[Finding, ...]] = attrs.field(
        factory=dict, converter=_freeze_findings, hash=False
    )
    """For each other member, the findings of its link (``ref``: the representative's indices)."""
    closest: Mapping[str, Candidate] = attrs.field(
        factory=dict, converter=_freeze_claim_candidates, hash=False, kw_only=True
    )
    """For each document that does not carry the claim, its sentence closest to the claim's
    sentences when that one scores at least ``Options.near_miss`` (:class:`Candidate`; the
    index is in that document): where a source seems to lack the claim but may word it
    otherwise."""

    @property
    def sources(self) -> int:
        """How many documents carry the claim."""
        return len(self.members)

    def status(self, doc_id: str) -> ClaimStatus:
        """What the document ``doc_id`` does with the claim.

        ``absent``: none of its sentences carry it; ``partial``: its wording is a ``partial``
        match of the representative's; ``carried``: it is the representative, or words the claim
        the same or reworded.
        """
        if doc_id not in self.members:
            return "absent"
        link = self.variants.get(doc_id)
        return "partial" if link is not None and link.relation == "partial" else "carried"


@attrs.frozen
class Coverage:
    """What one source carries of a collation's claims, by claim id in claim order."""

    claims: tuple[str, ...]
    """Claims the source carries."""
    unique: tuple[str, ...]
    """Claims only this source carries."""
    missing: tuple[str, ...]
    """Claims the source lacks although most other sources (more than half of them) carry them."""


@attrs.frozen
class Collation:
    """N accounts of one event as claims x sources, with the pairwise views against the first."""

    documents: tuple[Document, ...]
    """The accounts in the order given (ids made unique); the first is the pairs' reference."""
    claims: tuple[Claim, ...]
    """All claims, in canonical order: by the mean relative position of their sentences."""
    coverage: Mapping[str, Coverage] = attrs.field(hash=False)
    """Document id to what that source carries, lacks and alone reports."""
    ranking: tuple[str, ...]
    """Ids of the claims carried by two or more sources, most widely reported first."""
    pairs: tuple[Comparison, ...]
    """``compare(documents[0], d)`` for every other document, in order."""
    options: Options
    """The options the collation ran with."""

    def claim(self, claim_id: str) -> Claim:
        """Return the claim with this id (``KeyError`` if there is none)."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def to_dict(self) -> dict[str, object]:
        """Return the ``compare.collation/1`` JSON structure (DESIGN §3)."""
        from compare.report.json import collation_to_dict

        return collation_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the ``compare.collation/1`` JSON text, deterministic byte for byte."""
        from compare.report.json import dumps

        return dumps(self.to_dict(), indent=indent)

    def to_text(self, *, width: int = 100, color: bool = False) -> str:
        """Return the terminal view: claims x sources matrix, coverage, wordings.

        ``color`` is accepted for symmetry with :meth:`Comparison.to_text`; the view is plain text.
        """
        from compare.report.collation_text import render_collation

        return render_collation(self, width=width, color=color)

    def to_markdown(self) -> str:
        """Return the GitHub-flavoured Markdown report with the claims x sources matrix."""
        from compare.report.markdown import render_collation_markdown

        return render_collation_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the self-contained HTML matrix report (``fragment``: no ``<html>``/``<head>``)."""
        from compare.report.html import render_collation_html

        return render_collation_html(self, fragment=fragment)

    def _repr_html_(self) -> str:
        """Show the HTML report in Jupyter (fragment form)."""
        return self.to_html(fragment=True)
