"""Word-level diff of two texts with diff-match-patch, as ops and as difflib-style opcodes.

Each word (with the whitespace after it) is encoded as one character, diff-match-patch diffs the
encoded strings, ``diff_cleanupSemantic`` merges trivial equalities, and the result is decoded back
to the original words. ``Diff_Timeout`` is 0 so the result never depends on machine speed. This is
the only module that imports diff_match_patch.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs
from diff_match_patch import diff_match_patch

from compare._cache import bounded
from compare.model import DiffOp
from compare.tokens import unify_quotes

__all__ = [
    "Opcode",
    "Run",
    "diff_runs",
    "opcodes",
    "ops_from_runs",
    "symmetric_runs",
    "tokenize",
    "word_diff",
]

Opcode = tuple[str, int, int, int, int]

_TOKEN_RE = re.compile(r"\S+\s*|\s+")
"""A word-ish run of non-space characters with its trailing whitespace (or leading whitespace)."""
_SPLIT_RE = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]")
_OPS: dict[int, Literal["equal", "delete", "insert"]] = {0: "equal", -1: "delete", 1: "insert"}
_MIRROR: dict[str, Literal["equal", "delete", "insert"]] = {
    "equal": "equal",
    "delete": "insert",
    "insert": "delete",
}

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0


def tokenize(text: str) -> list[str]:
    """Split text into tokens (a word or mark plus following whitespace) that rebuild it."""
    tokens: list[str] = []
    for chunk in _TOKEN_RE.findall(text):
        core = chunk.rstrip()
        if not core:
            tokens.append(chunk)
            continue
        parts = _SPLIT_RE.findall(core)
        if len(parts) <= 1:
            tokens.append(chunk)
            continue
        pos = 0
        for part in parts[:-1]:
            end = core.index(part, pos) + len(part)
            tokens.append(core[pos:end])
            pos = end
        tokens.append(chunk[pos:])
    if len(tokens) > 1 and tokens[0].isspace():  # leading whitespace belongs to the first word
        tokens[1] = tokens[0] + tokens[1]
        del tokens[0]
    return tokens


def _key(token: str) -> str:
    """The comparison key of a token: its text without whitespace, quotes unified."""
    return unify_quotes(token.strip())


def _encode(keys: tuple[str, ...], codes: dict[str, str]) -> str:
    """Map each token key to one private character, sharing characters between equal keys."""
    out = []
    for key in keys:
        ch = codes.get(key)
        if ch is None:
            n = len(codes) + 0x100
            if n >= 0xD800:  # skip the surrogate block, which cannot stand alone in a str
                n += 0x800
            ch = codes[key] = chr(n)
        out.append(ch)
    return "".join(out)


@attrs.frozen
class Run:
    """One diff run as character spans: ``a[a_start:a_end]`` became ``b[b_start:b_end]``."""

    op: Literal["equal", "delete", "insert"]
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _offsets(tokens: list[str]) -> list[int]:
    """Return the start offset of each token, plus the total length at the end."""
    out = [0]
    for tok in tokens:
        out.append(out[-1] + len(tok))
    return out


@bounded()
def _prepared(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The comparison keys of a text's tokens and their offsets (cached: a link's texts are
    diffed both ways, once for the link and once in a fixed order for its findings)."""
    tokens = tokenize(text)
    offsets = _offsets(tokens)
    if offsets[-1] != len(text):  # the tokens always rebuild the text; never slice if not
        return tuple(_key(tok) for tok in tokens), tuple(offsets)
    unified = unify_quotes(text)  # one character for one: the tokens' keys are its slices
    keys = [unified[offsets[k] : offsets[k + 1]].strip() for k in range(len(tokens))]
    return tuple(keys), tuple(offsets)


def diff_runs(a: str, b: str) -> tuple[Run, ...]:
    """Diff ``a`` to ``b`` word by word and return the runs as character spans of both texts."""
    ka, oa = _prepared(a)
    kb, ob = _prepared(b)
    codes: dict[str, str] = {}
    ea, eb = _encode(ka, codes), _encode(kb, codes)
    diffs = _DMP.diff_main(ea, eb, False)
    _DMP.diff_cleanupSemantic(diffs)
    runs: list[Run] = []
    ia = ib = 0
    for code, chars in diffs:
        k = len(chars)
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


def symmetric_runs(a: str, b: str) -> tuple[Run, ...]:
    """Diff ``a`` to ``b`` so that swapping the texts mirrors the result exactly.

    A word diff breaks ties one way, so the texts are always diffed in the same (sorted) order
    and the result mirrored when ``a`` sorts last: inserts become deletes and the reverse,
    deletions kept before insertions within each change.
    """
    if a <= b:
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

    When an equal run ends without the whitespace that ``b`` has there ("Monday" in "on
    Monday." against "on Monday morning."), that whitespace moves to the front of the insertion,
    so ``b`` read back from the ops keeps its word breaks.
    """
    ops: list[DiffOp] = []
    for r in runs:
        if r.op != "insert":
            ops.append(DiffOp(r.op, a[r.a_start : r.a_end]))
            continue
        start = r.b_start
        if ops and ops[-1].op == "equal" and not ops[-1].text[-1:].isspace():
            while start > 0 and b[start - 1].isspace():
                start -= 1
        ops.append(DiffOp("insert", b[start : r.b_end]))
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
