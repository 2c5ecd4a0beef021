"""What the command line's start-up builds more cheaply holds the same values and output:
tables built at import, the argument parser's help."""

from __future__ import annotations

import sys

import pytest

from compare import cli, diff


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
