"""compare.collate: every sentence in one claim; splits, coverage, errors, order independence."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare import Collation, CompareError, Document, Options, collation
from compare.model import Coverage
from invariants import check_collation

ClaimSet = frozenset[frozenset[tuple[str, tuple[int, ...]]]]


def claim_set(c: Collation) -> ClaimSet:
    """The claims as sets of (document id, sentence indices): what must not depend on order."""
    return frozenset(frozenset(claim.members.items()) for claim in c.claims)


def doc(id: str, *sentences: str) -> Document:
    """A document of one sentence per line."""
    return Document.from_text("\n".join(sentences), id=id, label=id.upper())


A = doc(
    "a",
    "President Xi Jinping spoke with President Bashar al-Assad by phone on Friday.",
    "Xi said China firmly supports Syria in safeguarding its national sovereignty.",
    "The two leaders agreed to expand trade and investment between their countries.",
    "Assad thanked China for sending vaccines against the pandemic.",
)
B = doc(
    "b",
    "Assad and Xi held a telephone call on Friday, the presidency said.",
    "Xi said China strongly supports Syria in safeguarding its national sovereignty.",
    "Assad thanked China for sending vaccines against the pandemic.",
    "Western sanctions continue to weigh on the Syrian economy.",
)
C = doc(
    "c",
    "Xi said China firmly supports Syria in safeguarding its national sovereignty.",
    "The two leaders agreed to expand trade.",
    "They also agreed to expand investment between their countries.",
    "Analysts in Beijing expect more contracts next year.",
)


@pytest.fixture(scope="module")
def abc() -> Collation:
    """Three small accounts of one call."""
    return compare.collate([A, B, C])


def members_of(c: Collation, doc_id: str, index: int) -> dict[str, tuple[int, ...]]:
    """The members of the claim holding one sentence."""
    [claim] = [x for x in c.claims if index in x.members.get(doc_id, ())]
    return dict(claim.members)


def test_invariants_hold(abc: Collation) -> None:
    """The small collation satisfies every invariant."""
    check_collation(abc)


def test_a_statement_all_three_report_is_one_claim(abc: Collation) -> None:
    """'Xi said China firmly supports Syria...' is one claim carried by all three sources."""
    assert {"a": (1,), "b": (1,), "c": (0,)} == members_of(abc, "a", 1)


def test_a_split_statement_is_one_claim_with_two_sentences(abc: Collation) -> None:
    """C splits A's 'expand trade and investment' sentence in two: one claim, C's two adjacent."""
    assert {"a": (2,), "c": (1, 2)} == members_of(abc, "a", 2)


def test_content_of_one_source_is_unique_to_it(abc: Collation) -> None:
    """The sanctions sentence is only in B: a claim of one source, listed as unique to B."""
    members = members_of(abc, "b", 3)
    assert {"b": (3,)} == members
    [claim] = [x for x in abc.claims if x.members == members]
    assert claim.id in abc.coverage["b"].unique
    assert claim.id not in abc.ranking


def test_missing_is_what_the_others_carry(abc: Collation) -> None:
    """C lacks the vaccines sentence that both A and B carry: it is C's omission."""
    members = members_of(abc, "a", 3)
    assert {"a": (3,), "b": (2,)} == members
    [claim] = [x for x in abc.claims if x.members == members]
    assert (claim.id,) == abc.coverage["c"].missing
    assert claim.sources == 2
    assert "vaccines" in claim.text


def test_ranking_puts_the_most_widely_reported_first(abc: Collation) -> None:
    """The claim all three carry is ranked first."""
    assert 3 == abc.claim(abc.ranking[0]).sources


def test_variant_shows_how_a_member_words_it(abc: Collation) -> None:
    """B's 'strongly' for 'firmly' is in its link from the representative, as one intensity
    finding (not also reworded: one change, one finding)."""
    [claim] = [x for x in abc.claims if x.sources == 3]
    assert "a" == claim.representative  # a and c word it alike; "a" comes first on the tie
    link = claim.variants["b"]
    assert ["strongly "] == [d.text for d in link.diff if d.op == "insert"]
    assert ["firmly "] == [d.text for d in link.diff if d.op == "delete"]
    assert "same" == claim.variants["c"].relation
    assert () == claim.findings["c"]
    assert ["intensity"] == [f.type for f in claim.findings["b"]]


def test_pairs_are_the_pairwise_comparisons_against_the_first(abc: Collation) -> None:
    """pairs[k] is compare(docs[0], docs[k + 1]), as the two-source view shows it."""
    assert [compare.compare(A, B), compare.compare(A, C)] == list(abc.pairs)


def test_the_same_account_three_times_is_all_same() -> None:
    """Three copies of one account: every claim has all three, worded the same, no findings."""
    copies = [attrs_evolve_id(A, x) for x in ("x", "y", "z")]
    c = compare.collate(copies)
    check_collation(c)
    assert len(A.sentences) == len(c.claims)
    for claim in c.claims:
        assert ("x", "y", "z") == tuple(claim.members)
        assert {"same"} == {link.relation for link in claim.variants.values()}
        assert [] == [f for fs in claim.findings.values() for f in fs]
        assert "x" == claim.representative


