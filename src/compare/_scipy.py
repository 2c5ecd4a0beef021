"""SciPy's assignment solver without importing ``scipy.optimize`` (imports nothing of compare).

``from scipy.optimize import linear_sum_assignment`` runs ``scipy.optimize``'s ``__init__``,
which imports most of the optimisers (about 0.3 s, more than a 4,000-sentence alignment spends
solving). The solver itself is the one extension module ``scipy/optimize/_lsap``; it is loaded
here on its own, under its own name, so a later ``import scipy.optimize`` finds and keeps it.
Any surprise (another SciPy layout) falls back to the regular import: same function.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["linear_sum_assignment"]

_NAME = "scipy.optimize._lsap"


def linear_sum_assignment() -> Callable[..., Any]:
    """``scipy.optimize.linear_sum_assignment``, loaded without ``scipy.optimize``'s imports."""
    loaded = sys.modules.get(_NAME)
    if loaded is None and "scipy.optimize" not in sys.modules:
        loaded = _load_extension()
    if loaded is not None and callable(getattr(loaded, "linear_sum_assignment", None)):
        return loaded.linear_sum_assignment  # type: ignore[no-any-return]
    from scipy.optimize import linear_sum_assignment as solver

    regular: Callable[..., Any] = solver
    return regular


def _load_extension() -> Any:
    """The ``_lsap`` extension module, registered under its name, or None if not found."""
    try:
        import scipy

        folder = Path(scipy.__file__).parent / "optimize"
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = folder / f"_lsap{suffix}"
            if path.is_file():
                spec = importlib.util.spec_from_file_location(_NAME, path)
                if spec is None or spec.loader is None:
                    return None
                module = importlib.util.module_from_spec(spec)
                sys.modules[_NAME] = module
                try:
                    spec.loader.exec_module(module)
                except BaseException:
                    sys.modules.pop(_NAME, None)
                    raise
                return module
    except (ImportError, OSError):
        return None
    return None
