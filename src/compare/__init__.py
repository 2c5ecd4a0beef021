"""compare: align outlets' accounts of one event; flag what each adds, omits or rewords."""

# No ``from __future__ import annotations`` here: it would leave a public name, ``annotations``,
# in the package namespace, and tests/test_api.py holds that namespace to ``__all__`` exactly.
#
# The public names are imported on first use (PEP 562): ``import compare`` costs nothing, so
# ``python -m compare`` can set up its process (compare/__main__.py) before NumPy loads.

import typing as _typing

from compare.errors import (
    CompareError,
    InputError,
    InputWarning,
    MissingExtraError,
    OptionsError,
    TooLargeError,
)

if _typing.TYPE_CHECKING:
    from compare.collation import collate
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
    from compare.semantic import SemanticScorer
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

_MODEL = (
    "Candidate Claim ClaimStatus Collation CollationSummary Comparison DiffOp Document Finding "
    "Link Selection Sentence SourceSummary Summary"
)
_HOME: dict[str, str] = {
    **dict.fromkeys(_MODEL.split(), "compare.model"),
    "collate": "compare.collation",
    "compare": "compare.pairwise",
    "detect_language": "compare.scripts",
    "LanguageWarning": "compare.scripts",
    "load": "compare.loading",
    "Options": "compare.options",
    "Scorer": "compare.similarity",
    "SemanticScorer": "compare.semantic",  # the model itself loads only when it scores
}
"""The module each public name is defined in, imported when the name is first asked for."""


def __getattr__(name: str) -> object:
    """Import a public name on first use (the rest of ``__all__``), and ``__version__`` from the
    installed metadata (importlib.metadata only when the version is asked for)."""
    home = _HOME.get(name)
    if home is not None:
        module = __import__(home, fromlist=[name])
        value: object = getattr(module, name)
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("compare-accounts")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            value = "0+unknown"
    else:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the ones not yet imported included."""
    return sorted(set(globals()) | set(_HOME))
