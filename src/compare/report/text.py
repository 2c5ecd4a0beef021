"""The terminal view, drawn with rich: a summary table, linked pairs, added and omitted, findings.

Without colour (the default, and whenever output is not a terminal) changed words carry wdiff's
markers, ``[-deleted-]`` and ``{+inserted+}``, and the text has no escape codes at all. With
colour the markers give way to styles: deletions red and struck through, insertions green.

Every piece of source text reaches rich as a :class:`rich.text.Text`, never as a markup string,
so ``[bold]`` or ``:emoji:`` in a document is printed as written; control characters (an escape
sequence in a document could drive the terminal) are shown as ``�``.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from compare.model import FINDING_TYPES, RELATIONS, Comparison, Document, FindingType, Link
from compare.report.controls import visible

__all__ = ["DEFAULT_WIDTH", "render_comparison", "terminal_settings"]

DEFAULT_WIDTH = 100
"""Columns of the view when the width is not given and the output is not a terminal."""
MIN_WIDTH = 20
"""Narrowest view drawn; a narrower terminal still gets 20 columns."""

_DELETE = "red strike"
_INSERT = "green"
_HEAD = "bold"
_WORDS_TOUCH_RE = re.compile(r"\w\w")
"""Two word characters in a row: never split between two tokens of one text (see compare.diff)."""


def _clean(text: str) -> str:
    """Source text for one line: whitespace runs collapsed, control characters made visible."""
    return visible(" ".join(text.split()))


def _plain(text: str) -> Text:
    """A cleaned piece of source text as rich Text (so nothing in it is read as markup)."""
    return Text(_clean(text))


def _numbers(idx: Sequence[int]) -> str:
    """Sentence numbers for people: 1-based, joined with +."""
    return "+".join(str(i + 1) for i in idx)


def _type_order(kinds: Counter[FindingType]) -> list[FindingType]:
    """Finding types present, in the contract's order, then any newer ones by name."""
    return [t for t in FINDING_TYPES if t in kinds] + sorted(set(kinds) - set(FINDING_TYPES))


def _heading(title: str, width: int) -> RenderableType:
    """A section heading: the title and a rule to the right edge, or the title alone, wrapped,
    when the two do not fit (rich would cut the title short)."""
    text = Text(title, style=_HEAD)
    return Rule(text, align="left", style="dim") if cell_len(title) + 2 <= width else text


def _summary(c: Comparison) -> Iterator[RenderableType]:
    """The two sources side by side, then the counts of links, additions, omissions, findings."""
    ref, other = c.reference, c.other
    sources = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=_HEAD)
    sources.add_column("")
    sources.add_column("Reference", overflow="fold")
    sources.add_column("Other", overflow="fold")
    sources.add_row("Source", _plain(ref.label), _plain(other.label))
    sources.add_row("Date", _plain(ref.meta.get("date", "—")), _plain(other.meta.get("date", "—")))
    sources.add_row("Sentences", str(len(ref.sentences)), str(len(other.sentences)))
    yield sources
    yield Text()
    relations = Counter(link.relation for link in c.links)
    kinds = Counter(f.type for f in c.findings)
    r, o = _clean(ref.label), _clean(other.label)
    counts = Table.grid(padding=(0, 1))
    counts.add_column(style=_HEAD, no_wrap=True)
    counts.add_column(justify="right", no_wrap=True)
    counts.add_column(overflow="fold")
    rows = [
        ("Linked", len(c.links), ", ".join(f"{k} {relations[k]}" for k in RELATIONS)),
        ("Added", len(c.added), f"by {o} (not in {r})"),
        ("Omitted", len(c.omitted), f"by {o} (only in {r})"),
        ("Findings", len(c.findings), ", ".join(f"{k} {kinds[k]}" for k in _type_order(kinds))),
    ]
    for name, n, note in rows:
        counts.add_row(name.ljust(11), str(n), Text(note))  # numbers under "Reference"
    yield counts


def _diff(link: Link, color: bool) -> Text:
    """A link's words in one paragraph: kept words plain, changed ones marked or coloured.

    Equal runs carry the reference's whitespace, so where the other text inserts a word after one
    that the reference ends a clause with (``Monday`` + ``morning``), no space comes between them;
    two word characters never touch across tokens, so a space is put back there.
    """
    out = Text()
    last = " "  # the last character written, markers aside

    def space() -> None:
        nonlocal last
        if out.plain and last != " ":
            out.append(" ")
            last = " "

    for d in link.diff:
        core = _clean(d.text)
        if d.text[:1].isspace() or _WORDS_TOUCH_RE.fullmatch(last + core[:1]):
            space()
        if core and d.op == "equal":
            out.append(core)
        elif core and color:
            out.append(core, style=_DELETE if d.op == "delete" else _INSERT)
        elif core:
            out.append(f"[-{core}-]" if d.op == "delete" else f"{{+{core}+}}")
        last = core[-1:] or last
        if d.text[-1:].isspace():
            space()
    out.rstrip()
    return out


