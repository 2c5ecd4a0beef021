"""Scores lifted by shared claim units and anchors (compare.lift)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare import Document, Options, lift, similarity
from compare.lift import anchor_pairs, lifted_scores
from compare.similarity import SparseScores, features, idf_table, run_scorer
from compare.tokens import fold

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"
SENTENCES = (
    "Xi Jinping held a phone call with Bashar al-Assad on Monday.",
    "China supports Syria's sovereignty, and the two sides agreed to deepen cooperation.",
    "The two presidents discussed trade; they also discussed the reconstruction of Aleppo.",
    "Assad thanked China for its help, while Xi said the Belt and Road welcomes Syria.",
    "...",
    "---",
    "Officials said the talks were frank and that a visit was planned for next year.",
)


def _features(ref_name: str, other_name: str) -> tuple[list[similarity.Features], ...]:
    ref = compare.load(READOUTS / ref_name)
    other = compare.load(READOUTS / other_name)
    return features(s.text for s in ref.sentences), features(s.text for s in other.sentences)


def test_a_shared_quotation_anchors_two_sentences() -> None:
    """The reworded report quotes Xi's welcome of "the Syrian side's participation in" the Belt
    and Road, as the relay does, inside otherwise different sentences: they anchor, and link."""
    fr, fo = _features("call-reworded-report.txt", "call-syrian-readout-relay.txt")
    pairs = anchor_pairs(fr, fo, Options())
    assert (6, 9) in pairs
    assert "the syrian side's participation in" not in fr[5].text.lower()
    result = compare.compare(
        compare.load(READOUTS / "call-reworded-report.txt"),
        compare.load(READOUTS / "call-syrian-readout-relay.txt"),
    )
    assert ((6,), (9,), "partial") in [(k.ref, k.other, k.relation) for k in result.links]
    docs = (
        compare.load(READOUTS / "call-reworded-report.txt"),
        compare.load(READOUTS / "call-syrian-readout-relay.txt"),
    )
    anchored = compare.compare(*docs, options=Options(unit_weight=0.0))
    assert ((6,), (9,), 0.5) in [(k.ref, k.other, k.score) for k in anchored.links]
    off = compare.compare(*docs, options=Options(unit_weight=0.0, anchor_score=0.0))
    assert ((6,), (9,)) not in [(k.ref, k.other) for k in off.links]


def test_a_run_repeated_on_one_side_anchors_nothing() -> None:
    """A run that two sentences of one side share is a refrain, not an anchor."""
    line = "China firmly supports the territorial integrity of Syria today"
    fr = features([line, f"Again, {line}.", "Nothing else."])
    fo = features([f"He said that {line}."])
    assert anchor_pairs(fr, fo, Options()) == []
    assert anchor_pairs(fr[:1], fo, Options()) == [(0, 0)]


def test_a_sentence_repeated_word_for_word_anchors_nothing() -> None:
    """A sentence one side repeats word for word (read once) anchors neither copy, however
    far apart the copies are; its other side's twin still anchors a sentence found once."""
    line = "China firmly supports the territorial integrity of Syria today."
    other = "Both sides agreed to deepen practical cooperation in many fields."
    fr = features([line, "Item 1.", other, "Item 2.", line])
    fo = features([f"He said that {line}", f"And {other}"])
    assert anchor_pairs(fr, fo, Options()) == [(2, 1)]
    assert anchor_pairs(fo, fr, Options()) == [(1, 2)]


