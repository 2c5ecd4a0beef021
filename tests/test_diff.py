"""Word diff: ops, character runs and difflib-style opcodes, on tables and as invariants.

The module promises: equal and deleted text comes from ``a``, inserted text from ``b``; tokens are
compared by their text without whitespace and with quotes unified. So equal + delete rebuilds ``a``
exactly, and equal + insert rebuilds ``b`` up to whitespace and straight/curly quotes.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare.diff as diff_module
from compare.diff import Run, diff_runs, opcodes, symmetric_runs, tokenize, word_diff
from compare.model import DiffOp
from compare.tokens import unify_quotes

E, D, I = "equal", "delete", "insert"  # noqa: E741 - op names, read as a table


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(
            "Xi firmly supports Syria.",
            "Xi firmly supports Syria.",
            [(E, "Xi firmly supports Syria.")],
            id="identical",
        ),
        pytest.param(
            "Xi firmly supports Syria.",
            "Xi strongly supports Syria.",
            [(E, "Xi "), (D, "firmly "), (I, "strongly "), (E, "supports Syria.")],
            id="one-word-substitution",
        ),
        pytest.param(
            "China supports Syria.",
            "Today China supports Syria.",
            [(I, "Today "), (E, "China supports Syria.")],
            id="insertion-at-start",
        ),
        pytest.param(
            "said Xi.",
            "said Xi, according to CGTN.",
            [(E, "said Xi"), (I, ", according to CGTN"), (E, ".")],
            id="insertion-before-final-stop",
        ),
        pytest.param(
            "Xi said so.",
            "Xi said so!",
            [(E, "Xi said so"), (D, "."), (I, "!")],
            id="punctuation",
        ),
        pytest.param(
            '"We welcome," said Xi.',
            "“We welcome,” said Xi.",
            [(E, '"We welcome," said Xi.')],
            id="curly-quotes-are-equal",
        ),
        pytest.param(
            "Xi  said   so.",
            "Xi said so.",
            [(E, "Xi  said   so.")],
            id="spacing-is-equal",
        ),
        pytest.param(
            "The 50th anniversary.",
            "The 65th anniversary.",
            [(E, "The "), (D, "50th "), (I, "65th "), (E, "anniversary.")],
            id="number",
        ),
        pytest.param("", "Xi said so.", [(I, "Xi said so.")], id="from-empty"),
        pytest.param("Xi said so.", "", [(D, "Xi said so.")], id="to-empty"),
        pytest.param("", "", [], id="both-empty"),
    ],
)
def test_word_diff(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    """word_diff() gives word-level ops; equal text is the reference's."""
    assert expected == [(op.op, op.text) for op in word_diff(a, b)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Xi firmly supports Syria.", "Xi firmly supports Syria.", [(E, 0, 5, 0, 5)]),
        (
            "Xi firmly supports Syria.",
            "Xi strongly supports Syria.",
            [(E, 0, 1, 0, 1), ("replace", 1, 2, 1, 2), (E, 2, 5, 2, 5)],
        ),
        (
            "China supports Syria.",
            "Today China supports Syria.",
            [(I, 0, 0, 0, 1), (E, 0, 4, 1, 5)],
        ),
        ("China supports Syria.", "Syria.", [(D, 0, 2, 0, 0), (E, 2, 4, 0, 2)]),
        ("Xi said so.", "Xi said so!", [(E, 0, 3, 0, 3), ("replace", 3, 4, 3, 4)]),
    ],
)
def test_opcodes(a: str, b: str, expected: list[tuple[str, int, int, int, int]]) -> None:
    """opcodes() reads like difflib's: replace where a deletion is followed by an insertion."""
    assert expected == opcodes(word_diff(a, b))


def test_tokenize_table() -> None:
    """Tokens are words or marks with their trailing whitespace; inner marks stay in the word."""
    expected = ["“", "President ", "al-Assad ", "stressed ", "Syria’s ", "keenness", ",", "” "]
    assert expected == tokenize("“President al-Assad stressed Syria’s keenness,” ")


def test_runs_table() -> None:
    """diff_runs() gives character spans of both texts; a deletion is empty on ``b``'s side."""
    a, b = "Xi firmly supports Syria.", "Xi strongly supports Syria."
    runs = diff_runs(a, b)
    assert [
        (E, "Xi ", "Xi "),
        (D, "firmly ", ""),
        (I, "", "strongly "),
        (E, "supports Syria.", "supports Syria."),
    ] == [(r.op, a[r.a_start : r.a_end], b[r.b_start : r.b_end]) for r in runs]


