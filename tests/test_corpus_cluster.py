"""compare.corpus on a Dask cluster of separate processes (issue 13): a ``dask scheduler`` and a
``dask worker`` (two one-thread worker processes) started as commands on 127.0.0.1, as on a
real cluster, and ``python -m compare corpus ... --scheduler tcp://127.0.0.1:PORT`` run against
them gives the process pool's output folder byte for byte."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare.cli import main
from conftest import READOUTS

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"


def _free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (the system's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler started with ``dask scheduler``, with two one-thread worker
    processes started with ``dask worker`` (their logs in a temporary folder); stopped after."""
    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    commands = [
        ["scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        ["worker", address, "--nworkers", "2", "--nthreads", "1", "--host", "127.0.0.1",
         "--no-dashboard"],
    ]  # fmt: skip
    started: list[subprocess.Popen[bytes]] = []
    try:
        for name, args in zip(("scheduler", "worker"), commands, strict=True):
            with (logs / f"{name}.log").open("wb") as log:
                started.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "dask", *args], stdout=log, stderr=log, cwd=logs
                    )
                )
        _wait_for_workers(address, 2)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_workers(address: str, count: int) -> None:
    """Wait (up to two minutes) until the scheduler at ``address`` has ``count`` workers."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with distributed.Client(address, timeout="5s") as client:
                client.wait_for_workers(count, timeout=max(deadline - time.monotonic(), 1))
                return
        except (OSError, TimeoutError):
            time.sleep(1)
    raise AssertionError(f"no {count} Dask workers at {address} within two minutes")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("source", [DATA, READOUTS], ids=["invented", "readouts"])
def test_cli_on_a_scheduler_and_worker_processes_equals_the_pool(
    tmp_path: Path, scheduler: str, source: Path
) -> None:
    pool, dask = tmp_path / "pool", tmp_path / "dask"
    assert 0 == main(["corpus", str(source), "-o", str(pool), "-q", "--workers", "2"])
    done = subprocess.run(
        [sys.executable, "-m", "compare", "corpus", str(source), "-o", str(dask), "-q",
         "--scheduler", scheduler],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert 0 == done.returncode, done.stderr
    assert "collated" in done.stdout
    expected, got = _files(pool), _files(dask)
    assert sorted(expected) == sorted(got)
    assert len(expected) > 4  # three record files, the index and at least one event's report
    for name, content in expected.items():
        assert content == got[name], name
