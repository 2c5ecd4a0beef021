"""The fuzzer: mutated readouts and wild text through load → compare → every format → collation;
random web pages through the loader; random command lines; random JSONL corpora through
``compare corpus``.

Each property states a contract of DESIGN.md that must hold for *any* input: no exception but a
one-line ``CompareError``; every non-whitespace character in exactly one sentence or the header;
every sentence in exactly one link or in omitted/added; each link's diff rebuilds both sides; a
document compared with itself has no findings; the same input gives the same JSON; no raw control
character reaches a terminal through the text, Markdown or HTML views; any web page loads to a
document that keeps the offset contract; any command line exits 0, or 2 with one error line; a
corpus of any lines is grouped with every article in one event, or refused in one line.

CI runs a bounded number of examples (``COMPARE_FUZZ_EXAMPLES``, default 150 per property, half
that for the web page, command line and corpus properties, whose examples cost more),
the same ones every run (``.ci/run`` sets ``CI``, under which Hypothesis derandomizes); a local run
draws fresh examples each time, and ``benchmarks/fuzz.py`` runs as many as asked.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import compare
from _extras import web_extra
from compare import CompareError, Document
from compare.cli import main
from compare.diff import word_diff
from invariants import (
    check_closest,
    check_collation,
    check_document,
    check_findings,
    check_links,
    check_partition,
    check_self_comparison,
)
from test_diff import distinct_words

# Wild and mutated text has no language: its one-line language warnings are expected here.
pytestmark = pytest.mark.filterwarnings("ignore::compare.LanguageWarning")

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt"))]
EXAMPLES = int(os.environ.get("COMPARE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters no terminal-bound view may emit raw: C0 but tab and newline, DEL, C1."""
SGR = re.compile(r"\x1b\[[0-9;]*m")
"""The colour escapes the coloured text view writes on purpose."""

SPICE = [
    "\u200b", "\u200b\u200b\u200b", "\u200f", "\u202e", "\ufeff", "\u00ad", "…", "“", "”", "‘",
    "’", "«", "»", '"', "'", "😀", "👩‍👩‍👧", "𝔘𝔫𝔦", "中国和叙利亚是好朋友。", "他说：“好。”",
    "سوريا والصين صديقتان.", "؟", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\t", "\x0b", "\x0c",
    "\x1b[31m", "\x1b]0;title\x07", "\x9b2J", "\x7f", "---\n", "---\ntitle: x\n",
    "date 2021-11-06 ", "Date: 2021-11-06\n", "9" * 40, "3.5%", "$1.2 billion", "U.S.", "Mr.",
    "e.g.", "... !!! ??? ---",
    "1. ", "\n\n", " ", "—", "-", "(", ")", "[1]", "<script>alert(1)</script>", "&amp;", "{{ x }}",
]  # fmt: skip
WORDS = [
    "China", "Syria", "Xi", "Assad", "not", "never", "firmly", "reportedly", "said", "stressed",
    "50", "fifty", "2021", "Friday", "Beijing", "Damascus", "may", "very", "support", "oppose",
]  # fmt: skip

pieces = st.one_of(st.sampled_from(SPICE), st.sampled_from(WORDS), st.text(max_size=12))


