"""Interpretable STS (SemEval-2016 Task 2): read and write ``.wa`` files, and score them.

The ``.wa`` format of the task: one ``<sentence id="N" status="">`` block per pair, holding the
two sentences (``// ...`` lines), their numbered tokens (``<source>``, ``<translation>``) and one
line per chunk alignment::

    6 7 8 <==> 5 6 // EQUI // 5 // for the Philippines <==> to Philippines

(token numbers from 1 on each side, ``0`` for "no counterpart"; the types, ``_``-joined when
there are several such as ``SPE1_FACT``; a score 0-5 or ``NIL``; a free comment).

:func:`score` is our own implementation of the task's official measure as described in
``../shared/eval/README.md`` (after Melamed 1998):

- every chunk:chunk alignment expands into token:token pairs; tokens that are a single
  punctuation mark ``.,:'`?;"-`` (read from the gold sentence) are dropped, and alignments with
  ``0`` on one side (NOALI, ALIC) give no pair;
- each pair weighs ``1 / max(fan-out of its two tokens)``, the fan-out of a token being the number
  of pairs it takes part in, within its own file (system weights for precision, gold weights for
  recall);
- precision = weighted overlap / weighted system pairs, recall = weighted overlap / weighted gold
  pairs, both pooled over every pair of the file, and F1 from them;
- ``ali`` ignores types and scores; ``type`` counts a pair by the Jaccard index of the two type
  sets; ``score`` multiplies its weight by ``1 - |score_sys - score_gold| / 5``; ``typesco`` does
  both, with no type penalty among {SPE1, SPE2, REL, SIMI} when both scores are in (0, 2], nor
  between EQUI and SIMI/SPE when the SIMI/SPE side scores 4 or more.

Nothing here imports ``compare``; ``benchmarks/ists.py`` builds the system alignments.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "MEASURES",
    "Alignment",
    "Pair",
    "Scores",
    "read_wa",
    "score",
    "write_wa",
]

MEASURES = ("ali", "type", "score", "typesco")
"""The four measures of the task: F1 Ali, F1 Type, F1 Score, F1 Typ+Sco."""

_PUNCT = re.compile(r"^[.,:'`?;\"-]$")
_SENTENCE = re.compile(r'<sentence id="([^"]*)"')
_NO_PENALTY_LOW = {"spe1", "spe2", "rel", "simi"}


@dataclass(frozen=True)
class Alignment:
    """One chunk alignment: token numbers (from 1) on both sides, types, score (None for NIL)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    types: tuple[str, ...]
    score: float | None
    comment: str = ""


@dataclass
class Pair:
    """One sentence pair of a ``.wa`` file: its two token lists and its chunk alignments."""

    id: str
    a_tokens: list[str]
    b_tokens: list[str]
    alignments: list[Alignment] = field(default_factory=list)


def _numbers(text: str) -> tuple[int, ...]:
    """Token numbers of one side of an alignment line (``0`` stands for none)."""
    out = tuple(int(t) for t in text.split())
    return () if not out or out[0] == 0 else out


def read_wa(path: Path) -> dict[str, Pair]:
    """Read a ``.wa`` file into pairs by id; raise ``ValueError`` on a malformed line."""
    pairs: dict[str, Pair] = {}
    current: Pair | None = None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, 1):
        found = _SENTENCE.search(line)
        if found:
            sent1 = lines[number].removeprefix("// ") if number < len(lines) else ""
            sent2 = lines[number + 1].removeprefix("// ") if number + 1 < len(lines) else ""
            current = Pair(found.group(1), sent1.split(" "), sent2.split(" "))
            pairs[current.id] = current
            continue
        if "<==>" not in line:
            continue
        if current is None:
            raise ValueError(f"{path}:{number}: alignment before any <sentence>")
        parts = line.split("//")
        if len(parts) < 3:
            raise ValueError(f"{path}:{number}: expected 'A <==> B // TYPE // SCORE // ...'")
        left, _, right = parts[0].partition("<==>")
        raw_score = parts[2].strip()
        try:
            value = None if raw_score.upper() in ("NIL", "") else float(raw_score)
            alignment = Alignment(
                _numbers(left),
                _numbers(right),
                tuple(t for t in parts[1].strip().split("_") if t),
                value,
                "//".join(parts[3:]).strip(),
            )
        except ValueError as error:
            raise ValueError(f"{path}:{number}: {error}") from None
        current.alignments.append(alignment)
    if not pairs:
        raise ValueError(f"{path}: no <sentence> blocks")
    return pairs


