"""benchmarks/eval_corpus.py's split and error analysis (issue 13), on the invented corpus.

tests/data/corpus_three_events.jsonl holds three events told by two outlets each; here the true
events are relabelled on purpose so that the analysis has a merge and a split to explain.
"""

# ruff: noqa: SIM300

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from eval_corpus import explain, split_events  # noqa: E402 - benchmarks/ is not a package

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"


def _rows(truth: dict[str, str]) -> list[dict[str, Any]]:
    """The invented articles as eval_corpus rows, each with the given true event."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    return [
        {"id": r["id"], "text": r["text"], "outlet": r.get("outlet"), "date": r.get("date"),
         "truth": truth[r["id"]]}
        for r in rows
    ]  # fmt: skip


def test_the_split_is_fixed_and_halves_the_events() -> None:
    parts = split_events(100)
    assert 50 == len(parts["dev"]) == len(parts["held_out"])
    assert not parts["dev"] & parts["held_out"]
    assert parts["all"] == parts["dev"] | parts["held_out"]
    assert parts == split_events(100)


def test_explain_names_the_edge_of_a_merge_and_the_reason_of_a_split() -> None:
    """The two bridge reports called two true events: one merge, joined by their edge; the
    match and flood reports called one true event: a split, with no candidate pair across."""
    truth = {
        "bridge-herald": "0", "bridge-post": "1", "match-herald": "2", "match-post": "2",
        "flood-herald": "2", "flood-post": "2",
    }  # fmt: skip
    found = explain(_rows(truth), window=None)
    (merged,) = found["merged"]
    assert {"0": 1, "1": 1} == merged["events"]
    (edge,) = merged["edges"]
    assert {"bridge-herald", "bridge-post"} == {edge["a"], edge["b"]}
    assert edge["by"] in ("containment", "cosine")
    assert [0, 0] == edge["ranks"]
    (split,) = found["split"]
    assert "2" == split["event"]
    assert 2 == len(set(split["clusters"]))
    reasons = found["pair_reasons"]
    assert 2 == reasons["edge"]  # match-herald/match-post and flood-herald/flood-post
    assert 4 == sum(reasons.values()) - reasons["edge"]  # the four pairs across the two events


def test_renamed_copies_rename_names_and_shift_dates_far() -> None:
    """A renamed copy keeps each sentence's first word and every lower-case word, replaces every
    other capitalised word by one made-up name (the same name each time), and moves the date
    30 to 3,650 days away."""
    import datetime
    import random

    from eval_corpus import renamed

    sentences = ["Mayor Ilse Brandvold opened the bridge.", "Brandvold thanked the welders."]
    text = "Bridge by Brandvold opens\n\n" + " ".join(sentences)
    row = {"id": "a", "text": text, "outlet": "Herald", "date": "2026-03-02", "truth": "0",
           "sentences": sentences}  # fmt: skip
    (copy,) = renamed([row], 1, random.Random(1))
    first, second = (s.split() for s in copy["sentences"])
    assert ["Mayor", "opened", "the", "bridge."] == [first[0], *first[3:]]
    assert "Ilse" != first[1] and "Brandvold" != first[2]
    assert ["Brandvold", "thanked", "the", "welders."] == second  # first word of its sentence
    assert first[2] == copy["text"].split()[2]  # the title's Brandvold: the same made-up name
    days = datetime.date.fromisoformat(copy["date"]) - datetime.date(2026, 3, 2)
    assert 30 <= abs(days.days) <= 3650
    assert (copy["id"], copy["truth"], copy["outlet"]) == ("renamed-0", "renamed-0", "Herald")
