"""Helpers shared by the speed benchmarks: per-stage timers and the process's peak memory."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any


@contextmanager
def stage_timers(
    module: ModuleType, stages: Mapping[str, Sequence[str]], spent: dict[str, float]
) -> Iterator[None]:
    """Wrap ``module``'s functions named per stage with timers adding into ``spent``.

    Wrapping the functions a pipeline calls, rather than copying its body, measures the real code
    path; the originals are restored on exit.
    """
    originals: dict[str, Callable[..., Any]] = {}

    def timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - t0

        return wrapper

    for stage, names in stages.items():
        for name in names:
            if hasattr(module, name):
                originals[name] = getattr(module, name)
                setattr(module, name, timed(stage, originals[name]))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(module, name, fn)


def maxrss_mb() -> float:
    """The process's RSS high-water mark in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
