"""Comparison keys of words: stemming, numbers, stop words, quotes; the original text is kept."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare.tokens import (
    content_keys,
    fold,
    normalise,
    script_key,
    stem,
    stopwords,
    unify_quotes,
    word_keys,
    word_spans,
)


@pytest.mark.parametrize(
    ("words", "key"),
    [
        (["supports", "supported", "support", "supporting"], "support"),
        (["countries", "country"], "country"),
        (["relations", "relation"], "relation"),
        (["announce", "announced", "announces"], "announc"),
        (["50th", "fifty"], "50"),
        (["ten", "10"], "10"),
        (["21st", "21"], "21"),
        (["Syria’s", "Syria's", "syria", "SYRIA"], "syria"),
    ],
)
def test_inflections_share_a_key(words: list[str], key: str) -> None:
    """Inflected forms, ordinals, number words and possessives reduce to one key."""
    assert [[key]] * len(words) == [content_keys(w) for w in words]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("supports", "support"),
        ("supported", "support"),
        ("50th", "50"),
        ("ten", "10"),
        ("syria's", "syria"),
        ("war", "war"),  # three letters or fewer: left alone
        ("covid-19", "covid-19"),  # not purely alphabetic: left alone
        ("65", "65"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    """stem() on folded words: suffixes, ordinals, number words, short and mixed words."""
    assert expected == stem(word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Xi said China attaches great importance to the development",
            ["xi", "china", "attach", "great", "importanc", "development"],
        ),
        ("It was so.", []),
        ("On the 50th anniversary, ten years on", ["50", "anniversary", "10", "year"]),
        ("Syria’s ties to China", ["syria", "tie", "china"]),
    ],
)
def test_content_keys(text: str, expected: list[str]) -> None:
    """Content keys keep content words in order and drop stop words and punctuation."""
    assert expected == content_keys(text)


def test_stop_words_are_out_but_counted_by_word_keys() -> None:
    """Function words are absent from content keys and present in word keys."""
    text = "The Syrian side will continue to firmly support China"
    assert ["syrian", "side", "continu", "firmly", "support", "china"] == content_keys(text)
    assert {"the", "will", "to"} <= set(word_keys(text))
    assert {"the", "will", "to", "and", "said"} <= stopwords("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We welcome”", '"We welcome"'),
        ("Syria’s ‘seat’", "Syria's 'seat'"),
        ("«Damascus»", '"Damascus"'),
        ("plain text", "plain text"),
    ],
)
def test_unify_quotes(text: str, expected: str) -> None:
    """Curly and angle quotes become straight quotes; nothing else changes."""
    assert expected == unify_quotes(text)


def test_fold_and_normalise() -> None:
    """fold() case-folds and unifies quotes; normalise() keeps only the words."""
    assert "syria's \"" == fold("Syria’s “")
    assert "the chinese president s readiness" == normalise("The Chinese President’s readiness!")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ é“’أإآٱةى\u0640\u064b\u0670١٢۳\u06ff十一三", max_size=40))
def test_script_key_reads_the_arabic_table_only_where_it_changes_something(text: str) -> None:
    """Skipping the Arabic table for text without an Arabic-block character gives what
    translating by it gives."""
    from compare.tokens import _ARABIC, script_key

    expected = text if text.isascii() else script_key(text.translate(_ARABIC))
    assert expected == script_key(text)


def test_word_spans_point_into_the_text() -> None:
    """Token spans are shifted by ``start`` and cover words with inner marks as one token."""
    text = "President al-Assad, on Nov. 5"
    spans = word_spans(text, start=100)
    tokens = [text[s - 100 : e - 100] for s, e in spans]
    assert ["President", "al-Assad", ",", "on", "Nov", ".", "5"] == tokens


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_keys_are_folded_and_content_keys_are_a_subsequence(text: str) -> None:
    """Content keys are word keys minus stop words, in the same order; all are case-folded."""
    words = word_keys(text)
    content = content_keys(text)
    it = iter(words)
    assert all(key in it for key in content)
    assert all(key == key.casefold() or not key.isalpha() for key in words)


def test_package_data_is_read_through_the_loader() -> None:
    """The word lists come from the package's files as they are on disk; a missing list is None
    (a language without it gets no findings of that kind), or an error where one must exist."""
    from compare._data import data_text, required_text

    shipped = Path(compare.__file__).parent / "data" / "stopwords_en.txt"
    assert shipped.read_text(encoding="utf-8") == data_text("data/stopwords_en.txt")
    assert "the" in stopwords("en")
    assert None is data_text("data/hedges_xx.txt")
    with pytest.raises(FileNotFoundError, match="stopwords_xx"):
        required_text("data/stopwords_xx.txt")


def test_package_data_reads_as_pkgutil_reads_it() -> None:
    """The package's loader, asked directly, gives every data file (and no missing one) as
    pkgutil.get_data gives it."""
    import pkgutil

    from compare._data import data_text

    names = sorted(p.name for p in (Path(compare.__file__).parent / "data").glob("*.txt"))
    assert len(names) > 10
    for name in [*names, "missing_xx.txt"]:
        try:
            expected = pkgutil.get_data("compare", f"data/{name}")
        except OSError:
            expected = None
        assert (None if expected is None else expected.decode("utf-8")) == data_text(f"data/{name}")


_TRANSLATE_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ ß'\"’‘“”„«»İ十一二جسراًـ١٢é.-\u0640"))))
def test_quotes_unify_and_fold_as_one_translation_table_would(text: str) -> None:
    """Replacing each quote present (the fast way) unifies quotes as one str.translate table
    does, and fold folds the result the same, ASCII or not."""
    assert text.translate(_TRANSLATE_QUOTES) == unify_quotes(text)
    expected = script_key(text.translate(_TRANSLATE_QUOTES).casefold())
    assert expected == fold(text)
