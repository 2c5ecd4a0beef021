"""The HTML report of a large comparison in a real browser: first screen and filter click.

Run from the project root::

    .venv/bin/python benchmarks/bench_html.py                 # 20,000 rows, 5 runs
    .venv/bin/python benchmarks/bench_html.py --rows 2000 --runs 3
    .venv/bin/python benchmarks/bench_html.py --json

Two 20,000-row comparisons are rendered with ``Comparison.to_html`` and opened from disk in headless
Chromium (the browser tests/_extras.py finds, driven by Playwright, as tests/test_browser.py does):

- **edited**: ``--rows`` sentences cycled from the bundled readouts (each tagged ``Item N``)
  against a lightly edited copy: of every ten sentences six are kept as they are, two have a
  number changed, one is dropped and one is followed by an added sentence. The comparison is
  built by hand from that plan (``compare.compare`` on 20,000 x 20,000 sentences would take
  minutes and gigabytes and is not what is measured here); each link's diff is ``word_diff``'s.
- **issue**: the issue's input, a text of ``--rows`` sentences against the 17-sentence CGTN
  readout (``benchmarks/bench_views.py``'s ``large_text``), through ``compare.compare``.

For each page, each run in a fresh browser page: the time to the first contentful paint and to
the ``load`` event (the page's script has run then), taken from the page's own Navigation
Timing; then a click on a finding-type filter box and on "only differences": the milliseconds
the click's handler and a forced layout take, and the milliseconds to the next painted frame
(two ``requestAnimationFrame``); then, every finding listed, a click on the last one (its row is
near the end: the page draws rows around it). Medians over ``--runs``. Nothing here asserts a
time.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "benchmarks")]

from bench_views import CGTN, OPTIONS, _readout_sentences, large_text  # noqa: E402

import compare  # noqa: E402
from _extras import BROWSER_ARGS, TIMED_CLICK, browser_path  # noqa: E402
from compare import Comparison, Document, Finding, Link, Options  # noqa: E402
from compare.diff import word_diff  # noqa: E402
from compare.model import Sentence  # noqa: E402

LOAD_TIMES = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return [paint ? paint.startTime : -1, nav.domContentLoadedEventEnd, nav.loadEventEnd];
}"""

_NUMBER = re.compile(r"\d+")


def _document(sentences: list[str], label: str, doc_id: str) -> Document:
    """A document of exactly these sentences, one a line."""
    parts, pos = [], 0
    for k, text in enumerate(sentences):
        parts.append(Sentence(k, pos, pos + len(text), text))
        pos += len(text) + 1
    return Document(doc_id, label, "\n".join(sentences) + "\n", tuple(parts))


def edited(rows: int) -> Comparison:
    """A ``rows``-sentence text against a lightly edited copy, the comparison built by hand."""
    base = _readout_sentences()
    ref_s = [f"{base[k % len(base)]} (Item {k + 1})" for k in range(rows)]
    plan = ["same", "number", "same", "same", "omitted", "same", "number", "same", "added", "same"]
    oth_s: list[str] = []
    kinds = []
    for k, s in enumerate(ref_s):
        kind = plan[k % len(plan)]
        kinds.append(kind)
        if kind == "number":
            s = _NUMBER.sub(lambda m: str(int(m.group()) + 1), s, count=1)
        if kind != "omitted":
            oth_s.append(s)
        if kind == "added":
            oth_s.append(f"Officials said talks on item {k + 1} would go on.")
    ref = _document(ref_s, "Long account", "long")
    other = _document(oth_s, "Edited copy", "edited")
    links, findings, omitted, added = [], [], [], []
    j = 0
    for i, kind in enumerate(kinds):
        if kind == "omitted":
            omitted.append(i)
            findings.append(Finding("omitted", (i,), (), "not in Edited copy"))
            continue
        a, b = ref_s[i], oth_s[j]
        if kind == "number":
            links.append(Link((i,), (j,), 0.93, "reworded", word_diff(a, b), ("number",)))
            findings.append(Finding("number", (i,), (j,), "a number changed"))
        else:
            links.append(Link((i,), (j,), 1.0, "same", word_diff(a, b)))
        j += 1
        if kind == "added":
            added.append(j)
            findings.append(Finding("added", (), (j,), "only in Edited copy"))
            j += 1
    return Comparison(ref, other, tuple(links), tuple(omitted), tuple(added),
                      tuple(findings), Options())  # fmt: skip


def issue(rows: int) -> Comparison:
    """The issue's input: a ``rows``-sentence text against the CGTN readout."""
    big = Document.from_text(large_text(rows), label="Large", id="large")
    return compare.compare(big, compare.load(CGTN), options=OPTIONS)


def measure(browser: Any, path: Path, runs: int) -> dict[str, Any]:
    """Median first paint, load and filter-click times of the page at ``path``."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        t0 = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        wall = (time.perf_counter() - t0) * 1000
        fcp, dcl, load = page.evaluate(LOAD_TIMES)
        # the number filter, or the first type box when the page has no number finding
        box = (
            "input.ft[value=number]"
            if page.locator("input.ft[value=number]").count()
            else "input.ft"
        )
        clicks = {
            "filter": page.evaluate(TIMED_CLICK, box),
            "filter_back": page.evaluate(TIMED_CLICK, box),
            "only_diff": page.evaluate(TIMED_CLICK, "input.only-diff"),
        }
        while page.locator(".more-items button").is_visible():  # every finding listed
            page.evaluate("s => document.querySelector(s).click()", ".more-items button")
        clicks["jump_last"] = page.evaluate(TIMED_CLICK, ".fl li:last-child a.jump")
        if errors:
            raise RuntimeError(f"{path.name}: {errors[0]}")
        figures = {"first_paint_ms": fcp, "dom_ready_ms": dcl, "load_ms": load, "goto_ms": wall}
        for name, (sync, paint) in clicks.items():
            figures[f"{name}_ms"] = sync
            figures[f"{name}_paint_ms"] = paint
        for k, v in figures.items():
            samples.setdefault(k, []).append(v)
        page.close()
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> int:
    """Build the comparisons, write their pages, time them in Chromium."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rows", type=int, default=20_000, help="sentences of the long account")
    p.add_argument("--runs", type=int, default=5, help="browser runs per page (median)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(browser_path()), args=BROWSER_ARGS)
        for name, build in (("edited", edited), ("issue", issue)):
            c = build(args.rows)
            t0 = time.perf_counter()
            html = c.to_html()
            render = time.perf_counter() - t0
            path = Path(tmp) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            figures = {
                "rows": len(c.links) + len(c.omitted) + len(c.added),
                "mb": path.stat().st_size / 1e6,
                "render_s": render,
                **measure(browser, path, args.runs),
            }
            report[name] = figures
        browser.close()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for name, f in report.items():
        print(
            f"{name}: {f['rows']:,} rows, {f['mb']:.1f} MB, rendered in {f['render_s']:.1f} s;"
            f" first paint {f['first_paint_ms']:.0f} ms, load {f['load_ms']:.0f} ms;"
            f" filter click {f['filter_ms']:.0f} ms (paint {f['filter_paint_ms']:.0f}),"
            f" back {f['filter_back_ms']:.0f} ms (paint {f['filter_back_paint_ms']:.0f}),"
            f" only differences {f['only_diff_ms']:.0f} ms (paint {f['only_diff_paint_ms']:.0f});"
            f" jump to the last finding {f['jump_last_ms']:.0f} ms"
            f" (paint {f['jump_last_paint_ms']:.0f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
