"""Global sentence alignment: optimal assignment on a score matrix, order bonus, then 1:2 merges.

News outlets reorder, so alignment is not greedy in reading order: pairs at or above the link
threshold form a bipartite graph, and each connected component is solved by optimal assignment
(maximum total score). Components are tiny on real reports, so a small pure-Python Hungarian
method does them, and numpy finds the components, without importing SciPy; a large component is
matched from its edges alone by SciPy's sparse solver (``scipy.sparse.csgraph``, imported only
then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import attrs
import numpy as np
from numpy.typing import NDArray

from compare._records import record_repr
from compare._sparse import csgraph, sparse
from compare.options import Options
from compare.similarity import SparseScores

__all__ = ["Alignment", "UnionFind", "align", "assign"]

Matrix = NDArray[np.float64]
Scores = Matrix | SparseScores
"""A score matrix: dense, or sparse (a large comparison's kept pairs, the others scoring 0)."""
GroupScore = Callable[[tuple[int, ...], tuple[int, ...]], float]
"""Scores a group of reference sentences against a group of other sentences (for 1:2 merges).

When it also has a method ``many(tries)`` (as :class:`~compare.similarity.GroupScorer` has),
alignment scores all its tries in one call of it: ``many([(ri, oi), ...]) -> [score, ...]``; with
a method ``many_reaching(tries, floors)``, that one, which may give a try any score under its
floor (the score it must reach to be taken) instead of its own."""

_PURE_PYTHON_MAX = 40
"""Components with at most this many rows and columns are solved without SciPy."""


@attrs.frozen
class Alignment:
    """One aligned group: reference sentence indices, other sentence indices, and their score."""

    __repr__ = record_repr

    ref: tuple[int, ...]
    other: tuple[int, ...]
    score: float


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Assign each row a distinct column at minimum total cost (rows <= columns).

    Each search for a row's free column scans only the columns not yet in its tree, kept in
    ascending order (so ties go to the same column as a scan of every column would give).
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j
    way = [0] * (m + 1)
    rows = [[], *([0.0, *r] for r in cost)]  # 1-based, as u, v and p are
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        free = list(range(1, m + 1))  # columns not yet in the tree, ascending
        used = [0]
        while True:
            i0 = p[j0]
            ui0 = u[i0]
            delta = inf
            j1 = 0
            row = rows[i0]
            for j in free:
                cur = row[j] - ui0 - v[j]
                mj = minv[j]
                if cur < mj:
                    minv[j] = mj = cur
                    way[j] = j0
                if mj < delta:
                    delta = mj
                    j1 = j
            for j in used:
                u[p[j]] += delta
                v[j] -= delta
            for j in free:
                minv[j] -= delta
            j0 = j1
            free.remove(j0)
            used.append(j0)
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def _max_weight_matching(weights: Matrix) -> list[tuple[int, int]]:
    """Return the pairs of a maximum-weight matching of a small dense non-negative weight matrix
    (at most :data:`_PURE_PYTHON_MAX` rows and columns; larger ones: :func:`_sparse_matching`)."""
    n, m = weights.shape
    if n <= m:
        cols_of = _hungarian((-weights).tolist())
        pairs = list(enumerate(cols_of))
    else:
        rows_of = _hungarian((-weights.T).tolist())
        pairs = [(i, j) for j, i in enumerate(rows_of)]
    return [(i, j) for i, j in pairs if weights[i, j] > 0]


K = TypeVar("K", int, tuple[int, int])


class UnionFind(Generic[K]):
    """Disjoint sets of items, merged one pair at a time; a set's root is its smallest item.

    The one union-find of the package: alignment groups threshold pairs into connected
    components with it, collation groups linked sentences into claims (vetoing some merges).
    """

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        """The root of ``x``'s set (``x`` itself if it was never merged)."""
        root = x
        while (up := self._parent.get(root, root)) != root:
            root = up
        while x != root:  # path compression
            self._parent[x], x = root, self._parent[x]
        return root

    def union(self, a: K, b: K) -> K:
        """Merge the sets of ``a`` and ``b``; return the root of the merged set."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)
        return min(ra, rb)


_LABELS_MIN_EDGES = 64
"""From this many edges components come from :func:`_component_labels` (numpy); below it, from
:class:`UnionFind`, whose few Python steps cost less than numpy's calls on a handful of edges."""


def _components(edges: NDArray[np.intp], n: int) -> dict[int, list[int]]:
    """Group edge indices by connected component (rows are nodes 0..n-1, columns n..).

    Each component is keyed by its smallest row and lists its edges in order; components come
    in the order of their first edge.
    """
    if len(edges) >= _LABELS_MIN_EDGES:
        return _components_by_labels(edges, n)
    sets: UnionFind[int] = UnionFind()
    for i, j in edges.tolist():
        sets.union(i, n + j)
    groups: dict[int, list[int]] = {}
    for e, (i, _j) in enumerate(edges.tolist()):
        groups.setdefault(sets.find(i), []).append(e)
    return groups


def _component_labels(u: NDArray[np.intp], v: NDArray[np.intp], size: int) -> NDArray[np.intp]:
    """The smallest node of each node's connected component, for the edges ``(u[k], v[k])``
    between nodes 0..size-1.

    Each node points to a node no larger than itself (at first, itself). A round hooks, for
    every edge whose two ends have different roots, the larger root onto the smaller one, then
    jumps pointers until every node points to its root: a component's trees merge at least
    pairwise each round, so there are about log2(its size) rounds, each a few numpy passes.
    """
    parent = np.arange(size, dtype=np.intp)
    while True:
        pu, pv = parent[u], parent[v]
        apart = pu != pv
        if not apart.any():
            return parent
        pu, pv = pu[apart], pv[apart]
        np.minimum.at(parent, np.maximum(pu, pv), np.minimum(pu, pv))
        while True:
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up


def _components_by_labels(edges: NDArray[np.intp], n: int) -> dict[int, list[int]]:
    """:func:`_components` by :func:`_component_labels` (edges row-major, as from :func:`_edges`).

    A component's label is its smallest node, a row (rows come before columns), which is the
    row of its first edge (edges are row-major): ordered by label, components come in the order
    of their first edge, as the union-find gives them.
    """
    u = edges[:, 0].astype(np.intp)
    labels = _component_labels(u, edges[:, 1] + n, n + int(edges[:, 1].max()) + 1)
    of_edge = labels[u]
    order = np.argsort(of_edge, kind="stable")
    bounds = (np.flatnonzero(np.diff(of_edge[order])) + 1).tolist()
    keys = of_edge[order[[0, *bounds]]].tolist()
    members = order.tolist()
    return {
        k: members[lo:hi]
        for k, lo, hi in zip(keys, [0, *bounds], [*bounds, len(members)], strict=True)
    }


def _edges(scores: Scores, threshold: float) -> tuple[NDArray[np.intp], Matrix]:
    """The pairs scoring at least ``threshold``, row-major, and their scores."""
    if isinstance(scores, SparseScores):
        over = scores.values >= threshold
        return np.column_stack([scores.rows[over], scores.cols[over]]), scores.values[over]
    edges = np.argwhere(scores >= threshold)
    return edges, scores[edges[:, 0], edges[:, 1]]


def _scores_of(scores: Scores, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """The score of each pair, looked up at once."""
    if not pairs:
        return {}
    rows, cols = np.array(pairs, dtype=np.intp).T
    if isinstance(scores, SparseScores):
        at = scores.find(rows, cols)
        values = np.where(at >= 0, scores.values[np.maximum(at, 0)], 0.0)
    else:
        values = scores[rows, cols]
    return dict(zip(pairs, values.tolist(), strict=True))


def assign(scores: Scores, threshold: float) -> list[tuple[int, int]]:
    """Return the 1:1 pairs with maximum total score among pairs scoring at least ``threshold``."""
    edges, values = _edges(scores, threshold)
    n = scores.shape[0]
    pairs: list[tuple[int, int]] = []
    edge_list, value_list = edges.tolist(), values.tolist()  # small components: Python's
    for members in _components(edges, n).values():
        if len(members) == 1:  # one edge (most components): it is the matching
            i, j = edge_list[members[0]]
            pairs.append((i, j))
            continue
        if len(members) > _PURE_PYTHON_MAX**2:  # more edges than 40 x 40 sentences have
            at = np.asarray(members, dtype=np.intp)
            if not _star(edges[at]):  # so more than 40 rows or columns: read in numpy only
                pairs.extend(_sparse_matching(edges[at], values[at]))
                continue
        sub = [edge_list[e] for e in members]
        sub_values = [value_list[e] for e in members]
        rows = sorted({i for i, _ in sub})
        cols = sorted({j for _, j in sub})
        if len(rows) == 1 or len(cols) == 1:
            # A star: the best single edge wins; ties go to the earliest pair.
            e = max(range(len(members)), key=lambda k: (sub_values[k], -sub[k][0], -sub[k][1]))
            pairs.append((sub[e][0], sub[e][1]))
            continue
        if max(len(rows), len(cols)) > _PURE_PYTHON_MAX:
            pairs.extend(_sparse_matching(edges[members], values[members]))
            continue
        weights = np.zeros((len(rows), len(cols)))
        r_at = {r: k for k, r in enumerate(rows)}
        c_at = {c: k for k, c in enumerate(cols)}
        for (i, j), v in zip(sub, sub_values, strict=True):
            weights[r_at[i], c_at[j]] = v
        pairs.extend((rows[a], cols[b]) for a, b in _max_weight_matching(weights))
    return sorted(pairs)


def _star(edges: NDArray[np.intp]) -> bool:
    """Whether the edges all share their row or all share their column."""
    return bool((edges[:, 0] == edges[0, 0]).all() or (edges[:, 1] == edges[0, 1]).all())


def _sparse_matching(edges: NDArray[np.intp], values: Matrix) -> list[tuple[int, int]]:
    """The pairs of a maximum-weight matching of a large component, from its edges alone.

    A dense weight matrix of a component of R rows and C columns takes R x C floats (650 MB for
    9,000 x 9,000), most of them zeros. SciPy's sparse solver (LAPJVsp) finds a *full* matching
    of the rows, so each row gets a column of its own that stands for "unmatched": with every
    real edge weighing its score plus 1 and every such column 1, a full matching weighs R plus
    the scores of its real edges, so the heaviest full matching holds the heaviest matching.
    """
    csr_matrix = sparse().csr_matrix
    min_weight_full_bipartite_matching = csgraph().min_weight_full_bipartite_matching

    rows, r_idx = np.unique(edges[:, 0], return_inverse=True)
    cols, c_idx = np.unique(edges[:, 1], return_inverse=True)
    nr, nc = len(rows), len(cols)
    own = np.arange(nr)
    graph = csr_matrix(
        (
            np.concatenate([values + 1.0, np.ones(nr)]),
            (np.concatenate([r_idx, own]), np.concatenate([c_idx, nc + own])),
        ),
        shape=(nr, nc + nr),
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(graph, maximize=True)
    real = col_ind < nc
    return list(zip(rows[row_ind[real]].tolist(), cols[col_ind[real]].tolist(), strict=True))


def _neighbours(pairs: list[tuple[int, int]], shape: tuple[int, int]) -> list[tuple[int, int]]:
    """The diagonal neighbours of linked pairs that lie inside the matrix, in order."""
    n, m = shape
    return [
        (i + di, j + di) for i, j in pairs for di in (-1, 1) if 0 <= i + di < n and 0 <= j + di < m
    ]


def _order_bonus(scores: Scores, pairs: list[tuple[int, int]], bonus: float) -> Scores:
    """Raise the score of pairs whose diagonal neighbour is linked, favouring kept reading order."""
    if bonus <= 0 or not pairs:
        return scores
    near = _neighbours(pairs, scores.shape)
    if isinstance(scores, SparseScores):
        boosted_values = scores.values.copy()
        if near:
            rows, cols = np.array(near, dtype=np.intp).T
            at = scores.find(rows, cols)
            at = at[at >= 0]
            at = at[scores.values[at] > 0]
            boosted_values[at] = scores.values[at] + bonus
        return scores.with_values(boosted_values)
    boosted = scores.copy()
    if near:
        rows, cols = np.array(near, dtype=np.intp).T
        base = scores[rows, cols]
        up = base > 0
        boosted[rows[up], cols[up]] = base[up] + bonus  # (a pair named twice: the same value)
    return boosted


def _merges(
    pairs: list[tuple[int, int]],
    scores: Scores,
    group_score: GroupScore,
    min_gain: float,
) -> dict[tuple[int, int], Alignment]:
    """Find 1:2 and 2:1 merges with unlinked neighbours that raise a link's score enough."""
    n, m = scores.shape
    linked_ref = {i for i, _ in pairs}
    linked_other = {j for _, j in pairs}
    proposals: list[tuple[float, int, int, Alignment]] = []
    base_of = _scores_of(scores, pairs)
    tries: list[tuple[int, int, tuple[int, ...], tuple[int, ...]]] = []
    for i, j in pairs:  # each group's indices ascending
        if j > 0 and j - 1 not in linked_other:
            tries.append((i, j, (i,), (j - 1, j)))
        if j + 1 < m and j + 1 not in linked_other:
            tries.append((i, j, (i,), (j, j + 1)))
        if i > 0 and i - 1 not in linked_ref:
            tries.append((i, j, (i - 1, i), (j,)))
        if i + 1 < n and i + 1 not in linked_ref:
            tries.append((i, j, (i, i + 1), (j,)))
    groups = [(ref, other) for _, _, ref, other in tries]
    reaching = getattr(group_score, "many_reaching", None)
    many = getattr(group_score, "many", None)
    if reaching is not None:  # a try under base + min_gain is dropped whatever its score
        floors = [base_of[(i, j)] + min_gain for i, j, _, _ in tries]
        merged_scores = [float(v) for v in reaching(groups, floors)]
    elif many is not None:
        merged_scores = [float(v) for v in many(groups)]
    else:
        merged_scores = [group_score(ref, other) for _, _, ref, other in tries]
    for (i, j, ref, other), merged in zip(tries, merged_scores, strict=True):
        base = base_of[(i, j)]
        if merged - base >= min_gain:
            proposals.append((merged - base, i, j, Alignment(ref, other, merged)))
    chosen: dict[tuple[int, int], Alignment] = {}
    used_ref: set[int] = set()
    used_other: set[int] = set()
    for _gain, i, j, al in sorted(proposals, key=lambda p: (-p[0], p[1], p[2])):
        extra_ref = set(al.ref) - {i}
        extra_other = set(al.other) - {j}
        if (i, j) in chosen or extra_ref & used_ref or extra_other & used_other:
            continue
        chosen[(i, j)] = al
        used_ref |= extra_ref
        used_other |= extra_other
    return chosen


def _mutual_best(
    scores: Scores, pairs: list[tuple[int, int]], floor: float
) -> list[tuple[int, int]]:
    """Pairs at or above ``floor`` whose two sentences are both unlinked and each other's best.

    Best of its row and of its column among every pair scored (ties: the earliest); for
    :class:`SparseScores`, among the pairs kept.
    """
    if floor <= 0:
        return []
    if isinstance(scores, SparseScores):
        rows, cols, values = scores.rows, scores.cols, scores.values
    else:
        if not scores.size:
            return []
        rows, cols = np.arange(scores.shape[0]), scores.argmax(axis=1)
        values = scores[rows, cols]
        best_row = scores.argmax(axis=0)
        keep = (values >= floor) & (best_row[cols] == rows)
        rows, cols = rows[keep], cols[keep]
        return _unlinked(rows.tolist(), cols.tolist(), pairs)
    if not len(values):
        return []
    # the best column of each row, then the best row of each column (ties: the earliest)
    by_row = np.lexsort((cols, -values, rows))
    row_first = by_row[np.concatenate(([True], rows[by_row][1:] != rows[by_row][:-1]))]
    by_col = np.lexsort((rows, -values, cols))
    col_first = by_col[np.concatenate(([True], cols[by_col][1:] != cols[by_col][:-1]))]
    mutual = np.intersect1d(row_first, col_first)
    mutual = mutual[values[mutual] >= floor]
    return _unlinked(rows[mutual].tolist(), cols[mutual].tolist(), pairs)


def _unlinked(
    rows: list[int], cols: list[int], pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The pairs (rows[k], cols[k]) whose row and column ``pairs`` both leave unlinked."""
    linked_ref = {i for i, _ in pairs}
    linked_other = {j for _, j in pairs}
    return [
        (i, j)
        for i, j in zip(rows, cols, strict=True)
        if i not in linked_ref and j not in linked_other
    ]


def align(scores: Scores, options: Options, group_score: GroupScore) -> list[Alignment]:
    """Align sentences globally: assignment, order bonus, re-assignment, mutual best pairs
    under the threshold, then 1:2/2:1 merges."""
    first = assign(scores, options.link_threshold)
    pairs = assign(_order_bonus(scores, first, options.order_bonus), options.link_threshold)
    pairs = sorted(pairs + _mutual_best(scores, pairs, options.mutual_floor))
    merged = _merges(pairs, scores, group_score, options.merge_gain)
    base = _scores_of(scores, pairs)
    out = [merged.get((i, j), Alignment((i,), (j,), base[(i, j)])) for i, j in pairs]
    return sorted(out, key=lambda a: (a.ref, a.other))
