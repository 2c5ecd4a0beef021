"""The HTML report in a real browser: headless Chromium driven by Playwright.

The ``browser`` fixture (tests/conftest.py) drives the Chromium that tests/_extras.py finds
(``COMPARE_CHROMIUM``, ``chromium`` or ``google-chrome`` on PATH, Playwright's own). Without one
these tests skip with the reason; under ``COMPARE_REQUIRE_EXTRAS=1`` (``.ci/run``) they fail.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest

import compare
from _extras import TIMED_CLICK
from compare import Comparison, DiffOp, Document, Finding, Link, Options
from compare.report import html as report_html
from compare.report.html import FIRST_ROWS, ON_DEMAND

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
CLICK = "s => document.querySelector(s).click()"


class Opened:
    """A page opened from a file, with the console errors, requests and dialogs it produced."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())

    @classmethod
    def written(cls, browser: Any, path: Path, html: str) -> Opened:
        """Write the page to ``path`` and open it."""
        path.write_text(html, encoding="utf-8")
        return cls(browser, path)

    def visible(self, selector: str) -> int:
        """How many elements matching the selector are displayed."""
        n: int = self.page.evaluate(
            "s => Array.from(document.querySelectorAll(s)).filter(e => e.offsetParent !== null)"
            ".length",
            selector,
        )
        return n


def readouts() -> Comparison:
    """The Syrian relay compared with the Chinese readout."""
    return compare.compare(
        compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN"),
        compare.load(READOUTS / "call-syrian-readout-relay.txt", label="Syrian relay"),
    )


def big(n: int = 2000) -> Comparison:
    """A hand-built comparison of ``n`` reference sentences: same, reworded, omitted and added."""
    rnd = random.Random(4)
    words = ["Xi", "Assad", "China", "Syria", "trade", "talks", "peace", "said", "agreed"]
    ref_s, oth_s = [], []
    plan = []
    for i in range(n):
        s = f"Item {i}: " + " ".join(rnd.choice(words) for _ in range(12)) + f" {i % 97} times."
        ref_s.append(s)
        r = rnd.random()
        kind = "same" if r < 0.5 else "reworded" if r < 0.8 else "omitted" if r < 0.9 else "both"
        plan.append(kind)
        if kind == "reworded":
            oth_s.append(s.replace(f" {i % 97} times.", f" {i % 97 + 1} times."))
        elif kind != "omitted":
            oth_s.append(s)
        if kind == "both":
            oth_s.append(f"Officials added claim {i}.")
    ref = Document.from_text(" ".join(ref_s), label="Ref", id="ref")
    other = Document.from_text(" ".join(oth_s), label="Other", id="other")
    links, findings, omitted, added = [], [], [], []
    j = 0
    for i, kind in enumerate(plan):
        if kind == "omitted":
            omitted.append(i)
            findings.append(Finding("omitted", (i,), (), "not in Other"))
            continue
        text = ref_s[i]
        if kind == "reworded":
            head, _, _tail = text.rpartition(f" {i % 97} times.")
            diff = (DiffOp("equal", head + " "), DiffOp("delete", f"{i % 97} "),
                    DiffOp("insert", f"{i % 97 + 1} "), DiffOp("equal", "times."))  # fmt: skip
            links.append(Link((i,), (j,), 0.9, "reworded", diff, ("number",)))
            findings.append(Finding("number", (i,), (j,), f"{i % 97} vs {i % 97 + 1}"))
        else:
            links.append(Link((i,), (j,), 1.0, "same", (DiffOp("equal", text),)))
        j += 1
        if kind == "both":
            added.append(j)
            findings.append(Finding("added", (), (j,), "only in Other"))
            j += 1
    return Comparison(ref, other, tuple(links), tuple(omitted), tuple(added),
                      tuple(findings), Options())  # fmt: skip


