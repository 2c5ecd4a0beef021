"""A plain terminal view: summary counts, linked pairs with changed words marked, then the rest.

Changed words use wdiff's markers, readable without colour: ``[-deleted-]`` and ``{+inserted+}``.
"""

from __future__ import annotations

import textwrap
from collections import Counter

from compare.model import Comparison, Link

__all__ = ["render_comparison"]


def _wrap(text: str, width: int, indent: str, first: str | None = None) -> list[str]:
    """Wrap text to ``width`` columns with a hanging indent (``first`` starts the first line)."""
    return textwrap.wrap(
        " ".join(text.split()), width=width, initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False, break_on_hyphens=False,
    ) or [indent.rstrip()]  # fmt: skip


def _marked(link: Link) -> str:
    """Render a link's diff inline with wdiff markers."""
    parts = []
    for d in link.diff:
        text = d.text.strip()
        tail = d.text[len(d.text.rstrip()) :]
        if d.op == "equal":
            parts.append(d.text)
        elif d.op == "delete":
            parts.append(f"[-{text}-]{tail}")
        else:
            parts.append(f"{{+{text}+}}{tail}")
    return "".join(parts)


def _indices(idx: tuple[int, ...]) -> str:
    """Sentence numbers for people: 1-based, joined with +."""
    return "+".join(str(i + 1) for i in idx)


def render_comparison(c: Comparison, *, width: int = 100) -> str:
    """Render the comparison as plain text for a terminal or a file."""
    ref, other = c.reference, c.other
    counts = Counter(link.relation for link in c.links)
    kinds = Counter(f.type for f in c.findings)
    lines = [
        f"Reference: {ref.label} ({len(ref.sentences)} sentences)"
        + (f", {ref.meta['date']}" if "date" in ref.meta else ""),
        f"Other:     {other.label} ({len(other.sentences)} sentences)"
        + (f", {other.meta['date']}" if "date" in other.meta else ""),
        "",
        f"Linked: {len(c.links)} (same {counts['same']}, reworded {counts['reworded']}, "
        f"partial {counts['partial']})   Added by {other.label}: {len(c.added)}   "
        f"Omitted by {other.label}: {len(c.omitted)}",
    ]
    if kinds:
        lines.append("Findings: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    lines += ["", f"== Linked sentences ({ref.label} → {other.label}) =="]
    for link in c.links:
        flags = f" [{', '.join(link.flags)}]" if link.flags else ""
        lines.append("")
        lines.append(
            f"{ref.label} {_indices(link.ref)} ↔ {other.label} {_indices(link.other)}: "
            f"{link.relation}, score {link.score:.2f}{flags}"
        )
        lines += _wrap(_marked(link), width, "  ")
    for title, doc, idx in (
        (f"Added by {other.label} (not in {ref.label})", other, c.added),
        (f"Omitted by {other.label} (only in {ref.label})", ref, c.omitted),
    ):
        lines += ["", f"== {title}: {len(idx)} =="]
        for i in idx:
            lines += _wrap(doc.sentences[i].text, width, "       ", first=f"  {i + 1:>3}. ")
    return "\n".join(lines) + "\n"
