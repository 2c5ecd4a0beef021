"""Word tokens with offsets, and the normalised keys that similarity and diff compare.

The original text is never changed: a token keeps its span in the text it came from, and its
comparison key (case-folded, quotes unified, lightly stemmed) lives beside it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from compare._data import required_text
from compare._regex import Lazy, ScriptPattern, script_keyed
from compare.scripts import ARABIC_MARKS, HAN

__all__ = [
    "HAN_NUMERALS",
    "WORD_RE",
    "content_keys",
    "fold",
    "han_number",
    "keeps_places",
    "normalise",
    "script_key",
    "stem",
    "stopwords",
    "unify_quotes",
    "word_keys",
    "word_spans",
]

HAN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
"""Chinese numeral characters: a run of them is one word, read as its number."""

_W = rf"(?:[^\W{HAN}]|[{ARABIC_MARKS}])"
r"""A character of a word in a script that spaces its words: ``\w`` but Han, plus Arabic marks."""
_HAN_WORD = rf"[{HAN_NUMERALS}]+|[{HAN}]"
"""A Chinese "word": a run of numerals (``三千二百``) or a single character (see README)."""

WORD_RE = ScriptPattern(
    rf"{_HAN_WORD}|{_W}+(?:[’'.-]{_W}+)*|[^\w\s{ARABIC_MARKS}]", r"\w+(?:[’'.-]\w+)*|[^\w\s]"
)
"""A word (letters/digits, with inner apostrophes, hyphens and dots: ``al-Assad``, ``U.N``,
``21.01``; Arabic with its diacritics; one Chinese character or a run of Chinese numerals) or a
single other non-space character (punctuation, symbols). ``WORD_RE.of(text)`` is the pattern to
run on a text: on one without Chinese or Arabic, ``\\w`` alone draws the same words."""

_KEY_RE = ScriptPattern(rf"{_HAN_WORD}|{_W}+(?:'{_W}+)*", r"\w+(?:'\w+)*")
"""A word of a folded text, marks left out."""
_HAN_RE = Lazy(f"[{HAN}]")
_HAN_NUMBER_RE = Lazy(f"[{HAN_NUMERALS}]+")
_SHIFTS_RE = Lazy(f"[{HAN_NUMERALS}{ARABIC_MARKS}\u0640]")
"""Characters :func:`fold` may shift: every one is script-keyed (:func:`script_keyed`)."""


def _has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (all of them are script-keyed)."""
    return script_keyed(text) and _HAN_RE().search(text) is not None


