"""compare.corpus on Dask (issue 13): a LocalCluster of two workers on 127.0.0.1 gives the same
output folder, byte for byte, as the local process pool; without the extra, one line naming the
pip command."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import compare.corpus as corpus_module
from compare import MissingExtraError, OptionsError
from compare.cli import main
from compare.corpus import collate_events, group
from compare.corpus.engine import ordered_map
from compare.corpus.output import write_corpus
from conftest import READOUTS

distributed = pytest.importorskip("distributed")

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A Dask client on a LocalCluster of two one-thread workers on 127.0.0.1 (in-process
    workers: starting them is quick, and the tasks are the pool's tasks all the same)."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
            dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster) as c,
    ):  # fmt: skip
        yield c


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("source", [DATA, READOUTS], ids=["invented", "readouts"])
def test_dask_output_equals_the_process_pool_byte_for_byte(
    tmp_path: Path, client: Any, source: Path
) -> None:
    corpus = group(source)
    pool = write_corpus(corpus, tmp_path / "pool", workers=2, chunk=1)  # a task per event
    dask = write_corpus(corpus, tmp_path / "dask", client=client, chunk=1)
    assert pool.collated == dask.collated >= 1
    expected, got = _files(tmp_path / "pool"), _files(tmp_path / "dask")
    assert sorted(expected) == sorted(got)
    assert len(expected) == 4 + pool.collated  # three record files, the index, one page each
    for name, content in expected.items():
        assert content == got[name], name


def test_collate_events_on_dask_one_event_per_task(client: Any) -> None:
    corpus = group(DATA)
    here = [
        (e.id, r.to_dict()) for e, r in collate_events(corpus, workers=1) if not isinstance(r, str)
    ]
    there = [
        (e.id, r.to_dict())
        for e, r in collate_events(corpus, client=client, chunk=1)
        if not isinstance(r, str)
    ]
    assert 3 == len(here)
    assert here == there


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_past_its_window(client: Any) -> None:
    items = list(range(25))  # the window is twice the two workers: tasks are awaited in turn
    assert [x * x for x in items] == list(ordered_map(_square, items, client=client))
    assert [x * x for x in items] == list(ordered_map(_square, items, workers=1))
    with pytest.raises(OptionsError, match=r"dask\.distributed\.Client"):
        list(ordered_map(_square, items, client="tcp://nowhere:8786"))


def test_without_dask_one_line_names_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError, match=r'pip install "compare-accounts\[dask\]"'):
        list(collate_events(group(DATA), client=object()))
    out = tmp_path / "o"
    assert 2 == main(["corpus", str(DATA), "-o", str(out), "-q", "--scheduler", "local"])
    err = capsys.readouterr().err
    assert 1 == len(err.strip().splitlines())
    assert "the Dask engine needs the dask extra" in err


def test_cli_scheduler_address_and_local(
    tmp_path: Path, client: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--scheduler tcp://...`` reaches a running cluster's scheduler; ``--scheduler local``
    starts a LocalCluster of --workers processes; both write what the pool writes."""
    base = ["corpus", str(DATA), "-q", "-o"]
    assert 0 == main([*base, str(tmp_path / "pool"), "--workers", "2"])
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    assert 0 == main([*base, str(tmp_path / "tcp"), "--scheduler", address])
    assert 0 == main([*base, str(tmp_path / "local"), "--scheduler", "local", "--workers", "1"])
    summaries = capsys.readouterr().out.splitlines()
    assert 1 == len({s.split("; wrote")[0] for s in summaries})
    expected = _files(tmp_path / "pool")
    assert expected == _files(tmp_path / "tcp") == _files(tmp_path / "local")
    assert 2 == main([*base, str(tmp_path / "x"), "--scheduler", "tcp://127.0.0.1:9"])
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_grouping_on_dask_equals_grouping_in_process(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shingling and reused passages as Dask tasks (two texts and two pairs a task): the same
    events, passages and counts as in this process."""
    here = group(READOUTS, workers=1)
    monkeypatch.setattr(corpus_module, "READ_CHUNK", 2)
    monkeypatch.setattr(corpus_module, "PAIR_CHUNK", 2)
    there = group(READOUTS, client=client)
    assert here.reuse
    assert (here.events, here.reuse, dict(here.stats)) == (
        there.events, there.reuse, dict(there.stats),
    )  # fmt: skip
