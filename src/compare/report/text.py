"""The terminal view, as rich draws it: a summary table, linked pairs, added and omitted, findings.

Without colour (the default, and whenever output is not a terminal) changed words carry wdiff's
markers, ``[-deleted-]`` and ``{+inserted+}``, and the text has no escape codes at all. With
colour the markers give way to styles: deletions red and struck through, insertions green.

Without colour the view is laid out here, line for line as rich would draw it (tests hold the two
equal), and rich is imported only for what does not fit those rules; the coloured view is drawn
through rich.

Every piece of source text reaches rich as a :class:`rich.text.Text`, never as a markup string,
so ``[bold]`` or ``:emoji:`` in a document is printed as written; control characters (an escape
sequence in a document could drive the terminal) are shown as ``�``.
"""

from __future__ import annotations

import io
import itertools
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import IO, TYPE_CHECKING, Union

import attrs

from compare._records import record_repr
from compare.model import (
    RELATIONS,
    Candidate,
    Comparison,
    Document,
    Finding,
    FindingType,
    Link,
)
from compare.report._common import (
    clean,
    clean_all,
    comparison_points,
    numbers,
    paused,
    provenance,
    shared_texts,
    shown_flags,
    type_order,
    where,
)

if TYPE_CHECKING:  # rich is imported where a view is drawn through it (see render_comparison)
    from rich.console import Console, RenderableType

__all__ = ["DEFAULT_WIDTH", "render_comparison", "terminal_settings"]

DEFAULT_WIDTH = 100
"""Columns of the view when the width is not given and the output is not a terminal."""
MIN_WIDTH = 20
"""Narrowest view drawn; a narrower terminal still gets 20 columns."""

_TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
"""The environment variables by which rich may take a file that is no terminal for one."""
_DELETE = "red strike"
_INSERT = "green"
_HEAD = "bold"
_WORDS_TOUCH_RE = re.compile(r"\w\w")
"""Two word characters in a row: never split between two tokens of one text (see compare.diff)."""
_WORD_RE = re.compile(r"\s*\S+\s*")
"""A word with the whitespace around it, as rich's wrapping sees words."""


@attrs.frozen
class _Lines:
    """Lines already laid out, written to the output as they are (see :func:`_grid`)."""

    __repr__ = record_repr

    lines: list[str]


@attrs.frozen
class _Heading:
    """A section heading: :func:`_heading` draws it through rich, :func:`_heading_lines` by hand."""

    __repr__ = record_repr

    title: str


@attrs.frozen
class _Para:
    """One-line text, bold or not, indented by ``indent`` columns (``Text()`` when empty)."""

    __repr__ = record_repr

    text: str = ""
    indent: int = 0
    bold: bool = False


@attrs.frozen
class _Summary:
    """The summary's two tables: the sources side by side, then the counts (see :func:`_summary`).

    ``sources`` rows are (row label, reference's value, other's value), cleaned; ``counts`` rows
    are (name, number, note).
    """

    __repr__ = record_repr

    sources: list[tuple[str, str, str]]
    counts: list[tuple[str, str, str]]


_Part = Union["RenderableType", _Lines, _Heading, _Para, _Summary]
"""What the view is made of: lines laid out, the view's own parts (drawn by hand when plain, or
through rich), or a rich renderable (colour)."""


