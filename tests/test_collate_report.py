"""Views of a collation: JSON contract and schema, terminal matrix, Markdown, HTML matrix page."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import compare
from compare import Claim, Collation, Comparison, DiffOp, Document, Finding, Link, Options
from compare.cli import main
from compare.model import Coverage
from compare.report.json import COLLATION_SCHEMA, load_collation_schema, load_schema

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"


def small() -> Collation:
    """Three short wires, built by hand: one claim in all three, one in two, three unique.

    Wire A is the reference; Wire C lacks the claim the two others carry.
    """
    a = Document.from_text(
        "Xi met Assad on Friday. The call lasted 40 minutes. Trade | grew *fast*.",
        label="Wire A", id="a", source="feeds/a.txt",
    )  # fmt: skip
    b = Document.from_text(
        "Assad met Xi on Friday. Trade | grew *fast*. They spoke of <b>peace</b>.",
        label="Wire B", id="b",
    )  # fmt: skip
    c = Document.from_text("Xi met Assad on Friday. Prices rose.", label="Wire C", id="c")
    reworded = Link(
        ref=(0,), other=(0,), score=0.8, relation="reworded",
        diff=(
            DiffOp("delete", "Xi "), DiffOp("insert", "Assad "), DiffOp("equal", "met "),
            DiffOp("delete", "Assad "), DiffOp("insert", "Xi "), DiffOp("equal", "on Friday."),
        ),
        flags=("reworded",),
    )  # fmt: skip
    same0 = Link((0,), (0,), 1.0, "same", (DiffOp("equal", "Xi met Assad on Friday."),))
    same_trade = Link((2,), (1,), 1.0, "same", (DiffOp("equal", "Trade | grew *fast*."),))
    swap = Finding("reworded", (0,), (0,), "“Xi” → “Assad”; “Assad” → “Xi”", ((0, 2),), ((0, 5),))
    claims = (
        Claim("c1", {"a": (0,), "b": (0,), "c": (0,)}, "a", "Xi met Assad on Friday.",
              {"b": reworded, "c": same0}, {"b": (swap,), "c": ()}),
        Claim("c2", {"a": (1,)}, "a", "The call lasted 40 minutes."),
        Claim("c3", {"a": (2,), "b": (1,)}, "a", "Trade | grew *fast*.", {"b": same_trade},
              {"b": ()}),
        Claim("c4", {"b": (2,)}, "b", "They spoke of <b>peace</b>."),
        Claim("c5", {"c": (1,)}, "c", "Prices rose."),
    )  # fmt: skip
    pairs = (
        Comparison(a, b, (reworded, same_trade), (1,), (2,), (), Options()),
        Comparison(a, c, (same0,), (1, 2), (1,), (), Options()),
    )
    return Collation(
        documents=(a, b, c),
        claims=claims,
        coverage={
            "a": Coverage(("c1", "c2", "c3"), ("c2",), ()),
            "b": Coverage(("c1", "c3", "c4"), ("c4",), ()),
            "c": Coverage(("c1", "c5"), ("c5",), ("c3",)),
        },
        ranking=("c1", "c3"),
        pairs=pairs,
        options=Options(),
    )


# --- JSON ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the compare.collation/1 schema shipped in the package."""
    schema = load_collation_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_json_keys_follow_design() -> None:
    """Top-level, claim and coverage keys are those of DESIGN §3 (plus the documented extras)."""
    data = small().to_dict()
    assert COLLATION_SCHEMA == data["schema"] == "compare.collation/1"
    assert {"schema", "documents", "claims", "pairs", "coverage", "ranking", "summary"} == set(data)
    assert {
        "id": "c3", "members": {"a": [2], "b": [1]}, "text": "Trade | grew *fast*.",
        "representative": "a", "sources": 2,
        "variants": {"b": {
            "ref": [2], "other": [1], "score": 1.0, "relation": "same",
            "diff": [{"op": "equal", "text": "Trade | grew *fast*."}], "flags": [], "findings": [],
        }},
        "closest": {},
    } == data["claims"][2]  # fmt: skip
    assert {"claims": 2, "unique": 1, "missing": 1, "unique_claims": ["c5"],
            "missing_claims": ["c3"]} == data["coverage"]["c"]  # fmt: skip
    assert ["c1", "c3"] == data["ranking"]
    assert ["a", "b", "c"] == [d["id"] for d in data["documents"]]
    assert [p.to_dict() for p in small().pairs] == data["pairs"]


