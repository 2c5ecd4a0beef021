"""Sentence similarity: pair scores, whole matrices, and the large-input path."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
import compare.similarity as similarity
from compare.options import SCORER_NAMES, Options
from compare.similarity import features, idf_table, pair_score, pair_scores, score_matrix

XI = (
    "Xi said China attaches great importance to the development of China-Syria relations and is "
    "willing to work with the Syrian side to promote greater achievements in bilateral friendly "
    "cooperation."
)
XI_RELAY = (
    "From his side, President Xi said China attaches great importance to the development of "
    "China-Syria relations and is willing to work with the Syrian side to promote greater "
    "achievements in bilateral friendly cooperation."
)
COVID = (
    "The Chinese president also voiced China's further support to the Syrian side in its fight "
    "against COVID-19 pandemic as well as in Syrian reconstruction and development."
)
RAIN = "Heavy rain flooded several streets in Lisbon on Tuesday morning."
WANG = "In July, China’s Foreign Minister Wang Yi arrived in the Syrian capital Damascus."


@pytest.mark.parametrize(
    "sentence",
    [XI, COVID, RAIN, WANG, "It was so.", "“We welcome the Syrian side’s participation,” said Xi."],
)
def test_identical_sentences_score_one(sentence: str) -> None:
    """A sentence scored against itself is ~1, even one made only of function words."""
    assert pair_scores([sentence], [sentence])[0] >= 0.99


@pytest.mark.parametrize(
    ("a", "b"),
    [(XI, RAIN), (COVID, RAIN), (WANG, RAIN)],
)
def test_unrelated_sentences_score_low(a: str, b: str) -> None:
    """Sentences about different things score well below the link threshold."""
    assert pair_scores([a], [b])[0] < 0.25


def test_related_above_unrelated() -> None:
    """A near-verbatim relay outscores a related sentence, which outscores an unrelated one."""
    verbatim, related, unrelated = pair_scores([XI, XI, XI], [XI_RELAY, COVID, RAIN])
    assert verbatim > Options().link_threshold > related > unrelated


def test_curly_and_straight_quotes_score_the_same() -> None:
    """Quote style and case do not lower the score."""
    score = pair_scores(["Syria’s “seat” at the UN."], ['syria\'s "SEAT" at the un'])[0]
    assert score >= 0.99


def test_pair_scores_shape_and_range() -> None:
    """pair_scores() returns one score in [0, 1] per pair."""
    scores = pair_scores([XI, COVID, RAIN, WANG], [XI_RELAY, RAIN, WANG, "It was so."])
    assert (4,) == scores.shape
    assert ((0.0 <= scores) & (scores <= 1.0)).all()


def test_pair_scores_idf_corpus() -> None:
    """Words frequent in the IDF corpus count for less: sharing only them scores lower."""
    a, b = "Syria and China met in Damascus.", "Syria and China met in Beijing."
    corpus = [f"Syria and China, sentence {k}." for k in range(20)] + [a, b]
    own = pair_scores([a], [b])[0]
    with_common_words = pair_scores([a], [b], idf_corpus=corpus)[0]
    assert with_common_words < own


def test_score_matrix_matches_pair_score() -> None:
    """Each matrix cell equals pair_score() on that pair with the same IDF table."""
    ref = features([XI, COVID, WANG])
    other = features([XI_RELAY, RAIN, WANG, "It was so."])
    idf = idf_table([f.keys for f in ref + other])
    options = Options()
    matrix = score_matrix(ref, other, options, idf=idf)
    expected = [[pair_score(r, o, idf, options) for o in other] for r in ref]
    assert np.allclose(expected, matrix)


WORDLESS = ["...", "!!! ???", "---", "\u200b\u200b", "😀"]


@pytest.mark.parametrize("cdist_limit", [10**9, 0], ids=["cdist", "large-path"])
def test_texts_without_words_score_their_marks(
    monkeypatch: pytest.MonkeyPatch, cdist_limit: int
) -> None:
    """Two texts without a word (issue 14) score 1 when equal and 0 when their marks differ, on
    both matrix paths and in pair_score; against a text with words they stay at 0."""
    monkeypatch.setattr(similarity, "_CDIST_MAX_PAIRS", cdist_limit)
    ref, other = features([*WORDLESS, XI]), features([*WORDLESS, XI])
    idf = idf_table([f.keys for f in ref + other])
    options = Options()
    matrix = score_matrix(ref, other, options, idf=idf)
    n = len(WORDLESS)
    expected = [[pair_score(r, o, idf, options) for o in other[:n]] for r in ref[:n]]
    assert np.allclose(np.eye(n), expected)
    assert np.allclose(np.eye(n), matrix[:n, :n])
    assert (matrix[:n, n] < options.link_threshold).all()
    assert (matrix[n, :n] < options.link_threshold).all()


@pytest.mark.parametrize(("n", "m"), [(0, 0), (0, 3), (2, 0)])
def test_score_matrix_empty(n: int, m: int) -> None:
    """An empty side gives an empty matrix of the right shape."""
    assert (n, m) == score_matrix(features([XI] * n), features([RAIN] * m), Options()).shape


_WORDS = [
    "china", "syria", "president", "xi", "assad", "support", "reconstruction", "development",
    "belt", "road", "initiative", "cooperation", "sovereignty", "talks", "phone", "call",
    "damascus", "beijing", "minister", "foreign", "relations", "friendship", "united", "nations",
    "seat", "anniversary", "the", "of", "and", "to", "in",
]  # fmt: skip


def _sentences(rng: random.Random, n: int) -> list[str]:
    """Synthetic news-like sentences from a small vocabulary (many share words)."""
    return [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 12))).capitalize() + "."
        for _ in range(n)
    ]


def test_large_path_agrees_with_cdist_above_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """600×600 (over the cdist limit) matches the whole-matrix path wherever a link is possible."""
    rng = random.Random(20211105)
    ref, other = features(_sentences(rng, 600)), features(_sentences(rng, 600))
    options = Options()
    assert 600 * 600 > similarity._CDIST_MAX_PAIRS
    large = score_matrix(ref, other, options)
    monkeypatch.setattr(similarity, "_CDIST_MAX_PAIRS", 10**9)
    full = score_matrix(ref, other, options)
    linkable = full >= options.link_threshold
    assert linkable.sum() > 1000, "the synthetic data should have many linkable pairs"
    assert np.allclose(full[linkable], large[linkable])
    assert (large <= full + 1e-12).all()
    assert ((0.0 <= large) & (large <= 1.0)).all()


@pytest.mark.parametrize("threshold", [0.3, 0.45, 0.7])
def test_forced_large_path_agrees_on_small_input(
    monkeypatch: pytest.MonkeyPatch, threshold: float
) -> None:
    """With the cdist limit at 0, a small matrix keeps every score at or above the threshold."""
    rng = random.Random(threshold)
    ref_texts = _sentences(rng, 30)
    # near copies of some reference sentences, so that some pairs pass even a high threshold
    other_texts = _sentences(rng, 15) + [t[:-1] + " talks." for t in ref_texts[:10]]
    ref, other = features(ref_texts), features(other_texts)
    options = Options(link_threshold=threshold)
    full = score_matrix(ref, other, options)
    monkeypatch.setattr(similarity, "_CDIST_MAX_PAIRS", 0)
    large = score_matrix(ref, other, options)
    keep = full >= threshold
    assert keep.any()
    assert np.allclose(full[keep], large[keep])
    assert (large[~keep] < threshold).all()


def test_scorers_are_exactly_the_names_options_accept() -> None:
    """SCORERS maps every name Options accepts, and no other, to a working rapidfuzz scorer."""
    assert SCORER_NAMES == tuple(similarity.SCORERS)
    for name in SCORER_NAMES:
        assert 100.0 == similarity.SCORERS[name]("same words", "same words"), name
        assert name == Options(fuzzy_scorer=name).fuzzy_scorer


sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10).map(" ".join)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(sentence, min_size=1, max_size=6),
    st.lists(sentence, min_size=1, max_size=6),
    st.sampled_from(sorted(similarity.SCORERS)),
)
def test_matrix_in_unit_range_and_symmetric(a: list[str], b: list[str], scorer: str) -> None:
    """Scores lie in [0, 1], and swapping the sides transposes the matrix."""
    options = Options(fuzzy_scorer=scorer)
    fa, fb = features(a), features(b)
    idf = idf_table([f.keys for f in fa + fb])
    forward = score_matrix(fa, fb, options, idf=idf)
    backward = score_matrix(fb, fa, options, idf=idf)
    assert ((0.0 <= forward) & (forward <= 1.0 + 1e-12)).all()
    if scorer != "partial_ratio":  # partial_ratio is not symmetric in its arguments
        assert np.allclose(forward, backward.T)


@pytest.mark.parametrize("scorer", sorted(similarity.SCORERS))
def test_blocked_candidate_scores_are_the_pairwise_ones(scorer: str) -> None:
    """The collation's one matrix (documents as blocks) holds, for each document pair, exactly
    the scores of the pairwise candidate path on those two documents; 0 within a document."""
    rng = random.Random(scorer)
    docs = [_sentences(rng, n) for n in (12, 9, 15)]
    docs[1] += [t[:-1] + " talks." for t in docs[0][:5]]  # near copies: links to find
    feats = features([t for d in docs for t in d])
    idf = idf_table(f.keys for f in feats)
    offsets = [0, 12, 26, 41]
    options = Options(fuzzy_scorer=scorer)
    whole = similarity.candidate_scores(feats, feats, idf, options, blocks=offsets)
    assert (whole == whole.T).all()
    for a in range(3):
        ra = slice(offsets[a], offsets[a + 1])
        assert (whole[ra, ra] == 0).all()
        for b in range(a + 1, 3):
            rb = slice(offsets[b], offsets[b + 1])
            pair = similarity.candidate_scores(feats[ra], feats[rb], idf, options)
            assert (pair == whole[ra, rb]).all(), (a, b)
    assert (whole >= options.link_threshold).sum() >= 5


@pytest.mark.parametrize("scorer", sorted(similarity.SCORERS))
@pytest.mark.parametrize("limits", [(512, 1 << 16), (4, 40), (1, 1)])
def test_candidate_rows_are_the_blocked_matrix_rows_bit_for_bit(
    scorer: str, limits: tuple[int, int]
) -> None:
    """Some rows of the collation's matrix scored alone are those rows of the whole, to the last
    bit, whatever words are added in batches and which in blocks (``limits``)."""
    rng = random.Random(scorer + str(limits))
    docs = [_sentences(rng, n) for n in (12, 9, 15, 7)]
    docs[1] += [t[:-1] + " talks." for t in docs[0][:5]]  # near copies: candidates
    docs[3] += ["...", "---"]  # texts without a word: the fuzzy score is the whole score
    docs[2] += ["…"]
    feats = features([t for d in docs for t in d])
    idf = idf_table(f.keys for f in feats)
    offsets = [0, 12, 26, 42, 51]
    options = Options(fuzzy_scorer=scorer)
    rows = [*sorted(rng.sample(range(51), 20)), 49, 50]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(similarity, "_BLOCK_PAIRS", limits[0])
        mp.setattr(similarity, "_ADD_AT_PAIRS", limits[1])
        whole = similarity.candidate_scores(feats, feats, idf, options, blocks=offsets)
        part = similarity.candidate_rows(feats, idf, options, offsets, sorted(set(rows)))
        shared = similarity.shared_weights(feats, feats, idf)
        shared_part = similarity.shared_weights(feats, feats, idf, rows=[3, 17, 40])
    assert np.array_equal(part, whole[sorted(set(rows))])
    assert np.array_equal(shared_part, shared[[3, 17, 40]])
    assert (whole >= options.link_threshold).sum() >= 5


@pytest.mark.parametrize("limits", [(512, 1 << 16), (4, 40), (1, 1), (2, 1 << 16)])
def test_collation_shared_weights_skip_one_document_words_keeping_every_other_sum(
    limits: tuple[int, int],
) -> None:
    """A collation's shared weights leave out the words found in one document only (they add to
    pairs within a document, which are never read): every pair of two documents keeps, bit for
    bit, the sum of the whole matrix, whatever words are batched and which are blocks."""
    rng = random.Random(str(limits))
    docs = [_sentences(rng, n) for n in (12, 9, 15, 7)]
    docs[1] += [t[:-1] + " talks." for t in docs[0][:5]]
    docs[2] += ["Zanzibar zebras zigzag.", "Zanzibar zebras yodel."]  # words of one document
    feats = features([t for d in docs for t in d])
    idf = idf_table(f.keys for f in feats)
    offsets = [0, 12, 26, 43, 50]
    owner = similarity.owners(offsets, len(feats))
    apart = owner[:, None] != owner[None, :]
    rows = sorted(rng.sample(range(50), 17))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(similarity, "_BLOCK_PAIRS", limits[0])
        mp.setattr(similarity, "_ADD_AT_PAIRS", limits[1])
        whole = similarity.shared_weights(feats, feats, idf)
        lean = similarity._shared_weights(feats, feats, idf, None, limits[0], owner=owner.tolist())
        lean_rows = similarity._shared_weights(
            feats, feats, idf, rows, limits[0], owner=owner.tolist()
        )
    assert np.array_equal(lean[apart], whole[apart])
    assert np.array_equal(lean_rows[apart[rows]], whole[rows][apart[rows]])
    zanzibar = [k for k, f in enumerate(feats) if "zanzibar" in f.keys]
    assert whole[zanzibar[0], zanzibar[1]] > lean[zanzibar[0], zanzibar[1]]  # left out


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=2, max_size=2))
def test_ratio_on_sorted_words_is_token_sort_ratio(pair: list[str]) -> None:
    """The candidate path's shortcut: ``ratio`` on words sorted once equals token_sort_ratio."""
    a, b = pair
    norms, name = similarity._sorted_norms(features([a, b]), "token_sort_ratio")
    expected = similarity.SCORERS["token_sort_ratio"](*(f.norm for f in features([a, b])))
    assert expected == similarity.SCORERS[name](*norms)