def test_link_opcodes_use_the_diff() -> None:
    """Link.opcodes() is opcodes() of the link's diff."""
    from compare.model import Link

    diff = word_diff("Xi said so.", "Xi said so!")
    link = Link(ref=(0,), other=(0,), score=0.9, relation="same", diff=diff)
    assert opcodes(diff) == link.opcodes()


# --- invariants ------------------------------------------------------------------------------

_PIECES = [
    "Xi", "China", "Syria", "Syria’s", "Syria's", "supports", "firmly", "50th", "al-Assad",
    "U.S.", "the", "The", "“", "”", '"', "'", "‘", "’", ",", ".", "!", "(", ")", "-", "—",
]  # fmt: skip
_SPACES = ["", " ", " ", "  ", "\n", "\n\n"]

news_like = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), max_size=16
).map(lambda parts: "".join(w + s for w, s in parts))
texts = st.one_of(news_like, st.text(max_size=30))


def _loose(text: str) -> str:
    """Text without whitespace and with quotes unified: what the diff does not distinguish."""
    return re.sub(r"\s+", "", unify_quotes(text))


def _rebuild(ops: tuple[DiffOp, ...], skip: str) -> str:
    """Join the text of every op but ``skip``."""
    return "".join(op.text for op in ops if op.op != skip)


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_ops_rebuild_both_texts(a: str, b: str) -> None:
    """Equal + delete rebuild ``a`` exactly; equal + insert rebuild ``b`` but for spaces, quotes."""
    ops = word_diff(a, b)
    assert a == _rebuild(ops, skip="insert")
    assert _loose(b) == _loose(_rebuild(ops, skip="delete"))
    assert all(op.text for op in ops), "empty op"
    assert all(x.op != y.op for x, y in itertools.pairwise(ops)), "unmerged neighbours"


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_opcodes_cover_both_token_sequences(a: str, b: str) -> None:
    """Opcodes tile tokenize(a) and tokenize(b) in order; equal ranges hold equal tokens."""
    ta, tb = tokenize(a), tokenize(b)
    codes = opcodes(word_diff(a, b))
    i = j = 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i, j) == (i1, j1)
        assert i1 <= i2 and j1 <= j2
        if tag == "equal":
            assert i2 - i1 == j2 - j1
            assert [unify_quotes(t.strip()) for t in ta[i1:i2]] == [
                unify_quotes(t.strip()) for t in tb[j1:j2]
            ]
        i, j = i2, j2
    assert (len(ta), len(tb)) == (i, j)


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_runs_are_contiguous_and_in_bounds(a: str, b: str) -> None:
    """Runs tile both texts from 0 to their length; deletes are empty in b, inserts in a."""
    runs = diff_runs(a, b)
    pa = pb = 0
    for run in runs:
        assert (pa, pb) == (run.a_start, run.b_start)
        assert run.a_start <= run.a_end <= len(a)
        assert run.b_start <= run.b_end <= len(b)
        if run.op == "delete":
            assert run.b_start == run.b_end
        if run.op == "insert":
            assert run.a_start == run.a_end
        pa, pb = run.a_end, run.b_end
    assert (len(a), len(b)) == (pa, pb)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_tokenize_rebuilds_the_text(text: str) -> None:
    """Tokens concatenate back to the text and none is empty."""
    tokens = tokenize(text)
    assert text == "".join(tokens)
    assert all(tokens)


def _tokenize_by_chunks(text: str) -> list[str]:
    """tokenize as it was written before its one regex: whitespace-delimited chunks, each cut
    into the words and marks of WORD_RE, the last one keeping the chunk's whitespace."""
    from compare.tokens import WORD_RE

    tokens: list[str] = []
    split = WORD_RE.of(text).findall
    for chunk in re.findall(r"\S+\s*|\s+", text):
        core = chunk.rstrip()
        parts = split(core) if core else []
        if len(parts) <= 1:
            tokens.append(chunk)
            continue
        pos = 0
        for part in parts[:-1]:
            end = core.index(part, pos) + len(part)
            tokens.append(core[pos:end])
            pos = end
        tokens.append(chunk[pos:])
    if len(tokens) > 1 and tokens[0].isspace():
        tokens[1] = tokens[0] + tokens[1]
        del tokens[0]
    return tokens


