"""The scorer plug: any object following ``compare.similarity.Scorer``, held by ``Options``,
scores the sentences that ``compare()`` and ``collate()`` align; alignment never asks which."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse

import compare
from compare import Document, Options, OptionsError
from compare.cli import _parser
from compare.similarity import LEXICAL, Features, ScoreMatrix

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"


class Exact:
    """Scores 1 for two texts with the same normalised words, else 0, as a sparse matrix."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        *,
        idf: dict[str, float],
        options: Options,
        blocks: Sequence[int] | None = None,
    ) -> ScoreMatrix:
        """Score ``ref`` against ``other`` (blocks ignored: the caller zeroes within documents)."""
        self.calls.append((len(ref), len(other)))
        at: dict[str, list[int]] = {}
        for j, f in enumerate(other):
            at.setdefault(f.norm, []).append(j)
        pairs = [(i, j) for i, f in enumerate(ref) for j in at.get(f.norm, [])]
        rows, cols = [p[0] for p in pairs], [p[1] for p in pairs]
        shape = (len(ref), len(other))
        return scipy.sparse.coo_array((np.ones(len(pairs)), (rows, cols)), shape=shape)


def _sentences(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences]


@pytest.fixture(scope="module")
def accounts() -> tuple[Document, Document]:
    """The CGTN readout, and a copy of three of its sentences: 2 and 9 word for word, 5
    reworded lightly (one word changed: the lexical scorer links it)."""
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt")
    s = _sentences(ref)
    reworded = s[5].replace("said", "stated", 1)
    assert reworded != s[5]
    other = Document.from_text(" ".join([s[2], reworded, s[9]]), label="Copy")
    assert 3 == len(other.sentences)
    return ref, other


SCORER_ALONE = {"unit_weight": 0.0, "anchor_score": 0.0}
"""Options that leave the scorer's scores as they are (no claim-unit or anchor lift)."""


def test_custom_scorer_decides_the_links_of_compare(accounts: tuple[Document, Document]) -> None:
    """With the exact scorer only the word-for-word copies link; the lexical one also links
    the reworded sentence. The scorer also scores the 1:2 groups alignment tries."""
    ref, other = accounts
    lexical = compare.compare(ref, other)
    assert [((2,), (0,)), ((5,), (1,)), ((9,), (2,))] == [
        (link.ref, link.other) for link in lexical.links
    ]
    exact = Exact()
    result = compare.compare(ref, other, options=Options(scorer=exact, **SCORER_ALONE))
    assert [((2,), (0,)), ((9,), (2,))] == [(link.ref, link.other) for link in result.links]
    assert (1,) == result.added
    assert 5 in result.omitted
    assert [1.0, 1.0] == [link.score for link in result.links]
    assert (len(ref.sentences), 3) == exact.calls[0]
    assert exact.calls[1:] and all((1, 1) == c for c in exact.calls[1:])  # 1:2 merge tries


def test_custom_scorer_decides_the_claims_of_collate(accounts: tuple[Document, Document]) -> None:
    """collate() scores its one matrix with the options' scorer too: the reworded sentence is a
    claim of its own under the exact scorer, shared under the lexical one."""
    ref, other = accounts

    def shared(collation: compare.Collation) -> list[dict[str, tuple[int, ...]]]:
        return [dict(c.members) for c in collation.claims if c.sources == 2]

    ids = (ref.id, other.id)
    lexical = shared(compare.collate([ref, other]))
    assert [{ids[0]: (i,), ids[1]: (j,)} for i, j in ((2, 0), (5, 1), (9, 2))] == lexical
    exact = shared(compare.collate([ref, other], options=Options(scorer=Exact(), **SCORER_ALONE)))
    assert [{ids[0]: (i,), ids[1]: (j,)} for i, j in ((2, 0), (9, 2))] == exact


def test_claim_units_lift_any_scorer(accounts: tuple[Document, Document]) -> None:
    """Units are scored by the options' scorer too: a sentence that repeats one clause of
    sentence 2 word for word, beside a clause of its own, links to it even under the exact
    scorer, at unit_weight x 1.0, in compare and in collate; without units it does not."""
    ref = accounts[0]
    s3 = ref.sentences[2].text
    shared = "and safeguard the common interests of developing countries."
    assert s3.endswith(shared)
    other = Document.from_text(f"Assad spoke with Xi on Friday by telephone, {shared}", label="O")
    options = Options(scorer=Exact(), anchor_score=0.0)
    result = compare.compare(ref, other, options=options)
    assert [((2,), (0,), 0.8)] == [(link.ref, link.other, link.score) for link in result.links]
    assert "partial" == result.links[0].relation
    alone = compare.compare(ref, other, options=Options(scorer=Exact(), **SCORER_ALONE))
    assert () == alone.links
    claims = compare.collate([ref, other], options=options).claims
    assert [{ref.id: (2,), other.id: (0,)}] == [dict(c.members) for c in claims if c.sources == 2]