def write_wa(pairs: Iterable[Pair]) -> str:
    """Return pairs in the official ``.wa`` format (what ``evalF1.pl`` and ``read_wa`` read)."""
    out: list[str] = []
    for pair in pairs:
        out.append(f'<sentence id="{pair.id}" status="">')
        out.append("// " + " ".join(pair.a_tokens))
        out.append("// " + " ".join(pair.b_tokens))
        for tag, tokens in (("source", pair.a_tokens), ("translation", pair.b_tokens)):
            out.append(f"<{tag}>")
            out.extend(f"{i} {tok} : " for i, tok in enumerate(tokens, 1))
            out.append(f"</{tag}>")
        out.append("<alignment>")
        for al in pair.alignments:
            a = " ".join(map(str, al.a)) or "0"
            b = " ".join(map(str, al.b)) or "0"
            score = "NIL" if al.score is None else f"{al.score:g}"
            a_text = " ".join(pair.a_tokens[i - 1] for i in al.a) or "-not aligned-"
            b_text = " ".join(pair.b_tokens[i - 1] for i in al.b) or "-not aligned-"
            types = "_".join(al.types)
            out.append(f"{a} <==> {b} // {types} // {score} // {a_text} <==> {b_text} ")
        out.append("</alignment>")
        out.append("</sentence>")
        out.append("")
        out.append("")
    return "\n".join(out)


Link = tuple[int, int]
Label = tuple[frozenset[str], float]


@dataclass
class _Tokens:
    """Token:token pairs of one sentence pair with their labels, and each token's fan-out."""

    labels: dict[Link, Label]
    fan_a: dict[int, int]
    fan_b: dict[int, int]

    def weight(self, link: Link) -> float:
        """Melamed's weight of a pair: one over the larger fan-out of its two tokens."""
        return 1.0 / max(self.fan_a[link[0]], self.fan_b[link[1]])


def _token_pairs(pair: Pair, gold: Pair) -> _Tokens:
    """Expand chunk alignments into token pairs, punctuation (read from ``gold``) dropped."""

    def kept(numbers: tuple[int, ...], tokens: list[str]) -> list[int]:
        return [n for n in numbers if not (n <= len(tokens) and _PUNCT.match(tokens[n - 1]))]

    labels: dict[Link, Label] = {}
    for al in pair.alignments:
        a, b = kept(al.a, gold.a_tokens), kept(al.b, gold.b_tokens)
        label = (frozenset(t.lower() for t in al.types), al.score or 0.0)
        for i in a:
            for j in b:
                labels[(i, j)] = label  # a later alignment of the same pair wins, as officially
    fan_a: dict[int, int] = {}
    fan_b: dict[int, int] = {}
    for i, j in labels:
        fan_a[i] = fan_a.get(i, 0) + 1
        fan_b[j] = fan_b.get(j, 0) + 1
    return _Tokens(labels, fan_a, fan_b)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    """Jaccard index of two type sets (0 when both are empty)."""
    union = x | y
    return len(x & y) / len(union) if union else 0.0


