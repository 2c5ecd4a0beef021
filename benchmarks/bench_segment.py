"""Time sentence splitting on ~1 MB of news text (the readouts corpus, repeated).

Run from the repository root: ``.venv/bin/python benchmarks/bench_segment.py``. Prints the median
of 5 runs of :func:`compare.segment.segment` (and of :func:`compare.segment.sentence_spans`, which
skips building Sentence objects) in sentences per second.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sized
from pathlib import Path

from compare.segment import segment, sentence_spans

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"
TARGET_BYTES = 1_000_000
RUNS = 5


def build_text() -> str:
    """Repeat the corpus files until the text holds about TARGET_BYTES bytes of UTF-8."""
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt")))
    block = corpus + "\n\n"
    copies = max(1, round(TARGET_BYTES / len(block.encode("utf-8"))))
    return block * copies


def median_seconds(function: Callable[[str], Sized], text: str) -> tuple[float, int]:
    """Return the median wall time of RUNS calls and the number of sentences found."""
    times = []
    count = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        count = len(function(text))
        times.append(time.perf_counter() - started)
    return statistics.median(times), count


def main() -> None:
    """Build the text, time the splitter, print the figures."""
    text = build_text()
    size = len(text.encode("utf-8"))
    print(f"text: {size:,} bytes, {len(text):,} characters")
    for name, function in (("segment", segment), ("sentence_spans", sentence_spans)):
        seconds, count = median_seconds(function, text)
        print(
            f"{name:>15}: {count:,} sentences in {seconds * 1000:.1f} ms (median of {RUNS}) "
            f"= {count / seconds:,.0f} sentences/s, {size / seconds / 1e6:.1f} MB/s"
        )


if __name__ == "__main__":
    main()
