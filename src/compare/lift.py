"""Sentence scores lifted by what sentences share inside them: claim units and strong anchors.

The scorer scores whole sentences. Two accounts often share one claim of a sentence and differ in
the rest, which dilutes a whole-sentence score below the link threshold. Two lifts raise such
pairs, after the scorer ran and before alignment:

- **units**: every sentence is cut into claim units (:func:`compare.units.unit_spans`); the same
  scorer scores units against units, and a pair of sentences scores at least
  ``Options.unit_weight`` times its best pair of units;
- **anchors**: two sentences that share a run of :data:`ANCHOR_WORDS` words holding at least
  :data:`ANCHOR_CONTENT` lower-case content words (a shared quotation, a shared turn of phrase),
  found in no other sentence of either side, score at least ``Options.anchor_score``.

A lifted score never lowers a score; with ``unit_weight = 0`` and ``anchor_score = 0`` the
scorer's scores are returned unchanged.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import overload

import attrs
import numpy as np
from numpy.typing import NDArray

from compare._cache import bounded
from compare._records import record_repr
from compare.options import Options
from compare.similarity import (
    Blocks,
    Features,
    LexicalScorer,
    Matrix,
    SparseScores,
    candidate_rows,
    features,
    keeps_sparse,
    owners,
    postings,
    run_scorer,
    scorer_of,
    sorted_sum_scores,
    sparse_scores,
    sums_in_key_order,
)
from compare.tokens import fold, stopwords, unify_quotes
from compare.units import unit_texts

__all__ = ["ANCHOR_CONTENT", "ANCHOR_WORDS", "anchor_pairs", "lifted_scores", "unit_pairs"]

ANCHOR_WORDS = 5
"""Words in a run that anchors two sentences together."""

ANCHOR_CONTENT = 2
"""Lower-case content words (not names, not function words) the run must hold."""

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")


_JOIN = "\x1f"
"""Joins the words of a run into one string: no word holds it, so equal strings are equal runs
(strings hash, compare and weigh for the cache faster than tuples of words)."""


def _grams(text: str, language: str) -> frozenset[str]:
    """The word runs of ``text`` that can anchor: :data:`ANCHOR_WORDS` long, enough content,
    each as its words joined by :data:`_JOIN`. (Not remembered: :func:`_side_runs` reads each
    document's sentences once.)"""
    words = _TOKEN.findall(text)
    if len(words) < ANCHOR_WORDS:
        return frozenset()
    stop = stopwords(language)
    folded = _folded_words(text, words)
    # a word opening with a lower-case letter is no number
    content = [w[0].islower() and f not in stop for w, f in zip(words, folded, strict=True)]
    upto = list(itertools.accumulate(content, initial=0))  # content words before each word
    return frozenset(
        [
            _JOIN.join(folded[k : k + ANCHOR_WORDS])
            for k in range(len(words) - ANCHOR_WORDS + 1)
            if upto[k + ANCHOR_WORDS] - upto[k] >= ANCHOR_CONTENT
        ]
    )


def _folded_words(text: str, words: list[str]) -> list[str]:
    """The words of ``fold(text)`` (``words``: those of ``text``), or each word folded where
    folding split or joined a word. Text that is ASCII but for quotes other than ``‘`` has the
    same words folded one by one (folding lower-cases it and straightens its quotes, and every
    such quote is outside a word or, as ``’`` and ``'``, both are inside one), without reading
    the folded text again (a sentence's words are read for its runs once, BASIL's ~8,000)."""
    if text.isascii():
        return [w.lower() for w in words]
    if "‘" not in text and unify_quotes(text).isascii():
        return [fold(w) for w in words]
    folded: list[str] = _TOKEN.findall(fold(text))
    if len(folded) != len(words):  # case-folding split or joined a word: fold word by word
        folded = [fold(w) for w in words]
    return folded


def anchor_pairs(
    ref: Sequence[Features],
    other: Sequence[Features],
    options: Options,
    blocks: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (ref row, other column) sharing a run found in no other sentence of either side.

    With ``blocks`` (a collation: ``ref`` and ``other`` are the same sentences of several
    documents), "side" means document: the run lies in exactly one sentence of each of two
    documents, and each pair is given both ways round.
    """
    if blocks is None:
        in_ref = _side_runs(tuple(f.text for f in ref), options.language)
        in_other = _side_runs(tuple(f.text for f in other), options.language)
        found = set()
        for gram in in_ref.keys() & in_other.keys():  # (a few runs: the rest is in C)
            a, b = in_ref[gram], in_other[gram]
            if a >= 0 and b >= 0:
                found.add((a, b))
        return sorted(found)
    texts = tuple(f.text for f in ref)
    bounds = [*blocks, len(ref)] if not blocks or blocks[-1] != len(ref) else list(blocks)
    # each document's runs, as a pair comparison reads them (so theirs are read here, once)
    sides = [
        (lo, _side_runs(texts[lo:hi], options.language)) for lo, hi in itertools.pairwise(bounds)
    ]
    pairs: set[tuple[int, int]] = set()
    for (lo_a, runs_a), (lo_b, runs_b) in itertools.combinations(sides, 2):
        for gram in runs_a.keys() & runs_b.keys():
            a, b = runs_a[gram], runs_b[gram]
            if a >= 0 and b >= 0:  # one sentence of each document holds it
                pairs.add((lo_a + a, lo_b + b))
                pairs.add((lo_b + b, lo_a + a))
    return sorted(pairs)


@bounded(maxbytes=16 << 20)  # a document's runs weigh ~200 KB a 100 sentences: 20 accounts' fit
def _side_runs(texts: tuple[str, ...], language: str) -> Mapping[str, int]:
    """Each run of :func:`_grams` of one side's texts with the one text holding it, or -1 when
    several do (a side compared again, as a collation's first document is, is read once; a
    text repeated on the side is read once: its runs are each in several texts). Read only:
    the cache hands the same mapping to every caller."""
    rows: dict[str, int] = {}
    read: dict[str, frozenset[str]] = {}
    for row, text in enumerate(texts):
        grams = read.get(text)
        if grams is not None:  # a repeated text: every run of it is in several texts
            rows.update(dict.fromkeys(grams, -1))
            continue
        grams = read[text] = _grams(text, language)
        for gram in grams:
            rows[gram] = row if gram not in rows else -1
    return rows


def _units(texts: Sequence[Features], language: str) -> tuple[list[Features], list[int]]:
    """Every text's units (a text of one unit: itself) and the first unit row of each text."""
    pieces: list[Features] = []
    starts: list[int] = []
    for f in texts:
        starts.append(len(pieces))
        units = _unit_features(f.text, language)
        pieces.extend(units if units else (f,))
    return pieces, starts


@bounded()
def _unit_features(text: str, language: str) -> tuple[Features, ...]:
    """The features of each claim unit of a text of two units or more; () for one unit."""
    texts = unit_texts(text, language)
    return tuple(features(texts)) if len(texts) > 1 else ()


Coords = tuple[NDArray[np.intp], NDArray[np.intp], Matrix]
"""Pairs as (rows, cols, scores)."""


def unit_pairs(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    blocks: Sequence[int] | None = None,
) -> Coords:
    """Best unit-against-unit score of each pair of texts, by the options' scorer.

    Only pairs where at least one text has two units or more are given (for the others the unit
    score is the text's score), and only pairs the scorer scored above 0.
    """
    rows, cols, values = _unit_lift(ref, other, idf, options, blocks)
    return _best(rows, cols, values, len(other))


def _unit_lift(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    blocks: Sequence[int] | None,
) -> Coords:
    """:func:`unit_pairs` before each pair of texts is reduced to its best unit pair: a pair may
    come several times, in no order (raising dense scores by them needs neither)."""
    ref_units, ref_starts = _units(ref, options.language)
    if blocks is None:
        other_units, other_starts = _units(other, options.language)
        unit_blocks = None
    else:
        other_units, other_starts = ref_units, ref_starts
        unit_blocks = [ref_starts[b] if b < len(ref_starts) else len(ref_units) for b in blocks]
    lexical = type(scorer_of(options)) is LexicalScorer
    sparse = keeps_sparse(len(ref_units) * len(other_units), options)
    if unit_blocks is not None and lexical:
        coords = _collation_units(ref_units, ref_starts, idf, options, unit_blocks)
    elif unit_blocks is None and lexical and sparse:  # a large pair
        coords = _sparse_units((ref_units, ref_starts), (other_units, other_starts), idf, options)
    else:
        scores = run_scorer(ref_units, other_units, idf, options, blocks=unit_blocks, units=True)
        coords = _unit_coords(scores, ref_starts, other_starts)
    return _by_text(coords, (ref_starts, len(ref_units)), (other_starts, len(other_units)))


def _by_text(
    coords: Coords, ref: tuple[Sequence[int], int], other: tuple[Sequence[int], int]
) -> Coords:
    """The pairs of texts of the scored unit pairs (``coords``), each with its unit pair's
    score (a pair of texts as often as it has unit pairs, in no order), kept where either text
    has several units (each side: its texts' first units and its units)."""
    (ref_starts, ref_n), (other_starts, other_n) = ref, other
    u_rows, u_cols, values = coords
    ref_counts = np.diff([*ref_starts, ref_n])
    other_counts = np.diff([*other_starts, other_n])
    ref_owner = np.repeat(np.arange(len(ref_starts)), ref_counts)
    other_owner = np.repeat(np.arange(len(other_starts)), other_counts)
    rows, cols = ref_owner[u_rows], other_owner[u_cols]
    keep = (ref_counts > 1)[rows] | (other_counts > 1)[cols]
    return rows[keep], cols[keep], values[keep]


def _one_pass(
    ref: Sequence[Features], other: Sequence[Features], idf: dict[str, float], options: Options
) -> tuple[Matrix, Coords] | None:
    """The lexical scorer's sentence scores and :func:`_unit_lift` of a small pair from one
    score matrix, the same numbers, or None where that cannot be promised.

    The matrix scores the sentences and the units of the sentences of several units (a
    one-unit sentence's unit is its own record) on each side at once, each shared weight summed
    in sorted key order (:func:`~compare.similarity.sorted_sum_scores`): so, bit for bit, the
    two matrices scored apart wherever neither of those adds a key as a block.
    """
    n, m = len(ref), len(other)
    if n * m > _ONE_PASS_PAIRS or not sums_in_key_order(ref, other):
        return None
    a, b = _side(tuple(ref), options.language), _side(tuple(other), options.language)
    if len(a.rows) * len(b.rows) > _ONE_PASS_PAIRS or not sums_in_key_order(a.units, b.units):
        return None
    read = _read_blocks(a, n, b, m)
    whole = sorted_sum_scores(
        a.rows, b.rows, idf, options, (dict(a.postings), dict(b.postings)), read
    )
    units = _unit_coords(whole[np.ix_(a.at, b.at)], a.starts, b.starts)
    pairs = _by_text(units, (a.starts, len(a.units)), (b.starts, len(b.units)))
    return whole[:n, :m].copy(), pairs


def _read_blocks(a: _Side, n: int, b: _Side, m: int) -> Blocks:
    """The blocks of :func:`_one_pass`'s matrix that it reads (``n``, ``m``: each side's
    texts, its first rows): texts against texts and units against units, each cell once. A
    text of several units against a unit is left out: its fuzzy score would be thrown away
    (~1/6 of the matrix's work on the bundled readouts). Each row is in one block (the fuzzy
    scorer prepares each row of a block for its columns)."""
    a_one, a_several, a_units = _row_kinds(a, n)
    b_one, _, b_units = _row_kinds(b, m)
    return (
        (a_one, range(len(b.rows))),  # a one-unit text is its unit: every column
        (a_several, range(m)),
        (a_units, [*b_one, *b_units]),
    )


def _row_kinds(side: _Side, n: int) -> tuple[list[int], list[int], range]:
    """A side's rows by kind: its texts of one unit, its texts of several, and their units
    (``n``: the side's texts, its first rows)."""
    one = [i for i in side.at if i < n]
    several = sorted(set(range(n)).difference(one))
    return one, several, range(n, len(side.rows))


@attrs.frozen
class _Side:
    """One side of :func:`_one_pass`: its units (:func:`_units`), the rows of its one matrix
    (:func:`_stacked`), each unit's row, and the rows' postings as (key, rows) pairs (compared
    by value, so the cache weighs what it holds: a tuple by a sample, where a dict is walked)."""

    __repr__ = record_repr

    units: list[Features]
    starts: list[int]
    rows: list[Features]
    at: list[int]
    postings: tuple[tuple[str, list[int]], ...]


@bounded()
def _side(texts: tuple[Features, ...], language: str) -> _Side:
    """:class:`_Side` of ``texts`` (a side compared again is cut and indexed once)."""
    units, starts = _units(texts, language)
    rows, at = _stacked(texts, units, starts)
    return _Side(units, starts, rows, at, tuple(postings(rows).items()))


_ONE_PASS_PAIRS = 40_000
"""Pairs of texts and units up to which :func:`_one_pass` scores them in one matrix."""


def _stacked(
    texts: Sequence[Features], units: Sequence[Features], starts: Sequence[int]
) -> tuple[list[Features], list[int]]:
    """The texts, then the units of the texts of several units; and each unit's row in them."""
    out = list(texts)
    at: list[int] = []
    ends = [*starts[1:], len(units)]
    for i, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        if hi - lo == 1:
            at.append(i)  # a text of one unit: the unit is the text's own record
        else:
            at.extend(range(len(out), len(out) + hi - lo))
            out.extend(units[lo:hi])
    return out, at


def _unit_coords(
    scores: Matrix | SparseScores, ref_starts: Sequence[int], other_starts: Sequence[int]
) -> Coords:
    """The unit pairs of the scorer's unit scores that :func:`unit_pairs` reads: every kept
    pair of sparse scores; of dense ones, those scored above 0 where either unit's text has
    several units (:func:`_kept_units`)."""
    if isinstance(scores, SparseScores):
        return scores.rows, scores.cols, scores.values
    ref_unit_many = _of_several(ref_starts, scores.shape[0])
    other_unit_many = _of_several(other_starts, scores.shape[1])
    return _kept_units(scores, ref_unit_many, other_unit_many)


def _sparse_units(
    ref: tuple[Sequence[Features], Sequence[int]],
    other: tuple[Sequence[Features], Sequence[int]],
    idf: dict[str, float],
    options: Options,
) -> Coords:
    """:func:`_unit_coords` of a large pair's sparse lexical unit scores, the same pairs and
    numbers, without scoring units of one-unit texts against each other (the sentence scores
    already hold those pairs, and :func:`_by_text` drops them): the units of texts of several
    units against every unit, then the others against those of texts of several units. Each
    kept pair's score depends on its two units, the IDF and the options only
    (:func:`~compare.similarity.sparse_scores`), so it is the one the whole unit matrix holds."""
    (ref_units, ref_starts), (other_units, other_starts) = ref, other
    ref_many = _of_several(ref_starts, len(ref_units))
    many_cols = np.flatnonzero(_of_several(other_starts, len(other_units)))
    blocks = (
        (np.flatnonzero(ref_many), np.arange(len(other_units))),
        (np.flatnonzero(~ref_many), many_cols),
    )
    parts: list[Coords] = []
    for rows, cols in blocks:
        if len(rows) and len(cols):
            found = sparse_scores(
                [ref_units[i] for i in rows.tolist()],
                [other_units[j] for j in cols.tolist()],
                idf,
                options,
            )
            parts.append((rows[found.rows], cols[found.cols], np.minimum(found.values, 1.0)))
    if not parts:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0)
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def _collation_units(
    units: Sequence[Features],
    starts: Sequence[int],
    idf: dict[str, float],
    options: Options,
    blocks: Sequence[int],
) -> Coords:
    """:func:`_unit_coords` of a collation's lexical unit scores, from the rows of the units of
    texts with several units only (:func:`~compare.similarity.candidate_rows`, the same numbers):
    the matrix is symmetric, so a one-unit row's pairs with those units are their columns."""
    many = _of_several(starts, len(units))
    many_rows = np.flatnonzero(many)
    if not len(many_rows):
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0)
    block = candidate_rows(units, idf, options, blocks, many_rows.tolist())
    r, c = np.nonzero(block)
    values = block[r, c]
    rows = many_rows[r]
    one = ~many[c]  # (one-unit row, several-unit column): the mirror of this pair
    return (
        np.concatenate((rows, c[one])),
        np.concatenate((c, rows[one])),
        np.concatenate((values, values[one])),
    )


