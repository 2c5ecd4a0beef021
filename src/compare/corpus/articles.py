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
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import attrs

from compare.errors import InputError, MissingExtraError
from compare.loading import check_encoding, derive_id, label_from_meta, load

__all__ = [
    "FIELDS",
    "OUTLETS_FILE",
    "PARQUET_INSTALL",
    "TEXT_SUFFIXES",
    "Article",
    "Articles",
    "Reader",
    "read_articles",
    "stub",
]

FIELDS = ("outlet", "date", "title", "url", "event")
"""The optional fields an article may carry, besides ``id`` and ``text``."""
TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
"""File name endings a folder's articles are read from; other files are passed over."""
PARQUET_INSTALL = 'pip install "compare-accounts[parquet]"'
"""The command that installs what Parquet input and output need (pyarrow)."""
BATCH = 1024
"""Parquet rows decoded at a time: memory holds one batch, not the file."""
KEEP = 64
"""Articles read again from the source that :class:`Articles` keeps (the last ones asked for)."""


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
    """Reads articles lazily (iterate it); ``skipped`` lists what ``skip_bad`` passed over.

    Each article yielded also records where it lies in the source (``locations``: a JSONL
    line's byte offset, a Parquet row's number, a folder file's index), so :meth:`fetch` can
    read it again: a corpus holds its articles' metadata, not their texts.
    """

    source: Path
    skip_bad: bool = False
    encoding: str | None = None
    """The encoding of a folder's files (their byte-order mark, else UTF-8, when None)."""
    skipped: list[str] = attrs.field(factory=list)
    locations: list[int] = attrs.field(factory=list)
    _paths: list[Path] = attrs.field(factory=list)
    _outlets: dict[str, str] | None = None
    _group: tuple[int, Any] | None = None
    _opened: Any = None

    def __iter__(self) -> Iterator[Article]:
        """Yield the articles in input order, checking that their ids are unique."""
        seen: set[str] = set()
        self.locations = []
        if not self.source.is_file():
            items = self._files()
        elif self._parquet():
            items = self._rows()
        else:
            items = self._lines()
        for item, location in items:
            if isinstance(item, str):
                self._bad(item)
            elif item.id in seen:
                self._bad(f"{item.where}: duplicate article id {item.id!r}")
            else:
                seen.add(item.id)
                self.locations.append(location)
                yield item

    def _parquet(self) -> bool:
        """Whether the source is a Parquet file (by its name)."""
        return self.source.suffix.lower() == ".parquet"

    def _bad(self, message: str) -> None:
        """Record a bad input under ``skip_bad``, else raise it."""
        if not self.skip_bad:
            raise InputError(message)
        self.skipped.append(message)

    def fetch(self, location: int, where: str) -> Article:
        """The article at a location :meth:`__iter__` recorded (``where`` it was read, for
        messages), read again from the source."""
        if not self.source.is_file():
            found = self._file(self._paths[location])
        elif self._parquet():
            found = self._row(location)
        else:
            with open(self.source, "rb") as fh:
                fh.seek(location)
                found = _from_line(_decoded(fh.readline(), where), where)
        if isinstance(found, str):  # the source changed since it was read
            raise InputError(f"{found} (the input changed while it was read)")
        return found

    def _lines(self) -> Iterator[tuple[Article | str, int]]:
        """Articles from a JSONL file with their byte offsets, or the message of a bad line."""
        name = str(self.source)
        try:
            fh = open(self.source, "rb")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
        with fh:
            number = 0
            while True:
                number += 1
                where = f"{name}:{number}"
                offset = fh.tell()
                try:
                    raw = fh.readline()
                except OSError as exc:
                    raise InputError(f"{where}: cannot read: {exc}") from exc
                if not raw:
                    return
                line = _decoded(raw, where)
                if line.strip():
                    yield _from_line(line, where), offset

    def _rows(self) -> Iterator[tuple[Article | str, int]]:
        """Articles from a Parquet file's rows, a batch at a time, or the message of a bad row."""
        name = str(self.source)
        table = self._table()
        number = 0
        for batch in table.iter_batches(batch_size=BATCH):
            for row in batch.to_pylist():
                number += 1
                yield _from_row(_plain(row), f"{name}:{number}"), number - 1

    def _table(self) -> Any:
        """The Parquet file, opened, its ``id`` and ``text`` columns checked."""
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
        return table

    def _row(self, number: int) -> Article | str:
        """Row ``number`` (from 0) of the Parquet file: its row group is read, and kept until
        a row of another group is asked for (events' articles mostly lie close together)."""
        if self._opened is None:
            self._opened = self._table()
        table = self._opened
        first = 0
        for k in range(table.metadata.num_row_groups):
            rows = table.metadata.row_group(k).num_rows
            if number < first + rows:
                if self._group is None or self._group[0] != k:
                    self._group = (k, table.read_row_group(k))
                row = self._group[1].slice(number - first, 1).to_pylist()[0]
                return _from_row(_plain(row), f"{self.source}:{number + 1}")
            first += rows
        return f"{self.source}:{number + 1}: no such row"

    def _files(self) -> Iterator[tuple[Article | str, int]]:
        """Articles from a folder's text and HTML files, or the message of a bad file."""
        if not self.source.is_dir():
            raise InputError(f"{self.source}: no such file or folder")
        self._paths = sorted(
            p for p in self.source.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
        )
        if not self._paths:
            raise InputError(f"{self.source}: no .txt or .html files in the folder")
        for k, path in enumerate(self._paths):
            yield self._file(path), k

    def _file(self, path: Path) -> Article | str:
        """The article of one file of the folder, or the message saying why it cannot be read."""
        rel = path.relative_to(self.source)
        try:
            doc = load(path, id=derive_id(str(rel.with_suffix(""))), encoding=self.encoding)
        except MissingExtraError:
            raise
        except InputError as exc:
            return str(exc)
        meta = dict(doc.meta)
        named = label_from_meta(meta)  # the front matter's or page's outlet or source
        return Article(
            id=doc.id,
            text=doc.text,
            outlet=meta.pop("outlet", None) or self._folder_outlet(rel, named) or doc.label,
            date=meta.pop("date", None),
            title=meta.pop("title", None),
            url=meta.pop("url", None),
            event=meta.pop("event", None),
            where=os.fspath(path),
        )

    def _folder_outlet(self, rel: Path, named: str | None) -> str | None:
        """A folder file's outlet when its front matter names none (module docstring): the
        sidecar ``outlets.json``'s entry for the file or its nearest folder, else the label
        its page or front matter gives, else the name of the subfolder it lies in."""
        if self._outlets is None:
            self._outlets = _sidecar(self.source / OUTLETS_FILE)
        for key in (rel, *rel.parents):
            found = self._outlets.get(key.as_posix())
            if found:
                return found
        return named or (rel.parent.name or None)


