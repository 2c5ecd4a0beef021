"""Control characters: one rule for every text view, report and message, so none reaches a terminal.

A document, a label or a file name can hold an escape sequence (``ESC [ 31 m``, an OSC title
``ESC ] 0 ; … BEL``, the one-byte C1 ``CSI``), a bidirectional override that reorders what a
reader sees, or a lone surrogate (a file name that was not UTF-8). Printed raw, these drive the
terminal; :func:`visible` makes them harmless and visible instead: whitespace controls become a
space, every other one ``�`` (U+FFFD). Tab and newline are kept. The HTML report keeps the bidi
controls (a browser confines them to their block); JSON keeps every one, escaped
(:func:`compare.report.json.dumps` escapes what :mod:`json` leaves raw).
"""

from __future__ import annotations

import re

from compare._regex import Lazy

__all__ = [
    "BIDI_CONTROLS",
    "CONTROLS",
    "LONG_TEXT",
    "TERMINAL_CONTROLS",
    "none_in",
    "one_line",
    "visible",
]

TERMINAL_CONTROLS = (
    "\x00-\x08\x0b-\x1f"  # C0 but tab and newline
    "\x7f-\x9f"  # DEL and C1 (U+009B is CSI, U+009D OSC)
    "\ud800-\udfff"  # lone surrogates: undecodable bytes of a file name (surrogateescape)
)
"""Characters that can drive a terminal or fail to encode, as the inside of a regex class."""
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Bidi embeddings, overrides and isolates: they reorder the rest of a terminal line."""
CONTROLS = TERMINAL_CONTROLS + BIDI_CONTROLS
"""Everything :func:`visible` replaces by default."""

_CONTROL_RE = re.compile(f"[{CONTROLS}]")
_TERMINAL_CONTROL_RE = Lazy(f"[{TERMINAL_CONTROLS}]")  # each class of surrogates: ~0.4 ms


def _replacement(match: re.Match[str]) -> str:
    """A space for a whitespace control (CR, VT, FF, the separators, NEL), else U+FFFD."""
    return " " if match.group().isspace() else "\ufffd"


LONG_TEXT = 1 << 16
"""From this many characters :func:`visible` first asks :func:`none_in` (a large page, most of
which holds no control at all)."""
_C0_BYTES = bytes(range(0x09)) + bytes(range(0x0B, 0x20)) + b"\x7f"
_C1_RE = re.compile(rb"\xc2[\x80-\x9f]")
_SURROGATE_RE = re.compile(rb"\xed[\xa0-\xbf]")
_BIDI_RES = (re.compile(rb"\xe2\x80[\xaa-\xae]"), re.compile(rb"\xe2\x81[\xa6-\xa9]"))
"""The UTF-8 bytes of the controls: C1, surrogates (``surrogatepass``), the bidi ones."""


def none_in(text: str, *, bidi: bool = True) -> bool:
    """Whether ``text`` holds none of :data:`TERMINAL_CONTROLS` (nor, with ``bidi``,
    :data:`BIDI_CONTROLS`), told from its UTF-8 bytes by byte searches, each a C loop: about
    twice as fast on a long text as the regular expression, whose class is tested a character
    at a time."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _C0_BYTES)) != len(data):  # C0 but tab and newline, DEL
        return False
    if b"\xc2" in data and _C1_RE.search(data):
        return False
    if b"\xed" in data and _SURROGATE_RE.search(data):
        return False
    return not (bidi and any(pattern.search(data) for pattern in _BIDI_RES))


def visible(text: str, *, bidi: bool = True) -> str:
    """Return ``text`` with every control character but tab and newline made harmless.

    With ``bidi=False`` bidi controls are kept: in a web page they reorder only the text of
    their own block, as the author of the document meant, and the page reproduces it.
    """
    if len(text) >= LONG_TEXT and none_in(text, bidi=bidi):
        return text
    return (_CONTROL_RE if bidi else _TERMINAL_CONTROL_RE()).sub(_replacement, text)


def one_line(text: str) -> str:
    """Return ``text`` on one harmless line: :func:`visible`, with tab and newline as spaces."""
    return visible(text).replace("\t", " ").replace("\n", " ")