@pytest.mark.parametrize(
    ("scorer", "bonus", "repeats"),
    [
        ("token_sort_ratio", 0.04, False),
        ("ratio", 0.04, False),
        ("token_sort_ratio", 0.5, False),
        ("token_sort_ratio", 0.04, True),
    ],
)
def test_sparse_scores_are_the_candidate_scores_bit_for_bit(
    scorer: str, bonus: float, repeats: bool
) -> None:
    """The sparse path keeps the dense candidate path's scores exactly (same bits) on every pair
    it keeps, and leaves out only pairs that stay below the threshold even with the order bonus
    (``repeats``: reference texts repeated, one record each, multiplied once and weighed once)."""
    rng = random.Random(scorer + str(bonus))
    ref_texts = [*_sentences(rng, 300), "...", "---"]
    other_texts = [t[:-1] + " talks." for t in ref_texts[:120]] + _sentences(rng, 200) + ["..."]
    if repeats:
        ref_texts += [ref_texts[k] for k in range(0, 302, 3)]
    ref, other = features(ref_texts), features(other_texts)
    idf = idf_table([f.keys for f in ref + other])
    options = Options(fuzzy_scorer=scorer, order_bonus=bonus)
    dense = similarity.candidate_scores(ref, other, idf, options)
    sparse = similarity.sparse_scores(ref, other, idf, options)
    assert (len(ref), len(other)) == sparse.shape
    keys = sparse.rows * len(other) + sparse.cols
    assert (np.diff(keys) > 0).all(), "kept pairs are row-major and distinct"
    assert (dense[sparse.rows, sparse.cols] == sparse.values).all()
    left_out = np.ones(dense.shape, dtype=bool)
    left_out[sparse.rows, sparse.cols] = False
    low = dense[left_out]  # never linked: 0 (the bonus skips it) or below even with the bonus
    assert ((low == 0) | (low + bonus < options.link_threshold)).all()
    assert (dense >= options.link_threshold).sum() >= 120


