"""The HTML report: row layout, word marks, escaping of hostile text, fragment form, the CLI."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st

import compare
from compare import Comparison, DiffOp, Document, Finding, Link, Options
from compare.cli import main
from compare.report import html as html_report
from compare.report.controls import TERMINAL_CONTROLS
from compare.report.html import FIRST_ROWS, ON_DEMAND, render_html, script_json

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"

TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "table",
    "thead", "tbody", "tr", "th", "td", "p", "span", "b", "form", "fieldset", "legend", "label",
    "input", "main", "colgroup", "col", "aside", "ol", "li", "a", "del", "ins", "mark", "script",
    "section", "ul",
}  # fmt: skip
"""Every tag the templates emit; nothing else may appear in a page."""
ATTRS = {
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "scope", "title", "type",
    "value", "checked", "autocomplete", "onsubmit", "aria-hidden", "data-type", "data-types",
    "data-row", "data-s", "data-h", "href", "colspan",
}  # fmt: skip
"""Every attribute the templates emit."""


class Page(HTMLParser):
    """Collect the tags, attributes, text and script bodies of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse(html: str) -> Page:
    """Parse a page."""
    page = Page()
    page.feed(html)
    page.close()
    return page


def small() -> Comparison:
    """Two short accounts: a reworded pair, a pair the same, one omitted, one added sentence."""
    ref = Document.from_text(
        "Xi met Assad on Friday. The call lasted 40 minutes. Trade grew fast.",
        label="Wire A", id="a", source="feeds/a.txt",
    )  # fmt: skip
    other = Document.from_text(
        "Assad met Xi on Friday. Trade grew fast. They spoke of peace.", label="Wire B", id="b"
    )
    return Comparison(
        reference=ref,
        other=other,
        links=(
            Link(
                ref=(0,), other=(0,), score=0.8, relation="reworded",
                diff=(
                    DiffOp("delete", "Xi "), DiffOp("insert", "Assad "), DiffOp("equal", "met "),
                    DiffOp("delete", "Assad "), DiffOp("insert", "Xi "),
                    DiffOp("equal", "on Friday."),
                ),
                flags=("entity",),
            ),
            Link(ref=(2,), other=(1,), score=1.0, relation="same",
                 diff=(DiffOp("equal", "Trade grew fast."),)),
        ),
        omitted=(1,),
        added=(2,),
        findings=(
            Finding("entity", (0,), (0,), "Xi ↔ Assad", ((0, 2),), ((0, 5),)),
            Finding("omitted", (1,), (), "not in Wire B", ((24, 51),)),
            Finding("added", (), (2,), "only in Wire B", (), ((41, 61),)),
        ),
        options=Options(),
    )  # fmt: skip


def rows(html: str) -> list[tuple[str, str]]:
    """The (class, text) of each row of the side-by-side view."""
    body = html.split('<table class="cmp-pair">', 1)[1].split("</table>", 1)[0]
    out = []
    for m in re.finditer(r'<tr id="[^"]+" class="([^"]+)"[^>]*>(.*?)</tr>', body, re.S):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(2))).strip()
        out.append((m.group(1), text))
    return out


def test_rows_in_reference_order_with_added_after_nearest_link() -> None:
    """Rows follow the reference; an added sentence follows the row of the other's previous one."""
    got = rows(render_html(small()))
    expected = [
        ("row k-link rel-reworded",
         "1 Xi met Assad on Friday. 1 Assad met Xi on Friday. ≈ reworded 0.80 E entity"),
        ("row k-omitted", "− omitted 2 The call lasted 40 minutes. − omitted"),
        ("row k-link rel-same", "3 Trade grew fast. 2 Trade grew fast. = same 1.00"),
        ("row k-added", "+ added 3 They spoke of peace. + added"),
    ]  # fmt: skip
    assert expected == got


def test_words_marked_and_findings_badged() -> None:
    """Deleted and inserted words are <del>/<ins>; a finding marks its words and badges its row."""
    html = render_html(small())
    assert '<td class="ref"><span class="num">1</span> <mark class="t-entity" ' in html
    assert (
        'title="entity: Xi ↔ Assad" data-s="E"><del>Xi</del></mark> met <del>Assad</del> on' in html
    )
    assert "<ins>Assad</ins></mark> met <ins>Xi</ins> on Friday.</td>" in html
    assert 'title="omitted: not in Wire B"><span class="sym" aria-hidden="true">−</span>' in html


def test_header_counts_and_sources() -> None:
    """The header names both sources, the file name, and counts links, added and omitted."""
    text = " ".join(" ".join(parse(render_html(small())).text).split())
    assert "Reference Wire A — a.txt 3 Other Wire B — — 3" in text
    assert "2 linked = 1 same ≈ 1 reworded ◐ 0 partial" in text
    assert "+ added 1 added by Wire B − omitted 1 omitted by Wire B" in text