def _type_factor(mine: Label, theirs: Label) -> float:
    """The Typ+Sco type factor: Jaccard, except in the two no-penalty cases of the measure."""
    (t1, s1), (t2, s2) = mine, theirs

    def base(types: frozenset[str], prefixes: tuple[str, ...]) -> bool:
        return any(t.startswith(prefixes) for t in types)

    for x, y, sy in ((t1, t2, s2), (t2, t1, s1)):
        if base(x, ("equi",)) and base(y, ("simi", "spe")) and sy >= 4:
            return 1.0
    low = _NO_PENALTY_LOW
    if t1 & low and t2 & low and 0 < s1 <= 2 and 0 < s2 <= 2:
        return 1.0
    return _jaccard(t1, t2)


def _overlap(mine: _Tokens, theirs: _Tokens, measure: str, exemptions: bool) -> list[float]:
    """Weighted overlap of ``mine`` with ``theirs``, pair by pair (``mine``'s fan-outs)."""
    total: list[float] = []
    for link, label in mine.labels.items():
        other = theirs.labels.get(link)
        if other is None:
            continue
        factor = 1.0
        if measure in ("score", "typesco"):
            factor *= 1.0 - abs(label[1] - other[1]) / 5.0
        if measure == "type":
            factor *= _jaccard(label[0], other[0])
        elif measure == "typesco":
            factor *= _type_factor(label, other) if exemptions else _jaccard(label[0], other[0])
        total.append(mine.weight(link) * factor)
    return total


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of each measure (keys of :data:`MEASURES`)."""

    precision: Mapping[str, float]
    recall: Mapping[str, float]
    f1: Mapping[str, float]


def score(
    gold: Mapping[str, Pair], system: Mapping[str, Pair], *, exemptions: bool = True
) -> Scores:
    """Score system alignments against gold ones with the official measure (module docstring).

    ``exemptions=False`` drops the two no-penalty cases of F1 Typ+Sco (plain Jaccard for every
    pair), as in the circulated ``evalF1.pl`` whose no-penalty branches compute plain Jaccard.
    """
    ids = [i for i in system if i in gold]
    gold_t = {i: _token_pairs(p, p) for i, p in gold.items()}
    # as officially, pairs the gold lacks still count in the system's total
    sys_t = {i: _token_pairs(p, gold.get(i, p)) for i, p in system.items()}
    # exact sums (fsum), so that the gold against itself gives exactly 1.0
    sys_total = math.fsum(t.weight(k) for t in sys_t.values() for k in t.labels)
    gold_total = math.fsum(t.weight(k) for t in gold_t.values() for k in t.labels)
    precision, recall, f1 = {}, {}, {}
    for m in MEASURES:
        over_sys = math.fsum(w for i in ids for w in _overlap(sys_t[i], gold_t[i], m, exemptions))
        over_gold = math.fsum(w for i in ids for w in _overlap(gold_t[i], sys_t[i], m, exemptions))
        p = over_sys / sys_total if sys_total else 0.0
        r = over_gold / gold_total if gold_total else 0.0
        precision[m], recall[m] = p, r
        f1[m] = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(precision, recall, f1)


def chunk_spans(chunks: Sequence[str], tokens: Sequence[str]) -> list[tuple[int, ...]]:
    """Token numbers (from 1) of each chunk; tokens no chunk covers become chunks of their own.

    A few gold chunk files drop or re-tokenise words (``path.`` as chunk word ``path``), so
    chunks are matched to the token list word by word, ignoring trailing punctuation.
    """

    def bare(word: str) -> str:
        return word.rstrip(".,;:!?").lower()

    spans: list[tuple[int, ...]] = []
    pos = 0
    covered: set[int] = set()
    for chunk in chunks:
        words = chunk.split()
        start = pos
        while start < len(tokens) and bare(tokens[start]) != bare(words[0]):
            start += 1
        if start + len(words) > len(tokens):
            continue
        span = tuple(range(start + 1, start + len(words) + 1))
        spans.append(span)
        covered.update(span)
        pos = start + len(words)
    spans += [(n,) for n in range(1, len(tokens) + 1) if n not in covered]
    return sorted(spans)
