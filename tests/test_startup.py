"""What the command line's start-up builds more cheaply holds the same values and output:
tables built at import, the argument parser's help."""

from __future__ import annotations

import re
import sys
from pathlib import Path

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


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing of SciPy imported yet); its standard output."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_scipy_comes_without_numpys_fortran_wrapper_and_test_tools_and_numpy_is_put_back() -> None:
    """compare._sparse imports SciPy's sparse modules without numpy.f2py and numpy.testing
    (SciPy's namespace clone would import both), leaves numpy's ``__all__`` and ``__dir__`` the
    very objects they were, and SciPy works."""
    out = _fresh_python(
        "import sys, numpy\n"
        "names, listing = numpy.__all__, numpy.__dict__['__dir__']\n"
        "from compare import _sparse\n"
        "graph = _sparse.csgraph()\n"
        "print(sorted(m for m in ('numpy.f2py', 'numpy.testing') if m in sys.modules))\n"
        "print(numpy.__all__ is names, numpy.__dict__['__dir__'] is listing)\n"
        "print('f2py' in dir(numpy), 'testing' in numpy.__all__)\n"
        "m = _sparse.sparse().csr_matrix(([1.0, 1.0], ([0, 2], [1, 3])), shape=(4, 4))\n"
        "print(graph.connected_components(m, directed=False)[0],\n"
        "      _sparse.sparse() is sys.modules['scipy.sparse'])\n"
        "import numpy.testing\n"  # still importable, by name and as an attribute
        "print(numpy.testing.assert_array_equal is not None)\n"
    )
    assert out.split("\n")[:-1] == ["[]", "True True", "True True", "2 True", "True"]


def test_a_failed_scipy_import_still_puts_numpy_back() -> None:
    out = _fresh_python(
        "import numpy\n"
        "names, listing = numpy.__all__, numpy.__dict__['__dir__']\n"
        "from compare import _sparse\n"
        "try:\n"
        "    _sparse._import('scipy.no_such_module')\n"
        "except ModuleNotFoundError:\n"
        "    print('refused')\n"
        "print(numpy.__all__ is names, numpy.__dict__['__dir__'] is listing)\n"
    )
    assert out == "refused\nTrue True\n"


def test_scipy_imported_before_is_taken_as_it_is() -> None:
    """A process that imported SciPy itself (its clone made, numpy.testing with it) gets that
    module: nothing of numpy is touched."""
    out = _fresh_python(
        "import sys, scipy.sparse\n"
        "from compare import _sparse\n"
        "graph = _sparse.csgraph()\n"
        "print(graph is sys.modules['scipy.sparse.csgraph'], 'numpy.testing' in sys.modules)\n"
    )
    assert out == "True True\n"


def test_the_command_line_on_two_text_files_imports_no_pkgutil_and_no_python_diff() -> None:
    """Reading two text files and comparing them imports neither pkgutil (the package's loader
    reads its data files) nor the pure-Python diff_match_patch (with the C++ port installed,
    only a very long pair's diff needs it)."""
    readouts = Path(__file__).resolve().parent.parent / "examples" / "readouts"
    out = _fresh_python(
        "import io, sys, contextlib, compare.cli\n"
        f"readouts = {str(readouts) + '/'!r}\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    compare.cli.main([readouts + 'call-cgtn-chinese-readout.txt',\n"
        "                      readouts + 'call-syrian-readout-relay.txt'])\n"
        "print('pkgutil' in sys.modules, 'diff_match_patch' in sys.modules)\n"
    )
    # without the C++ port (no wheel for this Python) the Python port's clean-up needs it
    assert out == f"False {diff._native_diff is None}\n"