def test_large_pair_comparison_stays_sparse() -> None:
    """run_scorer keeps a large pair's scores sparse (memory grows with candidates, not n x m),
    a small pair's and a collation's dense."""
    rng = random.Random(8)
    words = [*_WORDS, *(f"w{k}" for k in range(3000))]  # a news-sized vocabulary
    texts = [" ".join(rng.choices(words, k=rng.randint(8, 20))) + "." for _ in range(900)]
    ref = features(texts[:600])
    other = features([t[:-1] + " talks." for t in texts[300:]])
    idf = idf_table([f.keys for f in ref + other])
    options = Options()
    large = similarity.run_scorer(ref, other, idf, options)
    assert isinstance(large, similarity.SparseScores)
    assert len(large.values) < 600 * 600 // 4
    assert (large.values >= options.link_threshold).sum() >= 300  # the 300 shared sentences
    assert isinstance(similarity.run_scorer(ref[:50], other[:50], idf, options), np.ndarray)
    both = ref[:300] + other[:300]
    assert isinstance(
        similarity.run_scorer(both, both, idf, options, blocks=[0, 300, 600]), np.ndarray
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=6), max_size=12),
    st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=6), max_size=12),
    st.sampled_from([(1, 1), (3, 2), (512, 1 << 16)]),
)
def test_shared_weights_are_each_pairs_sorted_sum_bit_for_bit(
    a: list[frozenset[str]],
    b: list[frozenset[str]],
    limits: tuple[int, int],
) -> None:
    """Batched adds (np.add.at) and block adds give each cell text_weight's own float sum."""
    block, batch = limits
    idf = {k: 1.0 / (3 + i) + i * 0.1 for i, k in enumerate("abcdefghij")}
    fa = [similarity.Features(keys, "", "") for keys in a]
    fb = [similarity.Features(keys, "", "") for keys in b]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(similarity, "_BLOCK_PAIRS", block)
        mp.setattr(similarity, "_ADD_AT_PAIRS", batch)
        shared = similarity.shared_weights(fa, fb, idf)
    assert (len(a), len(b)) == shared.shape
    for i, x in enumerate(fa):
        for j, y in enumerate(fb):
            assert similarity.text_weight(x.keys & y.keys, idf) == shared[i, j]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=6), min_size=1, max_size=12),
    st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=6), min_size=1, max_size=12),
    st.sampled_from([1, 4, 10]),
)
def test_shared_weights_add_block_words_first_when_one_batch_holds_the_rest(
    a: list[frozenset[str]], b: list[frozenset[str]], block: int
) -> None:
    """When every word's pairs fit one batch, each cell gets its block words' weights (words
    shared by more than ``_BLOCK_PAIRS`` pairs) first, then the others', each in sorted order:
    the float sums of adding the words one at a time in that order, bit for bit."""
    idf = {k: 1.0 / (3 + i) + i * 0.1 for i, k in enumerate("abcdefghij")}
    fa = [similarity.Features(keys, "", "") for keys in a]
    fb = [similarity.Features(keys, "", "") for keys in b]
    pairs = {k: sum(k in x for x in a) * sum(k in y for y in b) for k in idf}  # each word's pairs
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(similarity, "_BLOCK_PAIRS", block)
        mp.setattr(similarity, "_ADD_AT_PAIRS", 1 << 16)
        shared = similarity.shared_weights(fa, fb, idf)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            both = sorted(x & y)
            total = 0.0
            for k in [k for k in both if pairs[k] > block] + [k for k in both if pairs[k] <= block]:
                total += idf[k]
            assert total == shared[i, j]


