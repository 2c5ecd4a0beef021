"""Split text into sentences with absolute character offsets: rule-based, one compiled regex.

The splitter finds sentence *ends* with a single compiled regular expression whose first element is
a character class (so the regex engine skips plain text at C speed), then does a few cheap checks
per candidate in Python. Rules:

- a line break always ends a sentence (headlines, datelines and footers without final punctuation);
- ``. ! ? … ...`` (and Arabic ``؟ ۔``) end a sentence when followed by whitespace and a character
  that is not a lower-case letter, by the end of the text, or directly (a missing space) by an
  opening quote or a capitalised word (``years.“President``, ``civilizations.“We``);
- closing quotes and brackets after the terminator stay with the sentence (``.”``, ``."``, ``.)``);
- CJK ``。！？；`` always end a sentence, no space needed, and so does ``…``/``……`` directly
  before a Chinese character;
- a full stop after an abbreviation (``Mr. Gen. Jan. St. Prof. vs.``), after a single letter
  (initials ``J. Smith``, ``U.S.``, ``U.N.``, ``e.g.``, ``i.e.``) or after ``No.``/``Art.``/``Vol.``
  before a number does not end a sentence; decimals, times, URLs and e-mail addresses are not split;
- except where the next word shows a new sentence: after ``a.m.``/``p.m.`` any capitalised word but
  a weekday, a month or a time zone (``11 p.m. Three workers``, not ``11 p.m. Friday``), and after a
  dotted abbreviation of two or more letters (``U.S. D.C. U.K.``; not ``e.g. i.e.``) a word that
  only starts sentences, a pronoun, article, conjunction or number word (``in the U.K. They``, not
  ``U.K. Prime Minister``);
- a terminator followed by a space and a dash does not end a sentence: the wire dateline
  ``PALM BEACH, Fla. — The ...`` stays with its sentence;
- a piece that would start with ``, ; :`` or a closing bracket/quote, or that has no letter or digit
  at all (``.``, ``“``), is glued to the previous sentence (machine-translation debris such as
  ``development. , no tension`` or a stray ``“`` at the end of a paragraph).

Every regex element is possessive or bounded, so the running time is linear in the input size.
"""

from __future__ import annotations

import re

from compare._regex import ScriptPattern
from compare.model import Sentence

__all__ = ["segment", "sentence_spans"]

# Characters that end a sentence when followed by whitespace (or the end of the text).
_TERM = ".!?…‼⁇⁈⁉؟۔"
# CJK terminators: always a boundary, no space needed (the Chinese semicolon too).
_CJK_TERM = "。！？｡；"
# Han ideographs: an ellipsis directly before one ends a Chinese sentence ("……他说").
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Closing quotes and brackets that stay with the sentence they close.
_CLOSE = "”’»›)\\]}」』】〉》）"
# Opening quotes that may follow a full stop without a space and start a new sentence.
_OPEN = '“‘«„"(「『'
# Lower-case letters that, after "terminator + space", mean the sentence goes on.
_LOWER = "a-zß-öø-ÿα-ωа-яё"
# Line breaks (str.splitlines() breaks, less the rare information separators).
_LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
# A piece starting with one of these continues the previous sentence.
_GLUE_START = frozenset(",;:،؛)]}”»›」』】〉》）")

# Abbreviations that never end a sentence, even before a capital or a digit (titles, months).
_ABBREVIATIONS = [
    "Mr",
    "Ms",
    "Dr",
    "St",
    "Sr",
    "Jr",
    "Lt",
    "Mt",
    "Ft",
    "vs",
    "Vs",
    "Mrs",
    "Gen",
    "Col",
    "Sgt",
    "Maj",
    "Adm",
    "Gov",
    "Sen",
    "Rep",
    "Rev",
    "Hon",
    "Cpl",
    "Pvt",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "Prof",
    "Capt",
    "Sept",
    "Cmdr",
    "Brig",
    "Supt",
    "Pres",
    "Messrs",
]
# Abbreviations that do not end a sentence when a number follows (``No. 5``, ``Art. 2``).
_NUMBER_ABBREVIATIONS = [
    "No",
    "no",
    "Nos",
    "nos",
    "Art",
    "art",
    "Vol",
    "vol",
    "pp",
    "Fig",
    "fig",
    "approx",
    "ca",
    "Nr",
    "nr",
]


def _by_length(words: list[str]) -> list[str]:
    """Group words into regex alternations of equal length (look-behinds need a fixed width)."""
    groups: dict[int, list[str]] = {}
    for word in words:
        groups.setdefault(len(word), []).append(re.escape(word))
    return ["|".join(sorted(group)) for _, group in sorted(groups.items())]


# Capitalised words that may follow "a.m."/"p.m." inside a sentence (weekdays, months, time zones).
_AFTER_CLOCK = """
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun
January February March April May June July August September October November December
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST CET CEST IST JST
Eastern Central Mountain Pacific Greenwich Universal Local Beijing Moscow Tokyo
London Paris Damascus Washington Today Tonight Tomorrow Yesterday
"""
# Words that start sentences and (capitalised) hardly ever follow "U.S."/"U.K." in one.
_SENTENCE_STARTERS = """
The A An He She It They We I You This That These Those There Here
His Her Its Their Our My Your But And Yet So Or Nor If When While
After Before Although Though Because Since As However Meanwhile Still
Then Now Also In On At For From With Without By Under Over During
One Two Three Four Five Six Seven Eight Nine Ten Some Many Most All
No Neither Both Each Every Such What Who Why How Where Officials Police
"""
# Dotted lower-case abbreviations that stay inside a sentence whatever follows.
_DOTTED_LOWER = ["e.g.", "i.e.", "c.f.", "n.b.", "a.k.a.", "p.p."]


