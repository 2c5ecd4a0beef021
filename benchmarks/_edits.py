"""Edit rules for benchmarks/perturb.py: controlled edits of one sentence, each with its answer.

Each rule takes a sentence's text and returns at most one :class:`Edit`: the edited text and the
finding type a reader should get for it (``entity`` for a swapped name, ``attribution`` for a
changed speaker, ...). The rules are written here from general knowledge of news English, not
from any evaluation data; the word lists below are the generator's own, kept apart from the
library's lists in src/compare/data so that a rule does not merely replay what the library reads.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator

import attrs


@attrs.frozen
class Edit:
    """One controlled edit of a sentence and the finding type it must produce."""

    rule: str
    """Which rule made it (``place``, ``person``, ``speaker``, ...)."""
    expected: str
    """The finding type the edit must produce."""
    text: str
    """The edited sentence."""
    note: str
    """What changed, for a person reading the benchmark's failures."""
    also: frozenset[str] = frozenset()
    """Other finding types that answer it as well (a swapped name in a speaker is a changed
    speaker); any other typed finding is a false one."""


def _split(words: str) -> tuple[str, ...]:
    """The words of a space-separated list (keeps long word lists readable)."""
    return tuple(words.split())


def pick(seed: str, options: tuple[str, ...]) -> str:
    """A deterministic choice among ``options`` from a string (no global random state)."""
    digest = hashlib.sha1(seed.encode("utf-8")).digest()
    return options[digest[0] % len(options)]