_ARABIC = str.maketrans(
    {
        **dict.fromkeys("أإآٱ", "ا"),
        "ة": "ه",
        "ى": "ي",
        "\u0640": None,  # tatweel
        **dict.fromkeys(
            [chr(c) for c in range(0x064B, 0x0660)]
            + ["\u0670", *(chr(c) for c in range(0x0610, 0x061B))],
            None,
        ),
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
_HAN_DIGITS = {c: d for d, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_SECTIONS = {"万": 10_000, "亿": 100_000_000}

_ORDINAL_RE = re.compile(r"(\d+)(?:st|nd|rd|th)")
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'))
"""Curly and angle quotes and their straight forms (none of which is curly: the order of the
replacements does not matter)."""

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
}  # fmt: skip


def han_number(numerals: str) -> str:
    """Read a run of Chinese numerals as digits: ``三千二百`` → ``3200``, ``十一`` → ``11``,
    ``二〇二一`` → ``2021`` (digit by digit when no unit is written), ``五万`` → ``50000``."""
    if not any(c in _HAN_UNITS or c in _HAN_SECTIONS for c in numerals):
        return "".join(str(_HAN_DIGITS[c]) for c in numerals)
    total = section = digit = 0
    for c in numerals:
        if c in _HAN_DIGITS:
            digit = _HAN_DIGITS[c]
        elif c in _HAN_UNITS:
            section += (digit or 1) * _HAN_UNITS[c]
            digit = 0
        elif c == "亿":
            total = (total + section + digit) * _HAN_SECTIONS[c]
            section = digit = 0
        else:  # 万
            total += (section + digit or 1) * _HAN_SECTIONS[c]
            section = digit = 0
    return str(total + section + digit)


_ARABIC_BLOCK_RE = re.compile("[\u0600-\u06ff]")
"""A character of the Arabic block, where every key of the ``_ARABIC`` table lies."""


def script_key(text: str) -> str:
    """Normalise the scripts without case: Arabic letter forms, diacritics, tatweel and digits
    (``جسراً`` → ``جسرا``, ``١٢٠٠`` → ``1200``) and Chinese numerals (``十一`` → ``11``). Text
    in other scripts comes back unchanged."""
    if text.isascii():
        return text
    # every key of the table is an Arabic-block character: without one, translating (a dict
    # lookup per character) would give the text back unchanged
    out = text.translate(_ARABIC) if _ARABIC_BLOCK_RE.search(text) else text
    if _has_han(out):
        out = _HAN_NUMBER_RE().sub(lambda m: han_number(m.group()), out)
    return out


def keeps_places(text: str) -> bool:
    """Whether :func:`fold` keeps every character of ``text`` in its place, so that a span of
    the folded text is the same span of the text (no ``ß`` → ``ss``, Arabic mark or numeral)."""
    return text.isascii() or (
        len(text.casefold()) == len(text)
        and (not script_keyed(text) or _SHIFTS_RE().search(text) is None)
    )


def unify_quotes(text: str) -> str:
    """Replace curly and angle quotes with their straight forms."""
    if text.isascii():
        return text
    # one str.replace per quote present: ~15x str.translate's per-character table lookups
    for curly, straight in _QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def fold(text: str) -> str:
    """Case-fold text, unify curly and straight quotes, and normalise Arabic letters and
    Chinese numerals (:func:`script_key`)."""
    if text.isascii():  # no quote to unify, no script to normalise
        return text.casefold()
    return script_key(unify_quotes(text).casefold())


def normalise(text: str) -> str:
    """Reduce text to its words, case-folded and space-separated (punctuation dropped)."""
    return " ".join(_WORD_CHARS_RE.findall(fold(text)))


_WORD_CHARS_RE = re.compile(r"\w+")


def word_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Return the spans of word and punctuation tokens in ``text``, shifted by ``start``."""
    regex = WORD_RE.of(text)
    return [(m.start() + start, m.end() + start) for m in regex.finditer(text)]


_STEM_CACHE_WORDS = 1 << 15
"""Stems remembered (least recently used first out), for words of up to :data:`_STEM_CACHE_LEN`
characters: a bound in bytes too (about 6 MB), where ``functools.cache`` grew with every new
word (numbers, names) of every text compared."""
_STEM_CACHE_LEN = 40


def stem(word: str) -> str:
    """Strip common English inflections so ``supports``/``supported``/``support`` share a key;
    light-stem a folded Arabic word (:func:`arabic_stem`)."""
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
    if "\u0621" <= w[0] <= "\u064a":
        return arabic_stem(w)
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


_stem_cached = lru_cache(maxsize=_STEM_CACHE_WORDS)(_stem)

_AR_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
"""light10's definite articles: ال alone or after و, ب, ك, ف written on (لل: ل + ال)."""
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا")
"""light10's suffixes (folded: ة is ه), then the alef of the indefinite accusative (جسرا)."""


def arabic_stem(word: str) -> str:
    """Light-stem a folded Arabic word, after the light10 stemmer of Larkey, Ballesteros and
    Connell (2002): the definite article (``الجسر``, ``والوزير``, ``للصين``) if 2 letters
    remain, then each suffix of :data:`_AR_SUFFIXES` once, in order, if 3 letters remain:
    ``الجسر``, ``جسرا`` and ``جسراً`` → ``جسر``; ``المحافظة`` → ``محافظ``. A lone و ("and") is
    kept: before three letters it is as often a root letter (``وزير``, ``وكالة``) as the
    conjunction, and stripping it would part ``وزير`` from ``الوزير``."""
    w = word
    for article in _AR_ARTICLES:
        if w.startswith(article) and len(w) - len(article) >= 2:
            w = w[len(article) :]
            break
    for suffix in _AR_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
    return w


@cache
def stopwords(language: str = "en") -> frozenset[str]:
    """Return the function words of a language, read from the package's data file (``auto``,
    not yet resolved to the documents' language, reads the English one)."""
    language = "en" if language == "auto" else language
    lines = required_text(f"data/stopwords_{language}.txt").splitlines()
    return frozenset(fold(w) for line in lines if (w := line.strip()) and not w.startswith("#"))


def word_keys(text: str) -> list[str]:
    """Return the stemmed keys of every word of ``text`` in order, function words included.

    Chinese, written without spaces, gives the bigrams of each run of characters (``大桥通车``
    → ``大桥 桥通 通车``; a lone character is its own key): see README for why not a segmenter.
    """
    cached, limit = _stem_cached, _STEM_CACHE_LEN  # stem() inlined: this runs on every word
    folded = fold(text)
    if not _has_han(folded):
        words = _KEY_RE.of(folded).findall(folded)
        return [cached(w) if len(w) <= limit else _stem(w) for w in words]
    return [key for key, _ in _han_keys(folded, frozenset())]


def _han_keys(folded: str, stop: frozenset[str]) -> list[tuple[str, bool]]:
    """Keys of a folded text with Chinese in it, each with whether it is a function word: the
    bigrams of each run of Chinese characters (a function bigram when both characters are
    function characters), and the stems of the other words."""
    out: list[tuple[str, bool]] = []
    run: list[str] = []  # adjacent Chinese characters

    def close() -> None:
        if len(run) == 1:
            out.append((run[0], run[0] in stop))
        out.extend((a + b, a in stop and b in stop) for a, b in pairwise(run))
        run.clear()

    end = -1
    han = _HAN_RE()
    for m in _KEY_RE.full().finditer(folded):
        w = m.group()
        if len(w) == 1 and han.match(w):
            if m.start() != end:
                close()
            run.append(w)
            end = m.end()
            continue
        close()
        out.append((stem(w), w in stop))
    close()
    return out


def content_keys(text: str, language: str = "en") -> list[str]:
    """Return the stemmed content words of ``text`` in order (no function words or marks)."""
    stop = stopwords(language)
    folded = fold(text)
    if _has_han(folded):
        return [key for key, function in _han_keys(folded, stop) if not function]
    cached, limit = _stem_cached, _STEM_CACHE_LEN  # stem() inlined, as in word_keys
    words = _KEY_RE.of(folded).findall(folded)
    return [cached(w) if len(w) <= limit else _stem(w) for w in words if w not in stop]