def attrs_evolve_id(d: Document, new_id: str) -> Document:
    """The same document under another id."""
    import attrs

    return attrs.evolve(d, id=new_id)


def test_two_documents_are_a_collation_too() -> None:
    """collate() accepts two documents (the CLI uses it from three)."""
    c = compare.collate([A, B])
    check_collation(c)
    assert 1 == len(c.pairs)


@pytest.mark.parametrize(
    ("docs", "message"),
    [
        pytest.param([], "at least two", id="none"),
        pytest.param([A], "at least two", id="one"),
        pytest.param([A, "text"], "compare.Document", id="not-a-document"),
        pytest.param(A, "list of compare.Document", id="a-document-not-a-list"),
        pytest.param("ab", "list of compare.Document", id="a-string"),
    ],
)
def test_bad_input_raises_compare_error(docs: object, message: str) -> None:
    """What is not a list of two or more documents raises CompareError with a one-line message."""
    with pytest.raises(CompareError, match=message) as excinfo:
        compare.collate(docs)  # type: ignore[arg-type]
    assert "\n" not in str(excinfo.value)


def test_bad_options_raise_compare_error() -> None:
    """options must be an Options object."""
    with pytest.raises(CompareError, match=r"compare\.Options"):
        compare.collate([A, B], options={"link_threshold": 0.5})  # type: ignore[arg-type]


def test_options_reach_the_collation() -> None:
    """link_threshold 1: only identical sentences link; the options are kept."""
    options = Options(link_threshold=1.0)
    c = compare.collate([A, B, C], options=options)
    check_collation(c)
    assert attrs.evolve(options, language="en") == c.options  # "auto" resolved to English
    for claim in c.claims:
        assert {"same"} >= {link.relation for link in claim.variants.values()}
    assert 2 == len(c.ranking)  # "firmly supports" (A, C) and "thanked China" (A, B)


def test_a_document_without_sentences_carries_nothing() -> None:
    """An empty document (built directly) takes part: no claims, all the others' shared missing."""
    empty = Document(id="e", label="E", text="", sentences=())
    c = compare.collate([A, B, empty])
    check_collation(c)
    assert () == c.coverage["e"].claims


def test_duplicate_ids_are_numbered_by_content_not_position() -> None:
    """Two documents sharing an id get -2 by content order, whatever order they come in."""
    first = Document.from_text("Xi spoke with Assad.", id="wire", label="Wire")
    second = Document.from_text("Assad spoke with Xi on Friday.", id="wire", label="Wire")
    one = compare.collate([first, second, C])
    two = compare.collate([C, second, first])
    # "Assad spoke..." sorts before "Xi spoke...": it keeps the id, wherever it stands
    assert ["wire-2", "wire"] == [d.id for d in one.documents[:2]]
    assert ["wire", "wire-2"] == [d.id for d in two.documents[1:]]
    assert claim_set(one) == claim_set(two)


def test_a_group_never_takes_more_than_max_split_sentences_of_one_document() -> None:
    """Five near-identical sentences in one document cannot all join one claim."""
    many = doc("m", *["Xi said China firmly supports Syria in safeguarding its sovereignty."] * 5)
    c = compare.collate([many, A, C])
    check_collation(c)


def test_documents_keep_input_order_and_claims_do_not(abc: Collation) -> None:
    """documents follow the input; claim ids, texts and representatives do not move."""
    again = compare.collate([C, A, B])
    assert ["c", "a", "b"] == [d.id for d in again.documents]
    assert [(x.id, x.text, x.representative) for x in abc.claims] == [
        (x.id, x.text, x.representative) for x in again.claims
    ]
    assert abc.ranking == again.ranking


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_every_order_of_the_small_accounts_gives_the_same_claims(
    abc: Collation, order: tuple[int, ...]
) -> None:
    """All six orders of A, B, C give the same claims."""
    docs = [A, B, C]
    assert claim_set(abc) == claim_set(compare.collate([docs[k] for k in order]))


# --- Hypothesis: any documents, any order --------------------------------------------------------

POOL = [
    "Xi Jinping spoke with Bashar al-Assad by phone on Friday.",
    "China firmly supports Syria in safeguarding its national sovereignty.",
    "China strongly supports Syria in defending its sovereignty.",
    "The two leaders agreed to expand trade and investment.",
    "They agreed to expand trade.",
    "They agreed to expand investment.",
    "Assad thanked China for vaccines against the pandemic.",
    "Western sanctions weigh on the Syrian economy.",
    "Analysts expect more contracts next year.",
    "The call lasted forty minutes.",
    "The call lasted 40 minutes, officials said.",
    "Beijing welcomed Syria's participation in the Belt and Road Initiative.",
]


@st.composite
def accounts(draw: st.DrawFn) -> list[Document]:
    """Three to five accounts drawn from a pool of related sentences, some repeated or reordered."""
    n = draw(st.integers(3, 5))
    docs = []
    for k in range(n):
        sentences = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=7))
        docs.append(doc(f"d{k}", *sentences))
    return docs


