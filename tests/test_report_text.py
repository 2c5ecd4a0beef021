"""The terminal view: exact output without colour, colour codes, the CLI's colour and width choice,
wrapping, and source text that looks like rich markup."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from compare import Comparison, DiffOp, Document, Finding, Link, Options, compare, load
from compare.cli import main
from compare.report._common import clean, clean_all
from compare.report.text import (
    _OTHER_SPACE_RE,
    _folds,
    _grid,
    _render,
    _rich_grid,
    _spaced,
    _spaced_folds,
    _unpadded,
    _word_folds,
    render_comparison,
    terminal_settings,
)

ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
CGTN = str(READOUTS / "call-cgtn-chinese-readout.txt")
RELAY = str(READOUTS / "call-syrian-readout-relay.txt")


def small() -> Comparison:
    """Two short accounts of a bridge opening: two pairs reworded, two omitted, one added."""
    ref = Document.from_text(
        "date: 2024-03-01\nThe mayor opened the new bridge on Monday. About 2,000 people attended "
        "the ceremony. The bridge cost 40 million euros. Traffic will start next week.",
        label="Gazette", id="gazette",
    )  # fmt: skip
    other = Document.from_text(
        "The mayor opened the bridge on Monday morning. The bridge cost 45 million euros, "
        "officials said. Protesters gathered nearby.",
        label="Herald", id="herald",
    )  # fmt: skip
    return Comparison(
        reference=ref,
        other=other,
        links=(
            Link(
                ref=(0,), other=(0,), score=0.832, relation="reworded",
                diff=(
                    DiffOp("equal", "The mayor opened the "), DiffOp("delete", "new "),
                    # the reference's "Monday" ends a clause, so no space before "morning"
                    DiffOp("equal", "bridge on Monday"), DiffOp("insert", "morning"),
                    DiffOp("equal", "."),
                ),
                flags=("reworded",),
            ),
            Link(
                ref=(2,), other=(1,), score=0.669, relation="reworded",
                diff=(
                    DiffOp("equal", "The bridge cost "), DiffOp("delete", "40 "),
                    DiffOp("insert", "45 "), DiffOp("equal", "million euros"),
                    DiffOp("insert", ", officials said"), DiffOp("equal", "."),
                ),
                flags=("number", "reworded"),
            ),
        ),
        omitted=(1, 3),
        added=(2,),
        findings=(
            Finding("reworded", (0,), (0,), "words added or removed"),
            Finding("omitted", (1,), (), "not in Herald: “About 2,000 people attended the "
                    "ceremony.”"),
            Finding("number", (2,), (1,), "40 → 45"),
            Finding("reworded", (2,), (1,), "“40” → “45”"),
            Finding("omitted", (3,), (), "not in Herald: “Traffic will start next week.”"),
            Finding("added", (), (2,), "only in Herald: “Protesters gathered nearby.”"),
        ),
        options=Options(),
    )  # fmt: skip


EXPECTED_80 = """\
Summary ────────────────────────────────────────────────────────────────────────

What changes in the linked sentences (number): 1
  - number: Gazette 3 ↔ Herald 2: 40 → 45

Only in Gazette (left out by Herald): 2 sentences
  - 2. About 2,000 people attended the ceremony.
  - 4. Traffic will start next week.

Only in Herald (not in Gazette): 1 sentence
  - 3. Protesters gathered nearby.

2 linked pairs (0 same, 2 reworded, 0 partial) of 4 and 3 sentences; 6 findings:
omitted 2, added 1, reworded 2, number 1.

            Reference    Other
───────────────────────────────
Source      Gazette      Herald
Date        2024-03-01   —
Sentences   4            3

Linked      2 same 0, reworded 2, partial 0
Added       1 by Herald (not in Gazette)
Omitted     2 by Herald (only in Gazette)
Findings    6 omitted 2, added 1, reworded 2, number 1