def _linked(c: Comparison, color: bool, width: int) -> Iterator[RenderableType]:
    """Each link: a heading naming both sides, then its words with the changes marked."""
    ref, other = _clean(c.reference.label), _clean(c.other.label)
    yield _heading(f"Linked sentences ({ref} → {other}): {len(c.links)}", width)
    if not c.links:
        yield Text()
        yield Padding(Text("None."), (0, 0, 0, 2), expand=False)
    for link in c.links:
        head = Text(f"{ref} {_numbers(link.ref)} ↔ {other} {_numbers(link.other)}", style=_HEAD)
        head.append(f" · {link.relation} · score {link.score:.2f}")
        if link.flags:
            head.append(f" · flags: {', '.join(_clean(f) for f in link.flags)}")
        yield Text()
        yield head
        yield Padding(_diff(link, color), (0, 0, 0, 2), expand=False)


def _numbered(doc: Document, idx: Sequence[int]) -> RenderableType:
    """Sentences with their 1-based numbers, wrapped with a hanging indent."""
    if not idx:
        return Padding(Text("None."), (0, 0, 0, 2), expand=False)
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i in idx:
        grid.add_row(f"{i + 1}.", _plain(doc.sentences[i].text))
    return Padding(grid, (0, 0, 0, 1), expand=False)


def _findings(c: Comparison, width: int) -> Iterator[RenderableType]:
    """Findings grouped by type: where each one is, and what it says."""
    ref, other = _clean(c.reference.label), _clean(c.other.label)
    yield _heading(f"Findings: {len(c.findings)}", width)
    kinds = Counter(f.type for f in c.findings)
    if not kinds:
        yield Text()
        yield Padding(Text("None."), (0, 0, 0, 2), expand=False)
    for kind in _type_order(kinds):
        yield Text()
        yield Text(f"{_clean(kind)} ({kinds[kind]})", style=_HEAD)
        grid = Table.grid(padding=(0, 1), pad_edge=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for f in c.findings:
            if f.type == kind:
                where = " ↔ ".join(
                    f"{label} {_numbers(idx)}" for label, idx in ((ref, f.ref), (other, f.other))
                    if idx
                )  # fmt: skip
                grid.add_row("-", Text(f"{where}: ") + _plain(f.detail))
        yield Padding(grid, (0, 0, 0, 1), expand=False)


def _view(c: Comparison, color: bool, width: int) -> Iterator[RenderableType]:
    """The whole view, top to bottom."""
    ref, other = _clean(c.reference.label), _clean(c.other.label)
    yield from _summary(c)
    yield Text()
    yield from _linked(c, color, width)
    for title, doc, idx in (
        (f"Added by {other} (not in {ref}): {len(c.added)}", c.other, c.added),
        (f"Omitted by {other} (only in {ref}): {len(c.omitted)}", c.reference, c.omitted),
    ):
        yield Text()
        yield _heading(title, width)
        yield Text()
        yield _numbered(doc, idx)
    yield Text()
    yield from _findings(c, width)


def _console(file: IO[str], width: int, color: bool) -> Console:
    """A console whose output depends only on its arguments, never on the environment."""
    return Console(
        file=file, width=width, height=25,
        force_terminal=color, force_jupyter=False, force_interactive=False,
        color_system="standard" if color else None, no_color=False, legacy_windows=False,
        markup=False, emoji=False, highlight=False, soft_wrap=False,
    )  # fmt: skip


def render_comparison(c: Comparison, *, width: int = DEFAULT_WIDTH, color: bool = False) -> str:
    """Render the comparison for a terminal or a file, ``width`` columns wide.

    Without ``color`` the text has no escape codes, and changed words carry ``[-…-]`` and
    ``{+…+}``; with it, ANSI styles mark them instead. The environment plays no part here:
    :func:`terminal_settings` is how a command line decides ``width`` and ``color``.
    """
    buffer = io.StringIO()
    width = max(width, MIN_WIDTH)
    _console(buffer, width, color).print(Group(*_view(c, color, width)))
    # rich pads lines with spaces to the full width; an escape sequence never ends in a space
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


def terminal_settings(file: IO[str]) -> tuple[int, bool]:
    """Decide the width and colour of the view written to ``file``.

    Colour: never when ``NO_COLOR`` is non-empty (no-color.org); else when ``FORCE_COLOR`` is
    non-empty (force-color.org), even into a pipe; else when rich sees a terminal (a tty, or
    ``TTY_COMPATIBLE=1`` with rich 14 or later). Never on a dumb terminal. Width: the terminal's
    as rich measures it (``COLUMNS`` included) when ``file`` is a tty, else :data:`DEFAULT_WIDTH`,
    so piped output is the same on every machine.
    """
    # The two variables are read here, not left to rich, whose reading of empty values changed
    # between versions 13 and 14.
    no_color = os.environ.get("NO_COLOR", "") != ""
    force = os.environ.get("FORCE_COLOR", "") != ""
    console = Console(file=file, force_jupyter=False, force_terminal=True if force else None)
    color = console.is_terminal and not (
        no_color or console.is_dumb_terminal or console.legacy_windows
    )
    try:
        tty = file.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without isatty()
        tty = False
    return (max(console.width, MIN_WIDTH) if tty else DEFAULT_WIDTH), color
