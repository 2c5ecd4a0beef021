"""Exceptions raised by compare.

The tree::

    CompareError              base of everything compare raises on purpose
    ├── InputError            a file or text cannot be used (missing, binary, undecodable, empty)
    ├── OptionsError          an option has a value outside its documented range
    ├── TooLargeError         inputs over the work limits (Options.max_pairs, max_linkable), or
    │                         a comparison that ran out of memory
    └── MissingExtraError     an optional feature whose extra is not installed (also ImportError)

    InputWarning              an input is used, but perhaps not as meant (text that looks like
                              HTML); a UserWarning, which the command line prints on one line

Leaves also subclass the matching builtin (``ValueError``, ``ImportError``), so callers that
already catch those keep working. Every message names the thing at fault and what is wrong with
it, in one line.
"""

from __future__ import annotations

__all__ = [
    "CompareError",
    "InputError",
    "InputWarning",
    "MissingExtraError",
    "OptionsError",
    "TooLargeError",
]


class CompareError(Exception):
    """Base class of every error compare raises on purpose."""


class InputError(CompareError, ValueError):
    """A file, stream or text cannot be used as a document."""


class OptionsError(CompareError, ValueError):
    """An option was given a value outside its documented range."""


class TooLargeError(CompareError, ValueError):
    """Inputs too large to compare within the limits of :class:`~compare.options.Options`."""


class MissingExtraError(CompareError, ImportError):
    """An optional feature was asked for without the extra that provides it installed."""


class InputWarning(UserWarning):
    """An input is read, but perhaps not as meant (plain text that looks like HTML)."""
