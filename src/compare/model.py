"""The data every stage passes on: documents, sentences, links, findings and comparisons.

All classes are frozen attrs classes with slots; collections are tuples. Nothing downstream mutates
what upstream produced. Sentences are offsets into their document's original text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from compare.options import Options

__all__ = [
    "FINDING_TYPES",
    "RELATIONS",
    "Comparison",
    "DiffOp",
    "Document",
    "Finding",
    "Link",
    "Relation",
    "Sentence",
]

Relation = Literal["same", "reworded", "partial"]
RELATIONS: tuple[Relation, ...] = ("same", "reworded", "partial")

FINDING_TYPES: tuple[str, ...] = (
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
)
"""Finding types of the JSON contract (DESIGN §3); new ones may be appended, none change meaning."""


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

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        label: str | None = None,
        id: str | None = None,
        source: str | None = None,
    ) -> Document:
        """Build a document from a string: parse its header, then split it into sentences."""
        from compare.load import document_from_text

        return document_from_text(text, label=label, id=id, source=source)


@attrs.frozen
class DiffOp:
    """One run of a word diff: text kept, deleted from the reference or inserted by the other."""

    op: Literal["equal", "delete", "insert"]
    """What happened to the text."""
    text: str
    """The words concerned, with the whitespace that follows them."""


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

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """Return the diff as difflib-style opcodes over word indices of both sides."""
        from compare.diff import opcodes

        return opcodes(self.diff)


@attrs.frozen
class Finding:
    """A difference worth a reader's attention, located by sentence indices on both sides."""

    type: str
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

    def to_dict(self) -> dict[str, object]:
        """Return the ``compare.comparison/1`` JSON structure (DESIGN §3)."""
        from compare.report.json import comparison_to_dict

        return comparison_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the ``compare.comparison/1`` JSON text, deterministic byte for byte."""
        from compare.report.json import dumps

        return dumps(self.to_dict(), indent=indent)

    def to_text(self, *, width: int = 100) -> str:
        """Return the readable terminal view (no colour)."""
        from compare.report.text import render_comparison

        return render_comparison(self, width=width)

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
