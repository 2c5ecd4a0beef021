"""Candidate pairs without an all-pairs step, and events as components that do not chain.

Two signals propose pairs of articles (passim's blocking, and a cheap lexical similarity):

1. **Shingles.** Each article's word keys (:func:`compare.tokens.word_keys`: case-folded, lightly
   stemmed; Arabic folded; a Chinese character is a word) are cut into overlapping
   :attr:`Blocking.shingle`-word shingles, hashed to 64 bits. A shingle is kept when its document
   frequency lies in ``[2, max_df]``: one held by a single article pairs nothing, one held by
   more than ``max_df`` is boilerplate. The postings of each kept shingle are joined with
   themselves (at most ``max_df`` squared over two pairs each, never all pairs of articles), pairs
   failing the date window or the different-outlet predicate are dropped, and the shingles each
   pair shares are counted.
2. **TF-IDF over rare content words.** Content words (no function words) held by 2 to
   ``max_term_df`` articles are weighted by TF-IDF, rows normalised; the cosines are summed
   over the postings of those rare terms only (what the sparse product ``X @ X.T`` walks), so
   they too never score all pairs.

Memory: the corpus-sized parts (every article's shingle hashes, kept shingles, content words,
postings pairs and cosine products) are on disk; pairing reads them a shard of hashes at a time
and reduces the pairs a range of articles at a time (:func:`_shingle_pairs`,
:func:`_tfidf_cosines`), so the calling process holds a shard, a range, each article's metadata
and the candidate pairs.

An **event edge** joins two articles whose shared shingles cover at least ``containment`` of the
smaller article's shingles (and number at least ``min_shared``), or whose cosine is at least
``cosine``, with each among the other's ``neighbours`` most similar candidates (ranked over all
of an article's pairs) and at least ``relative`` times either's best cosine (without these one
article close to several events, a roundup, chains them). Events are the connected components
(``scipy.sparse.csgraph``) of those edges whose structural similarity (SCAN: the neighbours the
two ends share) is at least ``structure``: an edge bridging two dense groups, or a hub's edge
into one of several, is left out, so one article cannot chain events together. A pair
sharing ``min_shared`` shingles but no event edge is a text-reuse candidate (:mod:`reuse`): a
reused quote or paragraph does not merge two events.
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from compare._regex import Lazy
from compare._sparse import csgraph
from compare._sparse import sparse as _scipy_sparse
from compare.corpus.articles import Article
from compare.errors import OptionsError
from compare.scripts import ARABIC_MARKS, HAN
from compare.tokens import (
    WORD_RE,
    content_keys,
    fold,
    keeps_places,
    stem,
    stopwords,
    unify_quotes,
    word_keys,
)

if TYPE_CHECKING:
    from scipy.sparse import coo_matrix

sparse = _scipy_sparse()  # the corpus's blocking is sparse throughout: imported with it
connected_components = csgraph().connected_components

__all__ = [
    "Blocking",
    "Candidates",
    "Hashed",
    "Keyed",
    "PairCosines",
    "Rows",
    "Shingler",
    "Spill",
    "article_record",
    "candidates",
    "components",
    "day_number",
    "keyed",
    "shingle_hashes",
    "shingles",
    "structural",
]

IntArray = npt.NDArray[np.int64]
HashArray = npt.NDArray[np.uint64]

_ASCII_WORD = re.compile(r"\w+(?:'\w+)*")
"""The words :func:`compare.tokens.word_keys` finds in ASCII text, for their spans."""
_SPACED = rf"(?:[^\W{HAN}]|[{ARABIC_MARKS}])"
_SPACED_WORD = Lazy(rf"{_SPACED}+(?:'{_SPACED}+)*")
"""The same in folded text of scripts that space their words (compare.tokens' key pattern);
this and the next two are compiled on first use (their Chinese classes: ~2.5 ms each)."""
_HAN_RE = Lazy(f"[{HAN}]")
_MULT = np.uint64(0x9E3779B97F4A7C15)


@attrs.frozen
class Blocking:
    """The rules and thresholds of blocking (module docstring); defaults fit news articles."""

    shingle: int = 5
    """Words per shingle."""
    max_df: int = 100
    """Shingles held by more articles than this are boilerplate, not evidence."""
    min_shared: int = 3
    """Shingles two articles must share to be a candidate pair (event edge or reuse)."""
    containment: float = 0.4
    """Share of the smaller article's shingles the pair must share for an event edge. (0.3
    before: a digest holding one long sentence of an article, 30-35 % of the digest, joined
    it; README.)"""
    cosine: float = 0.2
    """TF-IDF cosine over rare content words at or above which two articles may share an event."""
    neighbours: int = 3
    """A cosine edge also needs each article among the other's ``neighbours`` most similar
    candidates: mutual nearest neighbours, so a roundup close to many events joins none. (2
    before, but ranked among one end's pairs at a time, so up to about 4; ranked over all an
    article's pairs, 2 split the bundled readouts' call in two, README.)"""
    relative: float = 0.5
    """A cosine edge also needs at least this share of each article's best cosine: a pair far
    less alike than either article's closest match is a related story, not the same event."""
    max_term_df: int = 200
    """Content words held by more articles than this are left out of the TF-IDF index. (50
    before: ten distractors per article lifted an event's own words above it, README; each
    article pairs through at most this many others per word, so the product stays linear.)"""
    reuse_words: int = 8
    """Words a passage shared across events must hold to be reported as reuse."""
    date_window: int | None = 7
    """Days two dated articles may lie apart and still pair (None: no window). A week by
    default: news of one event is dated within days, and the window keeps a related story of
    another month apart (BASIL: ARI 0.931 without it, 0.954 with it; README)."""
    different_outlet: bool = False
    """Pair only articles of different outlets (articles without an outlet pair with any)."""
    structure: float | None = 0.6
    """Events are components over the event edges whose structural similarity
    (:func:`structural`) is at least this, or None for every event edge. (0.6 keeps a chain
    of articles (2/3) and cuts one edge bridging two triangles (1/2) or a pair and a
    triangle (0.58), and a hub's edges into several groups.)"""

    def __attrs_post_init__(self) -> None:
        """Refuse values outside their ranges with one-line errors."""
        for name in ("shingle", "max_df", "min_shared", "max_term_df", "reuse_words", "neighbours"):
            if getattr(self, name) < (2 if name.startswith("max") else 1):
                raise OptionsError(f"Blocking.{name} is too small: {getattr(self, name)}")
        for name in ("containment", "cosine", "relative", "structure"):
            if name == "structure" and self.structure is None:
                continue
            if not 0.0 < getattr(self, name) <= 1.0:
                raise OptionsError(f"Blocking.{name} must lie in (0, 1], got {getattr(self, name)}")
        if self.date_window is not None and self.date_window < 0:
            raise OptionsError(f"Blocking.date_window must be >= 0 days, got {self.date_window}")


