"""The terminal view of a collation: sources and coverage, the claims x sources matrix, wordings.

Plain text, readable without colour: ``✓`` a source carries the claim, ``◐`` it carries part of it
(its wording is ``partial`` against the representative's), ``✗`` it does not. Changed words in the
wordings use wdiff's markers, ``[-deleted-]`` and ``{+inserted+}``, as the pairwise view does.
Source text is shown on one line per item with control characters made visible (``�``), so an
escape sequence in a document cannot drive the terminal. This module only formats.
"""

from __future__ import annotations

import textwrap
from collections import Counter

from compare.model import Collation, Document, Link
from compare.report._common import (
    MARKS,
    claims_by_id,
    clean,
    collation_points,
    counted,
    numbers,
    paused,
    provenance,
    shorten,
    shown_flags,
    spread_parts,
)
from compare.report.controls import visible

__all__ = ["render_collation"]


def _short(text: str, limit: int) -> str:
    """Cleaned source text cut to ``limit`` characters with an ellipsis."""
    return shorten(clean(text), limit)


def _wrap(text: str, width: int, indent: str, first: str | None = None) -> list[str]:
    """Wrap cleaned text to ``width`` columns with a hanging indent (``first`` starts line one)."""
    return textwrap.wrap(
        clean(text), width=width, initial_indent=indent if first is None else first,
        subsequent_indent=indent, break_long_words=False, break_on_hyphens=False,
    ) or [indent.rstrip()]  # fmt: skip


def _marked(link: Link) -> str:
    """A link's diff inline with wdiff markers."""
    parts = []
    for d in link.diff:
        text = d.text.strip()
        tail = d.text[len(d.text.rstrip()) :]
        if d.op == "equal":
            parts.append(d.text)
        elif text:
            parts.append(f"[-{text}-]{tail}" if d.op == "delete" else f"{{+{text}+}}{tail}")
        else:
            parts.append(d.text)
    return "".join(parts)


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    """Align rows of cells into columns (two spaces apart); ``right`` columns are right-aligned."""
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            c.rjust(w) if k in right else c.ljust(w)
            for k, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.append(("  " + "  ".join(cells)).rstrip())
    return out


def _sources(c: Collation, width: int) -> list[str]:
    """The numbered sources with their sentence and claim counts."""
    label_room = max(8, width - 60)
    rows = [["#", "Source", "Sentences", "Claims", "Unique", "Missing", "Date"]]
    for k, d in enumerate(c.documents):
        cov = c.coverage[d.id]
        rows.append([
            str(k + 1), _short(d.label, label_room), str(len(d.sentences)), str(len(cov.claims)),
            str(len(cov.unique)), str(len(cov.missing)), d.meta.get("date", "—"),
        ])  # fmt: skip
    lines = _table(rows, right={0, 2, 3, 4, 5})
    for _key, heading, values in provenance(c.documents):
        lines.append("")
        lines += _table(
            [["#", heading], *([str(k + 1), v or "—"] for k, v in enumerate(values))], right={0}
        )
    return lines


def _counts(c: Collation) -> str:
    """One line: how many claims, and how many sources carry them."""
    parts = ", ".join(spread_parts(c))
    return f"Collation of {len(c.documents)} accounts: {counted(len(c.claims), 'claim')} ({parts})"


def _matrix(c: Collation, width: int) -> list[str]:
    """One row per claim: id, a mark per source, the representative wording cut to fit."""
    ids = [d.id for d in c.documents]
    id_w = max(len(claim.id) for claim in c.claims) if c.claims else 2
    heads = [str(k + 1).rjust(len(str(len(ids)))) for k in range(len(ids))]
    # Source numbers read top to bottom when there are ten or more (one digit per column).
    lines = [
        "  " + " " * id_w + "  " + " ".join(n[row] for n in heads) for row in range(len(heads[0]))
    ]
    cols = lines[-1].strip()
    room = max(10, width - (2 + id_w + 2 + len(cols) + 2))
    for claim in c.claims:
        marks = " ".join(MARKS[claim.status(d)] for d in ids)
        lines.append(f"  {claim.id.ljust(id_w)}  {marks}  {_short(claim.text, room)}")
    lines += _wrap(
        f"{MARKS['carried']} carries the claim · {MARKS['partial']} carries part of it "
        f"(partial) · {MARKS['absent']} does not carry it · columns: the sources above",
        width, "  ",
    )  # fmt: skip
    return lines


