"""Measure what the semantic scorer costs: model load, sentences per second, a large pair.

Run from the project root, with the semantic extra installed and ../shared next to it::

    .venv/bin/python benchmarks/bench_semantic.py [--data ../shared/eval/mrpc] [--rounds 3]

Every figure is the median of ``--rounds`` runs, each in a fresh process (so the model, the
embedding cache and the other caches start empty):

- **load**: ``import compare.semantic`` and loading the model (embedding one word).
- **sentences/s**: embedding 2,000 MRPC sentences (real news, read at run time from
  ``../shared/eval/mrpc/train.jsonl``; never copied into the project) in one batch, model
  already loaded.
- **pair**: ``compare.compare`` of N MRPC first sides against N second sides, shuffled, with
  ``Options(scorer=SemanticScorer())``, model already loaded: embedding both documents, lexical
  and fused scores (sparse above 250,000 pairs), alignment, diffs and findings. N = 1,000
  (2,000 sentences in all) and 2,000 (4,000), and the lexical scorer on the same pair.
- **collate**: ``compare.collate`` of K synthetic accounts of 100 sentences
  (``bench_collate.accounts``, K = 5 and 20) with either scorer: seconds, and the precision and
  recall of sentence pairs put in one claim against the generator's truth.

The encoder runs on one BLAS thread (``compare.semantic.ENCODER_THREADS``). ``--json`` prints
the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "mrpc"
PROG = "bench_semantic"

CHILD = """
import json, random, sys, time
t0 = time.perf_counter()
import compare
from compare import semantic
semantic._model().encode(["warm"])
load = time.perf_counter() - t0
what, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
out = {"load": load}
if what.startswith("collate"):
    sys.path.insert(0, "benchmarks")
    from bench_collate import accounts, quality
    docs, truth = accounts(n)
    scorer = semantic.SemanticScorer() if what == "collate-semantic" else None
    t = time.perf_counter()
    result = compare.collate(docs, options=compare.Options(scorer=scorer))
    out["seconds"] = time.perf_counter() - t
    out["sentences"] = sum(len(d.sentences) for d in docs)
    out["links"] = quality(result, truth)
elif what == "encode":
    texts = [r["a"] for r in records] + [r["b"] for r in records]
    texts = list(dict.fromkeys(texts))[:n]
    t = time.perf_counter()
    semantic.embed(texts)
    out["seconds"] = time.perf_counter() - t
    out["sentences"] = len(texts)
else:
    a = list(dict.fromkeys(r["a"] for r in records))[:n]
    b = list(dict.fromkeys(r["b"] for r in records))[:n]
    random.Random(7).shuffle(b)
    ref = compare.Document.from_text("\\n\\n".join(a), label="A")
    other = compare.Document.from_text("\\n\\n".join(b), label="B")
    scorer = semantic.SemanticScorer() if what == "semantic" else None
    options = compare.Options(scorer=scorer, max_pairs=10**9)
    t = time.perf_counter()
    result = compare.compare(ref, other, options=options)
    out["seconds"] = time.perf_counter() - t
    out["sentences"] = [len(ref.sentences), len(other.sentences)]
    out["links"] = len(result.links)
print(json.dumps(out))
"""


def run(what: str, n: int, data: Path) -> dict[str, Any]:
    """One measurement in a fresh process."""
    path = data / "train.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, what, str(n), str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurements; return the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="+", metavar="CASE", help="run only these cases")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "train.jsonl").is_file():
        print(
            f"{PROG}: error: MRPC data not found in {args.data} (pass --data DIR)", file=sys.stderr
        )
        return 2
    cases = [("encode", 2000), ("semantic", 1000), ("lexical", 1000), ("semantic", 2000),
             ("lexical", 2000), ("collate-semantic", 5), ("collate-lexical", 5),
             ("collate-semantic", 20), ("collate-lexical", 20)]  # fmt: skip
    if args.only:
        cases = [c for c in cases if c[0] in args.only]
    report: dict[str, Any] = {"rounds": args.rounds, "cases": []}
    loads: list[float] = []
    for what, n in cases:
        runs = [run(what, n, args.data) for _ in range(args.rounds)]
        loads += [r["load"] for r in runs]
        seconds = statistics.median(r["seconds"] for r in runs)
        row: dict[str, Any] = {"case": what, "n": n, "seconds": round(seconds, 3),
                               "all": [round(r["seconds"], 3) for r in runs]}  # fmt: skip
        if what == "encode":
            row["sentences_per_second"] = round(runs[0]["sentences"] / seconds, 1)
        else:
            row["sentences"] = runs[0]["sentences"]
            row["links"] = runs[0]["links"]
        report["cases"].append(row)
        if not args.json:
            print(json.dumps(row), flush=True)
    report["load_seconds"] = round(statistics.median(loads), 3)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"model load (import + first encode), median of {len(loads)}: "
              f"{report['load_seconds']} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
