"""Collate N accounts of one event into claims: which statement each source carries, and how.

The result does not depend on the order the documents are given in. Everything is computed on the
documents sorted by id (ids are made unique first, in an order that is itself independent of the
input order), and no step privileges any document:

1. **One score matrix** over all sentences of all documents: similarity features once per
   sentence, one IDF table over every sentence, and the scores of
   :func:`~compare.similarity.candidate_scores` (its sparse shared-weights sum, one block add per
   word, does the overlap of every document pair at once; the fuzzy score runs only on pairs of
   different documents that could reach the link threshold, each pair once).
2. **Pairwise alignment of every document pair** on its block of that matrix, with the same
   :func:`~compare.align.align` as the two-source comparison (optimal assignment, order bonus,
   1:2 and 2:1 merges). Each link is a candidate to put its sentences in one claim.
3. **Grouping**: links are taken best first (score, then a key made of document ids and sentence
   indices, never input positions) and their sentences' groups are merged unless the merge would
   give one document more than :data:`MAX_SPLIT` sentences, or sentences that are not adjacent.
   A refused 1:2 link falls back to its best single pair. This is single-linkage clustering under
   constraints; each sentence has at most one link to each other document, which limits chaining.
4. Each group is a claim; every sentence left alone is a claim of its own (unique to its source).
   The representative member is the most central one (highest summed matrix score to the
   others; ties go to the longer wording, then the smaller document id); every other member gets
   a link from the representative with word diff, relation and findings, as the pairwise view
   does.
5. Claims are ordered by the mean relative position of their sentences in their documents, then
   by their key; ids ``c1``, ``c2``... follow that order.

Cost: the matrix is O(S²) time and memory for S sentences in all, i.e. it grows with the square of
the number of documents at a fixed length; the per-pair alignments touch each block once, and the
word diffs are at most one per sentence. The pairwise comparisons against the first document
(``pairs``) add N - 1 ordinary :func:`compare.compare` runs, which take the features, the
per-document classifier results and the links the collation already built instead of computing
them again (their scores and IDF are their own, so their output is exactly that of
:func:`compare.compare`).

The module is named ``collation`` so that it is not shadowed by its main function, which the
package exports as ``compare.collate``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeVar

import attrs
import numpy as np
from numpy.typing import NDArray

from compare._records import record_repr
from compare.align import UnionFind, align
from compare.context import RunCache
from compare.errors import InputError
from compare.findings import Side
from compare.lift import lifted_scores
from compare.links import LinkMemo, build_link
from compare.model import Candidate, Claim, Collation, Coverage, Document, Finding, Link
from compare.options import Options, resolve_options
from compare.pairwise import Reuse, _compare, distinct_ids, require_document
from compare.scale import (
    Progress,
    check_linkable,
    check_pairs,
    collector_paused,
    out_of_memory,
    silent,
)
from compare.scripts import resolve_language
from compare.similarity import Features, GroupScorer, features, idf_table, join, score_one

__all__ = ["MAX_SPLIT", "collate"]

MAX_SPLIT = 3
"""At most this many adjacent sentences of one document can carry one claim (a split statement)."""

T = TypeVar("T")
Matrix = NDArray[np.float64]
Node = tuple[int, int]
"""A sentence: (rank of its document in id order, sentence index)."""


@attrs.frozen
class _Scores:
    """Everything scored once for the whole collation, documents in id order."""

    __repr__ = record_repr

    docs: list[Document]
    offsets: list[int]
    """Row of each document's first sentence in the matrix; the last entry is the total."""
    feats: list[Features]
    idf: dict[str, float]
    matrix: Matrix
    """Every sentence against every sentence of the other documents (0 within a document)."""
    options: Options
    run_cache: RunCache = attrs.field(factory=dict, eq=False, repr=False)
    """What link classifiers read once per document, for this collation only."""
    links: LinkMemo = attrs.field(factory=dict, eq=False, repr=False)
    """Links built for claims, reused by the pairwise views where they meet the same link."""
    best: list[tuple[NDArray[np.intp], Matrix]] = attrs.field(factory=list, eq=False, repr=False)
    """Each sentence's best-scoring sentence of every document, and that score, once computed
    (see :meth:`row_best`)."""
    groups: list[dict[tuple[int, ...], Any]] = attrs.field(eq=False, repr=False)
    """By document: what scoring alignment's tries keeps of its groups of sentences (the same
    against every other document: :class:`~compare.similarity.GroupScorer`)."""

    @groups.default
    def _groups(self) -> list[dict[tuple[int, ...], Any]]:
        return [{} for _ in self.docs]

    def row_best(self) -> tuple[NDArray[np.intp], Matrix]:
        """For every sentence (row) and document (column), the document's best-scoring sentence
        (index within it, the first of equal maxima) and that score (0 for an empty document);
        computed once."""
        if not self.best:
            rows = np.arange(len(self.matrix))
            at = np.zeros((len(self.matrix), len(self.docs)), dtype=np.intp)
            top = np.zeros((len(self.matrix), len(self.docs)))
            for d, (lo, hi) in enumerate(itertools.pairwise(self.offsets)):
                if hi > lo:
                    at[:, d] = self.matrix[:, lo:hi].argmax(axis=1)
                    top[:, d] = self.matrix[rows, lo + at[:, d]]
            self.best.append((at, top))
        return self.best[0]

    def reuse(self) -> Reuse:
        """What the pairwise views can take from this collation unchanged."""
        feats = {
            d.id: (d, self.feats[self.offsets[k] : self.offsets[k + 1]])
            for k, d in enumerate(self.docs)
        }
        return Reuse(feats, self.run_cache, self.links)

    def joined(self, d: int, idx: Sequence[int]) -> Features:
        """Features of sentences of document ``d`` read as one text."""
        return join([self.feats[self.offsets[d] + i] for i in idx])

    def score(self, a: Features, b: Features) -> float:
        """:func:`~compare.similarity.score_one` of two texts under this collation's IDF."""
        return score_one(a, b, self.idf, self.options)