@pytest.mark.parametrize("scorer", sorted(similarity.SCORERS))
def test_lexical_group_scores_are_pair_scores_of_the_joined_texts(scorer: str) -> None:
    """Alignment's 1:2 and 2:1 tries, scored in one batch, score exactly (same bits) as
    pair_score on each group's joined texts, also when a key is missing from the IDF table, and
    when a GroupScorer reuses what it kept of each group from an earlier call."""
    rng = random.Random(scorer)
    ref = features([*_sentences(rng, 10), "...", ""])
    other = features([*_sentences(rng, 8), "Zebras graze quietly.", "---"])
    idf = idf_table([f.keys for f in ref[:10] + other[:8]])  # the zebras are not in it
    options = Options(fuzzy_scorer=scorer)
    groups = [((i,), (j, j + 1)) for i in range(12) for j in range(9)]
    groups += [((i, i + 1), (j,)) for i in range(11) for j in range(10)]
    got = similarity.score_groups(ref, other, groups, idf, options)
    expected = [
        pair_score(
            similarity.join([ref[i] for i in ri]), similarity.join([other[j] for j in oi]),
            idf, options,
        )
        for ri, oi in groups
    ]  # fmt: skip
    assert got == expected
    assert similarity.score_groups(ref, other, [], idf, options) == []
    kept = similarity.GroupScorer(ref, other, idf, options)  # keeps its groups across calls
    assert kept.many(groups) == expected
    assert kept.many(groups[::-1]) == expected[::-1]
    assert kept(*groups[7]) == expected[7]


