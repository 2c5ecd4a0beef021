"""A document compared with itself gives no findings, whatever its text (issue 14)."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import compare
from compare import Document, InputError

# Mixed scripts (Hebrew, Cyrillic...) have no word lists: their one-line warnings are expected.
pytestmark = pytest.mark.filterwarnings("ignore::compare.LanguageWarning")

# Fragments that have broken self-comparison or segmentation, mixed with ordinary words.
_FRAGMENTS = [
    "China", "pledged", "support", "to", "Syria", "on", "Friday", "50th", "ten", "1,000", "6.9",
    "U.S.", "Mr.", "Gen.", "Jan.", "J. Smith", "e.g.", "No. 5", "21:01", "2021-11-06",
    "date 2021-11-06", "date: 2021-11-06", "---", "---\n", "\n---\n", "title: x", "#",
    "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]",
    ".", "!", "?", "...", "…", "!!!", "???", ",", ";", ":", "-", "—", "/", "_", "$", "%", "&",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
    "\n", "\r", "\r\n", "\t", " ", "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x85",
    "\x01", "\x1b", "\x7f",
    "😀", "👍🏽", "🇸🇾", "𝐀", "\U0001f600",
    "سوريا", "الصين", "؟", "۔", "שלום", "\u200f", "\u202e",
    "中国", "叙利亚", "。", "！", "？", "「", "」",
    "Ёж", "ß", "İ", "ǅ", "ﬁ", "e\u0301",
    "not", "never", "said", "firmly", "may", "reportedly",
]  # fmt: skip

_ALPHABET = st.characters(
    blacklist_categories=("Cs",),  # lone surrogates are refused (see test_api)
    blacklist_characters="\x00",  # NUL is refused, as in files
)

# Sentences that differ only in case, punctuation or spelling of the same number: a document of
# them must still link each sentence to its own copy, not to a near twin.
_TWINS = [
    "China said no.", "china said no!", "CHINA said “no”.", "China said, no.", "China said 5.",
    "China said five.", "Xi said China firmly supports Syria.", "Xi said China supports Syria.",
    "Xi said: “we support you.”", "Xi said “we support you”.", "It was not so.", "It was so.",
    "On Friday, 5 Nov 2021.", "On Friday 5 November 2021.", "Mr. Xi", "mr. xi", "---", "...",
]  # fmt: skip

_bodies = st.lists(st.sampled_from(_FRAGMENTS + _TWINS), min_size=0, max_size=12).map(" ".join)
# Headers parsed into meta (or not: a fence left open, a date that is no date) before a body.
_headed = st.tuples(
    st.sampled_from(
        [
            "---\ntitle: x\n---\n",
            "---\ntitle: x\ndate: 2021-11-05\n---\n",
            "---\ntitle: x\n",
            "---\n---\n",
            "date 2021-11-06 ",
            "Date: 2021-11-06\n",
            "date 2021-02-30 ",
            "---\nsource: SANA\n---\ndate 2021-11-06\n",
        ]
    ),
    _bodies,
).map("".join)

texts = st.one_of(
    st.text(_ALPHABET, min_size=1, max_size=80),
    _headed,
    st.lists(st.sampled_from(_TWINS), min_size=1, max_size=12).map(" ".join),
    st.lists(st.sampled_from(_TWINS), min_size=1, max_size=12).map("\n".join),
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=30).map(" ".join),
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=30).map("".join),
    st.lists(
        st.one_of(st.sampled_from(_FRAGMENTS), st.text(_ALPHABET, max_size=6)),
        min_size=1,
        max_size=20,
    ).map("".join),
)

DEGENERATE = {
    "zero-width spaces only": "\u200b\u200b\u200b",
    "punctuation only": "... !!! ??? ---",
    "unclosed front matter": "---\ntitle: x\nno closing fence. Text here.",
}


def check_self_comparison(doc: Document) -> None:
    """compare(doc, doc): no findings, nothing omitted or added, every sentence in a link."""
    result = compare.compare(doc, doc)
    assert () == result.findings
    assert () == result.omitted
    assert () == result.added
    n = len(doc.sentences)
    assert list(range(n)) == sorted(i for link in result.links for i in link.ref)
    assert list(range(n)) == sorted(j for link in result.links for j in link.other)
    assert {"same"} == {link.relation for link in result.links}


@pytest.mark.parametrize("text", list(DEGENERATE.values()), ids=list(DEGENERATE))
def test_degenerate_text_compared_with_itself(text: str) -> None:
    """The issue's texts (no words at all, or a fence that never closes) match themselves."""
    check_self_comparison(Document.from_text(text))


@pytest.mark.parametrize("text", list(DEGENERATE.values()), ids=list(DEGENERATE))
def test_degenerate_text_collated_with_itself(text: str) -> None:
    """Collating such a text with itself puts every sentence in a claim both copies carry."""
    doc = Document.from_text(text)
    collation = compare.collate([doc, doc])
    assert [2] * len(collation.claims) == [claim.sources for claim in collation.claims]
    assert len(doc.sentences) == len(collation.claims)


@settings(max_examples=300, deadline=None)
@given(texts)
@example("\u200b")
@example("--- ---")
@example("😀\n😀")
@example("---\n\n---")
@example("A. a. A.")
def test_any_text_compared_with_itself_has_no_findings(text: str) -> None:
    """Any text a document can be made of, compared with itself, gives no finding."""
    try:
        doc = Document.from_text(text)
    except InputError:
        return  # empty, whitespace only or header only: not a document
    check_self_comparison(doc)
