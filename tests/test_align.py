"""Global alignment: optimal 1:1 assignment, reading-order bonus, 1:2 and 2:1 merges."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import compare
import compare.align as align_module
from compare.align import Alignment, UnionFind, align, assign
from compare.model import Document
from compare.options import Options


def brute_force_best(scores: np.ndarray, threshold: float) -> float:
    """The best total score of any 1:1 matching that uses only pairs at or above the threshold."""
    usable = np.where(scores >= threshold, scores, 0.0)
    n, m = usable.shape
    if n > m:
        usable, (n, m) = usable.T, (m, n)
    return max(
        (sum(usable[i, cols[i]] for i in range(n)) for cols in itertools.permutations(range(m), n)),
        default=0.0,
    )


def check_matching(pairs: list[tuple[int, int]], scores: np.ndarray, threshold: float) -> None:
    """Pairs are sorted, use each row and column once, and all reach the threshold."""
    assert sorted(pairs) == pairs
    assert len({i for i, _ in pairs}) == len(pairs), "a reference index used twice"
    assert len({j for _, j in pairs}) == len(pairs), "an other index used twice"
    assert all(scores[i, j] >= threshold for i, j in pairs)


@pytest.mark.parametrize(
    ("scores", "threshold", "expected"),
    [
        pytest.param([[0.9, 0.8], [0.85, 0.1]], 0.45, [(0, 1), (1, 0)], id="greedy-would-lose"),
        pytest.param([[0.9, 0.2], [0.1, 0.8]], 0.45, [(0, 0), (1, 1)], id="diagonal"),
        pytest.param([[0.9, 0.2], [0.1, 0.3]], 0.45, [(0, 0)], id="below-threshold-unlinked"),
        pytest.param([[0.5, 0.7, 0.6]], 0.45, [(0, 1)], id="star-best-edge"),
        pytest.param([[0.6, 0.6]], 0.45, [(0, 0)], id="star-tie-earliest"),
        pytest.param([[0.1, 0.2], [0.3, 0.4]], 0.45, [], id="nothing"),
        pytest.param(
            [[0.0, 0.0, 0.9], [0.0, 0.9, 0.0], [0.9, 0.0, 0.0]],
            0.45,
            [(0, 2), (1, 1), (2, 0)],
            id="reversed",
        ),
    ],
)
def test_assign_table(
    scores: list[list[float]], threshold: float, expected: list[tuple[int, int]]
) -> None:
    """assign() maximises the total score, not each row's best in reading order."""
    assert expected == assign(np.array(scores), threshold)


unit_scores = st.floats(0.0, 1.0, allow_nan=False).map(lambda x: round(x, 2))
small_matrices = st.tuples(st.integers(1, 6), st.integers(1, 6)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=unit_scores)
)


