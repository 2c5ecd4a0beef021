"""Regular expressions compiled on first use, and plain twins of the script-aware ones.

Python's ``re`` builds a character class's table in Python, one code point at a time, for every
code point of its ranges below U+10000: a class holding the Han ranges costs ~2.5 ms to compile,
``[\\u2e80-\\U0010ffff]`` ~4 ms, and the command line paid ~25 ms for such classes before it
read a word of English. So a pattern is compiled when it is first used (:class:`Lazy`), and a
pattern whose Chinese and Arabic classes an English text never reaches has a *plain twin*
(:class:`ScriptPattern`): the same pattern with those classes restricted to the characters of
plain text (:func:`script_keyed`), which matches exactly as the full one does on such text.
tests/test_regex.py proves each twin over every code point and on the example texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["SCRIPT_KEYED_FROM", "Lazy", "ScriptPattern", "compiled", "script_keyed"]

SCRIPT_KEYED_FROM = "\u2e80"
"""The CJK radicals: every character from here up, with the Arabic block, is script-keyed."""

_ALL: list[Lazy] = []
"""Every lazy pattern made, in order (the tests read which ones a run compiled)."""


def script_keyed(text: str) -> bool:
    """Whether ``text`` holds a character of the Arabic block (U+0600-U+06FF) or one from the
    CJK radicals up (U+2E80): the characters where folding may do more than fold case and
    quotes, and where the script-aware patterns differ from their plain twins."""
    return not text.isascii() and _keyed_search(text) is not None


def _first_keyed_search(text: str) -> re.Match[str] | None:
    """Compile :data:`_SCRIPT_KEYED_RE` and search with it; its compiled ``search`` takes this
    function's place (a call less on every later test: it runs on every sentence)."""
    global _keyed_search
    _keyed_search = _SCRIPT_KEYED_RE().search
    return _keyed_search(text)


_keyed_search: Callable[[str], re.Match[str] | None] = _first_keyed_search


class Lazy:
    """A regular expression compiled on its first use: call the object for the pattern."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        _ALL.append(self)

    def __call__(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it is the first call)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    @property
    def compiled(self) -> bool:
        """Whether the pattern has been compiled."""
        return self._compiled is not None

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r}, {self.flags!r})"


class ScriptPattern:
    """A pattern with Chinese or Arabic classes (``full``) and its plain twin (``plain``), each
    compiled on first use: :meth:`of` picks the twin for a text that does not need the full
    pattern (``needs_full``: by default, one that is :func:`script_keyed`)."""

    __slots__ = ("full", "needs_full", "plain")

    def __init__(
        self,
        full: str,
        plain: str,
        flags: int = 0,
        needs_full: Callable[[str], bool] = script_keyed,
    ) -> None:
        self.full = Lazy(full, flags)
        self.plain = Lazy(plain, flags)
        self.needs_full = needs_full

    def of(self, text: str) -> re.Pattern[str]:
        """The pattern to run on ``text`` (or on any part of it): the plain twin unless the
        text needs the full one."""
        if text.isascii() or not self.needs_full(text):
            return self.plain()
        return self.full()


_SCRIPT_KEYED_RE = Lazy("[^\x00-\u05ff\u0700-\u2e7f]")
"""A script-keyed character: the complement of ``[\\u0600-\\u06ff\\u2e80-\\U0010ffff]``, which
holds the same characters and costs a fifth to compile (~0.9 ms: re loops over the code points
of a class below U+10000); a search is ~5x faster than ``max(text)``."""


def compiled() -> list[str]:
    """The lazy patterns compiled so far in this process, in the order they were made."""
    return [lazy.pattern for lazy in _ALL if lazy.compiled]
