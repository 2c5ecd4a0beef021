"""Where the corpus's work runs: one ordered map over chunks of work, in this process, in a local
process pool, or on a Dask cluster (the ``dask`` extra).

:func:`ordered_map` applies a module-level function to each item (a chunk of events: per-task
overhead, about 3 ms on Dask and less in a pool, is paid once per chunk) and yields the results
in item order. At most a window of tasks (twice the workers) is in flight, so memory holds a few
chunks and their results, not the whole corpus's. :func:`dask_client` opens a
``dask.distributed.Client`` on a scheduler's address, or on a ``LocalCluster`` it starts.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from compare.errors import MissingExtraError, OptionsError

__all__ = ["DASK_INSTALL", "ONE_THREAD", "dask_client", "ordered_map"]

A = TypeVar("A")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

DASK_INSTALL = 'pip install "compare-accounts[dask]"'
"""The command that installs what the Dask engine needs."""


class _Future(Protocol[R_co]):
    """What a pool's and Dask's futures share."""

    def result(self) -> R_co:
        """Wait for the result (re-raising the task's exception)."""


def _windowed(submit: Callable[[A], _Future[R]], items: Iterable[A], window: int) -> Iterator[R]:
    """Submit the items, at most ``window`` ahead of the one yielded, and yield in order."""
    pending: deque[_Future[R]] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _distributed() -> Any:
    """The ``distributed`` module, or a :class:`MissingExtraError` naming the pip command."""
    try:
        import distributed
    except ImportError:
        raise MissingExtraError(f"the Dask engine needs the dask extra: {DASK_INSTALL}") from None
    return distributed


def _dask_workers(client: Any) -> int:
    """The threads of a Dask client's workers (at least 1)."""
    distributed = _distributed()
    if not isinstance(client, distributed.Client):
        raise OptionsError(f"client must be a dask.distributed.Client, got {type(client)}")
    return max(int(sum(client.nthreads().values())), 1)


def ordered_map(
    fn: Callable[[A], R],
    items: Iterable[A],
    *,
    workers: int | None = None,
    client: Any = None,
) -> Iterator[R]:
    """``fn`` applied to each item, in item order: on a Dask ``client``'s cluster when given,
    else in ``workers`` local processes (default: the CPU count; 1 runs in this process)."""
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise OptionsError(f"workers must be a positive integer or None, got {workers!r}")
    if client is not None:
        window = 2 * _dask_workers(client)
        yield from _windowed(lambda item: client.submit(fn, item, pure=False), items, window)
        return
    count = workers or os.cpu_count() or 1
    if count == 1:
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    with (
        _one_thread_children(),
        concurrent.futures.ProcessPoolExecutor(count, mp_context=context) as pool,
    ):
        yield from _windowed(lambda item: pool.submit(fn, item), items, 2 * count)


ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""Thread-pool sizes a pool's worker processes are started with (1 each, unless set): the
processes already use every core, and each one's numerical libraries starting a thread per core
oversubscribed them (10^3 synthetic articles, 2 workers: 31 s -> 24 s collating). Dask's
nanny starts its workers the same way."""


@contextlib.contextmanager
def _one_thread_children() -> Iterator[None]:
    """Set :data:`ONE_THREAD` in the environment the pool's processes inherit; restore after."""
    before = {name: os.environ.get(name) for name in ONE_THREAD}
    os.environ.update({name: "1" for name, value in before.items() if value is None})
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)


@contextlib.contextmanager
def dask_client(scheduler: str, *, workers: int | None = None) -> Iterator[Any]:
    """A ``dask.distributed.Client`` on the scheduler at ``scheduler`` (``tcp://host:8786``), or
    on a ``LocalCluster`` of ``workers`` one-thread processes for ``"local"``; closed after."""
    distributed = _distributed()
    if scheduler == "local":
        count = workers or os.cpu_count() or 1
        with (
            distributed.LocalCluster(
                n_workers=count, threads_per_worker=1, dashboard_address=":0"
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise OptionsError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        yield client