class _Arrange(Protocol):
    """Puts a mapping by document id in the input order of the documents."""

    def __call__(self, mapping: Mapping[str, T]) -> dict[str, T]:
        """The same items, keys in input order."""
        ...


@attrs.frozen
class _Candidate:
    """A pairwise link proposed for grouping: its score, its sentences, its best single pair."""

    __repr__ = record_repr

    score: float
    nodes: tuple[Node, ...]
    core: tuple[Node, Node]


def collate(
    docs: Sequence[Document], *, options: Options | None = None, progress: Progress | None = None
) -> Collation:
    """Collate two or more accounts into claims x sources; the result ignores their order.

    ``pairs`` holds ``compare(docs[0], d)`` for every other document, so the pairwise view of the
    first document against each other one stays available. Inputs over the work limits of
    ``options`` are refused before scoring, as :func:`compare.compare` does; ``progress``, if
    given, is told each stage as it starts (see :data:`compare.scale.Progress`).
    """
    if isinstance(docs, (Document, str, bytes)) or not isinstance(docs, Sequence):
        raise InputError(
            "collate() takes a list of compare.Document objects (see compare.load), "
            f"got {type(docs).__name__}"
        )
    for k, doc in enumerate(docs):
        require_document(doc, f"collate(): docs[{k}]")
    if len(docs) < 2:
        raise InputError(f"collate() needs at least two documents, got {len(docs)}")
    opts = resolve_language(resolve_options(options), docs)

    sizes = [len(d.sentences) for d in docs]
    check_pairs(sizes, opts)
    try:
        with collector_paused():
            return _collate(list(docs), opts, progress or silent)
    except MemoryError:
        pass  # raised below, outside this block: the traceback holds the frames' big arrays
    raise out_of_memory(sizes)


