"""``compare-accounts corpus INPUT -o OUT_DIR``: group a corpus into events, collate each, write
``articles.jsonl``, ``events.jsonl``, ``reuse.jsonl`` (or ``.parquet``), ``index.html`` and one
HTML report per event under ``events/`` (:func:`compare.corpus.output.write_corpus`). Parses
arguments and calls the API; no analysis here."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from compare.corpus import Blocking
from compare.corpus.engine import dask_client
from compare.corpus.output import write_corpus
from compare.errors import InputError, OptionsError
from compare.options import Options, allowed_values, field_docs
from compare.report._common import counted
from compare.scale import Progress
from compare.scripts import AUTO

__all__ = ["add_arguments", "run"]


def _at_least(minimum: int, what: str) -> Callable[[str], int]:
    """A parser of whole numbers of at least ``minimum`` (``what`` names them in errors)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {what}, got {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be {what}, got {number}")
        return number

    return parse


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the corpus command's arguments to a parser."""
    p.add_argument(
        "input", metavar="INPUT",
        help="a JSONL file (one article a line: id, text, optional outlet, date, title, url, "
        "event), a Parquet file with those columns, or a folder of .txt/.html files",
    )  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="folder to write")
    p.add_argument(
        "--workers",
        type=_at_least(1, "a positive integer"),
        help="processes collating events (default: CPUs)",
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="collate events on a Dask cluster: its scheduler's address (tcp://host:8786), or "
        "'local' to start a LocalCluster of --workers processes (needs the dask extra)",
    )  # fmt: skip
    p.add_argument(
        "--encoding", metavar="NAME", default=None,
        help="encoding of a folder's .txt and .html files (default: by byte-order mark, else "
        "UTF-8), e.g. cp1252; JSONL and Parquet are read as UTF-8",
    )  # fmt: skip
    p.add_argument(
        "--skip-bad", action="store_true",
        help="skip malformed lines and unreadable files (counted), instead of stopping",
    )  # fmt: skip
    dates = p.add_mutually_exclusive_group()
    dates.add_argument(
        "--date-window", type=_at_least(0, "a whole number of days, 0 or more"), metavar="DAYS",
        default=Blocking().date_window,
        help="pair only articles dated at most DAYS apart (default: %(default)s; undated ones "
        "pair with any)",
    )  # fmt: skip
    dates.add_argument(
        "--any-date", dest="date_window", action="store_const", const=None,
        help="no date window: articles of any dates may pair",
    )  # fmt: skip
    p.add_argument(
        "--different-outlet", action="store_true",
        help="pair only articles of different outlets",
    )  # fmt: skip
    p.add_argument(
        "--outlet-aliases", metavar="FILE",
        help="a JSON file mapping an outlet to the other names articles credit it by, for "
        'provenance: {"CGTN": ["the Beijing account"]}',
    )  # fmt: skip
    p.add_argument(
        "--language", choices=allowed_values("language"), default=AUTO, metavar="NAME",
        help="the articles' language, for their word lists: %(choices)s (default: %(default)s, "
        "each event's own; blocking reads auto as en)",
    )  # fmt: skip
    rules = p.add_argument_group(
        "blocking (how articles are grouped into events; defaults chosen on BASIL, see README)"
    )
    docs = field_docs(Blocking)
    for field in attrs.fields(Blocking):
        if field.name in _OWN_FLAGS:
            continue
        kind = _structure if field.name == "structure" else type(field.default)
        extra = " Give 'none' for None." if field.name == "structure" else ""
        rules.add_argument(
            "--" + field.name.replace("_", "-"), dest=f"block_{field.name}", type=kind,
            default=None, metavar="N" if kind is int else "X",
            help=f"{docs.get(field.name, field.name)}{extra} (default {field.default})"
            .replace("%", "%%"),
        )  # fmt: skip
    p.add_argument(
        "--parquet", action="store_true",
        help="write articles, events and reuse as .parquet files instead of .jsonl (needs the "
        "parquet extra)",
    )  # fmt: skip
    p.add_argument(
        "--quiet", "-q", action="store_true",
        help="no progress line (shown on stderr only when it is a terminal)",
    )  # fmt: skip


_OWN_FLAGS = frozenset({"date_window", "different_outlet"})
"""Blocking fields with flags of their own (``--date-window``/``--any-date``,
``--different-outlet``); every other field is a flag of its name."""


_NONE = "none"
"""``--structure none``: components over every event edge (``Blocking(structure=None)``)."""


def _structure(text: str) -> float | str:
    """``--structure``: a number, or ``none`` (kept as the word: None means "not given")."""
    if text.strip().lower() == _NONE:
        return _NONE
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number in (0, 1] or 'none', got {text!r}") from None


def _rules(args: argparse.Namespace) -> Blocking:
    """The blocking rules the flags give (the defaults for every flag not given)."""
    given: dict[str, Any] = {}
    for field in attrs.fields(Blocking):
        value = getattr(args, f"block_{field.name}", None)
        if field.name not in _OWN_FLAGS and value is not None:
            given[field.name] = None if value == _NONE else value
    try:
        return Blocking(
            date_window=args.date_window, different_outlet=args.different_outlet, **given
        )
    except OptionsError as exc:  # name the flag the user typed, not the field
        message = re.sub(
            r"\bBlocking\.(\w+)", lambda m: "--" + m.group(1).replace("_", "-"), str(exc)
        )
        raise OptionsError(message) from None


def _aliases(path: str | None) -> Any:
    """The outlet aliases of a JSON file (checked by :func:`compare.corpus.group`), or None."""
    if path is None:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read the outlet aliases: {exc}") from exc


def run(args: argparse.Namespace, progress: Progress) -> str:
    """Run the corpus command; write the output folder; return the summary line."""
    rules = _rules(args)
    with contextlib.ExitStack() as stack:
        client = None
        if args.scheduler:
            client = stack.enter_context(dask_client(args.scheduler, workers=args.workers))
        done = write_corpus(
            args.input, args.output, blocking=rules, skip_bad=args.skip_bad,
            workers=args.workers, client=client, parquet=args.parquet, progress=progress,
            outlet_aliases=_aliases(args.outlet_aliases), options=Options(language=args.language),
            encoding=args.encoding,
        )  # fmt: skip
    skipped = f", {counted(done.skipped, 'bad input')} skipped" if done.skipped else ""
    return (
        f"{counted(done.articles, 'article')}, {counted(done.events, 'event')} "
        f"({done.collated} collated), {counted(done.reuse, 'passage')} reused across events, "
        f"{done.reuse_within} within{skipped}; "
        "wrote "
        f"{os.path.join(args.output, 'index.html')}\n"
    )
