"""Time the whole command-line process ``python -m compare REF OTHER`` on the two readouts.

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/bench_cli.py            # 20 runs of each command
    .venv/bin/python benchmarks/bench_cli.py --quick    # 5 runs, for CI smoke tests
    .venv/bin/python benchmarks/bench_cli.py --json     # the figures as JSON

Each round runs, one after the other (so machine noise hits all alike): the CLI on the CGTN
readout vs the Syrian relay, the baseline ``python -c pass`` (interpreter start-up) and
``python -c "import numpy, rapidfuzz"`` (start-up plus the compiled dependencies every comparison
needs). Wall-clock medians and p90 over ``--runs`` rounds; target: CLI median <= 400 ms. Then
``python -X importtime -m compare --help`` (median of 7 runs per module): the largest cumulative
import costs show what the start-up pays for.
"""

from __future__ import annotations

import argparse
import json
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
TARGET_MS = 400.0
PY = sys.executable

COMMANDS = {
    "cli": [PY, "-m", "compare", str(REF), str(OTHER)],
    "python -c pass": [PY, "-c", "pass"],
    "import numpy, rapidfuzz": [PY, "-c", "import numpy, rapidfuzz"],
}


def _run(cmd: list[str]) -> float:
    """Run a command to completion, output discarded; return its wall-clock seconds."""
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def _p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def import_costs(top: int, runs: int) -> list[dict[str, Any]]:
    """Return the ``top`` largest cumulative import times of ``python -m compare --help``.

    Each module's figure is the median over ``runs`` runs of ``python -X importtime``.
    """
    samples: dict[str, list[float]] = {}
    depths: dict[str, int] = {}
    for _ in range(runs):
        proc = subprocess.run(
            [PY, "-X", "importtime", "-m", "compare", "--help"],
            capture_output=True, text=True, check=True,
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
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 20)
    for cmd in COMMANDS.values():  # warm the file cache and the .pyc files
        _run(cmd)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, cmd in COMMANDS.items():
            times[name].append(_run(cmd))
    med = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
    report = {
        "runs": runs,
        "median_ms": med,
        "p90_ms": {name: _p90(ts) * 1000 for name, ts in times.items()},
        "cli_minus_python_ms": med["cli"] - med["python -c pass"],
        "cli_minus_numpy_rapidfuzz_ms": med["cli"] - med["import numpy, rapidfuzz"],
        "target_met": med["cli"] <= TARGET_MS,
        "import_costs": import_costs(args.top, 3 if args.quick else 7),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"== whole process, wall clock, {runs} rounds (median / p90 in ms) ==")
    for name in COMMANDS:
        print(f"  {name:26} {report['median_ms'][name]:7.1f} / {report['p90_ms'][name]:7.1f}")
    verdict = "met" if report["target_met"] else "MISSED"
    print(
        f"  cli - python -c pass: {report['cli_minus_python_ms']:.1f} ms; "
        f"cli - import numpy, rapidfuzz: {report['cli_minus_numpy_rapidfuzz_ms']:.1f} ms"
    )
    print(f"  target: cli median <= {TARGET_MS:.0f} ms: {verdict}")
    print()
    print(f"== python -X importtime -m compare --help: top {args.top} cumulative (median) ==")
    for row in report["import_costs"]:
        print(f"  {row['cumulative_ms']:8.1f} ms  {'  ' * row['depth']}{row['module']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
