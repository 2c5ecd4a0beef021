"""Chinese word keys: character bigrams (what compare uses) against jieba's words.

Run ``python benchmarks/eval_zh_segmentation.py`` (jieba needed: ``pip install jieba``); each
mode runs in a fresh process, since the pipeline caches keys and diffs by text. For the invented
accounts of examples/languages/ (zh-bridge A and B) and for controlled edits of A (each sentence
edited one way: a number, a name, a dropped clause, an added clause; then all of them in reverse
order), it prints per mode:

- links right / expected: 1:1 links to the sentence each was edited from;
- margin: mean of (score of the right pair - best score of a wrong pair) per sentence;
- diff excess: characters a link's word diff marks as changed beyond those the edit changed
  (0 = the diff shows exactly the edit).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "languages"

EDITS: tuple[tuple[str, str], ...] = (
    ("十一月五日", "十一月八日"),
    ("王明", "赵刚"),
    ("三千二百米", "两千八百米"),
    ("五百名", "九百名"),
    ("每天", "每天最多"),
    ("没有", "从未"),
    ("纷纷表示欢迎", "表示欢迎"),
    ("一位出租车司机", "一名司机"),
    ("在下游", "在上游"),
)


def _edited(text: str) -> tuple[str, dict[int, int], dict[int, int]]:
    """Account A with every sentence edited once (first edit that applies), in reverse order;
    also where each sentence of A went, and how many characters its edit changed."""
    lines = text.splitlines()
    out = []
    for line in lines:
        changed = 0
        for old, new in EDITS:
            if old in line:
                line = line.replace(old, new, 1)
                changed = max(len(old), len(new)) - len(_common(old, new))
                break
        out.append((line, changed))
    n = len(out)
    out.reverse()
    where = {n - 1 - k: k for k in range(n)}
    changed = {n - 1 - k: c for k, (_, c) in enumerate(out)}
    return "\n".join(t for t, _ in out) + "\n", where, changed


def _common(a: str, b: str) -> str:
    """Longest common prefix plus suffix of two strings (what an ideal diff keeps)."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return a[:p] + (a[len(a) - s :] if s else "")


def _run(mode: str) -> dict[str, object]:
    """One mode's figures, measured in this process."""
    import numpy as np

    import compare
    import compare.diff
    import compare.similarity
    from compare.tokens import word_keys

    if mode == "jieba":
        import jieba

        jieba.setLogLevel(60)

        def keys(text: str) -> list[str]:
            out = []
            for word in jieba.lcut(text):
                out += word_keys(word) if len(word) == 1 or not word.strip() else [word]
            return [k for k in out if k.strip()]

        def tokenize(text: str) -> list[str]:
            return [w for w in jieba.lcut(text) if w]

        compare.similarity.word_keys = keys  # type: ignore[assignment]
        compare.diff.tokenize = tokenize  # type: ignore[assignment]

    from compare.pairwise import alignment_scores
    from compare.similarity import features, idf_table

    a_text = (EXAMPLES / "zh-bridge-a.txt").read_text(encoding="utf-8")
    b_text = (EXAMPLES / "zh-bridge-b.txt").read_text(encoding="utf-8")
    c_text, where, changed_by = _edited(a_text)
    opts = compare.Options(language="zh")
    figures: dict[str, object] = {}
    for name, other, gold in (
        ("examples A/B", b_text, {**{i: i for i in range(7)}, 8: 7, 9: 9}),
        ("controlled edits", c_text, where),
    ):
        a, b = compare.Document.from_text(a_text), compare.Document.from_text(other)
        result = compare.compare(a, b, options=opts)
        links = {link.ref: link.other for link in result.links}
        right = sum(1 for i, j in gold.items() if links.get((i,)) == (j,))
        fa = features(s.text for s in a.sentences)
        fb = features(s.text for s in b.sentences)
        scores = np.asarray(alignment_scores(fa, fb, idf_table([f.keys for f in fa + fb]), opts))
        margins = [
            scores[i, j] - max(scores[i, k] for k in range(scores.shape[1]) if k != j)
            for i, j in gold.items()
        ]
        excess = 0
        if name == "controlled edits":
            for link in result.links:
                if len(link.ref) == 1 and link.ref[0] in changed_by:
                    marked = sum(len(op.text) for op in link.diff if op.op == "insert")
                    excess += max(0, marked - changed_by[link.ref[0]])
        figures[name] = {
            "links right": f"{right}/{len(gold)}",
            "margin": round(float(np.mean(margins)), 3),
            "diff excess": excess,
        }
    return figures


def main() -> None:
    """Run each mode in its own process and print the figures side by side."""
    if len(sys.argv) > 1:
        print(json.dumps(_run(sys.argv[1]), ensure_ascii=False))
        return
    for mode in ("bigrams", "jieba"):
        done = subprocess.run(
            [sys.executable, __file__, mode], capture_output=True, text=True, check=False
        )
        print(mode, done.stdout.strip() or done.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