@settings(max_examples=40, deadline=None)
@given(data=st.data(), docs=accounts())
def test_claims_do_not_depend_on_the_order_of_the_documents(
    data: st.DataObject, docs: list[Document]
) -> None:
    """Permuting the inputs gives the same claims: same sets of (document, sentences)."""
    base = compare.collate(docs)
    check_collation(base)
    shuffled = data.draw(st.permutations(docs))
    again = compare.collate(shuffled)
    assert claim_set(base) == claim_set(again)
    # stronger than the issue asks: ids, wording and representatives are canonical too
    assert [(x.id, x.text, x.representative) for x in base.claims] == [
        (x.id, x.text, x.representative) for x in again.claims
    ]


@settings(max_examples=25, deadline=None)
@given(docs=accounts())
def test_collation_is_deterministic(docs: list[Document]) -> None:
    """The same inputs give byte-identical JSON."""
    assert compare.collate(docs).to_json() == compare.collate(docs).to_json()


@pytest.mark.parametrize("scorer", ["token_sort_ratio", "ratio", "token_set_ratio"])
def test_the_fast_scores_are_the_similarity_scores(scorer: str) -> None:
    """Collation's matrix and group scores equal compare.similarity's, to the last bit."""
    from compare.similarity import pair_score, score_matrix

    readouts = Path(__file__).resolve().parent.parent / "examples" / "readouts"
    docs = [compare.load(p) for p in sorted(readouts.glob("call-*.txt"))]
    options = Options(fuzzy_scorer=scorer, unit_weight=0.0, anchor_score=0.0)  # the scorer alone
    scores = collation._score(docs, options)
    feats, idf = scores.feats, scores.idf
    expected = score_matrix(feats, feats, options, idf=idf)
    for d in range(len(docs)):
        lo, hi = scores.offsets[d], scores.offsets[d + 1]
        expected[lo:hi, lo:hi] = 0.0
    # Pairs that cannot reach the threshold carry only their overlap part in the collation (the
    # large-input path of score_matrix); the others agree up to the order of one multiplication.
    reachable = scores.matrix >= options.link_threshold
    assert np.allclose(expected[reachable], scores.matrix[reachable], rtol=0, atol=1e-12)
    assert (expected >= options.link_threshold).sum() == reachable.sum()
    assert (scores.matrix == scores.matrix.T).all()
    joined = [scores.joined(0, (i, i + 1)) for i in range(len(docs[0].sentences) - 1)]
    for a in joined + feats[:20]:
        for b in feats:
            assert pair_score(a, b, idf, options) == scores.score(a, b)


def test_the_representative_is_the_member_with_the_highest_summed_best_scores() -> None:
    """Each group's representative, read off the claim's block of the matrix at once, is the
    member whose best scores against the others sum highest (rounded), then the longest, then
    the first id, computed here member pair by member pair."""
    readouts = Path(__file__).resolve().parent.parent / "examples" / "readouts"
    docs = sorted((compare.load(p) for p in sorted(readouts.glob("*.txt"))), key=lambda d: d.id)
    scores = collation._score(docs, Options())
    several = 0
    for group in collation._group(scores):
        by_doc: dict[int, tuple[int, ...]] = {}
        for d, i in sorted(group):
            by_doc[d] = (*by_doc.get(d, ()), i)
        rows = {d: [scores.offsets[d] + i for i in idx] for d, idx in by_doc.items()}

        def key(d: int, rows: dict[int, list[int]] = rows, by_doc: dict = by_doc) -> tuple:
            best = [float(scores.matrix[np.ix_(rows[d], rows[e])].max()) for e in by_doc if e != d]
            length = sum(len(docs[d].sentences[i].text) for i in by_doc[d])
            return (-round(sum(best), 9), -length, d)

        several += len(by_doc) > 2
        assert collation._representative(scores, by_doc) == min(by_doc, key=key)
    assert several > 5


@settings(max_examples=100, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.sets(st.integers(0, n - 1), min_size=1), max_size=12)
        )
    )
)
def test_coverage_is_the_per_document_reading(case: tuple[int, list[set[int]]]) -> None:
    """_coverage's one pass over the claims files each claim as reading them per document does."""
    n, member_sets = case
    documents = [Document.from_text("A sentence.", id=f"d{k}") for k in range(n)]
    claims = [
        compare.Claim(
            id=f"c{k + 1}",
            members={f"d{d}": (0,) for d in sorted(m)},
            representative=f"d{min(m)}",
            text="A sentence.",
        )
        for k, m in enumerate(member_sets)
    ]
    others = n - 1
    expected = {
        d.id: Coverage(
            claims=tuple(c.id for c in claims if d.id in c.members),
            unique=tuple(c.id for c in claims if c.sources == 1 and d.id in c.members),
            missing=tuple(c.id for c in claims if d.id not in c.members and 2 * c.sources > others),
        )
        for d in documents
    }
    actual = collation._coverage(documents, claims)
    assert list(expected.items()) == list(actual.items())