@attrs.frozen
class Keyed:
    """An article's word keys with the character span of each in its text."""

    keys: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    content: tuple[str, ...] = ()
    """The content keys (no function words), when asked for."""


@lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    """One token's key (its word keys joined: ``al-Assad`` -> ``al assad``; punctuation: "")."""
    return " ".join(word_keys(token))


def _spaced(text: str) -> tuple[str, re.Pattern[str]] | None:
    """The folded text and the pattern of its words when its words are found in one pass over
    it with spans that are the text's own (:func:`keyed`'s fast path), else None."""
    folded = fold(text)
    if text.isascii():
        return folded, _ASCII_WORD
    if keeps_places(text) and _HAN_RE().search(folded) is None:
        return folded, _SPACED_WORD()
    return None


class _WordHashes:
    """Folded words to their keys' hashes (:func:`_key_hash`) and their content hashes
    (:func:`_term_hash`; 0 for a function word): one dictionary look-up per word of a text
    instead of stemming and hashing it again. Bounded: emptied past :data:`_WORDS_HELD`."""

    def __init__(self, language: str | None) -> None:
        self.content = language is not None
        self.stop = stopwords(language) if language is not None else frozenset()
        self.key: dict[str, int] = {}
        self.term: dict[str, int] = {}

    def learn(self, words: list[str]) -> None:
        """Hash the words not seen yet."""
        new = set(words).difference(self.key)
        if not new:
            return
        if len(self.key) + len(new) > _WORDS_HELD:
            self.key.clear()
            self.term.clear()
            new = set(words)
        if not self.content:  # keys only: no content hash to compute
            self.key.update((w, zlib.crc32(stem(w).encode("utf-8"))) for w in new)
            return
        stop = self.stop
        for word in new:
            key = stem(word)
            self.key[word] = zlib.crc32(key.encode("utf-8"))
            self.term[word] = 0 if word in stop else _term_hash(key)

    def keys(self, words: list[str]) -> HashArray:
        """The words' key hashes, in order (after :meth:`learn`)."""
        return np.fromiter(map(self.key.__getitem__, words), dtype=np.uint64, count=len(words))

    def terms(self, words: list[str]) -> HashArray:
        """The content words' hashes, in order (after :meth:`learn`)."""
        held = np.fromiter(map(self.term.__getitem__, words), dtype=np.uint64, count=len(words))
        out: HashArray = held[held != 0]  # an Adler-32 is never 0, so no content hash is
        return out


_WORDS_HELD = 1 << 18
"""Distinct words a :class:`_WordHashes` holds before it starts again (tens of megabytes)."""


@lru_cache(maxsize=4)
def _word_hashes(language: str | None) -> _WordHashes:
    """The process's :class:`_WordHashes` for a language (None: keys only)."""
    return _WordHashes(language)


@attrs.frozen
class Hashed:
    """One article tokenised once, for blocking and reuse alike: its distinct shingle hashes
    (sorted), its content words' hashes, and its shingle hashes in text order with each
    word's character span (what :mod:`reuse` needs, so it need not tokenise the text again)."""

    distinct: HashArray
    terms: HashArray
    ordered: HashArray
    spans: IntArray
    """Rows of (start, end), one per word."""


def article_record(text: str, size: int, language: str = "en") -> Hashed:
    """One article's :class:`Hashed` record, from one pass over its text: what hashing
    :func:`keyed`'s keys gives (CRC-32 a key, :func:`shingles`), one dictionary look-up a word
    (:class:`_WordHashes`), the spans from ``split`` (separators and words alternate)."""
    fast = _spaced(text)
    if fast is None:
        keys = keyed(text, language)
        words = np.fromiter(map(_key_hash, keys.keys), dtype=np.uint64, count=len(keys.keys))
        terms = np.fromiter(map(_term_hash, keys.content), dtype=np.uint64)
        spans = np.asarray(keys.spans, dtype=np.int64).reshape(-1, 2)
    else:
        folded, pattern = fast
        parts = (_ASCII_SPLIT if pattern is _ASCII_WORD else _SPACED_SPLIT()).split(folded)
        found = parts[1::2]  # separators and words alternate
        ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
        spans = np.stack([ends[0::2][: len(found)], ends[1::2]], axis=1).reshape(-1, 2)
        table = _word_hashes(language)
        table.learn(found)
        words, terms = table.keys(found), table.terms(found)
    ordered = shingle_hashes(words, size)
    return Hashed(np.unique(ordered), terms, ordered, spans)


