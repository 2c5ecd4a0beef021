"""compare: align outlets' accounts of one event; flag what each adds, omits or rewords."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from compare.collation import collate
from compare.errors import CompareError, InputError, OptionsError, TooLargeError
from compare.loading import load
from compare.model import Claim, Collation, Comparison, DiffOp, Document, Finding, Link, Sentence
from compare.options import Options
from compare.pairwise import compare

try:
    __version__ = version("compare-accounts")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "Claim",
    "Collation",
    "CompareError",
    "Comparison",
    "DiffOp",
    "Document",
    "Finding",
    "InputError",
    "Link",
    "Options",
    "OptionsError",
    "Sentence",
    "TooLargeError",
    "__version__",
    "collate",
    "compare",
    "load",
]
