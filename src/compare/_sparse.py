"""SciPy's sparse matrices and graph routines, imported on first use without the two numpy
submodules SciPy's array-API layer imports for nothing.

SciPy (1.15 to at least 1.17) clones numpy's namespace into its vendored ``array_api_compat``
when ``scipy.sparse`` is first imported: ``from numpy import *`` and then ``hasattr(numpy, n)``
for every name of ``dir(numpy)``. numpy lists its lazily imported submodules there, so the clone
imports ``numpy.f2py`` (a Fortran wrapper generator that compiles ~1,000 regular expressions)
and ``numpy.testing``: ~35 % of the instructions of importing ``scipy.sparse.csgraph``, which a
large comparison's first call pays (0.83 G of it, 0.29 G those two; callgrind, SciPy 1.17.1,
numpy 2.x). Neither is used by what we call: SciPy reads ``xp.testing`` only for CuPy and
PyTorch arrays. So for the length of that one import, numpy's ``__all__`` and ``__dir__`` leave
out the submodules not yet imported; both are put back as they were, whatever happens. The rest
of SciPy sees numpy unchanged, and a process that imported SciPy or those submodules before
gets the plain import.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["csgraph", "sparse"]

_SKIPPED = ("f2py", "testing")
"""numpy's lazily imported submodules that SciPy's namespace clone would import."""


def sparse() -> ModuleType:
    """``scipy.sparse``, imported on first use (see the module's docstring)."""
    return sys.modules.get("scipy.sparse") or _import("scipy.sparse")


def csgraph() -> ModuleType:
    """``scipy.sparse.csgraph``, imported on first use (see the module's docstring)."""
    return sys.modules.get("scipy.sparse.csgraph") or _import("scipy.sparse.csgraph")


def _import(name: str) -> ModuleType:
    """Import ``name`` (a SciPy module) with numpy's not-yet-imported submodules of
    :data:`_SKIPPED` out of numpy's ``__all__`` and ``__dir__`` meanwhile."""
    import numpy

    if "scipy._lib._array_api" in sys.modules:  # SciPy's clone is made: nothing to spare
        return importlib.import_module(name)
    skipped = {n for n in _SKIPPED if f"numpy.{n}" not in sys.modules}
    own = numpy.__dict__
    saved: dict[str, object] = {k: own[k] for k in ("__all__", "__dir__") if k in own}
    names, listing = saved.get("__all__"), saved.get("__dir__")
    try:
        if isinstance(names, list | tuple):
            numpy.__all__ = [n for n in names if n not in skipped]
        if callable(listing):
            numpy.__dir__ = lambda: [n for n in listing() if n not in skipped]  # type: ignore[method-assign]
        return importlib.import_module(name)
    finally:
        own.update(saved)