_ASCII_SPLIT = re.compile(f"({_ASCII_WORD.pattern})")
_SPACED_SPLIT = Lazy(f"({_SPACED_WORD.pattern})")
"""The word patterns with a group, so ``split`` keeps the words between the separators."""


def keyed(text: str, language: str | None = None) -> Keyed:
    """The word keys of ``text`` (:func:`compare.tokens.word_keys`) with their spans, and, for a
    ``language``, its content keys (:func:`compare.tokens.content_keys`)."""
    folded = fold(text)
    if text.isascii() or (keeps_places(text) and _HAN_RE().search(folded) is None):
        # word_keys()'s own pattern and stems, in one pass over the folded text, whose
        # characters keep their places: tokenising is most of the cost of blocking
        found = [m for m in (_ASCII_WORD if text.isascii() else _SPACED_WORD()).finditer(folded)]
        words = [m.group() for m in found]
        content: tuple[str, ...] = ()
        if language is not None:
            stop = stopwords(language)
            content = tuple(stem(w) for w in words if w not in stop)
        return Keyed(tuple(map(stem, words)), tuple(m.span() for m in found), content)
    out_keys: list[str] = []
    out_spans: list[tuple[int, int]] = []
    for m in WORD_RE.full().finditer(unify_quotes(text)):  # one character for one: spans stay
        key = _token_key(m.group())
        if key:
            out_keys.append(key)
            out_spans.append(m.span())
    extra = () if language is None else tuple(content_keys(text, language))
    return Keyed(tuple(out_keys), tuple(out_spans), extra)


@lru_cache(maxsize=1 << 16)
def _key_hash(key: str) -> int:
    """A word key's stable 32-bit hash (CRC-32 of its UTF-8: the same in every process)."""
    return zlib.crc32(key.encode("utf-8"))


def shingles(keys: Sequence[str], size: int) -> HashArray:
    """The 64-bit hash of each ``size``-word shingle of ``keys``, in text order."""
    return shingle_hashes(np.fromiter(map(_key_hash, keys), dtype=np.uint64, count=len(keys)), size)


def shingle_hashes(words: HashArray, size: int) -> HashArray:
    """:func:`shingles` from the words' key hashes (:func:`article_record`)."""
    if len(words) < size:
        return np.zeros(0, dtype=np.uint64)
    n = len(words) - size + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            h = (h * _MULT) ^ words[k : k + n]
            h ^= h >> np.uint64(29)
    return h


@attrs.frozen
class Candidates:
    """Candidate pairs of article indices (``a < b``) with the evidence for each."""

    a: IntArray
    b: IntArray
    shared: IntArray
    """Kept shingles the pair shares."""
    cosine: npt.NDArray[np.float64]
    """TF-IDF cosine over rare content words (0 when the pair shares no rare word)."""
    event_edge: npt.NDArray[np.bool_]
    """Whether the pair joins the two articles into one event."""
    kept: Rows = attrs.field(eq=False, repr=False)
    """Each article's kept shingle hashes, sorted and unique (for reuse passages), on disk:
    ``kept[k]`` reads article ``k``'s."""
    stats: dict[str, int] = attrs.field(eq=False, factory=dict)
    """Counts per stage: shingles, kept shingles, postings pairs, candidate pairs."""


def day_number(value: str | None) -> int | None:
    """An ISO date's day number, or None when absent or not a date."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _allowed(
    arts: Sequence[Article], a: IntArray, b: IntArray, rules: Blocking
) -> npt.NDArray[np.bool_]:
    """The pairs that pass the date window and the different-outlet predicate."""
    ok = np.ones(len(a), dtype=bool)
    if rules.date_window is not None:
        days = _days(arts)
        da, db = days[a], days[b]
        ok &= (da < 0) | (db < 0) | (np.abs(da - db) <= rules.date_window)
    if rules.different_outlet:
        names: dict[str, int] = {}
        codes = np.array(
            [names.setdefault(x.outlet, len(names)) if x.outlet else -1 for x in arts], np.int64
        )
        ca, cb = codes[a], codes[b]
        ok &= (ca < 0) | (cb < 0) | (ca != cb)
    return ok


def _days(arts: Sequence[Article]) -> IntArray:
    """Each article's day number, -1 when undated."""
    return np.array([d if (d := day_number(x.date)) is not None else -1 for x in arts], np.int64)


def _undated_edges(
    arts: Sequence[Article],
    a: IntArray,
    b: IntArray,
    edge: npt.NDArray[np.bool_],
    strength: npt.NDArray[np.float64],
    rules: Blocking,
) -> npt.NDArray[np.bool_]:
    """Event edges with undated articles held to the window too: an undated article takes the
    date of its strongest dated event-edge neighbour (containment plus cosine), and its edges to
    articles dated outside that date's window are dropped, so it cannot bridge two dated events
    (an undated copy of a November story and a July meeting on the same theme)."""
    if rules.date_window is None or not len(a):
        return edge
    days = _days(arts)
    inferred = days.copy()
    # each edge seen from both ends: (undated end, dated end, strength), strongest first
    ends = np.concatenate([a, b])
    others = np.concatenate([b, a])
    both = np.concatenate([edge, edge])
    power = np.concatenate([strength, strength])
    pick = both & (days[ends] < 0) & (days[others] >= 0)
    order = np.lexsort((-power[pick], ends[pick]))  # by undated end, strongest first
    undated, dated = ends[pick][order], others[pick][order]
    first = np.ones(len(undated), dtype=bool)
    first[1:] = undated[1:] != undated[:-1]
    inferred[undated[first]] = days[dated[first]]
    da, db = inferred[a], inferred[b]
    kept: npt.NDArray[np.bool_] = edge & (
        (da < 0) | (db < 0) | (np.abs(da - db) <= rules.date_window)
    )
    return kept


