"""Word lists of one language, read from the package's data files, for the typed findings.

Everything language-specific that the divergence detectors know lives in ``compare/data/``
(``*_en.txt`` for English; ``data/README.md`` lists them): hedges, intensifiers, downtoners,
negators, opposite words, reporting verbs, number words, entity aliases, titles. A language
without one of these files simply gets an empty list, and no findings of that kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

import attrs

from compare._cache import bounded
from compare._data import data_text
from compare._records import record_repr
from compare._regex import ScriptPattern
from compare.scripts import ARABIC_MARKS, HAN
from compare.tokens import HAN_NUMERALS, fold, keeps_places, stem

__all__ = [
    "Lexicon",
    "Phrase",
    "inflections",
    "lexicon",
    "name_key",
    "phrase_index",
    "strip_possessive",
    "words",
]

Phrase = tuple[str, ...]
"""A word or a phrase, as its case-folded words."""

_W = rf"(?:[^\W{HAN}]|[{ARABIC_MARKS}])"
_WORD_RE = ScriptPattern(rf"[{HAN_NUMERALS}]+|[{HAN}]|{_W}+(?:['.-]{_W}+)*", r"\w+(?:['.-]\w+)*")
"""A word as :data:`compare.tokens.WORD_RE` has it (one Chinese character or a run of Chinese
numerals; Arabic with its diacritics), punctuation left out; its plain twin for the rest."""


def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """Return the words of ``text`` (case-folded, quotes unified) with their spans in it."""
    folded = fold(text)
    if text.isascii():
        return tuple([(m.group(), m.start(), m.end()) for m in _WORD_RE.plain().finditer(folded)])
    # fold keeps places for the characters news uses; fall back to per-word folding otherwise
    if len(folded) != len(text) or not keeps_places(text):
        return tuple(
            [(fold(m.group()), m.start(), m.end()) for m in _WORD_RE.of(text).finditer(text)]
        )
    return tuple([(m.group(), m.start(), m.end()) for m in _WORD_RE.of(folded).finditer(folded)])


words = bounded()(_words)
""":func:`_words`, remembered by text; the lists' own entries, each read once a process, are cut
by ``_words`` itself (remembering them cost more than it saved: ~3 ms of every start)."""


@lru_cache(maxsize=32)
def phrase_index(phrases: frozenset[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by their first word, longest first (for matching word by word)."""
    out: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=lambda p: (-len(p), p))) for k, v in out.items()}


def name_key(name: str) -> str:
    """Normalise a name for lookups: folded words joined by spaces, a final ``'s`` dropped."""
    return _key(words(name))


def _key(found: tuple[tuple[str, int, int], ...]) -> str:
    """:func:`name_key` of a name's words."""
    out = " ".join(w for w, _, _ in found)
    return out[:-2] if out.endswith("'s") else out


def _lines(language: str, stem_name: str) -> list[str]:
    """The entries of ``data/<stem_name>_<language>.txt``: non-blank lines that are no comment."""
    text = data_text(f"data/{stem_name}_{language}.txt")
    if text is None:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _phrases(entries: list[str]) -> frozenset[Phrase]:
    """Turn entries into phrases of case-folded words."""
    return frozenset(phrase for e in entries if (phrase := tuple(w for w, _, _ in _words(e))))


