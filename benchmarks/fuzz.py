"""Run the fuzzer (tests/test_fuzz.py) for as many examples as asked, and report what it found.

Run from the project root::

    .venv/bin/python benchmarks/fuzz.py                   # 2,000 examples per property
    .venv/bin/python benchmarks/fuzz.py --examples 20000  # a long soak
    .venv/bin/python benchmarks/fuzz.py --seed 7          # another random stream

CI runs the same properties on fixed examples (700 per property, 350 for the web page, command
line and corpus ones; ``.ci/run`` sets ``CI``, under which Hypothesis derandomizes); this runner
always draws fresh ones (Hypothesis's default profile, even where ``CI`` is set), so it keeps
finding what the fixed ones cannot. Each property feeds mutated readouts (cuts, moves, odd
characters, other newlines) and wild text through load → compare → every format → collation,
random web pages through the loader, random command lines, and random JSONL lines through
``compare corpus``, and checks the contracts of DESIGN.md; a failure prints the smallest input
Hypothesis could shrink it to. Exit status is pytest's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    """Parse the arguments, run the properties under pytest, print examples run and wall time."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--examples", type=int, default=2000, help="examples per property")
    p.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random)")
    args = p.parse_args()
    env = dict(os.environ, COMPARE_FUZZ_EXAMPLES=str(args.examples))
    cmd = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "--hypothesis-show-statistics", "--hypothesis-profile=default",
        str(REPO / "tests" / "test_fuzz.py"),
    ]  # fmt: skip
    if args.seed is not None:
        cmd.append(f"--hypothesis-seed={args.seed}")
    start = time.perf_counter()
    code = subprocess.call(cmd, cwd=REPO, env=env)
    minutes = (time.perf_counter() - start) / 60
    print(f"fuzz: {args.examples} examples per property, {minutes:.1f} min, pytest exit {code}")
    return code


if __name__ == "__main__":
    sys.exit(main())