def test_json_validates_and_the_schema_is_not_vacuous(
    validator: jsonschema.Draft202012Validator,
) -> None:
    """The small collation validates; a wrong schema name, four members or a bad id do not."""
    data = small().to_dict()
    assert [] == [e.message for e in validator.iter_errors(data)]
    claim = data["claims"][0]
    bad = [
        {**data, "schema": "compare.collation/2"},
        {**data, "claims": [{**claim, "members": {"a": [0, 1, 2, 3]}}]},
        {**data, "claims": [{**claim, "id": "claim-1"}]},
        {**data, "extra": 1},
        {**data, "documents": data["documents"][:1]},
    ]
    for wrong in bad:
        assert not validator.is_valid(wrong)


def test_json_is_deterministic_text() -> None:
    """to_json() is sorted, ends with a newline, and reads back as to_dict()."""
    text = small().to_json()
    assert text.endswith("}\n")
    assert small().to_dict() == json.loads(text)
    assert text == small().to_json()


def test_schema_definitions_match_the_comparison_schema() -> None:
    """Documents, findings and links are described as in compare.comparison/1 (no drift)."""
    ours, theirs = load_collation_schema()["$defs"], load_schema()["$defs"]
    assert theirs["document"] == ours["document"]
    assert theirs["finding"] == ours["finding"]
    link, variant = theirs["link"], ours["variant"]
    assert link["required"] + ["findings"] == variant["required"]
    assert link["properties"] == {k: v for k, v in variant["properties"].items() if k != "findings"}


# --- terminal view --------------------------------------------------------------------------------

TEXT = """\
Collation of 3 accounts: 5 claims (1 in all 3, 1 in 2, 3 in one source only)

== Summary ==

No changed numbers, speakers, quotes, names, negation or hedges in the shared claims' wordings.

Per source, what it alone reports and what it leaves out:
  - Wire A: alone reports 1 (e.g. c2: “The call lasted 40 minutes.”); leaves out nothing most others
    carry
  - Wire B: alone reports 1 (e.g. c4: “They spoke of <b>peace</b>.”); leaves out nothing most others
    carry
  - Wire C: alone reports 1 (e.g. c5: “Prices rose.”); leaves out 1 that most others carry (c3:
    “Trade | grew *fast*.”)

5 claims: 1 carried by all 3 sources, 2 by two or more; findings on the wordings: reworded 1.

  #  Source  Sentences  Claims  Unique  Missing  Date
  1  Wire A          3       3       1        0  —
  2  Wire B          3       3       1        0  —
  3  Wire C          2       2       1        1  —

== Claims × sources ==

      1 2 3
  c1  ✓ ✓ ✓  Xi met Assad on Friday.
  c2  ✓ ✗ ✗  The call lasted 40 minutes.
  c3  ✓ ✓ ✗  Trade | grew *fast*.
  c4  ✗ ✓ ✗  They spoke of <b>peace</b>.
  c5  ✗ ✗ ✓  Prices rose.
  ✓ carries the claim · ◐ carries part of it (partial) · ✗ does not carry it · columns: the sources
  above

== Shared claims, most widely reported first: 2 ==

c1 · 3 of 3 sources · representative: Wire A 1
    Xi met Assad on Friday.
  Wire B 1: reworded, score 0.80 [reworded]
    [-Xi-] {+Assad+} met [-Assad-] {+Xi+} on Friday.
  Wire C 1: same, score 1.00
    Xi met Assad on Friday.

c3 · 2 of 3 sources · representative: Wire A 3
    Trade | grew *fast*.
  Wire B 2: same, score 1.00
    Trade | grew *fast*.

== Omissions: claims most other sources carry ==

Wire C lacks 1:
  c3 (2 sources) Trade | grew *fast*.

== Pairwise against Wire A ==

  Other   Linked  Same  Reworded  Partial  Added  Omitted
  Wire B       2     1         1        0      1        1
  Wire C       1     1         0        0      1        2
"""


