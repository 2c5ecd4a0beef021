"""compare._cache: memo caches bounded by bytes; no cache keeps documents alive (issue 14)."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import compare
from compare import _cache
from compare._cache import ENTRY_BYTES, bounded, weigh

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"


def test_weigh_counts_strings_containers_and_records() -> None:
    """Strings by their size, containers with what they hold, shared objects as references."""
    text = "Xi spoke with Assad"
    assert sys.getsizeof(text) == weigh(text)
    pair = (text, 7)
    assert sys.getsizeof(pair) + sys.getsizeof(text) + sys.getsizeof(7) == weigh(pair)
    sentence = compare.Sentence(0, 0, len(text), text)
    assert weigh(sentence) > weigh(text)
    assert 8 == weigh(object())


def test_bounded_cache_hits_misses_and_evicts_by_bytes() -> None:
    """Repeated arguments hit; big results push the least recently used ones out."""
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    size = ENTRY_BYTES + 2 * sys.getsizeof("a" * 1000)  # key and value of one 1000-char text
    cached = bounded(maxbytes=3 * size)(upper)
    try:
        a, b, c, d = ("a" * 1000, "b" * 1000, "c" * 1000, "d" * 1000)
        assert "A" * 1000 == cached(a)
        assert "A" * 1000 == cached(a)
        assert [a] == calls
        info = cached.cache_info()
        assert (1, 1, 1, size) == (info.hits, info.misses, info.currsize, info.nbytes)
        cached(b)
        cached(c)
        cached(a)  # a is now the most recently used
        cached(d)  # over budget: b, the least recently used, goes
        assert 3 * size == cached.cache_info().nbytes
        calls.clear()
        cached(a)
        cached(c)
        cached(d)
        assert [] == calls
        cached(b)
        assert [b] == calls
    finally:
        _cache._REGISTRY.remove(cached)


def test_result_heavier_than_the_budget_is_not_kept() -> None:
    """A result that alone exceeds the budget is returned but not cached."""
    cached = bounded(maxbytes=1000)(lambda n: "x" * n)
    try:
        assert 5000 == len(cached(5000))
        assert (0, 0) == (cached.cache_info().currsize, cached.cache_info().nbytes)
        cached(10)
        assert 1 == cached.cache_info().currsize
    finally:
        _cache._REGISTRY.remove(cached)


def test_past_its_first_misses_a_cache_weighs_one_result_in_eight(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Results reckoned from their arguments at the weighed ratio; a heavier argument weighed."""
    weighed: list[object] = []
    exact_weigh = _cache.weigh

    def counting(obj: object) -> int:
        weighed.append(obj)
        return exact_weigh(obj)

    monkeypatch.setattr(_cache, "weigh", counting)
    budget = 1 << 20
    cached = bounded(maxbytes=budget)(lambda text: text + text)
    try:
        texts = [f"{k:05d}" * 20 for k in range(200)]  # 100 characters each
        for text in texts:
            cached(text)
        results = [w for w in weighed if isinstance(w, str) and len(w) == 200]
        assert _cache._EXACT + (200 - _cache._EXACT) // _cache._EVERY == len(results)
        exact = 200 * (ENTRY_BYTES + sys.getsizeof(texts[0]) + sys.getsizeof(texts[0] * 2))
        assert abs(cached.cache_info().nbytes - exact) <= 200  # a byte an entry, rounding
        huge = "x" * budget  # heavier than any argument before: weighed, over budget, not kept
        assert 2 * budget == len(cached(huge))
        assert 200 == cached.cache_info().currsize
    finally:
        _cache._REGISTRY.remove(cached)


def test_clear_all_empties_every_cache(cgtn: compare.Document, relay: compare.Document) -> None:
    """After a comparison the caches hold something; clear_all() empties them all."""
    compare.compare(cgtn, relay)
    assert _cache.total_bytes() > 0
    _cache.clear_all()
    assert 0 == _cache.total_bytes()
    assert [0] * len(_cache.caches()) == [c.cache_info().currsize for c in _cache.caches()]


@pytest.fixture
def small_budgets() -> Iterator[int]:
    """Every bounded cache with a 64 KB budget for the test (restored after)."""
    saved = [c.maxbytes for c in _cache.caches()]
    _cache.clear_all()
    for c in _cache.caches():
        c.maxbytes = 64 * 1024
    yield 64 * 1024
    _cache.clear_all()
    for c, maxbytes in zip(_cache.caches(), saved, strict=True):
        c.maxbytes = maxbytes


def long_document(k: int, texts: list[str], doc_id: str) -> compare.Document:
    """A document of the readouts' sentences, six to a long sentence, numbered by ``k``."""
    sentences = [s.rstrip(".") + f" (pair {k}, item {i})" for i, s in enumerate(texts)]
    joined = [", ".join(sentences[n : n + 6]) + "." for n in range(0, len(sentences), 6)]
    return compare.Document.from_text("\n".join(joined), id=doc_id)


def test_caches_stay_within_their_budgets_over_many_distinct_pairs(small_budgets: int) -> None:
    """Several distinct pairs of long sentences: each cache evicts to stay in its budget."""
    sentences = [s.text for p in sorted(READOUTS.glob("*.txt")) for s in compare.load(p).sentences]
    for k in range(4):
        ref = long_document(k, sentences, f"ref{k}")
        other = long_document(k, sentences[::-1], f"other{k}")
        compare.compare(ref, other)
    infos = [c.cache_info() for c in _cache.caches()]
    assert all(info.nbytes <= small_budgets for info in infos)
    assert _cache.total_bytes() <= _cache.budget()
    # the bound did work: some cache computed more than it kept
    assert any(info.misses > info.currsize for info in infos)


def test_no_cache_keeps_a_compared_document_alive() -> None:
    """Documents die with their comparison: no table keyed on id() holds them."""
    text = (READOUTS / "call-cgtn-chinese-readout.txt").read_text(encoding="utf-8")
    ref = compare.Document.from_text(text, id="ref")
    other = compare.Document.from_text(text.replace("Xi", "Assad"), id="other")
    compare.compare(ref, other)
    compare.collate([ref, other, compare.Document.from_text(text[:400], id="third")])
    gone = [weakref.ref(ref), weakref.ref(other)]
    del ref, other
    gc.collect()
    assert [None, None] == [w() for w in gone]