@settings(max_examples=100, deadline=None)
@given(small_matrices, st.sampled_from([0.0, 0.3, 0.45, 0.7]))
def test_assign_is_optimal(scores: np.ndarray, threshold: float) -> None:
    """assign() reaches the brute-force best total over all permutations (≤ 6×6)."""
    pairs = assign(scores, threshold)
    check_matching(pairs, scores, threshold)
    total = sum(scores[i, j] for i, j in pairs)
    assert brute_force_best(scores, threshold) == pytest.approx(total, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(
    st.tuples(st.integers(1, 14), st.integers(1, 14), st.integers(0, 2**32 - 1)),
    st.sampled_from([0.2, 0.45, 0.6]),
)
def test_pure_python_agrees_with_scipy(shape_seed: tuple[int, int, int], threshold: float) -> None:
    """The pure-Python Hungarian method and SciPy's sparse solver give the same pairs."""
    n, m, seed = shape_seed
    scores = np.random.default_rng(seed).random((n, m))  # distinct scores: one optimum
    pure = assign(scores, threshold)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(align_module, "_PURE_PYTHON_MAX", 0)
        scipy_pairs = assign(scores, threshold)
    check_matching(pure, scores, threshold)
    assert scipy_pairs == pure


def test_order_bonus_prefers_reading_order() -> None:
    """Between two near-equal partners, the one continuing a linked neighbour's order wins."""
    scores = np.array([[0.9, 0.0, 0.0], [0.0, 0.58, 0.6]])

    def no_merge(ref: tuple[int, ...], other: tuple[int, ...]) -> float:
        """Merges never help here."""
        return 0.0

    expected = [Alignment((0,), (0,), 0.9), Alignment((1,), (1,), 0.58)]
    assert expected == align(scores, Options(), no_merge)
    without = [Alignment((0,), (0,), 0.9), Alignment((1,), (2,), 0.6)]
    assert without == align(scores, Options(order_bonus=0.0), no_merge)


@pytest.mark.parametrize(
    ("merged_score", "expected"),
    [
        (0.9, [Alignment((0,), (0, 1), 0.9)]),
        (0.62, [Alignment((0,), (0,), 0.6)]),  # gain 0.02 < merge_gain 0.03
    ],
)
def test_merge_needs_enough_gain(merged_score: float, expected: list[Alignment]) -> None:
    """A 1:2 link replaces a 1:1 link only when it raises the score by at least merge_gain."""
    scores = np.array([[0.6, 0.5]])

    def group_score(ref: tuple[int, ...], other: tuple[int, ...]) -> float:
        """The score of the joined sentences."""
        return merged_score if (ref, other) == ((0,), (0, 1)) else 0.0

    assert expected == align(scores, Options(), group_score)


# --- on real text ----------------------------------------------------------------------------


def body(cgtn: Document) -> list[str]:
    """The CGTN readout's body sentences, from its lede to the Xinjiang sentence."""
    texts = [s.text for s in cgtn.sentences]
    start = next(k for k, t in enumerate(texts) if t.startswith("Chinese President Xi Jinping"))
    end = next(k for k, t in enumerate(texts) if "Xinjiang, Tibet" in t)
    return texts[start : end + 1]


@pytest.mark.parametrize("order", ["reversed", "rotated"])
def test_reordered_document_aligns_to_its_original(cgtn: Document, order: str) -> None:
    """Paragraphs in another order still link each sentence to its own copy."""
    sentences = body(cgtn)
    moved = sentences[::-1] if order == "reversed" else sentences[5:] + sentences[:5]
    other = Document.from_text("\n\n".join(moved))
    assert moved == [s.text for s in other.sentences]
    result = compare.compare(cgtn, other)
    linked = {
        (cgtn.sentences[link.ref[0]].text, other.sentences[link.other[0]].text)
        for link in result.links
    }
    assert {(t, t) for t in sentences} == linked
    assert {"same"} == {link.relation for link in result.links}
    assert () == result.added


SPLIT_FROM = ", and firmly opposes interference"
SPLIT_INTO = ". China also firmly opposes interference"


def split_account(cgtn: Document) -> tuple[Document, int]:
    """Neighbouring CGTN sentences with the 'Xi stressed' sentence split in two."""
    texts = [s.text for s in cgtn.sentences]
    k = next(i for i, t in enumerate(texts) if t.startswith("Xi stressed that China firmly"))
    assert SPLIT_FROM in texts[k]
    parts = [*texts[k - 3 : k], texts[k].replace(SPLIT_FROM, SPLIT_INTO), *texts[k + 1 : k + 3]]
    return Document.from_text(" ".join(parts), label="split"), k


def test_split_sentence_gives_a_one_to_two_link(cgtn: Document) -> None:
    """A sentence cut in two by the other account is linked to both halves (1:2)."""
    other, k = split_account(cgtn)
    first = next(s.index for s in other.sentences if s.text.startswith("Xi stressed"))
    second = next(s.index for s in other.sentences if s.text.startswith("China also firmly"))
    assert second == first + 1
    result = compare.compare(cgtn, other)
    link = next(link for link in result.links if k in link.ref)
    assert ((k,), (first, second)) == (link.ref, link.other)
    assert second not in result.added


def test_joined_sentences_give_a_two_to_one_link(cgtn: Document) -> None:
    """Two reference sentences joined into one by the other account give a 2:1 link."""
    split, k = split_account(cgtn)
    result = compare.compare(split, cgtn)
    first = next(s.index for s in split.sentences if s.text.startswith("Xi stressed"))
    link = next(link for link in result.links if first in link.ref)
    assert ((first, first + 1), (k,)) == (link.ref, link.other)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=20))
