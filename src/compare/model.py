"""The data every stage passes on: documents, sentences, links, findings and comparisons.

All classes are frozen attrs classes with slots; collections are tuples. Nothing downstream mutates
what upstream produced. Sentences are offsets into their document's original text.

The model imports no stage. Its conveniences (``Document.from_text``, ``Link.opcodes`` and the
``to_*`` methods) import the stage that does the work when they are called; tests/test_layering.py
lists them, with the layer order of every module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

import attrs

from compare._records import record_repr

if TYPE_CHECKING:
    from compare.options import Options

__all__ = [
    "CLAIM_STATUSES",
    "FINDING_TYPES",
    "KEY_TYPES",
    "RELATIONS",
    "Candidate",
    "Claim",
    "ClaimStatus",
    "Collation",
    "CollationSummary",
    "Comparison",
    "Coverage",
    "Debris",
    "DiffOp",
    "Document",
    "Finding",
    "FindingType",
    "KeyFinding",
    "Link",
    "Relation",
    "Selection",
    "Sentence",
    "SourceSummary",
    "Summary",
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
KEY_TYPES: tuple[FindingType, ...] = (
    "number",
    "attribution",
    "quote",
    "entity",
    "polarity",
    "hedge",
)
"""The finding types a summary puts first, in this order: numbers, speakers, quotes, names,
negation, hedges (the changes that alter what an account asserts)."""


@attrs.frozen
class Sentence:
    """One sentence of a document: its position and the exact text ``doc.text[start:end]``."""

    __repr__ = record_repr

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

    __repr__ = record_repr

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

    __repr__ = record_repr

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

    __repr__ = record_repr

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

    __repr__ = record_repr

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

    __repr__ = record_repr

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

    __repr__ = record_repr

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


def _types(types: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """Copy finding types into a tuple (None: none)."""
    return tuple(types or ())


@attrs.frozen
class Selection:
    """Which finding types a filtered comparison or collation shows (:meth:`Comparison.filtered`).

    ``only`` empty means every type; ``exclude`` is taken away after it. The alignment (links,
    omitted, added, claims) is never filtered: only findings are, and the views hide what shows
    nothing but filtered-out findings.
    """

    __repr__ = record_repr

    only: tuple[str, ...] = attrs.field(default=(), converter=_types)
    """The finding types kept; empty for all of them."""
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_types)
    """The finding types dropped."""

    def keeps(self, kind: str) -> bool:
        """Whether findings of type ``kind`` pass the filter."""
        return (not self.only or kind in self.only) and kind not in self.exclude

    def shows_link(self, link: Link) -> bool:
        """Whether a view lists this link: always without ``only``, else when one of its findings
        (its ``flags``) is of a kept type."""
        return not self.only or any(self.keeps(flag) for flag in link.flags)


@attrs.frozen
class Summary:
    """What a reader should see first of a comparison, computed once (:mod:`compare.summary`).

    Typed findings that matter (:data:`KEY_TYPES`) first, then the sentences only one side
    carries, then counts. Built from the comparison's findings, so a filter applies to it too.
    """

    __repr__ = record_repr

    key: tuple[Finding, ...]
    """The findings of :data:`KEY_TYPES`, by that order of types, then in reading order."""
    only_ref: tuple[int, ...]
    """Reference sentences only the reference carries (its ``omitted`` findings)."""
    only_other: tuple[int, ...]
    """Other sentences only the other carries (its ``added`` findings)."""
    relations: Mapping[str, int] = attrs.field(hash=False)
    """Links by relation, every relation listed (:data:`RELATIONS` order)."""
    findings: Mapping[str, int] = attrs.field(hash=False)
    """Findings by type, the types present only, in the reports' order."""
    across_scripts: int = 0
    """Links between sentences in two scripts (a Chinese sentence and its English translation,
    linked by meaning with the semantic scorer): they get their ``reworded`` finding only, so
    :attr:`key` says nothing of their numbers, names, quotes or speakers."""


@attrs.frozen
class KeyFinding:
    """A finding of :data:`KEY_TYPES` in a collation: the claim, the source, the finding."""

    __repr__ = record_repr

    claim: str
    """Id of the claim."""
    source: str
    """Id of the document whose wording differs from the claim's representative."""
    index: int
    """Position of the finding in ``claim.findings[source]``."""
    finding: Finding
    """The finding itself (``ref``: the representative's sentences)."""


@attrs.frozen
class SourceSummary:
    """What one source of a collation alone reports and what it leaves out."""

    __repr__ = record_repr

    id: str
    """Id of the document."""
    unique: tuple[str, ...]
    """Claims only this source carries, in claim order."""
    missing: tuple[str, ...]
    """Claims this source lacks although most others carry them, in claim order."""