def test_a_collations_anchors_are_its_document_pairs_anchors() -> None:
    """A collation's anchors are, for each two of its documents, the pairs a comparison of those
    two anchors (both ways round): a run repeated in one document anchors none of its sentences,
    whatever the other documents hold."""
    names = sorted(p.name for p in READOUTS.glob("*.txt"))
    docs = [features(s.text for s in compare.load(READOUTS / n).sentences) for n in names]
    line = "China firmly supports the territorial integrity of Syria today"
    docs[0] = [*docs[0], *features([line, f"Again, {line}."])]  # a refrain of one document
    docs[1] = [*docs[1], *features([f"He said that {line}."])]
    docs[2] = [*docs[2], *features([f"She said {line}."])]
    blocks = [0]
    for d in docs:
        blocks.append(blocks[-1] + len(d))
    every = [f for d in docs for f in d]
    expected = set()
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            for i, j in anchor_pairs(docs[a], docs[b], Options()):
                expected |= {(blocks[a] + i, blocks[b] + j), (blocks[b] + j, blocks[a] + i)}
    found = anchor_pairs(every, every, Options(), blocks)
    assert found == sorted(expected)
    assert (blocks[2] - 1, blocks[3] - 1) in found  # the refrain's one copy in documents 1, 2
    assert not {blocks[1] - 2, blocks[1] - 1} & {i for i, _ in found}  # the refrain's rows
    assert len(found) >= 6


@pytest.mark.parametrize("collated", [False, True])
def test_dense_scores_are_raised_by_every_unit_pair_as_by_each_pairs_best(collated: bool) -> None:
    """Dense scores are raised by every scored unit pair, unsorted and repeated: the very
    scores of raising them by each pair of texts' best unit pair (:func:`unit_pairs`)."""
    long = (
        "Xi Jinping held a phone call with Bashar al-Assad on Monday; the two presidents then "
        "went over trade, energy, ports, grain, loans and the rebuilding of Aleppo at length."
    )
    docs = [
        features([long, *SENTENCES[1:4]]),
        features([*SENTENCES[:3], "Officials said the talks were frank."]),
        features([SENTENCES[3], long.replace("Monday", "Tuesday"), *SENTENCES[5:]]),
    ]
    options = Options(language="en", anchor_score=0.0)
    if collated:
        ref = other = [f for d in docs for f in d]
        blocks: list[int] | None = [0, len(docs[0]), len(docs[0]) + len(docs[1]), len(ref)]
    else:
        ref, other, blocks = docs[0], docs[1], None
    idf = idf_table([f.keys for f in [*ref, *other]])
    base = run_scorer(ref, other, idf, options, blocks=blocks)
    rows, cols, values = lift.unit_pairs(ref, other, idf, options, blocks)
    expected = np.asarray(base).copy()
    np.maximum.at(expected, (rows, cols), options.unit_weight * values)
    if blocks is not None:
        owner = similarity.owners(blocks, len(ref))
        expected[owner[:, None] == owner[None, :]] = 0.0
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lift, "_one_pass", lambda *_: None)
        got = lifted_scores(ref, other, idf, options, blocks=blocks)
    assert np.asarray(got).tobytes() == expected.tobytes()
    assert (expected > np.asarray(base)).any()  # some pair was raised


def test_lifts_never_lower_a_score_and_can_be_turned_off() -> None:
    """Lifted scores are at least the scorer's; with both lifts off they are the scorer's."""
    fr, fo = _features("call-cgtn-chinese-readout.txt", "call-newsweek-report.txt")
    idf = idf_table([f.keys for f in fr + fo])
    base = run_scorer(fr, fo, idf, Options())
    lifted = lifted_scores(fr, fo, idf, Options())
    assert isinstance(base, np.ndarray) and isinstance(lifted, np.ndarray)
    assert (lifted >= base).all()
    assert (lifted > base).sum() > 0
    off = lifted_scores(fr, fo, idf, Options(unit_weight=0.0, anchor_score=0.0))
    assert np.array_equal(base, off)


