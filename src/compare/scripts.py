"""The writing system and language of a text, from Unicode ranges alone (no network, no model).

``--language auto`` (the default) reads each document's script: Han is Chinese (``zh``), Arabic
letters are Arabic (``ar``), Latin letters are English (``en``) when enough of the words are
English function words. A comparison then runs with the word lists of its documents' language;
a language without word lists gets a one-line warning (:class:`LanguageWarning`) and the English
lists, so that nobody mistakes English rules run on French for a French analysis.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Sequence
from functools import cache

from compare._cache import bounded
from compare._data import data_text, required_text
from compare._regex import Lazy, ScriptPattern
from compare.model import Document
from compare.options import Options, with_language

__all__ = [
    "ARABIC_MARKS",
    "AUTO",
    "HAN",
    "LanguageWarning",
    "detect_language",
    "languages",
    "resolve_language",
    "script_of",
    "scripts_differ",
    "supported",
    "two_scripts",
]

AUTO = "auto"
"""The ``language`` option that asks for detection."""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
"""Han ideographs (CJK unified, extension A and B+, compatibility), as a regex class body."""

ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
"""Arabic combining marks (harakat, tanween, shadda, Quranic marks): parts of a word, though
``\\w`` does not match them."""

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("Han", HAN),
    ("Arabic", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"),
    ("Latin", "A-Za-z\u00c0-\u024f\u1e00-\u1eff"),
    ("Cyrillic", "\u0400-\u04ff"),
    ("Greek", "\u0370-\u03ff"),
    ("Hebrew", "\u0590-\u05ff"),
    ("Devanagari", "\u0900-\u097f"),
    ("Kana", "\u3040-\u30ff"),
    ("Hangul", "\uac00-\ud7af\u1100-\u11ff"),
    ("Thai", "\u0e00-\u0e7f"),
)
_PLAIN_RANGES = {
    "Han": "",
    "Arabic": "\u0750-\u077f\u08a0-\u08ff",
    "Kana": "",
    "Hangul": "\u1100-\u11ff",
}
_PLAIN_SCRIPTS = tuple(
    (name, plain) for name, chars in _SCRIPTS if (plain := _PLAIN_RANGES.get(name, chars))
)
""":data:`_SCRIPTS` restricted to the characters that are not script-keyed (the Arabic block and
U+2E80 on, :func:`compare._regex.script_keyed`): a script without one is left out."""
_ASCII_LETTER_RE = re.compile("[A-Za-z]")
_SCRIPT_RE = ScriptPattern(
    "|".join(f"(?P<{name}>[{chars}]+)" for name, chars in _SCRIPTS),
    "|".join(f"(?P<{name}>[{chars}]+)" for name, chars in _PLAIN_SCRIPTS),
)
"""A run of letters of one script, named by its group; the plain twin holds no Han, Kana or
Hangul syllables (~40,000 code points for re to walk when it compiles)."""

_NO_SCRIPT = ("\u1f00", "\u303f")
"""The characters from Greek Extended to the CJK symbols and punctuation, which no class of
:data:`_SCRIPTS` holds (nor of its plain twins): general punctuation (curly quotes, dashes),
symbols, arrows, CJK punctuation."""


def _no_letters(others: str) -> bool:
    """Whether the non-ASCII characters of a sample all lie in :data:`_NO_SCRIPT`, so that
    :data:`_SCRIPT_RE` finds no letter among them: an English text whose only non-ASCII
    characters are curly quotes and dashes never compiles the pattern (5 M instructions, 1 %
    of the command line's run on the readouts)."""
    low, high = _NO_SCRIPT
    return low <= min(others, default=low) and max(others, default=high) <= high


_SAMPLE = 4_000
"""Characters read from the start of a text: enough to tell its script, whatever its length."""

_ENGLISH_SHARE = 0.12
"""Share of a Latin text's words that must be English function words for it to count as
English: 36-43 % in the five English readouts of examples/readouts/, 4-6 % in a French, a
Spanish and a German news sentence of 27-50 words."""

_FEW_WORDS = 20
"""A Latin text of fewer words is taken as English: too short for function words to tell."""

_LANGUAGE_OF_SCRIPT = {"Han": "zh", "Arabic": "ar"}


class LanguageWarning(UserWarning):
    """A document's language has no word lists: the English ones are used."""


def script_of(text: str) -> str | None:
    """The script most letters of ``text`` are written in (``Han``, ``Arabic``, ``Latin``...),
    or None for a text without letters of a known script. Japanese Kana outweighs Han."""
    return _script_of_sample(text[:_SAMPLE])


def scripts_differ(a: str | None, b: str | None) -> bool:
    """Whether two scripts of :func:`script_of` are both known and not the same one."""
    return a is not None and b is not None and a != b


def two_scripts(a: str, b: str) -> bool:
    """Whether two texts are written in two scripts (most of their letters), such as a Chinese
    sentence and its English translation: their words cannot be shared."""
    return scripts_differ(script_of(a), script_of(b))


_NOT_ASCII_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
"""The ASCII bytes that are no letter: what ``bytes.translate`` drops to leave the letters."""


_NON_ASCII_RE = Lazy(r"[^\x00-\x7f]+")
"""A run of characters outside ASCII (compiled on first use: most text never needs it)."""


@bounded()
def _script_of_sample(sample: str) -> str | None:
    """:func:`script_of` on a text's first characters, cached (each comparison asks again)."""
    if sample.isascii():  # most English text: Latin if it has a letter
        return "Latin" if _ASCII_LETTER_RE.search(sample) else None
    # Each script's count is its letters in the sample (the classes are disjoint), so the ASCII
    # letters (Latin) are counted in C and only the other characters are read by the regex: an
    # English text with curly quotes is a few runs, not one match a word.
    counts: Counter[str] = Counter()
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))
    if ascii_letters:
        counts["Latin"] = ascii_letters
    others = "".join(_NON_ASCII_RE().findall(sample))  # script-keyed exactly when the sample is
    if not _no_letters(others):
        for m in _SCRIPT_RE.of(others).finditer(others):
            name = m.lastgroup
            if name is not None:
                counts[name] += m.end() - m.start()
    if not counts:
        return None
    if counts["Kana"] and counts["Kana"] * 4 >= counts["Han"]:
        return "Kana"
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


