"""Write a grouped corpus to a folder: ``articles``, ``events`` and ``reuse`` as JSONL (or as
Parquet, the ``parquet`` extra), ``index.html`` and one HTML report per collated event.

:func:`write_corpus` is what ``compare-accounts corpus`` runs. Records are written as they come
(events in event order, as the pool or cluster finishes them), a Parquet file a batch of rows
at a time. Every record carries its schema id; a Parquet file also names it in its metadata
(``compare.schema``), and holds the nested JSON fields (an article's ``extra``, an event's
``collation``) as JSON text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TextIO

import attrs

from compare.corpus import CHUNK, REPORT_EVERY, Blocking, Corpus, Event, group, map_events
from compare.corpus.articles import parquet_module
from compare.errors import CompareError, InputError
from compare.loading import derive_id
from compare.options import Options
from compare.report.corpus import (
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    REUSE_SCHEMA,
    EventPage,
    article_record,
    event_record,
    index_html,
    jsonl,
    render_event,
    reuse_record,
)
from compare.scale import Progress, silent
from compare.scripts import AUTO

__all__ = ["JSON_COLUMNS", "Summary", "write_corpus"]

JSON_COLUMNS = frozenset({"extra", "collation"})
"""Record fields a Parquet file holds as JSON text (their shape varies from row to row)."""
ROWS = 512
"""Records buffered before a Parquet row group is written."""


class Sink(Protocol):
    """Where one kind of record goes, one record at a time."""

    def write(self, record: dict[str, Any]) -> None:
        """Take one record."""

    def close(self) -> None:
        """Finish the file."""


@attrs.define
class JsonlSink:
    """Records as JSON lines."""

    fh: TextIO

    def write(self, record: dict[str, Any]) -> None:
        """Write the record as one line."""
        self.fh.write(jsonl(record))

    def close(self) -> None:
        """Close the file."""
        self.fh.close()


def _arrow_schema(schema_id: str) -> Any:
    """The Arrow schema of one record kind, with its schema id in the metadata."""
    import pyarrow as pa

    text = pa.string()
    if schema_id == ARTICLE_SCHEMA:
        names = ("id", "event", "outlet", "date", "title", "url", "given_event", "extra")
        fields = [pa.field("schema", text), *(pa.field(n, text) for n in names)]
    elif schema_id == EVENT_SCHEMA:
        fields = [
            pa.field("schema", text), pa.field("id", text), pa.field("articles", pa.list_(text)),
            pa.field("given", pa.bool_()), pa.field("collation", text), pa.field("error", text),
        ]  # fmt: skip
    else:
        side = pa.struct(
            [("id", text), ("event", text), ("start", pa.int64()), ("end", pa.int64())]
        )
        fields = [
            pa.field("schema", text), pa.field("a", side), pa.field("b", side),
            pa.field("words", pa.int64()), pa.field("text", text),
            pa.field("same_event", pa.bool_()), pa.field("direction", text),
            pa.field("evidence", pa.list_(text)),
        ]  # fmt: skip
    return pa.schema(fields, metadata={"compare.schema": schema_id})


def _cell(name: str, value: Any) -> Any:
    """A record's field as its Parquet column holds it (nested JSON fields as JSON text)."""
    if name in JSON_COLUMNS and value is not None:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


