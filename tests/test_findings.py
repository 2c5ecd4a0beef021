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


def test_a_finding_span_never_covers_debris_set_between_two_linked_sentences(
    readouts: dict[str, Document],
) -> None:
    """A 1:2 link whose change crosses the join of its two sentences, where the document holds
    a headline and an ``Updated`` line between them (the loader sets those apart as debris):
    the finding's spans are cut at that text, never cover it (found by tests/test_fuzz.py: the
    CGTN readout's opening lines spliced into the middle of "facilitate")."""
    ref = readouts["call-cgtn-chinese-readout.txt"]
    head, _, body = ref.text.partition("\n\n")
    cut = body.index("facilitate") + 1
    other_text = "\n" + body[:cut] + head + "\n" + body[cut:]
    other = Document.from_text(other_text, label="b", id="b")
    result = compare.compare(ref, other)
    crossing = [f for f in result.findings if len(f.other) == 2]
    assert crossing, "the spliced sentence is linked to the two pieces it was cut into"
    for finding in crossing:
        named = [other.sentences[i] for i in finding.other]
        for start, end in finding.other_spans:
            outside = [
                k
                for k in range(start, end)
                if not other.text[k].isspace() and not any(s.start <= k < s.end for s in named)
            ]
            assert outside == [], (finding, other.text[start:end])
        # the cut keeps every sentence character the change covered
        covered = {k for start, end in finding.other_spans for k in range(start, end)}
        assert covered & set(range(named[0].start, named[0].end))
        assert covered & set(range(named[1].start, named[1].end))


def test_a_span_within_one_sentence_or_across_whitespace_is_one_document_span(
    readouts: dict[str, Document],
) -> None:
    """Where only whitespace lies between two joined sentences, ``doc_spans`` is ``doc_span``'s
    one span, whatever the span of the joined text."""
    doc = readouts["call-syrian-readout-relay.txt"]
    side = findings.Side.of(doc, (2, 3))
    n = len(side.text)
    for start in range(0, n, 7):
        for end in range(start, n + 1, 5):
            assert side.doc_spans(start, end) == (side.doc_span(start, end),)