def _folds(text: str, width: int, one_cell: bool | None = None) -> list[str]:
    """Break one-line text into lines of ``width`` cells as rich does in a ``fold`` column.

    Text of one-cell characters is broken here by rich's own rule
    (``rich._wrap.divide_line``): a word that does not fit goes on the next line, and a word
    longer than a line is cut into pieces ``width`` long, its trailing space with it. Any other
    text is left to rich. The lines come without trailing spaces. ``one_cell``: whether the text
    is of one-cell characters (:func:`_one_cell_each`), when the caller knows.
    """
    if not (_one_cell_each(text) if one_cell is None else one_cell):
        from rich.text import Text

        wrapped = Text(text).wrap(_measure_console(), width, overflow="fold")
        return [line.plain.rstrip(" ") for line in wrapped]
    if len(text) <= width:
        return [text.rstrip(" ")]
    if text[0].isspace() or width < 1:
        return _word_folds(text, width)
    breaks = [0]
    line, at, n = _line_re(width), 0, len(text)
    while True:
        fits = line.match(text, at)  # the most whole words that fit on the line from here
        if fits is not None:
            at = _SPACES_RE.match(text, fits.end()).end()  # type: ignore[union-attr]
            if at == n:
                break
            breaks.append(at)
            continue
        if text[at].isspace():  # a line begun inside a long word's trailing spaces
            at = _SPACES_RE.match(text, at).end()  # type: ignore[union-attr]
            if at == n:
                break
            breaks.append(at)
            continue
        # a word longer than a line: cut into pieces ``width`` long, its trailing spaces with it
        end = _WORD_RE.match(text, at).end()  # type: ignore[union-attr]
        pieces = range(at, end, width)
        breaks += pieces[1:]
        at = pieces[-1]
    breaks.append(n)
    return [text[a:b].rstrip(" ") for a, b in itertools.pairwise(breaks)]


