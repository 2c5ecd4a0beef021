"""Sentence similarity: IDF-weighted content-word overlap blended with a rapidfuzz string score.

Scores lie in [0, 1]. The overlap is a weighted Dice coefficient over stemmed words, each word
weighted by its inverse document frequency over all sentences being compared (so "China" and
"Syria", present everywhere in a report on a China-Syria call, count for little). The fuzzy part is
a rapidfuzz scorer on the normalised strings; whole matrices use ``rapidfuzz.process.cdist`` and
large problems score only the candidate pairs that share enough content to reach the link threshold.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast, overload

import attrs
import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from compare._records import record_repr
from compare._sparse import sparse
from compare.errors import OptionsError
from compare.options import Options
from compare.tokens import fold, normalise, word_keys

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = [
    "LEXICAL",
    "SCORERS",
    "Features",
    "GroupScorer",
    "LexicalScorer",
    "ScoreMatrix",
    "Scorer",
    "SparseScores",
    "candidate_rows",
    "candidate_scores",
    "dense_scores",
    "features",
    "idf_table",
    "join",
    "keeps_sparse",
    "owners",
    "pair_score",
    "pair_scores",
    "postings",
    "run_scorer",
    "score_groups",
    "score_matrix",
    "score_one",
    "scorer_of",
    "shared_weights",
    "sorted_sum_scores",
    "sparse_scores",
    "sums_in_key_order",
    "text_weight",
]

Matrix = NDArray[np.float64]

SCORERS = {
    "ratio": fuzz.ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "partial_ratio": fuzz.partial_ratio,
}
"""Each of :data:`~compare.options.SCORER_NAMES` (the names ``Options.fuzzy_scorer`` accepts) to
its rapidfuzz function."""

_CDIST_MAX_PAIRS = 250_000
"""Above this many pairs the fuzzy scorer runs only on candidate pairs, not on the whole matrix."""

_THREADED_MIN_PAIRS = 50_000
"""From this many pairs rapidfuzz scores on every core; below it, on one thread: starting the
threads costs more (about 5 ms) than scoring a small matrix, and the scores are the same."""


def _workers(pairs: int) -> int:
    """rapidfuzz's ``workers`` for scoring ``pairs`` pairs (the scores do not depend on it)."""
    return -1 if pairs >= _THREADED_MIN_PAIRS else 1


_BAND_CELLS = 1 << 19
"""Rows of the sparse shared-weights product are taken in bands of about this many cells."""

_FUZZY_CHUNK = 1 << 18
"""Sparse candidates are fuzzy-scored this many at a time: each pair's score is the same, and
the two lists of strings and of Python ints built for a call stay under ~20 MB (3.6 million
candidates at once, a 10,000-sentence pair's, built ~250 MB of them)."""


@attrs.frozen
class Features:
    """What similarity needs of one text: its content-word keys and its normalised string."""

    __repr__ = record_repr

    keys: frozenset[str]
    """Stemmed words (function words too: IDF weighting already makes them count for little)."""
    norm: str
    """Case-folded words without punctuation, for the fuzzy scorer (for a text without a word,
    its marks: ``...``, ``---``)."""
    text: str = ""
    """The text as written (sentences joined by one space), for scorers that read it whole,
    such as one that embeds sentences."""

    _sorted_keys: tuple[str, ...] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )
    _sorted_norm: str | None = attrs.field(init=False, default=None, eq=False, repr=False)

    @property
    def sorted_keys(self) -> tuple[str, ...]:
        """The keys in sorted order, the order their weights are summed in
        (:func:`text_weight`); sorted on first use and kept (a memo, not part of the value)."""
        found = self._sorted_keys
        if found is None:
            found = tuple(sorted(self.keys))
            object.__setattr__(self, "_sorted_keys", found)  # frozen: the memo is set once
        return found

    @property
    def sorted_norm(self) -> str:
        """``norm`` with its words sorted (``token_sort_ratio`` is ``ratio`` on these strings);
        sorted on first use and kept."""
        found = self._sorted_norm
        if found is None:
            found = " ".join(sorted(self.norm.split()))
            object.__setattr__(self, "_sorted_norm", found)
        return found


def _weight(f: Features, idf: dict[str, float], default: float = 0.0) -> float:
    """``text_weight(f.keys, idf, default)``, the same sum, on the keys sorted once per record."""
    return sum(map(idf.get, f.sorted_keys, itertools.repeat(default)))


def _norm(text: str) -> str:
    """The fuzzy scorer's string of a text: its words, or its marks if it has no word."""
    return normalise(text) or " ".join(fold(text).split())


def features(texts: Iterable[str]) -> list[Features]:
    """Compute the similarity features of each text (once per distinct text: a repeated
    sentence, such as boilerplate or a wire copy's, shares its record)."""
    known: dict[str, Features] = {}
    out = []
    for t in texts:
        f = known.get(t)
        if f is None:
            f = known[t] = Features(frozenset(word_keys(t)), _norm(t), t)
        out.append(f)
    return out


