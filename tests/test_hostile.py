"""Small hostile inputs that crashed or stalled the pipeline (issue 14), each by its bug.

No timings are asserted: the stalls below took 9-28 s with the old code and take well under a
second now, which a test run shows by itself.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import pytest

import compare
import compare.diff as diff
from compare import Document
from compare.classify.speech import _context
from compare.diff import CODE_CAPACITY, code_point, diff_runs, word_diff
from compare.lexicon import lexicon
from compare.quantities import quantities

# Wild and mutated text has no language: its one-line language warnings are expected here.
pytestmark = pytest.mark.filterwarnings("ignore::compare.LanguageWarning")


def findings(a: str, b: str) -> list[tuple[str, str]]:
    """(type, detail) of each finding of compare(a, b)."""
    result = compare.compare(Document.from_text(a), Document.from_text(b))
    return [(f.type, f.detail) for f in result.findings]


# --- a number of more than 4,300 digits ------------------------------------------------------


def test_number_of_5000_digits_in_an_edited_sentence() -> None:
    """int() of 4,300+ digits raised ValueError in quantities.day_or_year; the weekday change
    of the issue's sentence is reported instead (as a number: a weekday is no name)."""
    a = "China pledged " + "9" * 5000 + " dollars to Syria on Friday."
    found = findings(a, a.replace("Friday", "Saturday"))
    assert [("number", "Friday → Saturday")] == found


@pytest.mark.parametrize(
    "digits", ["9" * 5000, "1" * 4301, "2021" + "0" * 5000, "0" * 5000 + "123"]
)
def test_long_digit_runs_are_no_day_or_year(digits: str) -> None:
    """A month beside a very long number is a month alone, not a day or a year of it."""
    found = quantities(f"On May {digits} they met.", lexicon("en"))
    assert [("date", (5, None, None))] == [(q.kind, q.value) for q in found][:1]


def test_days_and_years_still_read() -> None:
    """Leading zeros keep a day a day; four digits stay a year (what the guard must not change)."""
    found = quantities("On 05 Nov 2021 and May 007, 1999.", lexicon("en"))
    assert [(11, 5, 2021), (5, 7, 1999)] == [q.value for q in found if q.kind == "date"]


# --- a long word inside a quotation ----------------------------------------------------------


def test_long_word_inside_quotes() -> None:
    """``(\\w+\\W*)$`` searched over a quotation was quadratic in a word's length (16 s for
    16,000 characters); the word before a changed word is now read from the end."""
    a = "Xi said “" + "a" * 16_000 + " b friends forever”"
    found = findings(a, a.replace("friends", "partners"))
    assert ("quote", "“b friends forever” → “b partners forever”") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“we are good friends forever”", "good friends forever"),
        ("“friends forever”", "friends forever"),
        ("“a, b! friends”", "b! friends"),
        ("“... friends”", "friends"),
    ],
)
def test_context_takes_one_word_each_side(text: str, expected: str) -> None:
    """The quoted context of a changed word: the word before it (with what follows that word)
    and the word after it, never beyond the quotation."""
    start = text.index("friends")
    assert expected == _context(text, [(start, start + 7)], [(0, len(text))])


# --- thousands of numbers in one attributed sentence -----------------------------------------


def test_thousands_of_numbers_in_an_attributed_sentence() -> None:
    """Attribution checked every token against every number (6,000 numbers: 9 s); a binary
    search over the numbers' spans now finds the one that may hold a token."""
    a = "Xi said " + "1 " * 6000 + "b friends forever."
    found = findings(a, a.replace("friends", "partners"))
    assert [("reworded", "“friends” → “partners”")] == found


# --- more distinct words than characters to encode them --------------------------------------


def test_code_points_skip_the_surrogates() -> None:
    """Word codes run from U+0100 to U+10FFFF and never fall in U+D800-U+DFFF."""
    first_surrogate = 0xD800 - 0x100
    assert "\u0100" == code_point(0)
    assert "\ud7ff" == code_point(first_surrogate - 1)
    assert "\ue000" == code_point(first_surrogate)
    assert chr(0x10FFFF) == code_point(CODE_CAPACITY - 1)
    assert 1_111_808 == CODE_CAPACITY
    with pytest.raises(ValueError, match="outside"):
        code_point(CODE_CAPACITY)


def test_more_than_65536_distinct_words() -> None:
    """Codes past U+FFFF (astral) diff like any other: one changed word in 66,000."""
    words = " ".join(f"w{k:x}" for k in range(66_000))
    a, b = words + " friends.", words + " partners."
    assert [
        ("equal", words + " "),
        ("delete", "friends"),
        ("insert", "partners"),
        ("equal", "."),
    ] == [(op.op, op.text) for op in word_diff(a, b)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("one two three four five six", "one two THREE four five six"),
        ("one two three four five six.", "zero one two four five six seven."),
        ("a b c d e f g", "h i j k l m n"),
        ("one two three", "one two three"),
        ("one two", ""),
    ],
)
def test_too_many_distinct_words_fall_back_to_difflib(
    monkeypatch: pytest.MonkeyPatch, a: str, b: str
) -> None:
    """Past the code space (here shrunk to 4 codes; really 1,111,808 distinct words, where
    chr() raised ValueError) the words are diffed with difflib: the runs still tile both texts,
    and a one-word change comes out as diff-match-patch gives it."""
    expected = diff_runs(a, b)
    monkeypatch.setattr(diff, "CODE_CAPACITY", 4)
    runs = diff_runs(a, b)
    assert a == "".join(a[r.a_start : r.a_end] for r in runs if r.op != "insert")
    assert b == "".join(b[r.b_start : r.b_end] for r in runs if r.op != "delete")
    if a.split()[:2] == b.split()[:2] and len(a.split()) == len(b.split()):
        assert expected == runs