def test_text_view_exact() -> None:
    """The terminal view of the small collation, character for character."""
    assert TEXT == small().to_text(width=100)


def test_text_view_marks_partial_members_and_shows_the_detail() -> None:
    """A member whose wording is partial gets ◐, and its detail findings are listed."""
    c = small()
    partial = Link((0,), (0,), 0.5, "partial", (DiffOp("equal", "Xi met Assad on Friday."),))
    detail = Finding("added_detail", (0,), (0,), "Wire B adds “in Damascus”")
    variants = {"b": partial, "c": c.claims[0].variants["c"]}
    claim = Claim("c1", c.claims[0].members, "a", c.claims[0].text, variants, {"b": (detail,)})
    import attrs

    text = attrs.evolve(c, claims=(claim, *c.claims[1:])).to_text(width=100)
    assert "  c1  ✓ ◐ ✓  Xi met Assad on Friday." in text.splitlines()
    assert "    · added_detail: Wire B adds “in Damascus”" in text.splitlines()


# Sixty "word"s outweigh the few English words: the language check warns, as it should.
@pytest.mark.filterwarnings("ignore::compare.LanguageWarning")
def test_text_view_cleans_control_characters_and_fits_the_width() -> None:
    """An escape sequence in a document is shown as �; matrix rows fit the width."""
    hostile = Document.from_text("Xi met \x1b[31mAssad\x1b[0m on Friday. " + "word " * 60 + ".")
    other = Document.from_text("Xi met Assad on Friday.", id="o")
    third = Document.from_text("Nothing in common here at all.", id="t")
    text = compare.collate([hostile, other, third]).to_text(width=60)
    assert "\x1b" not in text
    assert "�" in text
    matrix = text.split("== Claims × sources ==")[1].split("\n\n")[1]
    assert all(len(line) <= 60 for line in matrix.splitlines()[:-1])


def test_text_view_numbers_ten_or_more_sources_top_to_bottom() -> None:
    """With 12 sources the column numbers take two header lines, one digit per column."""
    docs = [Document.from_text("Xi met Assad.", id=f"d{k:02}") for k in range(12)]
    lines = compare.collate(docs).to_text().split("== Claims × sources ==\n\n")[1].splitlines()
    assert "1 2 3 4 5 6 7 8 9 0 1 2" == lines[1].strip()
    assert "1 1 1" == lines[0].strip()
    assert "c1  ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓  Xi met Assad." == lines[2].strip()


# --- Markdown -----------------------------------------------------------------------------------

