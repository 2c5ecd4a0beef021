"""Word-level diff of two texts with diff-match-patch, as ops and as difflib-style opcodes.

Each word (with the whitespace after it) is encoded as one character, diff-match-patch diffs the
encoded strings, ``diff_cleanupSemantic`` merges trivial equalities, and the result is decoded back
to the original words. ``Diff_Timeout`` is 0 so the result never depends on machine speed. The
diff itself runs through a port of the library's ``diff_main`` for exactly that setting (no
time-out: no half-match, no clock read at every bisection step), which gives the library's
diffs (a test holds them together) at ~0.8x the CPU; the semantic clean-up is the library's.
Where the ``fast-diff-match-patch`` wheel is installed (CPython 3.11 and 3.12, where it is a
dependency), the library's own C++ port does both steps at once, ~6x faster, with the same diffs
(tests hold the three together); elsewhere the Python port and clean-up run. This is the only
module that imports diff_match_patch. Two texts with more distinct words than there are
characters to encode them (:data:`CODE_CAPACITY`, over a million) are diffed with difflib
instead.
"""

from __future__ import annotations

import functools
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

import attrs

from compare._cache import bounded
from compare._records import record_repr
from compare._regex import ScriptPattern
from compare.model import DiffOp
from compare.tokens import WORD_RE, unify_quotes

if TYPE_CHECKING:
    from diff_match_patch import diff_match_patch

try:
    from fast_diff_match_patch import diff as _native_diff
except ImportError:  # no wheel for this Python (3.13 on): the Python port below, the same diffs
    _native_diff = None

__all__ = [
    "CODE_CAPACITY",
    "Opcode",
    "Run",
    "code_point",
    "diff_runs",
    "opcodes",
    "ops_from_runs",
    "symmetric_runs",
    "tokenize",
    "word_diff",
]

Opcode = tuple[str, int, int, int, int]

_TOKEN_RE = ScriptPattern(
    rf"\s+|(?:{WORD_RE.full.pattern})\s*", rf"\s+|(?:{WORD_RE.plain.pattern})\s*"
)
"""A word or mark of :data:`~compare.tokens.WORD_RE` with the whitespace after it, or the
whitespace a text opens with. Every character that is not whitespace is a word or a mark, so the
matches tile the text."""
_OPS: dict[int, Literal["equal", "delete", "insert"]] = {0: "equal", -1: "delete", 1: "insert"}
_MIRROR: dict[str, Literal["equal", "delete", "insert"]] = {
    "equal": "equal",
    "delete": "insert",
    "insert": "delete",
}