def test_sparse_and_dense_scores_are_lifted_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large comparison keeps sparse scores: the pairs that reach the threshold, and their
    lifted scores, are those of the dense path."""
    fr, fo = _features("call-cgtn-chinese-readout.txt", "call-newsweek-report.txt")
    idf = idf_table([f.keys for f in fr + fo])
    options = Options()
    dense = lifted_scores(fr, fo, idf, options)
    monkeypatch.setattr(similarity, "_CDIST_MAX_PAIRS", 0)
    sparse = lifted_scores(fr, fo, idf, options)
    assert isinstance(sparse, SparseScores) and isinstance(dense, np.ndarray)
    t = options.link_threshold
    over = sparse.values >= t
    assert sorted(zip(sparse.rows[over].tolist(), sparse.cols[over].tolist(), strict=True)) == [
        tuple(p) for p in np.argwhere(dense >= t).tolist()
    ]
    assert np.allclose(sparse.values[over], dense[sparse.rows[over], sparse.cols[over]])


def test_a_partial_link_says_which_units_both_sides_share() -> None:
    """CGTN 9 and Newsweek 5 both oppose outside interference in Syria's internal affairs; the
    rest of each (sovereignty; sanctions) differs. The link is partial and its shared spans are
    those clauses, in each document's text, in JSON too."""
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt")
    other = compare.load(READOUTS / "call-newsweek-report.txt")
    result = compare.compare(ref, other)
    link = next(k for k in result.links if k.ref == (9,))
    assert (link.other, link.relation) == ((5,), "partial")
    assert link.shared is not None
    (a, b), (c, d) = link.shared
    assert ref.text[a:b].startswith("and firmly opposes interference by external forces")
    assert other.text[c:d].startswith("and categorically rejects the interference of outside")
    sentence = other.sentences[5]
    assert sentence.start <= c < d <= sentence.end
    data = result.to_dict()
    shared = next(k["shared"] for k in data["links"] if k["ref"] == [9])
    assert {"ref": [a, b], "other": [c, d]} == shared
    assert all("shared" not in k for k in data["links"] if k["relation"] != "partial")


def test_every_view_shows_what_a_partial_link_shares() -> None:
    """Text, Markdown and HTML name the shared units of CGTN 10 ↔ Newsweek 6."""
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt")
    other = compare.load(READOUTS / "call-newsweek-report.txt")
    result = compare.compare(ref, other)
    ours = "and firmly opposes interference by external forces in Syria's internal affairs."
    theirs = "and categorically rejects the interference of outside forces in the internal affairs"
    text = " ".join(result.to_text(width=400).split())
    assert f"shared: “{ours}” ↔ “{theirs}" in text
    assert f"*shared:* “{ours}” ↔ “{theirs}" in result.to_markdown()
    html = result.to_html()
    assert html.count('class="shared"') == 1
    assert "firmly opposes interference by external forces in Syria&#39;s internal" in html


def test_shared_units_are_escaped_in_html() -> None:
    """Shared words reach the page as text, never as markup."""
    ref = Document.from_text(
        "The council met on Monday in the old town hall, and it approved the <script>plan</script>"
        " for rebuilding the flooded coastal road before winter."
    )
    other = Document.from_text(
        "Protesters gathered outside while officials spoke, and the council approved the"
        " <script>plan</script> for rebuilding the flooded coastal road before winter."
    )
    result = compare.compare(ref, other)
    assert [link.relation for link in result.links] == ["partial"]
    assert result.links[0].shared is not None
    html = result.to_html()
    assert 'class="shared"' in html
    assert "<script>plan" not in html
    assert "&lt;script&gt;plan" in html


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(1, 40), st.integers(1, 40))
def test_sparse_raise_equals_merging_both_lists(seed: int, n: int, m: int) -> None:
    """Raising sparse scores in place (new pairs inserted where they sort) gives exactly what
    merging the two lists and keeping each pair's highest score gives."""
    from compare.lift import _best, _raise_sparse

    rng = np.random.default_rng(seed)

    def coords(share: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r, c = np.nonzero(rng.random((n, m)) < share)
        return _best(r.astype(np.intp), c.astype(np.intp), np.round(rng.random(len(r)), 2), m)

    base = SparseScores((n, m), *coords(0.3))
    lift = coords(0.2)
    expected = _best(*(np.concatenate([a, b]) for a, b in zip(
        (base.rows, base.cols, base.values), lift, strict=True)), m)  # fmt: skip
    got = _raise_sparse(base, lift)
    for want, have in zip(expected, (got.rows, got.cols, got.values), strict=True):
        assert want.tolist() == have.tolist()
    assert got.rows.dtype == base.rows.dtype and got.values.dtype == base.values.dtype


def test_a_collations_unit_lift_reads_only_rows_of_several_units() -> None:
    """The collation's lexical unit lift, scored from the rows of units of sentences with
    several units, gives the pairs and scores (same bits) of the whole unit matrix."""
    docs = [compare.load(p) for p in sorted(READOUTS.glob("*.txt"))]
    feats = features(s.text for d in docs for s in d.sentences)
    offsets = [0]
    for d in docs:
        offsets.append(offsets[-1] + len(d.sentences))
    idf = idf_table(f.keys for f in feats)
    options = Options(language="en")
    units, starts = lift._units(feats, options.language)
    unit_blocks = [starts[b] if b < len(starts) else len(units) for b in offsets]
    whole = run_scorer(units, units, idf, options, blocks=unit_blocks, units=True)
    expected = lift._best(*lift._unit_coords(whole, starts, starts), len(units))
    got = lift._best(*lift._collation_units(units, starts, idf, options, unit_blocks), len(units))
    assert len(expected[0]) > 100
    for a, b in zip(expected, got, strict=True):
        assert np.array_equal(a, b)


def _apart(fr: list[similarity.Features], fo: list[similarity.Features], options: Options) -> bytes:
    """The lifted scores with the sentences and their units scored in two matrices."""
    idf = idf_table([f.keys for f in fr + fo])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lift, "_one_pass", lambda *_: None)
        return np.asarray(lifted_scores(fr, fo, idf, options)).tobytes()