def test_lexical_scorer_given_explicitly_changes_nothing() -> None:
    """``Options(scorer=LEXICAL)`` is the default: the same JSON, and no scorer key in it."""
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt")
    other = compare.load(READOUTS / "call-syrian-readout-relay.txt")
    default = compare.compare(ref, other).to_json()
    assert default == compare.compare(ref, other, options=Options(scorer=LEXICAL)).to_json()
    assert "scorer" not in Options(scorer=LEXICAL).to_dict()


@pytest.mark.parametrize("value", ["token_sort_ratio", 0.5, [LEXICAL], True])
def test_scorer_must_be_callable(value: object) -> None:
    """A scorer that cannot be called is refused with a one-line OptionsError naming it."""
    with pytest.raises(OptionsError, match=r"^option scorer must be a scorer") as excinfo:
        Options(scorer=value)  # type: ignore[arg-type]
    assert "\n" not in str(excinfo.value)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (np.ones((2, 2)), r"returned a \(2, 2\) matrix for \(\d+, 3\) sentences"),
        (None, r"returned a \(\) matrix"),
        ("scores", r"returned no score matrix"),
        (np.full((15, 3), 1.5), r"score outside \[0, 1\]"),
        (np.full((15, 3), np.nan), r"score outside \[0, 1\]"),
        (scipy.sparse.csr_array(np.ones((2, 2))), r"returned a \(2, 2\) matrix for \(\d+, 3\)"),
        (scipy.sparse.csr_array(np.full((15, 3), -0.5)), r"score outside \[0, 1\]"),
    ],
    ids=["shape", "none", "string", "above-one", "nan", "sparse-shape", "sparse-below-zero"],
)
def test_wrong_scorer_results_are_refused(
    accounts: tuple[Document, Document], result: object, message: str
) -> None:
    """A scorer's result of the wrong shape, type or range raises OptionsError, not a crash."""
    ref, other = accounts

    def scorer(*args: object, **kwargs: object) -> object:
        return result

    with pytest.raises(OptionsError, match=message):
        compare.compare(ref, other, options=Options(scorer=scorer))


def test_scorer_has_no_command_line_flag() -> None:
    """Every scalar option is a flag; the scorer object is not."""
    flags = {a.dest for a in _parser()._actions}
    assert "opt_link_threshold" in flags
    assert "opt_scorer" not in flags


def test_sparse_scorer_result_stays_sparse(accounts: tuple[Document, Document]) -> None:
    """A scorer's scipy.sparse result reaches alignment sparse, its pairs row-major, duplicates
    summed (as densifying would), in a pair comparison; a collation gets it dense."""
    from compare.similarity import SparseScores, features, idf_table, run_scorer

    ref, other = accounts
    fr, fo = features(_sentences(ref)), features(_sentences(other))
    idf = idf_table(f.keys for f in fr + fo)
    scores = run_scorer(fr, fo, idf, Options(scorer=Exact()))
    assert isinstance(scores, SparseScores)
    assert ([2, 9], [0, 2], [1.0, 1.0]) == (
        scores.rows.tolist(), scores.cols.tolist(), scores.values.tolist()
    )  # fmt: skip

    def doubled(*args: object, **kwargs: object) -> object:
        half = scipy.sparse.coo_array(([0.25, 0.25], ([1, 1], [2, 2])), shape=(len(fr), 3))
        return half

    twice = run_scorer(fr, fo, idf, Options(scorer=doubled))
    assert isinstance(twice, SparseScores)
    assert 0.5 == twice.at(1, 2)
    assert 0.0 == twice.at(0, 0)
    both = fr + fo
    blocks = [0, len(fr), len(both)]
    assert isinstance(
        run_scorer(both, both, idf, Options(scorer=Exact()), blocks=blocks), np.ndarray
    )


class BatchedExact(Exact):
    """The exact scorer, also scoring alignment's 1:2 and 2:1 tries in one ``score_groups`` call."""

    def __init__(self) -> None:
        super().__init__()
        self.group_calls: list[int] = []

    def score_groups(
        self,
        ref: Sequence[Features],
        other: Sequence[Features],
        groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
        *,
        idf: dict[str, float],
        options: Options,
    ) -> list[float]:
        """1 for groups whose joined texts have the same normalised words, else 0."""
        self.group_calls.append(len(groups))
        joined = [
            (" ".join(ref[i].norm for i in ri), " ".join(other[j].norm for j in oi))
            for ri, oi in groups
        ]
        return [1.0 if a == b else 0.0 for a, b in joined]


def test_a_scorer_scores_all_group_tries_in_one_call(accounts: tuple[Document, Document]) -> None:
    """A scorer with score_groups gets every 1:2 and 2:1 try of an alignment in one call, and
    no 1 x 1 call; the links are those of the same scorer scoring each try alone."""
    ref, other = accounts
    one_by_one = compare.compare(ref, other, options=Options(scorer=Exact()))
    batched = BatchedExact()
    result = compare.compare(ref, other, options=Options(scorer=batched))
    assert (15, 3) == batched.calls[0]
    assert (1, 1) not in batched.calls  # no try scored alone
    assert 1 == len(batched.group_calls) and batched.group_calls[0] > 0
    assert one_by_one.to_json() == result.to_json()
