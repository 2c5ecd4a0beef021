"""What compare's caches keep once the comparisons are gone: RSS and the size of every cache.

Run from the project root (any working directory works)::

    .venv/bin/python benchmarks/bench_cache_memory.py               # 12 pairs of ~300 KB
    .venv/bin/python benchmarks/bench_cache_memory.py --join 20     # long sentences, ~3 KB
    .venv/bin/python benchmarks/bench_cache_memory.py --pairs 3 --kb 40    # a quick look
    .venv/bin/python benchmarks/bench_cache_memory.py --json

Compares ``--pairs`` different pairs of synthetic documents of about ``--kb`` KB each (the
documents of ``bench_compare.py``, built from the readouts' sentences, a different seed for each
pair, and every sentence numbered, so no two pairs share a sentence; ``--join K`` reads K of
them as one long sentence, as in transcripts or run-on paragraphs), one pair at a time: each
pair is built, compared and dropped before the next. Then it collects garbage and prints the
process's RSS (``VmRSS``, and again after ``malloc_trim`` hands freed heap back to the system,
where glibc allows it) and, for every cache of the ``compare`` modules (``functools`` caches,
module-level ``*_CACHE`` tables and the byte-bounded caches of ``compare._cache``): its entries,
the bytes it accounts for (byte-bounded caches only), and the RSS given back when it alone is
cleared.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import compare

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import maxrss_mb  # benchmarks/ is no package: path above
from bench_compare import synthetic_pair

MB = 1024 * 1024


def rss_mb() -> float:
    """The process's current resident set size in MB (Linux ``/proc``; else the peak)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return maxrss_mb()
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return maxrss_mb()