def test_one_matrix_for_sentences_and_units_gives_the_same_bits() -> None:
    """Every ordered pair of readouts: scoring sentences and their units in one matrix lifts
    every pair to the very score two matrices give (at two fuzzy weights and scorers)."""
    names = sorted(p.name for p in READOUTS.glob("*.txt"))
    used = 0
    for options in (Options(), Options(fuzzy_weight=0.5, fuzzy_scorer="ratio")):
        for a in names:
            for b in names:
                fr, fo = _features(a, b)
                idf = idf_table([f.keys for f in fr + fo])
                used += lift._one_pass(fr, fo, idf, options) is not None
                together = np.asarray(lifted_scores(fr, fo, idf, options)).tobytes()
                assert together == _apart(fr, fo, options), (a, b)
    assert used >= len(names) ** 2  # the one matrix served most pairs


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
)
def test_one_matrix_gives_the_same_bits_on_mixed_sentences(a: list[str], b: list[str]) -> None:
    """Sentences of one and of several units, repeated or not, some without a word."""
    fr, fo = features(a), features(b)
    idf = idf_table([f.keys for f in fr + fo])
    assert np.asarray(lifted_scores(fr, fo, idf, Options())).tobytes() == _apart(fr, fo, Options())


def test_a_key_shared_by_many_pairs_falls_back_to_two_matrices() -> None:
    """Where a key is shared by more pairs than a block add takes, the two matrices are kept."""
    fr = features(
        [f"The minister spoke on day {k} of the talks, and the envoy replied." for k in range(30)]
    )
    fo = features(
        [f"On day {k} the minister spoke; the envoy replied at the talks." for k in range(30)]
    )
    idf = idf_table([f.keys for f in fr + fo])
    assert not similarity.sums_in_key_order(fr, fo)
    assert lift._one_pass(fr, fo, idf, Options()) is None


def test_a_side_compared_again_has_its_runs_read_once() -> None:
    """The second comparison of a document reads its anchoring runs from the cache and finds
    the same anchors as the first."""
    fr, fo = _features("call-reworded-report.txt", "call-syrian-readout-relay.txt")
    lift._side_runs.cache_clear()
    first = anchor_pairs(fr, fo, Options())
    assert lift._side_runs.cache_info().misses == 2
    assert anchor_pairs(fr, fo, Options()) == first
    assert lift._side_runs.cache_info().hits == 2
    assert (6, 9) in first


def test_a_side_compared_again_is_cut_and_indexed_once() -> None:
    """The one-matrix path keeps each side's units, rows and postings: a second comparison of
    the same documents reuses them and lifts to the same bits."""
    fr, fo = _features("call-cgtn-chinese-readout.txt", "call-syrian-readout-relay.txt")
    idf = idf_table([f.keys for f in fr + fo])
    lift._side.cache_clear()
    first = np.asarray(lifted_scores(fr, fo, idf, Options())).tobytes()
    assert lift._side.cache_info().misses == 2
    again = np.asarray(lifted_scores(fr, fo, idf, Options())).tobytes()
    assert lift._side.cache_info().hits == 2
    assert first == again == _apart(fr, fo, Options())