def _cap(word: str, like: str) -> str:
    """``word`` with the first letter cased as ``like``'s."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


# --- names ------------------------------------------------------------------------------------

COUNTRIES = _split(
    "China Syria Russia Iran Turkey Egypt France Germany Britain Japan India Brazil "
    "Lebanon Iraq Israel Jordan Taiwan Scotland Spain Italy Canada Mexico Ukraine Poland "
    "Qatar Libya Afghanistan Yemen Pakistan Vietnam Korea America Europe Africa Asia"
)
CITIES = _split(
    "Beijing Damascus Moscow Geneva Vienna Paris Berlin London Tokyo Cairo Tehran Ankara "
    "Aleppo Beirut Baghdad Washington Madrid Rome Doha Kyiv Warsaw Aberdeen Shanghai"
)
DEMONYMS = _split(
    "Chinese Syrian Russian Iranian Turkish Egyptian French German British Japanese "
    "Indian Brazilian Lebanese Iraqi Israeli Spanish Italian Canadian Libyan Afghan "
    "American"
)
SURNAMES = _split(
    "Putin Erdogan Macron Modi Scholz Ruiz Becker Grant Lopez Okafor Tanaka Novak Haddad "
    "Kovacs Moreau"
)
TITLES = frozenset(
    _split(
        "president minister foreign prime premier secretary general leader chairman spokesman "
        "spokeswoman spokesperson ambassador envoy mr mrs ms dr king queen prince senator "
        "governor mayor chief state vice deputy counselor councillor chancellor director"
    )
)
NOT_NAMES = frozenset(
    _split(
        "the a an and of in on at for to from by with as but or if this that these those it "
        "its he she they we i his her their our belt road initiative ministry party council "
        "nations united communist security sea asia europe africa west east north south "
        "middle arab western eastern new january february march april may june july august "
        "september october november december monday tuesday wednesday thursday friday "
        "saturday sunday updated covid coronavirus socialism republic people's news agency "
        "office side government national international assembly congress house affairs "
        "organization ministry's mediterranean gulf islamic state region states kingdom "
        "search trends related"
    )
)
REPORTING = _split(
    "said says added stressed noted told praised urged expressed emphasized emphasised "
    "affirmed stated announced warned insisted pointed called welcomed"
)


_SPEAKERS = frozenset({"attribution"})
"""A name swapped inside a speaker ("Chinese President Xi said") is answered by ``attribution``."""


def _kind(word: str) -> tuple[str, ...] | None:
    """The list of same-kind words a capitalised word belongs to, if a known place or people."""
    for group in (COUNTRIES, CITIES, DEMONYMS):
        if word in group:
            return tuple(group)
    return None


_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def _bare(word: str) -> str:
    """A word without a possessive ending."""
    return re.sub(r"[’']s$", "", word)


def _swap(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _speaker_positions(text: str) -> set[int]:
    """Word indices of a sentence next to a reporting verb (speakers: left to ``speaker``)."""
    ws = _words(text)
    out: set[int] = set()
    for i, (w, _, _) in enumerate(ws):
        if w.lower() in REPORTING:
            out.update({i - 1, i + 1})
    return out


def place(text: str, context: str) -> Edit | None:
    """Swap a country, city or people for another of the same kind that the document lacks."""
    for w, s, _e in _words(text):
        bare = _bare(w)
        group = _kind(bare)
        if group is None:
            continue
        fresh = tuple(g for g in group if g not in context)
        new = pick(text + bare, fresh)
        edited = _swap(text, s, s + len(bare), new)
        return Edit("place", "entity", edited, f"{bare} → {new}", _SPEAKERS)
    return None


def person(text: str, context: str) -> Edit | None:
    """Swap a person's (or organisation's) name not next to a reporting verb for a surname the
    document lacks; the name may open the sentence."""
    ws = _words(text)
    near_verbs = _speaker_positions(text)
    for i, (w, s, _) in enumerate(ws):
        bare = _bare(w)
        if not bare[:1].isupper() or i in near_verbs or "-" in bare:
            continue
        if bare.lower() in NOT_NAMES or bare.lower() in TITLES or _kind(bare) is not None:
            continue
        if bare.isupper() or len(bare) < 2:
            continue  # acronyms (CGTN, UN) are organisations the lists do not cover
        # a name: capitalised again elsewhere in the document, not only as a sentence opener
        if len(re.findall(rf"(?<![.!?]\s)(?<!^)\b{re.escape(bare)}\b", context)) < 2:
            continue
        fresh = tuple(n for n in SURNAMES if n not in context)
        new = pick(text + bare, fresh)
        return Edit(
            "person", "entity", _swap(text, s, s + len(bare), new), f"{bare} → {new}", _SPEAKERS
        )
    return None


def one_letter(text: str, context: str) -> Edit | None:
    """Change one letter of a mid-sentence name of five letters or more (Maria → Mario)."""
    ws = _words(text)
    for i, (w, s, _) in enumerate(ws):
        bare = _bare(w)
        if i == 0 or not bare[:1].isupper() or len(bare) < 5 or not bare.isalpha():
            continue
        if bare.lower() in NOT_NAMES or bare.lower() in TITLES or bare.isupper():
            continue
        if _kind(bare) is not None or i in _speaker_positions(text):
            continue
        last = bare[-1]
        new = bare[:-1] + ("o" if last != "o" else "a")
        if new in context:
            continue
        return Edit(
            "one_letter", "entity", _swap(text, s, s + len(bare), new), f"{bare} → {new}", _SPEAKERS
        )
    return None


_SPEAKER_RE = re.compile(
    r"\b((?:the |The )?(?:[A-Z][\w’'-]*\s)*[A-Z][\w’'-]*)\s+(" + "|".join(REPORTING) + r")\b"
)
_ROLE_RE = re.compile(r"\b([Tt]he) (\w+) (" + "|".join(REPORTING) + r")\b")
ROLES = ("ministry", "city", "firm", "agency", "embassy", "government", "mayor", "minister")


def speaker(text: str, context: str) -> Edit | None:
    """Change who speaks: the name before a reporting verb (Kudlow said → Trump said), or a
    described speaker (the mayor said → the city said)."""
    for m in _SPEAKER_RE.finditer(text):
        run = m.group(1)
        last = _words(run)[-1]
        bare = _bare(last[0])
        if bare.lower() in NOT_NAMES or bare.lower() in TITLES or _kind(bare) is not None:
            continue
        fresh = tuple(n for n in SURNAMES if n not in context)
        new = pick(text + bare, fresh)
        s = m.start(1) + last[1]
        edited = _swap(text, s, s + len(bare), new)
        return Edit("speaker", "attribution", edited, f"{bare} → {new} ({m.group(2)})")
    for m in _ROLE_RE.finditer(text):
        role = m.group(2)
        if role.lower() in NOT_NAMES - {"ministry", "agency", "government", "office", "side"}:
            continue
        new = pick(text + role, tuple(r for r in ROLES if r != role.lower()))
        edited = _swap(text, m.start(2), m.end(2), new)
        return Edit("speaker", "attribution", edited, f"the {role} → the {new}")
    return None


# --- numbers ----------------------------------------------------------------------------------

NUMBER_WORDS = _split("two three four five six seven eight nine ten twelve twenty fifty hundred")
_DIGITS_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,]*\d)")


def number(text: str, context: str) -> Edit | None:
    """Change a number: a figure (65 → 72, a year one on, COVID-19 → COVID-24) or a number word."""
    for m in _DIGITS_RE.finditer(text):
        raw = m.group()
        value = float(raw.replace(",", ""))
        if 1900 <= value <= 2100 and "." not in raw:
            new = str(int(value) + 1)
        else:
            step = max(1, round(value * 0.3))
            bumped = value + step
            new = f"{bumped:,.0f}" if "," in raw else f"{bumped:g}"
        return Edit("number", "number", _swap(text, m.start(), m.end(), new), f"{raw} → {new}")
    for w, s, e in _words(text):
        if w.lower() in NUMBER_WORDS:
            new = _cap(pick(text + w, tuple(n for n in NUMBER_WORDS if n != w.lower())), w)
            return Edit("number", "number", _swap(text, s, e, new), f"{w} → {new}")
    return None


# --- polarity, hedges, intensity ----------------------------------------------------------------

AUXILIARIES = frozenset(_split("is are was were will would can could should must has have had"))
OPPOSITES = {
    "support": "oppose", "supports": "opposes", "supported": "opposed",
    "welcome": "reject", "welcomes": "rejects", "welcomed": "rejected",
    "strengthen": "weaken", "strengthening": "weakening", "increase": "decrease",
    "increased": "decreased", "rise": "fall", "rises": "falls", "rose": "fell",
    "safe": "unsafe", "accept": "reject", "accepted": "rejected", "admitted": "denied",
    "confirmed": "denied", "success": "failure", "stability": "instability",
    "peace": "war", "friendly": "hostile", "expand": "reduce", "deepen": "weaken",
    "better": "worse", "improve": "worsen", "victory": "defeat", "victories": "defeats",
    "agreed": "refused", "positive": "negative", "ready": "unwilling", "important": "unimportant",
    "legal": "illegal", "possible": "impossible", "win": "lose", "won": "lost",
}  # fmt: skip
VERBS = frozenset(
    _split(
        "supports supported welcomed pledged agreed praised condemned promised expressed "
        "urged called stressed rejected hopes invites wants believes said added noted stated "
        "vowed reiterated highlighted appreciated thanked affirmed emphasized emphasised "
        "reached"
    )
)
HEDGES = ("reportedly", "allegedly", "apparently")
INTENSIFIERS = ("strongly", "firmly", "fully")


def _first(text: str, wanted: Callable[[str], bool]) -> tuple[str, int, int] | None:
    for i, (w, s, e) in enumerate(_words(text)):
        if i > 0 and w.islower() and wanted(w):
            return w, s, e
    return None


def negate(text: str, context: str) -> Edit | None:
    """Negate the first auxiliary (is → is not) or a listed verb (supports → does not support)."""
    ws = _words(text)
    for i, (w, _s, e) in enumerate(ws):
        nxt = ws[i + 1][0].lower() if i + 1 < len(ws) else ""
        if i > 0 and w in AUXILIARIES and nxt not in ("not", "never", "no"):
            return Edit("negate", "polarity", _swap(text, e, e, " not"), f"{w} → {w} not")
    found = _first(text, lambda w: w in ("supports", "welcomed", "agreed", "pledged", "wants"))
    if found is None:
        return None
    w, s, e = found
    base = {"supports": "does not support", "wants": "does not want"}.get(w)
    new = base or f"did not {w[:-2] if w.endswith('ed') else w}"
    new = {"did not pledg": "did not pledge", "did not agre": "did not agree"}.get(new, new)
    return Edit("negate", "polarity", _swap(text, s, e, new), f"{w} → {new}")


def opposite(text: str, context: str) -> Edit | None:
    """Replace a word by its opposite (rises → falls, safe → unsafe, confirmed → denied)."""
    found = _first(text, lambda w: w in OPPOSITES)
    if found is None:
        return None
    w, s, e = found
    return Edit("opposite", "polarity", _swap(text, s, e, OPPOSITES[w]), f"{w} → {OPPOSITES[w]}")


def _verb(text: str) -> tuple[str, int, int] | None:
    """The first listed verb of a sentence (not its first word)."""
    return _first(text, lambda w: w in VERBS and w not in ("said", "added", "noted", "stated"))


def _before_verb(text: str, rule: str, expected: str, options: tuple[str, ...]) -> Edit | None:
    """Put one of ``options`` before the first listed verb of a sentence."""
    found = _verb(text)
    if found is None:
        return None
    _w, s, _ = found
    new = pick(text, options)
    return Edit(rule, expected, _swap(text, s, s, new + " "), f"adds {new}")


def hedge(text: str, context: str) -> Edit | None:
    """Put a hedge before the first listed verb (pledged → reportedly pledged)."""
    return _before_verb(text, "hedge", "hedge", HEDGES)


def intensify(text: str, context: str) -> Edit | None:
    """Put an intensifier before the first listed verb (supports → strongly supports)."""
    return _before_verb(text, "intensify", "intensity", INTENSIFIERS)


# --- quotes -----------------------------------------------------------------------------------

_QUOTE_RE = re.compile(r"[“\"]([^”\"“]{12,})[”\"]")
QUOTE_WORDS = ("lasting", "genuine", "steady", "broad", "shared")


def alter_quote(text: str, context: str) -> Edit | None:
    """Replace one word of five letters or more inside a quote with another word."""
    m = _QUOTE_RE.search(text)
    if m is None:
        return None
    for w, s, e in _words(m.group(1)):
        if len(w) >= 5 and w.islower() and w not in NOT_NAMES:
            new = pick(text + w, tuple(q for q in QUOTE_WORDS if q not in text))
            at = m.start(1)
            return Edit("alter_quote", "quote", _swap(text, at + s, at + e, new), f"{w} → {new}")
    return None


_DIRECT_RE = re.compile(
    r"^[“\"](?P<quote>[^”\"“]{12,}?)[,.]?[”\"],? (?P<who>[A-Z][\w’' -]{1,40}?|he|she) "
    r"(?P<verb>" + "|".join(REPORTING) + r")(?P<rest>[^“”\"]*)$"
)
_REPORTED_RE = re.compile(
    r"^(?P<who>(?:[A-Z][\w’'-]* ){0,4}[A-Z][\w’'-]*) (?P<verb>said|says|added|stressed|noted) "
    r"(?:that )?(?P<clause>[^“”\"]{20,})\.$"
)


def to_reported(text: str, context: str) -> Edit | None:
    """Turn a direct quote into reported speech: “We will win,” Grant said → Grant said that we
    will win."""
    m = _DIRECT_RE.match(text.strip())
    if m is None:
        return None
    quote = m.group("quote").rstrip(" ,.")
    keep = quote[1:2].isupper() or quote[:2] in ("I ", "I’", "I'")
    clause = quote if keep else quote[:1].lower() + quote[1:]
    who = m.group("who")
    who = who[:1].upper() + who[1:]
    rest = m.group("rest").rstrip(". ")
    edited = f"{who} {m.group('verb')}{rest} that {clause}."
    return Edit("to_reported", "quote", edited, "direct → reported speech")


def to_direct(text: str, context: str) -> Edit | None:
    """Turn reported speech into a direct quote: Grant said that we will win → “We will win,”
    Grant said."""
    m = _REPORTED_RE.match(text.strip())
    if m is None:
        return None
    clause = m.group("clause")
    edited = f"“{clause[:1].upper()}{clause[1:]},” {m.group('who')} {m.group('verb')}."
    return Edit("to_direct", "quote", edited, "reported → direct speech")


RULES: tuple[Callable[[str, str], Edit | None], ...] = (
    place,
    person,
    one_letter,
    speaker,
    number,
    negate,
    opposite,
    hedge,
    intensify,
    alter_quote,
    to_reported,
    to_direct,
)
"""Every rule, in the order the benchmark applies them."""


def edits(text: str, context: str) -> Iterator[Edit]:
    """Every rule's edit of one sentence (``context``: the whole document's text)."""
    for rule in RULES:
        found = rule(text, context)
        if found is not None and found.text != text:
            yield found