MARKDOWN = """\
# Collation: Wire A, Wire B, Wire C

5 claims: 1 in all 3, 1 in 2, 3 in one source only.

## Summary

- No changed numbers, speakers, quotes, names, negation or hedges in the shared claims' wordings.
- Per source, what it alone reports and what it leaves out:
  - Wire A: alone reports 1 (e.g. c2: “The call lasted 40 minutes.”); leaves out nothing most others carry
  - Wire B: alone reports 1 (e.g. c4: “They spoke of \\<b>peace\\</b>.”); leaves out nothing most others carry
  - Wire C: alone reports 1 (e.g. c5: “Prices rose.”); leaves out 1 that most others carry (c3: “Trade \\| grew \\*fast\\*.”)
- 5 claims: 1 carried by all 3 sources, 2 by two or more; findings on the wordings: reworded 1.

| # | Source | Date | File | Sentences | Claims | Unique | Missing |
| ---: | --- | --- | --- | ---: | ---: | ---: | ---: |
| 1 | Wire A | — | feeds/a.txt | 3 | 3 | 1 | 0 |
| 2 | Wire B | — | — | 3 | 3 | 1 | 0 |
| 3 | Wire C | — | — | 2 | 2 | 1 | 1 |

## Claims × sources

| Claim | Wire A | Wire B | Wire C | Wording |
| --- | :-: | :-: | :-: | --- |
| c1 | ✓ | ✓ | ✓ | Xi met Assad on Friday. |
| c2 | ✓ | ✗ | ✗ | The call lasted 40 minutes. |
| c3 | ✓ | ✓ | ✗ | Trade \\| grew \\*fast\\*. |
| c4 | ✗ | ✓ | ✗ | They spoke of \\<b>peace\\</b>. |
| c5 | ✗ | ✗ | ✓ | Prices rose. |

✓ carries the claim · ◐ carries part of it (partial) · ✗ does not carry it

## Shared claims, most widely reported first: 2

### c1 · 3 of 3 sources

**Wire A 1** (representative): Xi met Assad on Friday.

- **Wire B 1** · reworded · score 0.80 · flags: reworded: ~~Xi~~ **Assad** met ~~Assad~~ **Xi** on Friday.
- **Wire C 1** · same · score 1.00: Xi met Assad on Friday.

### c3 · 2 of 3 sources

**Wire A 3** (representative): Trade \\| grew \\*fast\\*.

- **Wire B 2** · same · score 1.00: Trade \\| grew \\*fast\\*.

## Omissions: claims most other sources carry

**Wire C** lacks 1:

- c3 (2 sources): Trade \\| grew \\*fast\\*.

## Pairwise against Wire A

| Other | Linked | Same | Reworded | Partial | Added | Omitted |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| Wire B | 2 | 1 | 1 | 0 | 1 | 1 |
| Wire C | 1 | 1 | 0 | 0 | 1 | 2 |
"""  # noqa: E501 - Markdown list items are single lines, however long


def test_markdown_exact() -> None:
    """The Markdown report of the small collation, character for character, source escaped."""
    assert MARKDOWN == small().to_markdown()


# --- HTML ---------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Collect the tags with their attributes, and the text outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skip = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> Page:
    """Parse a page."""
    page = Page()
    page.feed(html)
    page.close()
    return page


def rows(page: Page) -> list[dict[str, str | None]]:
    """The attributes of the matrix rows."""
    return [a for tag, a in page.tags if tag == "tr" and "row" in (a.get("class") or "").split()]


def test_html_has_one_row_per_claim_with_a_mark_per_source() -> None:
    """Five claims, five rows; each row one mark cell per source, ✓/✗ as in the matrix."""
    html = small().to_html()
    page = parse(html)
    assert 5 == len(rows(page))
    marks = [
        a.get("class") for tag, a in page.tags if tag == "td" and "mk" in (a.get("class") or "")
    ]
    assert 15 == len(marks)
    assert ["mk mk-carried"] * 3 + ["mk mk-carried", "mk mk-absent", "mk mk-absent"] == marks[:6]
    assert "Collation: Wire A, Wire B, Wire C" in "".join(page.text)


