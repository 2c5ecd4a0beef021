"""Claim units: clause spans that partition a sentence (compare.units)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import compare
from compare.units import MAX_UNITS, unit_spans

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"


def _pieces(text: str) -> list[str]:
    return _pieces_in(text, "en")


def _pieces_in(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b in unit_spans(text, language)]


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


def test_chinese_units() -> None:
    """Chinese is cut before ``，并`` and before a party as subject (``，双方``); a speaker
    and reporting verb ("习近平表示，", "一位出租车司机说：") is no claim and stays with what
    was said."""
    text = "习近平表示，中方愿同叙方加强合作，并欢迎叙方参与共建一带一路。"
    assert _pieces_in(text, "zh") == [
        "习近平表示，中方愿同叙方加强合作，",
        "并欢迎叙方参与共建一带一路。",
    ]
    text = "习近平指出，中叙传统友谊深厚，双方要继续在涉及彼此核心利益的问题上相互支持。"
    assert _pieces_in(text, "zh") == [
        "习近平指出，中叙传统友谊深厚，",
        "双方要继续在涉及彼此核心利益的问题上相互支持。",
    ]
    text = "一位出租车司机说：“以前过江需要一个小时，现在只要十分钟。”"
    assert _pieces_in(text, "zh") == [text]
    text = "据介绍，大桥每天可通行车辆五万辆，王明也表示，大桥将带动沿岸经济发展。"
    assert _pieces_in(text, "zh") == [
        "据介绍，大桥每天可通行车辆五万辆，",
        "王明也表示，大桥将带动沿岸经济发展。",
    ]
    # a list (、) and a clause without a connective stay whole
    text = "大桥全长三千二百米，总投资约四十亿元。"
    assert _pieces_in(text, "zh") == [text]


def test_arabic_units() -> None:
    """Arabic is cut before an adverbial participle (``، معربا``, ``، ومؤكداً``: "expressing",
    "and stressing"); a short list item (``، والسفير الروسي``) is no claim of its own."""
    text = (
        "وأكد الرئيس الأسد خلال الاتصال على عمق العلاقات بين البلدين، معربا عن تطلع سوريا إلى"
        " تعزيز التعاون مع الصين في مختلف المجالات، ومؤكداً دعم سوريا للصين في قضايا شينجيانغ"
        " وتايوان."
    )
    pieces = _pieces_in(text, "ar")
    assert len(pieces) == 3
    assert pieces[1].startswith("معربا عن تطلع")
    assert pieces[2].startswith("ومؤكداً دعم سوريا")
    text = "وحضر حفل الافتتاح سفير الصين في دمشق، والسفير الروسي."
    assert _pieces_in(text, "ar") == [text]
    text = "وقال حداد إن الجسر سيختصر زمن العبور بين ضفتي النهر إلى عشر دقائق."
    assert _pieces_in(text, "ar") == [text]


def test_languages_without_rules_are_one_unit() -> None:
    """A language without cutting rules gives the whole sentence."""
    text = "The minister opened the new bridge on Friday, and workers finished the second road."
    assert ((0, len(text)),) == unit_spans(text, "xx")
    assert len(unit_spans(text, "en")) == 2
    assert unit_spans("") == ()


_ZH_PARTIAL = (
    "青州长江大桥于十一月五日正式通车。"
    "市长王明在通车仪式上表示，大桥将大大缩短两岸居民的出行时间，并将带动沿岸地区的经济发展。"
    "工程共有五百名工人参与建设。",
    "青州长江大桥五日通车。"
    "工程历时三年，五百名工人参与建设。"
    "市政府认为，新桥通车后将带动沿岸地区的经济发展。"
    "也有居民担心大桥会带来噪音。",
)
_AR_PARTIAL = (
    "افتتح وزير النقل سامي حداد يوم الجمعة جسرا جديدا فوق نهر العاصي في مدينة حماة. "
    "وقال حداد إن الجسر سيختصر زمن العبور بين ضفتي النهر إلى عشر دقائق، مشيرا إلى أن المشروع"
    " سيعزز الحركة التجارية في المحافظة. "
    "وشارك في بناء الجسر 500 عامل.",
    "افتتح وزير النقل جسرا جديدا في حماة يوم الجمعة. "
    "ويتوقع مسؤولون أن يعزز المشروع الحركة التجارية في المحافظة. "
    "وعبر سكان عن قلقهم من الضجيج.",
)


@pytest.mark.parametrize(("texts", "pair"), [(_ZH_PARTIAL, (1, 2)), (_AR_PARTIAL, (1, 1))])
def test_units_find_partial_links_in_chinese_and_arabic(
    texts: tuple[str, str], pair: tuple[int, int]
) -> None:
    """Invented accounts: A's sentence carries two claims, B states the second in its own
    sentence with other words around it. Units link them as ``partial`` (the language detected
    from the script); without the unit lift the whole-sentence score leaves both unlinked."""
    ref = compare.Document.from_text(texts[0], label="A")
    other = compare.Document.from_text(texts[1], label="B")
    found = {(link.ref, link.other): link.relation for link in compare.compare(ref, other).links}
    assert found.get(((pair[0],), (pair[1],))) == "partial"
    without = compare.compare(ref, other, options=compare.Options(unit_weight=0.0)).links
    assert ((pair[0],), (pair[1],)) not in {(link.ref, link.other) for link in without}


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


@given(
    st.text(
        alphabet=st.sampled_from(list("中方表示，并双方说：“”；、。王明强调合作")), max_size=120
    ),
    st.sampled_from(["zh", "ar"]),
)
def test_chinese_and_arabic_units_partition_every_text(text: str, language: str) -> None:
    """Every character lies in exactly one unit for the Chinese and Arabic rules too."""
    spans = unit_spans(text, language)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)
    assert len(spans) <= MAX_UNITS


@given(st.text(alphabet=st.sampled_from(list("وقال،مؤكداً كما التي؛:«» حدادالجسر.")), max_size=160))
def test_arabic_units_partition_every_text(text: str) -> None:
    """The same with an Arabic alphabet."""
    spans = unit_spans(text, "ar")
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)
    assert len(spans) <= MAX_UNITS


@given(st.text(alphabet=st.sampled_from(list('aAnNdDsSſwWeElL ,;:."ıİK')), max_size=80))
def test_sentences_skipping_the_cut_regex_have_no_cut_it_finds(text: str) -> None:
    """A sentence without ``;``, ``:``, ``,``, "and" or "as well as" in any case skips the cut
    regex: it never matches such a sentence (long s and dotless i included)."""
    from compare import units

    if not units._may_cut(text):
        assert units._CUTS.search(text) is None
    assert units._may_cut("Xi said so, and left.") and not units._may_cut("Xi said so.")


_PLAIN_CUTS = r"""
      (?<=[;:])\s+(?=\S)
    | ,\s+(?=(?:and|but|while|whereas|which|who|whom|where|although|though|because|
              yet|including|as\ well\ as)\b)
    | \s+(?=as\ well\ as\b)
    | \s+(?=and\s+[^\W\d_]+ed\b)
"""
"""The cut regex in its plain form, each alternative reading its own first character."""

_CUT_PIECES = [
    " ", "  ", "\n", "\t", "\u00a0", ",", ";", ":", ".", "and", "AND", "And", "as", "well",
    "As Well as", "but", "which", "Who", "whom", "where", "although", "yet", "including",
    "added", "stressed", "Led", "ed", "said", "X", "7", "_ed", "ſ", "ı", "K", "\u212a", "é",
]  # fmt: skip


@given(st.lists(st.sampled_from(_CUT_PIECES), max_size=40).map("".join))
def test_cut_regex_matches_its_plain_form(text: str) -> None:
    """The cut regex, which opens with its cuts' first character so the engine can skip to it,
    finds the same matches as the plain form of the pattern (long s, dotless i, Kelvin sign,
    non-breaking space included)."""
    import re

    from compare import units

    plain = re.compile(_PLAIN_CUTS, re.VERBOSE | re.IGNORECASE)
    assert [m.span() for m in plain.finditer(text)] == [
        m.span() for m in units._CUTS.finditer(text)
    ]