_SCRIPTS_ALPHABET = st.sampled_from(
    list("ab Z9’'.-,;“”«» \t\n\u00a0\u2003\x1c") + list("三千二百大桥通车。，") + list("جسراًال،")
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(_SCRIPTS_ALPHABET, max_size=60)))
def test_tokenize_is_the_chunked_form(text: str) -> None:
    """The one-regex tokenize gives the tokens of the chunk-by-chunk form it replaced."""
    assert _tokenize_by_chunks(text) == tokenize(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(_SCRIPTS_ALPHABET, max_size=60)))
def test_prepared_keys_are_the_token_keys(text: str) -> None:
    """A text's keys are its tokens' keys, its offsets where its tokens start (and its length)."""
    keys, offsets = diff_module._prepared.__wrapped__(text)
    tokens = tokenize(text)
    assert tuple(diff_module._key(t) for t in tokens) == keys
    assert [sum(map(len, tokens[:k])) for k in range(len(tokens) + 1)] == list(offsets)


def _encode_one_by_one(ka: tuple[str, ...], kb: tuple[str, ...]) -> tuple[str, str]:
    """The encoding as it was written before the C passes: one key at a time."""
    codes: dict[str, str] = {}

    def encode(keys: tuple[str, ...]) -> str:
        out = []
        for key in keys:
            if key not in codes:
                codes[key] = diff_module.code_point(len(codes))
            out.append(codes[key])
        return "".join(out)

    return encode(ka), encode(kb)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text("abcd", min_size=1, max_size=2), max_size=30),
    st.lists(st.text("abcd", min_size=1, max_size=2), max_size=30),
)
def test_encode_is_the_one_by_one_form(ka: list[str], kb: list[str]) -> None:
    """Both texts are encoded as the key-by-key loop numbered their keys."""
    assert _encode_one_by_one(tuple(ka), tuple(kb)) == diff_module._encode(tuple(ka), tuple(kb))


def test_encode_past_the_table() -> None:
    """Past the tabled characters, codes are computed: the same numbering."""
    ka = tuple(str(n) for n in range(diff_module._TABLED + 50))
    kb = ("x", "0", "y", *ka[-3:])
    assert _encode_one_by_one(ka, kb) == diff_module._encode(ka, kb)


@settings(max_examples=50, deadline=None)
@given(texts, texts)
def test_deterministic(a: str, b: str) -> None:
    """The same inputs always give the same diff."""
    assert word_diff(a, b) == word_diff(a, b)
    assert diff_runs(a, b) == diff_runs(a, b)


@settings(max_examples=50, deadline=None)
@given(texts)
def test_identical_text_is_one_equal_op(a: str) -> None:
    """A text diffed with itself is one equal op holding the whole text (none if empty)."""
    expected = [DiffOp("equal", a)] if a else []
    assert expected == list(word_diff(a, a))


def test_insert_after_final_word_keeps_the_word_break() -> None:
    """Regression: an insertion after "Monday." keeps its space ("Monday morning")."""
    ops = word_diff("We met on Monday.", "We met on Monday morning.")
    rebuilt_other = "".join(op.text for op in ops if op.op != "delete")
    assert "We met on Monday morning." == rebuilt_other
    assert [("equal", 0, 4, 0, 4), ("insert", 4, 4, 4, 5), ("equal", 4, 5, 5, 6)] == opcodes(ops)


def _mirror(runs: tuple[Run, ...]) -> list[tuple[str, int, int, int, int]]:
    """Runs read from the other side: a and b swapped, inserts and deletes swapped."""
    flip = {"equal": "equal", "insert": "delete", "delete": "insert"}
    return sorted((flip[r.op], r.b_start, r.b_end, r.a_start, r.a_end) for r in runs)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_symmetric_runs_mirror_when_the_texts_swap(a: str, b: str) -> None:
    """symmetric_runs(b, a) is symmetric_runs(a, b) mirrored, whichever text sorts first."""
    forward, backward = symmetric_runs(a, b), symmetric_runs(b, a)
    assert sorted((r.op, r.a_start, r.a_end, r.b_start, r.b_end) for r in backward) == _mirror(
        forward
    )
    ops = [r.op for r in forward]
    for i in range(1, len(ops)):
        assert not (ops[i - 1] == "insert" and ops[i] == "delete"), ops  # deletes come first


