"""Recognise page debris and datelines among a text's sentences: set aside, never dropped.

Web pages and wire copy carry lines that are not claims about the event: a time stamp, a byline,
a photo credit, share bars, a "Search Trends" box, and the wire dateline that opens the first
paragraph. Compared as sentences they become "omitted" sentences and unique claims. The rules
below recognise them; each one becomes a :class:`~compare.model.Debris` span of the document
(its characters belong to no sentence, as a header's do) and, where it says something about the
page, a ``meta`` value (``setdefault``: front matter and extracted page metadata win).

Rules, applied to each sentence that fills a whole line (only the dateline rule looks inside a
sentence, at its start); matching ignores case unless said otherwise:

========== ============================================================= ===================
kind       the line (whole line, trailing ``.:|`` and spaces aside)      meta set
========== ============================================================= ===================
updated    ``Updated``/``Published``/``Posted``/``Last updated``/``First  ``updated``; ``date``
           published`` (optional ``on``/``:``), then only date and time   (ISO) when the date
           words: digits, month names, ``am pm GMT UTC ET BJT``...,       parses; ``author``
           optionally ``by Name`` (``Updated 21:01, 05-Nov-2021``,        from ``by``
           ``Posted on November 6, 2021 by Staff writer``)
byline     ``By`` then one to four capitalised names joined by ``,``/      ``author``
           ``and``/``&``, optionally ``, Outlet`` or `` | Outlet``
           (``By Jane Doe``, ``By JANE DOE and Li Wei, Reuters``); case
           of the names matters
credit     starts ``Photo``/``Image``/``Picture``/``Photograph``/         (none)
           ``File photo``/``Video`` then ``:`` ``/`` ``by`` ``credit``,
           or is ``(Photo/...)``, ``AP Photo/...``, ``REUTERS/...``,
           ``Getty Images``, ``Xinhua/...``
page       one of the page furniture phrases of
           ``compare/data/page_debris_en.txt`` (``Search Trends``,
           ``Share this``, ``Read more``, ``Advertisement``...)
dateline   at the start of a line, in one of the first three sentences    ``dateline``
           set aside by no other rule, once per text: a place in
           capitals, optionally ``, State``/``, Month Day``, optionally
           ``(Agency)``, then a dash ``—``, ``–``, ``--`` or ``-``
           (``PALM BEACH, Fla. —``, ``BEIJING, Nov. 5 (Xinhua) --``); case
           matters; the record holds the place and the dash, the sentence
           the words after it
menu       three or more lines in a row, each of at most three words      (none)
           without a final ``. ! ? … ;`` or closing quote or bracket
           (navigation bars, tag lists, lists of links)
========== ============================================================= ===================

A line longer than 120 characters is never debris; neither is a text's only sentence (nothing
would be left to compare).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from functools import cache

from compare._data import required_text
from compare._regex import Lazy
from compare.model import Debris

__all__ = ["find_debris"]

_MAX_LINE = 120
_DATELINE_WITHIN = 3
"""A dateline opens one of the first three sentences (after a headline, a byline, a stamp)."""
_MENU_RUN = 3
"""So many menu-like lines in a row, or more, are a menu (navigation, tags, a list of links)."""
_MENU_WORDS = 3
"""A menu-like line has at most so many words and no final stop, colon or closing quote."""
_SENTENCE_END = frozenset('.!?…;"”’»)。！？；」』）؟')
"""A line ending so is a sentence, never a menu item (Chinese and Arabic stops included)."""
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = (
    "mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
)
_ZONES = "am|pm|a\\.m\\.|p\\.m\\.|gmt|utc|bjt|cst|est|edt|et|pt|pst|pdt|bst|cet|cest|ist|jst"
_TIME_WORD = (
    rf"(?:\d{{1,2}}-(?:{_MONTHS})-\d{{2,4}}|\d[\d:./-]*|{_MONTHS}|{_DAYS}|{_ZONES}"
    r"|at|on|of|[+-]\d+)\.?"
)
_UPDATED_START = re.compile(r"(?:last|first|updated|published|posted)", re.IGNORECASE)
"""How every line :data:`_UPDATED` matches begins (under the same case rules): a line that does
not begin so is no time stamp, and most texts never compile :data:`_UPDATED` (~2 ms)."""
_UPDATED = Lazy(
    rf"(?:last\s+updated|first\s+published|updated|published|posted)\s*(?:on\b|:)?\s*"
    rf"(?P<value>{_TIME_WORD}(?:[\s,|]+{_TIME_WORD})*)"
    r"(?:\s+by\s+(?P<author>[A-Z][\w'’.\-]*(?:\s+[\w'’.\-]+){0,3}))?",
    re.IGNORECASE,
)
_NAME = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.)"
_PERSON = rf"{_NAME}(?:\s+{_NAME}){{0,3}}"
_BYLINE = Lazy(  # matched only on a line that begins "By" (~1 ms to compile)
    rf"By\s+(?P<value>{_PERSON}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_PERSON}){{0,3}})"
    rf"(?:\s*[,|]\s*{_PERSON})?"
)
_CREDIT = re.compile(
    r"(?:(?:file\s+)?(?:photo(?:graph)?|image|picture|video)s?\s*(?:credit\s*)?(?::|/|by\b)"
    r"|\((?:photo|image|file\s+photo)\b|ap\s+photo\s*/|reuters\s*/|afp\s*/|xinhua\s*/"
    r"|getty\s+images\b)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"(?P<value>[A-Z][A-Z'.\-]+(?:\s[A-Z][A-Z'.\-]+){0,3}"
    r"(?:,\s(?:[A-Z][a-z]{1,8}\.?(?:\s\d{1,2})?|[A-Z]\.[A-Z]\.)){0,2}"
    r"(?:\s\([A-Z][\w .&]{0,30}\))?)"
    r"\s*(?:—|–|--|-)\s+"
)
_TRAILING = ".:|· \t"
_DATE_FORMATS = ("%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%Y-%m-%d")


@cache
def _page_phrases() -> frozenset[str]:
    """The page furniture phrases of ``data/page_debris_en.txt``, lower-cased."""
    data = required_text("data/page_debris_en.txt")
    lines = (line.split("#", 1)[0].strip().lower() for line in data.splitlines())
    return frozenset(line for line in lines if line)


_DATE_IN_VALUE = Lazy(
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}-[A-Za-z]{{3}}-\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}",
    re.IGNORECASE,
)


def _iso_date(value: str) -> str | None:
    """The ISO date in an ``Updated`` value (``21:01, 05-Nov-2021`` -> ``2021-11-05``), or None."""
    for found in _DATE_IN_VALUE().findall(value):
        candidate = found.replace(",", "").replace(".", "")
        candidate = re.sub(r"(?i)\bsept\b", "Sep", candidate)
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def _line_edges(text: str, spans: list[tuple[int, int]]) -> list[tuple[bool, bool]]:
    """For each span: whether it starts a line, and whether it ends one.

    The gaps between sentence spans hold only white space, so a span starts a line when the gap
    before it holds a line break (the first: when the text before it does), and ends one when the
    gap after it does (the last: when only white space follows). Linear in the text's length.
    """
    edges = []
    for k, (start, end) in enumerate(spans):
        before = text[spans[k - 1][1] if k else 0 : start]
        starts = "\n" in before if k else not before.strip() or before.rstrip(" \t").endswith("\n")
        ends = "\n" in text[end : spans[k + 1][0]] if k + 1 < len(spans) else not text[end:].strip()
        edges.append((starts, ends))
    return edges


def _line_kind(line: str) -> tuple[str, dict[str, str]] | None:
    """The debris kind of a whole line and the ``meta`` values it gives, or None."""
    if len(line) > _MAX_LINE:
        return None
    core = line.rstrip(_TRAILING)
    if core.lower() in _page_phrases():
        return "page", {}
    match = _UPDATED().fullmatch(core) if _UPDATED_START.match(core) else None
    if match is not None:
        value = match.group("value").strip(" ,|")
        meta = {"updated": value}
        date = _iso_date(value)
        if date is not None:
            meta["date"] = date
        if match.group("author"):
            meta["author"] = match.group("author")
        return "updated", meta
    match = _BYLINE().fullmatch(core) if core.startswith("By") else None
    if match is not None:
        return "byline", {"author": match.group("value")}
    if _CREDIT.match(core) is not None:
        return "credit", {}
    return None


def _menu_lines(
    text: str, spans: list[tuple[int, int]], edges: list[tuple[bool, bool]]
) -> set[int]:
    """Indices of spans in runs of three or more menu-like lines (see the rules table)."""
    found: set[int] = set()
    run: list[int] = []
    for k, (start, end) in enumerate([*spans, (0, 0)]):
        piece = text[start:end]
        menu_like = (
            end > start
            and all(edges[k])
            and len(piece.split()) <= _MENU_WORDS
            and piece.rstrip()[-1] not in _SENTENCE_END
        )
        if menu_like and (not run or text.count("\n", spans[run[-1]][1], start) == 1):
            run.append(k)
            continue
        if len(run) >= _MENU_RUN:
            found.update(run)
        run = [k] if menu_like else []
    return found


def find_debris(
    text: str, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], tuple[Debris, ...], Mapping[str, str]]:
    """Set page debris aside: return the sentence spans left, the debris, and meta they give.

    ``spans`` are the sentence spans of ``text`` (:func:`compare.segment.sentence_spans`).
    Every character of a sentence ends up in exactly one returned span or debris record.
    """
    kept: list[tuple[int, int]] = []
    debris: list[Debris] = []
    meta: dict[str, str] = {}
    edges = _line_edges(text, spans)
    menu = _menu_lines(text, spans, edges)
    for k, (start, end) in enumerate(spans):
        found = _line_kind(text[start:end]) if all(edges[k]) else None
        if found is None and k in menu:
            found = ("menu", {})
        if found is not None:
            kind, values = found
            debris.append(Debris(start, end, kind, text[start:end]))
            for key, value in values.items():
                meta.setdefault(key, value)
            continue
        dateline = None
        if "dateline" not in meta and len(kept) < _DATELINE_WITHIN and edges[k][0]:
            dateline = _DATELINE.match(text, start, end)
        if dateline is not None and dateline.end() < end and len(dateline.group("value")) > 2:
            stop = dateline.end()
            while text[stop - 1].isspace():
                stop -= 1
            debris.append(Debris(start, stop, "dateline", text[start:stop]))
            meta["dateline"] = dateline.group("value")
            kept.append((dateline.end(), end))
            continue
        kept.append((start, end))
    if not kept and debris:  # never leave a text with nothing to compare
        return list(spans), (), {}
    return kept, tuple(debris), meta
