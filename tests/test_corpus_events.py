"""How events are found (issue 13): mutual neighbours over both ends of a pair, and components
that do not chain through one bridging article (structural similarity, SCAN).

The invented corpus tests/data/corpus_three_events.jsonl holds three events (a bridge opening,
a football match, a storm flood), each told by two outlets.
"""

# ruff: noqa: SIM300

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from compare import OptionsError
from compare.corpus import Article, Blocking, group
from compare.corpus.blocking import _pair_ranks, structural

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"
EVENTS = [
    ("bridge-herald", "bridge-post"),
    ("match-herald", "match-post"),
    ("flood-herald", "flood-post"),
]


def _articles() -> list[Article]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    return [Article(id=r["id"], text=r["text"], outlet=r["outlet"], date=r["date"]) for r in rows]


def _digest(arts: list[Article]) -> Article:
    """A digest: the first three sentences of each Herald report, one event after another."""
    leads = [" ".join(a.text.split(". ")[:3]) + "." for a in arts if a.id.endswith("herald")]
    return Article(id="digest", text=" ".join(leads), outlet="Digest", date="2026-03-05")


def test_a_digest_of_three_events_joins_none_of_them() -> None:
    """The digest has an event edge to each Herald report (their leads are most of it); each
    edge bridges a pair and a hub (structural similarity 2 / sqrt(3 * 4) = 0.58 < 0.6), so the
    digest stays alone and the three events stay apart. Over plain components it chains them."""
    arts = _articles()
    held = [*arts, _digest(arts)]
    assert [*EVENTS, ("digest",)] == [e.articles for e in group(held, workers=1).events]
    chained = group(held, blocking=Blocking(structure=None), workers=1)
    assert [tuple(a.id for a in held)] == [e.articles for e in chained.events]


def test_structural_similarity_cuts_a_bridge_and_keeps_a_chain() -> None:
    """Two triangles (0-1-2, 3-4-5) and the edge 2-3 bridging them; a chain 6-7-8-9."""
    a = np.array([0, 0, 1, 3, 3, 4, 2, 6, 7, 8])
    b = np.array([1, 2, 2, 4, 5, 5, 3, 7, 8, 9])
    sim = structural(10, a, b)
    assert 1.0 == sim[0]  # 0-1: both ends' neighbourhoods are the triangle
    assert pytest.approx(3 / np.sqrt(3 * 4)) == sim[2]  # 1-2: 2 also has the bridge
    assert pytest.approx(0.5) == sim[6]  # the bridge
    assert pytest.approx(2 / 3) == sim[8]  # the chain's middle edge
    assert pytest.approx(2 / np.sqrt(6)) == sim[7]  # the chain's end


def test_ranks_count_the_pairs_at_both_ends_of_an_article() -> None:
    """Article 1's pairs: with 0 (it is the second end) and with 2 and 3 (the first end): its
    ranks run over all three, so its third most similar is rank 2, not rank 1 of one end."""
    pa, pb = np.array([0, 1, 1]), np.array([1, 2, 3])
    first, second = _pair_ranks(pa, pb, np.array([0.9, 0.8, 0.7]))
    assert [0, 1, 2] == first.tolist()  # article 0 / 1 / 1
    assert [0, 0, 0] == second.tolist()  # article 1 / 2 / 3


def test_structure_must_lie_in_range_or_be_none() -> None:
    assert None is Blocking(structure=None).structure
    with pytest.raises(OptionsError, match="structure"):
        Blocking(structure=0.0)
