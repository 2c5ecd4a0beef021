"""Corpus scale: group many articles into events, collate each event, find reused passages.

:func:`group` reads a corpus (:mod:`compare.corpus.articles`), proposes candidate pairs
(:mod:`compare.corpus.blocking`: shingles in a document-frequency band and rare-word TF-IDF, no
all-pairs step), puts each article in an event (the input's ``event`` field when it has one, else
a connected component of the event edges) and lists the passages two articles share, within an
event or across two (:mod:`compare.corpus.reuse`), with the likely direction of each
(:mod:`compare.corpus.provenance`). :func:`collate_events` then collates every event of two or
more articles with :func:`compare.collate`, a chunk of events per task, in a local process pool
or on a Dask cluster (:mod:`compare.corpus.engine`).
"""

from __future__ import annotations

import functools
import itertools
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import numpy as np

from compare.collation import collate
from compare.corpus.articles import Article, Articles, read_articles, stub
from compare.corpus.blocking import (
    Blocking,
    Candidates,
    HashArray,
    Hashed,
    IntArray,
    Shingler,
    article_record,
    components,
)
from compare.corpus.engine import ordered_map
from compare.corpus.provenance import direction, pair_facts
from compare.corpus.provenance import outlet_aliases as outlet_aliases_of
from compare.corpus.reuse import Passage, Passages, Shingled, passages, shingled_words
from compare.errors import CompareError, InputError, OptionsError
from compare.loading import document_from_text
from compare.model import Collation
from compare.options import Options, resolve_options
from compare.scale import Progress, silent
from compare.scripts import LanguageWarning

__all__ = [
    "Article",
    "Blocking",
    "Corpus",
    "Event",
    "Passage",
    "collate_events",
    "group",
    "map_events",
    "read_articles",
]

T = TypeVar("T")

REPORT_EVERY = 256
"""Articles or pairs between two progress reports."""
READ_CHUNK = 256
"""Articles per shingling task: tokenising one costs about a millisecond."""
PAIR_CHUNK = 512
"""Candidate pairs per reused-passages task: one costs a fraction of a millisecond. A task
carries its articles' texts and words (:class:`_ReuseTask`), a few megabytes; at 2,048 pairs
the four tasks in flight took 400 MB more at 10^4."""
CHUNK = 4
"""Events per pool task: one collation of three news articles takes tens of milliseconds, so
a task of a few keeps the pool's per-task overhead small without starving a worker."""


@attrs.frozen
class Event:
    """One event: its id and its articles' ids in input order."""

    id: str
    articles: tuple[str, ...]
    given: bool = False
    """Whether the input named the event (its ``event`` field) rather than blocking finding it."""


@attrs.frozen
class Corpus:
    """A corpus grouped into events, with the passages reused across events."""

    articles: Articles = attrs.field(eq=False)
    """Every article read, in input order: a sequence holding their metadata, which reads an
    article's text again from the source when asked for it (:class:`articles.Articles`)."""
    events: tuple[Event, ...]
    """Every event, single-article ones included, in order of their first article."""
    event_of: Mapping[str, str] = attrs.field(hash=False)
    """Article id to event id."""
    reuse: Sequence[Passage] = attrs.field(hash=False)
    """Passages shared by two articles, of one event or of two (``same_event``), in article
    order, each with its likely direction: on disk (:class:`reuse.Passages`), read back a
    batch at a time when iterated."""
    skipped: tuple[str, ...] = ()
    """One-line messages of the bad inputs ``skip_bad`` passed over."""
    stats: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    """Counts of the blocking stages (shingles kept, candidate pairs, event edges...)."""

    def article(self, article_id: str) -> Article:
        """The article with this id (``KeyError`` if there is none)."""
        if article_id not in self.event_of:
            raise KeyError(article_id)
        return self.articles[list(self.event_of).index(article_id)]


