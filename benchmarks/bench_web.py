"""Article extraction from news pages: trafilatura against readability-lxml and jusText.

Each page of benchmarks/data/web/ (written by benchmarks/make_web_pages.py around the readouts of
examples/readouts/) has its gold article text beside it. For each extractor, the extracted text and
the gold are compared as word sequences (difflib's matching blocks, order kept): precision is the
share of extracted characters (of matched words) that are article text, recall the share of the
article's characters extracted. Run from the project root with the ``web`` extra and the
alternatives installed::

    pip install -e ".[web]" readability-lxml
    python benchmarks/bench_web.py

An extractor that is not installed is reported as such and skipped.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "web"


def trafilatura_default(page: str) -> str:
    """trafilatura as compare uses it (compare.web): title line, then the article text."""
    from compare.web import extract_html

    text, _meta = extract_html(page, name="bench")
    return text


def compare_load(page: str) -> str:
    """What compare compares: the sentences of the extracted text, page debris set aside."""
    from compare.loading import document_from_text
    from compare.web import extract_html

    text, _meta = extract_html(page, name="bench")
    return "\n".join(s.text for s in document_from_text(text).sentences)


def trafilatura_precision(page: str) -> str:
    """trafilatura with ``favor_precision``."""
    import trafilatura

    return trafilatura.extract(page, favor_precision=True, include_comments=False) or ""


def trafilatura_recall(page: str) -> str:
    """trafilatura with ``favor_recall``."""
    import trafilatura

    return trafilatura.extract(page, favor_recall=True, include_comments=False) or ""


def readability(page: str) -> str:
    """readability-lxml: title, then the summary HTML's text, one block per line."""
    from readability import Document

    doc = Document(page)
    summary = doc.summary(html_partial=True)
    blocks = re.sub(r"(?i)<(?:/p|br\s*/?|/h\d|/div|/li)>", "\n", summary)
    text = html.unescape(re.sub(r"<[^>]+>", "", blocks))
    return doc.short_title() + "\n" + text


def justext_(page: str) -> str:
    """jusText with its English stop list: the paragraphs it does not call boilerplate."""
    import justext

    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "trafilatura (compare.web)": trafilatura_default,
    "  + page debris set aside": compare_load,
    "trafilatura favor_precision": trafilatura_precision,
    "trafilatura favor_recall": trafilatura_recall,
    "readability-lxml": readability,
    "jusText": justext_,
}


def words(text: str) -> list[str]:
    """The words of a text, quotes and spaces unified."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return text.split()


def score(extracted: str, gold: str) -> tuple[int, int, int]:
    """Characters matched, extracted and in the gold (words in order, spaces not counted)."""
    got, want = words(extracted), words(gold)
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    blocks = matcher.get_matching_blocks()
    matched = sum(len(word) for b in blocks for word in got[b.a : b.a + b.size])
    return matched, sum(map(len, got)), sum(map(len, want))


def main() -> None:
    """Print precision, recall and F1 per extractor, over all pages and per page."""
    pages = sorted(DATA.glob("*.html"))
    print(f"{len(pages)} pages in {DATA}")
    for label, extract in EXTRACTORS.items():
        totals = [0, 0, 0]
        per_page = []
        try:
            for page in pages:
                gold = page.with_suffix(".txt").read_text(encoding="utf-8")
                m, e, g = score(extract(page.read_text(encoding="utf-8")), gold)
                totals = [totals[0] + m, totals[1] + e, totals[2] + g]
                per_page.append(f"{page.stem[:12]} {m / e if e else 0:.2f}/{m / g:.2f}")
        except ImportError as exc:
            print(f"{label:28} not installed ({exc.name})")
            continue
        m, e, g = totals
        p, r = (m / e if e else 0.0), m / g
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:28} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   " + ", ".join(per_page))


if __name__ == "__main__":
    main()