OUTLETS_FILE = "outlets.json"
"""The sidecar of a folder input naming the outlet of its files or subfolders."""


def _sidecar(path: Path) -> dict[str, str]:
    """The ``outlets.json`` of a folder: relative file or folder path to outlet ({} if none)."""
    if not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read the outlets sidecar: {exc}") from exc
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in found.items()
    ):
        raise InputError(
            f"{path}: expected a JSON object of file or folder paths to outlet names (strings)"
        )
    return {Path(k).as_posix().strip("/"): v.strip() for k, v in found.items()}


def _decoded(raw: bytes, where: str) -> str:
    """A JSONL line's bytes as text (UTF-8), or an :class:`InputError` naming the line."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: cannot read: {exc}") from exc


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


class Articles(Sequence[Article]):
    """A corpus's articles in input order: each one's metadata is held (:meth:`stub`), its text
    read again from the source when the article is asked for (the last :data:`KEEP` kept), so a
    corpus does not hold its texts. Articles given in memory are simply held."""

    def __init__(self, stubs: Sequence[Article], reader: Reader | None = None) -> None:
        self._stubs = tuple(stubs)
        self._reader = reader
        self._recent: dict[int, Article] = {}

    @classmethod
    def held(cls, arts: Sequence[Article]) -> Articles:
        """Articles held in memory as they are."""
        return cls(arts, None)

    def __len__(self) -> int:
        return len(self._stubs)

    @overload
    def __getitem__(self, k: int) -> Article: ...

    @overload
    def __getitem__(self, k: slice) -> Sequence[Article]: ...

    def __getitem__(self, k: int | slice) -> Article | Sequence[Article]:
        """The ``k``-th article with its text (read again from the source when not held)."""
        if isinstance(k, slice):
            return [self[i] for i in range(len(self))[k]]
        if self._reader is None:
            return self._stubs[k]
        k = range(len(self))[k]
        found = self._recent.get(k)
        if found is None:
            stub = self._stubs[k]
            found = self._reader.fetch(self._reader.locations[k], stub.where)
            if len(self._recent) >= KEEP:
                del self._recent[next(iter(self._recent))]
            self._recent[k] = found
        return found

    def __iter__(self) -> Iterator[Article]:
        return (self[k] for k in range(len(self)))

    def stub(self, k: int) -> Article:
        """The ``k``-th article's metadata (its text is empty when the corpus does not hold
        texts, and its extra fields are dropped)."""
        return self._stubs[k]


def stub(article: Article) -> Article:
    """An article's metadata without its text and extra fields (what a corpus holds)."""
    return attrs.evolve(article, text="", extra={})


def read_articles(
    source: str | os.PathLike[str], *, skip_bad: bool = False, encoding: str | None = None
) -> Reader:
    """A lazy reader of the articles of a JSONL or Parquet file or a folder (module docstring);
    ``encoding`` names the encoding of a folder's files (JSONL and Parquet text is UTF-8)."""
    path = Path(source)
    if encoding is not None:
        check_encoding(encoding)
        if path.is_file():
            raise InputError(
                f"{path}: an encoding applies to a folder's .txt and .html files; JSONL and "
                "Parquet inputs are read as UTF-8"
            )
    return Reader(path, skip_bad=skip_bad, encoding=encoding)