@attrs.frozen
class CollationSummary:
    """What a reader should see first of a collation, computed once (:mod:`compare.summary`)."""

    __repr__ = record_repr

    key: tuple[KeyFinding, ...]
    """Findings of :data:`KEY_TYPES` on the claims' wordings, by type order, then claim order."""
    sources: tuple[SourceSummary, ...]
    """Per source, in document order: what it alone reports, what it leaves out."""
    claims: int
    """How many claims."""
    shared_by_all: int
    """How many claims every source carries."""
    findings: Mapping[str, int] = attrs.field(hash=False)
    """Findings on the claims' wordings by type, the types present only, in the reports' order."""
    across_scripts: int = 0
    """Wordings compared with their claim's representative across two scripts (see
    :attr:`Summary.across_scripts`): not checked for the typed findings of :attr:`key`."""


def _comparison_summary(c: Comparison) -> Summary:
    """Compute a comparison's summary (the stage lives in :mod:`compare.summary`)."""
    from compare.summary import summarize

    return summarize(c)


def _collation_summary(c: Collation) -> CollationSummary:
    """Compute a collation's summary (the stage lives in :mod:`compare.summary`)."""
    from compare.summary import summarize_collation

    return summarize_collation(c)


class _Rows:
    """The row exports :class:`Comparison` and :class:`Collation` share (CSV, DataFrame)."""

    __slots__ = ()

    def to_csv(self) -> str:
        """Return the links and findings as CSV rows (``--format csv``; columns in
        :data:`compare.report.table.COLUMNS`), safe to open in a spreadsheet."""
        from compare.report.table import to_csv

        return to_csv(cast("Comparison | Collation", self))

    def to_dataframe(self) -> Any:
        """Return the CSV rows as a pandas DataFrame; needs the ``pandas`` extra (else
        :class:`~compare.errors.MissingExtraError`)."""
        from compare.report.table import to_dataframe

        return to_dataframe(cast("Comparison | Collation", self))


@attrs.frozen
class Comparison(_Rows):
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
    selection: Selection | None = attrs.field(default=None, kw_only=True)
    """The finding filter applied (:meth:`filtered`), or None for all findings."""
    summary: Summary = attrs.field(
        init=False, eq=False, hash=False, repr=False,
        default=attrs.Factory(_comparison_summary, takes_self=True),
    )  # fmt: skip
    """What a reader should see first: computed from the fields above on construction."""

    def filtered(
        self, *, only: Iterable[str] | str | None = None, exclude: Iterable[str] | str | None = None
    ) -> Comparison:
        """This comparison with only the findings of the types ``only`` (all when None) that are
        not in ``exclude``; types as names or one comma-separated string.

        Links, omitted and added sentences stay as aligned; views hide the sections and links
        that show nothing but filtered-out findings. An unknown type raises
        :class:`~compare.errors.OptionsError` listing the known ones.
        """
        from compare.selection import filter_comparison

        return filter_comparison(self, only=only, exclude=exclude)

    def __repr__(self) -> str:
        """A one-line summary (the full record runs to thousands of characters)."""
        return (
            f"<Comparison {self.reference.label!r} → {self.other.label!r}: "
            f"{len(self.reference.sentences)} vs {len(self.other.sentences)} sentences, "
            f"{len(self.links)} links, {len(self.omitted)} omitted, {len(self.added)} added, "
            f"{len(self.findings)} findings>"
        )

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

    __repr__ = record_repr

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

    __repr__ = record_repr

    claims: tuple[str, ...]
    """Claims the source carries."""
    unique: tuple[str, ...]
    """Claims only this source carries."""
    missing: tuple[str, ...]
    """Claims the source lacks although most other sources (more than half of them) carry them."""


@attrs.frozen
class Collation(_Rows):
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
    selection: Selection | None = attrs.field(default=None, kw_only=True)
    """The finding filter applied (:meth:`filtered`), or None for all findings."""
    summary: CollationSummary = attrs.field(
        init=False, eq=False, hash=False, repr=False,
        default=attrs.Factory(_collation_summary, takes_self=True),
    )  # fmt: skip
    """What a reader should see first: computed from the fields above on construction."""

    def filtered(
        self, *, only: Iterable[str] | str | None = None, exclude: Iterable[str] | str | None = None
    ) -> Collation:
        """This collation with its claims' findings and its pairs filtered as
        :meth:`Comparison.filtered` does; the claims themselves stay."""
        from compare.selection import filter_collation

        return filter_collation(self, only=only, exclude=exclude)

    def claim(self, claim_id: str) -> Claim:
        """Return the claim with this id (``KeyError`` if there is none)."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def __repr__(self) -> str:
        """A one-line summary (the full record runs to tens of thousands of characters)."""
        labels = ", ".join(repr(d.label) for d in self.documents)
        shared = len(self.ranking)
        return (
            f"<Collation of {len(self.documents)} accounts ({labels}): {len(self.claims)} claims, "
            f"{shared} carried by two or more sources>"
        )

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
