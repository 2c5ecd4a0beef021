"""Every speed target of issue 8 in one run, each with a baseline or yardstick timed in that run.

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/bench_targets.py                 # full run, several minutes
    .venv/bin/python benchmarks/bench_targets.py --quick         # one run each, a short curve
    .venv/bin/python benchmarks/bench_targets.py --json          # the figures as JSON
    .venv/bin/python benchmarks/bench_targets.py --only pair4120 # one case (see CASES)
    .venv/bin/python benchmarks/bench_targets.py --vs /tmp/old/src   # paired A/B against a tree

Each case runs in a fresh process (``--child CASE``) so its peak RSS (``ru_maxrss``, the whole
process: interpreter, imports and data included) and its first-call costs (lazy imports) are its
own; a case's figure is the median over ``--runs`` such processes. Nothing here asserts a time.
Each figure is wall time (what the targets are judged on), with the process's own CPU time beside
it, and the table opens with the load average at the start and end of the run: on a shared
machine wall time rises with the others' load, CPU time far less.

- **readouts**: ``compare.compare`` on the CGTN readout vs the Syrian relay, in process, documents
  loaded, after warm-up, median of 50 calls per process (target <= 2.5 ms); also the mean of 40
  calls on copies of the pair whose every sentence is new to the process (``fresh_ms``): the
  figure without the per-text caches' hits, what a new pair of this size costs. Baseline: CollateX
  (``pip install collatex python-Levenshtein``) aligning the same two texts in the same process;
  skipped with a note when it is not installed.
- **pair4120**: the issue's large pair: 2,060 readout sentences drawn at random (seeded), each
  followed by a short ``Item N.`` sentence (4,120 sentences); the other side the same sentence
  pairs shuffled, with light word edits on one in three. ``compare.compare``, first call in the
  process (targets <= 2 s, <= 250 MB peak RSS), with the modules it imports on its way (the
  pipeline, ``scipy.sparse`` and ``csgraph``, the latter two through ``compare._sparse`` as the
  pipeline imports them) imported just before it and timed apart
  (``imports_s``; ``call_s`` the rest). Yardstick: ``rapidfuzz.process.cdist`` with
  ``fuzz.ratio`` (one worker) over the same two sentence lists, in its own process.
- **large**: a 21,400-sentence text (``bench_views.large_text``) vs the 17-sentence CGTN readout:
  compare, then every format (text, colour text, Markdown, HTML, JSON, CSV) (target <= 5 s).
- **collate20**: ``compare.collate`` of 20 synthetic accounts x 100 sentences
  (``bench_collate.accounts``) (target <= 3 s).
- **basil**: ``compare.collate`` of each of BASIL's 100 events, summed (target <= 5 s); ``--data``
  names the folder (default ../shared/eval/basil), skipped with a note when missing.
- **machine**: a fixed pure-Python workload (no ``compare``), CPU ms: the machine's speed in
  this run, so figures measured hours apart can be read against each other.
- **cli**: the whole process ``python -m compare REF OTHER`` on the two readouts, wall clock,
  ``--cli-runs`` runs after one warm-up (target <= 250 ms); baseline in the same rounds:
  ``python -c "import numpy, rapidfuzz"``.
- **scaling**: ``bench_compare.synthetic_pair(N)`` for N = 50 ... 20,000 sentences per side, one
  fresh process per N, work limits lifted: seconds of the first ``compare.compare`` and peak RSS;
  the exponent is the least-squares slope of log(seconds) on log(N) over N >= 1,000.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import maxrss_mb  # benchmarks/ is no package: path above

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
REF = READOUTS / "call-cgtn-chinese-readout.txt"
OTHER = READOUTS / "call-syrian-readout-relay.txt"
DEFAULT_BASIL = REPO.parent / "shared" / "eval" / "basil"
PY = sys.executable
SCALING = (50, 200, 1000, 2000, 5000, 10_000, 20_000)
QUICK_SCALING = (50, 200, 1000)
TARGETS = {
    "readouts": ("ms", 2.5),
    "pair4120": ("s", 2.0),
    "pair4120_rss": ("MB", 250.0),
    "large": ("s", 5.0),
    "collate20": ("s", 3.0),
    "basil": ("s", 5.0),
    "cli": ("ms", 250.0),
}


def _unlimited() -> Any:
    import compare

    return compare.Options(max_pairs=10**12, max_linkable=10**12)


# -- the inputs -----------------------------------------------------------------------------------


def readout_pool() -> list[str]:
    """Every distinct sentence of the bundled readouts, whitespace collapsed, in file order."""
    import compare

    seen: dict[str, None] = {}
    for path in sorted(READOUTS.glob("*.txt")):
        for s in compare.load(path).sentences:
            text = " ".join(s.text.split())
            if text[-1:] in ".!?":  # so that "Item N." stays a sentence of its own
                seen.setdefault(text, None)
    return list(seen)


def pair_4120(pairs: int = 2060, seed: int = 8) -> tuple[str, str]:
    """The issue's large pair: ``pairs`` random readout sentences each followed by ``Item N.``;
    the other side the same sentence pairs shuffled, one in three lightly edited."""
    rng = random.Random(seed)
    pool = readout_pool()
    units = [(rng.choice(pool), f"Item {k + 1}.") for k in range(pairs)]
    ref = "\n".join(f"{a} {b}" for a, b in units)
    shuffled = list(units)
    rng.shuffle(shuffled)
    lines = []
    for k, (a, b) in enumerate(shuffled):
        if k % 3 == 0:
            words = a.split()
            i = rng.randrange(len(words))
            words[i] = {"the": "a", "and": "as well as"}.get(words[i], words[i])
            if len(words) > 6:
                del words[rng.randrange(1, len(words) - 1)]
            a = " ".join(words)
        lines.append(f"{a} {b}")
    return ref + "\n", "\n".join(lines) + "\n"


# -- the cases, each run in a child process -------------------------------------------------------


class Clock:
    """Wall and CPU time since it was made: a case reports both, because on a shared machine
    wall time rises with the other processes' load and CPU time (this process's own work) far
    less; the targets are judged on wall time, the CPU figure says how much of it was ours."""

    def __init__(self) -> None:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()

    def wall(self) -> float:
        """Seconds of wall time since the clock was made."""
        return time.perf_counter() - self.wall0

    def cpu(self) -> float:
        """Seconds of this process's CPU time (all threads) since the clock was made."""
        return time.process_time() - self.cpu0


