"""Numbers, dates and times in a text, normalised so that different spellings compare equal.

``10`` = ``ten``; ``ten-year`` = ``decade-long`` (both 10); ``50th`` = ``50``; ``5 Nov`` =
``November 5`` = ``05-Nov-2021``; ``21:01``; ``5%`` = ``5 per cent``; ``$3 million`` =
``3 million dollars``. The words come from the language's ``numbers`` list
(:mod:`compare.lexicon`); digits, signs and the shapes of ISO dates and clock times are the only
things read without a list.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import attrs

from compare._cache import bounded
from compare._records import record_repr
from compare._regex import Lazy, ScriptPattern, script_keyed
from compare.lexicon import Lexicon, words
from compare.scripts import HAN
from compare.tokens import HAN_NUMERALS, fold, keeps_places

__all__ = ["Quantity", "quantities", "same_quantity"]

_TOKEN_RE = ScriptPattern(
    r"\d{4}-\d{1,2}-\d{1,2}(?!\w)"  # ISO date
    r"|\d{1,2}[-/ ][A-Za-z]{3,9}\.?[-/ ]\d{2,4}(?!\w)"  # 05-Nov-2021
    r"|\d+(?:[.,:]\d+)*[^\W\d_" + HAN + "]*"  # digits, 1,000 6.9 21:01, with an ending: 50th
    rf"|[{HAN_NUMERALS}]+|[{HAN}]"  # Chinese numerals (三千二百), or one Chinese character
    r"|\w+(?:['’.-]\w+)*"  # a word, hyphenated compounds included
    r"|[^\w\s]",  # a sign
    # the plain twin, for text without Chinese (or Arabic): no Chinese class to hold
    r"\d{4}-\d{1,2}-\d{1,2}(?!\w)"
    r"|\d{1,2}[-/ ][A-Za-z]{3,9}\.?[-/ ]\d{2,4}(?!\w)"
    r"|\d+(?:[.,:]\d+)*[^\W\d_]*"
    r"|\w+(?:['’.-]\w+)*"
    r"|[^\w\s]",
)
_DIGITS_RE = re.compile(r"(\d+(?:[.,:]\d+)*)([^\W\d_]*)")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_RE = re.compile(r"(\d{1,2})[-/ ]([A-Za-z]{3,9})\.?[-/ ](\d{2,4})")


@attrs.frozen
class Quantity:
    """A number, date or time found in a text, with its normalised value and its span."""

    __repr__ = record_repr

    kind: str
    """``number``, ``percent``, ``money``, ``date``, ``weekday`` or ``time``."""
    value: tuple[float | str | None, ...]
    """The normalised value: (n,), (currency, n), (month, day, year), (weekday,), (h, m)."""
    start: int
    """Offset of the first character in the text searched."""
    end: int
    """Offset one past the last character."""
    text: str
    """The words as written."""


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities say the same; a date's missing day or year matches any."""
    if a.kind != b.kind:
        return False
    if a.kind != "date":
        return a.value == b.value
    return all(x is None or y is None or x == y for x, y in zip(a.value, b.value, strict=True))


_Tok = tuple[str, str, int, int]
"""A token as read: its text, its folded key, its start and end (a plain tuple: a named one is
built by a Python-level call, and every token of every text with a number is one)."""
_TEXT: Final = 0
_KEY: Final = 1
_START: Final = 2
_END: Final = 3