@functools.cache
def _dmp() -> diff_match_patch:
    """The library's Python object (no time-out) for its semantic clean-up, made on first use:
    where the C++ port is installed only a very long pair (:func:`_bounded_diff`) needs it, and
    a run that never does imports none of it."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def tokenize(text: str) -> list[str]:
    """Split text into tokens (a word or mark plus following whitespace) that rebuild it."""
    tokens: list[str] = _TOKEN_RE.of(text).findall(text)  # one pass in C, not one a word
    if len(tokens) > 1 and tokens[0].isspace():  # leading whitespace belongs to the first word
        tokens[1] = tokens[0] + tokens[1]
        del tokens[0]
    return tokens


def _key(token: str) -> str:
    """The comparison key of a token: its text without whitespace, quotes unified."""
    return unify_quotes(token.strip())


_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
CODE_CAPACITY = 0x110000 - _FIRST_CODE - len(_SURROGATES)
"""How many distinct words one diff can encode as characters (1,111,808): every code point from
U+0100 up, less the surrogates. Texts with more distinct words are diffed with difflib."""


def code_point(n: int) -> str:
    """The character that encodes the ``n``-th distinct word: U+0100 upwards, skipping the
    surrogates U+D800-U+DFFF (they cannot stand alone in a str that is written out)."""
    if not 0 <= n < CODE_CAPACITY:
        raise ValueError(f"word code {n} outside 0..{CODE_CAPACITY - 1}")
    n += _FIRST_CODE
    return chr(n + len(_SURROGATES) if n >= _SURROGATES.start else n)


_TABLED = 4096
_FIRST_CODES = "".join(map(chr, range(_FIRST_CODE, _FIRST_CODE + _TABLED)))
"""The characters of a diff's first :data:`_TABLED` distinct words (all of any sentence pair's),
looked up instead of computed: :func:`code_point` of 0 to 4,095, all below the surrogates (built
in one pass, not 4,096 calls at import)."""


def _encode(ka: tuple[str, ...], kb: tuple[str, ...]) -> tuple[str, str]:
    """Map each token key of two texts to one character, equal keys to one character, numbered
    in the order the keys first occur (in ``ka``, then in ``kb``)."""
    first = dict.fromkeys(ka)  # distinct keys in order of first occurrence, counted in C
    first.update(dict.fromkeys(kb))
    if len(first) <= _TABLED:
        codes = dict(zip(first, _FIRST_CODES, strict=False))  # the table is the longer
    else:
        codes = {key: code_point(n) for n, key in enumerate(first)}
    code = codes.__getitem__
    return "".join(map(code, ka)), "".join(map(code, kb))


@attrs.frozen
class Run:
    """One diff run as character spans: ``a[a_start:a_end]`` became ``b[b_start:b_end]``."""

    __repr__ = record_repr

    op: Literal["equal", "delete", "insert"]
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _offsets(tokens: list[str]) -> list[int]:
    """Return the start offset of each token, plus the total length at the end."""
    return list(accumulate(map(len, tokens), initial=0))


@bounded()
def _prepared(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The comparison keys of a text's tokens and their offsets (cached: a link's texts are
    diffed both ways, once for the link and once in a fixed order for its findings)."""
    tokens = tokenize(text)
    offsets = _offsets(tokens)
    if offsets[-1] != len(text):  # the tokens always rebuild the text; never slice if not
        return tuple(_key(tok) for tok in tokens), tuple(offsets)
    unified = unify_quotes(text)  # one character for one: the tokens' keys are its slices
    if unified is text:  # no quote to unify (most texts): the keys are the tokens, stripped
        return tuple(map(str.strip, tokens)), tuple(offsets)
    keys = [unified[offsets[k] : offsets[k + 1]].strip() for k in range(len(tokens))]
    return tuple(keys), tuple(offsets)


# -- diff-match-patch's diff, ported for this module's one use ---------------------------------
# ``diff_main(a, b, checklines=False)`` with ``Diff_Timeout = 0``: no half-match (off without a
# time-out), no line mode, no clock read on every step of the bisection. The same steps in the
# same order, so the same diffs (tests/test_diff.py holds the two to each other on random texts);
# only the per-call costs of the library's methods are gone.
#
# Derived from diff-match-patch (diff_main, diff_compute, diff_bisect, diff_bisectSplit,
# diff_cleanupMerge; https://github.com/google/diff-match-patch), Copyright 2018 The
# diff-match-patch Authors, licensed under the Apache License, Version 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Changed here: the time-out, half-match and
# line-mode branches removed, the methods made module functions over local variables.