@attrs.frozen(eq=False)  # compared and hashed by identity: one cached instance per language
class Lexicon:
    """The word lists of one language (see ``compare/data/README.md`` for each file)."""

    __repr__ = record_repr

    language: str
    hedges: frozenset[Phrase] = frozenset()
    """Hedges and evidential markers (``hedges``)."""
    intensifiers: frozenset[Phrase] = frozenset()
    """Words that strengthen what they modify (``intensifiers``)."""
    downtoners: frozenset[Phrase] = frozenset()
    """Words that weaken what they modify (``downtoners``)."""
    negators: frozenset[str] = frozenset()
    """Words that reverse polarity (``negators``)."""
    negator_endings: tuple[str, ...] = ()
    """Word endings that make a word a negator (``-n't`` in ``negators``)."""
    opposites: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    """Pairs of groups of stemmed words of opposite meaning (``opposites``)."""
    reporting_verbs: frozenset[Phrase] = frozenset()
    """Verbs whose speaker stands before or after them (``reporting``)."""
    source_phrases: frozenset[Phrase] = frozenset()
    """Phrases whose source follows them: ``according to`` (``reporting``)."""
    numbers: Mapping[str, float] = attrs.field(factory=dict)
    """Cardinal number words and count units (``numbers``: ``number``)."""
    weak_numbers: Mapping[str, float] = attrs.field(factory=dict)
    """Number words counted only beside a scale, unit, currency or percent sign."""
    ordinals: Mapping[str, float] = attrs.field(factory=dict)
    """Ordinal words (``ordinal``)."""
    ordinal_endings: tuple[str, ...] = ()
    """Endings of ordinals written in digits (``ordinal-suffix``)."""
    scales: Mapping[str, float] = attrs.field(factory=dict)
    """Multipliers: ``million`` (``scale``)."""
    fractions: Mapping[str, float] = attrs.field(factory=dict)
    """Fraction words (``fraction``)."""
    percent: frozenset[str] = frozenset()
    """Words, phrases (space-separated) or signs of a percentage (``percent``)."""
    currencies: Mapping[str, str] = attrs.field(factory=dict)
    """Currency words and signs, to their code (``currency``)."""
    months: Mapping[str, int] = attrs.field(factory=dict)
    """Month names, to their number (``month``)."""
    weekdays: Mapping[str, int] = attrs.field(factory=dict)
    """Day names, to their number from Monday = 1 (``weekday``)."""
    approximators: frozenset[Phrase] = frozenset()
    """Words that make a number approximate (``approx``)."""
    aliases: Mapping[str, int] = attrs.field(factory=dict)
    """Normalised names (:func:`name_key`) to the number of their alias group (``aliases``)."""
    titles: frozenset[str] = frozenset()
    """Titles and offices written before names (``names``: ``title``)."""
    connectors: frozenset[str] = frozenset()
    """Lower-case words that may stand inside a name (``names``: ``connector``)."""
    pronouns: frozenset[str] = frozenset()
    """Pronouns that may stand for a speaker (``names``: ``pronoun``)."""
    possessives: tuple[str, ...] = ()
    """Word endings that mark a possessive (``names``: ``possessive``)."""
    between: frozenset[str] = frozenset()
    """Words that may stand between a speaker and its verb (``names``: ``between``)."""

    _opposite_pairs: frozenset[tuple[str, str]] | None = attrs.field(
        init=False, repr=False, default=None
    )
    """Every (word, opposite word) of ``opposites``, both ways round, for :meth:`opposite`: made
    on its first call (a run that never sets two listed words against each other, like the
    command line's on the readouts, never builds the English lexicon's 3,600 pairs)."""

    def is_negator(self, word: str) -> bool:
        """Whether a case-folded word negates: listed, or with a listed ending."""
        return word in self.negators or word.endswith(self.negator_endings)

    def opposite(self, a: str, b: str) -> bool:
        """Whether two stemmed words are listed as opposites (either way round)."""
        pairs = self._opposite_pairs
        if pairs is None:
            pairs = _pair_opposites(self.opposites)
            # a cache of the lexicon's own lists, kept once made: the lexicon reads as before
            object.__setattr__(self, "_opposite_pairs", pairs)
        return (a, b) in pairs


def _pair_opposites(
    opposites: tuple[tuple[frozenset[str], frozenset[str]], ...],
) -> frozenset[tuple[str, str]]:
    """Every (word, opposite word) of a lexicon's ``opposites``, both ways round."""
    pairs = {(x, y) for left, right in opposites for x in left for y in right}
    return frozenset(pairs | {(y, x) for x, y in pairs})


def _kinds(entries: list[str]) -> dict[str, list[list[str]]]:
    """Group ``kind field field...`` entries by kind."""
    out: dict[str, list[list[str]]] = {}
    for entry in entries:
        kind, *fields = entry.split()
        out.setdefault(kind, []).append(fields)
    return out


