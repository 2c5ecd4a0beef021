"""compare.compare end to end: self-comparison, sentence coverage, spans, determinism, symmetry."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare.model import Document
from invariants import (
    check_closest,
    check_findings,
    check_links,
    check_partition,
    check_self_comparison,
)

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"


def test_readouts_compared_with_themselves(readouts: dict[str, Document]) -> None:
    """Each of the five readouts compared with itself links every sentence to itself as same."""
    for doc in readouts.values():
        check_self_comparison(doc)
        result = compare.compare(doc, doc)
        assert [((i,), (i,)) for i in range(len(doc.sentences))] == [
            (link.ref, link.other) for link in result.links
        ]


_WORDS = [
    "the", "president", "said", "china", "syria", "will", "support", "reconstruction", "of",
    "and", "in", "a", "talks", "foreign", "minister", "on", "friday", "it", "was", "so", "not",
    "assad", "xi", "damascus", "beijing", "50th", "ten", "65", "years",
]  # fmt: skip

sentences = st.tuples(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), st.sampled_from([".", "!", "?"])
).map(lambda t: " ".join(t[0]).capitalize() + t[1])
documents = st.lists(sentences, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_generated_document_compared_with_itself(text: str) -> None:
    """Any generated multi-sentence text compared with itself gives only same links."""
    check_self_comparison(Document.from_text(text))


@settings(max_examples=60, deadline=None)
@given(documents, documents)
def test_generated_pairs_keep_the_invariants(a: str, b: str) -> None:
    """For any two texts: partition of sentences, valid links, spans inside named sentences."""
    result = compare.compare(Document.from_text(a), Document.from_text(b))
    check_partition(result)
    check_links(result)
    check_findings(result)
    check_closest(result)


def readout_pairs() -> list[tuple[str, str]]:
    """Every ordered pair of distinct readouts, by file name."""
    names = sorted(p.name for p in READOUTS.glob("*.txt"))
    return list(itertools.permutations(names, 2))


@pytest.mark.parametrize(("ref", "other"), readout_pairs())
def test_readout_pairs_keep_the_invariants(
    readouts: dict[str, Document], ref: str, other: str
) -> None:
    """Real pairs: partition of sentences, valid links, spans inside the sentences they name."""
    result = compare.compare(readouts[ref], readouts[other])
    check_partition(result)
    check_links(result)
    check_findings(result)
    check_closest(result)
    assert {f.ref for f in result.findings if f.type == "omitted"} == {(i,) for i in result.omitted}
    assert {f.other for f in result.findings if f.type == "added"} == {(j,) for j in result.added}


@pytest.mark.parametrize(("ref", "other"), readout_pairs())
def test_swapping_sides_swaps_omitted_and_added(
    readouts: dict[str, Document], ref: str, other: str
) -> None:
    """compare(b, a) links the same pairs as compare(a, b); omitted and added trade places."""
    forward = compare.compare(readouts[ref], readouts[other])
    backward = compare.compare(readouts[other], readouts[ref])
    assert {(link.ref, link.other) for link in forward.links} == {
        (link.other, link.ref) for link in backward.links
    }
    assert forward.omitted == backward.added
    assert forward.added == backward.omitted


def test_json_is_deterministic(cgtn: Document, relay: Document) -> None:
    """Two runs, from freshly loaded files, give byte-identical JSON."""
    first = compare.compare(cgtn, relay).to_json()
    again = compare.compare(
        compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN"),
        compare.load(READOUTS / "call-syrian-readout-relay.txt", label="SANA"),
    ).to_json()
    assert first.encode() == again.encode()


def test_same_ids_are_made_distinct(cgtn: Document) -> None:
    """A document compared with itself gets a suffixed id on the other side."""
    result = compare.compare(cgtn, cgtn)
    assert (cgtn.id, f"{cgtn.id}-2") == (result.reference.id, result.other.id)


def test_options_are_recorded(cgtn: Document, relay: Document) -> None:
    """The comparison records the options it ran with; a higher threshold links no more."""
    strict = compare.Options(link_threshold=0.9)
    result = compare.compare(cgtn, relay, options=strict)
    assert attrs.evolve(strict, language="en") == result.options  # "auto" resolved to English
    assert len(result.links) <= len(compare.compare(cgtn, relay).links)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a text", "another"), {}),
        ((None, None), {}),
        (("doc", "doc"), {"options": {"link_threshold": 0.5}}),
    ],
)
def test_bad_arguments_raise_compare_error(
    cgtn: Document, args: tuple[object, object], kwargs: dict[str, object]
) -> None:
    """Strings instead of documents, or a dict instead of Options, raise CompareError."""
    ref, other = (cgtn if a == "doc" else a for a in args)
    with pytest.raises(compare.CompareError):
        compare.compare(ref, other, **kwargs)  # type: ignore[arg-type]