@st.composite
def mutated_readout(draw: st.DrawFn) -> str:
    """A readout with a few edits: cuts, moves, insertions of odd characters, new newlines."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["cut", "move", "insert", "insert", "newlines", "truncate"]))
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 400)))
        if kind == "cut":
            text = text[:i] + text[j:]
        elif kind == "move":
            piece, rest = text[i:j], text[:i] + text[j:]
            k = draw(st.integers(0, len(rest)))
            text = rest[:k] + piece + rest[k:]
        elif kind == "insert":
            text = text[:i] + draw(pieces) + text[i:]
        elif kind == "newlines":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\u2028", "\n\n", " "])))
        else:
            text = text[:j]
    return text


wild_text = st.one_of(
    st.text(min_size=0, max_size=300),
    st.lists(pieces, max_size=30).map("".join),
    st.lists(st.sampled_from(SPICE), min_size=1, max_size=8).map("".join),
)
any_text = st.one_of(mutated_readout(), mutated_readout(), wild_text)


def document(text: str, name: str) -> Document | None:
    """The text as a document, or None after checking a refusal is one clear line."""
    try:
        doc = Document.from_text(text, label=name, id=name)
    except CompareError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return None
    check_document(doc)
    return doc


def check_views(result: compare.Comparison | compare.Collation) -> None:
    """Every format renders; JSON round-trips as UTF-8; terminal-bound views carry no controls."""
    data = result.to_json()
    assert json.loads(data.encode("utf-8")) == result.to_dict()
    for view in (
        result.to_text(width=60),
        SGR.sub("", result.to_text(width=120, color=True)),
        result.to_markdown(),
        result.to_html(),
    ):
        found = CONTROL.search(view)
        assert found is None, f"raw control character {found.group()!r} in a view"


@FUZZ
@given(any_text, any_text)
def test_any_pair_keeps_every_contract(a: str, b: str) -> None:
    """Any two texts: clean refusal or a comparison that keeps every invariant, in every view."""
    ref, other = document(a, "a"), document(b, "b")
    if ref is None or other is None:
        return
    try:
        result = compare.compare(ref, other)
    except CompareError as exc:
        assert "\n" not in str(exc), repr(exc)
        return
    check_partition(result)
    check_links(result)
    check_findings(result)
    check_closest(result)
    check_views(result)
    assert result.to_json() == compare.compare(ref, other).to_json()
    check_self_comparison(ref)


@FUZZ
@given(st.lists(any_text, min_size=3, max_size=4))
def test_any_collation_keeps_every_contract(texts: list[str]) -> None:
    """Any three or four texts: every sentence in exactly one claim, every view renders."""
    docs = [document(t, f"d{k}") for k, t in enumerate(texts)]
    usable = [d for d in docs if d is not None]
    if len(usable) < 2:
        return
    try:
        result = compare.collate(usable)
    except CompareError as exc:
        assert "\n" not in str(exc), repr(exc)
        return
    check_collation(result)
    check_views(result)
    assert result.to_json() == compare.collate(usable).to_json()


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1"])


@FUZZ
@given(st.one_of(st.binary(max_size=400), st.tuples(any_text, encodings)))
def test_any_file_loads_or_is_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    """Any bytes on disk: a document that keeps the offset contract, or a one-line InputError."""
    if isinstance(data, tuple):
        text, encoding = data
        raw = text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")
    else:
        assert isinstance(data, bytes)
        raw = data
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "input.txt"
    path.write_bytes(raw)
    try:
        doc = compare.load(path)
    except CompareError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return
    check_document(doc)
    json.dumps([s.text for s in doc.sentences], ensure_ascii=False).encode("utf-8")


def run_cli(argv: list[str]) -> tuple[int, str]:
    """Run the command line in this process: its exit status and what it wrote to stderr, after
    checking the contract: exit 0, or 2 with exactly one error line; never a traceback."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            rc = main(argv)
        except SystemExit as exc:  # argparse's own refusals
            rc = exc.code if isinstance(exc.code, int) else 1
    said = err.getvalue()
    assert "Traceback" not in said, said
    assert rc in (0, 2), (rc, argv, said)
    if rc == 2:
        assert len([x for x in said.splitlines() if "error:" in x]) == 1, said
    return rc, said


odd_value = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8),
    st.lists(st.integers(), max_size=2), st.sampled_from(SPICE),
)  # fmt: skip


def mostly(good: st.SearchStrategy[str]) -> st.SearchStrategy[object]:
    """A field's value: a good one seven times in eight, else any odd JSON value."""
    return st.integers(0, 7).flatmap(lambda k: odd_value if k == 0 else good)


