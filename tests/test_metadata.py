"""Metadata as labels: front matter or page ``outlet``/``source`` name a document; ``author``,
``url`` and ``date`` show in every view; ``--label`` still wins."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import json
from pathlib import Path

import pytest

import compare
from compare.cli import main

SANA = """---
source: SANA
url: https://sana.example/en/?p=1&lang=en
author: News desk <b>
date: 2021-11-06
---
President Bashar al-Assad called President Xi Jinping on Friday. The two leaders discussed ties.
"""
CGTN = """---
outlet: CGTN
source: https://cgtn.example/news/1.html
---
Xi Jinping spoke with Bashar al-Assad on Friday. The two leaders discussed ties.
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    """The two accounts with front matter, as files."""
    (tmp_path / "cgtn-call.txt").write_text(CGTN, "utf-8")
    (tmp_path / "sana-call.txt").write_text(SANA, "utf-8")
    return str(tmp_path / "cgtn-call.txt"), str(tmp_path / "sana-call.txt")


def test_front_matter_names_the_document(files: tuple[str, str]) -> None:
    cgtn, sana = (compare.load(f) for f in files)
    assert ("CGTN", "cgtn-call") == (cgtn.label, cgtn.id)  # outlet first; a URL source is no name
    assert ("SANA", "sana-call") == (sana.label, sana.id)
    assert "News desk <b>" == sana.meta["author"]


def test_label_still_wins(files: tuple[str, str]) -> None:
    assert "Syrian relay" == compare.load(files[1], label="Syrian relay").label
    assert "SANA" == compare.Document.from_text(SANA).label
    assert "text" == compare.Document.from_text("No front matter here.").label


def test_text_view_shows_author_and_url(files: tuple[str, str]) -> None:
    text = compare.compare(*(compare.load(f) for f in files)).to_text(width=120)
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.split()[:1] == ["Source"])
    assert ["Source", "CGTN", "SANA"] == lines[start].split()
    assert ["Date", "—", "2021-11-06"] == lines[start + 1].split()
    assert ["Author", "—", "News", "desk", "<b>"] == lines[start + 2].split()
    assert ["URL", "—", "https://sana.example/en/?p=1&lang=en"] == lines[start + 3].split()


def test_markdown_and_html_show_author_and_url_escaped(files: tuple[str, str]) -> None:
    result = compare.compare(*(compare.load(f) for f in files))
    md = result.to_markdown()
    assert "| | Source | Date | Author | URL | File | Sentences |" in md
    row = "| Other | SANA | 2021-11-06 | News desk \\<b> | https://sana.example/en/?p=1\\&lang=en |"
    assert row in md
    page = result.to_html()
    assert '<td class="cmp-author" data-h="author">News desk &lt;b&gt;</td>' in page
    assert '<a href="https://sana.example/en/?p=1&amp;lang=en" rel="noopener noreferrer">' in page


def test_json_keeps_the_metadata(files: tuple[str, str]) -> None:
    data = compare.compare(*(compare.load(f) for f in files)).to_dict()
    other = data["other"]
    assert isinstance(other, dict)
    assert "SANA" == other["label"]
    assert "https://sana.example/en/?p=1&lang=en" == other["meta"]["url"]


def test_collation_views_show_author_and_url(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == main([files[0], files[1], files[1], "--label", "A"])
    out = capsys.readouterr().out
    assert "  #  Author\n  1  —\n  2  News desk <b>\n  3  News desk <b>\n" in out
    assert "  2  https://sana.example/en/?p=1&lang=en\n" in out
    assert 0 == main([files[0], files[1], files[1], "-f", "markdown"])
    md = capsys.readouterr().out
    assert "| # | Source | Date | Author | URL | File |" in md
    assert 0 == main([files[0], files[1], files[1], "-f", "json"])
    labels = [d["label"] for d in json.loads(capsys.readouterr().out)["documents"]]
    assert ["CGTN", "SANA", "SANA"] == labels


def test_a_url_in_meta_that_is_not_http_is_no_link(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\nurl: javascript:alert(1)\n---\nXi spoke to Assad.", "utf-8")
    other = compare.Document.from_text("Xi spoke to Assad on Friday.")
    page = compare.compare(compare.load(path), other).to_html()
    assert '<td class="cmp-url" data-h="url">javascript:alert(1)</td>' in page
    assert 'href="javascript' not in page


def test_front_matter_is_no_evidence_of_a_language(files: tuple[str, str]) -> None:
    """Header keys and URLs are not read as the text's language: two English texts with front
    matter compare without a language warning."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", compare.LanguageWarning)
        c = compare.compare(*(compare.load(f) for f in files))
    assert "en" == c.options.language