def test_readouts_report_in_browser(browser: Any, tmp_path: Path) -> None:
    """The readouts report loads from disk cleanly; filter, jump and screenshot work."""
    path = tmp_path / "readouts.html"
    path.write_text(readouts().to_html(), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    assert [] == opened.errors
    assert [path.resolve().as_uri()] == opened.requests

    omitted_rows = opened.visible("tr.k-omitted")
    assert omitted_rows > 0
    page.uncheck("input.ft[value=omitted]")
    assert 0 == opened.visible("tr.k-omitted")
    assert 0 == opened.visible(".fl li[data-type=omitted]")
    assert opened.visible("tr.k-added") > 0
    page.check("input.ft[value=omitted]")
    assert omitted_rows == opened.visible("tr.k-omitted")

    last = page.locator(".fl a.jump").last
    row_id = last.get_attribute("data-row")
    assert row_id is not None
    in_view = "id => { const r = document.getElementById(id).getBoundingClientRect();" \
              " return r.bottom > 0 && r.top < window.innerHeight; }"  # fmt: skip
    assert not page.evaluate(in_view, row_id)
    last.click()
    page.wait_for_function(in_view, arg=row_id, timeout=2000)
    assert "hl" in (page.locator(f"[id='{row_id}']").get_attribute("class") or "")

    shot = tmp_path / "readouts.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert [] == opened.errors
    page.close()


def test_only_differences_and_speed_on_2000_sentences(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a 2,000-sentence page the toggle hides same rows; filter and jump times are reported."""
    c = big()
    t0 = time.perf_counter()
    html = c.to_html()
    render_s = time.perf_counter() - t0
    path = tmp_path / "big.html"
    path.write_text(html, encoding="utf-8")
    t0 = time.perf_counter()
    opened = Opened(browser, path)
    load_s = time.perf_counter() - t0
    page = opened.page
    assert [] == opened.errors

    same = opened.visible("tr.rel-same")
    assert same > FIRST_ROWS // 4  # of the first rows drawn (the page draws rows on demand)
    page.check("input.only-diff")
    assert 0 == opened.visible("tr.rel-same")
    assert opened.visible("tr.rel-reworded") > 0
    page.uncheck("input.only-diff")
    assert same == opened.visible("tr.rel-same")

    filter_ms = page.evaluate(TIMED_CLICK, "input.ft[value=number]")
    assert 0 < opened.visible("tr.k-link") < len(c.links)
    jump_ms = page.evaluate(TIMED_CLICK, ".fl li:last-child a.jump")
    assert [] == opened.errors
    with capsys.disabled():
        print(
            f"\n2,000-sentence report: {len(html) / 1e6:.1f} MB, rendered in"
            f" {render_s * 1000:.0f} ms,"
            f" page load {load_s * 1000:.0f} ms; filter click {filter_ms[0]:.0f} ms"
            f" (to paint {filter_ms[1]:.0f} ms); jump click {jump_ms[0]:.0f} ms"
            f" (to paint {jump_ms[1]:.0f} ms)"
        )
    page.close()


def test_large_report_draws_rows_on_demand(browser: Any, tmp_path: Path) -> None:
    """Past ON_DEMAND rows: the first rows at once, more on scroll, filters over every row."""
    c = big(2000)
    opened = Opened.written(browser, tmp_path / "large.html", c.to_html())
    page = opened.page
    assert [] == opened.errors
    rows = len(c.links) + len(c.omitted) + len(c.added)
    assert rows > ON_DEMAND
    assert FIRST_ROWS == page.locator("tr.row").count()

    page.locator("tr.more").scroll_into_view_if_needed()
    drawn = "n => document.querySelectorAll('tr.row').length > n"
    page.wait_for_function(drawn, arg=FIRST_ROWS, timeout=5000)
    assert FIRST_ROWS * 2 <= page.locator("tr.row").count() < rows

    page.check("input.only-diff")  # over every row, not only those drawn
    assert 0 == opened.visible("tr.rel-same")
    assert FIRST_ROWS == opened.visible("tr.row")
    page.evaluate(CLICK, "tr.more button")
    assert FIRST_ROWS * 2 == opened.visible("tr.row")
    page.uncheck("input.only-diff")
    page.uncheck("input.ft[value=number]")
    assert 0 == opened.visible(".fl li[data-type=number]")
    assert 0 == opened.visible("tr.row[data-types=number]")
    page.check("input.ft[value=number]")

    # The last finding's row is far past the rows drawn: jumping draws up to it.
    last = c.findings[-1]
    page.click(".more-items button")
    while page.locator(".more-items button").is_visible():
        page.click(".more-items button")
    jump = page.locator(".fl a.jump").last
    row_id = jump.get_attribute("data-row")
    assert row_id is not None and 0 == page.locator(f"[id='{row_id}']").count()
    jump.click()
    target = page.locator(f"[id='{row_id}']")
    assert "hl" in (target.get_attribute("class") or "")
    assert str(last.other[0] + 1) in target.inner_text()
    assert page.locator("tr.row").count() < rows  # drawn around it, not all from the top
    assert page.locator("tr.less").is_visible()
    before = page.locator("tr.row").count()
    page.evaluate(CLICK, "tr.less button")
    assert page.locator("tr.row").count() > before
    assert [] == opened.errors and [] == opened.dialogs
    page.close()


@pytest.mark.parametrize("width", [360, 420, 1920])
def test_pair_and_collation_pages_fit_every_screen(
    browser: Any, tmp_path: Path, width: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """No sideways scroll from 360 to 1,920 px; file names and wording keep readable widths."""
    docs = [compare.load(p) for p in sorted(READOUTS.glob("*.txt"))]
    pages = {"pair": compare.compare(docs[0], docs[3]).to_html(),
             "collation": compare.collate(docs).to_html()}  # fmt: skip
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(path.resolve().as_uri())
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, (name, width)
        # A file name breaks at its hyphens, not letter by letter: at most two lines.
        lines = page.evaluate(
            "() => Array.from(document.querySelectorAll('.cmp-file')).map(e =>"
            " Math.round(e.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(e).lineHeight || 18)))"
        )
        assert lines and max(lines) <= 2, (name, width, lines)
        if name == "collation":
            wording = page.evaluate(
                "() => document.querySelector('td.wording').getBoundingClientRect().width"
            )
            assert wording >= min(width - 60, 600), wording  # never squeezed behind the marks
        shot = tmp_path / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        page.close()
    with capsys.disabled():
        print(f"\nscreenshots at {width} px: {tmp_path}")


def shown_rows(page: Any) -> list[str]:
    """The claim ids of the rows on show, after drawing every row the filters let through."""
    while page.locator("tr.more button").is_visible():
        page.evaluate(CLICK, "tr.more button")  # no scrolling: it would draw rows by itself
    ids: list[str] = page.evaluate(
        "() => Array.from(document.querySelectorAll('tr.row'))"
        ".filter(e => e.offsetParent !== null).map(e => e.querySelector('th').textContent)"
    )
    return ids


@pytest.mark.parametrize("on_demand", [False, True])
def test_collation_filters_in_browser(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_demand: bool
) -> None:
    """Shared by all, unique to, missing from: the rows the model's coverage names; and "only
    differences" hides the claims every source carries worded alike (it used to hide nothing)."""
    newsweek = compare.load(READOUTS / "call-newsweek-report.txt")
    copy = compare.Document.from_text(newsweek.text, label="Newsweek copy")
    reworded = compare.load(READOUTS / "call-reworded-report.txt")
    c = compare.collate([newsweek, reworded, copy])
    if on_demand:  # the payload path, on a collation small enough to check row by row
        monkeypatch.setattr(report_html, "ON_DEMAND", 10)
        monkeypatch.setattr(report_html, "FIRST_ROWS", 20)
    path = tmp_path / "collation.html"
    path.write_text(c.to_html(), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    assert on_demand == (page.locator("script.cmp-data").count() == 1)
    every = [claim.id for claim in c.claims]
    assert every == shown_rows(page)

    page.check("input.only-diff")
    alike = [
        claim.id
        for claim in c.claims
        if claim.sources == len(c.documents)
        and {v.relation for v in claim.variants.values()} <= {"same", "reworded"}
        and {f.type for fs in claim.findings.values() for f in fs} <= {"reworded"}
    ]
    lacking = [claim.id for claim in c.claims if claim.sources < len(c.documents)]
    assert alike and lacking  # rows to hide, and rows some source lacks, which stay
    assert [i for i in every if i not in alike] == shown_rows(page)
    page.uncheck("input.only-diff")
    assert every == shown_rows(page)

    n = len(c.documents)
    page.select_option("select.show", "all")
    shared = [cl.id for cl in c.claims if cl.sources == n]
    assert shared and shared == shown_rows(page)
    for k, d in enumerate(c.documents):
        page.select_option("select.show", f"unique-{k}")
        assert list(c.coverage[d.id].unique) == shown_rows(page)
        page.select_option("select.show", f"missing-{k}")
        assert list(c.coverage[d.id].missing) == shown_rows(page)
    assert any(c.coverage[d.id].missing for d in c.documents)
    page.select_option("select.show", "")
    assert every == shown_rows(page)
    assert [] == opened.errors
    page.close()


def test_large_hostile_report_shows_its_payload_as_text(browser: Any, tmp_path: Path) -> None:
    """Rows drawn from the payload carry script and markup as text: nothing runs, nothing leaks."""
    from test_report_html import large_hostile

    c = large_hostile()
    path = tmp_path / "hostile.html"
    opened = Opened.written(browser, path, c.to_html())
    page = opened.page
    while page.locator("tr.more button").is_visible():
        page.evaluate(CLICK, "tr.more button")
    assert len(c.links) == page.locator("tr.row").count()
    text = page.locator("tbody.rows").inner_text()
    assert "</script><!-- <script>alert(2)</script>" in text
    assert "<script>alert(1)</script>" in text
    assert 0 == page.locator("tbody.rows script, tbody.rows img, tbody.rows b").count()
    assert [] == opened.errors and [] == opened.dialogs
    assert [path.resolve().as_uri()] == opened.requests
    page.close()
