"""Measure compare's word alignment and typing on interpretable STS (SemEval-2016 Task 2).

Reproduce the figures (from the project root, with ../shared next to it)::

    .venv/bin/python benchmarks/ists.py

For every sentence pair of the test split (``--split train`` to tune), the gold chunks of both
sentences go through :func:`_relate.align_chunks` (benchmarks/_relate.py), which aligns them
and types each pair in compare's words; the types map to the task's labels (same = EQUI,
reworded = SIMI, dropped_detail = SPE1, added_detail = SPE2, polarity = OPPO, related = REL,
unaligned = NOALI), and the alignments are written in the official ``.wa`` format to ``--out``
(default ``out/ists/``, one file per domain). Each file is then scored against the gold ``.wa``
file with our own implementation of the official measure (``benchmarks/_ists.py``): F1 Ali, F1 Type,
F1 Score and F1 Typ+Sco per domain (headlines, images, answers-students). A simple lexical
chunk matcher (chunks sharing a word, all EQUI 5) is scored the same way as a baseline.

The data is read at run time from ``--data DIR`` (default ``../shared/eval/ists2016``:
``{train,test}.jsonl`` and the official files under ``raw/``); none of it is copied into the
project. ``--json`` prints the figures as JSON. Exit 2 when the data is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ists import MEASURES, Alignment, Pair, Scores, chunk_spans, read_wa, score, write_wa

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "ists2016"
DEFAULT_OUT = REPO / "out" / "ists"
PROG = "ists"
DOMAINS = ("headlines", "images", "answers-students")
LABELS = {
    "same": "EQUI",
    "reworded": "SIMI",
    "dropped_detail": "SPE1",
    "added_detail": "SPE2",
    "polarity": "OPPO",
    "related": "REL",
}
"""compare's relation kinds (``_relate.Kind``) as interpretable-STS types."""
TARGETS = {"headlines": {"ali": 0.90, "typesco": 0.60}, "images": {"typesco": 0.55}}
"""The targets of the issue: type+score F1 on headlines and images, alignment F1 on headlines."""

Record = dict[str, Any]


def _import_compare() -> Any:
    """Import the chunk aligner (benchmarks/_relate.py), with compare from the source tree when
    it is not installed."""
    try:
        import compare  # noqa: F401 - only checks that compare imports
    except ImportError:
        sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _relate

    return _relate


def gold_path(data: Path, split: str, domain: str) -> Path:
    """The official gold ``.wa`` file of one domain of a split."""
    if split == "test":
        return data / "raw" / "test" / "test_goldStandard" / f"STSint.testinput.{domain}.wa"
    found = sorted((data / "raw" / "train").glob(f"*/STSint.input.{domain}.wa"))
    if not found:
        raise FileNotFoundError(data / "raw" / "train" / f"*/STSint.input.{domain}.wa")
    return found[0]


def read_split(data: Path, split: str) -> list[Record]:
    """Read the pairs of one split; raise ``ValueError`` on a record lacking a field."""
    path = data / f"{split}.jsonl"
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            for key in ("sid", "domain", "a_tokens", "b_tokens", "a_chunks", "b_chunks"):
                if key not in record:
                    raise ValueError(f"{path}:{number}: record lacks {key!r}")
            records.append(record)
    return records


def _noali(pair: Pair, spans_a: list[tuple[int, ...]], spans_b: list[tuple[int, ...]]) -> None:
    """Add a NOALI line for every chunk no alignment uses (unscored, but well-formed output)."""
    used_a = {i for al in pair.alignments for i in al.a}
    used_b = {j for al in pair.alignments for j in al.b}
    for span in spans_a:
        if not used_a & set(span):
            pair.alignments.append(Alignment(span, (), ("NOALI",), None))
    for span in spans_b:
        if not used_b & set(span):
            pair.alignments.append(Alignment((), span, ("NOALI",), None))


def system_pair(record: Record, relate: Any) -> Pair:
    """Align and type one pair's gold chunks with compare."""
    a_tokens, b_tokens = record["a_tokens"], record["b_tokens"]
    spans_a = chunk_spans(record["a_chunks"], a_tokens)
    spans_b = chunk_spans(record["b_chunks"], b_tokens)
    chunks_a = [[a_tokens[n - 1] for n in span] for span in spans_a]
    chunks_b = [[b_tokens[n - 1] for n in span] for span in spans_b]
    pair = Pair(str(record["sid"]), list(a_tokens), list(b_tokens))
    for link in relate.align_chunks(chunks_a, chunks_b):
        a = tuple(n for i in link.a for n in spans_a[i])
        b = tuple(n for j in link.b for n in spans_b[j])
        pair.alignments.append(Alignment(a, b, (LABELS[link.kind],), float(round(link.score))))
    _noali(pair, spans_a, spans_b)
    return pair