def _collate(docs: list[Document], opts: Options, progress: Progress) -> Collation:
    """The collation pipeline: one score matrix, pairwise alignments, groups, claims, pairs."""
    documents = _unique_ids(docs)
    scores = _score(sorted(documents, key=lambda d: d.id), opts, progress)
    order = {d.id: k for k, d in enumerate(documents)}

    def in_order(mapping: Mapping[str, T]) -> dict[str, T]:
        return dict(sorted(mapping.items(), key=lambda kv: order[kv[0]]))

    claims = _claims(scores, _group(scores, progress), in_order, progress)
    reuse = scores.reuse()
    pairs = []
    for k, n, d in _numbered(documents[1:]):
        check_pairs((len(documents[0].sentences), len(d.sentences)), opts)
        pairs.append(_compare(documents[0], d, opts, _prefixed(progress, f"{k} of {n}: "), reuse))
    return Collation(
        documents=tuple(documents),
        claims=tuple(claims),
        coverage=_coverage(documents, claims),
        ranking=_ranking(claims),
        pairs=tuple(pairs),
        options=opts,
    )


def _numbered(items: Sequence[T]) -> list[tuple[int, int, T]]:
    """Each item with its 1-based number and the count: ``(k, n, item)``."""
    return [(k + 1, len(items), item) for k, item in enumerate(items)]


def _prefixed(progress: Progress, prefix: str) -> Progress:
    """A progress report that puts ``prefix`` before every stage it passes on."""

    def report(stage: str, done: int, total: int) -> None:
        progress(f"{prefix}{stage}", done, total)

    return report


def _unique_ids(docs: list[Document]) -> list[Document]:
    """Make ids unique as :func:`distinct_ids` does, numbering clashes in content order.

    Documents sharing an id get their suffixes in the order of (id, label, text, source), so the
    id each one ends up with does not depend on where it stands in the input.
    """
    canon = sorted(
        range(len(docs)),
        key=lambda k: (docs[k].id, docs[k].label, docs[k].text, docs[k].source or ""),
    )
    out = list(docs)
    for k, doc in zip(canon, distinct_ids([docs[k] for k in canon]), strict=True):
        out[k] = doc
    return out


def _score(ranked: list[Document], opts: Options, progress: Progress = silent) -> _Scores:
    """Features, IDF and the score matrix of every sentence of every document, once.

    Refused before the matrix when too many pairs would reach the link threshold.
    """
    offsets = [0]
    for d in ranked:
        offsets.append(offsets[-1] + len(d.sentences))
    feats = features(s.text for d in ranked for s in d.sentences)
    idf = idf_table(f.keys for f in feats)
    check_linkable([feats[a:b] for a, b in itertools.pairwise(offsets)], idf, opts)
    progress("scoring", 0, offsets[-1] ** 2)
    matrix = lifted_scores(feats, feats, idf, opts, blocks=offsets)
    for lo, hi in itertools.pairwise(offsets):
        matrix[lo:hi, lo:hi] = 0.0  # pairs within a document are never linked
    return _Scores(ranked, offsets, feats, idf, matrix, opts)


def _group(scores: _Scores, progress: Progress = silent) -> list[list[Node]]:
    """Align every document pair on the matrix, then group linked sentences into claims."""
    candidates: list[_Candidate] = []
    doc_pairs = list(itertools.combinations(range(len(scores.docs)), 2))
    for done, (a, b) in enumerate(doc_pairs):
        progress("aligning", done, len(doc_pairs))
        candidates += _pair_links(scores, a, b)
    progress("grouping", 0, 0)
    candidates.sort(key=lambda c: (-c.score, c.nodes))

    sets: UnionFind[Node] = UnionFind()
    members: dict[Node, dict[int, list[int]]] = {}

    def try_merge(nodes: Sequence[Node]) -> bool:
        roots = sorted({sets.find(n) for n in nodes})
        if len(roots) < 2:
            return True
        merged: dict[int, list[int]] = {}
        for r in roots:
            group = members.get(r)
            if group is None:  # a sentence on its own (most roots): no group made to read it
                merged.setdefault(r[0], []).append(r[1])
                continue
            for doc, idx in group.items():
                merged.setdefault(doc, []).extend(idx)
        for idx in merged.values():
            idx.sort()
            if len(idx) > MAX_SPLIT or idx[-1] - idx[0] + 1 != len(idx):
                return False
        for r in roots[1:]:
            sets.union(roots[0], r)
            members.pop(r, None)
        members[roots[0]] = merged
        return True

    for cand in candidates:
        if not try_merge(cand.nodes) and len(cand.nodes) > 2:
            try_merge(cand.core)

    by_root: dict[Node, list[Node]] = {}
    for a, doc in enumerate(scores.docs):
        for i in range(len(doc.sentences)):
            by_root.setdefault(sets.find((a, i)), []).append((a, i))
    return list(by_root.values())