def test_two_to_one_link_spans_rows() -> None:
    """A link joining two sentences is one row, marked with its shape."""
    ref = Document.from_text("Xi called Assad. They talked trade.", label="A", id="a")
    other = Document.from_text("Xi called Assad and they talked trade.", label="B", id="b")
    link = Link(
        ref=(0, 1), other=(0,), score=0.7, relation="reworded",
        diff=(DiffOp("equal", "Xi called Assad"), DiffOp("delete", ". They "),
              DiffOp("insert", " and they "), DiffOp("equal", "talked trade.")),
    )  # fmt: skip
    html = render_html(Comparison(ref, other, (link,), (), (), (), Options()))
    assert 1 == len(rows(html))
    assert '<span class="num">1+2</span>' in html
    assert '<span class="shape" title="one row joins 2:1 sentences">2:1</span>' in html


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">click</a> [x](javascript:alert(1))',
    "Right\u200fto\u202eleft\u200b zero\u200dwidth 🙂👍🏽 {{ 7*7 }} {% raw %} &amp; &lt;",
]


def hostile() -> Comparison:
    """A real comparison of texts built to break out of HTML, with hostile labels too."""
    ref = Document.from_text(
        " ".join(f"Officials said {h} today." for h in HOSTILE),
        label="<b>A</b>", id="a", source='x"><svg onload=alert(1)>.txt',
    )  # fmt: skip
    other = Document.from_text(
        " ".join(f"Officials said {h} yesterday." for h in HOSTILE) + " " + HOSTILE[1],
        label="'\"><img src=x>",
    )  # fmt: skip
    return compare.compare(ref, other)


@pytest.mark.parametrize("fragment", [False, True])
def test_hostile_text_is_never_live_markup(fragment: bool) -> None:
    """Source text with markup, script and odd Unicode reaches the page only as escaped text."""
    c = hostile()
    html = render_html(c, fragment=fragment)
    page = parse(html)
    assert set() == {tag for tag, _ in page.tags} - TAGS
    assert set() == {a for _, attrs in page.tags for a in attrs} - ATTRS
    for _tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not (value or "").lower().lstrip().startswith("javascript:"), (name, value)
            if name == "href":
                assert (value or "").startswith("#")
    assert 1 == sum(tag == "script" for tag, _ in page.tags)
    assert "alert" not in "".join(page.scripts)
    lowered = html.lower()
    for needle in ("<script>alert", "<img", "<svg", "<b>a</b>", "onerror=alert(1)>"):
        assert needle not in lowered
    text = "".join(page.text)
    for sentence in c.reference.sentences:
        assert " ".join(sentence.text.split()) in " ".join(text.split())
    assert "🙂👍🏽" in text and "\u202e" in text and "\u200b" in text
    assert "{{ 7*7 }}" in text  # source text is data, never template code


def test_page_is_self_contained() -> None:
    """The page loads nothing: no src attributes, no external links, a strict CSP."""
    html = compare.compare(
        compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN"),
        compare.load(READOUTS / "call-syrian-readout-relay.txt", label="Syrian relay"),
    ).to_html()
    assert html.startswith("<!DOCTYPE html>\n")
    page = parse(html)
    assert not [a for _, attrs in page.tags for a in attrs if a == "src"]
    assert "default-src 'none'" in html
    assert not re.search(r"https?://|//cdn|@import|url\(", html)
    assert "@media print" in html


def test_fragment_for_notebooks() -> None:
    """The fragment has no document shell, and is what Jupyter shows."""
    c = small()
    frag = c._repr_html_()
    assert frag == c.to_html(fragment=True) == render_html(c, fragment=True)
    tags = {tag for tag, _ in parse(frag).tags}
    assert not tags & {"html", "head", "body", "title", "meta"}
    assert frag.startswith('<div class="cmp" id="cmp-')
    css = frag.split("<style>", 1)[1].split("</style>", 1)[0]
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]
    scoped = [s for s in selectors if not s.startswith("@")]
    assert scoped and all(s.startswith(".cmp") for s in scoped), scoped


def test_deterministic() -> None:
    """The same comparison renders to the same bytes."""
    assert render_html(small()) == render_html(small())


def test_templates_ship_in_package() -> None:
    """The templates are package data, found through the package, not the checkout."""
    from importlib import resources

    names = {p.name for p in (resources.files("compare.report") / "templates").iterdir()}
    assert {"page.html.j2", "fragment.html.j2", "report.html.j2", "_pairwise.html.j2"} <= names


@pytest.mark.parametrize(("fmt", "start"), [("html", "<!DOCTYPE html>"), ("markdown", "# CGTN")])
def test_cli_formats(tmp_path: Path, fmt: str, start: str) -> None:
    """--format html and markdown write the report to the output file."""
    out = tmp_path / f"report.{fmt}"
    argv = [str(READOUTS / "call-cgtn-chinese-readout.txt"),
            str(READOUTS / "call-syrian-readout-relay.txt"),
            "--label", "CGTN", "-f", fmt, "-o", str(out)]  # fmt: skip
    assert 0 == main(argv)
    assert out.read_text(encoding="utf-8").startswith(start)