Linked sentences (Gazette → Herald): 2 ─────────────────────────────────────────

Gazette 1 ↔ Herald 1 · reworded · score 0.83 · flags: reworded
  The mayor opened the [-new-] bridge on Monday {+morning+}.

Gazette 3 ↔ Herald 2 · reworded · score 0.67 · flags: number, reworded
  The bridge cost [-40-] {+45+} million euros{+, officials said+}.

Added by Herald (not in Gazette): 1 ────────────────────────────────────────────

  3. Protesters gathered nearby.

Omitted by Herald (only in Gazette): 2 ─────────────────────────────────────────

  2. About 2,000 people attended the ceremony.
  4. Traffic will start next week.

Findings: 6 ────────────────────────────────────────────────────────────────────

omitted (2)
  - Gazette 2: not in Herald: “About 2,000 people attended the ceremony.”
  - Gazette 4: not in Herald: “Traffic will start next week.”

added (1)
  - Herald 3: only in Herald: “Protesters gathered nearby.”

reworded (2)
  - Gazette 1 ↔ Herald 1: words added or removed
  - Gazette 3 ↔ Herald 2: “40” → “45”

number (1)
  - Gazette 3 ↔ Herald 2: 40 → 45
"""


def test_exact_render_at_80_columns() -> None:
    """The whole view of the small comparison at 80 columns without colour, to the character."""
    assert EXPECTED_80 == render_comparison(small(), width=80)


def test_default_is_plain_and_equals_to_text() -> None:
    """The defaults are 100 columns without colour, and Comparison.to_text gives the same text."""
    c = small()
    plain = render_comparison(c)
    assert "\x1b" not in plain
    assert plain == c.to_text()
    assert render_comparison(c, width=100) == plain


def test_environment_plays_no_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR, NO_COLOR, COLUMNS and TERM do not change what the library renders."""
    expected = render_comparison(small())
    expected_color = render_comparison(small(), color=True)
    for name, value in [("FORCE_COLOR", "1"), ("COLUMNS", "30"), ("TERM", "dumb")]:
        monkeypatch.setenv(name, value)
    assert expected == render_comparison(small())
    monkeypatch.setenv("NO_COLOR", "1")
    assert expected_color == render_comparison(small(), color=True)


def test_color_marks_words_with_styles_instead_of_markers() -> None:
    """With colour: deletions red and struck through, insertions green, no markers, same words."""
    c = small()
    plain = render_comparison(c, width=80)
    colored = render_comparison(c, width=80, color=True)
    assert "\x1b[9;31mnew\x1b[0m" in colored
    assert "\x1b[32mmorning\x1b[0m" in colored
    assert "\x1b[32m, officials said\x1b[0m" in colored
    bare = ANSI_RE.sub("", colored)
    assert "\x1b" not in bare
    for marker in ("[-", "-]", "{+", "+}"):
        assert marker not in bare
        plain = plain.replace(marker, "")
    assert plain.split() == bare.split()


def test_narrow_width_wraps_with_hanging_indents() -> None:
    """At 38 columns, changed words and sentences wrap under their first line's indent."""
    out = render_comparison(small(), width=38)
    assert all(cell_len(line) <= 38 for line in out.splitlines())
    linked = """\
Gazette 1 ↔ Herald 1 · reworded ·
score 0.83 · flags: reworded
  The mayor opened the [-new-] bridge
  on Monday {+morning+}.

Gazette 3 ↔ Herald 2 · reworded ·
score 0.67 · flags: number, reworded
  The bridge cost [-40-] {+45+}
  million euros{+, officials said+}.
"""
    assert linked in out
    assert "  2. About 2,000 people attended the\n     ceremony.\n" in out
    assert "  - Gazette 4: not in Herald:\n    “Traffic will start next week.”\n" in out
    # a heading too long for a rule beside it stands alone rather than being cut short
    assert "\nOmitted by Herald (only in Gazette): 2\n" in out


