"""Output does not depend on the process: the same input gives byte-identical JSON under any
``PYTHONHASHSEED`` (issue 14: one seed in four gave the same three texts other claims)."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.similarity import Features, text_weight

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"

SEEDS = ("0", "1", "3", "4")
"""Hash seeds to compare. Before the fix, each crafted set below gave other output under one
of these than under seed 0 (CPython 3.11–3.13, SipHash-1-3)."""

CRAFTED = {
    # Sentences repeated within a document and the same words in another order ("Once again,
    # China ..." / "... once again"): links that tie in score, where the float sum of a set of
    # word weights, taken in set order, broke the tie differently from one process to the next.
    "support": (
        "Officials said China will support Syria once again. Once again, China will support "
        "Syria. Syria backs the Belt and Road plan in Damascus.",
        "Officials said China will support Syria once again. The ministers discussed trade in "
        "Damascus.",
        "“Syria backs the Belt and Road plan in Damascus,” officials said. The ministers "
        "discussed trade in Damascus. Officials said Syria backs the Belt and Road plan in "
        "Damascus.",
    ),
    "thanks": (
        "Officials said the two sides signed 12 deals in Beijing. Once again, Assad thanked "
        "China. Officials said the two sides signed 12 deals in Beijing. Wang Yi visited "
        "Damascus in Beijing.",
        "Wang Yi visited Damascus in Beijing. The two sides signed 12 deals in Beijing. Once "
        "again, Assad thanked China.",
        "The two sides signed 12 deals in Beijing. Officials said the two sides signed 12 deals "
        "in Beijing. “Wang Yi visited Damascus in Beijing,” officials said. Assad thanked China "
        "once again. In Beijing, the two sides signed 12 deals.",
    ),
    "deals": (
        "In Beijing, the two sides signed 12 deals. “The two sides signed 12 deals in Beijing,” "
        "officials said. The two sides signed 12 deals after the talks. Officials said the two "
        "sides signed 12 deals after the talks. In Beijing, the two sides signed 12 deals.",
        "Officials said the two sides signed 12 deals after the talks. Officials said the two "
        "sides signed 12 deals in Beijing. The two sides signed 12 deals after the talks. "
        "Officials said the two sides signed 12 deals in Beijing.",
        "The two sides signed 12 deals in Beijing. Officials said the two sides signed 12 deals "
        "in Beijing.",
    ),
}

WORDS = (
    *("xi", "met", "assad", "in", "beijing", "on", "friday"),
    *("after", "the", "talks", "about", "trade", "and", "aid"),
)
"""Words with weights of many magnitudes: summed in another order, their sum differs in its
last bits (before the fix, in one process out of two)."""

_CHILD = """
import hashlib, json, math, sys
import compare
from compare.similarity import Features, shared_weights, text_weight

out = {}
given = json.load(sys.stdin)
for name, texts in given["cases"].items():
    docs = [compare.Document.from_text(t, label=f"{name} {k}") for k, t in enumerate(texts)]
    out[f"{name}: collation"] = compare.collate(docs).to_json()
    for a in docs:
        for b in docs:
            if a is not b:
                out[f"{name}: {a.label} vs {b.label}"] = compare.compare(a, b).to_json()
out = {k: hashlib.sha256(v.encode()).hexdigest() for k, v in out.items()}

words = given["words"]
idf = {w: math.log1p(k + 0.1 * len(w)) / 3 for k, w in enumerate(words)}
a = Features(frozenset(words), " ".join(words))
b = Features(frozenset(reversed(words)), " ".join(reversed(words)))
sums = [text_weight(a.keys, idf), text_weight(b.keys, idf)]
sums += shared_weights([a, b], [b, a], idf).ravel().tolist()
out["word weights"] = [x.hex() for x in sums]
print(json.dumps(out))
"""
"""Collate each set of texts and compare every ordered pair, printing a digest of each JSON;
then the weight sums of the set of :data:`WORDS` (exact to the bit)."""


def run_under_seed(seed: str, stdin: str) -> dict[str, object]:
    """Run :data:`_CHILD` in a fresh interpreter under a hash seed; return its output."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], input=stdin, env=env, capture_output=True, text=True
    )
    assert 0 == done.returncode, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


@pytest.fixture(scope="module")
def by_seed() -> dict[str, dict[str, object]]:
    """The child's output under each of :data:`SEEDS`, for the crafted texts and the readouts."""
    readouts = tuple(p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt")))
    stdin = json.dumps({"cases": {**CRAFTED, "readouts": readouts}, "words": WORDS})
    return {seed: run_under_seed(seed, stdin) for seed in SEEDS}


def outputs(found: dict[str, object], prefix: str) -> dict[str, object]:
    """The entries of one child's output whose name starts with ``prefix``."""
    return {k: v for k, v in found.items() if k.startswith(prefix)}


def test_crafted_texts_give_the_same_json_under_every_hash_seed(
    by_seed: dict[str, dict[str, object]],
) -> None:
    """Tied links among repeated and reordered sentences: collation and pairwise JSON."""
    first = {name: outputs(by_seed[SEEDS[0]], name) for name in CRAFTED}
    assert [7] * len(CRAFTED) == [len(v) for v in first.values()]  # 1 collation, 6 pairs
    for seed in SEEDS[1:]:
        for name in CRAFTED:
            assert first[name] == outputs(by_seed[seed], name), f"{name}, PYTHONHASHSEED={seed}"


def test_readouts_give_the_same_json_under_every_hash_seed(
    by_seed: dict[str, dict[str, object]],
) -> None:
    """The bundled readouts: their collation and every pairwise comparison."""
    first = outputs(by_seed[SEEDS[0]], "readouts")
    n = len(list(READOUTS.glob("*.txt")))
    assert 1 + n * (n - 1) == len(first)
    for seed in SEEDS[1:]:
        assert first == outputs(by_seed[seed], "readouts"), f"PYTHONHASHSEED={seed}"


def test_word_weight_sums_are_the_same_bits_under_every_hash_seed(
    by_seed: dict[str, dict[str, object]],
) -> None:
    """A set's weight, and the shared weight of two sets, do not follow set iteration order."""
    first = by_seed[SEEDS[0]]["word weights"]
    for seed in SEEDS[1:]:
        assert first == by_seed[seed]["word weights"], f"PYTHONHASHSEED={seed}"


def test_equal_key_sets_weigh_the_same_whatever_their_insertion_order() -> None:
    """Two equal sets built in opposite orders (so iterated differently) weigh the same."""
    idf = {w: math.log1p(k + 0.1 * len(w)) / 3 for k, w in enumerate(WORDS)}
    forward = Features(frozenset(WORDS), "")
    backward = Features(frozenset(reversed(WORDS)), "")
    assert text_weight(forward.keys, idf) == text_weight(backward.keys, idf)