@pytest.mark.parametrize("scorer", sorted(similarity.SCORERS))
def test_group_tries_under_their_floor_may_skip_the_fuzzy_score(scorer: str) -> None:
    """``many_reaching`` gives every try that reaches its floor its exact score, and any other
    a score under its floor; with these floors some are skipped, some kept."""
    rng = random.Random(scorer)
    ref = features(_sentences(rng, 10))
    other = features([ref[2].text, ref[3].text[:-1] + " talks.", *_sentences(rng, 10)])
    idf = idf_table([f.keys for f in ref + other])
    options = Options(fuzzy_scorer=scorer)
    groups = [((i,), (j, j + 1)) for i in range(10) for j in range(11)]
    groups += [((i, i + 1), (j,)) for i in range(9) for j in range(12)]
    exact = similarity.GroupScorer(ref, other, idf, options).many(groups)
    floors = [0.3 + 0.05 * (k % 8) for k in range(len(groups))]
    got = similarity.GroupScorer(ref, other, idf, options).many_reaching(groups, floors)
    reached = [x >= f for x, f in zip(exact, floors, strict=True)]
    assert 0 < sum(reached) < len(groups)
    for x, y, floor, ok in zip(exact, got, floors, reached, strict=True):
        assert y == x if ok else y < floor
    assert any(y == -float("inf") for y in got)