@pytest.mark.parametrize("width", [20, 33, 59, 100, 140])
def test_no_line_is_wider_than_the_width(cgtn_vs_relay: Comparison, width: int) -> None:
    """On the readouts, plain or coloured, every line fits the width (wide characters counted)."""
    for color in (False, True):
        out = ANSI_RE.sub("", render_comparison(cgtn_vs_relay, width=width, color=color))
        assert [] == [line for line in out.splitlines() if cell_len(line) > width]


def test_nothing_to_list_says_none() -> None:
    """A text compared with itself: a 'same' link per sentence; nothing added, omitted, found."""
    doc = Document.from_text("One sentence here. Another one there.", label="A")
    same = Comparison(
        reference=doc, other=doc, omitted=(), added=(), findings=(), options=Options(),
        links=tuple(
            Link((i,), (i,), 1.0, "same", (DiffOp("equal", s.text),))
            for i, s in enumerate(doc.sentences)
        ),
    )  # fmt: skip
    out = render_comparison(same, width=60)
    assert "A 2 ↔ A 2 · same · score 1.00\n  Another one there.\n" in out
    assert out.endswith(
        "Added by A (not in A): 0 ───────────────────────────────────\n\n  None.\n\n"
        "Omitted by A (only in A): 0 ────────────────────────────────\n\n  None.\n\n"
        "Findings: 0 ────────────────────────────────────────────────\n\n  None.\n"
    )


MARKUP = "[bold red]x[/]"
LINK = "[link=http://a]y[/link]"


def test_markup_in_source_text_is_printed_literally() -> None:
    """Rich markup, emoji codes and escape sequences in documents and labels stay inert text."""
    ref = Document.from_text(f"The minister said {MARKUP} at noon. Talks ended.", label=MARKUP)
    other = Document.from_text(
        f"The minister said {MARKUP} at noon today. See {LINK} :smile: \x1b[31mnow.", label=LINK
    )
    c = Comparison(
        reference=ref, other=other, omitted=(1,), added=(1,), options=Options(),
        links=(
            Link((0,), (0,), 0.9, "reworded", (
                DiffOp("equal", f"The minister said {MARKUP} at noon"),
                DiffOp("insert", f" today {LINK}"), DiffOp("equal", "."),
            ), ("reworded",)),
        ),
        findings=(Finding("added", (), (1,), f"only in {LINK}: “See {LINK}”"),),
    )  # fmt: skip
    plain = render_comparison(c, width=200)
    colored = render_comparison(c, width=200, color=True)
    assert "\x1b" not in plain
    assert "\x1b]8;" not in colored  # no hyperlink escape
    assert "\x1b[31mnow" not in colored
    for out in (plain, ANSI_RE.sub("", colored)):
        assert f"The minister said {MARKUP} at noon" in out
        assert f"{MARKUP} 1 ↔ {LINK} 1 · reworded" in out
        assert f"  2. See {LINK} :smile: \ufffd[31mnow." in out
        assert f"only in {LINK}: “See {LINK}”" in out
    assert f"at noon {{+today {LINK}+}}." in plain
    assert f"at noon \x1b[32mtoday {LINK}\x1b[0m." in colored