@pytest.mark.parametrize(
    ("ref_name", "other_name"),
    [
        ("call-cgtn-chinese-readout.txt", "call-newsweek-report.txt"),
        ("call-reworded-report.txt", "july-wang-yi-meeting.txt"),
    ],
)
def test_a_large_pairs_unit_lift_skips_one_unit_pairs_to_the_same_numbers(
    ref_name: str, other_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pair large enough for sparse scores (the limit lowered here) lifts by the same unit
    pairs and scores, bit for bit, whether the units of one-unit texts are scored against each
    other (the scorer's whole unit matrix) or not (two smaller sparse products)."""
    monkeypatch.setattr(similarity, "_CDIST_MAX_PAIRS", 20)
    fr, fo = _features(ref_name, other_name)
    idf = idf_table([f.keys for f in fr + fo])
    options = Options(language="en")
    ref_units, ref_starts = lift._units(fr, "en")
    other_units, other_starts = lift._units(fo, "en")
    assert len(ref_units) > len(fr) and len(other_units) > len(fo)  # texts of several units
    whole = run_scorer(ref_units, other_units, idf, options, units=True)
    assert isinstance(whole, SparseScores)
    coords = lift._unit_coords(whole, ref_starts, other_starts)
    by_text = lift._by_text(coords, (ref_starts, len(ref_units)), (other_starts, len(other_units)))
    expected = lift._best(*by_text, len(fo))
    found = lift.unit_pairs(fr, fo, idf, options)
    assert len(expected[0]) > 10
    for got, want in zip(found, expected, strict=True):
        assert got.tolist() == want.tolist()


def test_lifting_leaves_a_scorers_own_matrix_as_it_was() -> None:
    """The lexical scorer's matrix is raised where it is; a scorer that hands back a matrix of
    its own (kept, shared) gets it back unchanged, the lifted scores in a copy."""
    fr, fo = _features("call-cgtn-chinese-readout.txt", "call-newsweek-report.txt")
    idf = idf_table([f.keys for f in fr + fo])
    kept = np.asarray(run_scorer(fr, fo, idf, Options()))
    before = kept.copy()

    class Kept:
        def __call__(self, ref: object, other: object, **_: object) -> np.ndarray:
            return kept

    lifted = lifted_scores(fr, fo, idf, Options(scorer=Kept()))
    assert isinstance(lifted, np.ndarray) and lifted is not kept
    assert kept.tobytes() == before.tobytes()
    assert (lifted > kept).any()  # lifted: in the copy
    assert lifted.tobytes() == np.asarray(lifted_scores(fr, fo, idf, Options())).tobytes()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aB9_ .,-'’‘“”„«»\"éßİΣ\u0645\u5341", max_size=40))
def test_a_texts_folded_words_are_those_of_its_folded_text(text: str) -> None:
    """The words anchoring runs are read from: those of the folded text, or each word folded
    when folding split or joined one, whichever shortcut (ASCII, ASCII but for quotes) is
    taken."""
    words = lift._TOKEN.findall(text)
    expected = lift._TOKEN.findall(fold(text))
    if len(expected) != len(words):
        expected = [fold(w) for w in words]
    assert lift._folded_words(text, words) == expected


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
)
def test_the_one_matrix_scores_each_cell_it_reads_once(a: list[str], b: list[str]) -> None:
    """The blocks the one matrix fuzzy-scores are the cells it reads (texts against texts,
    units against units), each once, and no other."""
    sa, sb = lift._side(tuple(features(a)), "en"), lift._side(tuple(features(b)), "en")
    cells = [
        (i, j)
        for rows, cols in lift._read_blocks(sa, len(a), sb, len(b))
        for i in rows
        for j in cols
    ]
    wanted = {(i, j) for i in range(len(a)) for j in range(len(b))}
    wanted |= {(i, j) for i in sa.at for j in sb.at}
    assert len(cells) == len(set(cells)) and set(cells) == wanted