def test_sparse_scores_of_repeated_sentences_are_the_candidate_scores_bit_for_bit() -> None:
    """Sides that repeat sentences (a list of items, boilerplate) have each distinct pair of
    strings fuzzy-scored once; every kept score is still the dense candidate path's, bit for
    bit."""
    rng = random.Random(4120)
    pool = _sentences(rng, 40)
    ref_texts = [t for k in range(300) for t in (rng.choice(pool), f"Item {k + 1}.")]
    other_texts = list(ref_texts)
    rng.shuffle(other_texts)
    other_texts[::7] = [t[:-1] + " talks." for t in other_texts[::7]]
    ref, other = features(ref_texts), features(other_texts)
    idf = idf_table([f.keys for f in ref + other])
    options = Options()
    dense = similarity.candidate_scores(ref, other, idf, options)
    sparse = similarity.sparse_scores(ref, other, idf, options)
    assert (dense[sparse.rows, sparse.cols] == sparse.values).all()
    assert (sparse.values >= options.link_threshold).sum() >= 600
    kept = zip(sparse.rows.tolist(), sparse.cols.tolist(), strict=True)
    assert len(sparse.values) > 3 * len({(ref_texts[i], other_texts[j]) for i, j in kept})


def test_lexical_scores_stay_at_most_one_when_the_blend_rounds_above() -> None:
    """Two copies of the Newsweek report cut in two places (a case Hypothesis found): one pair
    of identical sentences blends to 1 + 4e-16 in floating point; the scorer gives 1."""
    from compare import Document
    from conftest import READOUTS

    text = (READOUTS / "call-newsweek-report.txt").read_text(encoding="utf-8")
    body = text[text.index("China pledged to support") :]
    a = "China pledged" + body[body.index("The Syrian reading indicates") :]
    b = body.replace("time when the country continues to suffer from instability.\n\n", "", 1)
    ref = Document.from_text(a, label="a", id="a")
    other = Document.from_text(b, label="b", id="b")
    fr = features(s.text for s in ref.sentences)
    fo = features(s.text for s in other.sentences)
    idf = idf_table([f.keys for f in fr] + [f.keys for f in fo])
    out = np.asarray(similarity.LEXICAL(fr, fo, idf=idf, options=Options()))
    assert 1.0 == out.max()
    assert 0.0 <= out.min()
    similarity.dense_scores(out, out.shape)  # the check every other scorer's result passes


