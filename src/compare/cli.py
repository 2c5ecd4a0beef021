"""Command line: parse arguments, call the public API, pick a renderer, write. No analysis here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

import attrs

from compare.collate import collate
from compare.errors import CompareError
from compare.load import load
from compare.model import Collation, Comparison, Document
from compare.options import Options
from compare.pairwise import compare

__all__ = ["main"]

PROG = "compare-accounts"
FORMATS = ("text", "json", "markdown", "html")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error and exit 2."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


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
    """Build the argument parser; every Options field becomes a flag of the same name."""
    p = _Parser(
        prog=PROG,
        description="Compare accounts of the same event sentence by sentence: what each source "
        "keeps, rewords, adds and omits.",
        epilog="example: compare-accounts examples/readouts/call-cgtn-chinese-readout.txt "
        "examples/readouts/call-syrian-readout-relay.txt",
    )
    p.add_argument("ref", metavar="REF", help="reference account (a file, or - for standard input)")
    p.add_argument("others", metavar="OTHER", nargs="+", help="account(s) to compare with REF")
    p.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.add_argument(
        "--label", action="append", default=[], metavar="NAME",
        help="display name of each input, in file order (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--width", type=_width, default=None,
        help="line width of the text view (default: the terminal's; 100 when not a terminal)",
    )  # fmt: skip
    group = p.add_argument_group("options (defaults chosen by measurement, see README)")
    for field in attrs.fields(Options):
        kind = type(field.default)
        group.add_argument(
            "--" + field.name.replace("_", "-"), dest=f"opt_{field.name}", metavar="X",
            type=kind if kind in (int, float) else str, default=None,
            help=f"{field.name} (default {field.default})",
        )  # fmt: skip
    return p


def _options(args: argparse.Namespace) -> Options:
    """Collect the option flags that were given into an Options object."""
    given = {
        f.name: getattr(args, f"opt_{f.name}")
        for f in attrs.fields(Options)
        if getattr(args, f"opt_{f.name}") is not None
    }
    return Options(**given)


def _load_all(paths: Sequence[str], labels: Sequence[str]) -> list[Document]:
    """Load every input, applying labels in file order."""
    if len(labels) > len(paths):
        raise CompareError(f"{len(labels)} --label values given for {len(paths)} inputs")
    if sum(1 for p in paths if p == "-") > 1:
        raise CompareError("standard input (-) can be read only once")
    return [
        load(path, label=labels[k] if k < len(labels) else None) for k, path in enumerate(paths)
    ]


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
    return result.to_text(width=width, color=color)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad usage or input)."""
    args = _parser().parse_args(argv)
    try:
        options = _options(args)
        docs = _load_all([args.ref, *args.others], args.label)
        result: Comparison | Collation
        if len(docs) > 2:
            result = collate(docs, options=options)
        else:
            result = compare(docs[0], docs[1], options=options)
        width, color = _text_settings(args) if args.format == "text" else (0, False)
        output = _render(result, args.format, width, color)
        if args.output:
            try:
                with open(args.output, "w", encoding="utf-8") as fh:
                    fh.write(output)
            except OSError as exc:
                raise CompareError(f"cannot write {args.output}: {exc.strerror}") from exc
        else:
            sys.stdout.write(output)
    except CompareError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
