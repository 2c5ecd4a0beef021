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

__all__ = ["BIDI_CONTROLS", "CONTROLS", "TERMINAL_CONTROLS", "one_line", "visible"]

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


def visible(text: str, *, bidi: bool = True) -> str:
    """Return ``text`` with every control character but tab and newline made harmless.

    With ``bidi=False`` bidi controls are kept: in a web page they reorder only the text of
    their own block, as the author of the document meant, and the page reproduces it.
    """
    return (_CONTROL_RE if bidi else _TERMINAL_CONTROL_RE()).sub(_replacement, text)


def one_line(text: str) -> str:
    """Return ``text`` on one harmless line: :func:`visible`, with tab and newline as spaces."""
    return visible(text).replace("\t", " ").replace("\n", " ")
