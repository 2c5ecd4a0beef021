"""Scale of ``compare corpus`` (issue 13): time, peak memory and candidate pairs per stage at
10^3, 10^4 and 10^5 articles, with growth exponents, on the process pool or a Dask LocalCluster.

Run from the project root::

    .venv/bin/python benchmarks/bench_corpus_scale.py                       # 1,000 and 10,000
    .venv/bin/python benchmarks/bench_corpus_scale.py --sizes 100000 --collate-upto 10000
    .venv/bin/python benchmarks/bench_corpus_scale.py --engine dask         # a 2-worker cluster
    .venv/bin/python benchmarks/bench_corpus_scale.py --data PATH --json
    .venv/bin/python benchmarks/bench_corpus_scale.py --sizes 10000 --collate-upto 0 --out OUT

The corpora are ``eval_corpus.py``'s synthetic ones built from BASIL (its module docstring:
events of three articles, half their words renamed per event), written to a JSONL file in a
temporary folder. Each size runs in a fresh process: :func:`compare.corpus.output.write_corpus`
reads the file, groups it, writes the records and collates every event of two or more articles
in ``--workers`` processes (or on a Dask LocalCluster of that many one-thread worker processes),
except above ``--collate-upto`` articles, where events are listed but not collated (say so
when quoting the figures). Per stage (what the progress callback names), the seconds and the
peak resident memory of the main process within that stage (the kernel's high-water mark, reset
at each stage: ``/proc/self/clear_refs``); the pool's or cluster's worker processes are not
counted there: ``worker_peak_mb`` is the largest peak of a finished worker process
(``RUSAGE_CHILDREN``). Growth exponents are ``log(t2/t1) / log(n2/n1)`` between successive
sizes. Prints figures only, never BASIL's text.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_corpus  # a sibling script, found through the path set above


def _memory() -> tuple[int, int]:
    """This process's resident and peak resident memory, in MB (Linux ``/proc``)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def _reset_peak() -> None:
    """Start a new peak: the high-water mark falls to the current resident size."""
    Path("/proc/self/clear_refs").write_text("5")


def child(
    path: Path,
    workers: int,
    engine: str,
    collate: bool,
    log: Path | None = None,
    keep: Path | None = None,
) -> dict[str, Any]:
    """In the fresh process: write the corpus at ``path``; per-stage seconds and peak MB (and,
    with ``log``, a line per stage change and per 1,000 events collated appended to it; with
    ``keep``, the output folder is written there and kept, to compare two versions' outputs)."""
    from compare.corpus.engine import dask_client
    from compare.corpus.output import write_corpus

    stages: list[dict[str, Any]] = []
    start = time.perf_counter()
    current = ["start", start]

    def progress(stage: str, done: int, total: int) -> None:
        if log is not None and (stage != current[0] or (done and not done % 1000)):
            with log.open("a", encoding="utf-8") as fh:
                print(time.strftime("%H:%M:%S"), stage, done, total, _memory()[1], file=fh)
        if stage == current[0]:
            return
        now = time.perf_counter()
        stages.append(
            {"stage": current[0], "seconds": round(now - current[1], 2), "peak_mb": _memory()[1]}
        )
        _reset_peak()
        current[:] = [stage, now]

    with tempfile.TemporaryDirectory() as temporary:
        out = str(keep) if keep is not None else temporary
        if engine == "dask":
            with dask_client("local", workers=workers) as client:
                progress("starting", 0, 0)
                t0 = time.perf_counter()
                summary = write_corpus(path, out, client=client, collate=collate, progress=progress)
        else:
            t0 = time.perf_counter()
            summary = write_corpus(path, out, workers=workers, collate=collate, progress=progress)
        progress("end", 0, 0)
        total = time.perf_counter() - t0
    return {
        "articles": summary.articles, "events": summary.events, "collated": summary.collated,
        "reuse_across": summary.reuse, "reuse_within": summary.reuse_within,
        "seconds": round(total, 1), "peak_mb": max(s["peak_mb"] for s in stages),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "stages": [s for s in stages if s["stage"] != "start"], "stats": dict(summary.stats),
    }  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpora, run each size in a fresh process, print the figures."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=eval_corpus.DEFAULT_DATA)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--collate-upto", type=int, default=10000, help="collate sizes up to this")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--engine", choices=("pool", "dask"), default="pool")
    p.add_argument("--json", action="store_true")
    p.add_argument("--log", type=Path, help="append progress lines (time, stage, done) here")
    p.add_argument("--out", type=Path, help="keep each size's output folder in OUT/SIZE")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--no-collate", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        collate = not args.no_collate
        result = child(args.child, args.workers, args.engine, collate, args.log, args.out)
        print(json.dumps(result))
        return 0
    try:
        rows = eval_corpus.basil_rows(eval_corpus.read_events(args.data))
    except eval_corpus.DataMissing as exc:
        print(f"bench_corpus_scale: {exc}", file=sys.stderr)
        return 2
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            path = Path(folder) / f"synthetic-{n}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for r in eval_corpus.synthetic(rows, n, random.Random(eval_corpus.SEED)):
                    keep = {k: r[k] for k in ("id", "text", "outlet", "date")}
                    fh.write(json.dumps(keep) + "\n")
            command = [sys.executable, __file__, "--child", str(path)]
            command += ["--workers", str(args.workers), "--engine", args.engine]
            command += ["--log", str(args.log)] if args.log else []
            command += ["--out", str(args.out / str(n))] if args.out else []
            if n > args.collate_upto:
                command.append("--no-collate")
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            runs.append(json.loads(done.stdout.splitlines()[-1]))
            print(json.dumps(runs[-1]), file=sys.stderr)
    for prev, cur in itertools.pairwise(runs):
        ratio = math.log(cur["articles"] / prev["articles"])
        cur["growth"] = {
            s["stage"]: round(math.log(s["seconds"] / t["seconds"]) / ratio, 2)
            for s in cur["stages"]
            for t in prev["stages"]
            if s["stage"] == t["stage"] and s["seconds"] > 0 and t["seconds"] > 0
        }
    print(json.dumps({"engine": args.engine, "workers": args.workers, "runs": runs},
                     indent=2 if args.json else None))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