def baseline_pair(record: Record) -> Pair:
    """The simple lexical chunk matcher: chunks sharing a lower-cased word, best first, EQUI 5."""
    a_tokens, b_tokens = record["a_tokens"], record["b_tokens"]
    spans_a = chunk_spans(record["a_chunks"], a_tokens)
    spans_b = chunk_spans(record["b_chunks"], b_tokens)

    def words(span: tuple[int, ...], tokens: list[str]) -> set[str]:
        return {tokens[n - 1].lower() for n in span if any(ch.isalnum() for ch in tokens[n - 1])}

    candidates = []
    for i, sa in enumerate(spans_a):
        for j, sb in enumerate(spans_b):
            wa, wb = words(sa, a_tokens), words(sb, b_tokens)
            if wa & wb:
                candidates.append((len(wa & wb) / len(wa | wb), i, j))
    pair = Pair(str(record["sid"]), list(a_tokens), list(b_tokens))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pair.alignments.append(Alignment(spans_a[i], spans_b[j], ("EQUI",), 5.0))
    _noali(pair, spans_a, spans_b)
    return pair


def _figures(s: Scores) -> dict[str, dict[str, float]]:
    return {
        m: {
            "precision": round(s.precision[m], 4),
            "recall": round(s.recall[m], 4),
            "f1": round(s.f1[m], 4),
        }
        for m in MEASURES
    }


def evaluate(data: Path, split: str, out: Path | None) -> dict[str, Any]:
    """Run compare and the baseline on every domain of a split; return the figures."""
    relate = _import_compare()
    records = read_split(data, split)
    report: dict[str, Any] = {"split": split, "domains": {}}
    for domain in DOMAINS:
        mine = [r for r in records if r["domain"] == domain]
        gold = read_wa(gold_path(data, split, domain))
        system = {str(r["sid"]): system_pair(r, relate) for r in mine}
        base = {str(r["sid"]): baseline_pair(r) for r in mine}
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{split}.{domain}.wa").write_text(write_wa(system.values()), encoding="utf-8")
            (out / f"{split}.{domain}.baseline.wa").write_text(
                write_wa(base.values()), encoding="utf-8"
            )
        report["domains"][domain] = {
            "pairs": len(mine),
            "compare": _figures(score(gold, system)),
            "compare_strict_typesco": round(score(gold, system, exemptions=False).f1["typesco"], 4),
            "baseline": _figures(score(gold, base)),
        }
    return report


def _print(report: dict[str, Any]) -> None:
    names = {"ali": "F1 Ali", "type": "F1 Type", "score": "F1 Score", "typesco": "F1 Typ+Sco"}
    print(f"interpretable STS 2016, {report['split']} split, gold chunks")
    print()
    print("| domain | system | " + " | ".join(names[m] for m in MEASURES) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in MEASURES) + " |")
    for domain, d in report["domains"].items():
        for system in ("compare", "baseline"):
            cells = " | ".join(f"{d[system][m]['f1']:.3f}" for m in MEASURES)
            print(f"| {domain} ({d['pairs']}) | {system} | {cells} |")
    print()
    for domain, d in report["domains"].items():
        for m, target in TARGETS.get(domain, {}).items():
            got = d["compare"][m]["f1"]
            verdict = "met" if got >= target else "missed"
            print(f"target {domain} {names[m]} >= {target:.2f}: {got:.3f} {verdict}")
    print()
    domains = report["domains"].items()
    strict = ", ".join(f"{k} {d['compare_strict_typesco']:.3f}" for k, d in domains)
    print(f"F1 Typ+Sco without the measure's two no-penalty cases (plain Jaccard): {strict}")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, evaluate, print; return the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"the ists2016 folder ({DEFAULT_DATA})"
    )
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"where .wa files go ({DEFAULT_OUT})"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    jsonl = args.data / f"{args.split}.jsonl"
    if not jsonl.is_file() or not (args.data / "raw").is_dir():
        print(
            f"{PROG}: error: no iSTS data at {args.data} (expected {args.split}.jsonl and raw/; "
            "see ../shared/eval/README.md, or pass --data DIR)",
            file=sys.stderr,
        )
        return 2
    try:
        report = evaluate(args.data, args.split, args.out)
    except (OSError, ValueError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