def _fresh_pairs_ms(a: str, b: str, n: int = 40) -> float:
    """Mean ms of ``compare.compare`` on ``n`` copies of a pair whose every sentence is new to
    the process (a made-up word before each full stop), in a process already warm: what a pair
    of texts it has not seen costs, which the per-text caches of repeated calls do not help."""
    import compare

    pairs = []
    for k in range(n):
        word = f" Zq{k}x."
        pairs.append(
            tuple(
                compare.Document.from_text(text.replace(". ", word + " "), label=side, id=side)
                for side, text in (("a", a), ("b", b))
            )
        )
    t0 = time.perf_counter()
    for x, y in pairs:
        compare.compare(x, y)
    return (time.perf_counter() - t0) / n * 1000


def case_readouts(runs: int) -> dict[str, Any]:
    """Median ms of compare.compare on the readouts pair; CollateX on the same texts if present."""
    import compare

    ref, other = compare.load(REF), compare.load(OTHER)
    for _ in range(5):
        compare.compare(ref, other)
    fresh = _fresh_pairs_ms(ref.text, other.text)
    times, cpu = [], []
    for _ in range(runs):
        clock = Clock()
        compare.compare(ref, other)
        times.append(clock.wall())
        cpu.append(clock.cpu())
    out: dict[str, Any] = {
        "value": statistics.median(times) * 1000,
        "cpu": statistics.median(cpu) * 1000,
        "unit": "ms",
        "fresh_ms": fresh,
    }
    try:
        from collatex import Collation, collate  # type: ignore[import-not-found]
    except ImportError:
        out["baseline_note"] = "CollateX not installed (pip install collatex python-Levenshtein)"
        return out
    cx = []
    for _ in range(max(3, runs // 10)):
        col = Collation()
        col.add_plain_witness("A", ref.text)
        col.add_plain_witness("B", other.text)
        t0 = time.perf_counter()
        collate(col, output="json")
        cx.append(time.perf_counter() - t0)
    out["baseline"] = statistics.median(cx) * 1000
    out["baseline_name"] = "CollateX collate(output='json'), same texts"
    return out


def case_pair4120(_: int) -> dict[str, Any]:
    """Seconds of the first compare.compare on the 4,120 pair, and the process's peak RSS."""
    import compare

    a, b = pair_4120()
    ref = compare.Document.from_text(a, label="ref", id="ref")
    other = compare.Document.from_text(b, label="other", id="other")
    gc.collect()
    before = maxrss_mb()
    clock = Clock()
    t0 = clock.wall0
    # what the first call would import on its way (the pipeline, SciPy's sparse module and
    # its graph routines), timed apart: the figure is the same, its two parts are known. SciPy
    # as the pipeline imports it (compare._sparse); directly for a tree before that (--vs)
    importlib.import_module("compare.pairwise")
    try:
        importlib.import_module("compare._sparse").csgraph()
    except ImportError:
        importlib.import_module("scipy.sparse.csgraph")
    t1 = time.perf_counter()
    result = compare.compare(ref, other)
    seconds = clock.wall()
    return {
        "value": seconds,
        "cpu": clock.cpu(),
        "imports_s": t1 - t0,
        "call_s": seconds - (t1 - t0),
        "unit": "s",
        "rss_mb": maxrss_mb(),
        "rss_growth_mb": maxrss_mb() - before,
        "sentences": [len(ref.sentences), len(other.sentences)],
        "links": len(result.links),
    }


def case_cdist4120(_: int) -> dict[str, Any]:
    """Seconds of rapidfuzz cdist(fuzz.ratio) over the 4,120 pair's two sentence lists."""
    from rapidfuzz import fuzz, process

    import compare

    a, b = pair_4120()
    ref = [s.text for s in compare.Document.from_text(a).sentences]
    other = [s.text for s in compare.Document.from_text(b).sentences]
    clock = Clock()
    process.cdist(ref, other, scorer=fuzz.ratio, workers=1)
    return {"value": clock.wall(), "cpu": clock.cpu(), "unit": "s", "rss_mb": maxrss_mb()}


def case_large(_: int) -> dict[str, Any]:
    """Seconds of compare on 21,400 x 17 plus every format."""
    from bench_views import large_text

    import compare

    big = compare.Document.from_text(large_text(21_400), label="Large", id="large")
    cgtn = compare.load(REF)
    clock = Clock()
    t0 = clock.wall0
    result = compare.compare(big, cgtn, options=_unlimited())
    t1 = time.perf_counter()
    for render in (
        result.to_text,
        lambda: result.to_text(color=True),
        result.to_markdown,
        result.to_html,
        result.to_json,
        result.to_csv,
    ):
        render()
    t2 = time.perf_counter()
    return {
        "value": t2 - t0,
        "cpu": clock.cpu(),
        "unit": "s",
        "compare_s": t1 - t0,
        "formats_s": t2 - t1,
    }


def case_collate20(_: int) -> dict[str, Any]:
    """Seconds of collating 20 synthetic accounts x 100 sentences."""
    from bench_collate import accounts

    import compare

    docs, _truth = accounts(20, 100)
    clock = Clock()
    c = compare.collate(docs)
    return {"value": clock.wall(), "cpu": clock.cpu(), "unit": "s", "claims": len(c.claims)}


def case_basil(_: int, data: Path = DEFAULT_BASIL) -> dict[str, Any]:
    """Seconds of collating each BASIL event, summed."""
    from basil import DataMissing, build_document, read_events

    import compare

    try:
        events = read_events(data)
    except DataMissing as exc:
        return {"skipped": str(exc)}
    docs = [[build_document(d)[0] for d in ev["docs"]] for ev in events]
    clock = Clock()
    for event_docs in docs:
        compare.collate(event_docs)
    return {"value": clock.wall(), "cpu": clock.cpu(), "unit": "s", "events": len(docs)}


def case_machine(_: int) -> dict[str, Any]:
    """Milliseconds of a fixed pure-Python workload: the machine's speed in this run, no compare.

    The same work every run (split, count and sort the readouts' words, 30 times over), so
    figures taken hours apart can be read against it: when this rises, the machine is slower.
    """
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt")))
    word = re.compile(r"\w+")
    times = []
    for _ in range(7):
        t0 = time.process_time()
        for _ in range(30):
            counts: dict[str, int] = {}
            for w in word.findall(text.lower()):
                counts[w] = counts.get(w, 0) + 1
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        times.append(time.process_time() - t0)
    return {"value": statistics.median(times) * 1000, "unit": "ms"}


def case_scaling(n: int) -> dict[str, Any]:
    """Seconds of the first compare.compare on bench_compare's synthetic pair of n, peak RSS."""
    from bench_compare import synthetic_pair

    import compare

    a, b, _truth = synthetic_pair(n)
    ref = compare.Document.from_text("\n".join(a), label="ref", id="ref")
    other = compare.Document.from_text("\n".join(b), label="other", id="other")
    t0 = time.perf_counter()
    result = compare.compare(ref, other, options=_unlimited())
    return {
        "n": n,
        "value": time.perf_counter() - t0,
        "unit": "s",
        "rss_mb": maxrss_mb(),
        "links": len(result.links),
    }


CASES: dict[str, Callable[[int], dict[str, Any]]] = {
    "readouts": case_readouts,
    "pair4120": case_pair4120,
    "cdist4120": case_cdist4120,
    "large": case_large,
    "collate20": case_collate20,
    "basil": case_basil,
    "scaling": case_scaling,
    "machine": case_machine,
}


def _env(src: Path | None) -> dict[str, str]:
    """The environment of a child importing ``compare`` from ``src`` (None: the installed one),
    without ``PYTHONDONTWRITEBYTECODE``: with it set (some shells set it) no ``.pyc`` is ever
    written, and every process compiles compare's source again (~130 ms a CLI run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env if src is None else {**env, "PYTHONPATH": str(src)}


def run_child(
    case: str, arg: int, timeout: float, data: Path, src: Path | None = None
) -> dict[str, Any]:
    """Run one case in a fresh process; its JSON, or a note when it failed or timed out."""
    cmd = [PY, str(Path(__file__).resolve()), "--child", case, "--arg", str(arg)]
    cmd += ["--data", str(data)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_env(src))
    except subprocess.TimeoutExpired:
        return {"skipped": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"skipped": "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]}
    return dict(json.loads(done.stdout))


def median_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of each numeric field over the runs of one case (the first run's other fields)."""
    ok = [r for r in rows if "skipped" not in r]
    if not ok:
        return rows[0]
    out = dict(ok[0])
    for key, value in ok[0].items():
        if isinstance(value, float):
            out[key] = statistics.median(r[key] for r in ok)
    out["runs"] = len(ok)
    if "value" in out:
        out["spread"] = [min(r["value"] for r in ok), max(r["value"] for r in ok)]
    return out


def _children_cpu() -> float:
    """Seconds of CPU (user + system) used so far by this process's waited-for children."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def cli_rounds(runs: int) -> dict[str, Any]:
    """Wall-clock ms of the CLI on the readouts and of importing numpy + rapidfuzz, interleaved;
    the CLI's CPU ms too (user + system of the child, from ``getrusage``)."""
    commands = {
        "cli": [PY, "-m", "compare", str(REF), str(OTHER)],
        "baseline": [PY, "-c", "import numpy, rapidfuzz"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: list[float] = []
    for k in range(runs + 1):
        for name, cmd in commands.items():
            used = _children_cpu()
            t0 = time.perf_counter()
            subprocess.run(
                cmd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
                env=_env(None),
            )
            if k:  # the first round warms the file cache
                times[name].append((time.perf_counter() - t0) * 1000)
                if name == "cli":
                    cpu.append((_children_cpu() - used) * 1000)
    return {
        "value": statistics.median(times["cli"]),
        "cpu": statistics.median(cpu),
        "unit": "ms",
        "spread": [min(times["cli"]), max(times["cli"])],
        "baseline": statistics.median(times["baseline"]),
        "baseline_name": "python -c 'import numpy, rapidfuzz'",
        "runs": runs,
    }


def exponent(rows: list[dict[str, Any]], key: str = "value", n_min: int = 1000) -> float | None:
    """Least-squares slope of log(key) on log(n) over rows with n >= n_min."""
    pts = [(math.log(r["n"]), math.log(r[key])) for r in rows if r["n"] >= n_min and key in r]
    if len(pts) < 2:
        return None
    mx = statistics.fmean(x for x, _ in pts)
    my = statistics.fmean(y for _, y in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    """Every case, each in fresh processes; medians over runs."""
    runs = 1 if args.quick else args.runs
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    report["load_start"] = os.getloadavg()[0]
    heavy = ("pair4120", "cdist4120", "large", "collate20", "basil")
    for case in ("machine", "readouts", *heavy):
        if args.only and case not in args.only:
            continue
        arg = (10 if args.quick else 50) if case == "readouts" else 0
        rows = [run_child(case, arg, args.timeout, args.data) for _ in range(runs)]
        report[case] = median_of(rows)
        print(f"  {case} done", file=sys.stderr, flush=True)
    if not args.only or "cli" in args.only:
        report["cli"] = cli_rounds(5 if args.quick else args.cli_runs)
        print("  cli done", file=sys.stderr, flush=True)
    if not args.only or "scaling" in args.only:
        curve = []
        for size in QUICK_SCALING if args.quick else SCALING:
            row = run_child("scaling", size, args.timeout, args.data)
            row.setdefault("n", size)
            curve.append(row)
            print(f"  scaling N={size} done", file=sys.stderr, flush=True)
            if "skipped" in row:
                break
        report["scaling"] = {
            "rows": curve,
            "time_exponent": exponent(curve),
            "rss_exponent": exponent(curve, "rss_mb"),
        }
    report["load_end"] = os.getloadavg()[0]
    return report


def paired(args: argparse.Namespace) -> dict[str, Any]:
    """This tree against ``args.vs`` (another tree's ``src``), case by case, in turns.

    Each round runs the case once on each tree, one right after the other, and takes the ratio
    of the two: on a shared machine whose speed drifts, the median of these paired ratios holds
    better than two medians taken minutes apart.
    """
    out: dict[str, Any] = {}
    for case in args.only or ("readouts", "pair4120", "large", "collate20", "basil", "cli"):
        arg = 50 if case == "readouts" else 0
        new: list[float] = []
        old: list[float] = []
        for _ in range(args.runs):
            for src, into in ((None, new), (args.vs, old)):
                if case == "cli":
                    cmd = [PY, "-m", "compare", str(REF), str(OTHER)]
                    t0 = time.perf_counter()
                    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=_env(src))
                    into.append((time.perf_counter() - t0) * 1000)
                else:
                    into.append(run_child(case, arg, args.timeout, args.data, src)["value"])
        out[case] = {
            "this": statistics.median(new),
            "vs": statistics.median(old),
            "ratio": statistics.median(a / b for a, b in zip(new, old, strict=True)),
            "runs": args.runs,
        }
        print(f"  {case} done", file=sys.stderr, flush=True)
    return out


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "**missed**"


def print_table(r: dict[str, Any]) -> None:
    """The report as the Markdown tables README shows."""
    print(f"Measured {r['date']}.")
    if "load_start" in r:
        print(
            f"Load average (1 min) {r['load_start']:.2f} at the start, {r['load_end']:.2f} at "
            f"the end, on {os.cpu_count()} cores (this run counts for about 1 of it)."
        )
    print()
    print("| what | measured (median) | target | same-run baseline |")
    print("| --- | --- | --- | --- |")

    def row(label: str, case: str, fmt: str, extra: str = "") -> None:
        got = r.get(case)
        if got is None:
            return
        if "skipped" in got:
            print(f"| {label} | skipped: {got['skipped']} | | |")
            return
        unit, target = TARGETS[case]
        value = got["value"]
        spread = got.get("spread")
        span = f" ({fmt.format(spread[0])}–{fmt.format(spread[1])})" if spread else ""
        if "cpu" in got:
            span += f"; CPU {fmt.format(got['cpu'])} {unit}"
        base = extra
        if "baseline" in got:
            base = f"{got['baseline_name']}: {fmt.format(got['baseline'])} {unit}"
            base += f" ({got['baseline'] / value:.0f}× slower)" if case == "readouts" else ""
        elif "baseline_note" in got:
            base = got["baseline_note"]
        print(
            f"| {label} | {fmt.format(value)} {unit}{span} | ≤ {target:g} {unit}: "
            f"{_verdict(value, target)} | {base} |"
        )

    machine = r.get("machine")
    if machine and "skipped" not in machine:
        print(
            f"| machine yardstick (fixed pure-Python work, CPU; not compare) | "
            f"{machine['value']:.0f} ms | | higher = slower machine |"
        )
    row("readouts pair (17 × 15), in process", "readouts", "{:.2f}")
    ro = r.get("readouts")
    if ro and "fresh_ms" in ro:
        print(
            f"| the same, texts new to the process (every sentence altered) | "
            f"{ro['fresh_ms']:.2f} ms | | (per-text caches miss) |"
        )
    pair, cdist = r.get("pair4120"), r.get("cdist4120")
    if pair and "skipped" not in pair:
        # the yardstick's figures only when its case ran (--only may leave it out)
        timed = cdist is not None and "skipped" not in cdist
        parts = f"imports {pair['imports_s']:.2f} s + call {pair['call_s']:.2f} s"
        yard = f"; cdist(fuzz.ratio): {cdist['value']:.2f} s" if timed else ""
        row("4,120 × 4,120 pair, first call", "pair4120", "{:.2f}", parts + yard)
        rss = pair["rss_mb"]
        target = TARGETS["pair4120_rss"][1]
        cdist_rss = f"cdist peak RSS {cdist['rss_mb']:.0f} MB" if timed else ""
        print(
            f"| 4,120 × 4,120 pair, peak RSS (whole process) | {rss:.0f} MB "
            f"(growth {pair['rss_growth_mb']:.0f} MB) | ≤ {target:g} MB: {_verdict(rss, target)} "
            f"| {cdist_rss} |"
        )
    large = r.get("large")
    extra = (
        f"compare {large['compare_s']:.2f} s + formats {large['formats_s']:.2f} s"
        if large and "skipped" not in large
        else ""
    )
    row("21,400 × 17: compare + every format", "large", "{:.2f}", extra)
    row("20 accounts × 100 sentences collated", "collate20", "{:.2f}")
    row("BASIL, 100 events collated", "basil", "{:.2f}")
    row("whole CLI process on the readouts", "cli", "{:.0f}")
    scaling = r.get("scaling")
    if scaling:
        rows = scaling["rows"]
        print("\n| sentences per side | " + " | ".join(f"{x['n']:,}" for x in rows) + " |")
        print("| --- |" + " --- |" * len(rows))
        print(
            "| seconds | "
            + " | ".join(f"{x['value']:.2f}" if "value" in x else x["skipped"] for x in rows)
            + " |"
        )
        print(
            "| peak RSS (MB) | "
            + " | ".join(f"{x['rss_mb']:.0f}" if "rss_mb" in x else "" for x in rows)
            + " |"
        )
        te, re_ = scaling["time_exponent"], scaling["rss_exponent"]
        if te is not None:
            print(f"\nFitted exponent over N ≥ 1,000: time ∝ N^{te:.2f}, peak RSS ∝ N^{re_:.2f}.")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments; run one child case or every case."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="one run per case, a short curve")
    p.add_argument("--runs", type=int, default=3, help="fresh processes per case (median)")
    p.add_argument("--cli-runs", type=int, default=20, help="CLI rounds (median)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per child process")
    p.add_argument("--only", nargs="*", help="cases to run", choices=[*CASES, "cli"])
    p.add_argument("--data", type=Path, default=DEFAULT_BASIL, help="BASIL folder")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--vs", type=Path, help="another tree's src/: time both in turns, print paired ratios"
    )
    p.add_argument("--child", choices=list(CASES), help=argparse.SUPPRESS)
    p.add_argument("--arg", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        import compare

        # compare imports its names on first use: the stages are loaded here, before any case
        # times its first call, so that a first call's figure holds no imports (as before).
        assert callable(compare.compare) and callable(compare.collate)
        if args.child == "basil":
            print(json.dumps(case_basil(args.arg, args.data)))
        else:
            print(json.dumps(CASES[args.child](args.arg)))
        return 0
    if args.vs:
        pairs = paired(args)
        print(json.dumps(pairs, indent=2) if args.json else "")
        if not args.json:
            print("| case | this tree | other tree | this / other (median of paired ratios) |")
            print("| --- | --- | --- | --- |")
            for case, v in pairs.items():
                print(f"| {case} | {v['this']:.3g} | {v['vs']:.3g} | {v['ratio']:.2f} |")
        return 0
    report = run_all(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