def _label(docs: dict[str, Document], doc_id: str) -> str:
    """A document's label, cleaned for one line."""
    return clean(docs[doc_id].label)


def _wordings(c: Collation, width: int) -> list[str]:
    """Each shared claim, most widely reported first: the representative, then the others' words."""
    docs = {d.id: d for d in c.documents}
    claims = claims_by_id(c)
    lines: list[str] = []
    for claim_id in c.ranking:
        claim = claims[claim_id]
        rep = claim.representative
        lines += [
            "",
            f"{claim.id} · {claim.sources} of {len(c.documents)} sources · representative: "
            f"{_label(docs, rep)} {numbers(claim.members[rep])}",
        ]
        lines += _wrap(claim.text, width, "    ")
        for doc_id, link in claim.variants.items():
            kept = shown_flags(c, link)
            flags = f" [{', '.join(kept)}]" if kept else ""
            lines.append(
                f"  {_label(docs, doc_id)} {numbers(link.other)}: {link.relation}, "
                f"score {link.score:.2f}{flags}"
            )
            lines += _wrap(_marked(link), width, "    ")
            for f in claim.findings.get(doc_id, ()):
                if f.type in ("added_detail", "dropped_detail"):
                    lines += _wrap(f"{f.type}: {f.detail}", width, "      ", first="    · ")
    return lines


def _omissions(c: Collation, width: int) -> list[str]:
    """For each source, the claims most other sources carry and it lacks."""
    claims = claims_by_id(c)
    lines: list[str] = []
    for d in c.documents:
        missing = c.coverage[d.id].missing
        if not missing:
            continue
        lines += ["", f"{clean(d.label)} lacks {len(missing)}:"]
        for claim_id in missing:
            claim = claims[claim_id]
            head = f"  {claim.id} ({claim.sources} sources) "
            lines.append(head + _short(claim.text, max(10, width - len(head))))
            cand = claim.closest.get(d.id)
            if cand is not None:
                near = f"    ↳ {cand.describe(clean(d.label))}: "
                lines.append(
                    near + _short(d.sentences[cand.index].text, max(10, width - len(near)))
                )
    return lines


def _pairs(c: Collation) -> list[str]:
    """One line per pairwise comparison against the first document: links, additions, omissions."""
    rows = [["Other", "Linked", "Same", "Reworded", "Partial", "Added", "Omitted"]]
    for pair in c.pairs:
        rel = Counter(link.relation for link in pair.links)
        rows.append([
            _short(pair.other.label, 40), str(len(pair.links)), str(rel["same"]),
            str(rel["reworded"]), str(rel["partial"]), str(len(pair.added)), str(len(pair.omitted)),
        ])  # fmt: skip
    return _table(rows, right={1, 2, 3, 4, 5, 6})


def _summary(c: Collation, width: int) -> list[str]:
    """The summary first: each point wrapped, its items as a list under it."""
    lines = ["== Summary =="]
    for point in collation_points(c):
        lines += ["", *_wrap(point.head, width, "")]
        for item in point.items:
            lines += _wrap(item, width, "    ", first="  - ")
    return lines


@paused
def render_collation(c: Collation, *, width: int = 100, color: bool = False) -> str:
    """Render the collation as plain text (``color`` is accepted and ignored: no styles yet)."""
    del color  # plain text for every terminal; the pairwise view owns the styled output
    lines = [*_wrap(_counts(c), width, ""), "", *_summary(c, width), ""]
    lines += [*_sources(c, width), ""]
    lines += ["== Claims × sources ==", "", *_matrix(c, width), ""]
    lines += [f"== Shared claims, most widely reported first: {len(c.ranking)} =="]
    lines += _wordings(c, width)
    lines += ["", "== Omissions: claims most other sources carry =="]
    lines += _omissions(c, width) or ["", "None."]
    lines += ["", f"== Pairwise against {clean(c.documents[0].label)} ==", "", *_pairs(c)]
    return visible("\n".join(lines) + "\n")  # what no piece cleaned (a date, an id) included
