"""compare.findings: the link relation, detail direction, rewording, unlinked sentences, and the
classifier list that the typed detectors extend."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import compare
from compare import findings
from compare.diff import symmetric_runs
from compare.findings import (
    CLASSIFIERS,
    LinkContext,
    Side,
    classify_link,
    detail,
    relation,
    reworded,
    typed_findings,
    unlinked_findings,
)
from compare.model import FINDING_TYPES, Document
from compare.options import Options


def context(a: str, b: str, options: Options | None = None) -> LinkContext:
    """A link between the one-sentence texts ``a`` and ``b``."""
    ref, other = Document.from_text(a, label="A"), Document.from_text(b, label="B")
    ref_side, other_side = Side.of(ref, (0,)), Side.of(other, (0,))
    options = options or Options()
    rel = relation(ref_side.text, other_side.text, {}, options)
    return LinkContext(
        ref_side, other_side, symmetric_runs(ref_side.text, other_side.text), rel, options
    )


def test_public_names() -> None:
    """compare.findings keeps the names pairwise and others import."""
    for name in ("classify_link", "unlinked_findings", "LinkContext", "Side", "relation"):
        assert hasattr(findings, name), name


def test_classifiers_in_order() -> None:
    """Wording and detail first, then the typed detectors, each named after its finding type."""
    assert [
        "reworded", "detail", "number", "entity", "quote", "attribution", "hedge", "polarity",
        "intensity",
    ] == [c.__name__ for c in CLASSIFIERS]  # fmt: skip
    typed = {c.__name__ for c in CLASSIFIERS} - {"detail"}
    assert typed <= set(FINDING_TYPES)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Xi said China is ready.", "xi said, China is ready", "same"),
        ("“We welcome you,” said Xi.", '"We welcome you," said Xi.', "same"),
        ("China pledged to support Syria.", "China committed to support Syria.", "reworded"),
        (
            "China pledged to support the reconstruction of Syria.",
            "Assad praised the seat at the United Nations and thanked Beijing warmly.",
            "partial",
        ),
    ],
)
def test_relation(a: str, b: str, expected: str) -> None:
    """same (case, spacing, punctuation only), reworded, or partial (each side mostly its own)."""
    assert expected == relation(a, b, {}, Options())


def test_added_and_dropped_detail_direction() -> None:
    """A clause only the other side has is added_detail; the other way round, dropped_detail."""
    short, long = (
        "China supports Syria.",
        "China supports Syria in its fight against terrorism and foreign interference.",
    )
    added = [f for f in classify_link(context(short, long)) if f.type.endswith("_detail")]
    assert ["added_detail"] == [f.type for f in added]
    assert ["in its fight against terrorism and foreign interference"] == [
        long[s:e] for s, e in added[0].other_spans
    ]
    dropped = [f for f in classify_link(context(long, short)) if f.type.endswith("_detail")]
    assert ["dropped_detail"] == [f.type for f in dropped]
    assert added[0].other_spans == dropped[0].ref_spans


def test_reworded_lists_replacements() -> None:
    """A reworded finding quotes what was replaced by what."""
    found = classify_link(context("China pledged support.", "China committed support."))
    assert [("reworded", "“pledged” → “committed”")] == [(f.type, f.detail) for f in found]


def test_unlinked_findings() -> None:
    """Each unlinked reference sentence is omitted, each unlinked other sentence added."""
    ref = Document.from_text("One here. Two here.", label="A")
    other = Document.from_text("Three there.", label="B")
    found = unlinked_findings(ref, other, [1], [0])
    assert [("omitted", (1,), ()), ("added", (), (0,))] == [(f.type, f.ref, f.other) for f in found]
    assert [((10, 19),), ((0, 12),)] == [f.ref_spans or f.other_spans for f in found]


def test_readouts_compared_with_themselves_have_no_findings(
    readouts: dict[str, Document],
) -> None:
    """Each readout against itself: no finding of any type (the typed ones included)."""
    for doc in readouts.values():
        assert () == compare.compare(doc, doc).findings


def test_link_flags_name_every_finding_type(readouts: dict[str, Document]) -> None:
    """A link's flags are the sorted types of the findings on it, the typed ones included."""
    result = compare.compare(
        readouts["call-newsweek-report.txt"], readouts["call-reworded-report.txt"]
    )
    for link in result.links:
        on_link = {f.type for f in result.findings if f.ref == link.ref and f.other == link.other}
        assert tuple(sorted(on_link)) == link.flags
    assert {"quote", "attribution"} <= {t for link in result.links for t in link.flags}


_WORDS = [
    "Xi", "said", "China", "is", "ready", "to", "support", "Syria", "not", "firmly", "50",
    "fifty", "reportedly", "Assad", "“we", "welcome", "you”", "according", "CGTN", "2023",
]  # fmt: skip
_MARKS = ["", "", ",", ".", ";", "!", "'", '"', "“", "”"]


@st.composite
def _same_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two texts of the same words, each word's case, marks and spacing drawn for each side."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))

    def written() -> str:
        out = []
        for w in words:
            w = w.upper() if draw(st.booleans()) else w
            out.append(w + draw(st.sampled_from(_MARKS)) + draw(st.sampled_from([" ", "  "])))
        return "".join(out).strip()

    a = written()
    return a, (a if draw(st.booleans()) else written())


@settings(max_examples=150, deadline=None)
@given(_same_pairs(), st.integers(min_value=1, max_value=3))
def test_same_link_shortcut_equals_every_classifier(pair: tuple[str, str], need: int) -> None:
    """classify_link gives a ``same`` link to ``detail`` only: what running every classifier on
    it gives (``reworded`` and each typed one report nothing on such a link)."""
    a, b = pair
    options = Options(detail_min_words=need)
    ctx = context(a, b, options)
    assume(ctx.relation == "same")
    general = context(a, b, options)
    assert (*reworded(general), *detail(general), *typed_findings(general)) == classify_link(ctx)
