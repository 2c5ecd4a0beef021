"""Provenance of reused passages (issue 13): the likely direction from attribution, dates and
rewording, on the bundled readouts and on small invented corpora."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import attrs
import pytest

from compare.corpus import Article, Passage, group, read_articles
from conftest import READOUTS

OUTLETS = {
    "call-cgtn-chinese-readout": "CGTN",
    "call-syrian-readout-relay": "Syria Relay",
    "call-newsweek-report": "Newsweek",
    "call-reworded-report": "Reworded Daily",
    "july-wang-yi-meeting": "Xinhua",
}


@pytest.fixture(scope="module")
def readouts() -> tuple[Passage, ...]:
    """The readouts' passages, the articles named by their outlets (dates as the files give:
    CGTN 5 November, the relay and the reworded report 6 November, Newsweek undated)."""
    arts = [attrs.evolve(a, outlet=OUTLETS[a.id]) for a in read_articles(READOUTS)]
    return group(arts).reuse


def test_relay_belt_and_road_quote_comes_from_cgtn(readouts: tuple[Passage, ...]) -> None:
    (quote,) = [p for p in readouts if "Belt and Road Initiative" in p.text]
    assert ("call-cgtn-chinese-readout", "call-syrian-readout-relay") == (quote.a, quote.b)
    assert quote.same_event
    assert "a_to_b" == quote.direction
    assert "attribution: call-syrian-readout-relay says 'according to CGTN'" in quote.evidence
    assert any(
        e.startswith("date: call-cgtn-chinese-readout (2021-11-05) before") for e in quote.evidence
    )


def test_reworded_report_derives_from_newsweek(readouts: tuple[Passage, ...]) -> None:
    pair = [p for p in readouts if {p.a, p.b} == {"call-newsweek-report", "call-reworded-report"}]
    assert len(pair) >= 3  # short verbatim runs left among reworded sentences
    source = "a_to_b" if pair[0].a == "call-newsweek-report" else "b_to_a"
    assert {source} == {p.direction for p in pair}
    for p in pair:
        (why,) = [e for e in p.evidence if e.startswith("rewording:")]
        assert why.endswith("call-reworded-report is a condensed or reworded copy")


def test_without_evidence_the_direction_is_unknown(readouts: tuple[Passage, ...]) -> None:
    """CGTN and the undated Newsweek report share quotes, but neither names the other."""
    pair = [
        p for p in readouts if {p.a, p.b} == {"call-cgtn-chinese-readout", "call-newsweek-report"}
    ]
    assert pair
    assert {"unknown"} == {p.direction for p in pair}


QUOTE = (
    "The harbour authority said the new container terminal would handle two million "
    "containers a year once the second crane line opens in the spring."
)


def _corpus(first: Article, second: Article) -> Passage:
    (passage,) = group([first, second]).reuse
    assert (first.id, second.id) == (passage.a, passage.b)
    return passage


def test_earlier_date_is_the_source_either_way_round() -> None:
    early = Article(
        id="gazette", text=f"Port news. {QUOTE} Dock workers welcomed it.", date="2026-05-01"
    )
    late = Article(
        id="courier", text=f"Shipping roundup: {QUOTE} Fishermen were less sure.", date="2026-05-03"
    )
    assert "a_to_b" == _corpus(early, late).direction
    assert "b_to_a" == _corpus(attrs.evolve(early, id="a-late", date="2026-05-04"), late).direction


def test_attribution_names_the_other_outlet_and_outweighs_the_date() -> None:
    source = Article(
        id="harbour-times", text=f"{QUOTE} More follows.", outlet="Harbour Times", date="2026-05-03"
    )
    taker = Article(
        id="coast-post", outlet="Coast Post", date="2026-05-02",
        text=f"Freight rates fell again. {QUOTE}, the Harbour Times reported. Rates may recover.",
    )  # fmt: skip
    passage = _corpus(taker, source)
    assert "b_to_a" == passage.direction
    assert "attribution: coast-post says 'Harbour Times reported'" in passage.evidence
    assert any(e.startswith("date: coast-post (2026-05-02) before") for e in passage.evidence)
    # the taker names another outlet than the source's: no evidence, no direction
    other = attrs.evolve(source, outlet="Harbour Gazette")
    undated = [attrs.evolve(a, date=None) for a in (taker, other)]
    assert "unknown" == _corpus(*undated).direction