def distinct_words(n: int) -> list[str]:
    """``n`` different made-up words ("ax", "bx", ... "baax")."""
    words = []
    for k in range(n):
        word = ""
        while True:
            word += "abcdefghijklmnopqrstuvwxyz"[k % 26]
            k //= 26
            if not k:
                break
        words.append(word + "x")
    return words


def test_giant_reordered_sentence_is_diffed_by_anchors() -> None:
    """Two 3,000-word sides in reverse order: diff-match-patch alone bisects for about 30 s; the
    anchored path keeps the first word as the one shared anchor and rebuilds both texts."""
    words = distinct_words(3000)
    a, b = " ".join(words) + ".", " ".join(reversed(words)) + "."
    ops = word_diff(a, b)
    assert a == _rebuild(ops, skip="insert")
    assert _loose(b) == _loose(_rebuild(ops, skip="delete"))
    assert [E] == [op.op for op in ops if op.op == E and op.text.strip() == "."]


def test_giant_sentence_with_small_edits_keeps_them_small() -> None:
    """A 2,000-word side against itself with three words changed: three substitutions, found by
    the anchored path exactly as diff-match-patch would find them on a short text."""
    words = distinct_words(2000)
    edited = list(words)
    for k, new in ((10, "China"), (1000, "Syria"), (1990, "Xi")):
        edited[k] = new
    ops = word_diff(" ".join(words), " ".join(edited))
    assert [
        (words[10] + " ", "China "),
        (words[1000] + " ", "Syria "),
        (words[1990] + " ", "Xi "),
    ] == [(x.text, y.text) for x, y in itertools.pairwise(ops) if (x.op, y.op) == (D, I)]
    assert [E, D, I] * 3 + [E] == [op.op for op in ops]


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_anchored_path_rebuilds_both_texts(a: str, b: str) -> None:
    """With the direct bound at 4, every pair takes the anchored path and keeps the contract."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(diff_module, "MAX_DIRECT", 4)
        ops = word_diff(a, b)
    assert a == _rebuild(ops, skip="insert")
    assert _loose(b) == _loose(_rebuild(ops, skip="delete"))
    assert all(op.text for op in ops), "empty op"
    assert all(x.op != y.op for x, y in itertools.pairwise(ops)), "unmerged neighbours"


def _tiles(spans: list[tuple[int, int] | None], text: str) -> bool:
    """Whether the spans, in order, cover ``text`` end to end without gap or overlap."""
    ends = [0] + [x for span in spans if span is not None for x in span] + [len(text)]
    return None not in spans and all(x == y for x, y in zip(ends[::2], ends[1::2], strict=True))


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_op_spans_tile_both_texts(a: str, b: str) -> None:
    """Equal + deleted ops' ``ref_span``s tile ``a`` and hold their text; equal + inserted ops'
    ``other_span``s tile ``b``, so a view reads either side's own words off the ops."""
    ops = word_diff(a, b)
    ref = [op.ref_span for op in ops if op.op != "insert"]
    other = [op.other_span for op in ops if op.op != "delete"]
    assert _tiles(ref, a)
    assert _tiles(other, b)
    for op in ops:
        assert op.ref_span is not None and op.other_span is not None
        if op.op == "insert":
            assert op.text.endswith(b[op.other_span[0] : op.other_span[1]])
        else:
            assert op.text == a[op.ref_span[0] : op.ref_span[1]]


def test_op_spans_leave_equality_alone() -> None:
    """Two ops with the same op and text are equal whatever their spans (a hand-made op has
    none), so diffs built by hand compare equal to computed ones."""
    ops = word_diff("Xi met Assad.", "Xi met Assad on Friday.")
    expected = (DiffOp(E, "Xi met Assad"), DiffOp(I, " on Friday"), DiffOp(E, "."))
    assert expected == ops
    assert [(0, 12), (12, 12), (12, 13)] == [op.ref_span for op in ops]
    assert [(0, 13), (13, 22), (22, 23)] == [op.other_span for op in ops]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_one_text_against_itself_is_one_equal_run_as_the_diff_gives(text: str) -> None:
    """A text against itself (a repeated sentence) is not diffed: its one equal run (none for
    an empty text) is what the word diff gives, also past the direct diff's size bound."""
    assert symmetric_runs(text, text) == diff_runs(text, text)
    if text:
        assert symmetric_runs(text, text) == (Run("equal", 0, len(text), 0, len(text)),)
    long = " ".join(f"w{k}" for k in range(400)) + " " + text
    assert symmetric_runs(long, long) == diff_runs(long, long)