_Diffs = list[tuple[int, str]]


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of two texts (diff-match-patch's binary search)."""
    if not a or not b or a[0] != b[0]:
        return 0
    lo, hi = 0, min(len(a), len(b))
    mid, start = hi, 0
    while lo < mid:
        if a[start:mid] == b[start:mid]:
            lo = start = mid
        else:
            hi = mid
        mid = (hi - lo) // 2 + lo
    return mid


def _common_suffix(a: str, b: str) -> int:
    """Length of the common end of two texts: the common start of both read backwards."""
    if not a or not b or a[-1] != b[-1]:
        return 0  # most calls: nothing to reverse
    return _common_prefix(a[::-1], b[::-1])


def _dmp_main(a: str, b: str) -> _Diffs:
    """``diff_match_patch.diff_main(a, b, False)`` without a time-out."""
    if a == b:
        return [(0, a)] if a else []
    n = _common_prefix(a, b)
    prefix = a[:n]
    a, b = a[n:], b[n:]
    n = _common_suffix(a, b)
    suffix = a[len(a) - n :] if n else ""
    if n:
        a, b = a[:-n], b[:-n]
    diffs = _dmp_compute(a, b)
    if prefix:
        diffs.insert(0, (0, prefix))
    if suffix:
        diffs.append((0, suffix))
    _cleanup_merge(diffs)
    return diffs


def _dmp_compute(a: str, b: str) -> _Diffs:
    """``diff_compute`` of two texts without a common start or end (no half-match)."""
    if not a:
        return [(1, b)]
    if not b:
        return [(-1, a)]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    i = longer.find(shorter)
    if i != -1:
        op = -1 if len(a) > len(b) else 1
        return [(op, longer[:i]), (0, shorter), (op, longer[i + len(shorter) :])]
    if len(shorter) == 1:
        return [(-1, a), (1, b)]
    return _dmp_bisect(a, b)


def _dmp_bisect(a: str, b: str) -> _Diffs:
    """``diff_bisect``: find the middle snake (Myers 1986), split there and diff both halves."""
    na, nb = len(a), len(b)
    max_d = (na + nb + 1) // 2
    v_offset = max_d
    v_length = 2 * max_d
    v1 = [-1] * v_length
    v1[v_offset + 1] = 0
    v2 = v1[:]
    delta = na - nb
    front = delta % 2 != 0
    k1start = k1end = k2start = k2end = 0
    for d in range(max_d):
        for k1 in range(-d + k1start, d + 1 - k1end, 2):
            k1_offset = v_offset + k1
            if k1 == -d or (k1 != d and v1[k1_offset - 1] < v1[k1_offset + 1]):
                x1 = v1[k1_offset + 1]
            else:
                x1 = v1[k1_offset - 1] + 1
            y1 = x1 - k1
            while x1 < na and y1 < nb and a[x1] == b[y1]:
                x1 += 1
                y1 += 1
            v1[k1_offset] = x1
            if x1 > na:
                k1end += 2
            elif y1 > nb:
                k1start += 2
            elif front:
                k2_offset = v_offset + delta - k1
                if 0 <= k2_offset < v_length and v2[k2_offset] != -1 and x1 >= na - v2[k2_offset]:
                    return _dmp_main(a[:x1], b[:y1]) + _dmp_main(a[x1:], b[y1:])
        for k2 in range(-d + k2start, d + 1 - k2end, 2):
            k2_offset = v_offset + k2
            if k2 == -d or (k2 != d and v2[k2_offset - 1] < v2[k2_offset + 1]):
                x2 = v2[k2_offset + 1]
            else:
                x2 = v2[k2_offset - 1] + 1
            y2 = x2 - k2
            while x2 < na and y2 < nb and a[-x2 - 1] == b[-y2 - 1]:
                x2 += 1
                y2 += 1
            v2[k2_offset] = x2
            if x2 > na:
                k2end += 2
            elif y2 > nb:
                k2start += 2
            elif not front:
                k1_offset = v_offset + delta - k2
                if 0 <= k1_offset < v_length and v1[k1_offset] != -1:
                    x1 = v1[k1_offset]
                    y1 = v_offset + x1 - k1_offset
                    if x1 >= na - x2:
                        return _dmp_main(a[:x1], b[:y1]) + _dmp_main(a[x1:], b[y1:])
    return [(-1, a), (1, b)]


def _cleanup_merge(diffs: _Diffs) -> None:
    """``diff_cleanupMerge``: merge neighbouring edits and equalities, factor out what an
    edit's deletion and insertion share, and slide single edits over equal text."""
    diffs.append((0, ""))
    pointer = 0
    count_delete = count_insert = 0
    text_delete = text_insert = ""
    while pointer < len(diffs):
        op = diffs[pointer][0]
        if op == 1:
            count_insert += 1
            text_insert += diffs[pointer][1]
            pointer += 1
        elif op == -1:
            count_delete += 1
            text_delete += diffs[pointer][1]
            pointer += 1
        else:
            if count_delete + count_insert > 1:
                if count_delete != 0 and count_insert != 0:
                    n = _common_prefix(text_insert, text_delete)
                    if n != 0:
                        x = pointer - count_delete - count_insert - 1
                        if x >= 0 and diffs[x][0] == 0:
                            diffs[x] = (0, diffs[x][1] + text_insert[:n])
                        else:
                            diffs.insert(0, (0, text_insert[:n]))
                            pointer += 1
                        text_insert = text_insert[n:]
                        text_delete = text_delete[n:]
                    n = _common_suffix(text_insert, text_delete)
                    if n != 0:
                        diffs[pointer] = (0, text_insert[-n:] + diffs[pointer][1])
                        text_insert = text_insert[:-n]
                        text_delete = text_delete[:-n]
                new_ops: _Diffs = []
                if text_delete:
                    new_ops.append((-1, text_delete))
                if text_insert:
                    new_ops.append((1, text_insert))
                pointer -= count_delete + count_insert
                diffs[pointer : pointer + count_delete + count_insert] = new_ops
                pointer += len(new_ops) + 1
            elif pointer != 0 and diffs[pointer - 1][0] == 0:
                diffs[pointer - 1] = (0, diffs[pointer - 1][1] + diffs[pointer][1])
                del diffs[pointer]
            else:
                pointer += 1
            count_insert = count_delete = 0
            text_delete = text_insert = ""
    if diffs[-1][1] == "":
        diffs.pop()
    changes = False
    pointer = 1
    while pointer < len(diffs) - 1:
        before, here, after = diffs[pointer - 1], diffs[pointer], diffs[pointer + 1]
        if before[0] == 0 and after[0] == 0:
            if here[1].endswith(before[1]):
                if before[1] != "":
                    diffs[pointer] = (here[0], before[1] + here[1][: -len(before[1])])
                    diffs[pointer + 1] = (0, before[1] + after[1])
                del diffs[pointer - 1]
                changes = True
            elif here[1].startswith(after[1]):
                diffs[pointer - 1] = (0, before[1] + after[1])
                diffs[pointer] = (here[0], here[1][len(after[1]) :] + after[1])
                del diffs[pointer + 1]
                changes = True
        pointer += 1
    if changes:
        _cleanup_merge(diffs)


MAX_DIRECT = 100_000
"""Largest product of the two sides' lengths (in words) diffed directly by diff-match-patch.

Its bisection costs up to the square of the edit distance, all in Python: two 2,000-word sides in
reverse order take 13 s. Every real sentence pair is far below this bound (two 316-word sides),
so only giant unpunctuated "sentences" take the anchored path of :func:`_bounded_diff`."""


def _unique_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions of the characters found exactly once in each text, longest increasing chain.

    The patience-diff idea: words unique to both sides are reliable anchors; the longest run of
    them in the same order on both sides (found in n log n) splits the diff into small gaps.
    """
    count_a: dict[str, int] = {}
    for ch in a:
        count_a[ch] = count_a.get(ch, 0) + 1
    count_b: dict[str, int] = {}
    for ch in b:
        count_b[ch] = count_b.get(ch, 0) + 1
    where_b = {ch: j for j, ch in enumerate(b) if count_b[ch] == 1}
    pairs = [(i, where_b[ch]) for i, ch in enumerate(a) if count_a[ch] == 1 and ch in where_b]
    # longest chain increasing in b (pairs are increasing in a already), patience sorting
    tails: list[int] = []  # index into pairs of the smallest tail of each chain length
    back: list[int] = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = _bisect_tails(tails, pairs, j)
        if pos:
            back[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
        else:
            tails[pos] = k
    chain: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _bisect_tails(tails: list[int], pairs: list[tuple[int, int]], j: int) -> int:
    """First chain length whose smallest tail (a position in b) is not below ``j``."""
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs[tails[mid]][1] < j:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _bounded_diff(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch's diff of two encoded texts, with the work bounded for giant inputs.

    Up to :data:`MAX_DIRECT` the result is diff-match-patch's own. Above it, the common prefix
    and suffix are kept, unique shared words anchor the rest (see :func:`_unique_anchors`), and
    each gap between anchors is diffed the same way; a gap still too large with no anchor left
    becomes one deletion and one insertion. Deterministic: no time-out is involved.
    """
    if len(a) * len(b) <= MAX_DIRECT:
        return _dmp_main(a, b)
    prefix = _common_prefix(a, b)
    suffix = _common_suffix(a[prefix:], b[prefix:])
    head: list[tuple[int, str]] = [(0, a[:prefix])] if prefix else []
    tail: list[tuple[int, str]] = [(0, a[len(a) - suffix :])] if suffix else []
    a, b = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    anchors = _unique_anchors(a, b)
    if not anchors:
        middle = [(op, text) for op, text in ((-1, a), (1, b)) if text]
        return head + middle + tail
    out = head
    ia = ib = 0
    for i, j in anchors:
        out += _bounded_diff(a[ia:i], b[ib:j])
        out.append((0, a[i]))
        ia, ib = i + 1, j + 1
    out += _bounded_diff(a[ia:], b[ib:])
    return out + tail


def _difflib_runs(
    ka: tuple[str, ...], oa: tuple[int, ...], kb: tuple[str, ...], ob: tuple[int, ...]
) -> tuple[Run, ...]:
    """Diff two key sequences with difflib (no semantic clean-up), as runs of character spans.

    The common head and tail are cut off first, as diff-match-patch does: difflib then only
    reads the words in between.
    """
    shortest = min(len(ka), len(kb))
    head = 0
    while head < shortest and ka[head] == kb[head]:
        head += 1
    tail = 0
    while tail < shortest - head and ka[-1 - tail] == kb[-1 - tail]:
        tail += 1
    runs: list[Run] = []
    if head:
        runs.append(Run("equal", oa[0], oa[head], ob[0], ob[head]))
    import difflib  # only for texts of more distinct words than CODE_CAPACITY: not at start-up

    matcher = difflib.SequenceMatcher(
        None, ka[head : len(ka) - tail], kb[head : len(kb) - tail], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "equal":
            runs.append(Run("equal", oa[i1], oa[i2], ob[j1], ob[j2]))
        if tag in ("delete", "replace"):
            runs.append(Run("delete", oa[i1], oa[i2], ob[j1], ob[j1]))
        if tag in ("insert", "replace"):
            runs.append(Run("insert", oa[i2], oa[i2], ob[j1], ob[j2]))
    if tail:
        runs.append(Run("equal", oa[-1 - tail], oa[-1], ob[-1 - tail], ob[-1]))
    return tuple(runs)


def diff_runs(a: str, b: str) -> tuple[Run, ...]:
    """Diff ``a`` to ``b`` word by word and return the runs as character spans of both texts.

    Texts with more distinct words than :data:`CODE_CAPACITY` (over a million) cannot be
    encoded one character per word; they are diffed with difflib on the words instead.
    """
    return _remembered_runs(a, b, MAX_DIRECT, CODE_CAPACITY)


@bounded()
def _remembered_runs(a: str, b: str, max_direct: int, capacity: int) -> tuple[Run, ...]:
    """:func:`_diff_runs`, remembered by the two texts: a sentence pair recurs (the same
    documents compared again, a wire sentence in several accounts of a collation). The two
    bounds are part of the key, so a diff made under other bounds is never read back."""
    return _diff_runs(a, b)


def _diff_runs(a: str, b: str) -> tuple[Run, ...]:
    """:func:`diff_runs`, computed."""
    ka, oa = _prepared(a)
    kb, ob = _prepared(b)
    if len(ka) + len(kb) > CODE_CAPACITY and len(set(ka).union(kb)) > CODE_CAPACITY:
        return _difflib_runs(ka, oa, kb, ob)
    ea, eb = _encode(ka, kb)
    runs: list[Run] = []
    ia = ib = 0
    for code, k in _semantic_diff(ea, eb):
        da = k if code <= 0 else 0
        db = k if code >= 0 else 0
        op = _OPS[code]
        if runs and runs[-1].op == op:
            last = runs.pop()
            runs.append(Run(op, last.a_start, oa[ia + da], last.b_start, ob[ib + db]))
        else:
            runs.append(Run(op, oa[ia], oa[ia + da], ob[ib], ob[ib + db]))
        ia += da
        ib += db
    return tuple(runs)


_NATIVE_OPS = {"=": 0, "-": -1, "+": 1}


def _semantic_diff(a: str, b: str) -> list[tuple[int, int]]:
    """The semantically cleaned-up diff of two encoded texts, as (op, length) pairs.

    Up to :data:`MAX_DIRECT` this is diff-match-patch's ``diff_main`` (no time-out) followed by
    ``diff_cleanupSemantic``: in C++ when ``fast-diff-match-patch`` is installed, else the Python
    port and the library's clean-up. Larger inputs take the anchored path of
    :func:`_bounded_diff`, in Python either way.
    """
    if len(a) * len(b) <= MAX_DIRECT:
        if _native_diff is not None:
            ops = _NATIVE_OPS
            return [
                (ops[op], k)
                for op, k in _native_diff(a, b, timelimit=0, checklines=False, cleanup="Semantic")
            ]
        diffs = _dmp_main(a, b)
    else:
        diffs = _bounded_diff(a, b)
        _cleanup_merge(diffs)  # the anchored pieces, joined into one normal diff
    _dmp().diff_cleanupSemantic(diffs)
    return [(code, len(chars)) for code, chars in diffs]


def symmetric_runs(a: str, b: str) -> tuple[Run, ...]:
    """Diff ``a`` to ``b`` so that swapping the texts mirrors the result exactly.

    A word diff breaks ties one way, so the texts are always diffed in the same (sorted) order
    and the result mirrored when ``a`` sorts last: inserts become deletes and the reverse,
    deletions kept before insertions within each change.
    """
    if a == b:  # one text (a repeated sentence, a copy): one equal run, as diff_runs has it
        # (its tokens rebuild it, so they end at its length: it is not tokenised for that)
        return (Run("equal", 0, len(a), 0, len(a)),) if a else ()
    if a < b:
        return diff_runs(a, b)
    mirrored = [Run(_MIRROR[r.op], r.b_start, r.b_end, r.a_start, r.a_end) for r in diff_runs(b, a)]
    out: list[Run] = []
    block: list[Run] = []
    for run in [*mirrored, None]:
        if run is not None and run.op != "equal":
            block.append(run)
            continue
        out += sorted(block, key=lambda r: r.op != "delete")  # stable: deletes, then inserts
        block = []
        if run is not None:
            out.append(run)
    return tuple(out)


def ops_from_runs(runs: tuple[Run, ...], a: str, b: str) -> tuple[DiffOp, ...]:
    """Turn runs into ops: equal and deleted text from ``a``, inserted text from ``b``.

    Each op carries its runs' spans of both texts (``ref_span`` in ``a``, ``other_span`` in
    ``b``), so a view can show either side in its own words without diffing again.

    When an equal run ends without the whitespace that ``b`` has there ("Monday" in "on
    Monday." against "on Monday morning."), that whitespace moves to the front of the insertion,
    so ``b`` read back from the ops keeps its word breaks.
    """
    ops: list[DiffOp] = []
    for r in runs:
        ref_span, other_span = (r.a_start, r.a_end), (r.b_start, r.b_end)
        if r.op != "insert":
            ops.append(DiffOp(r.op, a[r.a_start : r.a_end], ref_span, other_span))
            continue
        start = r.b_start
        if ops and ops[-1].op == "equal" and not ops[-1].text[-1:].isspace():
            while start > 0 and b[start - 1].isspace():
                start -= 1
        ops.append(DiffOp("insert", b[start : r.b_end], ref_span, other_span))
    return tuple(ops)


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Diff ``a`` to ``b`` word by word; equal runs carry ``a``'s text, inserts carry ``b``'s."""
    return ops_from_runs(symmetric_runs(a, b), a, b)


def opcodes(ops: tuple[DiffOp, ...] | list[DiffOp]) -> list[Opcode]:
    """Convert diff ops into difflib-style opcodes over the word tokens of both sides."""
    out: list[Opcode] = []
    i = j = 0
    for op in ops:
        k = len(tokenize(op.text))
        if op.op == "equal":
            out.append(("equal", i, i + k, j, j + k))
            i += k
            j += k
        elif op.op == "delete":
            out.append(("delete", i, i + k, j, j))
            i += k
        elif out and out[-1][0] == "delete" and out[-1][2] == i:
            _tag, i1, i2, j1, _ = out[-1]
            out[-1] = ("replace", i1, i2, j1, j + k)
            j += k
        else:
            out.append(("insert", i, i, j, j + k))
            j += k
    return out
