"""Corpus input: a folder of text/HTML files, a JSONL file or a Parquet file, read one article at
a time.

A JSONL line is an object with a string ``id`` and ``text`` and, optionally, ``outlet``, ``date``,
``title``, ``url`` and ``event`` (strings); other fields pass through in :attr:`Article.extra`. A
folder is read file by file in name order (``.txt``, ``.md``, ``.html``, ``.htm``; web pages
through :func:`compare.load`, which needs the ``web`` extra). A ``.parquet`` file (the
``parquet`` extra: pyarrow) has the same columns, read a batch of rows at a time; a ``date``
column of Arrow dates reads as ISO dates, and other columns pass through (dates and other
non-JSON values as strings). A malformed line, row or an unreadable
file raises one :class:`~compare.errors.InputError` naming ``file:line``, or, with
``skip_bad=True``, is recorded in the reader's ``skipped`` list and passed over.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from compare.errors import InputError, MissingExtraError
from compare.loading import derive_id, load

__all__ = ["FIELDS", "PARQUET_INSTALL", "TEXT_SUFFIXES", "Article", "Reader", "read_articles"]

FIELDS = ("outlet", "date", "title", "url", "event")
"""The optional fields an article may carry, besides ``id`` and ``text``."""
TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
"""File name endings a folder's articles are read from; other files are passed over."""
PARQUET_INSTALL = 'pip install "compare-accounts[parquet]"'
"""The command that installs what Parquet input and output need (pyarrow)."""
BATCH = 1024
"""Parquet rows decoded at a time: memory holds one batch, not the file."""


def parquet_module(what: str) -> Any:
    """``pyarrow.parquet``, or a :class:`MissingExtraError` saying ``what`` needs the extra."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError(f"{what} needs the parquet extra: {PARQUET_INSTALL}") from None
    return pq


def _frozen(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of the extra fields."""
    return dict(value)


@attrs.frozen
class Article:
    """One input article: its id and text, its optional metadata, and where it was read from."""

    id: str
    text: str
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    event: str | None = None
    """The event the input puts the article in, or None to find it by blocking."""
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen, hash=False)
    """Other fields of the JSONL line, passed through unchanged."""
    where: str = ""
    """``file:line`` or the file path, for messages."""

    @property
    def label(self) -> str:
        """The name a report shows: the outlet, else the id."""
        return self.outlet or self.id


@attrs.define
class Reader:
    """Reads articles lazily (iterate it); ``skipped`` lists what ``skip_bad`` passed over."""

    source: Path
    skip_bad: bool = False
    skipped: list[str] = attrs.field(factory=list)

    def __iter__(self) -> Iterator[Article]:
        """Yield the articles in input order, checking that their ids are unique."""
        seen: set[str] = set()
        if not self.source.is_file():
            items = self._files()
        elif self.source.suffix.lower() == ".parquet":
            items = self._rows()
        else:
            items = self._lines()
        for item in items:
            if isinstance(item, str):
                self._bad(item)
            elif item.id in seen:
                self._bad(f"{item.where}: duplicate article id {item.id!r}")
            else:
                seen.add(item.id)
                yield item

    def _bad(self, message: str) -> None:
        """Record a bad input under ``skip_bad``, else raise it."""
        if not self.skip_bad:
            raise InputError(message)
        self.skipped.append(message)

    def _lines(self) -> Iterator[Article | str]:
        """Articles from a JSONL file, or the message of a bad line."""
        name = str(self.source)
        try:
            fh = open(self.source, encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
        with fh:
            number = 0
            while True:
                number += 1
                where = f"{name}:{number}"
                try:
                    line = fh.readline()
                except (OSError, UnicodeDecodeError) as exc:
                    raise InputError(f"{where}: cannot read: {exc}") from exc
                if not line:
                    return
                if line.strip():
                    yield _from_line(line, where)

    def _rows(self) -> Iterator[Article | str]:
        """Articles from a Parquet file's rows, a batch at a time, or the message of a bad row."""
        name = str(self.source)
        pq = parquet_module(f"{name}: reading Parquet")
        try:
            table = pq.ParquetFile(self.source)
            columns = set(table.schema_arrow.names)
        except Exception as exc:  # pyarrow raises its own errors (ArrowInvalid, OSError...)
            raise InputError(f"{name}: cannot read as Parquet: {exc}") from exc
        missing = [c for c in ("id", "text") if c not in columns]
        if missing:
            raise InputError(f"{name}: no {' or '.join(map(repr, missing))} column")
        number = 0
        for batch in table.iter_batches(batch_size=BATCH):
            for row in batch.to_pylist():
                number += 1
                yield _from_row(_plain(row), f"{name}:{number}")

    def _files(self) -> Iterator[Article | str]:
        """Articles from a folder's text and HTML files, or the message of a bad file."""
        if not self.source.is_dir():
            raise InputError(f"{self.source}: no such file or folder")
        paths = sorted(
            p for p in self.source.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
        )
        if not paths:
            raise InputError(f"{self.source}: no .txt or .html files in the folder")
        for path in paths:
            rel = path.relative_to(self.source)
            try:
                doc = load(path, id=derive_id(str(rel.with_suffix(""))))
            except MissingExtraError:
                raise
            except InputError as exc:
                yield str(exc)
                continue
            meta = dict(doc.meta)
            yield Article(
                id=doc.id,
                text=doc.text,
                outlet=meta.pop("outlet", None) or doc.label,
                date=meta.pop("date", None),
                title=meta.pop("title", None),
                url=meta.pop("url", None),
                event=meta.pop("event", None),
                where=os.fspath(path),
            )


def _plain(value: Any) -> Any:
    """A Parquet value as JSON would hold it: dates and times as ISO strings, bytes and other
    values as their ``str``, lists and mappings walked."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def _from_line(line: str, where: str) -> Article | str:
    """An article from one JSONL line, or the one-line message saying what is wrong with it."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"{where}: not JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(row, dict):
        return f"{where}: expected a JSON object, got {type(row).__name__}"
    return _from_row(row, where)


def _from_row(row: dict[str, Any], where: str) -> Article | str:
    """An article from one row's fields, or the one-line message saying what is wrong with it."""
    fields: dict[str, str | None] = {}
    for key in ("id", "text", *FIELDS):
        value = row.get(key)
        if key in ("id", "text") and value is None:
            return f"{where}: missing {key!r}"
        if value is not None and not isinstance(value, str):
            return f"{where}: {key!r} must be a string, got {type(value).__name__}"
        fields[key] = value
    article_id, text = fields.pop("id"), fields.pop("text")
    assert article_id is not None and text is not None  # checked above
    if not article_id.strip():
        return f"{where}: empty 'id'"
    if not text.strip() or "\x00" in text:
        return f"{where}: article {article_id!r} has no usable text (empty, or NUL characters)"
    extra = {k: v for k, v in row.items() if k not in ("id", "text", *FIELDS)}
    return Article(id=article_id, text=text, extra=extra, where=where, **fields)


def read_articles(source: str | os.PathLike[str], *, skip_bad: bool = False) -> Reader:
    """A lazy reader of the articles of a JSONL or Parquet file or a folder (module docstring)."""
    return Reader(Path(source), skip_bad=skip_bad)