def _number(text: str) -> float | None:
    """Read digits with thousands separators or a decimal point: ``1,000``, ``6.9``."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


class _Reader:
    """Scan the tokens of one text for quantities."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        folded = fold(text)
        if len(folded) == len(text) and keeps_places(text):  # every character kept its place
            self.toks: list[_Tok] = [
                (m.group(), folded[m.start() : m.end()], m.start(), m.end())
                for m in _TOKEN_RE.of(text).finditer(text)
            ]
        else:
            self.toks = [
                (m.group(), fold(m.group()), m.start(), m.end())
                for m in _TOKEN_RE.of(text).finditer(text)
            ]
        self.out: list[Quantity] = []

    def key(self, i: int) -> str:
        return self.toks[i][_KEY] if 0 <= i < len(self.toks) else ""

    def emit(self, kind: str, value: tuple[float | str | None, ...], i: int, j: int) -> None:
        start, end = self.toks[i][_START], self.toks[j - 1][_END]
        self.out.append(Quantity(kind, value, start, end, self.text[start:end]))

    def word_value(self, key: str) -> tuple[float, bool] | None:
        """Value of a number word and whether it is strong (counts alone)."""
        lex = self.lex
        for table, strong in (
            (lex.numbers, True),
            (lex.ordinals, True),
            (lex.fractions, True),
            (lex.weak_numbers, False),
        ):
            if key in table:
                return table[key], strong
        parts = key.split("-")
        if len(parts) < 2:
            return None
        values = [self.word_value(p) for p in parts]
        if values[0] is None:
            return None  # COVID-19, G-20: a name with a number in it
        if all(v is not None for v in values):  # twenty-five
            return sum(v[0] for v in values if v is not None), True
        return values[0][0], True  # ten-year, decade-long: a number with a unit

    def token_value(self, i: int) -> tuple[float, bool] | None:
        """Value of the token at ``i`` if it is a number, and whether it counts alone."""
        key = self.toks[i][_KEY]
        digits = _DIGITS_RE.fullmatch(key)
        if digits:
            number = _number(digits.group(1))
            ending = digits.group(2)
            if number is None:
                return None
            if ending in self.lex.scales:
                return number * self.lex.scales[ending], True
            if ending and ending not in self.lex.ordinal_endings and ending != "s":
                return None  # 3D, 4x4: not a quantity
            return number, True
        return self.word_value(key)

    def month_at(self, i: int) -> int | None:
        return self.lex.months.get(self.key(i).rstrip("."))

    def capitalised(self, i: int) -> bool:
        """Capitalised, or in a script without case (Arabic ``الجمعة`` is a weekday)."""
        first = self.toks[i][_TEXT][:1]
        return first.isupper() or (first.isalpha() and first.lower() == first.upper())

    def day_or_year(self, i: int) -> tuple[int | None, int | None] | None:
        """A day (1-31) or a year (4 digits) written in digits at ``i``."""
        digits = _DIGITS_RE.fullmatch(self.key(i))
        if not digits or digits.group(2) not in ("", *self.lex.ordinal_endings):
            return None
        raw = digits.group(1)
        if not raw.isdigit() or (len(raw) != 4 and len(raw.lstrip("0")) > 2):
            return None  # neither a day nor a year (and never int() of 4,300+ digits)
        n = int(raw)
        if len(raw) == 4:
            return None, n
        return (n, None) if 1 <= n <= 31 else None

    def date(self, i: int) -> int:
        """Read a date at ``i`` (``5 Nov``, ``November 5, 2021``, ``November 2021``); its end."""
        month = self.month_at(i)
        if month is not None:
            j = i + 1
            day = year = None
            got = self.day_or_year(j)
            if got and got[0] is not None:
                day, j = got[0], j + 1
                if self.key(j) == "," and (y := self.day_or_year(j + 1)) and y[1]:
                    year, j = y[1], j + 2
            if got and got[1] is not None:
                year, j = got[1], j + 1
            if j == i + 1 and not self.capitalised(i):
                return i  # "may", "march": a month only when capitalised or beside a number
            self.emit("date", (month, day, year), i, j)
            return j
        got = self.day_or_year(i)
        if got and got[0] is not None and (month := self.month_at(i + 1)) is not None:
            j = i + 2
            year = None
            if (y := self.day_or_year(j)) and y[1]:
                year, j = y[1], j + 1
            self.emit("date", (month, got[0], year), i, j)
            return j
        return i

    def special(self, i: int) -> bool:
        """Read an ISO date, a day-month-year token or a clock time at ``i``."""
        key = self.key(i)
        if m := _ISO_RE.fullmatch(key):
            self.emit("date", (int(m.group(2)), int(m.group(3)), int(m.group(1))), i, i + 1)
            return True
        if (m := _DMY_RE.fullmatch(key)) and m.group(2) in self.lex.months:
            year = int(m.group(3))
            year = year + 2000 if year < 100 else year
            self.emit("date", (self.lex.months[m.group(2)], int(m.group(1)), year), i, i + 1)
            return True
        if m := _TIME_RE.fullmatch(key):
            h, mi = int(m.group(1)), int(m.group(2))
            if h < 24 and mi < 60:
                self.emit("time", (h, mi), i, i + 1)
                return True
        return False

    def currency_at(self, i: int) -> str | None:
        return self.lex.currencies.get(self.key(i))

    def percent_after(self, j: int) -> int:
        """Tokens of a percent word or sign starting at ``j`` (0 when none)."""
        for size in (2, 1):
            phrase = " ".join(self.key(k) for k in range(j, j + size))
            if phrase in self.lex.percent:
                return size
        return 0

    def number(self, i: int) -> int:
        """Read a number, with its scale, currency or percent sign, at ``i``; its end."""
        got = self.token_value(i)
        if got is None:
            return i
        value, strong = got
        j = i + 1
        while self.key(j) in self.lex.scales:
            value *= self.lex.scales[self.key(j)]
            strong, j = True, j + 1
        start = i
        currency = self.currency_at(i - 1)
        if currency is not None:
            start, strong = i - 1, True
        elif (after := self.currency_at(j)) is not None:
            currency, strong, j = after, True, j + 1
        if currency is not None:
            self.emit("money", (currency, value), start, j)
            return j
        if size := self.percent_after(j):
            self.emit("percent", (value,), i, j + size)
            return j + size
        if strong:
            self.emit("number", (value,), i, j)
        return j

    def may_start(self, i: int, vocabulary: frozenset[str]) -> bool:
        """Whether a quantity can start at ``i``: a token opening with a digit (ISO date, time,
        number, day), a month, a weekday or a number word (:func:`_vocabulary`)."""
        key = self.toks[i][_KEY]
        if key[:1].isdigit() or key in vocabulary:
            return True
        if "-" in key and key.split("-")[0] in vocabulary:
            return True
        bare = key.rstrip(".")
        return bare in self.lex.months or bare in self.lex.weekdays

    def run(self) -> list[Quantity]:
        vocabulary = _vocabulary(self.lex)
        i = 0
        while i < len(self.toks):
            if not self.may_start(i, vocabulary):
                i += 1  # what the steps below would do: nothing starts here
                continue
            if self.special(i):
                i += 1
                continue
            j = self.date(i)
            if j > i:
                i = j
                continue
            day = self.lex.weekdays.get(self.key(i).rstrip("."))
            if day is not None and self.capitalised(i):
                self.emit("weekday", (day,), i, i + 1)
                i += 1
                continue
            j = self.number(i)
            i = j if j > i else i + 1
        return self.out


