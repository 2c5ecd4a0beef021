"""Web pages as accounts: article text, title, date, author and site from HTML (the web extra).

The extraction is trafilatura's (``pip install "compare-accounts[web]"``; README, "Web pages",
says why it was chosen over readability-lxml and jusText). What a page gives:

- the text: the headline on the first line (unless the extracted text shows it among its first
  lines already), a blank line, then the article's paragraphs one per line, as trafilatura
  extracts them (navigation, scripts, share bars, related links, comments, cookie banners and
  footers left out; what it lets through is often set aside as page debris, compare.debris).
  ``Document.text`` holds this text and every offset points into it; the HTML is not kept;
- metadata for ``Document.meta``: ``title``, ``date`` (ISO), ``author``, ``outlet`` (the site's
  name) and ``url``, each only when the page has it.

Without the extra, reading HTML or a URL raises :class:`~compare.errors.MissingExtraError` with a
one-line message naming the pip command. URLs (``http``/``https`` only) are fetched with the
standard library, behind the same extra.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

from compare.errors import InputError, MissingExtraError

__all__ = [
    "INSTALL",
    "decode_page",
    "extract_html",
    "fetch_url",
    "is_url",
    "looks_like_html",
    "require",
]

INSTALL = 'pip install "compare-accounts[web]"'
"""The command that installs what reading web pages needs."""

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
"""File name endings read as web pages."""

_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|span|a|br|script|style|li|ul|h[1-6]|meta|link|img|table)\b", re.I)
_TITLE_WITHIN = 12
_TIMEOUT = 30.0
_MAX_BYTES = 50_000_000


def is_url(source: str) -> bool:
    """Whether ``source`` is an ``http://`` or ``https://`` address."""
    return _URL.match(source) is not None


def looks_like_html(text: str) -> bool:
    """Whether a text read as plain text is probably HTML (a doctype, or many tags early on)."""
    head = text[:5000]
    return _HTML_START.match(head) is not None or len(_TAG.findall(head)) >= 10


def require(name: str) -> None:
    """Raise MissingExtraError (naming ``name`` and the pip command) without the web extra."""
    _trafilatura(name)


def _trafilatura(name: str) -> ModuleType:
    """Import trafilatura, or raise MissingExtraError naming the input and the pip command."""
    try:
        import trafilatura
    except ImportError:
        raise MissingExtraError(
            f"{name}: reading web pages needs the web extra: {INSTALL}"
        ) from None
    return trafilatura


def _field(found: Any, key: str) -> str:
    """One metadata field of trafilatura's result as a clean one-line string ('' when absent)."""
    value = getattr(found, key, None)
    return " ".join(str(value).split()) if value else ""


def extract_html(page: str, *, name: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """Extract ``(text, meta)`` from a web page; see the module's docstring for what they hold.

    Raises MissingExtraError without the web extra, InputError when the page has no article text.
    """
    trafilatura = _trafilatura(name)
    found = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    body = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not body:
        raise InputError(f"{name}: no article text found in the web page")
    title = _field(found, "title")
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    body = "\n".join(lines)
    # the headline first, unless the extracted text already shows it near its top
    text = body if not title or title in lines[:_TITLE_WITHIN] else f"{title}\n\n{body}"
    meta = {
        "title": title,
        "date": _field(found, "date")[:10],
        "author": _field(found, "author"),
        "outlet": _field(found, "sitename"),
        "url": url or _field(found, "url"),
    }
    return text + "\n", {key: value for key, value in meta.items() if value}


def fetch_url(url: str) -> bytes:
    """Fetch a web page (``http``/``https``); every failure is a one-line InputError.

    Needs the web extra (checked first: a page fetched could not be read without it).
    """
    import urllib.error  # here, not at the top: http.client costs every run ~40 ms to import
    import urllib.request

    _trafilatura(url)
    if not is_url(url):
        raise InputError(f"{url}: not an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": "compare-accounts"})
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            data: bytes = response.read(_MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({exc.reason})") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch ({exc})") from None
    if len(data) > _MAX_BYTES:
        raise InputError(f"{url}: larger than {_MAX_BYTES // 1_000_000} MB; save it and trim it")
    return data


def decode_page(data: bytes, name: str) -> str:
    """Decode a web page's bytes by trafilatura's detection (BOM, ``<meta charset>``, guess)."""
    _trafilatura(name)
    from trafilatura.utils import decode_file

    text: str = decode_file(data)
    return text