def test_a_document_compared_again_is_read_once() -> None:
    """A document compared again (against several others, or the same one twice) reuses its
    sentences' records, which hold what a fresh reading gives."""
    from compare import pairwise

    doc = compare.Document.from_text("The bridge was closed. It reopened on Monday.", id="a")
    first = pairwise.Reuse({}).features_of(doc)
    again = pairwise.Reuse({}).features_of(doc)
    assert [a is b for a, b in zip(first, again, strict=True)] == [True, True]
    assert first == features(s.text for s in doc.sentences)
    assert {"bridg", "clos"} <= first[0].keys


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc xyz,.é"), max_size=40))
def test_features_sorted_once_match_sorting_each_time(text: str) -> None:
    """The keys and fuzzy string a record sorts once give the weights and strings sorting
    them at each use gives, bit for bit; records still compare by keys, norm and text."""
    f = similarity.Features(frozenset(text.split()), text, text)
    idf = {k: 1.0 / (1 + len(k)) + 0.1 * i for i, k in enumerate(sorted(f.keys))}
    assert similarity._weight(f, idf) == similarity.text_weight(f.keys, idf)
    assert f.sorted_norm == " ".join(sorted(text.split()))
    assert f == similarity.Features(frozenset(reversed(text.split())), text, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from(["xi", "china", "syria", "talk", "2", "的"]))))
def test_idf_table_is_each_keys_log_weight_in_first_seen_order(sets: list[frozenset[str]]) -> None:
    """idf_table (counted in C, one weight per distinct count) is log(1 + N / df) of every key,
    the same floats in the same order as counting set after set."""
    df: dict[str, int] = {}
    for keys in sets:
        for k in keys:
            df[k] = df.get(k, 0) + 1
    expected = [(k, math.log1p(len(sets) / c)) for k, c in df.items()]
    assert expected == list(idf_table(iter(sets)).items())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab .,-\n\u00a0é", max_size=12), min_size=1, max_size=3))
def test_a_sorted_strings_length_is_read_without_sorting(texts: list[str]) -> None:
    """The length of a text's fuzzy string with its words sorted, read without sorting them,
    for texts joined as alignment's tries join them (some without a word, or empty)."""
    joined = similarity.join(features(texts))
    assert similarity._sorted_len(joined) == len(joined.sorted_norm)
