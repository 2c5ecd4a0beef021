"""Corpus output as records: one JSON object per article, event and reused passage, and the
index page linking each event's HTML report. Formats what :mod:`compare.corpus` found; computes
nothing.

Every record carries its schema id: ``compare.corpus.article/1``, ``compare.corpus.event/1``
(an event's id, articles and its ``compare.collation/1`` collation, or the one-line reason it was
not collated), ``compare.corpus.reuse/2`` (a passage with character offsets into both articles,
whether they lie in one event, and its likely direction with the evidence; ``/1`` listed only
passages across events, without a direction).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import attrs

from compare._records import record_repr
from compare.corpus import Corpus, Event, Passage
from compare.corpus.articles import Article
from compare.model import Collation
from compare.report.html import render_collation_html
from compare.report.json import collation_to_dict, dumps

__all__ = [
    "ARTICLE_SCHEMA",
    "EVENT_SCHEMA",
    "REUSE_SCHEMA",
    "EventPage",
    "article_record",
    "event_record",
    "index_html",
    "jsonl",
    "render_event",
    "reuse_record",
]

ARTICLE_SCHEMA = "compare.corpus.article/1"
EVENT_SCHEMA = "compare.corpus.event/1"
REUSE_SCHEMA = "compare.corpus.reuse/2"


def jsonl(record: dict[str, Any]) -> str:
    """One record as one JSON line (sorted keys, control characters escaped)."""
    return dumps(record, indent=None)


def article_record(article: Article, event: str) -> dict[str, Any]:
    """An article's line: its id, the event it was put in, its metadata and extra fields."""
    out: dict[str, Any] = {"schema": ARTICLE_SCHEMA, "id": article.id, "event": event}
    for key in ("outlet", "date", "title", "url"):
        value = getattr(article, key)
        if value is not None:
            out[key] = value
    if article.event is not None:
        out["given_event"] = article.event
    if article.extra:
        out["extra"] = dict(article.extra)  # the input line's other fields, unchanged
    return out


def event_record(event: Event, collation: Collation | str | None) -> dict[str, Any]:
    """An event's line: id, articles, and its collation (``None`` for a single article;
    ``error`` holds the message when the collation was refused)."""
    out: dict[str, Any] = {
        "schema": EVENT_SCHEMA, "id": event.id, "articles": list(event.articles),
        "given": event.given, "collation": None,
    }  # fmt: skip
    if isinstance(collation, str):
        out["error"] = collation
    elif collation is not None:
        out["collation"] = collation_to_dict(collation)
    return out


def reuse_record(passage: Passage, corpus: Corpus) -> dict[str, Any]:
    """A reused passage's line: both articles with their events and character offsets, and
    its likely direction with the evidence."""

    def side(article_id: str, span: tuple[int, int]) -> dict[str, Any]:
        return {
            "id": article_id, "event": corpus.event_of[article_id],
            "start": span[0], "end": span[1],
        }  # fmt: skip

    return {
        "schema": REUSE_SCHEMA,
        "a": side(passage.a, passage.a_span),
        "b": side(passage.b, passage.b_span),
        "words": passage.words,
        "text": passage.text,
        "same_event": passage.same_event,
        "direction": passage.direction,
        "evidence": list(passage.evidence),
    }


@attrs.frozen
class EventPage:
    """What one collated event gives the output: its record and its HTML report."""

    __repr__ = record_repr

    record: dict[str, Any] = attrs.field(hash=False)
    html: str


def render_event(event: Event, collation: Collation) -> EventPage:
    """Render a collated event (run in the pool's workers by :func:`compare.corpus.map_events`)."""
    return EventPage(event_record(event, collation), render_collation_html(collation))


def index_html(corpus: Corpus, pages: Sequence[tuple[Event, str | None, str | None]]) -> str:
    """The index page: one row per event with two or more articles, linking its report
    (``pages``: event, report file name or None, refusal message or None); all text escaped."""
    outlets = {a.id: a.label for a in map(corpus.articles.stub, range(len(corpus.articles)))}
    rows = []
    for event, page, error in pages:
        name = escape(event.id)
        link = f'<a href="{escape(page, quote=True)}">{name}</a>' if page else name
        sources = escape(", ".join(sorted({outlets[i] for i in event.articles})))
        note = f'<td class="error">{escape(error)}</td>' if error else "<td></td>"
        rows.append(
            f"<tr><td>{link}</td><td>{len(event.articles)}</td><td>{sources}</td>{note}</tr>"
        )
    single = sum(1 for e in corpus.events if len(e.articles) == 1)
    across = sum(not p.same_event for p in corpus.reuse)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Corpus events</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3rem .6rem;"
        "text-align:left;vertical-align:top}.error{color:#a00}</style></head><body>"
        f"<h1>Corpus events</h1><p>{len(corpus.articles)} articles, {len(corpus.events)} events "
        f"({single} with a single article, not listed), {across} passages reused across "
        f"events and {len(corpus.reuse) - across} within them (reuse.jsonl).</p>"
        "<table><thead><tr><th>Event</th><th>Articles</th><th>Sources</th><th>Note</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