def _word_alternation(words: str) -> str:
    """Return a regex alternation of the white-space separated ``words``, longest first."""
    unique = sorted(set(words.split()), key=lambda w: (-len(w), w))
    return "|".join(re.escape(word) for word in unique)


_NOT_INITIAL = (
    # an initial or a dotted abbreviation: "J.", "U.S.", "U.N.", "e.g.", "a.m." ...
    r"(?:(?<!\b[^\W\d_]\.)"
    # ... unless "a.m."/"p.m." is followed by a capitalised word that is no day, month or zone ...
    r"|(?<=\b[aApP]\.[mM]\.)"
    rf"(?=\s++(?!(?:{_word_alternation(_AFTER_CLOCK)})\b)[A-Z])"
    # ... or a dotted abbreviation of two or more letters by a word that starts sentences
    r"|(?<=\b[^\W\d_]\.[^\W\d_]\.)(?<![aApP]\.[mM]\.)"
    + "".join(rf"(?<!\b{re.escape(word)})" for word in _DOTTED_LOWER)
    + rf"(?=\s++(?:{_word_alternation(_SENTENCE_STARTERS)})\b(?![.\-]))"
    + ")"
)

_NOT_ABBREVIATION = (
    # the first terminator must not continue a run ("..." is matched from its first dot)
    f"(?<![{_TERM}].)"
    + _NOT_INITIAL
    + "".join(rf"(?<!\b(?:{alt})\.)" for alt in _by_length(_ABBREVIATIONS))
    # "No. 5", "Art. 2" (but "said no. He" ends a sentence)
    + "".join(rf"(?!(?<=\b(?:{alt})\.)\s*+\d)" for alt in _by_length(_NUMBER_ABBREVIATIONS))
)

_CJK_ENDS = rf"(?<=[{_CJK_TERM}]) [{_CJK_TERM}!?]*+ [{_CLOSE}]*+"
"""The end of a sentence after a CJK terminator."""
_HAN_ELLIPSIS = rf"(?<=…) …*+ [{_CLOSE}]*+ (?=[{_HAN}])"
"""An ellipsis before a Chinese character."""

_BOUNDARY_PATTERN = rf"""
(                                   # group 1: the end of a sentence
  [{_TERM}{_CJK_TERM}{_LINE_BREAKS}]
  (?:
    (?<=[{_LINE_BREAKS}])           # a line break: the sentence ends before it
  |
    {_CJK_ENDS}                     # CJK: always a boundary
  |
    {_HAN_ELLIPSIS}                 # Chinese ellipsis, no space before the next one
  |
    {_NOT_ABBREVIATION}
    [{_TERM}]*+
    (?: [{_CLOSE}] | ["'](?![^\W\d_]) )*+  # straight quotes before a letter open the next one
    (?=
      \s++ (?![{_LOWER}—–])         # space, then not a lower-case letter or a dash
    | \Z
    | [{_OPEN}]                     # a missing space before an opening quote
    | [A-Z][a-z]*+ (?![\w@./:\-])   # ... or before a capitalised word (not a URL or e-mail)
    )
  )
)
\s*+                                # the gap up to the next sentence
"""


def _cjk_ends(text: str) -> bool:
    """Whether ``text`` holds a CJK terminator or an ellipsis, without which neither the CJK
    alternative nor the ellipsis before a Chinese character can match: six scans for one
    character each (~1.3 ns a character in all), where :func:`compare._regex.script_keyed` reads
    every character with the regex engine (~8 ns) and would cost a document more than its
    segmenting saves."""
    return any(mark in text for mark in _CJK_MARKS)


_CJK_MARKS = (*_CJK_TERM, "…")

_BOUNDARY = ScriptPattern(
    _BOUNDARY_PATTERN,
    # the plain twin: both alternatives look behind for a CJK terminator or an ellipsis; on a
    # text without one they never match, and a lookahead that never does stands in
    _BOUNDARY_PATTERN.replace(_CJK_ENDS, "(?!)").replace(_HAN_ELLIPSIS, "(?!)"),
    re.VERBOSE,
    needs_full=_cjk_ends,
)
_HAS_WORD = re.compile(r"\w").search
_LINE_BREAK_SET = frozenset(_LINE_BREAKS)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets into ``text`` of the sentences of ``text[start:end]``."""
    length = len(text)
    stop = length if end is None else max(0, min(end, length))
    pos = max(0, min(start, stop))
    spans: list[tuple[int, int]] = []
    append = spans.append
    glue_start = _GLUE_START
    has_word = _HAS_WORD
    breaks = _LINE_BREAK_SET

    # Leading whitespace of the range belongs to no sentence.
    while pos < stop and text[pos].isspace():
        pos += 1

    for match in _BOUNDARY.of(text).finditer(text, pos, stop):
        first, last = match.span(1)
        if text[first] in breaks:
            last = first
            while last > pos and text[last - 1].isspace():
                last -= 1
        if last > pos:
            if spans and (text[pos] in glue_start or has_word(text, pos, last) is None):
                spans[-1] = (spans[-1][0], last)
            else:
                append((pos, last))
        pos = match.end()

    if pos < stop:
        last = stop
        while text[last - 1].isspace():
            last -= 1
        if spans and (text[pos] in glue_start or has_word(text, pos, last) is None):
            spans[-1] = (spans[-1][0], last)
        else:
            append((pos, last))
    return spans


def segment(text: str, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
    """Split ``text[start:end]`` into sentences whose offsets point into ``text``."""
    return tuple(
        Sentence(index, first, last, text[first:last])
        for index, (first, last) in enumerate(sentence_spans(text, start, end))
    )