def _numbers(language: str) -> dict[str, object]:
    """Read ``numbers_<language>.txt`` into Lexicon fields."""
    by = _kinds(_lines(language, "numbers"))

    def table(kind: str) -> dict[str, float]:
        return {fold(" ".join(f[:-1])): float(f[-1]) for f in by.get(kind, [])}

    def named(kind: str) -> dict[str, int]:
        return {fold(w): int(f[0]) for f in by.get(kind, []) for w in f[1:]}

    return {
        "numbers": table("number"),
        "weak_numbers": table("weak"),
        "ordinals": table("ordinal"),
        "ordinal_endings": tuple(fold(f[0]) for f in by.get("ordinal-suffix", [])),
        "scales": table("scale"),
        "fractions": table("fraction"),
        "percent": frozenset(fold(" ".join(f)) for f in by.get("percent", [])),
        "currencies": {fold(w): f[0] for f in by.get("currency", []) for w in f[1:]},
        "months": named("month"),
        "weekdays": named("weekday"),
        "approximators": _phrases([" ".join(f) for f in by.get("approx", [])]),
    }


def _names(language: str) -> dict[str, object]:
    """Read ``names_<language>.txt`` and ``aliases_<language>.txt`` into Lexicon fields."""
    by = _kinds(_lines(language, "names"))
    aliases: dict[str, int] = {}
    for group, line in enumerate(_lines(language, "aliases")):
        for name in line.split("|"):
            if name.strip():
                aliases.setdefault(_key(_words(name.strip())), group)
    return {
        "aliases": aliases,
        "titles": frozenset(fold(f[0]) for f in by.get("title", [])),
        "connectors": frozenset(fold(f[0]) for f in by.get("connector", [])),
        "pronouns": frozenset(fold(f[0]) for f in by.get("pronoun", [])),
        "possessives": tuple(fold(f[0]) for f in by.get("possessive", [])),
        "between": frozenset(fold(f[0]) for f in by.get("between", [])),
    }


_VOWELS = frozenset("aeiou")


def inflections(word: str, language: str) -> tuple[str, ...]:
    """A listed word with its regular inflections (English: ``deny``, ``denies``, ``denied``,
    ``denying``; ``admit``, ``admitted``), so a list of base forms matches the forms news uses
    whatever the stemmer makes of them. Other languages: the word alone."""
    if language != "en" or not word.isalpha():
        return (word,)
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + "d"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word + "d"}
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    last, before, third = word[-1:], word[-2:-1], word[-3:-2]
    short_vowel = before in _VOWELS and third not in _VOWELS  # one vowel before the consonant
    if len(word) >= 3 and last not in _VOWELS | {"w", "x", "y"} and short_vowel:
        forms |= {word + last + "ed", word + last + "ing"}  # admit, stop: the consonant doubles
    return tuple(sorted(forms))


@cache
def lexicon(language: str = "en") -> Lexicon:
    """Return the word lists of a language (cached; empty lists where a file is missing;
    ``auto``, not yet resolved to the documents' language, reads the English ones)."""
    if language == "auto":
        return lexicon("en")
    negators = _lines(language, "negators")
    reporting = _lines(language, "reporting")
    opposites = []
    for line in _lines(language, "opposites"):
        left, _, right = line.partition("|")
        opposites.append(
            (
                frozenset(stem(f) for w, _, _ in _words(left) for f in inflections(w, language)),
                frozenset(stem(f) for w, _, _ in _words(right) for f in inflections(w, language)),
            )
        )
    return Lexicon(
        language=language,
        hedges=_phrases(_lines(language, "hedges")),
        intensifiers=_phrases(_lines(language, "intensifiers")),
        downtoners=_phrases(_lines(language, "downtoners")),
        negators=frozenset(fold(n) for n in negators if not n.startswith("-")),
        negator_endings=tuple(fold(n[1:]) for n in negators if n.startswith("-")),
        opposites=tuple(opposites),
        reporting_verbs=_phrases([r for r in reporting if not r.endswith("…")]),
        source_phrases=_phrases([r.removesuffix("…") for r in reporting if r.endswith("…")]),
        **_numbers(language),  # type: ignore[arg-type]
        **_names(language),  # type: ignore[arg-type]
    )


def strip_possessive(word: str, lex: Lexicon) -> str:
    """Drop a possessive ending of the lexicon's language (``assad's`` → ``assad``)."""
    for ending in lex.possessives:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word