_SPACES_RE = re.compile(r"\s*")
_OTHER_SPACE_RE = re.compile(
    "[\t-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
"""Whitespace (``str.isspace``, regex ``\\s``) but the space, as one class: faster than
``[^\\S ]``."""


def _spaced(texts: Sequence[str]) -> bool:
    """Whether every text's whitespace is single spaces between words (cleaned text: most
    views), told by searches over all the texts joined by NUL."""
    joined = "\x00".join(texts)
    return (
        joined.count("\x00") == len(texts) - 1
        and not joined.startswith(" ")
        and not joined.endswith(" ")
        and "  " not in joined
        and "\x00 " not in joined
        and " \x00" not in joined
        and _OTHER_SPACE_RE.search(joined) is None
    )


def _spaced_folds(text: str, width: int) -> list[str] | None:
    """:func:`_folds`'s lines of one-cell text whose whitespace is single spaces between words:
    each line ends at the last space that fits (the most whole words), found by ``rfind``; None
    when a word is longer than a line (:func:`_folds` cuts it)."""
    lines = []
    at, n = 0, len(text)
    while n - at > width:
        end = text.rfind(" ", at, at + width + 1)
        if end <= at:
            return None
        lines.append(text[at:end])
        at = end + 1
    lines.append(text[at:])
    return lines


@cache
def _line_re(width: int) -> re.Pattern[str]:
    """Whole words (and the spaces between) from a line's start up to a word ending by ``width``."""
    return re.compile(rf"(?s).{{0,{width - 1}}}\S(?!\S)")


def _word_folds(text: str, width: int) -> list[str]:
    """:func:`_folds`'s lines of one-cell text, word by word (rich's loop, as it is written)."""
    breaks = [0]
    used = 0
    for match in _WORD_RE.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - used >= length:
            used += len(word)
        elif length > width:
            pieces = range(start, match.end(), width)
            breaks += [k for k in pieces if k]
            used = match.end() - pieces[-1]
        elif used and start:
            breaks.append(start)
            used = len(word)
    breaks.append(len(text))
    return [text[a:b].rstrip(" ") for a, b in itertools.pairwise(breaks)]


_NOT_PRINTABLE_ASCII_RE = re.compile(r"[^\x20-\x7e]")
"""A character other than printable ASCII (found in C: twice as fast as a set difference)."""


_NARROW = frozenset("‘’‚“”„‹›–—…•′″€→↔↳─✓✗") | frozenset(map(chr, range(0xA0, 0x250)))
"""Characters rich draws one cell wide (a test holds rich to it): the quotes, dashes and Latin
letters of news and this view's own marks, known without loading rich's width tables (~2 ms of
a run's start-up)."""


@cache
def _cells(ch: str) -> int:
    """How many cells rich gives one character."""
    if ch in _NARROW:
        return 1
    from rich.cells import cell_len

    return cell_len(ch)


def _one_cell_each(text: str) -> bool:
    """Whether rich draws every character of ``text`` one cell wide (so cells = characters)."""
    if text.isascii() and text.isprintable():
        return True
    return all(_cells(ch) == 1 for ch in set(_NOT_PRINTABLE_ASCII_RE.findall(text)))


def _width(text: str) -> int:
    """The cells rich gives ``text``."""
    if _one_cell_each(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


@cache
def _measure_console() -> Console:
    """A console for rich's text wrapping (it reads no environment and writes nowhere)."""
    return _console(io.StringIO(), DEFAULT_WIDTH, False)


def _grid(rows: Sequence[tuple[str, str]], width: int, *, right: bool) -> _Lines:
    """Two columns, a short label and a one-line text folded with a hanging indent.

    The same lines as rich draws for ``Padding(Table.grid(padding=(0, 1), pad_edge=True),
    (0, 0, 0, 1))`` with a ``no_wrap`` first column (right-justified when ``right``) and a
    ``fold`` second one, trailing spaces dropped; drawn here in time linear in the rows, where
    rich measures and renders every cell through its whole layout machinery.
    """
    room = width - 1  # the grid's left margin
    # Column widths as rich's table sets them: each column's widest cell plus its padding (one
    # space either side of the first, one after the second: a grid collapses the padding
    # between columns), and the text column narrowed to what is left.
    labels = [label for label, _ in rows]
    texts = [text for _, text in rows]
    # asked once a text, or once for all when all are (cells = characters: most views)
    if _one_cell_each("".join(labels)):
        label_widths = [len(label) for label in labels]
    else:
        label_widths = [_width(label) for label in labels]
    first = min(max(label_widths) + 2, room)
    if _one_cell_each("".join(texts)):
        one_cell = [True] * len(texts)
    else:
        one_cell = [_one_cell_each(text) for text in texts]
    cells = (len(t) if plain else _width(t) for (_, t), plain in zip(rows, one_cell, strict=True))
    second = min(max(cells) + 1, room)
    second = min(second, room - first)
    if second < 2:  # a label column as wide as the view: leave the odd case to rich
        return _Lines(_rich_grid(rows, width, right=right))
    label_width = first - 2
    indent = " " * (first + 1)
    spaced = _spaced(texts)
    out: list[str] = []
    for (label, text), label_cells, plain in zip(rows, label_widths, one_cell, strict=True):
        pad = " " * (label_width - label_cells)
        head = f"  {pad}{label} " if right else f"  {label}{pad} "
        if plain and len(text) < second:  # one line (what _folds would say, without asking)
            out.append((head + text.rstrip(" ")).rstrip(" "))
            continue
        lines = _spaced_folds(text, second - 1) if plain and spaced else None
        for k, line in enumerate(lines or _folds(text, second - 1, plain)):
            out.append(((head if k == 0 else indent) + line).rstrip(" "))
    return _Lines(out)


def _rich_grid(rows: Sequence[tuple[str, str]], width: int, *, right: bool) -> list[str]:
    """The lines of :func:`_grid` drawn by rich itself (the reference, for any width)."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(justify="right" if right else "left", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row(label, Text(text))
    buffer = io.StringIO()
    _console(buffer, width, False).print(Padding(grid, (0, 0, 0, 1), expand=False))
    return [line.rstrip(" ") for line in buffer.getvalue().splitlines()]


def _heading(title: str, width: int) -> RenderableType:
    """A section heading: the title and a rule to the right edge, or the title alone, wrapped,
    when the two do not fit (rich would cut the title short)."""
    from rich.cells import cell_len
    from rich.rule import Rule
    from rich.text import Text

    text = Text(title, style=_HEAD)
    return Rule(text, align="left", style="dim") if cell_len(title) + 2 <= width else text


_RULE = "─"
"""The character of a heading's rule and of the line under the sources' header."""


def _heading_lines(title: str, width: int) -> list[str]:
    """:func:`_heading`'s lines, drawn here: the title, a space, the rule to the right edge."""
    cells = _width(title)
    if cells + 2 <= width:
        return [f"{title} {_RULE * (width - cells - 1)}"]
    return _folds(title, width)


def _summary(c: Comparison) -> _Summary:
    """The two sources side by side, then the counts of links, additions, omissions, findings."""
    ref, other = c.reference, c.other
    sources = [
        ("Source", clean(ref.label), clean(other.label)),
        ("Date", clean(ref.meta.get("date", "—")), clean(other.meta.get("date", "—"))),
    ]
    for _key, heading, (ref_value, other_value) in provenance((ref, other)):
        sources.append((heading, clean(ref_value or "—"), clean(other_value or "—")))
    sources.append(("Sentences", str(len(ref.sentences)), str(len(other.sentences))))
    relations = Counter(link.relation for link in c.links)
    kinds = Counter(f.type for f in c.findings)
    r, o = clean(ref.label), clean(other.label)
    rows = [
        ("Linked", len(c.links), ", ".join(f"{k} {relations[k]}" for k in RELATIONS)),
        ("Added", len(c.added), f"by {o} (not in {r})"),
        ("Omitted", len(c.omitted), f"by {o} (only in {r})"),
        ("Findings", len(c.findings), ", ".join(f"{k} {kinds[k]}" for k in type_order(kinds))),
    ]
    # the names padded so that the numbers stand under "Reference"
    return _Summary(sources, [(name.ljust(11), str(n), note) for name, n, note in rows])


_SOURCE_HEADER = ("", "Reference", "Other")


def _summary_tables(summary: _Summary) -> list[RenderableType]:
    """:func:`_summary`'s two tables as rich draws them (the reference for any width)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    sources = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=_HEAD)
    sources.add_column(_SOURCE_HEADER[0])
    sources.add_column(_SOURCE_HEADER[1], overflow="fold")
    sources.add_column(_SOURCE_HEADER[2], overflow="fold")
    for label, ref_value, other_value in summary.sources:
        sources.add_row(label, Text(ref_value), Text(other_value))
    counts = Table.grid(padding=(0, 1))
    counts.add_column(style=_HEAD, no_wrap=True)
    counts.add_column(justify="right", no_wrap=True)
    counts.add_column(overflow="fold")
    for name, n, note in summary.counts:
        counts.add_row(name, n, Text(note))
    return [sources, Text(), counts]


def _summary_lines(summary: _Summary, width: int) -> list[str] | None:
    """:func:`_summary_tables`' lines, drawn here when every cell fits on one line (None else).

    The sources table: its columns as wide as their widest cells, one space of padding inside
    the edges and a one-space rule between columns (``SIMPLE_HEAD`` without edges: three spaces
    between columns), a line of rule characters under the header. The counts grid: a space
    between columns, the numbers right-justified.
    """
    rows = [_SOURCE_HEADER, *summary.sources]
    widths = [max(_width(row[k]) for row in rows) for k in range(3)]
    if sum(widths) + 6 > width:
        return None  # rich folds the values: its column-shrinking rules are left to it
    lines = []
    for row in rows:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)]
        lines.append("   ".join(cells).rstrip(" "))
    lines.insert(1, _RULE * (sum(widths) + 6))
    lines.append("")
    widths = [max(_width(row[k]) for row in summary.counts) for k in range(3)]
    if sum(widths) + 2 > width:
        return None
    for name, n, note in summary.counts:
        name_pad = " " * (widths[0] - _width(name))
        lines.append(f"{name}{name_pad} {n.rjust(widths[1])} {note}".rstrip(" "))
    return lines


def _overview(c: Comparison, width: int) -> Iterator[_Part]:
    """The summary first: each point on its lines, its items listed under it."""
    yield _Heading("Summary")
    for point in comparison_points(c):
        lines = ["", *_folds(clean(point.head), width)]
        for item in point.items:
            folded = _folds(clean(item), width - 4)
            lines += [f"  - {folded[0]}", *(f"    {line}" for line in folded[1:])]
        yield _Lines([line.rstrip(" ") for line in lines])


def _diff(link: Link, color: bool) -> list[tuple[str, str | None]]:
    """A link's words in one paragraph, as (text, style) pieces: kept words plain, changed ones
    marked or (``color``) styled; the paragraph has no trailing whitespace.

    Equal runs carry the reference's whitespace, so where the other text inserts a word after one
    that the reference ends a clause with (``Monday`` + ``morning``), no space comes between them;
    two word characters never touch across tokens, so a space is put back there.
    """
    out: list[tuple[str, str | None]] = []
    last = " "  # the last character written, markers aside

    def space() -> None:
        nonlocal last
        if out and last != " ":
            out.append((" ", None))
            last = " "

    for d in link.diff:
        core = clean(d.text)
        if d.text[:1].isspace() or _WORDS_TOUCH_RE.fullmatch(last + core[:1]):
            space()
        if core and d.op == "equal":
            out.append((core, None))
        elif core and color:
            out.append((core, _DELETE if d.op == "delete" else _INSERT))
        elif core:
            out.append((f"[-{core}-]" if d.op == "delete" else f"{{+{core}+}}", None))
        last = core[-1:] or last
        if d.text[-1:].isspace():
            space()
    while out and out[-1][0].isspace():  # rich's Text.rstrip(); only spaces are added alone
        out.pop()
    if out and out[-1][0] != out[-1][0].rstrip():
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return out


def _linked(c: Comparison, color: bool, width: int) -> Iterator[_Part]:
    """Each link: a heading naming both sides, then its words with the changes marked.

    Without colour the lines are laid out here (as rich would, see :func:`_folds`), in time
    linear in the links; with colour rich draws the styles.
    """
    ref, other = clean(c.reference.label), clean(c.other.label)
    chosen = c.selection
    links = [link for link in c.links if chosen is None or chosen.shows_link(link)]
    shown = f"{len(links)} of {len(c.links)}" if len(links) < len(c.links) else f"{len(c.links)}"
    yield _Heading(f"Linked sentences ({ref} → {other}): {shown}")
    if not links:
        yield _Para()
        yield _Para("None.", indent=2)
    laid: list[str] = []
    for link in links:
        names = f"{ref} {numbers(link.ref)} ↔ {other} {numbers(link.other)}"
        about = f" · {link.relation} · score {link.score:.2f}"
        kept = shown_flags(c, link)
        if kept:
            about += f" · flags: {', '.join(clean(f) for f in kept)}"
        words = _diff(link, color)
        both = shared_texts(c.reference, c.other, link)
        shared = f"shared: “{clean(both[0])}” ↔ “{clean(both[1])}”" if both else ""
        if not color and words:
            laid += ["", *_folds(names + about, width)]
            plain = "".join(piece for piece, _ in words)
            laid += [f"  {line}".rstrip(" ") for line in _folds(plain, width - 2)]
            if shared:
                laid += [f"  {line}".rstrip(" ") for line in _folds(shared, width - 2)]
            continue
        if laid:
            yield _Lines(laid)
            laid = []
        yield from _styled_link(names, about, words, shared)
    if laid:
        yield _Lines(laid)


def _styled_link(
    names: str, about: str, words: list[tuple[str, str | None]], shared: str
) -> list[RenderableType]:
    """One link drawn through rich: its heading (the names bold), its words styled, indented."""
    from rich.padding import Padding
    from rich.text import Text

    head = Text(names, style=_HEAD)
    head.append(about)
    body = Text()
    for piece, style in words:
        body.append(piece, style=style)
    out: list[RenderableType] = [Text(), head, Padding(body, (0, 0, 0, 2), expand=False)]
    if shared:
        out.append(Padding(Text(shared, style="dim"), (0, 0, 0, 2), expand=False))
    return out


def _numbered(
    doc: Document,
    idx: Sequence[int],
    width: int,
    closest: Mapping[int, Candidate],
    other_label: str,
) -> _Part:
    """Sentences with their 1-based numbers, wrapped with a hanging indent; under a sentence
    with a closest candidate on the other side (``other_label``), a line naming it."""
    if not idx:
        return _Para("None.", indent=2)
    rows = []
    texts = clean_all(doc.sentences[i].text for i in idx)
    for i, text in zip(idx, texts, strict=True):
        rows.append((f"{i + 1}.", text))
        if i in closest:
            rows.append(("", f"↳ {closest[i].describe(other_label)}"))
    return _grid(rows, width, right=True)


def _findings(c: Comparison, width: int) -> Iterator[_Part]:
    """Findings grouped by type: where each one is, and what it says."""
    ref, other = clean(c.reference.label), clean(c.other.label)
    yield _Heading(f"Findings: {len(c.findings)}")
    by_type: dict[FindingType, list[Finding]] = {}
    for f in c.findings:
        by_type.setdefault(f.type, []).append(f)
    if not by_type:
        yield _Para()
        yield _Para("None.", indent=2)
    for kind in type_order(by_type):
        yield _Para()
        yield _Para(f"{clean(kind)} ({len(by_type[kind])})", bold=True)
        found = by_type[kind]
        details = clean_all(f.detail for f in found)
        rows = [
            ("-", f"{where(ref, other, f)}: {detail}")
            for f, detail in zip(found, details, strict=True)
        ]
        yield _grid(rows, width, right=False)


def _view(c: Comparison, color: bool, width: int) -> Iterator[_Part]:
    """The whole view, top to bottom."""
    ref, other = clean(c.reference.label), clean(c.other.label)
    yield from _overview(c, width)
    yield _Para()
    yield _summary(c)
    yield _Para()
    yield from _linked(c, color, width)
    for kind, title, doc, idx, closest, other_label in (
        (
            "added", f"Added by {other} (not in {ref}): {len(c.added)}",
            c.other, c.added, c.closest_added, ref,
        ),
        (
            "omitted", f"Omitted by {other} (only in {ref}): {len(c.omitted)}",
            c.reference, c.omitted, c.closest_omitted, other,
        ),
    ):  # fmt: skip
        if c.selection is not None and not c.selection.keeps(kind):
            continue  # filtered out: the summary says so
        yield _Para()
        yield _Heading(title)
        yield _Para()
        yield _numbered(doc, idx, width, closest, other_label)
    yield _Para()
    yield from _findings(c, width)


def _console(file: IO[str], width: int, color: bool) -> Console:
    """A console whose output depends only on its arguments, never on the environment."""
    from rich.console import Console

    return Console(
        file=file, width=width, height=25,
        force_terminal=color, force_jupyter=False, force_interactive=False,
        color_system="standard" if color else None, no_color=False, legacy_windows=False,
        markup=False, emoji=False, highlight=False, soft_wrap=False,
    )  # fmt: skip


@paused
def render_comparison(c: Comparison, *, width: int = DEFAULT_WIDTH, color: bool = False) -> str:
    """Render the comparison for a terminal or a file, ``width`` columns wide.

    Without ``color`` the text has no escape codes, and changed words carry ``[-…-]`` and
    ``{+…+}``; with it, ANSI styles mark them instead. The environment plays no part here:
    :func:`terminal_settings` is how a command line decides ``width`` and ``color``.
    """
    return _render(c, max(width, MIN_WIDTH), color, by_hand=not color)


def _render(c: Comparison, width: int, color: bool, *, by_hand: bool) -> str:
    """:func:`render_comparison`; ``by_hand``: lay out here every part that fits the view's own
    rules (without colour, the whole view but for odd cases), else draw every part through rich
    (colour; and the reference the tests hold the hand-drawn lines to)."""
    buffer = io.StringIO()
    out: list[str] = []
    batch: list[RenderableType] = []
    console: Console | None = None

    def flush() -> None:
        nonlocal console
        if batch:
            from rich.console import Group

            console = console or _console(buffer, width, color)
            console.print(Group(*batch))
            batch.clear()
            out.append(_unpadded(buffer.getvalue()))
            buffer.seek(0)
            buffer.truncate()

    for part in _view(c, color, width):
        lines = _lines(part, width) if by_hand or isinstance(part, _Lines) else None
        if lines is None:
            batch.extend(_renderables(part, width))
            continue
        flush()
        if lines:
            out.append(_unpadded("\n".join(lines) + "\n"))
    flush()
    return "".join(out)


_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What :meth:`str.splitlines` breaks lines at, besides ``\\n``."""


def _unpadded(text: str) -> str:
    """``text``'s lines without trailing spaces, each ending in a newline (as
    ``splitlines``/``rstrip`` make them), in one search when they are so already.

    rich pads lines with spaces to the full width; an escape sequence never ends in a space.
    """
    if " \n" not in text and not any(ch in text for ch in _LINE_BREAKS):
        return text  # lines laid out here: nothing to do
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())


def _lines(part: _Part, width: int) -> list[str] | None:
    """A part's lines laid out here, or None for rich to draw it."""
    if isinstance(part, _Lines):
        return part.lines
    if isinstance(part, _Heading):
        return _heading_lines(part.title, width)
    if isinstance(part, _Para):
        if not part.text:
            return [""]
        pad = " " * part.indent
        return [(pad + line).rstrip(" ") for line in _folds(part.text, width - part.indent)]
    if isinstance(part, _Summary):
        return _summary_lines(part, width)
    return None


def _renderables(part: _Part, width: int) -> list[RenderableType]:
    """A part as rich draws it."""
    from rich.padding import Padding
    from rich.text import Text

    if isinstance(part, _Heading):
        return [_heading(part.title, width)]
    if isinstance(part, _Para):
        text = Text(part.text, style=_HEAD if part.bold else "")
        return [Padding(text, (0, 0, 0, part.indent), expand=False) if part.indent else text]
    if isinstance(part, _Summary):
        return _summary_tables(part)
    assert not isinstance(part, _Lines)
    return [part]


def terminal_settings(file: IO[str]) -> tuple[int, bool]:
    """Decide the width and colour of the view written to ``file``.

    Colour: never when ``NO_COLOR`` is non-empty (no-color.org); else when ``FORCE_COLOR`` is
    non-empty (force-color.org), even into a pipe; else when rich sees a terminal (a tty, or
    ``TTY_COMPATIBLE=1`` with rich 14 or later). Never on a dumb terminal. Width: the terminal's
    as rich measures it (``COLUMNS`` included) when ``file`` is a tty, else :data:`DEFAULT_WIDTH`,
    so piped output is the same on every machine.
    """
    try:
        tty = file.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without isatty()
        tty = False
    if not tty and not any(name in os.environ for name in _TERMINAL_VARIABLES):
        return DEFAULT_WIDTH, False  # what rich says of such a file (without importing rich)
    from rich.console import Console

    # The two variables are read here, not left to rich, whose reading of empty values changed
    # between versions 13 and 14.
    no_color = os.environ.get("NO_COLOR", "") != ""
    force = os.environ.get("FORCE_COLOR", "") != ""
    console = Console(file=file, force_jupyter=False, force_terminal=True if force else None)
    color = console.is_terminal and not (
        no_color or console.is_dumb_terminal or console.legacy_windows
    )
    return (max(console.width, MIN_WIDTH) if tty else DEFAULT_WIDTH), color
