"""compare: align outlets' accounts of one event; flag what each adds, omits or rewords."""

# No ``from __future__ import annotations`` here: it would leave a public name, ``annotations``,
# in the package namespace, and tests/test_api.py holds that namespace to ``__all__`` exactly.

from compare.collation import collate
from compare.errors import (
    CompareError,
    InputError,
    InputWarning,
    MissingExtraError,
    OptionsError,
    TooLargeError,
)
from compare.loading import load
from compare.model import (
    Candidate,
    Claim,
    ClaimStatus,
    Collation,
    CollationSummary,
    Comparison,
    DiffOp,
    Document,
    Finding,
    Link,
    Selection,
    Sentence,
    SourceSummary,
    Summary,
)
from compare.options import Options
from compare.pairwise import compare
from compare.scripts import LanguageWarning, detect_language
from compare.similarity import Scorer

__all__ = [
    "Candidate",
    "Claim",
    "ClaimStatus",
    "Collation",
    "CollationSummary",
    "CompareError",
    "Comparison",
    "DiffOp",
    "Document",
    "Finding",
    "InputError",
    "InputWarning",
    "LanguageWarning",
    "Link",
    "MissingExtraError",
    "Options",
    "OptionsError",
    "Scorer",
    "Selection",
    "SemanticScorer",
    "Sentence",
    "SourceSummary",
    "Summary",
    "TooLargeError",
    "__version__",
    "collate",
    "compare",
    "detect_language",
    "load",
]


def __getattr__(name: str) -> object:
    """Import on first use what costs time: ``__version__`` (installed metadata) and
    ``SemanticScorer`` (compare.semantic; the model itself loads only when it scores)."""
    if name == "SemanticScorer":
        from compare.semantic import SemanticScorer

        globals()["SemanticScorer"] = SemanticScorer
        return SemanticScorer
    if name != "__version__":
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("compare-accounts")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        found = "0+unknown"
    globals()["__version__"] = found
    return found


def __dir__() -> list[str]:
    """The module's names, the lazily imported ``SemanticScorer`` included."""
    return sorted(set(globals()) | {"SemanticScorer"})