def test_other_side_in_its_own_words_without_diffing_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The other cell shows the other account's own quote marks and spacing, read off the diff's
    ``other_span``s: the report never tokenises or diffs the sentences again."""
    ref = Document.from_text("Xi said “peace is near” on Friday.", label="Gazette", id="g")
    other = Document.from_text('Xi said "peace is near" late on Friday.', label="Herald", id="h")
    result = compare.compare(ref, other)

    def refuse(text: str) -> list[str]:
        raise AssertionError("the HTML report tokenised a sentence again")

    monkeypatch.setattr("compare.diff.tokenize", refuse)
    html = render_html(result)
    assert '<td class="ref"><span class="num">1</span> Xi said “peace is near” on Friday.' in html
    other_cell = "Xi said &#34;peace is near&#34; <ins>late</ins> on Friday.</td>"
    assert f'<td class="other"><span class="num">1</span> {other_cell}' in html


def test_script_json_cannot_close_its_element_and_reads_back() -> None:
    """The payload's JSON escapes what could end the script element or break a JS parser."""
    value = {"rows": ["</script><script>alert(1)</script>", "<!-- x -->", "a\u2028b\u2029c & d"]}
    text = script_json(value)
    for raw in ("</", "<!", "\u2028", "\u2029"):
        assert raw not in text
    assert value == json.loads(text)


def large_hostile(n: int = ON_DEMAND + 50) -> Comparison:
    """A comparison of ``n`` rows, each sentence built to break out of HTML or of the payload."""
    words = [*HOSTILE, "</script><!-- <script>alert(2)</script>", "line\u2028separator\u2029here"]
    text = " ".join(f"Officials said {words[k % len(words)]} on day {k}." for k in range(n))
    with pytest.warns(compare.InputWarning, match="looks like HTML"):  # it is meant to
        ref = Document.from_text(text, label="<b>A</b>", id="a")
        other = Document.from_text(text, label="'\"><img src=x>", id="b")
    links = tuple(
        Link((k,), (k,), 1.0, "same", (DiffOp("equal", s.text),))
        for k, s in enumerate(ref.sentences)
    )
    return Comparison(ref, other, links, (), (), (), Options())


def test_large_report_carries_its_rows_in_a_safe_payload() -> None:
    """Past ON_DEMAND rows the page draws the first rows and carries every row, escaped, as JSON."""
    c = large_hostile()
    assert len(c.links) > ON_DEMAND
    html = render_html(c)
    page = parse(html)
    assert FIRST_ROWS == len(rows(html))
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert [{"type": "application/json", "class": "cmp-data"}, {}] == scripts
    payload_text = html.split('<script type="application/json" class="cmp-data">', 1)[1]
    payload_text = payload_text.split("</script>", 1)[0]
    for raw in ("</", "<!", "\u2028"):
        assert raw not in payload_text
    assert "alert" not in page.scripts[1]
    payload = json.loads(payload_text)
    assert len(c.links) == len(payload["rows"])
    assert [] == payload["items"]
    for (row_id, row_html, same, types, tags), link in zip(payload["rows"], c.links, strict=True):
        assert (1, "", "") == (same, types, tags)
        row = parse(row_html)
        assert {"tr", "td", "span"} >= {tag for tag, _ in row.tags}
        assert row_id == row.tags[0][1]["id"]
        sentence = " ".join(c.reference.sentences[link.ref[0]].text.split())
        assert sentence in " ".join("".join(row.text).split())
    assert payload["rows"][2][1] in html  # the first rows: the same markup in the page


@given(st.text(alphabet=st.sampled_from("a&<>'\"é −\u202e"), max_size=20))
def test_row_html_escapes_as_the_templates_autoescape(text: str) -> None:
    """Rows built in Python escape text exactly as Jinja's autoescape (markupsafe) does."""
    assert str(markupsafe.escape(text)) == html_report._esc(text)
    assert str(markupsafe.escape(text)) == html_report._replace_esc(text)  # the fallback


def test_large_report_shows_controls_in_page_and_payload() -> None:
    """A report large enough for a payload (past the length where visible() first searches the
    page's bytes) still makes every terminal control visible, in the first rows and in the
    payload, and keeps the bidi controls."""
    words = ["esc\x1b[31m", "csi\x9bm", "del\x7f", "bidi\u202eright"]
    text = " ".join(f"Officials said {words[k % len(words)]} on day {k}." for k in range(1200))
    ref = Document.from_text(text, label="A", id="a")
    other = Document.from_text("Officials met on Monday.", label="B", id="b")
    html = render_html(compare.compare(ref, other))
    assert re.search(f"[{TERMINAL_CONTROLS}]", html) is None
    assert "\u202e" in html
    assert "esc\ufffd[31m" in html and "csi\ufffdm" in html and "del\ufffd on" in html