def test_html_rows_carry_the_filters_of_the_models_coverage() -> None:
    """Each row's filter tags and the filter's counts come from the model's coverage."""
    page = parse(small().to_html())
    tags = {a.get("id", "").rsplit("-", 1)[-1]: a.get("data-tags") for a in rows(page)}
    assert {"c1": "all", "c2": "unique-0", "c3": "missing-2", "c4": "unique-1",
            "c5": "unique-2"} == tags  # fmt: skip
    alike = [
        a.get("id", "").rsplit("-", 1)[-1] for a in rows(page) if "alike" in (a.get("class") or "")
    ]
    # carried by all three, reworded or the same, no finding but reworded (c3 is worded alike but
    # Wire C lacks it: a difference of coverage, shown)
    assert ["c1"] == alike
    options = [a.get("value") for tag, a in page.tags if tag == "option"]
    assert ["", "all", "unique-0", "unique-1", "unique-2", "missing-0", "missing-1",
            "missing-2"] == options  # fmt: skip
    text = " ".join("".join(page.text).split())
    assert "all claims (5) shared by all 3 sources (1) unique to Wire A (1)" in text
    assert "missing from Wire B (0) missing from Wire C (1)" in text


def test_html_coverage_chart_draws_the_models_counts() -> None:
    """An inline SVG: per source a carried, an only-here and a lacks bar, labelled, out of all."""
    c = small()
    html = c.to_html()
    page = parse(html)
    [svg] = [a for tag, a in page.tags if tag == "svg"]
    assert "img" == svg["role"]
    t, d = (svg["aria-labelledby"] or "").split()
    ids = {a.get("id") for _, a in page.tags}
    assert {t, d} <= ids
    widths = [a["width"] for tag, a in page.tags if tag == "rect"]
    # Wire A carries 3 of 5 claims, 1 only it, lacks none; Wire C carries 2, 1, lacks c3.
    assert ["42.00%", "14.00%", "0.00%", "42.00%", "14.00%", "0.00%", "28.00%", "14.00%",
            "14.00%"] == widths  # fmt: skip
    chart = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    desc = "Wire A: carries 3, only it 1, lacks 0. Wire B: carries 3, only it 1, lacks 0."
    assert desc + " Wire C: carries 2, only it 1, lacks 1." in " ".join(chart.split())
    labels = [x.split("<", 1)[0] for x in chart.split('<text class="ch-n"')[1:]]
    assert ["3 carried", "1 only here", "0 lacks"] == [x.split(">", 1)[1] for x in labels[:3]]
    assert "<svg" not in c.pairs[0].to_html()  # the pairwise page has no chart


def test_html_shared_rows_expand_into_every_wording() -> None:
    """Only shared claims have <details>; they list the representative and each other member."""
    html = small().to_html()
    page = parse(html)
    assert 2 == sum(1 for tag, _ in page.tags if tag == "details")
    text = " ".join(" ".join(page.text).split())
    assert "Wire A representative 1 Xi met Assad on Friday." in text
    assert "Wire B ≈ reworded 0.80 1 Xi Assad met Assad Xi on Friday." in text
    # the changed words are marked
    assert ("del", {}) in page.tags and ("ins", {}) in page.tags


def test_html_escapes_source_text_and_has_unique_ids() -> None:
    """<b>peace</b> in a document is text, not markup; element ids are unique."""
    html = small().to_html()
    assert "&lt;b&gt;peace&lt;/b&gt;" in html
    assert "<b>peace</b>" not in html
    ids = [a["id"] for _, a in parse(html).tags if a.get("id")]
    assert len(set(ids)) == len(ids)


def test_html_findings_panel_points_at_claim_rows() -> None:
    """The reworded finding of Wire B is listed in the panel and jumps to claim c1's row."""
    page = parse(small().to_html())
    [row] = [a["id"] for a in rows(page) if (a["id"] or "").endswith("-c1")]
    jumps = [
        a.get("data-row") for tag, a in page.tags if tag == "a" and "jump" in str(a.get("class"))
    ]
    assert [row] == jumps
    [c1] = [a for a in rows(page) if a["id"] == row]
    assert "reworded" == c1.get("data-types")