_CODES = st.text(alphabet="abcdef", max_size=40)


@settings(max_examples=500, deadline=None)
@given(_CODES, _CODES)
def test_ported_diff_is_diff_match_patch(a: str, b: str) -> None:
    """The module's port of diff-match-patch's diff (no time-out) gives the library's diff,
    and its merge clean-up the library's, on encoded texts over a few words."""
    from diff_match_patch import diff_match_patch

    library = diff_match_patch()
    library.Diff_Timeout = 0
    expected = library.diff_main(a, b, False)
    assert expected == diff_module._dmp_main(a, b)
    raw = [(-1, a[: len(a) // 2]), (0, a[len(a) // 2 :]), (1, b), (-1, b[:3]), (0, "")]
    merged_library, merged = list(raw), list(raw)
    library.diff_cleanupMerge(merged_library)
    diff_module._cleanup_merge(merged)
    assert merged_library == merged


_native = pytest.mark.skipif(
    diff_module._native_diff is None,
    reason="fast-diff-match-patch has no wheel for this Python: the Python port runs alone",
)


def _python_semantic(a: str, b: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """:func:`compare.diff._semantic_diff` with the C++ diff switched off."""
    with monkeypatch.context() as patched:
        patched.setattr(diff_module, "_native_diff", None)
        return diff_module._semantic_diff(a, b)


@_native
@settings(max_examples=500, deadline=None)
@given(_CODES, _CODES)
def test_native_diff_is_the_python_port_and_the_library(a: str, b: str) -> None:
    """The C++ diff with its semantic clean-up gives, as (op, length) pairs, what the Python
    port followed by the library's clean-up gives, and what the library alone gives."""
    from diff_match_patch import diff_match_patch

    library = diff_match_patch()
    library.Diff_Timeout = 0
    expected = library.diff_main(a, b, False)
    library.diff_cleanupSemantic(expected)
    with pytest.MonkeyPatch.context() as monkeypatch:
        python = _python_semantic(a, b, monkeypatch)
    assert [(op, len(text)) for op, text in expected] == python
    assert python == diff_module._semantic_diff(a, b)


@_native
def test_native_and_python_word_diffs_agree_on_the_readouts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every sentence of one readout diffed against every sentence of another (1,000+ pairs,
    near and far, Chinese and Arabic included) gives the same runs with and without the C++
    diff, codes past U+FFFF included."""
    from compare.loading import load

    examples = Path(__file__).resolve().parent.parent / "examples"
    docs = [load(p) for p in sorted(examples.glob("*/*.txt"))]
    sentences = sorted({s.text for d in docs for s in d.sentences})
    pairs = list(itertools.product(sentences[::3], sentences[1::4]))
    assert len(pairs) > 1_000
    native = [diff_module._diff_runs(a, b) for a, b in pairs]
    monkeypatch.setattr(diff_module, "_native_diff", None)
    assert native == [diff_module._diff_runs(a, b) for a, b in pairs]
    wide = "".join(diff_module.code_point(n) for n in range(0xFF00, 0xFF40))
    other = wide[::2] + diff_module.code_point(5) + wide[1::3]
    monkeypatch.undo()
    assert _python_semantic(wide, other, monkeypatch) == diff_module._semantic_diff(wide, other)


def test_fast_diff_is_installed_where_its_wheel_exists() -> None:
    """The dependency's marker installs the C++ diff on CPython 3.11-3.12 on x86-64 and macOS:
    there it must import (a broken install would silently run the slower Python port)."""
    import platform
    import sys

    machine = platform.machine()
    if sys.version_info >= (3, 13) or not (
        machine in ("x86_64", "AMD64") or sys.platform == "darwin"
    ):
        pytest.skip("fast-diff-match-patch has no wheel for this Python or machine")
    assert diff_module._native_diff is not None
