"""``compare-accounts corpus INPUT -o OUT_DIR``: group a corpus into events, collate each, write
``articles.jsonl``, ``events.jsonl``, ``reuse.jsonl``, ``index.html`` and one HTML report per
event under ``events/``. Parses arguments, calls the API, writes; no analysis here."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from compare.corpus import Blocking, Event, group, map_events
from compare.errors import CompareError
from compare.loading import derive_id
from compare.report.corpus import (
    EventPage,
    article_record,
    event_record,
    index_html,
    jsonl,
    render_event,
    reuse_record,
)
from compare.scale import Progress

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
        "event) or a folder of .txt/.html files",
    )  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="folder to write")
    p.add_argument(
        "--workers",
        type=_at_least(1, "a positive integer"),
        help="processes collating events (default: CPUs)",
    )
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
        "--quiet", "-q", action="store_true",
        help="no progress line (shown on stderr only when it is a terminal)",
    )  # fmt: skip


def _page_name(k: int, event: Event) -> str:
    """The report file of the ``k``-th event: numbered, so any event id gives a unique name."""
    return f"events/{k:04d}-{derive_id(event.id)[:60]}.html"


def run(args: argparse.Namespace, progress: Progress) -> str:
    """Run the corpus command; write the output folder; return the summary line."""
    rules = Blocking(date_window=args.date_window, different_outlet=args.different_outlet)
    corpus = group(args.input, blocking=rules, skip_bad=args.skip_bad, progress=progress)
    out = Path(args.output)
    try:
        (out / "events").mkdir(parents=True, exist_ok=True)
        with (out / "articles.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
            for art in corpus.articles:
                fh.write(jsonl(article_record(art, corpus.event_of[art.id])))
        with (out / "reuse.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
            for passage in corpus.reuse:
                fh.write(jsonl(reuse_record(passage, corpus)))
        pages: list[tuple[Event, str | None, str | None]] = []
        # in event order, skipping single-article events: read one at a time as they come
        results = map_events(corpus, render_event, workers=args.workers, progress=progress)
        with (out / "events.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
            for k, event in enumerate(corpus.events, start=1):
                result: EventPage | str | None = None
                if len(event.articles) > 1:
                    _, result = next(results)
                if isinstance(result, EventPage):
                    name = _page_name(k, event)
                    (out / name).write_text(result.html, encoding="utf-8")
                    fh.write(result.line)
                    pages.append((event, name, None))
                    continue
                fh.write(jsonl(event_record(event, result)))
                if result is not None:
                    pages.append((event, None, result))
        (out / "index.html").write_text(index_html(corpus, pages), encoding="utf-8")
    except OSError as exc:
        raise CompareError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    collated = sum(1 for _, page, _ in pages if page)
    skipped = f", {len(corpus.skipped)} bad inputs skipped" if corpus.skipped else ""
    return (
        f"{len(corpus.articles)} articles, {len(corpus.events)} events ({collated} collated), "
        f"{len(corpus.reuse)} passage(s) reused across events{skipped}; wrote "
        f"{os.path.join(args.output, 'index.html')}\n"
    )