PAIRS = 1 << 17
"""Postings pairs made at once, about: the kept shingles (and the rare content words) are split
into shards of hashes whose postings pairs number about this many, and their pairs are spilled
to disk in ranges of the first article, each range reduced on its own (:class:`_PairRuns`)."""


def _shingle_pairs(
    kept: Rows, total: int, rules: Blocking, stats: dict[str, int]
) -> tuple[IntArray, IntArray, IntArray]:
    """Pairs ``(a, b, shared)`` of articles sharing at least ``min_shared`` kept shingles: each
    shingle's postings joined with themselves (their length is at most ``max_df``), pairs
    counted. ``total``: the postings pairs there are (:func:`_kept`).

    One shard of shingle hashes at a time (:func:`_shards` of ``total`` by :data:`PAIRS`): its
    postings are read from disk, joined, and the pairs spilled by range of article; each range
    is then counted alone, so the corpus's postings pairs are never in memory at once."""
    n = len(kept)
    stats["postings_pairs"] = total
    runs = _PairRuns(n, total, valued=False)
    shift, count = _shards(total, PAIRS)
    for hashes, rows in _by_shard(kept.blocks, shift, count) if total else ():
        order = np.argsort(hashes, kind="stable")  # an article's postings stay in order
        docs = rows[order]
        for i, j, _ in _joined(*_groups(hashes[order])):
            runs.add(docs[i], docs[j])
    pairs: list[IntArray] = [_EMPTY]
    shared: list[IntArray] = [_EMPTY]
    for codes, _ in runs.ranges():
        code, times = np.unique(codes, return_counts=True)
        strong = times >= rules.min_shared
        pairs.append(code[strong])
        shared.append(times[strong].astype(np.int64))
    out = np.concatenate(pairs)
    return out // max(n, 1), out % max(n, 1), np.concatenate(shared)


def _by_shard(
    blocks: Callable[[], Iterable[tuple[npt.NDArray[Any], ...]]], shift: np.uint64, count: int
) -> Iterator[list[npt.NDArray[Any]]]:
    """Each shard's entries, shard by shard, in the order of the blocks: the entries whose hash
    (each block's first array, 64-bit like the others) has its top bits (``>> shift``) equal to
    the shard, every array's. ``blocks()`` is read twice: to count each shard's entries, then to
    write each array's entries to a temporary file, each shard one stretch of it, so that one
    shard at a time is read back into memory."""
    if count == 1:
        columns = list(zip(*blocks(), strict=True))
        yield [np.concatenate(c) for c in columns]
        return
    sizes = np.zeros(count, dtype=np.int64)
    kinds: list[np.dtype[Any]] = []
    for block in blocks():
        sizes += np.bincount((block[0] >> shift).astype(np.int64), minlength=count)
        kinds = [x.dtype for x in block]
    files = [tempfile.TemporaryFile() for _ in kinds]  # noqa: SIM115 (closed below)
    try:
        at = np.cumsum(sizes) - sizes
        for block in blocks():
            shard = (block[0] >> shift).astype(np.int64)
            order = np.argsort(shard, kind="stable")
            bounds = np.searchsorted(shard[order], np.arange(count + 1))
            for file, column in zip(files, block, strict=True):
                held = column[order]
                for k in np.flatnonzero(np.diff(bounds)).tolist():
                    os.pwrite(file.fileno(), held[bounds[k] : bounds[k + 1]].data, int(at[k]) * 8)
            at += np.diff(bounds)
        for k, start in enumerate((np.cumsum(sizes) - sizes).tolist()):
            out = [np.empty(int(sizes[k]), dtype=kind) for kind in kinds]
            for file, column in zip(files, out, strict=True):
                if os.preadv(file.fileno(), [column.data], start * 8) != column.nbytes:
                    raise OSError("short read from a temporary file")
            yield out
    finally:
        for file in files:
            file.close()


def _groups(ordered: npt.NDArray[Any]) -> tuple[IntArray, IntArray]:
    """Where each run of equal values of a sorted array starts, and its length."""
    if not len(ordered):
        return _EMPTY, _EMPTY
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return starts, np.diff(np.r_[starts, len(ordered)])


def _joined(starts: IntArray, sizes: IntArray) -> Iterator[tuple[IntArray, IntArray, IntArray]]:
    """Every pair ``(i, j)``, ``i < j``, of positions within one group (``sizes[g]`` positions
    from ``starts[g]``), with its group ``g``: the groups of one size at a time."""
    for size in np.unique(sizes[sizes >= 2]).tolist():
        group = np.flatnonzero(sizes == size)
        rows = starts[group][:, None] + np.arange(size)[None, :]
        i, j = np.triu_indices(size, k=1)
        yield rows[:, i].ravel(), rows[:, j].ravel(), np.repeat(group, len(i))