@lru_cache(maxsize=16)
def _vocabulary(lex: Lexicon) -> frozenset[str]:
    """Every word that can start or make a quantity, and the first part of compounds."""
    tables = (lex.numbers, lex.weak_numbers, lex.ordinals, lex.fractions, lex.currencies)
    out = {w for table in tables for w in table}
    out |= set(lex.months) | set(lex.weekdays)
    return frozenset(out | {w.split("-")[0] for w in out})


@bounded()
def quantities(text: str, lex: Lexicon) -> tuple[Quantity, ...]:
    """Return the numbers, dates and times of ``text``, in order, with spans into it."""
    if (
        not _has_digit(text)
        and not _has_quantity_word(text, _vocabulary(lex))
        and (not script_keyed(text) or _HAN_NUMBER_RE().search(text) is None)
    ):
        return ()  # most sentences: nothing to read
    return tuple(_Reader(text, lex).run())


_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_HAN_NUMBER_RE = Lazy(f"[{HAN_NUMERALS}]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _has_digit(text: str) -> bool:
    """Whether any character of a text is a digit (``str.isdigit``)."""
    if _ASCII_DIGIT_RE.search(text) is not None:
        return True
    return not text.isascii() and any(ch.isdigit() for ch in _NON_ASCII_RE.findall(text))


def _has_quantity_word(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word of a text (or the first part of a compound) can start a quantity."""
    for w, _, _ in words(text):
        if w in vocabulary or ("-" in w and w.split("-")[0] in vocabulary):
            return True
    return False
