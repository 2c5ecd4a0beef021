"""A GitHub-flavoured Markdown report: summary tables, linked pairs, added and omitted, findings.

Changed words are marked ``~~deleted~~`` and ``**inserted**``. Every piece of source text is
escaped, so a ``|`` cannot break a table and a ``*`` or ``<`` cannot become markup, and control
characters are made visible (:func:`compare.report.controls.visible`), so none reaches a terminal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from compare.model import (
    RELATIONS,
    Candidate,
    Collation,
    Comparison,
    Document,
    Finding,
    FindingType,
    Link,
)
from compare.report._common import (
    MARKS,
    Point,
    claims_by_id,
    collation_points,
    comparison_points,
    counted,
    flat,
    flat_each,
    numbers,
    paused,
    provenance,
    shared_texts,
    shorten,
    shown_flags,
    spread_parts,
    type_order,
    where,
)
from compare.report.controls import visible

__all__ = ["escape", "render_collation_markdown", "render_markdown"]

_SPECIAL_RE = re.compile(r"([\\`*_|~<\[\]&])")
"""Characters that make markup inline: emphasis, code, tables, strike, HTML, links, entities."""
_BLOCK_START_RE = re.compile(r"^(?:[#>+=-]|\d+(?=[.)]))")
"""What would start a heading, quote, list or setext underline at the beginning of a line."""


def escape(text: str) -> str:
    """Escape source text for Markdown: collapse whitespace, backslash the markup characters.

    CommonMark lets any ASCII punctuation be backslash-escaped: ``\\|`` keeps a table cell whole,
    ``\\<`` keeps HTML out, ``\\&`` keeps entities literal.
    """
    return _escape_flat(flat(text))


def _escape_all(texts: Iterable[str]) -> list[str]:
    """:func:`escape` of each text (see :func:`flat_each`: the markup characters are no
    newline)."""
    return flat_each(_escape_flat, texts)


def _escape_flat(text: str) -> str:
    """:func:`escape` of text already flat."""
    return _SPECIAL_RE.sub(r"\\\1", text)


def _line_start(text: str) -> str:
    """Escape what would turn the start of a line into block markup (``# x``, ``- x``, ``1. x``)."""
    m = _BLOCK_START_RE.match(text)
    if not m:
        return text
    return text[: m.end()] + "\\" + text[m.end() :] if m.group().isdigit() else "\\" + text


def _punct(ch: str) -> bool:
    """Whether a character counts as punctuation for CommonMark's emphasis rules."""
    return not ch.isalnum() and not ch.isspace()


def _flanks(before: str, core: str, after: str) -> bool:
    """Whether ``**core**`` (or ``~~core~~``) between these characters renders as emphasis.

    An opening run followed by punctuation needs whitespace or punctuation before it, and a closing
    run after punctuation needs it after (CommonMark's flanking rules): ``Xi**, said**`` stays
    literal on GitHub.
    """
    open_ok = not _punct(core[0]) or not before or before.isspace() or _punct(before)
    close_ok = not _punct(core[-1]) or not after or after.isspace() or _punct(after)
    return open_ok and close_ok


def _diff(link: Link) -> str:
    """A link's diff inline: ~~deleted~~ and **inserted** words, the rest as it stands.

    Where GitHub would not read the markers as emphasis (see :func:`_flanks`), the same marks are
    written as ``<del>`` and ``<strong>``, which it renders alike.
    """
    pieces: list[tuple[str, str]] = []
    for d in link.diff:
        core = escape(d.text)
        if d.text[:1].isspace():
            pieces.append(("equal", " "))
        if core:
            pieces.append((d.op, core))
        if d.text[-1:].isspace():
            pieces.append(("equal", " "))
    out: list[str] = []
    for k, (op, core) in enumerate(pieces):
        if op == "equal":
            if core != " " or (out and not out[-1].endswith(" ")):
                out.append(core)
            continue
        before = out[-1][-1:] if out else ""
        after = pieces[k + 1][1][:1] if k + 1 < len(pieces) else ""
        if _flanks(before, core, after):
            wrap = "~~" if op == "delete" else "**"
            out.append(f"{wrap}{core}{wrap}")
        else:
            tag = "del" if op == "delete" else "strong"
            out.append(f"<{tag}>{core}</{tag}>")
    return "".join(out).strip()


def _text(markdown: str, language: str) -> str:
    """Document text marked with ``dir="auto"`` and its language (an inline ``<span>``, which
    GitHub keeps), for every language but English, whose Markdown stays as it was."""
    if language in ("en", "auto") or not markdown:
        return markdown
    return f'<span dir="auto" lang="{language}">{markdown}</span>'


def _cell(text: str) -> str:
    """A table cell: escaped, never empty."""
    return escape(text) if text.strip() else "—"


def _sources(c: Comparison) -> list[str]:
    """The table of the two sources."""
    extra = provenance((c.reference, c.other))
    heads = "".join(f" {heading} |" for _, heading, _ in extra)
    rows = [
        f"| | Source | Date |{heads} File | Sentences |",
        "| --- | --- | --- |" + " --- |" * len(extra) + " --- | ---: |",
    ]
    for k, (role, doc) in enumerate((("Reference", c.reference), ("Other", c.other))):
        cells = "".join(f" {_cell(values[k])} |" for _, _, values in extra)
        rows.append(
            f"| {role} | {_cell(doc.label)} | {_cell(doc.meta.get('date', ''))} |{cells}"
            f" {_cell(doc.source or '')} | {len(doc.sentences)} |"
        )
    return rows


def _summary(c: Comparison) -> list[str]:
    """The table of counts: links by relation, added, omitted, findings by type."""
    relations = Counter(link.relation for link in c.links)
    kinds = Counter(f.type for f in c.findings)
    label = escape(c.other.label)
    rows = ["| What | Count |", "| --- | ---: |", f"| Linked | {len(c.links)} |"]
    rows += [f"| Linked, {r} | {relations[r]} |" for r in RELATIONS]
    rows += [f"| Added by {label} | {len(c.added)} |", f"| Omitted by {label} | {len(c.omitted)} |"]
    rows += [f"| Findings, {escape(t)} | {kinds[t]} |" for t in type_order(kinds)]
    return rows


def _sentences(
    doc: Document,
    idx: Sequence[int],
    closest: Mapping[int, Candidate],
    other_label: str,
    language: str,
) -> list[str]:
    """A list of sentences with their 1-based numbers; under each with a closest candidate on
    the other side (``other_label``, escaped), a nested item naming it."""
    if not idx:
        return ["None."]
    out = []
    texts = _escape_all(doc.sentences[i].text for i in idx)
    for i, text in zip(idx, texts, strict=True):
        out.append(f"- **{i + 1}** {_text(text, language)}")
        if i in closest:
            out.append(f"  - {closest[i].describe(other_label)}")
    return out


def _points(points: list[Point]) -> list[str]:
    """The summary first: a list of points, each with its items nested under it."""
    lines = ["## Summary", ""]
    for point in points:
        lines.append(f"- {escape(point.head)}")
        lines += [f"  - {escape(item)}" for item in point.items]
    return [*lines, ""]


@paused
def render_markdown(c: Comparison) -> str:
    """Render the comparison as GitHub-flavoured Markdown."""
    ref, other = escape(c.reference.label), escape(c.other.label)
    lang = c.options.language
    lines = [f"# {ref} vs {other}", "", *_points(comparison_points(c))]
    lines += [*_sources(c), "", *_summary(c), ""]
    chosen = c.selection
    links = [link for link in c.links if chosen is None or chosen.shows_link(link)]
    shown = f": {len(links)} of {len(c.links)}" if len(links) < len(c.links) else ""
    lines += [f"## Linked sentences ({ref} → {other}){shown}", ""]
    if not links:
        lines += ["None.", ""]
    for link in links:
        kept = shown_flags(c, link)
        flags = f" · flags: {', '.join(escape(f) for f in kept)}" if kept else ""
        lines += [
            f"**{ref} {numbers(link.ref)} ↔ {other} {numbers(link.other)}** · {link.relation}"
            f" · score {link.score:.2f}{flags}",
            "",
            f"> {_text(_line_start(_diff(link)), lang)}",
            "",
        ]
        both = shared_texts(c.reference, c.other, link)
        if both:
            shared = (_text(escape(t), lang) for t in both)
            lines += ["*shared:* “{}” ↔ “{}”".format(*shared), ""]
    if chosen is None or chosen.keeps("added"):
        lines += [f"## Added by {other} (not in {ref}): {len(c.added)}", ""]
        lines += [*_sentences(c.other, c.added, c.closest_added, ref, lang), ""]
    if chosen is None or chosen.keeps("omitted"):
        lines += [f"## Omitted by {other} (only in {ref}): {len(c.omitted)}", ""]
        lines += [*_sentences(c.reference, c.omitted, c.closest_omitted, other, lang), ""]
    lines += [f"## Findings: {len(c.findings)}", ""]
    if not c.findings:
        lines += ["None.", ""]
    by_type: dict[FindingType, list[Finding]] = {}
    for f in c.findings:
        by_type.setdefault(f.type, []).append(f)
    for kind in type_order(by_type):
        lines += [f"### {escape(kind)} ({len(by_type[kind])})", ""]
        found = by_type[kind]
        details = _escape_all(f.detail for f in found)
        lines += [
            f"- {where(ref, other, f)}: {detail}" for f, detail in zip(found, details, strict=True)
        ]
        lines.append("")
    return visible("\n".join(lines).rstrip("\n") + "\n")


def _short(text: str, limit: int = 120) -> str:
    """Source text cut to ``limit`` characters with an ellipsis, then escaped."""
    return escape(shorten(flat(text), limit))


def _claim_counts(c: Collation) -> str:
    """One sentence: how many claims, and how many sources carry them."""
    return f"{counted(len(c.claims), 'claim')}: {', '.join(spread_parts(c))}."


@paused
def render_collation_markdown(c: Collation) -> str:
    """Render a collation as GitHub-flavoured Markdown: sources, matrix, wordings, omissions."""
    docs = {d.id: d for d in c.documents}
    labels = {d.id: escape(d.label) for d in c.documents}
    lines = [f"# Collation: {', '.join(labels.values())}", "", _claim_counts(c), ""]
    lines += _points(collation_points(c))
    extra = provenance(c.documents)
    heads = "".join(f" {heading} |" for _, heading, _ in extra)
    lines += [
        f"| # | Source | Date |{heads} File | Sentences | Claims | Unique | Missing |",
        "| ---: | --- | --- |" + " --- |" * len(extra) + " --- | ---: | ---: | ---: | ---: |",
    ]
    for k, d in enumerate(c.documents):
        cov = c.coverage[d.id]
        cells = "".join(f" {_cell(values[k])} |" for _, _, values in extra)
        lines.append(
            f"| {k + 1} | {_cell(d.label)} | {_cell(d.meta.get('date', ''))} |{cells}"
            f" {_cell(d.source or '')} | {len(d.sentences)} | {len(cov.claims)} "
            f"| {len(cov.unique)} | {len(cov.missing)} |"
        )
    lines += ["", "## Claims × sources", ""]
    lines.append("| Claim | " + " | ".join(labels.values()) + " | Wording |")
    lines.append("| --- | " + " | ".join(":-:" for _ in c.documents) + " | --- |")
    for claim in c.claims:
        marks = " | ".join(MARKS[claim.status(d.id)] for d in c.documents)
        lines.append(f"| {claim.id} | {marks} | {_short(claim.text)} |")
    lines += [
        "",
        f"{MARKS['carried']} carries the claim · {MARKS['partial']} carries part of it "
        f"(partial) · {MARKS['absent']} does not carry it",
        "",
        f"## Shared claims, most widely reported first: {len(c.ranking)}",
        "",
    ]
    if not c.ranking:
        lines += ["None.", ""]
    claims = claims_by_id(c)
    for claim_id in c.ranking:
        claim = claims[claim_id]
        rep = claim.representative
        lines += [
            f"### {claim.id} · {claim.sources} of {len(c.documents)} sources",
            "",
            f"**{labels[rep]} {numbers(claim.members[rep])}** (representative): "
            f"{_text(escape(claim.text), c.options.language)}",
            "",
        ]
        for doc_id, link in claim.variants.items():
            kept = shown_flags(c, link)
            flags = f" · flags: {', '.join(escape(f) for f in kept)}" if kept else ""
            lines.append(
                f"- **{labels[doc_id]} {numbers(link.other)}** · {link.relation} · score "
                f"{link.score:.2f}{flags}: {_text(_diff(link), c.options.language)}"
            )
            for f in claim.findings.get(doc_id, ()):
                if f.type in ("added_detail", "dropped_detail"):
                    lines.append(f"  - {escape(f.type)}: {escape(f.detail)}")
        lines.append("")
    lines += ["## Omissions: claims most other sources carry", ""]
    missing = [(d, c.coverage[d.id].missing) for d in c.documents if c.coverage[d.id].missing]
    if not missing:
        lines += ["None.", ""]
    for d, ids in missing:
        lines += [f"**{labels[d.id]}** lacks {len(ids)}:", ""]
        for cid in ids:
            lines.append(f"- {cid} ({claims[cid].sources} sources): {_short(claims[cid].text)}")
            cand = claims[cid].closest.get(d.id)
            if cand is not None:
                lines.append(
                    f"  - {cand.describe(labels[d.id])}: {_short(d.sentences[cand.index].text)}"
                )
        lines.append("")
    ref = labels[c.documents[0].id]
    lines += [f"## Pairwise against {ref}", ""]
    lines += ["| Other | Linked | Same | Reworded | Partial | Added | Omitted |"]
    lines += ["| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for pair in c.pairs:
        rel = Counter(link.relation for link in pair.links)
        lines.append(
            f"| {escape(docs[pair.other.id].label)} | {len(pair.links)} | {rel['same']} "
            f"| {rel['reworded']} | {rel['partial']} | {len(pair.added)} | {len(pair.omitted)} |"
        )
    return visible("\n".join(lines).rstrip("\n") + "\n")
