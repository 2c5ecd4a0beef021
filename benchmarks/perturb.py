"""Controlled edits with known answers: recall and false findings of the typed findings.

Every sentence of examples/readouts is edited by each rule of benchmarks/_edits.py that applies
(swap a name for one of the same kind, change a speaker, change a number, negate, use the opposite
word, hedge, intensify, alter a quote, turn direct speech into reported speech or back). The
document is compared with itself with that one sentence edited, and the findings on the edited
sentence are checked against the rule's answer:

- **recall** per type: the share of edits whose expected type is among the findings;
- **false typed findings** per edited sentence: typed findings of any other type (``number``,
  ``entity``, ``quote``, ``attribution``, ``hedge``, ``polarity``, ``intensity``);
- **findings per edit**: every finding on the edited sentence (one change should give one);
- **self**: findings of each readout compared with itself (must be 0).

Sentences are split into a tune half and a held-out half by a hash of their text, so the split
does not move when a rule or the library changes; tune on ``tune``, report ``held-out``::

    .venv/bin/python benchmarks/perturb.py              # table for both halves
    .venv/bin/python benchmarks/perturb.py --json       # the same figures as JSON
    .venv/bin/python benchmarks/perturb.py --misses tune   # list the edits a half gets wrong
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import compare

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _edits import Edit, edits  # benchmarks/ is no package: path above

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
TYPED = ("number", "entity", "quote", "attribution", "hedge", "polarity", "intensity")
HALVES = ("tune", "held-out")


def half(sentence: str) -> str:
    """The half a sentence belongs to, from a hash of its text."""
    return HALVES[hashlib.sha1(sentence.strip().encode("utf-8")).digest()[0] % 2]


def run_edit(doc: compare.Document, index: int, edit: Edit) -> list[compare.Finding]:
    """Findings on sentence ``index`` when a document is compared with itself so edited."""
    s = doc.sentences[index]
    text = doc.text[: s.start] + edit.text + doc.text[s.end :]
    edited = compare.Document.from_text(text, label="edited", id="edited")
    result = compare.compare(doc, edited)
    return [f for f in result.findings if index in f.ref]


def measure(folder: Path) -> dict[str, Any]:
    """Run every edit of every readout sentence; return figures per half and the misses."""
    counts: dict[str, dict[str, Counter[str]]] = {h: defaultdict(Counter) for h in HALVES}
    misses: dict[str, list[dict[str, Any]]] = {h: [] for h in HALVES}
    self_findings = 0
    for path in sorted(folder.glob("*.txt")):
        doc = compare.Document.from_text(path.read_text(encoding="utf-8"), label=path.stem)
        self_findings += len(compare.compare(doc, doc).findings)
        for i, sentence in enumerate(doc.sentences):
            h = half(sentence.text)
            for edit in edits(sentence.text, doc.text):
                found = run_edit(doc, i, edit)
                types = [f.type for f in found]
                answers = edit.also | {edit.expected}
                false = [f for f in found if f.type in TYPED and f.type not in answers]
                c = counts[h][edit.expected]
                c["edits"] += 1
                c["hits"] += bool(answers & set(types))
                c["false"] += len(false)
                c["findings"] += len(found)
                c["reworded"] += "reworded" in types
                if not answers & set(types) or false:
                    misses[h].append(
                        {
                            "doc": path.stem,
                            "sentence": i,
                            "rule": edit.rule,
                            "expected": edit.expected,
                            "change": edit.note,
                            "found": [f"{f.type}: {f.detail}" for f in found],
                        }
                    )
    figures: dict[str, Any] = {"self_findings": self_findings}
    for h in HALVES:
        per_type = {}
        total: Counter[str] = Counter()
        for kind in TYPED:
            c = counts[h][kind]
            total.update(c)
            if c["edits"]:
                per_type[kind] = {
                    "edits": c["edits"],
                    "recall": round(c["hits"] / c["edits"], 3),
                    "false_per_edit": round(c["false"] / c["edits"], 3),
                    "findings_per_edit": round(c["findings"] / c["edits"], 2),
                }
        n = total["edits"] or 1
        figures[h] = {
            "edits": total["edits"],
            "per_type": per_type,
            "false_per_edit": round(total["false"] / n, 3),
            "findings_per_edit": round(total["findings"] / n, 2),
            "with_reworded": round(total["reworded"] / n, 3),
        }
    figures["misses"] = misses
    return figures


def table(figures: dict[str, Any]) -> str:
    """The figures as a plain-text table, one block per half."""
    lines = [f"self-compare findings (all readouts): {figures['self_findings']}"]
    for h in HALVES:
        f = figures[h]
        lines.append(
            f"\n{h}: {f['edits']} edits, false typed findings per edit {f['false_per_edit']}, "
            f"findings per edit {f['findings_per_edit']}, with a reworded {f['with_reworded']}"
        )
        lines.append(
            f"  {'type':<12} {'edits':>5} {'recall':>7} {'false/edit':>10} {'finds/edit':>10}"
        )
        for kind, row in f["per_type"].items():
            lines.append(
                f"  {kind:<12} {row['edits']:>5} {row['recall']:>7.3f} "
                f"{row['false_per_edit']:>10.3f} {row['findings_per_edit']:>10.2f}"
            )
    return "\n".join(lines)


def main() -> int:
    """Print the figures (``--json`` for JSON; ``--misses HALF`` lists a half's failures)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--misses", choices=HALVES, help="also list the failed edits of this half")
    p.add_argument("--folder", type=Path, default=READOUTS, help="folder of .txt documents")
    args = p.parse_args()
    figures = measure(args.folder)
    shown = {k: v for k, v in figures.items() if k != "misses"}
    if args.misses:
        shown["misses"] = figures["misses"][args.misses]
    if args.json:
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return 0
    print(table(figures))
    if args.misses:
        for m in figures["misses"][args.misses]:
            print(f"\n{m['doc']}#{m['sentence']} {m['rule']} ({m['expected']}): {m['change']}")
            for found in m["found"] or ["(nothing)"]:
                print(f"    {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