_optional_fields = {
    "outlet": mostly(st.sampled_from(["CGTN", "SANA", "Newsweek"])),
    "date": mostly(
        st.sampled_from(["2021-11-05", "2021-11-06", "2021-11-20", "2021-13-45", "0001-01-01"])
    ),
    "title": mostly(st.sampled_from(["Xi, Assad talk", ""])),
    "url": mostly(st.sampled_from(["https://example.org/a", "not a url"])),
    "event": mostly(st.sampled_from(["e1", "e2"])),
    "lang": odd_value,
}
article_line = st.fixed_dictionaries(
    {"id": st.sampled_from([f"a{k}" for k in range(12)]), "text": any_text},
    optional=_optional_fields,
).map(lambda row: json.dumps(row, ensure_ascii=False))
broken_line = st.fixed_dictionaries(
    {}, optional={"id": odd_value, "text": st.one_of(any_text, odd_value), **_optional_fields}
).map(lambda row: json.dumps(row, ensure_ascii=False))
junk_line = st.one_of(
    st.sampled_from(["", "{", "[]", "null", "1", '"x"', '{"id":', "{} {}", "\ufeff{}"]),
    st.text(max_size=20),
)
_REFUSAL = re.compile(r"^.*?error: (\S*:\d+: )?")
"""What a refusal's statistics label leaves out: the program's name and the file:line."""
corpus_lines = st.lists(
    st.integers(0, 11).flatmap(lambda k: {10: broken_line, 11: junk_line}.get(k, article_line)),
    min_size=2,
    max_size=10,
)


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 10))
@given(
    corpus_lines,
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.sampled_from([[], ["--date-window", "0"], ["--date-window", "3"]]),
)
def test_any_jsonl_corpus_is_grouped_or_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[str],
    newline: str,
    skip_bad: bool,
    window: list[str],
) -> None:
    """Any JSONL lines through ``compare corpus``: exit 0 with every article in exactly one
    event, or exit 2 with a one-line error (with ``--skip-bad``, only for a corpus left with no
    article); never a traceback."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "c.jsonl"
    path.write_bytes(newline.join(lines).encode("utf-8", errors="surrogatepass"))
    argv = ["corpus", str(path), "-o", str(folder / "out"), "--workers", "1", "-q", *window]
    rc, said = run_cli([*argv, "--skip-bad"] if skip_bad else argv)
    if rc == 2:
        error = said.strip().splitlines()[-1]
        event("refused: " + _REFUSAL.sub("", error)[:40])
        if skip_bad:
            assert "holds no articles" in error, said
        return
    # Read with str.splitlines on purpose: a JSON line must stay one line to any splitter (U+2028
    # in a passed-through field once cut one in two).
    written = (folder / "out" / "articles.jsonl").read_text(encoding="utf-8")
    ids = [json.loads(x)["id"] for x in written.splitlines()]
    events = (folder / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    grouped = [a for line in events for a in json.loads(line)["articles"]]
    event(
        f"grouped {len(ids)} article(s) into {len(events)} event(s)"
        if len(ids) < 3
        else "grouped 3+ articles"
    )
    assert sorted(ids) == sorted(grouped)
    assert len(set(ids)) == len(ids)


TAGS = [
    "p", "div", "span", "h1", "article", "main", "nav", "footer", "li", "ul", "table", "td",
    "script", "style", "br", "blockquote", "figure", "time", "a", "b", "pre", "noscript", "aside",
]  # fmt: skip
ATTRIBUTES = [
    "",
    " class='content'",
    " itemprop='articleBody'",
    " hidden",
    " datetime='2021-11-05'",
]
HTML_ODD = [
    "&amp;", "&nbsp;", "&#0;", "&#x110000;", "&bogus;", "<!-- c -->", "<![CDATA[x]]>", "<", ">",
    "<meta charset='latin-1'>", "<?xml version='1.0'?>", "</div>", "<p",
]  # fmt: skip
html_piece = st.recursive(
    st.one_of(mutated_readout().map(lambda t: t[:600]), st.sampled_from(HTML_ODD + SPICE)),
    lambda inner: st.tuples(
        st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), st.lists(inner, max_size=4),
        st.booleans(),
    ).map(lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else "")),
    max_leaves=12,
)  # fmt: skip
web_page = st.tuples(
    st.sampled_from(["", "<!doctype html>", "<html><head><title>Xi, Assad talk</title></head>"]),
    st.lists(html_piece, max_size=6),
    st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]),
).map(lambda t: (t[0] + "<body>" + "".join(t[1]) + "</body></html>").encode(t[2], "replace"))


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 10))
@given(web_page)
def test_any_web_page_loads_or_is_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, page: bytes
) -> None:
    """Any HTML page (nested tags, odd entities and charsets, four encodings) through
    ``compare.load``: a document that keeps the offset contract, or a one-line ``CompareError``."""
    web_extra()
    path = tmp_path_factory.mktemp("web") / "page.html"
    path.write_bytes(page)
    try:
        doc = compare.load(path)
    except CompareError as exc:
        event("refused")
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return
    event("loaded")
    check_document(doc)


_OPTION_VALUES = ["0", "1", "-1", "0.5", "1e9", "nan", "inf", "x", "", "2", "100", "1,5", "٣"]
_OPTIONS = {
    **{
        name: st.sampled_from(_OPTION_VALUES)
        for name in (
            "--link-threshold", "--mutual-floor", "--merge-gain", "--order-bonus",
            "--fuzzy-weight", "--partial-coverage", "--detail-min-words", "--unit-weight",
            "--anchor-score", "--max-pairs", "--max-linkable", "--near-miss", "--width",
        )
    },
    "--fuzzy-scorer": st.sampled_from(["ratio", "token_sort_ratio", "x", ""]),
    "--language": st.sampled_from(["en", "zh", "ar", "auto", "fr", ""]),
    "--encoding": st.sampled_from(["utf-8", "latin-1", "bogus", "utf-16"]),
    "--only": st.sampled_from(["number", "quote,entity", "bogus", "", ","]),
    "--exclude": st.sampled_from(["reworded", "bogus", ""]),
    "--format": st.sampled_from(["text", "json", "markdown", "html", "csv", "pdf"]),
    "--label": st.sampled_from(["A", "", "\u202e", "x" * 300]),
    "--output": st.sampled_from(["OUT.html", "OUT.csv", "/nonexistent/dir/x", ""]),
}  # fmt: skip
_INPUTS = [*(str(p) for p in sorted(READOUTS.glob("*.txt"))), str(READOUTS), "/nonexistent.txt"]
command_line = st.tuples(
    st.lists(st.sampled_from(_INPUTS), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(sorted(_OPTIONS)).flatmap(lambda o: st.tuples(st.just(o), _OPTIONS[o])),
        max_size=4,
    ),
    st.lists(st.sampled_from(["--html", "-q"]), max_size=1),
)


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 10))
@given(command_line)
def test_any_command_line_exits_0_or_2_in_one_line(
    tmp_path_factory: pytest.TempPathFactory,
    line: tuple[list[str], list[tuple[str, str]], list[str]],
) -> None:
    """Any mix of inputs, options and odd values on the command line: exit 0, or exit 2 with
    one error line; never a traceback."""
    folder = tmp_path_factory.mktemp("cli")
    inputs, options, flags = line
    argv = [*inputs, *flags]
    for name, value in options:
        argv += [name, str(folder / value) if value.startswith("OUT") else value]
    rc, _ = run_cli(argv)
    event("refused" if rc == 2 else "ran")


def test_more_distinct_words_than_a_16_bit_encoding_holds() -> None:
    """70,000 distinct words, past the 65,536 that a 16-bit word encoding holds: one link's diff
    keeps every word apart, and a 700-sentence document of them compares and serialises."""
    words = distinct_words(70_000)
    edited = [*words[:35_000], "China", *words[35_001:]]
    ops = word_diff(" ".join(words), " ".join(edited))
    assert [(op.op, len(op.text.split())) for op in ops] == [
        ("equal", 35_000),
        ("delete", 1),
        ("insert", 1),
        ("equal", 34_999),
    ]
    sentences = [" ".join(words[k : k + 100]).capitalize() + "." for k in range(0, 70_000, 100)]
    ref = Document.from_text("\n".join(sentences), id="many", label="many")
    other = Document.from_text(
        f"{sentences[5].replace(words[520], 'China')} {sentences[300]} Xi said nothing.",
        id="few",
        label="few",
    )
    result = compare.compare(ref, other)
    check_partition(result)
    check_links(result)
    check_findings(result)
    assert [(link.ref, link.other) for link in result.links] == [((5,), (0,)), ((300,), (1,))]
    assert json.loads(result.to_json())["summary"]["linked_ref"] == 2