class _Tty(io.StringIO):
    """A standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment without the variables that steer colour and width."""
    for name in (
        "NO_COLOR",
        "FORCE_COLOR",
        "TTY_COMPATIBLE",
        "COLUMNS",
        "LINES",
        "JUPYTER_COLUMNS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return monkeypatch


def cli(argv: list[str], stdout: io.StringIO, env: pytest.MonkeyPatch) -> str:
    """Run the command line in-process with ``stdout`` as standard output; return what it wrote."""
    env.setattr(sys, "stdout", stdout)
    assert 0 == main([CGTN, RELAY, *argv])
    return stdout.getvalue()


@pytest.mark.parametrize(
    ("variables", "color"),
    [
        pytest.param({}, False, id="piped"),
        pytest.param({"FORCE_COLOR": "1"}, True, id="force-color"),
        pytest.param({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, id="no-color-wins"),
        pytest.param({"FORCE_COLOR": "1", "NO_COLOR": ""}, True, id="empty-no-color-ignored"),
        pytest.param({"COLUMNS": "60"}, False, id="columns-ignored-when-piped"),
    ],
)
def test_cli_piped(
    env: pytest.MonkeyPatch, cgtn_vs_relay: Comparison, variables: dict[str, str], color: bool
) -> None:
    """Piped output is 100 columns; colour only with FORCE_COLOR, and never with NO_COLOR."""
    for name, value in variables.items():
        env.setenv(name, value)
    out = cli(["--label", "CGTN", "--label", "SANA"], io.StringIO(), env)
    assert cgtn_vs_relay.to_text(width=100, color=color) == out


@pytest.mark.parametrize(
    ("variables", "argv", "width", "color"),
    [
        pytest.param({"COLUMNS": "72"}, [], 72, True, id="terminal"),
        pytest.param({"COLUMNS": "72", "NO_COLOR": "1"}, [], 72, False, id="no-color"),
        pytest.param({"COLUMNS": "72"}, ["--width", "50"], 50, True, id="width-wins"),
        # rich gives a dumb terminal 80 columns whatever COLUMNS says
        pytest.param({"COLUMNS": "72", "TERM": "dumb"}, [], 80, False, id="dumb-terminal"),
    ],
)
def test_cli_on_a_terminal(
    env: pytest.MonkeyPatch,
    cgtn_vs_relay: Comparison,
    variables: dict[str, str],
    argv: list[str],
    width: int,
    color: bool,
) -> None:
    """On a terminal: its width unless --width, colour unless NO_COLOR or a dumb terminal."""
    for name, value in variables.items():
        env.setenv(name, value)
    out = cli(["--label", "CGTN", "--label", "SANA", *argv], _Tty(), env)
    assert cgtn_vs_relay.to_text(width=width, color=color) == out


def test_cli_output_file_is_plain(
    env: pytest.MonkeyPatch, cgtn_vs_relay: Comparison, tmp_path: Path
) -> None:
    """-o FILE gets plain text at 100 columns even with FORCE_COLOR and a terminal on stdout."""
    env.setenv("FORCE_COLOR", "1")
    env.setenv("COLUMNS", "60")
    target = tmp_path / "out.txt"
    assert "" == cli(["--label", "CGTN", "--label", "SANA", "-o", str(target)], _Tty(), env)
    assert cgtn_vs_relay.to_text() == target.read_text(encoding="utf-8")


def test_help_does_not_import_rich() -> None:
    """`python -m compare --help` does not import rich (only the text view needs it)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "compare", "--help"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    modules = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert "compare.cli" in modules
    assert [] == sorted(m for m in modules if m == "rich" or m.startswith("rich."))


# -- the large grids (added, omitted, findings) are laid out in linear time ------------------------

_WORDS = ["a", "bridge", "opened", "Monday.", "“quoted”", "—", "2,000", "国务院", "😀", "x" * 9]


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["-", "1.", "12.", "123.", "21400."]),
            st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25).map(" ".join),
        ),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(min_value=20, max_value=130),
    right=st.booleans(),
)
def test_grid_lines_are_richs_own(rows: list[tuple[str, str]], width: int, right: bool) -> None:
    """The hand-laid grid has exactly the lines rich's table draws, at any width, for one-cell,
    wide and emoji characters and words longer than a line."""
    assert _rich_grid(rows, width, right=right) == _grid(rows, width, right=right).lines


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("abcdefgh xyz", 4, ["abcd", "efgh", " xyz"]),  # rich keeps the cut word's space
        ("abcdefghij xy", 4, ["abcd", "efgh", "ij", "xy"]),
        ("one two three", 7, ["one two", "three"]),
        ("one two three", 13, ["one two three"]),
    ],
)
def test_folds_as_rich_folds(text: str, width: int, expected: list[str]) -> None:
    """Words go whole onto the next line; a word longer than a line is cut, as rich cuts it."""
    assert expected == _folds(text, width)


def test_added_sentences_are_not_laid_out_through_a_rich_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 added sentences: rich's table (a full layout per cell; 57 s for the issue's 21,400
    sentences) draws only the summary's few rows, never one row per sentence or finding."""
    rows: list[int] = []
    original = Table.add_row

    def counted(self: Table, *cells: object, **kwargs: object) -> None:
        rows.append(1)
        original(self, *cells, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Table, "add_row", counted)
    ref = Document.from_text("The mayor opened the bridge.", label="Gazette", id="gazette")
    other = Document.from_text(
        " ".join(f"Item {k} was added to the list." for k in range(2000)), label="Herald", id="h"
    )
    view = compare(ref, other).to_text(width=80)
    assert "2000. Item 1999 was added to the list." in view
    assert len(rows) < 20


def test_linked_sentences_without_colour_are_laid_out_without_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """300 links, no colour: the lines are laid out here, not wrapped by rich one link at a time
    (0.7 ms each through rich's layout); the words and their markers are all there."""
    wraps: list[int] = []
    original = Text.wrap

    def counted(self: Text, *args: object, **kwargs: object) -> object:
        wraps.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Text, "wrap", counted)
    sentences = [f"Delegation {k} met the mayor of town {k} on Monday." for k in range(300)]
    ref = Document.from_text(" ".join(sentences), label="Gazette", id="g")
    edited = [s.replace("Monday", "Tuesday morning") for s in sentences]
    other = Document.from_text(" ".join(edited), label="Herald", id="h")
    view = compare(ref, other).to_text(width=60)
    assert 300 == view.count("on [-Monday-]\n  {+Tuesday morning+}.\n")
    assert len(wraps) < 100  # the summary and headings; not one per link (2,743 before)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcXY.,-", min_size=1, max_size=25),
            st.sampled_from([" ", " ", "  ", "      "]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.integers(1, 40),
)
def test_line_at_a_time_folds_are_rich_word_loop_folds(
    parts: list[tuple[str, str]], width: int
) -> None:
    """Breaking a line at a time (a regular expression per line) gives the lines of rich's
    word-by-word loop, long words, runs of spaces and trailing spaces included."""
    text = "".join(word + space for word, space in parts)
    assert _word_folds(text, width) == _folds(text, width)
    assert _word_folds(text.rstrip(), width) == _folds(text.rstrip(), width)


# -- without colour the whole view is laid out here, with rich's lines -----------------------------

_PAIRS = [(a, b) for a in sorted(READOUTS.glob("*.txt")) for b in sorted(READOUTS.glob("*.txt"))]


@pytest.mark.parametrize(("a", "b"), _PAIRS, ids=[f"{a.stem}-{b.stem}" for a, b in _PAIRS])
def test_plain_view_has_the_lines_rich_draws(a: Path, b: Path) -> None:
    """Every readout pair (itself included: no finding, nothing added), at widths from the
    narrowest to wider than any line: the hand-drawn view is, line for line, rich's."""
    c = compare(load(a), load(b))
    for width in (20, 33, 61, 80, 100, 160):
        assert _render(c, width, False, by_hand=False) == _render(c, width, False, by_hand=True)


_LABELS = ["Gazette", "Le Monde diplomatique", "国务院新闻办公室", "x" * 70, "😀 news", "a b"]


@settings(max_examples=150, deadline=None)
@given(
    ref_label=st.sampled_from(_LABELS),
    other_label=st.sampled_from(_LABELS),
    date=st.sampled_from(["", "date: 2024-03-01\n", "date: 2021-11-05\nauthor: 王毅\n"]),
    width=st.integers(min_value=20, max_value=130),
    filtered=st.booleans(),
)
def test_plain_summary_and_headings_are_richs_own(
    ref_label: str, other_label: str, date: str, width: int, filtered: bool
) -> None:
    """Labels long, wide or with emoji, with or without dates and authors, at any width: the
    sources table, the counts, the headings and "None." lines are the ones rich draws (a table
    too wide to lay out on one line per row is left to rich)."""
    c = small()
    ref = Document.from_text(date + c.reference.text, label=ref_label, id="r")
    other = Document.from_text(c.other.text, label=other_label, id="o")
    view = compare(ref, other)
    if filtered:
        view = view.filtered(only=["number"])
    assert _render(view, width, False, by_hand=False) == _render(view, width, False, by_hand=True)


def test_piped_settings_need_no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Into a file that is no terminal, with none of rich's terminal variables set, the view is
    100 columns without colour, decided without asking rich; with FORCE_COLOR, rich is asked.
    Piped, the readouts' view is drawn without rich's console, tables or text."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    assert (100, False) == terminal_settings(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert (100, True) == terminal_settings(io.StringIO())
    code = (
        "import io, sys; from compare.report.text import terminal_settings, render_comparison; "
        "from compare import compare, load; "
        f"c = compare(load({CGTN!r}), load({RELAY!r})); "
        "terminal_settings(io.StringIO()); render_comparison(c); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )  # rich.cells alone measures the characters that are not printable ASCII
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    drawn = {"rich.console", "rich.table", "rich.text", "rich.segment", "rich.padding"}
    assert set() == drawn & set(ast.literal_eval(out.stdout))


_ODD_TEXT = st.text(
    alphabet=st.sampled_from(list("ab \t\n\r\x0b\x0c\x1b\x1c\x85\x9b\u2028\u2029\u202e’")),
    max_size=30,
)


@given(st.lists(_ODD_TEXT, max_size=6))
def test_clean_all_is_clean_of_each(texts: list[str]) -> None:
    """Cleaning many texts in one pass gives each text's own clean()."""
    assert [clean(t) for t in texts] == clean_all(texts)


@given(_ODD_TEXT)
def test_unpadded_is_splitlines_rstrip(text: str) -> None:
    """Dropping trailing spaces in one search keeps what splitting and stripping each line gives
    (any of Python's line breaks included)."""
    text += "\n"
    assert "".join(line.rstrip(" ") + "\n" for line in text.splitlines()) == _unpadded(text)


@given(
    st.lists(st.text(alphabet="ab’-", min_size=1, max_size=12), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=30),
)
def test_spaced_folds_are_folds(words: list[str], width: int) -> None:
    """Text of single spaces between words folds by rfind as by the line pattern (rich's rule),
    or is left to it when a word is longer than a line."""
    text = " ".join(words)
    assert _spaced([text, "x y"])
    lines = _spaced_folds(text, width)
    assert lines is None or _folds(text, width, True) == lines
    assert (lines is None) == (max(map(len, words)) > width and len(text) > width)


def test_spaced_tells_other_whitespace() -> None:
    """Two spaces, a space at either end, a tab or a NUL in a text are not single spaces."""
    assert _spaced(["a b", "c"])
    for odd in ("a  b", " a", "a ", "a\tb", "a\u2028b", "a\x00b"):
        assert not _spaced(["x", odd])


def test_other_space_class_is_whitespace_but_the_space() -> None:
    """The class of whitespace but the space is every str.isspace() character but the space."""
    chars = [chr(k) for k in range(0x110000) if not 0xD800 <= k < 0xE000]
    expected = {ch for ch in chars if ch.isspace()} - {" "}
    assert expected == {ch for ch in chars if _OTHER_SPACE_RE.fullmatch(ch)}
