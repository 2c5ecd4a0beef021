"""``python -m compare``: the command line, in a process set up for it before anything loads.

``import compare`` loads no stage (the package imports its names on first use), so this module
runs before NumPy is imported and can choose what NumPy's start costs:

- OpenBLAS, which NumPy loads, starts a thread per core at once, and those threads spin while
  they wait: ~40 ms of CPU (more of the wall clock on a busy machine) in a process whose lexical
  scoring makes no dense matrix product (its products are SciPy's sparse ones). Unless
  ``--semantic`` asks for the embedding scorer (whose cosine products are dense), or the
  environment already says how many threads, the command line asks OpenBLAS for one.
- Imports allocate a few hundred thousand objects that all live to the end; the cyclic garbage
  collector, off while they load, would only walk them again and again (~12 ms). Once loaded,
  they are frozen (:func:`gc.freeze`), so that the collections the run itself triggers walk only
  what the run makes (on the readouts, ~10 M instructions of walking the modules, 1 % of the
  process); at exit, what the run made is frozen too, so that the interpreter's last collection
  does not walk it all once more (~20 ms). Frozen objects are freed all the same, module by
  module, as the process ends.
"""

import gc
import os
import sys
from collections.abc import Sequence

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
"""The variables OpenBLAS reads for its thread count, in the order it reads them."""


def _asks_for_semantic(argv: Sequence[str]) -> bool:
    """Whether the arguments ask for ``--semantic`` (argparse also takes ``--sem``, ``--se``)."""
    return any(a.startswith("--se") and "--semantic".startswith(a) for a in argv)


def set_up(argv: Sequence[str]) -> None:
    """One BLAS thread for a lexical run (when NumPy is not loaded yet and nothing says
    otherwise); see the module's docstring."""
    if "numpy" in sys.modules or _asks_for_semantic(argv):
        return
    if not any(name in os.environ for name in BLAS_THREADS):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


def run() -> int:
    """Set the process up, import the command line with the garbage collector paused and freeze
    what the imports made, run it; freeze what is left for the interpreter's exit."""
    set_up(sys.argv[1:])
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from compare.cli import main
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(run())