def _trimmer() -> Callable[[], None]:
    """``malloc_trim(0)`` of glibc, or a no-op where there is none."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    trim = getattr(libc, "malloc_trim", None)

    def trimmed() -> None:
        if trim is not None:
            trim(0)

    return trimmed


_trim = _trimmer()


def settled_rss_mb() -> tuple[float, float]:
    """RSS after a full garbage collection, before and after ``malloc_trim``."""
    gc.collect()
    before = rss_mb()
    _trim()
    return before, rss_mb()


def find_caches() -> dict[str, tuple[Any, Callable[[], int], Callable[[], None]]]:
    """Every cache of the loaded ``compare`` modules: name -> (object, entries, clear)."""
    found: dict[str, tuple[Any, Callable[[], int], Callable[[], None]]] = {}
    for mod_name, mod in sorted(sys.modules.items()):
        if mod is None or not (mod_name == "compare" or mod_name.startswith("compare.")):
            continue
        for attr, value in vars(mod).items():
            name = f"{mod_name}.{attr}"
            if isinstance(value, type):
                continue  # a class (BoundedCache itself), not a cache
            if getattr(value, "__module__", None) != mod_name and not attr.endswith("_CACHE"):
                continue  # imported from elsewhere: counted where it is defined
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                found[name] = (value, lambda v=value: v.cache_info().currsize, value.cache_clear)
            elif attr.endswith("_CACHE") and isinstance(value, (dict, list)):
                found[name] = (value, lambda v=value: len(v), value.clear)
    return found


def accounted_bytes(cache: Any) -> int | None:
    """The bytes a byte-bounded cache accounts for (None for other caches)."""
    info = getattr(cache, "cache_info", None)
    nbytes = getattr(info(), "nbytes", None) if info is not None else None
    return nbytes if isinstance(nbytes, int) else None


def document(sentences: list[str], pair: int, join: int, doc_id: str) -> compare.Document:
    """One document of a pair: every sentence numbered, ``join`` sentences read as one."""
    # the numbers keep pairs apart even where the synthetic sentences repeat
    numbered = [f"{s[:-1]} (item {pair}.{i})" for i, s in enumerate(sentences)]
    joined = [", ".join(numbered[k : k + join]) + "." for k in range(0, len(numbered), join)]
    return compare.Document.from_text("\n".join(joined), id=doc_id)


def run(pairs: int, kb: int, join: int) -> dict[str, Any]:
    """Compare ``pairs`` distinct pairs of ~``kb`` KB, drop them, measure what stays."""
    probe, _, _ = synthetic_pair(100, seed=0)
    n = max(10, round(kb * 1024 / (sum(len(s) + 14 for s in probe) / len(probe))))
    start_rss = settled_rss_mb()
    seconds = []
    sizes = []
    for k in range(pairs):
        ref_s, other_s, _ = synthetic_pair(n, seed=1000 + k)
        ref = document(ref_s, k, join, f"ref{k}")
        other = document(other_s, k, join, f"other{k}")
        sizes.append((len(ref.text) + len(other.text)) / 2 / 1024)
        t0 = time.perf_counter()
        result = compare.compare(ref, other)
        seconds.append(time.perf_counter() - t0)
        del result, ref, other, ref_s, other_s
        done = f"  pair {k + 1}/{pairs}: {seconds[-1]:.1f} s, RSS {rss_mb():.0f} MB"
        print(done, file=sys.stderr)
    after, after_trim = settled_rss_mb()
    caches = []
    for name, (cache, entries, clear) in find_caches().items():
        count, nbytes = entries(), accounted_bytes(cache)
        clear()
        _, rss = settled_rss_mb()
        accounted = None if nbytes is None else nbytes / MB
        caches.append({"cache": name, "entries": count, "accounted_mb": accounted, "rss_mb": rss})
    released = after_trim
    for row in caches:
        row["released_mb"], released = released - row["rss_mb"], row["rss_mb"]
    return {
        "python": sys.version.split()[0],
        "pairs": pairs,
        "sentences_per_document": -(-n // join),
        "joined": join,
        "kb_per_document": sum(sizes) / len(sizes),
        "seconds_per_pair": sorted(seconds)[len(seconds) // 2],
        "rss_start_mb": start_rss[1],
        "rss_after_drop_mb": after,
        "rss_after_drop_trimmed_mb": after_trim,
        "rss_caches_cleared_mb": released,
        "peak_rss_mb": maxrss_mb(),
        "caches": caches,
    }


def _print_text(r: dict[str, Any]) -> None:
    print(
        f"{r['pairs']} pairs of ~{r['kb_per_document']:.0f} KB ({r['sentences_per_document']} "
        f"sentences a document, {r['joined']} synthetic sentences in each), median "
        f"{r['seconds_per_pair']:.1f} s a pair, Python {r['python']}"
    )
    print(f"RSS at start                         {r['rss_start_mb']:8.1f} MB")
    print(f"RSS after dropping the results       {r['rss_after_drop_mb']:8.1f} MB")
    print(f"  the same after malloc_trim         {r['rss_after_drop_trimmed_mb']:8.1f} MB")
    print(f"  the same with every cache cleared  {r['rss_caches_cleared_mb']:8.1f} MB")
    print(f"peak RSS                             {r['peak_rss_mb']:8.1f} MB")
    print()
    print(f"{'cache':48} {'entries':>8} {'accounted MB':>13} {'released MB':>12}")
    for row in r["caches"]:
        acc = "-" if row["accounted_mb"] is None else f"{row['accounted_mb']:.2f}"
        print(f"{row['cache']:48} {row['entries']:>8} {acc:>13} {row['released_mb']:12.1f}")
    print(
        "  released MB: RSS given back (after gc and malloc_trim) when that cache alone is\n"
        "  cleared, caches cleared one after the other in this order; accounted MB: the\n"
        "  approximate bytes a byte-bounded cache counts against its budget."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=12, help="pairs to compare (default 12)")
    parser.add_argument("--kb", type=int, default=300, help="KB per document (default 300)")
    parser.add_argument(
        "--join", type=int, default=1,
        help="synthetic sentences joined into one long sentence (default 1: news-like)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    report = run(args.pairs, args.kb, max(1, args.join))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