def group(
    source: str | os.PathLike[str] | Iterable[Article],
    *,
    blocking: Blocking | None = None,
    skip_bad: bool = False,
    language: str = "en",
    progress: Progress | None = None,
    workers: int | None = None,
    client: Any = None,
    outlet_aliases: Mapping[str, str | Sequence[str]] | None = None,
    encoding: str | None = None,
) -> Corpus:
    """Read a corpus (a JSONL file, a folder, or articles) and group it into events.

    ``encoding`` names the encoding of a folder's files (default: each file's byte-order
    mark, else UTF-8), as ``compare.load``'s does.

    ``outlet_aliases`` maps an outlet to the other names an article may credit it by
    (``{"CGTN": ["the Beijing account"]}``), for the attribution evidence of provenance.

    Shingling (:data:`READ_CHUNK` articles a task) and finding reused passages
    (:data:`PAIR_CHUNK` pairs a task) run on a Dask ``client``'s cluster when given, else in
    ``workers`` local processes (default: the CPU count; 1, or a corpus of one task, runs in
    this process): the same tasks and the same results in the same order
    (:func:`engine.ordered_map`). Reading, pairing and events stay in this process."""
    rules = blocking or Blocking()
    if not isinstance(rules, Blocking):
        raise OptionsError(f"blocking must be a compare.corpus.Blocking, got {type(rules)}")
    aliases = tuple(outlet_aliases_of(outlet_aliases).items())
    report = progress or silent
    shingler = Shingler(rules, language)
    skipped: list[str] = []
    stubs: list[Article] = []
    if isinstance(source, (str, os.PathLike)):
        reader = read_articles(source, skip_bad=skip_bad, encoding=encoding)
        _shingle(reader, stubs, shingler, report, workers, client, stub)
        skipped = reader.skipped
        arts = Articles(stubs, reader)
    elif encoding is not None:
        raise InputError("group(): an encoding applies to a folder input, not to articles")
    else:
        held = tuple(source)
        if len({a.id for a in held}) != len(held):
            raise InputError("group(): article ids must be unique")
        _shingle(held, stubs, shingler, report, workers, client, _same)
        arts = Articles.held(held)
    if not stubs:
        raise InputError("the corpus holds no articles")
    report("pairing articles", 0, 0)
    cands = shingler.candidates(stubs)
    event_ids = _events(stubs, cands, rules.structure)
    events = _event_list(stubs, event_ids)
    try:
        reuse = _reuse(arts, cands, shingler, event_ids, report, workers, client, aliases)
    finally:
        shingler.close()
    within = sum(p.same_event for p in reuse)
    stats = {
        **cands.stats, "events": len(events), "reuse_passages": len(reuse) - within,
        "reuse_within_events": within,
    }  # fmt: skip
    return Corpus(
        arts, events, dict(zip((a.id for a in stubs), event_ids, strict=True)), reuse,
        tuple(skipped), stats,
    )  # fmt: skip


def _same(article: Article) -> Article:
    """The article as it is (what a corpus given in memory holds)."""
    return article


def _chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """The items in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _run(
    fn: Callable[[Any], T], tasks: Iterator[Any], workers: int | None, client: Any
) -> Iterator[T]:
    """:func:`engine.ordered_map` of the tasks, in this process when there is only one (no
    pool to start for a small corpus)."""
    first = list(itertools.islice(tasks, 2))
    if len(first) < 2 and client is None:
        workers = 1
    return ordered_map(fn, itertools.chain(first, tasks), workers=workers, client=client)


def _shingle_task(task: tuple[list[str], int, str]) -> list[Hashed]:
    """A shingling task: each text's :func:`blocking.article_record`."""
    texts, size, language = task
    return [article_record(text, size, language) for text in texts]


def _shingle(
    source: Iterable[Article],
    stubs: list[Article],
    shingler: Shingler,
    report: Progress,
    workers: int | None,
    client: Any,
    keep: Callable[[Article], Article],
) -> None:
    """Shingle every article of ``source`` into ``shingler`` a chunk of texts per task, in
    input order; each article's ``keep(article)`` is appended to ``stubs`` as it is read."""
    total = len(source) if isinstance(source, Sequence) else 0
    verb = "shingling articles" if total else "reading and shingling articles"

    def tasks() -> Iterator[tuple[list[str], int, str]]:
        for chunk in _chunked(source, READ_CHUNK):
            stubs.extend(map(keep, chunk))
            yield [a.text for a in chunk], shingler.rules.shingle, shingler.language

    report(verb, 0, total)
    done = 0
    for result in _run(_shingle_task, tasks(), workers, client):
        for record in result:
            shingler.take(record)
        done += len(result)
        report(verb, done, total)