def _pair_links(scores: _Scores, a: int, b: int) -> list[_Candidate]:
    """Align documents ``a`` and ``b`` on their block of the matrix; one candidate per link."""
    oa, ob = scores.offsets[a], scores.offsets[b]
    block = scores.matrix[oa : scores.offsets[a + 1], ob : scores.offsets[b + 1]]
    if block.size == 0:
        return []

    feats, offsets = scores.feats, scores.offsets
    group_score = GroupScorer(  # every 1:2 and 2:1 try in one call
        feats[oa : offsets[a + 1]],
        feats[ob : offsets[b + 1]],
        scores.idf,
        scores.options,
        memo=(scores.groups[a], scores.groups[b]),
    )
    out = []
    for al in align(block, scores.options, group_score):
        if len(al.ref) == 1 == len(al.other):  # 1:1 (most links): a < b, so already in order
            pair = ((a, al.ref[0]), (b, al.other[0]))
            out.append(_Candidate(al.score, pair, pair))
            continue
        nodes = tuple(sorted([(a, i) for i in al.ref] + [(b, j) for j in al.other]))
        # The best single pair of the link, earliest first on ties: the fallback if it is refused.
        i, j = min(((i, j) for i in al.ref for j in al.other), key=lambda p: (-block[p], p))
        out.append(_Candidate(al.score, nodes, ((a, i), (b, j))))
    return out


def _claims(
    scores: _Scores,
    groups: list[list[Node]],
    arrange: _Arrange,
    progress: Progress = silent,
) -> list[Claim]:
    """Turn groups of sentences into claims: order, ids, representative, per-member links.

    ``arrange`` puts each claim's mappings by document id in the input order of the documents.
    """
    docs = scores.docs

    def position(group: list[Node]) -> tuple[float, list[Node]]:
        by_doc: dict[int, list[int]] = {}
        for d, i in sorted(group):
            by_doc.setdefault(d, []).append(i)
        rel = [(idx[0] + idx[-1] + 1) / (2 * len(docs[d].sentences)) for d, idx in by_doc.items()]
        return sum(rel) / len(rel), sorted(group)

    claims = []
    for n, group in enumerate(sorted(groups, key=position)):
        progress("classifying", n, len(groups))
        by_doc: dict[int, tuple[int, ...]] = {}
        for d, i in sorted(group):
            by_doc[d] = (*by_doc.get(d, ()), i)
        rep = _representative(scores, by_doc)
        rep_side = Side.of(docs[rep], by_doc[rep])
        rep_feats = scores.joined(rep, by_doc[rep])
        variants: dict[str, Link] = {}
        found: dict[str, tuple[Finding, ...]] = {}
        for d, idx in by_doc.items():
            if d != rep:
                member = Side.of(docs[d], idx)
                score = scores.score(rep_feats, scores.joined(d, idx))
                variants[docs[d].id], found[docs[d].id] = build_link(
                    rep_side,
                    member,
                    score,
                    scores.idf,
                    scores.options,
                    scores.run_cache,
                    scores.links,
                )
        claims.append(
            Claim(
                id=f"c{n + 1}",
                members=arrange({docs[d].id: idx for d, idx in by_doc.items()}),
                representative=docs[rep].id,
                text=rep_side.text,
                variants=arrange(variants),
                findings=arrange(found),
                closest=arrange(_closest(scores, by_doc)),
            )
        )
    return claims


