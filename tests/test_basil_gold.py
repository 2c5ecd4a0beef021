"""Alignment quality on our own BASIL gold (independent coverage; needs ../shared/eval/basil).

The gold (benchmarks/data/basil_gold.json) holds sentence indices only; the texts are read from
the evaluation data, so without it these tests skip (and fail in CI, see tests/_extras.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import compare
from _extras import eval_data

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from basil import read_events  # noqa: E402 - benchmarks/ is not a package
from eval_basil_gold import GOLD, score  # noqa: E402


@pytest.fixture(scope="module")
def events() -> dict[str, dict[str, Any]]:
    """BASIL's events by id, from ../shared/eval/basil."""
    return {e["event_id"]: e for e in read_events(eval_data("basil"))}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    """Our gold: 9 events, 18 article pairs, a dev and a held-out test split."""
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def test_the_gold_covers_every_sentence(gold: dict[str, Any], events: dict[str, Any]) -> None:
    """Every non-empty sentence of each pair is linked or only in its article, indices valid."""
    assert len(gold["pairs"]) == 18
    assert len(gold["split"]["dev"]) == 6 and len(gold["split"]["test"]) == 3
    for pair in gold["pairs"]:
        docs = {d["outlet"]: d for d in events[pair["event_id"]]["docs"]}
        for side, only in (("ref", "only_in_ref"), ("other", "only_in_other")):
            sentences = docs[pair[side]]["sentences"]
            wanted = {k for k, s in enumerate(sentences) if s.strip()}
            linked = {k for link in pair["links"] for k in link[side]}
            assert wanted == linked | set(pair[only])
            assert not linked & set(pair[only])


def test_links_found_on_independent_coverage_are_right(
    gold: dict[str, Any], events: dict[str, Any]
) -> None:
    """Default options on both splits: precision at least 0.9; claim units and anchors find
    more gold links than the scorer alone, with every near-verbatim ('same') link found."""
    for split in ("dev", "test"):
        lifted = score(gold, events, split, compare.Options())
        alone = score(gold, events, split, compare.Options(unit_weight=0.0, anchor_score=0.0))
        assert lifted["links"]["precision"] >= 0.9
        assert lifted["links"]["tp"] > alone["links"]["tp"]
        same = lifted["recall_by_relation"]["same"]
        assert same["found"] == same["gold"]