def _of_several(starts: Sequence[int], n_units: int) -> NDArray[np.bool_]:
    """For each unit, whether its text has several units (``starts``: each text's first unit)."""
    counts = np.diff([*starts, n_units])
    return np.repeat(counts > 1, counts)


def _kept_units(
    scores: Matrix, ref_many: NDArray[np.bool_], other_many: NDArray[np.bool_]
) -> Coords:
    """The unit pairs scored above 0 where either unit's text has several units (``ref_many``,
    ``other_many``: per unit), read off the dense unit scores without scanning the block of
    one-unit texts against one-unit texts, whose pairs are dropped (in no particular order:
    :func:`_best` sorts them)."""
    many_rows = np.flatnonzero(ref_many)
    one_rows = np.flatnonzero(~ref_many)
    many_cols = np.flatnonzero(other_many)
    r1, c1 = np.nonzero(scores[many_rows])  # a row of a text of several units: every column
    block = scores[np.ix_(one_rows, many_cols)]  # a one-unit row: columns of several units
    r2, c2 = np.nonzero(block)
    rows = np.concatenate((many_rows[r1], one_rows[r2]))
    cols = np.concatenate((c1, many_cols[c2]))
    return rows, cols, scores[rows, cols]


def _best(rows: NDArray[np.intp], cols: NDArray[np.intp], values: Matrix, width: int) -> Coords:
    """One entry per (row, col), the highest of its values, sorted row-major."""
    if not len(rows):
        return rows, cols, values
    keys = rows.astype(np.int64) * width + cols
    order = np.argsort(keys, kind="stable")  # one sort, then each key's maximum: 3x a lexsort
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    keys, values = keys[starts], np.maximum.reduceat(values, starts)
    return (keys // width).astype(np.intp), (keys % width).astype(np.intp), values


def _raise(
    base: Matrix | SparseScores, pairs: Coords, *, in_place: bool = False
) -> Matrix | SparseScores:
    """``base`` with each given pair raised to at least its given score (dense ``base`` raised
    where it is, with ``in_place``: a collation's matrix is 32 MB at 2,000 sentences)."""
    rows, cols, values = pairs
    if not len(rows):
        return base
    if isinstance(base, SparseScores):
        return _raise_sparse(base, _best(rows, cols, values, base.shape[1]))
    out = base if in_place else base.copy()
    higher = values > base[rows, cols]  # the others leave their cell as it is
    np.maximum.at(out, (rows[higher], cols[higher]), values[higher])
    return out


def _raise_sparse(base: SparseScores, pairs: Coords) -> SparseScores:
    """:func:`_raise` of sparse scores by pairs sorted row-major, each once: a pair already kept
    is raised in place, a new one inserted where it sorts, so no copy of the concatenation of
    both is sorted (at 10,000 sentences a side that took 300 MB more than the result)."""
    rows, cols, values = pairs
    width = base.shape[1]
    keys = rows.astype(np.int64) * width + cols
    at = np.searchsorted(base.keys, keys)
    hit = at < len(base.keys)
    hit[hit] = base.keys[at[hit]] == keys[hit]
    raised = base.values.copy()
    raised[at[hit]] = np.maximum(raised[at[hit]], values[hit])
    new = ~hit
    where = at[new]
    return SparseScores(
        base.shape,
        np.insert(base.rows, where, rows[new]),
        np.insert(base.cols, where, cols[new]),
        np.insert(raised, where, values[new]),
    )


@overload
def lifted_scores(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: Sequence[int],
) -> Matrix: ...
@overload
def lifted_scores(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: None = None,
) -> Matrix | SparseScores: ...
def lifted_scores(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    *,
    blocks: Sequence[int] | None = None,
) -> Matrix | SparseScores:
    """Score ``ref`` against ``other`` with the options' scorer, then lift by units and anchors.

    Dense scores stay dense and sparse ones sparse; a collation's pairs within one document
    stay unscored.
    """
    one = None
    lexical = type(scorer_of(options)) is LexicalScorer
    if blocks is None and options.unit_weight > 0 and lexical:
        one = _one_pass(ref, other, idf, options)
    scores = run_scorer(ref, other, idf, options, blocks=blocks) if one is None else one[0]
    # the lexical scorer's matrix is new, ours to raise in place; another scorer's may be its own
    owned = lexical or one is not None
    lifts: list[Coords] = []
    if options.unit_weight > 0:
        rows, cols, values = _unit_lift(ref, other, idf, options, blocks) if one is None else one[1]
        lifts.append((rows, cols, options.unit_weight * values))  # (the order of a maximum)
    if options.anchor_score > 0:
        anchored = anchor_pairs(ref, other, options, blocks)
        if anchored:
            rows, cols = np.array(anchored, dtype=np.intp).T
            lifts.append((rows, cols, np.full(len(rows), options.anchor_score)))
    owner = owners(blocks, len(ref)) if blocks is not None else None
    for rows, cols, values in lifts:
        if owner is not None:
            apart = owner[rows] != owner[cols]
            rows, cols, values = rows[apart], cols[apart], values[apart]
        raised = _raise(scores, (rows, cols, values), in_place=owned)
        owned = owned or raised is not scores  # (a copy)
        scores = raised
    return scores