def _events(arts: Sequence[Article], cands: Candidates, structure: float | None) -> list[str]:
    """Each article's event id: the given one, else its component's (``event-1``...; over the
    edges of at least that ``structure``, :func:`blocking.components`)."""
    given = np.array([a.event is not None for a in arts])
    free = ~(given[cands.a] | given[cands.b])
    sub = attrs.evolve(cands, event_edge=cands.event_edge & free)
    labels = components(len(arts), sub, structure)
    numbers: dict[int, int] = {}
    taken = {a.event for a in arts if a.event is not None}
    out: list[str] = []
    for art, label in zip(arts, labels, strict=True):
        if art.event is not None:
            out.append(art.event)
            continue
        number = numbers.setdefault(int(label), len(numbers) + 1)
        name = f"event-{number}"
        while name in taken:
            name += "-auto"
        out.append(name)
    return out


def _event_list(arts: Sequence[Article], event_ids: Sequence[str]) -> tuple[Event, ...]:
    """The events in order of their first article, each with its articles' ids."""
    members: dict[str, list[str]] = {}
    for art, event in zip(arts, event_ids, strict=True):
        members.setdefault(event, []).append(art.id)
    given = {a.event for a in arts if a.event is not None}
    return tuple(Event(e, tuple(ids), e in given) for e, ids in members.items())


@attrs.frozen
class _ReuseTask:
    """A chunk of candidate pairs with what finding their passages needs of their articles."""

    pairs: tuple[tuple[int, int, bool], ...]
    """``(a, b, same_event)`` by article index."""
    articles: Mapping[int, Article]
    words: Mapping[int, tuple[HashArray, IntArray]]
    """Each article's shingle hashes in text order and its words' spans
    (:meth:`blocking.Shingler.words`): no article is tokenised again."""
    kept: Mapping[int, HashArray]
    """Each article's kept shingle hashes."""
    content: Mapping[int, HashArray]
    """Each article's distinct content words' hashes."""
    rules: Blocking
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Outlet names (case-folded) to their aliases (:func:`provenance.outlet_aliases`)."""


def _reuse_task(task: _ReuseTask) -> list[Passage]:
    """The passages of a chunk of pairs, each with its likely direction
    (:mod:`compare.corpus.provenance`); each article tokenised once, into a small record of
    where its kept shingles stand (:func:`reuse.shingled_words`), from the words reading kept."""
    rules, arts, kept, aliases = task.rules, task.articles, task.kept, dict(task.aliases)
    records: dict[int, Shingled] = {}

    def record(k: int) -> Shingled:
        if k not in records:
            records[k] = shingled_words(*task.words[k], kept[k], rules.shingle)
        return records[k]

    out: list[Passage] = []
    for a, b, same in task.pairs:
        found = passages(
            "", "", record(a), "", "", record(b), np.intersect1d(kept[a], kept[b]),
            size=rules.shingle, min_words=rules.reuse_words,
        )  # fmt: skip
        if not found:
            continue
        x, y = arts[a], arts[b]
        pair = pair_facts(x, y, task.content[a], task.content[b])
        for passage in found:
            text = x.text[passage.a_span[0] : passage.a_span[1]]
            passage = attrs.evolve(passage, a=x.id, b=y.id, text=text, same_event=same)
            way = direction(passage, x, y, pair, aliases)
            out.append(attrs.evolve(passage, direction=way.direction, evidence=way.evidence))
    return out


def _reuse(
    arts: Articles,
    cands: Candidates,
    words: Shingler,
    event_ids: Sequence[str],
    report: Progress,
    workers: int | None = 1,
    client: Any = None,
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Passages:
    """Passages shared by candidate pairs (in one event or two), in pair order: tasks of
    :data:`PAIR_CHUNK` pairs (:func:`_reuse_task`), each carrying its articles (read again
    from the source here), their kept shingles and content words."""
    strong = np.flatnonzero(cands.shared >= words.rules.min_shared)

    def tasks() -> Iterator[_ReuseTask]:
        for lo in range(0, len(strong), PAIR_CHUNK):
            chunk = strong[lo : lo + PAIR_CHUNK]
            a, b = cands.a[chunk].tolist(), cands.b[chunk].tolist()
            pairs = tuple((x, y, event_ids[x] == event_ids[y]) for x, y in zip(a, b, strict=True))
            held = sorted({*a, *b})
            yield _ReuseTask(
                pairs, {k: arts[k] for k in held}, {k: words.words(k) for k in held},
                {k: cands.kept[k] for k in held},
                {k: words.content(k) for k in held}, words.rules, aliases,
            )  # fmt: skip

    out = Passages()  # on disk as they come: they grow with the corpus
    report("finding reused passages", 0, len(strong))
    for done, found in enumerate(_run(_reuse_task, tasks(), workers, client), start=1):
        out.append(found)
        report("finding reused passages", min(done * PAIR_CHUNK, len(strong)), len(strong))
    return out


def _collation(event: Event, collation: Collation) -> Collation:
    """The collation itself (what :func:`collate_events` maps each event to)."""
    return collation


def _work(
    chunk: Sequence[tuple[Event, tuple[Article, ...]]],
    options: Options,
    then: Callable[[Event, Collation], T],
) -> tuple[list[T | str], tuple[str, ...]]:
    """Collate each event of a chunk and apply ``then``; a refused event gives its message.

    Also returns the language warnings the collations raised, each prefixed with its event:
    caught here, in the worker, they reach the caller (a Dask worker's own warnings would stay
    in its log) and are summed up there in one line (:func:`_language_note`)."""
    out: list[T | str] = []
    notes: list[str] = []
    for event, arts in chunk:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", LanguageWarning)
            try:
                docs = [
                    document_from_text(a.text, label=a.label, id=a.id, source=a.where or None)
                    for a in arts
                ]
                out.append(then(event, collate(docs, options=options)))
            except CompareError as exc:
                out.append(f"event {event.id}: {exc}")
        for warning in caught:
            if issubclass(warning.category, LanguageWarning):
                notes.append(f"event {event.id}: {warning.message}")
            else:  # not ours: shown as Python would have shown it
                warnings.showwarning(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
    return out, tuple(notes)


def _language_note(notes: Sequence[str], events: int) -> str:
    """One line for the language warnings of a corpus's collations: how many, and the first."""
    more = f" (and {len(notes) - 1} more)" if len(notes) > 1 else ""
    return (
        f"{len(notes)} language warning(s) in {events} collated events; the first: {notes[0]}{more}"
    )