def test_html_fragment_and_page() -> None:
    """The page is a whole document; the fragment has no <html>/<head> but the same matrix."""
    c = small()
    page, fragment = c.to_html(), c.to_html(fragment=True)
    assert page.startswith("<!DOCTYPE html>")
    assert "<html " not in fragment and "<head>" not in fragment
    assert 5 == len(rows(parse(fragment)))
    assert fragment == c._repr_html_()


def test_html_counts_in_the_header() -> None:
    """The header counts claims by number of sources instead of the pairwise counts."""
    text = " ".join(" ".join(parse(small().to_html()).text).split())
    assert "5 claims 1 in all 3 sources 1 in 2 sources 3 in one source only" in text
    assert "linked" not in text.split("Findings")[0]


def test_cli_writes_the_html_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format html with three files writes the matrix page for the collation."""
    out = tmp_path / "calls.html"
    files = [str(READOUTS / f"call-{n}.txt") for n in ("cgtn-chinese-readout",
             "syrian-readout-relay", "newsweek-report")]  # fmt: skip
    assert 0 == main(["--format", "html", "-o", str(out), *files])
    html = out.read_text(encoding="utf-8")
    expected = compare.collate([compare.load(f) for f in files])
    assert expected.to_html() == html
    assert len(expected.claims) == len(rows(parse(html)))


# --- the matrix page in a browser -----------------------------------------------------------------
# The ``browser`` fixture is tests/conftest.py's: it skips, or fails under COMPARE_REQUIRE_EXTRAS=1,
# when no Chromium is found.


def test_matrix_rows_expand_in_a_browser(browser: Any, tmp_path: Path) -> None:
    """Opened from disk: no console errors, no requests; clicking a shared claim shows wordings;
    the filter hides rows whose findings are all unchecked."""
    docs = [compare.load(READOUTS / f"call-{n}.txt") for n in ("cgtn-chinese-readout",
            "syrian-readout-relay", "newsweek-report", "reworded-report")]  # fmt: skip
    c = compare.collate(docs)
    path = tmp_path / "calls.html"
    path.write_text(c.to_html(), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    first = c.ranking[0]
    row = page.locator(f"tr[id$='-{first}']")
    members = row.locator("ol.members li")
    assert not members.first.is_visible()
    row.locator("summary").click()
    assert c.claim(first).sources == members.count()
    assert members.last.is_visible()
    for box in page.locator("input.ft").all():
        box.uncheck()
    assert 0 == page.locator("tr.row[data-types]:not([hidden])").count()
    assert len(c.claims) > page.locator("tr.row:not([hidden])").count() > 0
    assert [] == errors
    assert [path.as_uri()] == requests
    page.close()


def test_claim_status_is_decided_on_the_model() -> None:
    """``Claim.status``: the representative and same/reworded members carry a claim, a partial
    member carries part of it, a source without sentences in it does not; the views only read it."""
    c = small()
    assert ["carried", "carried", "carried"] == [c.claims[0].status(d) for d in "abc"]
    assert ["carried", "absent", "absent"] == [c.claims[1].status(d) for d in "abc"]
    partial = Link((0,), (0,), 0.5, "partial", (DiffOp("equal", "Xi met Assad on Friday."),))
    claim = Claim("c1", c.claims[0].members, "a", c.claims[0].text, {"b": partial})
    assert ["carried", "partial", "carried"] == [claim.status(d) for d in "abc"]
    assert "absent" == claim.status("nobody")


def test_one_claim_is_counted_in_the_singular() -> None:
    """Three copies of one sentence make one claim: "1 claim", not "1 claims"."""
    docs = [Document.from_text("Only one sentence here.", label=x, id=x) for x in "abc"]
    collation = compare.collate(docs)
    text = collation.to_text()
    assert text.startswith("Collation of 3 accounts: 1 claim (1 in all 3, 0 in one source only)")
    assert "1 claim: 1 in all 3, 0 in one source only." in collation.to_markdown()
    assert "1 claims" not in collation.to_html()
    assert "bars out of 1 claim<" in collation.to_html()