@cache
def _english_stopwords() -> frozenset[str]:
    lines = required_text("data/stopwords_en.txt").splitlines()
    return frozenset(w.strip() for w in lines if w[:1] != "#")


def _english(text: str) -> bool:
    """Whether enough of a Latin text's words are English function words."""
    stop = _english_stopwords()
    found = re.findall(r"[a-z]+", text[:_SAMPLE].casefold())
    if len(found) < _FEW_WORDS:
        return True  # a headline or a phrase: too short to tell, taken as English
    return sum(map(stop.__contains__, found)) >= _ENGLISH_SHARE * len(found)


def detect_language(text: str) -> str | None:
    """The language code of a text (``zh``, ``ar``, ``en``) or None when it is none of these
    (another script, a Latin text that is not English, or no letters at all)."""
    return _detect(text)


@bounded()
def _detect(text: str) -> str | None:
    """:func:`detect_language`, cached by text (a collation asks again for each pair)."""
    script = script_of(text)
    if script == "Latin":
        return "en" if _english(text) else None
    return _LANGUAGE_OF_SCRIPT.get(script or "")


def supported(language: str) -> bool:
    """Whether the package has word lists (stop words at least) for a language code."""
    return data_text(f"data/stopwords_{language}.txt") is not None


def languages() -> tuple[str, ...]:
    """The language codes the package has word lists for, sorted."""
    from importlib import resources  # its imports cost start-up time: only for this message

    data = resources.files("compare") / "data"
    names = [p.name for p in data.iterdir() if p.name.startswith("stopwords_")]
    return tuple(sorted(n.removeprefix("stopwords_").removesuffix(".txt") for n in names))


def _describe(doc: Document, language: str | None) -> str:
    """A document's label with its language, or its script when that language is unknown."""
    return f"{doc.label!r} ({language or (script_of(_body(doc)) or 'no') + ' script'})"


def _body(doc: Document) -> str:
    """A document's text after its header (front matter keys are no evidence of a language)."""
    return doc.text[doc.header[1] :] if doc.header else doc.text


def resolve_language(options: Options, docs: Sequence[Document]) -> Options:
    """Return ``options`` with ``language`` set, when it is ``auto``, to the documents' language.

    The first document's language decides; a document of another language, or a language
    without word lists, is reported in one line (:class:`LanguageWarning`). A document without
    letters (numbers only) goes with the others; none at all with letters means English.
    """
    if options.language != AUTO:
        return options
    found = [(doc, detect_language(_body(doc))) for doc in docs]
    lettered = [(doc, lang) for doc, lang in found if script_of(_body(doc)) is not None]
    if not lettered:
        return with_language(options, "en")
    first_doc, first = lettered[0]
    if first is None or not supported(first):
        warnings.warn(
            f"language of {_describe(first_doc, first)} has no word lists "
            f"(supported: {', '.join(languages())}); "
            "using the English ones: pass --language to choose",
            LanguageWarning,
            stacklevel=3,
        )
        return with_language(options, "en")
    others = [(doc, lang) for doc, lang in lettered[1:] if lang != first]
    if others:
        names = ", ".join(_describe(d, lang) for d, lang in others)
        scripts = {script_of(_body(d)) for d, _ in lettered}
        crossed = (
            "; sentences in two scripts link by meaning only (--semantic)"
            if len(scripts) > 1
            else ""
        )
        warnings.warn(
            f"{names} not in the language of {_describe(first_doc, first)}; "
            f"using the {first} word lists for all{crossed}",
            LanguageWarning,
            stacklevel=3,
        )
    return with_language(options, first)