def idf_table(key_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Return ``log(1 + N / df)`` for every key over a collection of key sets."""
    sets = list(key_sets)
    df = Counter(itertools.chain.from_iterable(sets))  # counted in C, first seen first
    # a weight per distinct count (a few: most keys are in one or two sets), given out in C
    of_count = {c: math.log1p(len(sets) / c) for c in set(df.values())}
    return dict(zip(df.keys(), map(of_count.__getitem__, df.values()), strict=True))


def text_weight(keys: Iterable[str], idf: dict[str, float], default: float = 0.0) -> float:
    """Sum the IDF weights of keys (``default`` for a key the table lacks), in sorted key order.

    Keys come in sets, whose iteration order changes with ``PYTHONHASHSEED``; a float sum in
    that order would differ in its last bits from one process to the next, enough to flip a
    tie between two links with the same words.
    """
    return sum(map(idf.get, sorted(keys), itertools.repeat(default)))  # same sum, no frames


def join(parts: Sequence[Features]) -> Features:
    """Features of several sentences read as one text (for 1:2 and 2:1 links)."""
    if len(parts) == 1:
        return parts[0]
    return Features(
        frozenset().union(*(p.keys for p in parts)),
        " ".join(p.norm for p in parts),
        " ".join(p.text for p in parts),
    )


def pair_score(a: Features, b: Features, idf: dict[str, float], options: Options) -> float:
    """Score one pair of texts: weighted Dice over word keys blended with the fuzzy score.

    A word the IDF table lacks weighs as much as the rarest word in it. Two texts without a word
    (``...``, ``---``) have no overlap to weigh: their fuzzy score is the whole score.
    """
    known = idf.keys() >= a.keys and idf.keys() >= b.keys  # (a set test in C, not a loop)
    default = 0.0 if known else max(idf.values(), default=1.0)
    total = _weight(a, idf, default) + _weight(b, idf, default)
    fuzzy = SCORERS[options.fuzzy_scorer](a.norm, b.norm) / 100.0
    dice = 2.0 * text_weight(a.keys & b.keys, idf, default) / total if total else fuzzy
    return (1.0 - options.fuzzy_weight) * dice + options.fuzzy_weight * fuzzy


def pair_scores(
    a: Sequence[str],
    b: Sequence[str],
    *,
    options: Options | None = None,
    idf_corpus: Sequence[str] | None = None,
) -> NDArray[np.float64]:
    """Score ``a[i]`` against ``b[i]`` for every i; IDF over ``idf_corpus`` (default a + b)."""
    opts = options or Options()
    fa, fb = features(a), features(b)
    corpus = features(idf_corpus) if idf_corpus is not None else fa + fb
    idf = idf_table(f.keys for f in corpus)
    return np.array([pair_score(x, y, idf, opts) for x, y in zip(fa, fb, strict=True)])


Postings = tuple[Mapping[str, Sequence[int]], Mapping[str, Sequence[int]]]
"""Each side's :func:`postings`."""


def postings(texts: Sequence[Features]) -> dict[str, list[int]]:
    """Map each key to the indices of the texts that contain it, ascending."""
    return _postings(texts)


def _postings(texts: Sequence[Features]) -> dict[str, list[int]]:
    """Map each key to the indices of the texts that contain it."""
    index: defaultdict[str, list[int]] = defaultdict(list)  # 2x setdefault's speed
    for i, f in enumerate(texts):
        for k in f.keys:
            index[k].append(i)
    return index


_ADD_AT_PAIRS = 1 << 16
"""Pairs of (sentence, sentence) sharing words that :func:`shared_weights` adds in one
``np.add.at`` call."""
_BLOCK_PAIRS = 512
"""A word shared by more pairs than this is added as one block of its own (cheaper per pair)."""
_WIDE_BLOCK = 8
"""A block whose word is in at least one column in this many is added to its rows whole."""


def shared_weights(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    *,
    rows: Sequence[int] | None = None,
) -> Matrix:
    """Sum, for every pair, the IDF weight of the keys both texts contain.

    Keys are added in sorted order, as :func:`text_weight` sums them: each cell's float sum is
    then the same in every process (dict order follows set order, which follows the hash seed).
    The keys' (row, column) pairs are added in batches by ``np.add.at``, which adds in the order
    given, so each cell gets the very sums (bit for bit) of adding one key at a time.

    ``rows`` (ascending indices of ``ref``): only those rows, in that order, each cell the same
    float sum as in the whole matrix (the keys are batched and block-added as for the whole).
    """
    return _shared_weights(ref, other, idf, rows, _BLOCK_PAIRS)


def _shared_weights(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    rows: Sequence[int] | None,
    block_pairs: float,
    postings: Postings | None = None,
    owner: Sequence[int] | None = None,
) -> Matrix:
    """:func:`shared_weights`, a key shared by more than ``block_pairs`` pairs added as a block
    (infinite: none is, so each cell sums its keys in sorted order, whatever the matrix's size);
    ``postings``: each side's :func:`postings`, if already known.

    ``owner`` (a collation, ``other is ref``): each text's document, when the caller never reads
    a pair within one document. A key found in one document only then adds to no cell: it still
    counts in the batches and blocks, so every other cell gets its keys in the same order, and
    those cells alone (pairs within a document) may differ from the whole matrix's.
    """
    if postings is not None:
        in_ref, in_other = postings
    else:
        in_ref = _postings(ref)
        in_other = in_ref if other is ref else _postings(other)  # a collation: the same texts
    n, m = len(ref), len(other)
    common = sorted(in_ref.keys() & in_other.keys())
    rows_of = [in_ref[k] for k in common]  # postings ascend: a key's first and last rows
    cols_of = rows_of if in_other is in_ref else [in_other[k] for k in common]
    # each key's pairs in the whole matrix: what batches and blocks follow
    sizes = [len(r) * len(c) for r, c in zip(rows_of, cols_of, strict=True)]
    live = None if owner is None else [owner[r[0]] != owner[r[-1]] for r in rows_of]
    if rows is not None:
        local = [-1] * n
        for k, i in enumerate(rows):
            local[i] = k
        rows_of = [[local[i] for i in r if local[i] >= 0] for r in rows_of]
        n = len(rows)
    weights = [idf[k] for k in common]
    flat = np.zeros(n * m, dtype=np.float64)

    def add(keys: Sequence[int]) -> None:
        """Add a batch of keys (those that add to a cell read), key after key."""
        if live is not None:
            keys = [y for y in keys if live[y]]
        if keys:
            _add_keys(flat, m, [rows_of[y] for y in keys], [cols_of[y] for y in keys],
                      [weights[y] for y in keys])  # fmt: skip

    def add_block(x: int) -> None:
        """Add a key shared by many pairs as one block (if it adds to a cell read)."""
        if not rows_of[x] or (live is not None and not live[x]):
            return
        block = flat.reshape(n, m)
        if len(cols_of[x]) * _WIDE_BLOCK < m:
            block[np.ix_(rows_of[x], cols_of[x])] += weights[x]
            return
        # a word in many columns: its rows take a row of its weight at its columns and +0.0
        # elsewhere (a sum of weights, never -0.0, is unchanged by +0.0), ~3x the speed of
        # indexing the block's cells one by one
        row = np.zeros(m, dtype=np.float64)
        row[cols_of[x]] = weights[x]
        block[rows_of[x]] += row

    if sum(sizes) <= _ADD_AT_PAIRS:  # what the loop below comes to when no batch fills up:
        for x in [x for x, pairs in enumerate(sizes) if pairs > block_pairs]:
            add_block(x)  # each block at its turn, all before the one batch of the others
        add([x for x, pairs in enumerate(sizes) if pairs <= block_pairs])
        return flat.reshape(n, m)
    batch: list[int] = []
    size = 0
    for x in range(len(common) + 1):
        pairs = sizes[x] if x < len(common) else 0
        if batch and (x == len(common) or size + pairs > _ADD_AT_PAIRS):
            add(batch)
            batch, size = [], 0
        if x == len(common):
            break
        if pairs > block_pairs:  # a common word: one block add
            add_block(x)
            continue
        batch.append(x)
        size += pairs
    return flat.reshape(n, m)


def _add_keys(
    flat: NDArray[np.float64],
    m: int,
    rows_of: Sequence[Sequence[int]],
    cols_of: Sequence[Sequence[int]],
    weights: Sequence[float],
) -> None:
    """Add each key's weight to the cells of its rows x columns, key after key, in place."""
    r_len = np.array([len(r) for r in rows_of], dtype=np.int64)
    c_len = np.array([len(c) for c in cols_of], dtype=np.int64)
    r_idx = np.fromiter(itertools.chain.from_iterable(rows_of), dtype=np.int64)
    c_idx = np.fromiter(itertools.chain.from_iterable(cols_of), dtype=np.int64)
    r_start = np.cumsum(r_len) - r_len
    c_start = np.cumsum(c_len) - c_len
    per = r_len * c_len
    key = np.repeat(np.arange(len(per)), per)
    t = np.arange(len(key)) - np.repeat(np.cumsum(per) - per, per)  # pair number within its key
    width = c_len[key]
    cells = r_idx[r_start[key] + t // width] * m + c_idx[c_start[key] + t % width]
    np.add.at(flat, cells, np.asarray(weights, dtype=np.float64)[key])


def score_matrix(
    ref: Sequence[Features],
    other: Sequence[Features],
    options: Options,
    *,
    idf: dict[str, float] | None = None,
) -> Matrix:
    """Score every reference text against every other text; IDF over both unless given."""
    n, m = len(ref), len(other)
    if n == 0 or m == 0:
        return np.zeros((n, m), dtype=np.float64)
    if idf is None:
        idf = idf_table([f.keys for f in ref] + [f.keys for f in other])
    if n * m <= _CDIST_MAX_PAIRS:
        return _whole_matrix(ref, other, idf, options, _BLOCK_PAIRS)
    return candidate_scores(ref, other, idf, options)


Blocks = Sequence[tuple[Sequence[int], Sequence[int]]]
"""Blocks of a matrix as (rows, columns) pairs: the cells a caller reads."""


def _whole_matrix(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    block_pairs: float,
    postings: Postings | None = None,
    read: Blocks | None = None,
) -> Matrix:
    """:func:`score_matrix` of a small pair (every pair fuzzy-scored by ``cdist``), the shared
    weights block-added from ``block_pairs`` pairs a key (:func:`_shared_weights`).

    ``read``, if given: only the cells of these blocks are fuzzy-scored, each the same number;
    the others hold no score (the caller never reads them)."""
    shared = _shared_weights(ref, other, idf, None, block_pairs, postings)
    w_ref = _weights(ref, idf)
    w_other = _weights(other, idf)
    total = w_ref[:, None] + w_other[None, :]
    dice = np.divide(2.0 * shared, total, out=np.zeros_like(shared), where=total > 0)
    wordless = total == 0  # neither text has a word: the fuzzy score is the whole score
    fw = options.fuzzy_weight
    ref_norms, name = _sorted_norms(ref, options.fuzzy_scorer)
    other_norms = _sorted_norms(other, options.fuzzy_scorer)[0]
    if read is None:
        fuzzy = _fuzzy(ref_norms, other_norms, name)
    else:
        fuzzy = np.zeros_like(shared)
        for rows, cols in read:
            if len(rows) and len(cols):
                block = _fuzzy([ref_norms[i] for i in rows], [other_norms[j] for j in cols], name)
                fuzzy[np.ix_(rows, cols)] = block
    combined: Matrix = (1.0 - fw) * np.where(wordless, fuzzy, dice) + fw * fuzzy
    return combined


def _fuzzy(ref: Sequence[str], other: Sequence[str], name: str) -> Matrix:
    """The fuzzy scorer ``name``'s scores of every pair of strings, in [0, 1]."""
    workers = _workers(len(ref) * len(other))
    scores = process.cdist(ref, other, scorer=SCORERS[name], workers=workers, dtype=np.float64)
    return scores / 100.0


def sums_in_key_order(ref: Sequence[Features], other: Sequence[Features]) -> bool:
    """Whether the lexical scorer scores these texts (none of them empty) as one whole matrix
    whose every cell sums its shared keys' weights in sorted order: no more than
    ``_CDIST_MAX_PAIRS`` pairs, and no key shared by more than ``_BLOCK_PAIRS`` pairs (a block
    add, made out of that order)."""
    if not ref or not other or len(ref) * len(other) > _CDIST_MAX_PAIRS:
        return False
    if len(ref) * len(other) <= _BLOCK_PAIRS:  # no key can be shared by more pairs
        return True
    a = Counter(itertools.chain.from_iterable(f.keys for f in ref))
    b = Counter(itertools.chain.from_iterable(f.keys for f in other))
    return all(a[k] * b[k] <= _BLOCK_PAIRS for k in a.keys() & b.keys())


def sorted_sum_scores(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    postings: Postings | None = None,
    read: Blocks | None = None,
) -> Matrix:
    """The lexical scorer's whole matrix (each score at most 1) with every cell's shared weight
    summed in sorted key order, however many pairs share a key: where :func:`score_matrix`
    adds no key as a block (no key shared by more than ``_BLOCK_PAIRS`` pairs, fewer than
    ``_CDIST_MAX_PAIRS`` pairs), each cell is the same number, bit for bit, in any matrix
    holding both texts (a pair's score depends on its two texts, the IDF and the options only).
    ``postings``: the two sides' :func:`postings`, when already known; ``read``: the blocks
    the caller reads, the only cells scored (see :func:`_whole_matrix`).
    """
    if not ref or not other:
        return np.zeros((len(ref), len(other)), dtype=np.float64)
    return np.minimum(_whole_matrix(ref, other, idf, options, math.inf, postings, read), 1.0)


def _weights(texts: Sequence[Features], idf: dict[str, float]) -> Matrix:
    """:func:`text_weight` of each text's keys, once per record (a repeated text shares one:
    :func:`features`)."""
    if not _repeats(texts):
        return np.array([_weight(f, idf) for f in texts], dtype=np.float64)
    seen: dict[int, float] = {}
    out = []
    for f in texts:
        w = seen.get(id(f))
        if w is None:
            w = seen[id(f)] = _weight(f, idf)
        out.append(w)
    return np.array(out, dtype=np.float64)


def _repeats(texts: Sequence[Features]) -> bool:
    """Whether a record stands for several of the texts (a repeated text, see :func:`features`)."""
    return len({id(f) for f in texts}) < len(texts)


def _sorted_len(f: Features) -> int:
    """``len(f.sorted_norm)``, without sorting: the same words, one space apart."""
    norm = f.norm  # words one space apart, but where a text joined with it had no string
    if "  " in norm or norm[:1] == " " or norm[-1:] == " ":
        return len(" ".join(norm.split()))
    return len(norm)


def _sorted_norms(texts: Sequence[Features], scorer: str) -> tuple[list[str], str]:
    """The fuzzy scorer's strings and the scorer to run on them.

    ``token_sort_ratio`` is ``ratio`` on each string with its words sorted: sorting each
    sentence's words once, not once per pair, gives the same scores 4x faster.
    """
    if scorer == "token_sort_ratio":
        return [f.sorted_norm for f in texts], "ratio"
    return [f.norm for f in texts], scorer


def candidate_scores(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: Sequence[int] | None = None,
) -> Matrix:
    """Score pairs by IDF overlap, and blend in the fuzzy score on candidate pairs only.

    The weighted Dice overlap of every pair comes from one sum of shared weights (one block
    add per word); the fuzzy scorer runs only on pairs whose overlap could still reach the link
    threshold, or that have no word on either side (which the fuzzy score alone scores).

    With ``blocks`` (the row of each document's first sentence, then the total), ``ref`` and
    ``other`` are the same sentences of several documents: pairs within a document are 0, and
    each pair of different documents is fuzzy-scored once and mirrored. The overlap is computed
    in place, one block of rows at a time, so memory stays at about two matrices of the output's
    size.
    """
    owner = owners(blocks, len(ref)).tolist() if blocks is not None and other is ref else None
    out = _shared_weights(ref, other, idf, None, _BLOCK_PAIRS, owner=owner)
    w_ref = _weights(ref, idf)
    w_other = w_ref if blocks is not None else _weights(other, idf)
    fw = options.fuzzy_weight
    floor = max((options.link_threshold - fw) / (1.0 - fw) if fw < 1.0 else 0.0, 1e-9)
    bands = list(itertools.pairwise(blocks)) if blocks is not None else [(0, len(ref))]
    found_rows, found_cols = [], []
    for lo, hi in bands:
        band = out[lo:hi]
        total = w_ref[lo:hi, None] + w_other[None, :]
        np.divide(2.0 * band, total, out=band, where=total > 0)  # the weighted Dice overlap
        start = 0
        if blocks is not None:  # later documents only, each pair once
            band[:, lo:hi] = 0.0
            start = hi
        r, c = np.nonzero((band[:, start:] >= floor) | (total[:, start:] == 0))
        found_rows.append(r + lo)
        found_cols.append(c + start)
    out *= 1.0 - fw
    rows, cols = np.concatenate(found_rows), np.concatenate(found_cols)
    if len(rows):
        ref_norms, name = _sorted_norms(ref, options.fuzzy_scorer)
        other_norms = ref_norms if other is ref else _sorted_norms(other, options.fuzzy_scorer)[0]
        out[rows, cols] += _fuzzy_part(
            (ref_norms, other_norms), (w_ref, w_other), rows, cols, SCORERS[name], fw
        )
        if blocks is not None:
            out[cols, rows] = out[rows, cols]
    return out


def owners(blocks: Sequence[int], n: int) -> NDArray[np.intp]:
    """The document of each of a collation's ``n`` texts (``blocks``: each one's first row)."""
    return np.searchsorted(np.asarray(blocks), np.arange(n), side="right") - 1


def candidate_rows(
    texts: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    blocks: Sequence[int],
    rows: Sequence[int],
) -> Matrix:
    """Rows ``rows`` (ascending) of ``candidate_scores(texts, texts, idf, options, blocks=blocks)``,
    the same numbers bit for bit, without scoring the other rows.

    Every step of the whole matrix is symmetric to the last bit: a cell and its mirror get the
    same keys in the same order (:func:`shared_weights` with ``rows``), their weights add the
    same both ways round, and the fuzzy score of a pair is taken as the whole matrix takes it,
    the earlier document's text first. (A collation's unit lift reads only the rows of the units
    of sentences with several units.)
    """
    at = np.asarray(rows, dtype=np.intp)
    owner = owners(blocks, len(texts))
    out = _shared_weights(texts, texts, idf, at.tolist(), _BLOCK_PAIRS, owner=owner.tolist())
    weight = _weights(texts, idf)
    fw = options.fuzzy_weight
    floor = max((options.link_threshold - fw) / (1.0 - fw) if fw < 1.0 else 0.0, 1e-9)
    total = weight[at, None] + weight[None, :]
    np.divide(2.0 * out, total, out=out, where=total > 0)  # the weighted Dice overlap
    apart = owner[at, None] != owner[None, :]
    out[~apart] = 0.0  # pairs within a document
    r, c = np.nonzero(apart & ((out >= floor) | (total == 0)))
    out *= 1.0 - fw
    if len(r):
        g = at[r]
        first, second = np.minimum(g, c), np.maximum(g, c)  # documents are blocks in order
        norms, name = _sorted_norms(texts, options.fuzzy_scorer)
        out[r, c] += _fuzzy_part((norms, norms), (weight, weight), first, second, SCORERS[name], fw)
    return out


def _fuzzy_part(
    strings: tuple[Sequence[str], Sequence[str]],
    weights: tuple[Matrix, Matrix],
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scorer: Any,
    fw: float,
) -> Matrix:
    """What the fuzzy score adds to each candidate pair (``rows[k]``, ``cols[k]``) of the two
    sides' strings: ``fw`` times it, or all of it when neither text has a word to weigh."""
    fuzzy = process.cpdist(
        [strings[0][i] for i in rows.tolist()], [strings[1][j] for j in cols.tolist()],
        scorer=scorer, workers=_workers(len(rows)), dtype=np.float64,
    )  # fmt: skip
    wordless = weights[0][rows] + weights[1][cols] == 0  # no overlap to weigh: fuzzy is all
    part: Matrix = np.where(wordless, 1.0, fw) * fuzzy / 100.0
    return part


@attrs.frozen(eq=False)
class SparseScores:
    """Scores of a large comparison kept sparse: the pairs that can matter, row-major, each once.

    A pair left out scores 0 as far as alignment can tell: on its own and with the order bonus
    it stays below the link threshold. Memory grows with these pairs, not with ``n x m``.
    """

    __repr__ = record_repr

    shape: tuple[int, int]
    rows: NDArray[np.intp]
    """Row of each kept pair, the pairs sorted by row then column."""
    cols: NDArray[np.intp]
    values: Matrix
    """Score of each kept pair."""
    keys: NDArray[np.int64] = attrs.field(init=False, repr=False)
    """``row * len(other) + col`` of each kept pair, ascending: what :meth:`find` searches."""

    @keys.default
    def _keys(self) -> NDArray[np.int64]:
        return self.rows.astype(np.int64) * self.shape[1] + self.cols

    def find(self, rows: NDArray[np.intp], cols: NDArray[np.intp]) -> NDArray[np.intp]:
        """Index of each pair ``(rows[k], cols[k])`` in the kept pairs, or -1 if left out."""
        m = self.shape[1]
        keys = self.keys
        want = np.asarray(rows, dtype=np.int64) * m + np.asarray(cols, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, want), max(len(keys) - 1, 0))
        hit = (keys[at] == want) if len(keys) else np.zeros(len(want), dtype=bool)
        return np.where(hit, at, -1).astype(np.intp)

    def at(self, i: int, j: int) -> float:
        """The score of pair ``(i, j)`` (0 if left out)."""
        k = int(self.find(np.array([i]), np.array([j]))[0])
        return float(self.values[k]) if k >= 0 else 0.0

    def with_values(self, values: Matrix) -> SparseScores:
        """The same pairs with other scores."""
        return SparseScores(self.shape, self.rows, self.cols, values)


def _key_rows(texts: Sequence[Features], column: dict[str, int], weight: list[float]) -> csr_matrix:
    """A sparse text x key matrix: each text's keys among ``column``, weighted, in column order
    (every text's keys looked up in one pass and sorted by one ``lexsort``; a repeated text,
    one record, see :func:`features`, is read once and its row repeated)."""
    records = list({id(f): f for f in texts}.values())
    keys = itertools.chain.from_iterable(f.keys for f in records)
    found = np.fromiter(  # each key looked up in C (-1: none of the columns), records in order
        map(column.get, keys, itertools.repeat(-1)),
        dtype=np.int64,
        count=sum(len(f.keys) for f in records),
    )
    sizes = np.fromiter((len(f.keys) for f in records), dtype=np.int64, count=len(records))
    owner = np.repeat(np.arange(len(records), dtype=np.int64), sizes)
    keep = found >= 0
    owner, found = owner[keep], found[keep]
    order = np.lexsort((found, owner))  # by record, then column
    owner, found = owner[order], found[order]
    indptr = np.zeros(len(records) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=len(records)), out=indptr[1:])
    data = np.asarray(weight, dtype=np.float64)[found]
    rows = sparse().csr_matrix((data, found, indptr), shape=(len(records), len(weight)))
    if len(records) == len(texts):
        return rows
    at = {id(f): k for k, f in enumerate(records)}
    out: csr_matrix = rows[[at[id(f)] for f in texts]]
    return out


