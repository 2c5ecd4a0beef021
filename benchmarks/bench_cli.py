"""Time the whole command-line process ``python -m compare REF OTHER`` on the two readouts.

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/bench_cli.py            # 20 runs of each command
    .venv/bin/python benchmarks/bench_cli.py --quick    # 5 runs, for CI smoke tests
    .venv/bin/python benchmarks/bench_cli.py --json     # the figures as JSON
    .venv/bin/python benchmarks/bench_cli.py --vs ../base/src   # another tree in the same rounds

Each round runs, one after the other (so machine noise hits all alike): the CLI on the CGTN
readout vs the Syrian relay (and with ``--vs``, the same CLI of another tree's ``src``), the
baseline ``python -c pass`` (interpreter start-up) and ``python -c "import numpy, rapidfuzz"``
(start-up plus the compiled dependencies every comparison needs). Wall-clock medians and p90
over ``--runs`` rounds; target: CLI median <= 250 ms (issue 8), judged by its difference to the
numpy + rapidfuzz baseline of the same rounds. Then ``python -X importtime -m compare REF OTHER``
(median of 7 runs per module): the largest cumulative import costs of the run measured.

The commands run without ``PYTHONDONTWRITEBYTECODE``: with it set (some shells set it), no
``.pyc`` file of the source tree is ever written and every run compiles compare's source anew
(~130 ms), which is no start-up a user with an installed package pays.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
REF = READOUTS / "call-cgtn-chinese-readout.txt"
OTHER = READOUTS / "call-syrian-readout-relay.txt"
TARGET_MS = 250.0
PY = sys.executable
CLI = [PY, "-m", "compare", str(REF), str(OTHER)]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The environment of every command: .pyc files written and read (module docstring)."""

COMMANDS = {
    "cli": CLI,
    "python -c pass": [PY, "-c", "pass"],
    "import numpy, rapidfuzz": [PY, "-c", "import numpy, rapidfuzz"],
}


def _cpu() -> float:
    """CPU seconds (user + system) of the children waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command to completion, output discarded; return its wall-clock and CPU seconds
    (CPU time, all threads, is the least disturbed by other work on a shared machine)."""
    t0, c0 = time.perf_counter(), _cpu()
    subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env or ENV
    )
    return time.perf_counter() - t0, _cpu() - c0


def _p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def import_costs(top: int, runs: int) -> list[dict[str, Any]]:
    """Return the ``top`` largest cumulative import times of the CLI run on the readouts.

    Each module's figure is the median over ``runs`` runs of ``python -X importtime``.
    """
    samples: dict[str, list[float]] = {}
    depths: dict[str, int] = {}
    for _ in range(runs):
        proc = subprocess.run(
            [PY, "-X", "importtime", *CLI[1:]],
            capture_output=True, text=True, check=True, env=ENV,
        )  # fmt: skip
        for line in proc.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            _self, cumulative, name = line[len("import time:") :].split("|")
            module = name.strip()
            depths[module] = (len(name) - len(name.lstrip()) - 1) // 2  # two spaces per level
            samples.setdefault(module, []).append(int(cumulative) / 1000)
    rows = [
        {"module": m, "cumulative_ms": statistics.median(ts), "depth": depths[m]}
        for m, ts in samples.items()
    ]
    return sorted(rows, key=lambda r: -r["cumulative_ms"])[:top]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs, for CI smoke tests")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--runs", type=int, default=None, help="rounds (default 20)")
    parser.add_argument("--top", type=int, default=15, help="import costs to list")
    parser.add_argument("--vs", metavar="SRC", help="also time the CLI of another tree's src")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 20)
    commands = dict(COMMANDS)
    envs = dict.fromkeys(commands, ENV)
    if args.vs:
        commands["cli --vs"] = CLI
        envs["cli --vs"] = {**ENV, "PYTHONPATH": str(Path(args.vs).resolve())}
    for name, cmd in commands.items():  # warm the file cache and write the .pyc files
        _run(cmd, envs[name])
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, used = _run(cmd, envs[name])
            times[name].append(wall)
            cpu[name].append(used)
    med = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
    med_cpu = {name: statistics.median(ts) * 1000 for name, ts in cpu.items()}
    report = {
        "runs": runs,
        "median_ms": med,
        "p90_ms": {name: _p90(ts) * 1000 for name, ts in times.items()},
        "cli_minus_python_ms": med["cli"] - med["python -c pass"],
        "cli_minus_numpy_rapidfuzz_ms": med["cli"] - med["import numpy, rapidfuzz"],
        "cpu_median_ms": med_cpu,
        "cpu_cli_minus_numpy_rapidfuzz_ms": med_cpu["cli"] - med_cpu["import numpy, rapidfuzz"],
        **(
            {
                "vs": args.vs,
                "vs_minus_numpy_rapidfuzz_ms": med["cli --vs"] - med["import numpy, rapidfuzz"],
                "cpu_vs_minus_numpy_rapidfuzz_ms": (
                    med_cpu["cli --vs"] - med_cpu["import numpy, rapidfuzz"]
                ),
                "cli_over_vs": statistics.median(
                    a / b for a, b in zip(times["cli"], times["cli --vs"], strict=True)
                ),
            }
            if args.vs
            else {}
        ),
        "target_met": med["cli"] <= TARGET_MS,
        "import_costs": import_costs(args.top, 3 if args.quick else 7),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"== whole process, {runs} rounds: wall clock median / p90, CPU median (ms) ==")
    for name in commands:
        print(
            f"  {name:26} {report['median_ms'][name]:7.1f} / {report['p90_ms'][name]:7.1f}"
            f"   CPU {med_cpu[name]:7.1f}"
        )
    verdict = "met" if report["target_met"] else "MISSED"
    print(
        f"  cli - python -c pass: {report['cli_minus_python_ms']:.1f} ms; "
        f"cli - import numpy, rapidfuzz: {report['cli_minus_numpy_rapidfuzz_ms']:.1f} ms"
    )
    cpu_difference = report["cpu_cli_minus_numpy_rapidfuzz_ms"]
    print(f"  CPU: cli - import numpy, rapidfuzz: {cpu_difference:.1f} ms")
    if args.vs:
        print(
            "  CPU: cli --vs - import numpy, rapidfuzz: "
            f"{report['cpu_vs_minus_numpy_rapidfuzz_ms']:.1f} ms"
        )
        print(
            f"  cli --vs - import numpy, rapidfuzz: {report['vs_minus_numpy_rapidfuzz_ms']:.1f} ms;"
            f" cli / cli --vs, median of the paired rounds: {report['cli_over_vs']:.2f}"
        )
    print(f"  target: cli median <= {TARGET_MS:.0f} ms: {verdict}")
    print()
    print(f"== python -X importtime -m compare REF OTHER: top {args.top} cumulative (median) ==")
    for row in report["import_costs"]:
        print(f"  {row['cumulative_ms']:8.1f} ms  {'  ' * row['depth']}{row['module']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