def _closest(scores: _Scores, by_doc: dict[int, tuple[int, ...]]) -> dict[str, Candidate]:
    """For each document lacking the claim, its sentence closest to the claim's, if near enough.

    A sentence's score against the claim is its best matrix score against any of the claim's
    sentences; the best-scoring sentence of the document (the lower index on ties) is the
    candidate when that score, rounded to four places as link scores are, is at least
    ``near_miss``. The matrix scores with the fuzzy part only the pairs whose word overlap
    could reach the link threshold (:func:`~compare.similarity.candidate_scores`); any other
    pair scores on its word overlap alone, so a candidate shares words with the claim.
    """
    absent = [e for e in range(len(scores.docs)) if e not in by_doc]
    if not absent:
        return {}
    rows = [scores.offsets[d] + i for d, idx in by_doc.items() for i in idx]
    if len(rows) == 1:  # one sentence (most claims): its row's best of each document, in a table
        at, top = scores.row_best()
        nearest, values = at[rows[0]].tolist(), top[rows[0]].tolist()
    else:
        best = scores.matrix[rows].max(axis=0)
    out: dict[str, Candidate] = {}
    for e in absent:
        lo, hi = scores.offsets[e], scores.offsets[e + 1]
        if hi == lo:
            continue
        if len(rows) == 1:
            j, value = nearest[e], values[e]
        else:
            j = int(np.argmax(best[lo:hi]))  # the first of equal maxima: the lower index
            value = float(best[lo + j])
        score = round(min(1.0, max(0.0, value)), 4)
        if score >= scores.options.near_miss:
            out[scores.docs[e].id] = Candidate(j, score)
    return out


def _representative(scores: _Scores, by_doc: dict[int, tuple[int, ...]]) -> int:
    """The most central member: highest summed score to the others, then longest, then first id.

    A member's score against another is the best matrix score between their sentences (every
    pair of members' best read off the claim's block of the matrix at once, then summed member
    by member in order, as one score after another).
    """
    if len(by_doc) == 1:
        return next(iter(by_doc))
    docs = list(by_doc)
    rows = [scores.offsets[d] + i for d in docs for i in by_doc[d]]
    starts = np.cumsum([0, *(len(by_doc[d]) for d in docs[:-1])])
    block = scores.matrix[np.ix_(rows, rows)]
    best = np.maximum.reduceat(np.maximum.reduceat(block, starts, axis=0), starts, axis=1).tolist()

    def key(k: int) -> tuple[float, int, int]:
        d = docs[k]
        centrality = sum(best[k][e] for e in range(len(docs)) if e != k)
        length = sum(len(scores.docs[d].sentences[i].text) for i in by_doc[d])
        return (-round(centrality, 9), -length, d)

    return docs[min(range(len(docs)), key=key)]


def _coverage(documents: list[Document], claims: list[Claim]) -> dict[str, Coverage]:
    """Per source: claims carried, claims only it carries, claims most others carry but it lacks.

    One pass over the claims, each filing its id under its members (and, when most sources
    carry it, under the documents that lack it), in claim order.
    """
    others = len(documents) - 1
    carried: dict[str, list[str]] = {d.id: [] for d in documents}
    unique: dict[str, list[str]] = {d.id: [] for d in documents}
    missing: dict[str, list[str]] = {d.id: [] for d in documents}
    for c in claims:
        for doc_id in c.members:
            carried[doc_id].append(c.id)
        if c.sources == 1:
            unique[next(iter(c.members))].append(c.id)
        if 2 * c.sources > others:
            for doc_id, held in missing.items():
                if doc_id not in c.members:
                    held.append(c.id)
    return {
        d: Coverage(claims=tuple(carried[d]), unique=tuple(unique[d]), missing=tuple(missing[d]))
        for d in carried
    }


def _ranking(claims: list[Claim]) -> tuple[str, ...]:
    """Ids of claims with two or more sources, most sources first, then in claim order."""
    shared = [(k, c) for k, c in enumerate(claims) if c.sources > 1]
    return tuple(c.id for _, c in sorted(shared, key=lambda kc: (-kc[1].sources, kc[0])))