def _ratio_bound(len_a: Matrix, len_b: Matrix) -> Matrix:
    """The most ``fuzz.ratio`` / 100 can be for strings of these lengths (pair by pair).

    ``ratio`` is ``1 - indel / (la + lb)`` and the indel distance is at least ``|la - lb|``.
    """
    total = len_a + len_b
    return np.where(total > 0, 1.0 - np.abs(len_a - len_b) / np.maximum(total, 1.0), 1.0)


def _joined(parts: list[Any], dtype: type) -> Any:
    """The parts joined into one array (of ``dtype`` when there is none), the list emptied so
    each part's memory is freed as soon as it is copied."""
    out = np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
    parts.clear()
    return out


def sparse_scores(
    ref: Sequence[Features], other: Sequence[Features], idf: dict[str, float], options: Options
) -> SparseScores:
    """Score a large pair sparsely: :func:`candidate_scores`'s scores, of the pairs that matter.

    The shared weights are one sparse product ``A·diag(idf)·Bᵀ`` (a band of rows at a time);
    SciPy adds each cell's terms in key order from 0, as :func:`shared_weights` does, so every
    score has the same bits. Kept: the candidates (fuzzy-scored, as there) and the pairs whose
    overlap alone, plus the order bonus, could reach the link threshold (none when the bonus is
    at most the fuzzy weight: a pair below the candidate floor scores under the threshold minus
    the fuzzy weight). With ``ratio`` (or ``token_sort_ratio``, ``ratio`` on sorted words), a
    candidate too unequal in length to reach the threshold, bonus included, is dropped unscored.
    """
    n, m = len(ref), len(other)
    shared_keys = sorted(frozenset().union(*(f.keys for f in ref)) & frozenset().union(
        *(f.keys for f in other)))  # fmt: skip
    column = {k: c for c, k in enumerate(shared_keys)}
    # a repeated text (one record, see features) is multiplied once: rows of distinct records
    first: dict[int, int] = {}
    of_row = np.array([first.setdefault(id(f), len(first)) for f in ref], dtype=np.intp)
    distinct = list({id(f): f for f in ref}.values())
    a = _key_rows(distinct, column, [idf[k] for k in shared_keys])
    bt = _key_rows(other, column, [1.0] * len(shared_keys)).T.tocsr()
    w_distinct = _weights(distinct, idf)
    w_ref = w_distinct[of_row]  # each row its record's weight (each record weighed once)
    w_other = _weights(other, idf)
    fw = options.fuzzy_weight
    floor = max((options.link_threshold - fw) / (1.0 - fw) if fw < 1.0 else 0.0, 1e-9)
    bonus = max(options.order_bonus, 0.0)
    keep_floor = floor
    if fw < 1.0:
        keep_floor = min(floor, (options.link_threshold - bonus) / (1.0 - fw) - 1e-9)
    ref_norms, name = _sorted_norms(ref, options.fuzzy_scorer)
    other_norms = _sorted_norms(other, options.fuzzy_scorer)[0]
    len_ref = np.array([len(t) for t in ref_norms], dtype=np.float64)
    len_other = np.array([len(t) for t in other_norms], dtype=np.float64)

    def kept(r: NDArray[np.intp], c: NDArray[np.intp], dice: Matrix, wordless: bool) -> None:
        """Keep the pairs of one band that can matter, with their overlap score."""
        values = dice * (1.0 - fw)
        cand = np.full(len(dice), True) if wordless else dice >= floor
        if name == "ratio":  # drop candidates too unequal in length to reach the threshold
            reach = _ratio_bound(len_ref[r], len_other[c])
            best = np.where(w_ref[r] + w_other[c] == 0, reach, values + fw * reach)
            keep = ~cand | (best + bonus >= options.link_threshold - 1e-9)
            r, c, values, cand = r[keep], c[keep], values[keep], cand[keep]
        parts_r.append(r)
        parts_c.append(c)
        parts_v.append(values)
        parts_cand.append(cand)

    parts_r: list[NDArray[np.intp]] = []
    parts_c: list[NDArray[np.intp]] = []
    parts_v: list[Matrix] = []
    parts_cand: list[NDArray[np.bool_]] = []
    step = max(1, _BAND_CELLS // max(m, 1))
    found_r: list[NDArray[np.intp]] = []
    found_c: list[NDArray[np.intp]] = []
    found_d: list[Matrix] = []
    for lo in range(0, len(distinct), step):
        band = (a[lo : lo + step] @ bt).tocoo()
        r = band.row.astype(np.intp) + lo
        c = band.col.astype(np.intp)
        total = w_distinct[r] + w_other[c]
        dice = 2.0 * band.data / total  # the weighted Dice overlap, as candidate_scores has it
        keep = dice >= keep_floor
        r, c, dice = r[keep], c[keep], dice[keep]
        # each pair comes once and bands are row ranges in order: sorted bands are sorted pairs
        in_band = np.argsort(r.astype(np.int64) * m + c)
        if len(distinct) == n:  # rows are the records: the band is the rows' own
            kept(r[in_band], c[in_band], dice[in_band], wordless=False)
        else:
            found_r.append(r[in_band])
            found_c.append(c[in_band])
            found_d.append(dice[in_band])
    if len(distinct) < n:  # each row takes its record's pairs, row after row
        d_rows, d_cols = _joined(found_r, np.intp), _joined(found_c, np.intp)
        d_dice = _joined(found_d, np.float64)
        starts = np.searchsorted(d_rows, np.arange(len(distinct) + 1))
        for lo in range(0, n, step):
            rec = of_row[lo : lo + step]
            sizes = starts[rec + 1] - starts[rec]
            at = np.repeat(starts[rec] - (np.cumsum(sizes) - sizes), sizes)
            at += np.arange(len(at))
            r = np.repeat(np.arange(lo, lo + len(rec), dtype=np.intp), sizes)
            kept(r, d_cols[at], d_dice[at], wordless=False)
    empty_r, empty_c = np.nonzero(w_ref == 0)[0], np.nonzero(w_other == 0)[0]
    wordless_pairs = bool(len(empty_r) and len(empty_c))
    if wordless_pairs:  # neither text has a word: the fuzzy score is the whole score
        wr, wc = np.meshgrid(empty_r, empty_c, indexing="ij")
        kept(
            wr.ravel().astype(np.intp), wc.ravel().astype(np.intp), np.zeros(wr.size), wordless=True
        )
    rows, cols = _joined(parts_r, np.intp), _joined(parts_c, np.intp)
    values, cand = _joined(parts_v, np.float64), _joined(parts_cand, np.bool_)
    if wordless_pairs:  # they sort among the others
        order = np.argsort(rows.astype(np.int64) * m + cols, kind="stable")
        rows, cols, values, cand = rows[order], cols[order], values[order], cand[order]
    pick = np.nonzero(cand)[0]
    fuzzy_of = _PairScorer(ref_norms, other_norms, SCORERS[name])
    for lo in range(0, len(pick), _FUZZY_CHUNK):  # chunks: the string lists stay small
        part = pick[lo : lo + _FUZZY_CHUNK]
        fuzzy = fuzzy_of(rows[part], cols[part])
        wordless = w_ref[rows[part]] + w_other[cols[part]] == 0
        values[part] += np.where(wordless, 1.0, fw) * fuzzy / 100.0
    return SparseScores((n, m), rows, cols, values)


class _PairScorer:
    """The fuzzy scores of pairs (``left[i]``, ``right[j]``), each distinct pair of strings
    scored once per call when a side repeats strings (a wire copy, boilerplate, a list of
    items): the same rapidfuzz function on the same strings, so the same scores."""

    def __init__(self, left: Sequence[str], right: Sequence[str], scorer: Any) -> None:
        self.left, self.right, self.scorer = left, right, scorer
        self.repeats = len(set(left)) < len(left) or len(set(right)) < len(right)
        if self.repeats:
            ids: dict[str, int] = {}
            self.left_ids = np.array([ids.setdefault(t, len(ids)) for t in left], dtype=np.int64)
            self.right_ids = np.array([ids.setdefault(t, len(ids)) for t in right], np.int64)
            self.strings = list(ids)

    def __call__(self, rows: NDArray[np.intp], cols: NDArray[np.intp]) -> Matrix:
        """The fuzzy score of each pair (``rows[k]``, ``cols[k]``), as rapidfuzz gives it."""
        if self.repeats:
            width = len(self.strings)
            distinct, back = np.unique(
                self.left_ids[rows] * width + self.right_ids[cols], return_inverse=True
            )
            if len(distinct) < len(rows):
                return self._scores(
                    [self.strings[i] for i in (distinct // width).tolist()],
                    [self.strings[j] for j in (distinct % width).tolist()],
                )[back]
        return self._scores(
            [self.left[i] for i in rows.tolist()], [self.right[j] for j in cols.tolist()]
        )

    def _scores(self, a: list[str], b: list[str]) -> Matrix:
        workers = _workers(len(a))  # the scores do not depend on it
        out: Matrix = process.cpdist(a, b, scorer=self.scorer, workers=workers, dtype=np.float64)
        return out


ScoreMatrix = Any
"""What a :class:`Scorer` returns: a dense ``numpy`` array or any ``scipy.sparse`` matrix or
array of shape ``(len(ref), len(other))``, scores in [0, 1], a missing entry meaning 0 (SciPy has
no type hints, hence ``Any``)."""


class Scorer(Protocol):
    """Scores sentences against sentences: a plain callable object, as rapidfuzz's scorers are.

    Given the :class:`Features` of two sentence lists (each with its words, normalised string
    and text as written), the IDF table over every sentence being compared and the options, a
    scorer returns a :data:`ScoreMatrix` of every pair it finds worth a score; pairs it leaves
    out score 0 and are never linked. Alignment reads only these numbers, never which scorer
    made them, so a scorer that embeds sentences and scores their cosine similarity plugs in as
    the lexical one does (``Options(scorer=...)``). The same scorer scores the 1:2 and 2:1
    groups alignment tries, each joined into one text (:func:`join`), as a 1 x 1 call.

    ``blocks``, when given, says ``ref`` and ``other`` are the same sentences of several
    documents, the row of each document's first sentence then the total (a collation): pairs
    within a document need no score (they are set to 0 whatever the scorer returns), and a
    scorer may score each pair of different documents once and mirror it.

    A scorer may also have a method ``score_groups(ref, other, groups, *, idf, options)``: for
    each ``(ri, oi)`` of ``groups``, the score of the sentences ``ref[i]`` for i in ``ri`` read as
    one text against those of ``oi`` (a sequence of floats). Alignment then scores all its 1:2 and
    2:1 tries in one call (:func:`score_groups`) instead of one 1 x 1 call each.

    And a method ``score_units(ref, other, *, idf, options, blocks=None)``, called as the scorer
    is, when ``ref`` and ``other`` are the claim units of the sentences it scored before (a
    sentence of one unit standing for itself, :func:`compare.units.unit_texts`, each side's
    sentences in order): a scorer that embeds may embed a document's units and sentences
    together. Without it the scorer itself scores the units.
    """

    def __call__(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        *,
        idf: dict[str, float],
        options: Options,
        blocks: Sequence[int] | None = None,
    ) -> ScoreMatrix:
        """Score ``ref`` against ``other``."""
        ...


@attrs.frozen
class LexicalScorer:
    """The default scorer: IDF-weighted word overlap blended with a rapidfuzz string score.

    A pair comparison scores the whole matrix with ``cdist`` when it is small
    (:func:`score_matrix`) and keeps candidate pairs only, sparse, when it is large
    (:func:`sparse_scores`); a collation scores candidates only (:func:`candidate_scores`).
    """

    __repr__ = record_repr

    def __call__(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        *,
        idf: dict[str, float],
        options: Options,
        blocks: Sequence[int] | None = None,
    ) -> Matrix | SparseScores:
        """Score ``ref`` against ``other`` (see :class:`Scorer`), each score at most 1 (a blend
        of two full scores can add up to a few units in the last place above it)."""
        if blocks is not None:
            dense = candidate_scores(ref, other, idf, options, blocks=blocks)
        elif keeps_sparse(len(ref) * len(other), options):
            found = sparse_scores(ref, other, idf, options)
            return found.with_values(np.minimum(found.values, 1.0))
        else:
            dense = score_matrix(ref, other, options, idf=idf)
        return np.minimum(dense, 1.0, out=dense)  # a new matrix: capped where it is


def keeps_sparse(pairs: int, options: Options) -> bool:
    """Whether a pair comparison keeps its scores sparse: a large one, with a threshold above 0.

    (At a threshold of 0 every pair, even one scoring 0, reaches it: only a dense matrix says so.)
    """
    return pairs > _CDIST_MAX_PAIRS and options.link_threshold > 0


LEXICAL = LexicalScorer()
"""The scorer options stand for when they name none (``Options.scorer`` is None)."""


def scorer_of(options: Options) -> Scorer:
    """The scorer ``options`` hold, or :data:`LEXICAL` when they hold none."""
    return LEXICAL if options.scorer is None else cast(Scorer, options.scorer)


def dense_scores(scores: ScoreMatrix, shape: tuple[int, int]) -> Matrix:
    """A scorer's result as a dense float64 array, checked: its shape, scores in [0, 1].

    A result that is not a matrix of that shape, or holds a score outside [0, 1] (NaN
    included), raises :class:`~compare.errors.OptionsError` (the scorer is an option).
    """
    try:
        out = np.asarray(scores.toarray() if hasattr(scores, "toarray") else scores)
        out = out.astype(np.float64, copy=False)
    except (TypeError, ValueError) as exc:
        raise OptionsError(f"option scorer returned no score matrix: {exc}") from None
    if out.shape != shape:
        raise OptionsError(f"option scorer returned a {out.shape} matrix for {shape} sentences")
    if out.size and not ((out >= 0.0) & (out <= 1.0)).all():
        raise OptionsError("option scorer returned a score outside [0, 1]")
    return out


def _sparse_of(scores: ScoreMatrix, shape: tuple[int, int]) -> SparseScores:
    """A scorer's ``scipy.sparse`` result as :class:`SparseScores`, checked as dense ones are."""
    try:
        csr = scores.tocsr().astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise OptionsError(f"option scorer returned no score matrix: {exc}") from None
    if tuple(csr.shape) != shape:
        raise OptionsError(
            f"option scorer returned a {tuple(csr.shape)} matrix for {shape} sentences"
        )
    csr.sum_duplicates()  # sorts each row's columns too
    coo = csr.tocoo()
    values = np.asarray(coo.data, dtype=np.float64)
    if values.size and not ((values >= 0.0) & (values <= 1.0)).all():
        raise OptionsError("option scorer returned a score outside [0, 1]")
    return SparseScores(shape, coo.row.astype(np.intp), coo.col.astype(np.intp), values)


@overload
def run_scorer(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: Sequence[int],
    units: bool = False,
) -> Matrix: ...
@overload
def run_scorer(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: None = None,
    units: bool = False,
) -> Matrix | SparseScores: ...
def run_scorer(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: Sequence[int] | None = None,
    units: bool = False,
) -> Matrix | SparseScores:
    """Score ``ref`` against ``other`` with the options' scorer: dense, or sparse for a large pair.

    The lexical scorer's result is taken as it is (:class:`SparseScores` for a large pair
    comparison). Any other scorer's result is checked (:func:`dense_scores`); a ``scipy.sparse``
    one stays sparse for a pair comparison with a threshold above 0, else becomes dense. A
    collation (``blocks``) always gets a dense matrix. ``units``: ``ref`` and ``other`` are the
    claim units of the sentences scored before (the scorer's ``score_units`` method, if any).
    """
    scorer = scorer_of(options)
    method = getattr(scorer, "score_units", None) if units else None
    scores = (method or scorer)(ref, other, idf=idf, options=options, blocks=blocks)
    if isinstance(scorer, LexicalScorer):
        return cast("Matrix | SparseScores", scores)
    shape = (len(ref), len(other))
    if blocks is None and hasattr(scores, "tocsr") and options.link_threshold > 0:
        return _sparse_of(scores, shape)
    return dense_scores(scores, shape)


def score_one(a: Features, b: Features, idf: dict[str, float], options: Options) -> float:
    """Score one pair of texts with the options' scorer (:func:`pair_score` for the lexical one)."""
    scorer = scorer_of(options)
    if isinstance(scorer, LexicalScorer):
        return pair_score(a, b, idf, options)
    return float(dense_scores(scorer([a], [b], idf=idf, options=options), (1, 1))[0, 0])


def score_groups(
    ref: Sequence[Features],
    other: Sequence[Features],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    idf: dict[str, float],
    options: Options,
) -> list[float]:
    """Score each ``(ri, oi)`` of ``groups``: ``ref``'s sentences ``ri`` joined against
    ``other``'s sentences ``oi`` joined, with the options' scorer.

    The lexical scorer scores each pair with :func:`pair_score`; a scorer with a
    ``score_groups`` method scores them in one call (checked: one score in [0, 1] a group); any
    other scorer, one 1 x 1 call a group (:func:`score_one`).
    """
    scorer = scorer_of(options)
    batch = getattr(scorer, "score_groups", None)
    if isinstance(scorer, LexicalScorer):
        return _lexical_groups(ref, other, groups, idf, options)
    if batch is None:
        return [
            score_one(join([ref[i] for i in ri]), join([other[j] for j in oi]), idf, options)
            for ri, oi in groups
        ]
    values = np.asarray(batch(ref, other, groups, idf=idf, options=options), dtype=np.float64)
    return [float(v) for v in dense_scores(values.reshape(1, -1), (1, len(groups)))[0]]


GroupSides = tuple[dict[tuple[int, ...], Any], dict[tuple[int, ...], Any]]
"""What :func:`_lexical_groups` keeps of each side's groups of sentences (by their indices),
for one pair of sentence lists and one IDF table and options: see :class:`GroupScorer`."""


_REACH_SLACK = 1e-9
"""How far under its floor a try's best possible score must be for its fuzzy score to be
skipped (far more than the rounding of the score's few float operations)."""


def _lexical_groups(
    ref: Sequence[Features],
    other: Sequence[Features],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    idf: dict[str, float],
    options: Options,
    memo: GroupSides | None = None,
    floors: Sequence[float] | None = None,
) -> list[float]:
    """:func:`pair_score` of each group, the same numbers: each side's joined text, weight and
    fuzzy string once per distinct group of sentences (``memo`` keeps them across calls), the
    fuzzy scores in one ``cpdist`` call (``ratio`` on words sorted once for
    ``token_sort_ratio``, :func:`_sorted_norms`).

    ``floors``: a group whose score cannot reach its floor, whatever its fuzzy score (at most
    100, and for ``ratio`` at most what the two strings' lengths allow), is not fuzzy-scored;
    its score is given as minus infinity.
    """
    sides = memo if memo is not None else ({}, {})
    vocabulary = idf.keys()
    name = "ratio" if options.fuzzy_scorer == "token_sort_ratio" else options.fuzzy_scorer
    sort = name != options.fuzzy_scorer  # token_sort_ratio: ratio on the words sorted

    def side(
        texts: Sequence[Features], idx: tuple[int, ...], k: int
    ) -> tuple[Features, float | None, int]:
        known: tuple[Features, float | None, int] | None = sides[k].get(idx)
        if known is None:
            f = join([texts[i] for i in idx])
            # the weight when every key is in the table (pair_score's default is then unused)
            weight = _weight(f, idf) if vocabulary >= f.keys else None
            # the fuzzy string's length, all the floors read: the string (its words sorted)
            # is made for the tries fuzzy-scored only (on the readouts, none of them)
            size = _sorted_len(f) if sort else len(f.norm)
            known = sides[k][idx] = (f, weight, size)
        return known

    def fuzzy(f: Features) -> str:
        """The string a side's text is fuzzy-scored on."""
        return f.sorted_norm if sort else f.norm

    fw = options.fuzzy_weight
    out: list[float] = []
    dice_of: dict[int, float | None] = {}  # the groups to fuzzy-score: their overlap (None:
    # neither side has a word, the fuzzy score is the whole score)
    known_ref, known_other = sides[0].get, sides[1].get  # (most groups are known: no call)
    pairs = [
        (known_ref(ri) or side(ref, ri, 0), known_other(oi) or side(other, oi, 1))
        for ri, oi in groups
    ]
    for k, ((a, wa, la), (b, wb, lb)) in enumerate(pairs):
        if wa is None or wb is None:  # a key the table lacks: pair_score's own default
            out.append(pair_score(a, b, idf, options))
            continue
        total = wa + wb
        if floors is not None:
            size = la + lb
            reach = 1.0 - abs(la - lb) / size if name == "ratio" and size else 1.0
            # the overlap is at most the lighter side's weight (a sum of some of its words'
            # weights, in the same order): a try that cannot reach its floor even so is not
            # weighed word by word (most tries are such)
            most = 2.0 * min(wa, wb) / total if total else reach
            if (1.0 - fw) * most + fw * reach < floors[k] - _REACH_SLACK:
                out.append(-math.inf)
                continue
        dice = 2.0 * text_weight(a.keys & b.keys, idf) / total if total else None
        if floors is not None:
            best = (1.0 - fw) * (reach if dice is None else dice) + fw * reach
            if best < floors[k] - _REACH_SLACK:
                out.append(-math.inf)
                continue
        out.append(0.0)
        dice_of[k] = dice
    if dice_of:
        scored = process.cpdist(
            [fuzzy(pairs[k][0][0]) for k in dice_of], [fuzzy(pairs[k][1][0]) for k in dice_of],
            scorer=SCORERS[name], workers=1, dtype=np.float64,
        ).tolist()  # fmt: skip
        for (k, dice), fz in zip(dice_of.items(), scored, strict=True):
            f = fz / 100.0
            out[k] = (1.0 - fw) * (f if dice is None else dice) + fw * f
    return out


@attrs.frozen(eq=False)
class GroupScorer:
    """Scores groups of sentences of two lists read as one text each (alignment's 1:2 and 2:1
    tries): one try as a call, or many at once (:meth:`many`, one :func:`score_many` call)."""

    __repr__ = record_repr

    ref: Sequence[Features]
    other: Sequence[Features]
    idf: dict[str, float]
    options: Options
    memo: GroupSides = attrs.field(factory=lambda: ({}, {}), repr=False)
    """What the lexical scorer keeps of each side's groups across calls: a collation lends each
    document's own (the same sentences, IDF and options against every other document)."""

    def __call__(self, ri: tuple[int, ...], oi: tuple[int, ...]) -> float:
        """Score reference sentences ``ri`` joined against other sentences ``oi`` joined."""
        return self.many([(ri, oi)])[0]

    def many(self, tries: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[float]:
        """Score every ``(ri, oi)`` try, in order (:func:`score_groups`)."""
        if isinstance(scorer_of(self.options), LexicalScorer):
            return _lexical_groups(self.ref, self.other, tries, self.idf, self.options, self.memo)
        return score_groups(self.ref, self.other, tries, self.idf, self.options)

    def many_reaching(
        self, tries: Sequence[tuple[tuple[int, ...], tuple[int, ...]]], floors: Sequence[float]
    ) -> list[float]:
        """:meth:`many`, where a try that cannot score ``floors[k]`` may be given any score
        under it (the lexical scorer skips its fuzzy score: minus infinity)."""
        if isinstance(scorer_of(self.options), LexicalScorer):
            return _lexical_groups(
                self.ref, self.other, tries, self.idf, self.options, self.memo, floors
            )
        return self.many(tries)
