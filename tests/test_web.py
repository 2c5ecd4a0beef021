"""Web pages as accounts (the ``web`` extra): files, standard input, URLs on 127.0.0.1 only.

The pages are ours (benchmarks/make_web_pages.py wraps the readouts in real pages' furniture);
each has its article text beside it (``NAME.txt``). Without the extra, HTML gets a one-line error
naming the pip command; text that looks like HTML gets a one-line warning.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import functools
import http.server
import io
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import compare
from _extras import web_extra
from compare import InputError, InputWarning, MissingExtraError
from compare.cli import main
from invariants import check_document

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "benchmarks" / "data" / "web"
READOUTS = ROOT / "examples" / "readouts"
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_web import score  # noqa: E402 - benchmarks/ is no package: path above


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import trafilatura`` fail, as it does without the extra."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)


def test_html_without_the_extra_is_a_one_line_error(no_extra: None) -> None:
    with pytest.raises(MissingExtraError) as info:
        compare.load(PAGES / "call-cgtn-chinese-readout.html")
    message = str(info.value)
    assert "\n" not in message
    assert message.endswith('web extra: pip install "compare-accounts[web]"')
    assert isinstance(info.value, compare.CompareError)


def test_cli_html_without_the_extra_exits_2(
    no_extra: None, capsys: pytest.CaptureFixture[str]
) -> None:
    page = str(PAGES / "call-cgtn-chinese-readout.html")
    assert 2 == main([page, str(READOUTS / "call-syrian-readout-relay.txt")])
    err = capsys.readouterr().err
    assert 1 == len(err.splitlines())
    assert 'pip install "compare-accounts[web]"' in err


def test_url_without_the_extra_is_refused_before_fetching(no_extra: None) -> None:
    with pytest.raises(MissingExtraError, match="web extra"):
        compare.load("http://127.0.0.1:9/never-fetched.html")


def test_text_that_looks_like_html_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>Xi spoke.</p></body></html>", "utf-8")
    with pytest.warns(InputWarning, match=r"page\.txt: looks like HTML but is read as plain text"):
        doc = compare.load(path)
    assert "<p>Xi spoke.</p>" in doc.sentences[0].text  # read as text, not changed


def test_plain_text_gets_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compare.load(READOUTS / "call-newsweek-report.txt")


def test_cli_prints_the_warning_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><head></head><body><p>Xi spoke to Assad.</p></body></html>", "utf-8")
    assert 0 == main([str(path), str(READOUTS / "call-syrian-readout-relay.txt"), "-f", "json"])
    err = capsys.readouterr().err
    assert err.startswith("compare-accounts: warning: ")
    assert 1 == len(err.splitlines())


def test_html_flag_needs_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    txt = str(READOUTS / "call-syrian-readout-relay.txt")
    assert 2 == main([txt, txt, "--html"])
    assert "--html applies to standard input" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# With the extra
# ---------------------------------------------------------------------------------------------

PAGE_META = {
    "call-cgtn-chinese-readout": ("CGTN", "2021-11-05", "CGTN"),
    "call-newsweek-report": ("Newsweek", "2021-11-05", "Tom O'Connor"),
    "call-syrian-readout-relay": ("Levant Relay", "2021-11-06", "Staff writer"),
    "july-wang-yi-meeting": ("Xinhua", "2021-07-18", "Xinhua"),
}


@pytest.mark.parametrize("name", sorted(PAGE_META))
def test_a_page_gives_its_article_and_metadata(name: str) -> None:
    web_extra()
    doc = compare.load(PAGES / f"{name}.html")
    check_document(doc)
    outlet, date, author = PAGE_META[name]
    assert (doc.label, doc.meta["date"], doc.meta["author"]) == (outlet, date, author)
    assert doc.meta["url"].startswith("https://")
    assert doc.id == name
    assert "<" not in doc.text and "cookie" not in doc.text.lower()
    matched, extracted, gold = score(doc.text, (PAGES / f"{name}.txt").read_text("utf-8"))
    assert matched / gold >= 0.99  # the whole article
    assert matched / extracted >= 0.85  # little else (the relay's table layout lets some through)


def test_page_and_text_versions_of_a_readout_link_sentence_for_sentence() -> None:
    """The CGTN page against the CGTN text file: every sentence the same, nothing omitted."""
    web_extra()
    page = compare.load(PAGES / "call-cgtn-chinese-readout.html")
    text = compare.load(READOUTS / "call-cgtn-chinese-readout.txt")
    result = compare.compare(text, page)
    assert (len(text.sentences), len(page.sentences)) == (15, 15)
    assert () == result.omitted == result.added
    assert {"same"} == {link.relation for link in result.links}


def test_the_wire_dateline_is_set_aside() -> None:
    web_extra()
    doc = compare.load(PAGES / "july-wang-yi-meeting.html")
    assert doc.meta["dateline"] == "DAMASCUS, July 17 (Xinhua)"
    assert doc.sentences[1].text.startswith("Wang made the remarks")
    assert {"dateline", "page"} == {d.kind for d in doc.debris}  # and the "Enditem" marker


def test_label_wins_over_the_page(tmp_path: Path) -> None:
    web_extra()
    doc = compare.load(PAGES / "call-newsweek-report.html", label="NW", id="nw")
    assert (doc.label, doc.id, doc.meta["outlet"]) == ("NW", "nw", "Newsweek")


def test_a_page_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    web_extra()
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>track()</script></head><body><div></div></body></html>")
    with pytest.raises(InputError, match=r"empty\.html: no article text found"):
        compare.load(path)


def test_html_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    web_extra()
    data = (PAGES / "call-cgtn-chinese-readout.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    txt = str(READOUTS / "call-cgtn-chinese-readout.txt")
    assert 0 == main(["-", txt, "--html", "-f", "json"])
    out = capsys.readouterr().out
    assert '"label": "CGTN"' in out
    assert '"omitted": []' in out


def test_a_latin_1_page_is_decoded_by_its_charset(tmp_path: Path) -> None:
    web_extra()
    page = (PAGES / "call-cgtn-chinese-readout.html").read_text("utf-8")
    page = page.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Hong Kong", "Hông Kông")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1", "xmlcharrefreplace"))
    assert "Hông Kông" in compare.load(path).text


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving benchmarks/data/web/; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


def test_a_url_is_fetched_and_extracted(server: str) -> None:
    web_extra()
    url = f"{server}/call-newsweek-report.html"
    doc = compare.load(url)
    check_document(doc)
    assert (doc.label, doc.source, doc.meta["url"]) == ("Newsweek", url, url)
    assert doc.id == "call-newsweek-report"
    assert any("Bashar al-Assad’s office on Friday" in s.text for s in doc.sentences)


def test_cli_reads_urls(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    web_extra()
    a, b = f"{server}/call-cgtn-chinese-readout.html", f"{server}/call-syrian-readout-relay.html"
    assert 0 == main([a, b, "-f", "json"])
    out = capsys.readouterr().out
    assert '"label": "CGTN"' in out and '"label": "Levant Relay"' in out


def test_a_missing_page_is_a_one_line_input_error(server: str) -> None:
    web_extra()
    with pytest.raises(InputError, match=r"/nothing\.html: the server answered 404"):
        compare.load(f"{server}/nothing.html")
