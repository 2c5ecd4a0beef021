"""Write every output a refactor must keep, so two trees can be compared byte for byte.

Run from the project root, once before and once after a change, then compare the folders::

    .venv/bin/python benchmarks/snapshot.py /tmp/before        # on the old tree
    .venv/bin/python benchmarks/snapshot.py /tmp/after         # on the new tree
    diff -r /tmp/before /tmp/after && echo byte-identical

What it writes (one file each):
- ``readouts/A__B.json``: ``compare(A, B).to_json()`` for every ordered pair of
  examples/readouts/*.txt, plus the text, Markdown and HTML views of the CGTN-vs-relay pair;
- ``readouts/collation.json`` (and ``.txt``, ``.md``): the collation of all the readouts;
- ``basil/EVENT.json``: the collation of each BASIL event (``--data``, default ../shared/eval/basil;
  skipped with a note when missing: its text never enters the repository);
- ``bench/pair-N.json``: the synthetic pairs of benchmarks/bench_compare.py (N = 50, 200, 1000) and
  ``bench/accounts-K.json``, the synthetic collations of benchmarks/bench_collate.py (K = 3, 5).
A ``MANIFEST`` lists each file with its SHA-256, so two snapshots compare at a glance.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
from pathlib import Path

import compare

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil import build_document, read_events  # benchmarks/ is no package: path above
from bench_collate import accounts
from bench_compare import synthetic_pair

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
DEFAULT_BASIL = REPO.parent / "shared" / "eval" / "basil"


def write(out: Path, name: str, text: str) -> None:
    """Write one output file (UTF-8, parents created)."""
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def readouts(out: Path) -> None:
    """Every ordered readout pair as JSON, one pair in every view, the collation of all."""
    docs = {p.stem: compare.load(p) for p in sorted(READOUTS.glob("*.txt"))}
    for a, b in itertools.permutations(docs, 2):
        write(out, f"readouts/{a}__{b}.json", compare.compare(docs[a], docs[b]).to_json())
    pair = compare.compare(docs["call-cgtn-chinese-readout"], docs["call-syrian-readout-relay"])
    write(out, "readouts/pair.txt", pair.to_text(width=100))
    write(out, "readouts/pair.md", pair.to_markdown())
    write(out, "readouts/pair.html", pair.to_html())
    collation = compare.collate(list(docs.values()))
    write(out, "readouts/collation.json", collation.to_json())
    write(out, "readouts/collation.txt", collation.to_text(width=100))
    write(out, "readouts/collation.md", collation.to_markdown())


def basil(out: Path, folder: Path) -> None:
    """The collation of every BASIL event, or a note that the data is missing."""
    if not (folder / "all.jsonl").is_file():
        print(f"snapshot: no BASIL data at {folder}; skipped (pass --data)")
        return
    for event in read_events(folder):
        docs = [build_document(entry)[0] for entry in event["docs"]]
        write(out, f"basil/{event['event_id']}.json", compare.collate(docs).to_json())


def bench(out: Path) -> None:
    """The synthetic pairs and collations the speed benchmarks time."""
    for n in (50, 200, 1000):
        ref, other, _truth = synthetic_pair(n)
        result = compare.compare(
            compare.Document.from_text("\n".join(ref), id="ref", label="ref"),
            compare.Document.from_text("\n".join(other), id="other", label="other"),
        )
        write(out, f"bench/pair-{n}.json", result.to_json())
    for k in (3, 5):
        docs, _truth = accounts(k)
        write(out, f"bench/accounts-{k}.json", compare.collate(docs).to_json())


def main() -> int:
    """Write the snapshot folder and its manifest."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="folder to write (created)")
    p.add_argument("--data", type=Path, default=DEFAULT_BASIL, help="BASIL folder (all.jsonl)")
    args = p.parse_args()
    readouts(args.out)
    basil(args.out, args.data)
    bench(args.out)
    files = sorted(f for f in args.out.rglob("*") if f.is_file() and f.name != "MANIFEST")
    manifest = "".join(
        f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.relative_to(args.out)}\n" for f in files
    )
    write(args.out, "MANIFEST", manifest)
    print(f"snapshot: {len(files)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
