"""Claim units: clause spans that partition a sentence (compare.units)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import compare
from compare.units import MAX_UNITS, unit_spans

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in unit_spans(text)]


def test_units_of_real_sentences() -> None:
    """The relay's sentence 6 holds two claims (congratulations; support against campaigns);
    the readout's sentence 12 two (cooperation; investment); a one-claim sentence is one unit."""
    relay = compare.load(READOUTS / "call-syrian-readout-relay.txt").sentences
    cgtn = compare.load(READOUTS / "call-cgtn-chinese-readout.txt").sentences
    six = _pieces(relay[6].text)
    assert len(six) == 2
    assert six[0].endswith("at the United Nations ")
    assert six[1].startswith("and stressed Syria’s support to China")
    assert _pieces(cgtn[12].text) == [
        "He added the Syrian side hopes to expand and deepen cooperation with China, ",
        "and welcomes Chinese enterprises to increase investment in Syria.",
    ]
    assert [cgtn[5].text] == _pieces(cgtn[5].text)


def test_a_quotation_is_a_unit_and_a_reporting_frame_is_not() -> None:
    """A quotation of four words or more is cut out; "said Xi, according to CGTN" holds no
    claim of its own (reporting verbs and source phrases do not count) and stays with it."""
    text = (
        "“We welcome the Syrian side’s participation in the Belt and Road Initiative and Global"
        " Development Initiative,” said Xi, according to CGTN."
    )
    assert [text] == _pieces(text)
    text = (
        "Assad also reaffirmed that Syria is “determined to liberate all its lands from"
        " terrorists,” as well as “to push the process of dialogue among political parties.”"
    )
    pieces = _pieces(text)
    assert len(pieces) == 2
    assert pieces[1].lstrip().startswith("as well as “to push")


def test_other_languages_are_one_unit() -> None:
    """Only English has cutting rules."""
    text = "习近平表示，中方愿同叙方加强合作，并欢迎叙方参与共建一带一路。"
    assert ((0, len(text)),) == unit_spans(text, "zh")
    assert unit_spans("") == ()


@given(st.text(alphabet=st.sampled_from(list('ab ,;:“”"and which ed Xi said.')), max_size=200))
def test_units_partition_every_text(text: str) -> None:
    """Every character lies in exactly one unit, in order, and there are at most MAX_UNITS."""
    spans = unit_spans(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)
    assert all(spans[k][1] == spans[k + 1][0] for k in range(len(spans) - 1))
    assert len(spans) <= MAX_UNITS
    assert spans == unit_spans(text)


@given(st.text(max_size=300))
def test_units_partition_any_text(text: str) -> None:
    """The same on arbitrary unicode text."""
    assert "".join(text[a:b] for a, b in unit_spans(text)) == text
