"""Findings and links as flat rows: ``--format csv`` and ``to_dataframe()`` (the pandas extra).

One row per link and one per finding (a collation adds one row per claim), with the full
sentences of both sides, the type or relation, the changed words and their character spans, and
the score. :data:`COLUMNS` documents every column. Sentence numbers are 1-based, as in every view
for people (JSON's indices are 0-based). This module only arranges what the result holds.

CSV cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) are prefixed with ``'`` (OWASP's advice against CSV injection);
``to_dataframe()`` gives the values as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from compare.errors import MissingExtraError
from compare.model import Collation, Comparison, Document, Finding, Link
from compare.report._common import numbers, paused

__all__ = [
    "COLUMNS",
    "EXTRA_MESSAGE",
    "collation_rows",
    "comparison_rows",
    "to_csv",
    "to_dataframe",
]

COLUMNS: dict[str, str] = {
    "row": "what the row is: link, finding, or (collation) claim",
    "claim": "the claim's id (collation), empty for a comparison",
    "type": "a finding's type (omitted, added, number, quote...), a link's relation (same, "
    "reworded, partial), or a claim's reach (shared, unique)",
    "reference": "label of the reference side (a collation: the claim's representative source)",
    "other": "label of the other side (empty for a claim row)",
    "ref_sentences": "reference sentence numbers, 1-based, joined with + (e.g. 3+4)",
    "other_sentences": "other sentence numbers, 1-based, joined with +",
    "ref_text": "the reference sentences in full",
    "other_text": "the other sentences in full",
    "score": "similarity of the link in [0, 1] (a finding: of the link it sits on); empty if none",
    "detail": "a finding's short explanation (a link: its flags; a claim: the sources carrying it)",
    "ref_words": "the reference words a finding concerns, in full, joined with ' | '",
    "other_words": "the other words a finding concerns, in full, joined with ' | '",
    "ref_spans": "character spans of those words in the reference text, start-end;start-end",
    "other_spans": "character spans of those words in the other text",
}
"""Every column, in order, with what it holds."""

EXTRA_MESSAGE = 'to_dataframe() needs the pandas extra: pip install "compare-accounts[pandas]"'
"""The one-line message of :class:`~compare.errors.MissingExtraError` without pandas."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula."""


def _text(doc: Document, idx: Sequence[int]) -> str:
    """The sentences in full, joined with single spaces."""
    if len(idx) == 1:  # most rows: nothing to join
        return doc.sentences[idx[0]].text
    return " ".join([doc.sentences[i].text for i in idx])


def _spans(spans: Sequence[tuple[int, int]]) -> str:
    """Character spans as ``start-end;start-end``."""
    if not spans:
        return ""
    return ";".join([f"{a}-{b}" for a, b in spans])


def _words(doc: Document, spans: Sequence[tuple[int, int]]) -> str:
    """The words of each span, in full, joined with `` | ``."""
    if not spans:
        return ""
    return " | ".join([" ".join(doc.text[a:b].split()) for a, b in spans])


def _link_row(ref: Document, other: Document, link: Link, claim: str = "") -> dict[str, Any]:
    """One link as a row."""
    return {
        "row": "link", "claim": claim, "type": link.relation,
        "reference": ref.label, "other": other.label,
        "ref_sentences": numbers(link.ref), "other_sentences": numbers(link.other),
        "ref_text": _text(ref, link.ref), "other_text": _text(other, link.other),
        "score": link.score, "detail": ", ".join(link.flags),
        "ref_words": "", "other_words": "", "ref_spans": "", "other_spans": "",
    }  # fmt: skip


def _finding_row(
    ref: Document, other: Document, f: Finding, score: float | None, claim: str = ""
) -> dict[str, Any]:
    """One finding as a row."""
    return {
        "row": "finding", "claim": claim, "type": f.type,
        "reference": ref.label, "other": other.label,
        "ref_sentences": numbers(f.ref), "other_sentences": numbers(f.other),
        "ref_text": _text(ref, f.ref), "other_text": _text(other, f.other),
        "score": score, "detail": f.detail,
        "ref_words": _words(ref, f.ref_spans), "other_words": _words(other, f.other_spans),
        "ref_spans": _spans(f.ref_spans), "other_spans": _spans(f.other_spans),
    }  # fmt: skip


def comparison_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    """The links in order, then the findings in order, as rows of :data:`COLUMNS`."""
    scores = {(link.ref, link.other): link.score for link in c.links}
    for link in c.links:
        yield _link_row(c.reference, c.other, link)
    for f in c.findings:
        yield _finding_row(c.reference, c.other, f, scores.get((f.ref, f.other)))


def collation_rows(c: Collation) -> Iterator[dict[str, Any]]:
    """Per claim in claim order: a claim row, then each member's link from the representative
    and that link's findings."""
    docs = {d.id: d for d in c.documents}
    n = len(c.documents)
    for claim in c.claims:
        rep = docs[claim.representative]
        carriers = ", ".join(docs[d].label for d in claim.members)
        yield {
            **{name: "" for name in COLUMNS},
            "row": "claim", "claim": claim.id,
            "type": "shared" if claim.sources > 1 else "unique",
            "reference": rep.label, "ref_sentences": numbers(claim.members[rep.id]),
            "ref_text": claim.text, "score": None,
            "detail": f"{claim.sources} of {n} sources: {carriers}",
        }  # fmt: skip
        for doc_id, link in claim.variants.items():
            yield _link_row(rep, docs[doc_id], link, claim.id)
            for f in claim.findings.get(doc_id, ()):
                yield _finding_row(rep, docs[doc_id], f, link.score, claim.id)


def _rows(result: Comparison | Collation) -> Iterator[dict[str, Any]]:
    """The rows of a comparison or of a collation."""
    return comparison_rows(result) if isinstance(result, Comparison) else collation_rows(result)


@paused
def to_csv(result: Comparison | Collation) -> str:
    """The rows as CSV text with a header row: RFC 4180 quoting, ``\\r\\n`` line ends, UTF-8
    safe, formula-looking cells prefixed with ``'``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(map(_cells, _rows(result)))
    return buffer.getvalue()


def _cells(row: dict[str, Any]) -> list[object]:
    """A row's values in :data:`COLUMNS` order as CSV cells: empty for none, text that would
    start a formula (a spreadsheet would run it) with a leading ``'``."""
    values = row.values() if tuple(row) == _NAMES else map(row.get, COLUMNS)
    return [
        ""
        if value is None
        else "'" + value
        if isinstance(value, str) and value.startswith(_FORMULA_START)
        else value
        for value in values
    ]


_NAMES = tuple(COLUMNS)


def to_dataframe(result: Comparison | Collation) -> Any:
    """The rows as a pandas DataFrame with the columns of :data:`COLUMNS` (values as they are;
    ``score`` a float column, NaN where there is none). Needs the pandas extra."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError(EXTRA_MESSAGE) from None
    frame = pd.DataFrame(list(_rows(result)), columns=list(COLUMNS))
    frame["score"] = frame["score"].astype("float64")
    return frame