def map_events(
    corpus: Corpus,
    then: Callable[[Event, Collation], T],
    *,
    options: Options | None = None,
    workers: int | None = None,
    client: Any = None,
    chunk: int = CHUNK,
    progress: Progress | None = None,
) -> Iterator[tuple[Event, T | str]]:
    """Collate every event of two or more articles and yield ``(event, then(event, collation))``
    in event order; an event :func:`compare.collate` refuses yields its one-line message instead.

    Tasks of ``chunk`` events run on a Dask ``client``'s cluster (a ``dask.distributed.Client``,
    the ``dask`` extra) when given, else in ``workers`` local processes (default: the CPU count;
    1 runs in this process): the same tasks, the same results (:func:`engine.ordered_map`).
    ``then`` must be a module-level function so it can be sent to them. The collations'
    language warnings (:class:`compare.LanguageWarning`: an event in a language without word
    lists, or articles in several) are counted and given as one warning, before the last event.
    """
    opts = resolve_options(options)
    if not isinstance(chunk, int) or chunk < 1:
        raise OptionsError(f"chunk must be a positive integer, got {chunk!r}")
    index = {article_id: k for k, article_id in enumerate(corpus.event_of)}
    todo = [e for e in corpus.events if len(e.articles) > 1]
    groups = [todo[k : k + chunk] for k in range(0, len(todo), chunk)]
    # each task's articles are read when it is sent: a window of tasks holds their texts
    tasks = ([(e, tuple(corpus.articles[index[i]] for i in e.articles)) for e in g] for g in groups)
    report = progress or silent
    task = functools.partial(_work, options=opts, then=then)
    if len(groups) <= 1 and client is None:
        workers = 1  # one task: no pool to start
    done = 0
    report("collating events", done, len(todo))
    results = ordered_map(task, tasks, workers=workers, client=client)
    notes: list[str] = []
    for g, (result, noted) in zip(groups, results, strict=True):
        notes.extend(noted)
        if done + len(g) == len(todo) and notes:  # before the last events: a caller may stop
            warnings.warn(_language_note(notes, len(todo)), LanguageWarning, stacklevel=2)
        yield from zip(g, result, strict=True)
        done += len(g)
        report("collating events", done, len(todo))


def collate_events(
    corpus: Corpus,
    *,
    options: Options | None = None,
    workers: int | None = None,
    client: Any = None,
    chunk: int = CHUNK,
    progress: Progress | None = None,
) -> Iterator[tuple[Event, Collation | str]]:
    """Collate every event of two or more articles (:func:`map_events` keeping the collation)."""
    return map_events(
        corpus, _collation, options=options, workers=workers, client=client, chunk=chunk,
        progress=progress,
    )  # fmt: skip