class ParquetSink:
    """Records as rows of a Parquet file, written :data:`ROWS` at a time."""

    def __init__(self, path: Path, schema_id: str) -> None:
        pq = parquet_module("--parquet output")
        self._schema = _arrow_schema(schema_id)
        self._writer = pq.ParquetWriter(path, self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        """Buffer the record; write a row group when the buffer is full."""
        self._rows.append({n: _cell(n, record.get(n)) for n in self._schema.names})
        if len(self._rows) >= ROWS:
            self._flush()

    def _flush(self) -> None:
        """Write the buffered rows as one row group."""
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        """Write what is buffered and close the file."""
        self._flush()
        self._writer.close()


class _Sinks:
    """The three record files of an output folder, closed together."""

    def __init__(self, out: Path, parquet: bool) -> None:
        self.sinks: dict[str, Sink] = {}
        for name, schema_id in (
            ("articles", ARTICLE_SCHEMA), ("events", EVENT_SCHEMA), ("reuse", REUSE_SCHEMA),
        ):  # fmt: skip
            if parquet:
                self.sinks[name] = ParquetSink(out / f"{name}.parquet", schema_id)
            else:
                fh = (out / f"{name}.jsonl").open("w", encoding="utf-8", newline="\n")
                self.sinks[name] = JsonlSink(fh)

    def __enter__(self) -> dict[str, Sink]:
        return self.sinks

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for sink in self.sinks.values():
            sink.close()


@attrs.frozen
class Summary:
    """What :func:`write_corpus` wrote, for the command's summary line."""

    articles: int
    events: int
    collated: int
    reuse: int
    """Passages reused across events."""
    reuse_within: int
    """Passages shared by articles of one event."""
    skipped: int
    index: Path
    stats: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    """The corpus's counts per blocking stage (:attr:`compare.corpus.Corpus.stats`)."""


def _page_name(k: int, event: Event) -> str:
    """The report file of the ``k``-th event: numbered, so any event id gives a unique name."""
    return f"events/{k:04d}-{derive_id(event.id)[:60]}.html"


def write_corpus(
    source: str | os.PathLike[str] | Corpus,
    out: str | os.PathLike[str],
    *,
    blocking: Blocking | None = None,
    skip_bad: bool = False,
    workers: int | None = None,
    client: Any = None,
    chunk: int = CHUNK,
    parquet: bool = False,
    collate: bool = True,
    progress: Progress | None = None,
    outlet_aliases: Mapping[str, str | Sequence[str]] | None = None,
    options: Options | None = None,
    encoding: str | None = None,
) -> Summary:
    """Group ``source`` (a JSONL or Parquet file, a folder, or a grouped :class:`Corpus`) and
    write its records, reports and index to the folder ``out`` (module docstring); events are
    collated ``chunk`` per task in ``workers`` local processes, or on a Dask ``client``'s
    cluster (``collate=False``: events listed, not collated) with ``options`` (the
    collations'; a ``language`` other than ``auto`` is also blocking's); ``outlet_aliases`` as
    and ``encoding`` (a folder's files) as for :func:`compare.corpus.group`."""
    if isinstance(source, Corpus):
        if encoding is not None:
            raise InputError(
                "write_corpus(): an encoding applies to a folder input, not to a Corpus"
            )
        corpus = source
    else:
        language = options.language if options is not None else AUTO
        corpus = group(
            source, blocking=blocking, skip_bad=skip_bad, progress=progress, workers=workers,
            client=client, outlet_aliases=outlet_aliases, encoding=encoding,
            language="en" if language == AUTO else language,
        )  # fmt: skip
    folder = Path(out)
    if parquet:
        parquet_module("--parquet output")  # before any file is written
    try:
        (folder / "events").mkdir(parents=True, exist_ok=True)
        pages: list[tuple[Event, str | None, str | None]] = []
        with _Sinks(folder, parquet) as sinks:
            report = progress or silent
            for k, art in enumerate(corpus.articles):
                if not k % REPORT_EVERY:
                    report("writing articles", k, len(corpus.articles))
                sinks["articles"].write(article_record(art, corpus.event_of[art.id]))
            for passage in corpus.reuse:
                sinks["reuse"].write(reuse_record(passage, corpus))
            # in event order, skipping single-article events: read one at a time as they come
            results = map_events(
                corpus, render_event, options=options, workers=workers, client=client,
                chunk=chunk, progress=progress,
            )  # fmt: skip
            for k, event in enumerate(corpus.events, start=1):
                result: EventPage | str | None = None
                if len(event.articles) > 1 and collate:
                    _, result = next(results)
                if isinstance(result, EventPage):
                    name = _page_name(k, event)
                    (folder / name).write_text(result.html, encoding="utf-8")
                    sinks["events"].write(result.record)
                    pages.append((event, name, None))
                    continue
                sinks["events"].write(event_record(event, result))
                if result is not None:
                    pages.append((event, None, result))
        (folder / "index.html").write_text(index_html(corpus, pages), encoding="utf-8")
    except OSError as exc:
        raise CompareError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
    within = sum(p.same_event for p in corpus.reuse)
    return Summary(
        len(corpus.articles), len(corpus.events), _collated(pages), len(corpus.reuse) - within,
        within, len(corpus.skipped), folder / "index.html", corpus.stats,
    )  # fmt: skip


def _collated(pages: Sequence[tuple[Event, str | None, str | None]]) -> int:
    """How many events got a report."""
    return sum(1 for _, page, _ in pages if page)