class _PairRuns:
    """Pair codes ``a * n + b`` (with a float each when ``valued``) spilled to disk by range of
    ``a``, about :data:`PAIRS` a range (``total`` expected), read back one range at a time:
    ranges in increasing order of code, each range's pairs in the order added."""

    def __init__(self, n: int, total: int, *, valued: bool) -> None:
        self.n = n
        self.parts = max(1, min(-(-total // PAIRS), n))
        self._codes = [Spill() for _ in range(self.parts)]
        self._values = [Spill() for _ in range(self.parts)] if valued else []

    def add(self, a: IntArray, b: IntArray, values: npt.NDArray[np.float64] | None = None) -> None:
        """Add pairs (``a < b``), keeping their order within each range."""
        codes = a * self.n + b
        part = a * self.parts // max(self.n, 1)
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(self.parts + 1)).tolist()
        for p in range(self.parts):
            pick = order[bounds[p] : bounds[p + 1]]
            if len(pick):
                self._codes[p].append(codes[pick].view(np.uint64))
                if values is not None:
                    self._values[p].append(values[pick].view(np.uint64))

    def ranges(self) -> Iterator[tuple[IntArray, npt.NDArray[np.float64]]]:
        """Each range's codes and values (no values: empty), read once: the files are deleted."""
        for p, spill in enumerate(self._codes):
            codes = spill.read(0, spill.count).view(np.int64)
            spill.close()
            values = np.zeros(0)
            if self._values:
                values = self._values[p].read(0, spill.count).view(np.float64)
                self._values[p].close()
            yield codes, values


@attrs.frozen
class PairCosines:
    """TF-IDF cosines over rare content words of the pairs that matter (the close ones and the
    shingle candidates), by pair code ``a * n + b``, sorted; every other pair's is 0."""

    n: int
    codes: IntArray
    values: npt.NDArray[np.float64]
    close: npt.NDArray[np.bool_]
    """Whether the pair's cosine, summed the way ``X @ X.T`` sums it, is at least
    ``Blocking.cosine`` (the candidates it proposes)."""

    def of(self, a: IntArray, b: IntArray) -> npt.NDArray[np.float64]:
        """The cosine of each pair ``(a[k], b[k])``, ``a < b`` (0 where none was kept)."""
        codes = a * self.n + b
        where = np.minimum(np.searchsorted(self.codes, codes), max(len(self.codes) - 1, 0))
        out = np.zeros(len(codes))
        if len(self.codes):
            found = self.codes[where] == codes
            out[found] = self.values[where[found]]
        return out


def _tfidf_cosines(
    terms: Rows, counts: Rows, wanted: IntArray, rules: Blocking, stats: dict[str, int]
) -> PairCosines:
    """The TF-IDF cosines (square root of tf x idf over content words held by 2 to
    ``max_term_df`` articles, rows L2-normalised) of the pairs at or above ``rules.cosine`` and
    of the ``wanted`` pair codes (sorted), from each article's distinct content-word hashes
    (``terms``, sorted) and their counts, by shard of word hashes (:func:`_shards`).

    The first pass finds each shard's rare words and their weights (spilled to disk, and their
    squares by article: :class:`_PairRuns`); the second joins each rare word's postings with
    themselves and spills each pair's product by range of article. The sums are the values a
    sparse matrix of those rows gives, bit for bit: a row's norm and a pair's cosine (a row of
    ``X[a].multiply(X[b])``) are ``np.add.reduceat`` of its terms in increasing word order;
    whether a pair is close, ``X @ X.T``'s sum, one term at a time in decreasing word order."""
    n = len(terms)
    shift, count = _shards(terms.count)
    docs, weights, sizes = Spill(), Spill(), Spill()
    squares = _PairRuns(n, terms.count // 4, valued=True)
    ends = [0]

    def both() -> Iterator[tuple[npt.NDArray[Any], ...]]:
        for (word, row), (times, _) in zip(terms.blocks(), counts.blocks(), strict=True):
            yield word, times, row

    for words, times, rows in _by_shard(both, shift, count) if terms.count else ():
        order = np.argsort(words, kind="stable")
        df = _groups(words[order])[1]
        rare = (df >= 2) & (df <= rules.max_term_df) & (df < n)  # in every article: weighs 0
        at = order[np.repeat(rare, df)]
        weight = np.sqrt(times[at].astype(np.int64) * np.repeat(np.log(n / df[rare]), df[rare]))
        squares.add(rows[at], np.zeros(len(at), dtype=np.int64), weight * weight)
        docs.append(rows[at].view(np.uint64))
        weights.append(weight.view(np.uint64))
        sizes.append(df[rare].view(np.uint64))
        ends.append(sizes.count)
    norms = np.zeros(n)
    for code, square in squares.ranges():
        order = np.argsort(code, kind="stable")  # each row's squares in word order
        starts = _groups(code[order])[0]
        norms[code[order][starts] // max(n, 1)] = np.add.reduceat(square[order], starts)
    scale = 1.0 / np.maximum(np.sqrt(norms), 1e-12)
    total = sum(int((d * (d - 1) // 2).sum()) for d in _sizes(sizes, ends))
    runs = _PairRuns(n, total, valued=True)
    lo = 0
    for df in _sizes(sizes, ends):
        hi = lo + int(df.sum())
        row = docs.read(lo, hi).view(np.int64)
        value = scale[row] * weights.read(lo, hi).view(np.float64)
        lo = hi
        starts, pairs = np.cumsum(df) - df, df * (df - 1) // 2
        for first, last in itertools.pairwise(_cuts(pairs, PAIRS)):  # words, PAIRS pairs a time
            parts = list(_joined(starts[first:last], df[first:last]))
            if parts:
                i, j, word = (np.concatenate(x) for x in zip(*parts, strict=True))
                order = np.argsort(word, kind="stable")  # by word: the order the sums take
                runs.add(row[i[order]], row[j[order]], value[i[order]] * value[j[order]])
    for spill in (docs, weights, sizes):
        spill.close()
    return _cosine_sums(runs, wanted, n, rules, stats)


def _cuts(weights: IntArray, per: int) -> list[int]:
    """Where to cut a sequence so that each piece weighs about ``per`` (one item may weigh
    more): the first index of each piece, then the length."""
    total = np.cumsum(weights)
    inner = np.searchsorted(total, np.arange(per, int(total[-1]) if len(total) else 0, per))
    return sorted({0, len(weights), *(inner + 1).tolist()} - {len(weights) + 1})


def _sizes(sizes: Spill, ends: list[int]) -> Iterator[IntArray]:
    """Each shard's rare words' document frequencies, read back from disk."""
    for lo, hi in itertools.pairwise(ends):
        yield sizes.read(lo, hi).view(np.int64)


def _cosine_sums(
    runs: _PairRuns, wanted: IntArray, n: int, rules: Blocking, stats: dict[str, int]
) -> PairCosines:
    """The cosines of :func:`_tfidf_cosines` from its pairs' products (each pair's in word
    order), a range of pairs at a time; only the close and the wanted pairs are kept."""
    codes: list[IntArray] = [_EMPTY]
    values: list[npt.NDArray[np.float64]] = [np.zeros(0)]
    closes: list[npt.NDArray[np.bool_]] = [np.zeros(0, dtype=bool)]
    for code, product in runs.ranges():
        order = np.argsort(code, kind="stable")
        starts = _groups(code[order])[0]
        pair = code[order][starts]
        cosine = np.add.reduceat(product[order], starts) if len(pair) else np.zeros(0)
        backwards = np.zeros(len(pair))  # X @ X.T: from the last word to the first
        np.add.at(backwards, np.searchsorted(pair, code[::-1]), product[::-1])
        close = backwards >= rules.cosine
        at = np.minimum(np.searchsorted(wanted, pair), max(len(wanted) - 1, 0))
        keep = close | (wanted[at] == pair) if len(wanted) else close
        codes.append(pair[keep])
        values.append(cosine[keep])
        closes.append(close[keep])
    close_all = np.concatenate(closes)
    stats["cosine_pairs"] = int(close_all.sum())
    return PairCosines(n, np.concatenate(codes), np.concatenate(values), close_all)


@lru_cache(maxsize=1 << 16)
def _term_hash(key: str) -> int:
    """A content word's stable 64-bit hash (CRC-32 and Adler-32 of its UTF-8): the TF-IDF index
    numbers words by it instead of holding a dictionary of every word seen."""
    raw = key.encode("utf-8")
    return (zlib.crc32(raw) << 32) | zlib.adler32(raw)


class Shingler:
    """Blocking's one pass over the texts: each article's kept-to-be shingle hashes and content
    word hashes, in flat arrays (a few bytes a word; the texts themselves are not held)."""

    def __init__(self, rules: Blocking | None = None, language: str = "en") -> None:
        self.rules = rules or Blocking()
        self.language = language
        self._hashes = Spill()
        self._sizes = array("q")
        self._ordered = Spill()
        self._spans = Spill()
        self._words = array("q", [0])
        self._placed = array("q", [0])
        self._terms = Rows()
        self._counts = Rows()

    def add(self, text: str) -> None:
        """Take the next article's text."""
        self.take(article_record(text, self.rules.shingle, self.language))

    def take(self, record: Hashed) -> None:
        """Take the next article's :func:`article_record` (computed here or in a worker)."""
        hashed, terms = record.distinct, record.terms
        self._hashes.append(hashed)
        self._sizes.append(len(hashed))
        self._ordered.append(record.ordered)
        self._spans.append(record.spans.ravel().view(np.uint64))
        self._words.append(self._words[-1] + len(record.spans))
        self._placed.append(self._placed[-1] + len(record.ordered))
        distinct, times = np.unique(terms, return_counts=True)
        self._terms.append(distinct)
        self._counts.append(times.astype(np.uint64))

    def words(self, k: int) -> tuple[HashArray, IntArray]:
        """The ``k``-th article's shingle hashes in text order and its words' spans (rows of
        start, end), read back from disk."""
        lo, hi = self._words[k], self._words[k + 1]
        ordered = self._ordered.read(self._placed[k], self._placed[k + 1])
        return ordered, self._spans.read(2 * lo, 2 * hi).view(np.int64).reshape(-1, 2)

    def close(self) -> None:
        """Delete the files the words are kept in (:meth:`words` and :meth:`content` read them
        no more)."""
        for spill in (self._hashes, self._ordered, self._spans):
            spill.close()
        self._terms.close()
        self._counts.close()

    def content(self, k: int) -> HashArray:
        """The ``k``-th article's distinct content words' hashes, sorted (read from disk)."""
        return self._terms[k]

    def candidates(self, arts: Sequence[Article]) -> Candidates:
        """The candidate pairs of the articles taken (``arts``: their metadata, in order);
        once: the shingle hashes not kept are let go."""
        if len(arts) != len(self._sizes):
            raise ValueError("Shingler.candidates: one Article per text added, in order")
        rules = self.rules
        stats: dict[str, int] = {"articles": len(arts)}
        sizes = np.frombuffer(self._sizes, dtype=np.int64) if len(self._sizes) else _EMPTY
        kept, total = _kept(self._hashes, sizes, rules, stats)
        self._hashes.close()  # every shingle's hash: only the kept ones are needed now
        self._hashes = Spill()
        a, b, shared = _shingle_pairs(kept, total, rules, stats)
        n = len(arts)
        x = _tfidf_cosines(self._terms, self._counts, a * n + b, rules, stats)
        near = x.close
        sim = sparse.coo_matrix(
            (x.values[near], (x.codes[near] // max(n, 1), x.codes[near] % max(n, 1))), shape=(n, n)
        )
        close = np.ones(len(sim.data), dtype=bool)
        return _decide(arts, x, sizes, (a, b, shared), sim, close, rules, stats, kept)


_EMPTY = np.zeros(0, dtype=np.int64)
_NONE = np.zeros(0, dtype=np.uint64)


def candidates(
    arts: Sequence[Article], rules: Blocking | None = None, *, language: str = "en"
) -> Candidates:
    """Candidate pairs of ``arts`` by shared shingles and rare-word cosine (module docstring)."""
    shingler = Shingler(rules, language)
    for art in arts:  # one pass over each text: its shingles and its content words
        shingler.add(art.text)
    return shingler.candidates(arts)


def _decide(
    arts: Sequence[Article],
    x: PairCosines,
    sizes: IntArray,
    by_shingles: tuple[IntArray, IntArray, IntArray],
    sim: coo_matrix,
    close: npt.NDArray[np.bool_],
    rules: Blocking,
    stats: dict[str, int],
    kept: Rows,
) -> Candidates:
    """The candidate pairs (shingle pairs and close cosines, allowed by the date window and
    the outlet predicate) and which of them are event edges (module docstring)."""
    a, b, shared = by_shingles
    n = max(len(arts), 1)
    codes = np.concatenate([a * n + b, sim.row[close].astype(np.int64) * n + sim.col[close]])
    pairs = np.unique(codes)
    pa, pb = pairs // n, pairs % n
    ok = _allowed(arts, pa, pb, rules)
    pa, pb = pa[ok], pb[ok]
    share = np.zeros(len(pa), dtype=np.int64)
    allowed, shingle_codes = pairs[ok], a * n + b
    where = np.searchsorted(allowed, shingle_codes)
    found = where < len(allowed)
    found[found] = allowed[where[found]] == shingle_codes[found]
    share[where[found]] = shared[found]
    cos = _cosines(x, pa, pb)
    smaller = np.maximum(np.minimum(sizes[pa], sizes[pb]), 1)
    rank_a, rank_b = _pair_ranks(pa, pb, cos)
    mutual = (rank_a < rules.neighbours) & (rank_b < rules.neighbours)
    best = np.zeros(len(arts))
    np.maximum.at(best, pa, cos)
    np.maximum.at(best, pb, cos)
    mutual &= cos >= rules.relative * np.maximum(best[pa], best[pb])
    edge = ((cos >= rules.cosine) & mutual) | (
        (share >= rules.min_shared) & (share >= rules.containment * smaller)
    )
    edge = _undated_edges(arts, pa, pb, edge, cos + share / smaller, rules)
    stats["candidate_pairs"] = len(pa)
    stats["event_edges"] = int(edge.sum())
    return Candidates(pa, pb, share, cos.astype(np.float64), edge, kept, stats)


COSINE_PAIRS = 1 << 16
"""Edges whose shared neighbours (:func:`structural`) are counted at once: two sparse rows an
edge are built for them."""


def _cosines(x: PairCosines, pa: IntArray, pb: IntArray) -> npt.NDArray[np.float64]:
    """The TF-IDF cosine of each pair (:meth:`PairCosines.of`)."""
    return x.of(pa, pb)


def _pair_ranks(
    pa: IntArray, pb: IntArray, values: npt.NDArray[np.float64]
) -> tuple[IntArray, IntArray]:
    """Each pair's rank (0 = most similar) among all the pairs of its first article and among
    all the pairs of its second (an article's pairs are those where it is either end)."""
    ranks = _ranks(np.concatenate([pa, pb]), np.concatenate([values, values]))
    return ranks[: len(pa)], ranks[len(pa) :]


def _ranks(ends: IntArray, values: npt.NDArray[np.float64]) -> IntArray:
    """Each pair's rank (0 = most similar) among the pairs of its article ``ends``."""
    order = np.lexsort((-values, ends))
    sorted_ends = ends[order]
    starts = np.flatnonzero(np.r_[True, sorted_ends[1:] != sorted_ends[:-1]])
    position = np.arange(len(ends)) - np.repeat(starts, np.diff(np.r_[starts, len(ends)]))
    out = np.empty(len(ends), dtype=np.int64)
    out[order] = position
    return out


def _kept(
    hashes: Spill, sizes: IntArray, rules: Blocking, stats: dict[str, int]
) -> tuple[Rows, int]:
    """Each article's shingles whose document frequency lies in ``[2, max_df]`` (``hashes``:
    every article's sorted unique shingles, one after the other, ``sizes`` of them each).

    The hashes lie on disk (:class:`Spill`). They are counted a shard at a time, a shard being
    the hashes whose top bits are one value (:func:`_shards`, regrouped on disk by
    :func:`_by_shard`): one shard's sorted copy in memory
    finds its shingles held twice or more (an article holds each once), those few are counted,
    and the shards' kept shingles, each sorted, are sorted together. Then each article's are
    picked out a block of articles at a time and written to disk. Also the number of postings
    pairs the kept shingles make (each one's document frequency ``df``: ``df (df - 1) / 2``).
    """
    out = Rows()
    if not len(sizes):
        return out, 0
    shift, count = _shards(hashes.count)
    distinct = 0
    good: list[HashArray] = []
    pairs = 0
    shards = _by_shard(lambda: ((b,) for b in hashes.blocks()), shift, count)
    for (ordered,) in shards if hashes.count else ():  # no article has a shingle: none kept
        ordered.sort()  # in place: one copy of the shard
        twice = ordered[1:] == ordered[:-1]
        distinct += len(ordered) - int(twice.sum())
        shared = np.unique(ordered[1:][twice])
        df = np.searchsorted(ordered, shared, "right") - np.searchsorted(ordered, shared, "left")
        del ordered, twice
        good.append(shared[df <= rules.max_df])
        df = df[df <= rules.max_df]
        pairs += int((df * (df - 1) // 2).sum())
    # shard by shard, in increasing order of the top bits
    kept = np.concatenate(good) if good else np.zeros(0, dtype=np.uint64)
    stats["shingles"] = distinct
    stats["kept_shingles"] = len(kept)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    for first in range(0, len(sizes), _BLOCK):  # a block of articles' hashes at a time
        lo, hi = int(starts[first]), int(ends[min(first + _BLOCK, len(sizes)) - 1])
        block = hashes.read(lo, hi)
        where = np.minimum(np.searchsorted(kept, block), max(len(kept) - 1, 0))
        keep = kept[where] == block if len(kept) else np.zeros(len(block), dtype=bool)
        for k in range(first, min(first + _BLOCK, len(sizes))):
            a, b = int(starts[k]) - lo, int(ends[k]) - lo
            out.append(block[a:b][keep[a:b]])
    return out, pairs


SHARD = 1 << 19
"""Shingle hashes (8 bytes each) counted at once, about: the corpus's are split into shards of
about this many by their top bits (a power of two of shards); content words the same."""


def _shards(total: int, per: int | None = None) -> tuple[np.uint64, int]:
    """The shift that gives a hash's shard, and the number of shards, for ``total`` hashes (or
    other counts spread evenly over the hashes) about ``per`` (default :data:`SHARD`) a shard."""
    bits = max(int(np.ceil(np.log2(max(total / (per or SHARD), 1.0)))), 0)
    return np.uint64(64 - bits if bits else 63), 1 << bits


class Spill:
    """64-bit hashes appended to an unnamed temporary file and read back a block at a time:
    the corpus's shingle hashes (8 bytes a word) are on disk, not in memory, between reading
    and pairing."""

    BLOCK = 1 << 18
    """Hashes read back at a time."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.count = 0

    def append(self, values: HashArray) -> None:
        """Add hashes at the end."""
        self._file.write(values.astype(np.uint64, copy=False).tobytes())
        self.count += len(values)

    def read(self, lo: int, hi: int) -> HashArray:
        """Hashes ``lo`` to ``hi`` (their positions in the order added)."""
        self._file.flush()
        self._file.seek(lo * 8)
        return np.frombuffer(self._file.read((hi - lo) * 8), dtype=np.uint64)

    def blocks(self) -> Iterator[HashArray]:
        """All the hashes, :attr:`BLOCK` at a time."""
        for lo in range(0, self.count, self.BLOCK):
            yield self.read(lo, min(lo + self.BLOCK, self.count))

    def close(self) -> None:
        """Delete the file."""
        self._file.close()


class Rows:
    """Rows of 64-bit hashes, each of its own length (an article's kept shingles, its content
    words), on disk (:class:`Spill`): ``rows[k]`` reads row ``k`` back."""

    def __init__(self) -> None:
        self._spill = Spill()
        self._ends = array("q", [0])

    @property
    def count(self) -> int:
        """Hashes in all the rows."""
        return self._spill.count

    def append(self, values: HashArray) -> None:
        """Add a row at the end."""
        self._spill.append(values)
        self._ends.append(self._spill.count)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self._ends) - 1

    def __getitem__(self, k: int) -> HashArray:
        """Row ``k``."""
        if not 0 <= k < len(self):
            raise IndexError(k)
        return self._spill.read(self._ends[k], self._ends[k + 1])

    def __iter__(self) -> Iterator[HashArray]:
        """The rows in order."""
        return (self[k] for k in range(len(self)))

    def blocks(self) -> Iterator[tuple[HashArray, IntArray]]:
        """All the hashes, :attr:`Spill.BLOCK` at a time, each with the number of its row."""
        ends = np.array(self._ends, dtype=np.int64)
        lo = 0
        for block in self._spill.blocks():
            rows = np.searchsorted(ends, np.arange(lo, lo + len(block)), "right") - 1
            lo += len(block)
            yield block, rows

    def close(self) -> None:
        """Delete the file."""
        self._spill.close()


_BLOCK = 1024
"""Articles whose shingles are matched against the kept ones at a time."""


def components(n: int, cands: Candidates, structure: float | None = None) -> IntArray:
    """Each article's component number over the event edges, numbered by first article; with
    ``structure``, over the edges :func:`structural` keeps at that threshold."""
    a, b = cands.a[cands.event_edge], cands.b[cands.event_edge]
    if structure is not None:
        keep = structural(n, a, b) >= structure
        a, b = a[keep], b[keep]
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(c), len(first)) for c in labels], dtype=np.int64)


def structural(n: int, a: IntArray, b: IntArray) -> npt.NDArray[np.float64]:
    """Each edge's structural similarity (SCAN, Xu et al. 2007): the articles the two ends'
    closed neighbourhoods share over the geometric mean of their sizes, ``(2 + common) /
    sqrt((degree_a + 1) * (degree_b + 1))``. An edge inside a dense group is near 1; one that
    bridges two groups, or a hub's edge into one of many groups, is low."""
    if not len(a):
        return np.zeros(0)
    ones = np.ones(2 * len(a))
    adj = sparse.csr_matrix((ones, (np.r_[a, b], np.r_[b, a])), shape=(n, n))
    adj.sum_duplicates()
    adj.data[:] = 1.0
    degree = np.diff(adj.indptr)
    common = np.concatenate(
        [
            np.asarray(
                adj[a[k : k + COSINE_PAIRS]].multiply(adj[b[k : k + COSINE_PAIRS]]).sum(1)
            ).ravel()
            for k in range(0, len(a), COSINE_PAIRS)
        ]
    )
    return np.asarray((2.0 + common) / np.sqrt((degree[a] + 1.0) * (degree[b] + 1.0)))
