"""Word tokens with offsets, and the normalised keys that similarity and diff compare.

The original text is never changed: a token keeps its span in the text it came from, and its
comparison key (case-folded, quotes unified, lightly stemmed) lives beside it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "WORD_RE",
    "content_keys",
    "fold",
    "normalise",
    "stem",
    "stopwords",
    "unify_quotes",
    "word_keys",
    "word_spans",
]

WORD_RE = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]")
"""A word (letters/digits, with inner apostrophes, hyphens and dots: ``al-Assad``, ``U.N``,
``21.01``) or a single other non-space character (punctuation, symbols)."""

_ORDINAL_RE = re.compile(r"(\d+)(?:st|nd|rd|th)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
}  # fmt: skip


def unify_quotes(text: str) -> str:
    """Replace curly and angle quotes with their straight forms."""
    return text.translate(_QUOTES)


def fold(text: str) -> str:
    """Case-fold text and unify curly and straight quotes."""
    return text.translate(_QUOTES).casefold()


def normalise(text: str) -> str:
    """Reduce text to its words, case-folded and space-separated (punctuation dropped)."""
    return " ".join(w for w in re.findall(r"\w+", fold(text)))


def word_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Return the spans of word and punctuation tokens in ``text``, shifted by ``start``."""
    return [(m.start() + start, m.end() + start) for m in WORD_RE.finditer(text)]


_STEM_CACHE_WORDS = 1 << 15
"""Stems remembered (least recently used first out), for words of up to :data:`_STEM_CACHE_LEN`
characters: a bound in bytes too (about 6 MB), where ``functools.cache`` grew with every new
word (numbers, names) of every text compared."""
_STEM_CACHE_LEN = 40


def stem(word: str) -> str:
    """Strip common English inflections so ``supports``/``supported``/``support`` share a key."""
    return _stem_cached(word) if len(word) <= _STEM_CACHE_LEN else _stem(word)


def _stem(word: str) -> str:
    """:func:`stem`, uncached."""
    w = _NUMBER_WORDS.get(word, word)
    if w.endswith("'s"):
        w = w[:-2]
    ordinal = _ORDINAL_RE.fullmatch(w)
    if ordinal:
        return ordinal.group(1)
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


_stem_cached = lru_cache(maxsize=_STEM_CACHE_WORDS)(_stem)


@cache
def stopwords(language: str = "en") -> frozenset[str]:
    """Return the function words of a language, read from the package's data file (``auto``,
    not yet resolved to the documents' language, reads the English one)."""
    language = "en" if language == "auto" else language
    path = resources.files("compare") / "data" / f"stopwords_{language}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w) for line in lines if (w := line.strip()) and not w.startswith("#"))


def word_keys(text: str) -> list[str]:
    """Return the stemmed keys of every word of ``text`` in order, function words included."""
    cached, limit = _stem_cached, _STEM_CACHE_LEN  # stem() inlined: this runs on every word
    words = re.findall(r"\w+(?:'\w+)*", fold(text))
    return [cached(w) if len(w) <= limit else _stem(w) for w in words]


def content_keys(text: str, language: str = "en") -> list[str]:
    """Return the stemmed content words of ``text`` in order (no function words or marks)."""
    stop = stopwords(language)
    out: list[str] = []
    for word in re.findall(r"\w+(?:'\w+)*", fold(text)):
        if word in stop:
            continue
        out.append(stem(word))
    return out