def test_union_find_gives_the_connected_components_rooted_at_their_smallest(
    edges: list[tuple[int, int]],
) -> None:
    """UnionFind's sets are the graph's connected components, each rooted at its smallest item."""
    sets: UnionFind[int] = UnionFind()
    for a, b in edges:
        sets.union(a, b)
    neighbours: dict[int, set[int]] = {x: set() for x in range(13)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    for x in range(13):
        reach, todo = {x}, [x]
        while todo:
            for y in neighbours[todo.pop()] - reach:
                reach.add(y)
                todo.append(y)
        assert min(reach) == sets.find(x)


@pytest.mark.parametrize("bonus", [0.0, 0.04, 0.3])
def test_align_on_sparse_scores_is_align_on_dense(bonus: float) -> None:
    """Alignment reads a sparse score list (missing pairs scoring 0) exactly as the dense matrix."""
    from compare.similarity import SparseScores

    rng = np.random.default_rng(int(bonus * 100))
    dense = rng.random((60, 50)) * (rng.random((60, 50)) < 0.08)
    dense[np.arange(40), np.arange(40)] = 0.5 + rng.random(40) / 2  # a diagonal to keep in order
    rows, cols = np.nonzero(dense)
    sparse = SparseScores(dense.shape, rows, cols, dense[rows, cols])
    options = Options(order_bonus=bonus, link_threshold=0.45)

    def group_score(ri: tuple[int, ...], oi: tuple[int, ...]) -> float:
        return float(max(dense[i, j] for i in ri for j in oi)) + 0.05 * (len(ri) + len(oi) - 2)

    expected = align(dense, options, group_score)
    assert len(expected) >= 40
    assert expected == align(sparse, options, group_score)


def test_mutual_best_pairs_link_under_the_threshold() -> None:
    """Two unlinked sentences that are each other's best match link at mutual_floor or above;
    a pair whose row prefers another column does not; dense and sparse scores agree."""
    from compare.similarity import SparseScores

    scores = np.array(
        [
            [0.90, 0.10, 0.00],  # linked by the threshold
            [0.05, 0.38, 0.36],  # best of its row: column 1; and row 1 is column 1's best
            [0.00, 0.37, 0.30],  # prefers column 1, which prefers row 1: no link
        ]
    )
    opts = Options(mutual_floor=0.35)
    got = [(a.ref, a.other) for a in align(scores, opts, lambda r, o: 0.0)]
    assert [((0,), (0,)), ((1,), (1,))] == got
    assert [((0,), (0,))] == [(a.ref, a.other) for a in align(scores, Options(), lambda r, o: 0.0)]
    rows, cols = np.nonzero(scores)
    sparse = SparseScores(scores.shape, rows, cols, scores[rows, cols])
    assert got == [(a.ref, a.other) for a in align(sparse, opts, lambda r, o: 0.0)]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 40),
    st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), min_size=1, max_size=300),
)
def test_components_by_labels_are_scipys_and_the_union_finds(
    n: int, m: int, raw: list[tuple[int, int]]
) -> None:
    """numpy's label propagation (large edge lists) finds SciPy's connected components of the
    bipartite graph, and groups and orders edges exactly as the union-find (small ones) does."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pairs = sorted({(i % n, j % m) for i, j in raw})
    edges = np.array(pairs, dtype=np.intp)
    by_labels = align_module._components_by_labels(edges, n)
    old = align_module._LABELS_MIN_EDGES
    try:
        align_module._LABELS_MIN_EDGES = 10**9
        by_union_find = align_module._components(edges, n)
    finally:
        align_module._LABELS_MIN_EDGES = old
    assert list(by_labels.items()) == list(by_union_find.items())
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], n + edges[:, 1])), shape=(n + m,) * 2)
    _, scipy_labels = connected_components(graph, directed=False)
    of_edge = scipy_labels[edges[:, 0]]
    groups = {frozenset(np.flatnonzero(of_edge == c).tolist()) for c in set(of_edge.tolist())}
    assert groups == {frozenset(g) for g in by_labels.values()}
    for root, members in by_labels.items():
        assert root == min(int(edges[e, 0]) for e in members)


def test_component_labels_on_a_long_path() -> None:
    """A path of 20,001 nodes whose labels fall and rise along it is one component, labelled 0."""
    nodes = np.argsort(np.random.default_rng(3).random(20_001)).astype(np.intp)
    labels = align_module._component_labels(nodes[:-1], nodes[1:], len(nodes))
    assert (labels == 0).all()


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=41, max_value=90),
    st.integers(min_value=41, max_value=90),
    st.floats(min_value=0.02, max_value=0.3),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_large_components_match_as_the_dense_solver_does(
    n: int, m: int, density: float, seed: int
) -> None:
    """A component over 40 rows or columns is matched from its edges alone (no dense n x m
    matrix); with distinct scores (one best matching) it finds the pairs SciPy's dense
    assignment finds, and with ties a matching of the same total."""
    from scipy.optimize import linear_sum_assignment

    rng = np.random.default_rng(seed)
    dense = np.where(rng.random((n, m)) < density, 0.45 + 0.55 * rng.random((n, m)), 0.0)
    edges = np.argwhere(dense > 0)
    if not len(edges):
        return
    found = align_module._sparse_matching(edges, dense[edges[:, 0], edges[:, 1]])
    rows, cols = linear_sum_assignment(dense, maximize=True)
    pairs = zip(rows.tolist(), cols.tolist(), strict=True)
    expected = sorted((i, j) for i, j in pairs if dense[i, j] > 0)
    assert expected == sorted(found)
    tied = np.round(dense, 1)  # many equal scores: any best matching will do
    found = align_module._sparse_matching(edges, tied[edges[:, 0], edges[:, 1]])
    rows, cols = linear_sum_assignment(tied, maximize=True)
    assert len({i for i, _ in found}) == len(found) == len({j for _, j in found})
    assert tied[rows, cols].sum() == pytest.approx(sum(tied[i, j] for i, j in found))


def test_large_component_alignment_keeps_memory_to_its_edges() -> None:
    """assign() on one connected component of 3,000 x 3,000 sentences whose every row has a few
    edges builds no 3,000 x 3,000 matrix: it runs within a few MB of traced memory."""
    import tracemalloc

    from compare.similarity import SparseScores

    n = 3_000
    rows = np.repeat(np.arange(n), 3)
    cols = (rows + np.tile([0, 1, 2], n)) % n  # a ring: one component
    values = 0.5 + 0.4 * np.random.default_rng(1).random(len(rows))
    order = np.lexsort((cols, rows))
    scores = SparseScores((n, n), rows[order], cols[order], values[order])
    tracemalloc.start()
    pairs = assign(scores, 0.45)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == len(pairs)
    assert peak < 8 * 2**20  # the dense matrix alone would be 72 MB


def _hungarian_scanning_every_column(cost: list[list[float]]) -> list[int]:
    """The textbook O(n^2 m) Hungarian method scanning every column at each step (the form
    align's used before it scanned only the columns left): ties pinned by it."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            p[j0] = p[way[j0]]
            j0 = way[j0]
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(0, 4),
    st.lists(st.sampled_from([0.0, 0.45, 0.5, 0.5, 0.61, 0.7, 0.93]), min_size=256, max_size=256),
)
def test_hungarian_assigns_as_the_full_column_scan_does(
    n: int, extra: int, values: list[float]
) -> None:
    """The Hungarian method over the columns left gives the very assignment (ties included:
    few distinct costs) of the textbook scan over every column."""
    m = n + extra
    cost = [[-values[(i * m + j) % len(values)] for j in range(m)] for i in range(n)]
    assert align_module._hungarian(cost) == _hungarian_scanning_every_column(cost)
