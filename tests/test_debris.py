"""Page debris and datelines: set aside by documented rules, never compared, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

import compare
from compare.debris import find_debris
from compare.segment import sentence_spans
from invariants import check_document

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"

PAGE = (
    "Fire hits fertiliser plant\n"
    "By Jane Doe and Li Wei\n"
    "Updated 21:01, 05-Nov-2021\n"
    "Photo: Getty Images\n"
    "PALM BEACH, Fla. — Three workers were hurt shortly after 11 p.m. Police said the fire was out "
    "by dawn.\n"
    "Share this\n"
    "The plant will reopen next week, the owner said.\n"
    "Search Trends\n"
)


def test_a_page_keeps_its_claims_and_sets_the_debris_aside() -> None:
    doc = compare.Document.from_text(PAGE)
    check_document(doc)
    assert [s.text for s in doc.sentences] == [
        "Fire hits fertiliser plant",
        "Three workers were hurt shortly after 11 p.m.",
        "Police said the fire was out by dawn.",
        "The plant will reopen next week, the owner said.",
    ]
    assert [(d.kind, d.text) for d in doc.debris] == [
        ("byline", "By Jane Doe and Li Wei"),
        ("updated", "Updated 21:01, 05-Nov-2021"),
        ("credit", "Photo: Getty Images"),
        ("dateline", "PALM BEACH, Fla. —"),
        ("page", "Share this"),
        ("page", "Search Trends"),
    ]
    assert dict(doc.meta) == {
        "author": "Jane Doe and Li Wei",
        "date": "2021-11-05",
        "dateline": "PALM BEACH, Fla.",
        "updated": "21:01, 05-Nov-2021",
    }


def test_front_matter_wins_over_page_metadata() -> None:
    doc = compare.Document.from_text("---\ndate: 2021-11-06\n---\nUpdated 05-Nov-2021\nXi spoke.")
    assert doc.meta["date"] == "2021-11-06"
    assert doc.meta["updated"] == "05-Nov-2021"


@pytest.mark.parametrize(
    "line",
    [
        "By Friday, the talks had ended.",
        "Updated the rules last year.",
        "Share this with your partners, he told the ministers.",
        "BEIJING and Damascus agreed to work together.",
        "Photographs show the damage.",
        "US - China talks resume.",
    ],
)
def test_sentences_that_resemble_debris_stay_sentences(line: str) -> None:
    doc = compare.Document.from_text(f"Headline here\n{line}\nAnother sentence.")
    assert line in [s.text for s in doc.sentences]
    assert doc.debris == ()


def test_a_text_of_debris_only_is_left_as_it_is() -> None:
    text = "Share this\nSearch Trends"
    spans, debris, meta = find_debris(text, sentence_spans(text))
    assert spans == [(0, 10), (11, 24)]
    assert debris == ()
    assert meta == {}


def test_cgtn_readout_debris_is_no_omission_and_no_unique_claim() -> None:
    cgtn = compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN")
    relay = compare.load(READOUTS / "call-syrian-readout-relay.txt", label="Syrian relay")
    check_document(cgtn)
    assert [d.text for d in cgtn.debris] == ["Updated 21:01, 05-Nov-2021", "Search Trends"]
    assert cgtn.meta["date"] == "2021-11-05"
    result = compare.compare(cgtn, relay)
    omitted = [cgtn.sentences[i].text for i in result.omitted]
    assert not any("Search Trends" in s or s.startswith("Updated") for s in omitted)
    collation = compare.collate([cgtn, relay])
    texts = [claim.text for claim in collation.claims]
    assert not any("Search Trends" in t or t.startswith("Updated") for t in texts)
    debris = result.to_dict()["reference"]["debris"]  # type: ignore[index]
    assert debris[1] == {"kind": "page", "text": "Search Trends", "start": 2906, "end": 2919}
