"""What the command line's start-up builds more cheaply holds the same values and output:
tables built at import, the argument parser's help."""

from __future__ import annotations

import re
import sys

import pytest

from compare import cli, debris, diff


def test_the_diff_code_table_is_code_point_of_each_index() -> None:
    assert "".join(diff.code_point(n) for n in range(diff._TABLED)) == diff._FIRST_CODES


def test_a_flag_added_asks_no_terminal_width_and_help_wraps_at_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Building the parser imports no shutil (argparse's width query); its help is wrapped at
    the terminal's width all the same."""
    with monkeypatch.context() as patched:
        patched.setitem(sys.modules, "shutil", None)  # importing shutil now fails
        parser = cli._parser()
    widths = {}
    for columns in (50, 120):
        monkeypatch.setenv("COLUMNS", str(columns))
        widths[columns] = sorted(map(len, parser.format_help().splitlines()))
    # most lines wrap within the width (a long flag with its choices cannot)
    assert widths[50][len(widths[50]) * 9 // 10] <= 48 < widths[120][-1] <= 118


@pytest.mark.parametrize(
    "line",
    [
        "Updated 21:01, 05-Nov-2021",
        "LAST UPDATED: Nov 5, 2021",
        "first published on 5 November 2021 by Jane Doe",
        "Posted at 10:00 GMT",
        "By Jane Doe and John Smith",
        "By J. Smith, Reuters",
        "Byline text that is not one",
        "Xi Jinping said Friday that China is ready",
        "  Updated 21:01",
        "updatedness",
    ],
)
def test_a_debris_pattern_compiled_on_demand_reads_its_lines_as_before(line: str) -> None:
    """The prefix checks before the time-stamp and byline patterns only skip lines those
    patterns cannot match."""
    updated = re.compile(debris._UPDATED.pattern, debris._UPDATED.flags).fullmatch(line)
    byline = re.compile(debris._BYLINE.pattern).fullmatch(line)
    assert updated is None or debris._UPDATED_START.match(line) is not None
    assert byline is None or line.startswith("By")
    kind = debris._line_kind(line)
    assert (kind is not None and kind[0] == "updated") == (updated is not None)
    assert (kind is not None and kind[0] == "byline") == (updated is None and byline is not None)


def test_the_characters_drawn_one_cell_wide_without_rich_are_so_in_rich() -> None:
    from rich.cells import cell_len

    from compare.report import text

    assert not [ch for ch in sorted(text._NARROW) if cell_len(ch) != 1]
