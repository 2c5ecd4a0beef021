"""The work limits: estimated before scoring, refused with one line, liftable; progress reports."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import pytest

import compare
from compare import Document, Options, TooLargeError
from compare.scale import estimate_linkable, pair_count
from compare.similarity import features, idf_table, score_matrix

NEWS = [
    "The minister said the talks would continue next week in Geneva.",
    "Protesters gathered outside parliament on Tuesday evening.",
    "The central bank left its main interest rate unchanged at 4.5 percent.",
    "Heavy rain flooded roads across the northern province overnight.",
    "The company reported a quarterly profit of 1.2 billion dollars.",
    "Officials expect the new bridge to open in the spring.",
]


def doc(text: str, label: str) -> Document:
    """A document from text, under a label."""
    return Document.from_text(text, label=label)


def exact_linkable(a: Document, b: Document, options: Options) -> int:
    """Count the pairs of a and b scoring at least the link threshold, the slow exact way."""
    fa = features(s.text for s in a.sentences)
    fb = features(s.text for s in b.sentences)
    idf = idf_table([f.keys for f in fa + fb])
    return int((score_matrix(fa, fb, options, idf=idf) >= options.link_threshold).sum())


def test_one_repeated_sentence_is_refused_before_scoring() -> None:
    """The issue's 10,000 copies of one sentence: 100 M pairs, refused at once, in one line."""
    copies = doc("China and Syria signed a new agreement. " * 10_000, "copies")
    with pytest.raises(TooLargeError) as info:
        compare.compare(copies, copies)
    message = str(info.value)
    assert "\n" not in message
    assert "REF × OTHER = 10,000 × 10,000 sentences" in message
    assert "100,000,000 sentence pairs" in message
    assert f"limit of {Options().max_pairs:,}" in message
    assert "--max-pairs N" in message and "Options(max_pairs=N)" in message


def test_numbered_list_of_equal_items_is_refused() -> None:
    """The issue's two 6 KB files of '1. '*2000: every pair links, refused on the estimate."""
    ones = doc("1. " * 2000, "ones")
    assert (2000, 4_000_000) == (len(ones.sentences), pair_count([2000, 2000]))
    with pytest.raises(TooLargeError) as info:
        compare.compare(ones, ones)
    message = str(info.value)
    assert "about 4,000,000 sentence pairs reach the link threshold" in message
    assert f"limit of {Options().max_linkable:,}" in message
    assert "--max-linkable N" in message and "Options(max_linkable=N)" in message


def test_lifting_the_limit_runs_the_comparison() -> None:
    """Over a lowered limit the comparison is refused; with the limit lifted it runs."""
    ones = doc("1. " * 60, "ones")
    with pytest.raises(TooLargeError, match="about 3,600 sentence pairs"):
        compare.compare(ones, ones, options=Options(max_linkable=1_000))
    with pytest.raises(TooLargeError, match="3,600 sentence pairs to score"):
        compare.compare(ones, ones, options=Options(max_pairs=1_000))
    result = compare.compare(ones, ones, options=Options(max_pairs=3_600, max_linkable=3_600))
    assert 60 == len(result.links)


def test_collation_is_refused_and_lifted_too() -> None:
    """collate() checks the square of all its sentences and the pairs linking across documents."""
    ones = [doc("1. " * 30, f"d{k}") for k in range(3)]
    with pytest.raises(TooLargeError, match="3 documents with 90 sentences in all make 8,100"):
        compare.collate(ones, options=Options(max_pairs=8_000))
    with pytest.raises(TooLargeError, match="3 documents with 90 sentences in all: about 2,700"):
        compare.collate(ones, options=Options(max_linkable=2_000))
    assert 30 == len(compare.collate(ones).claims)


def test_limits_are_validated_options() -> None:
    """max_pairs and max_linkable are positive integers, like every count option."""
    for bad in (0, -5, 2.5, True):
        with pytest.raises(compare.OptionsError, match="max_pairs must be a positive integer"):
            Options(max_pairs=bad)  # type: ignore[arg-type]
        with pytest.raises(compare.OptionsError, match="max_linkable must be a positive integer"):
            Options(max_linkable=bad)  # type: ignore[arg-type]


def test_estimate_is_exact_on_small_documents(readouts: dict[str, Document]) -> None:
    """Below the sample size every sentence is scored, so the estimate is the exact count."""
    options = Options(link_threshold=0.2)
    docs = list(readouts.values())
    for a in docs:
        for b in docs:
            fa = features(s.text for s in a.sentences)
            fb = features(s.text for s in b.sentences)
            idf = idf_table([f.keys for f in fa + fb])
            assert exact_linkable(a, b, options) == estimate_linkable([fa, fb], idf, options)


def test_estimate_from_a_sample_is_close() -> None:
    """Past the sample size the estimate stays near the exact count (a third of lines repeat)."""
    lines = [
        NEWS[k % 6] if k % 3 == 0 else f"Item {k} of the list was unrelated." for k in range(900)
    ]
    a = doc(" ".join(lines), "a")
    b = doc(" ".join(reversed(lines)), "b")
    options = Options()
    fa = features(s.text for s in a.sentences)
    fb = features(s.text for s in b.sentences)
    idf = idf_table([f.keys for f in fa + fb])
    exact = exact_linkable(a, b, options)
    estimate = estimate_linkable([fa, fb], idf, options)
    assert 900 == len(a.sentences)
    assert 0.8 * exact <= estimate <= 1.2 * exact


def test_out_of_memory_becomes_a_compare_error() -> None:
    """A MemoryError in scoring (rapidfuzz's std::bad_alloc) comes out as one TooLargeError."""

    def bad_alloc(*args: object, **kwargs: object) -> None:
        raise MemoryError("std::bad_alloc")

    options = Options(scorer=bad_alloc)  # the scorer both compare() and collate() call
    a, b = doc(" ".join(NEWS), "a"), doc(" ".join(NEWS[::-1]), "b")
    with pytest.raises(TooLargeError) as info:
        compare.compare(a, b, options=options)
    assert str(info.value).startswith("out of memory comparing REF × OTHER = 6 × 6 sentences;")
    assert info.value.__context__ is None  # the frames holding the big arrays were let go
    with pytest.raises(TooLargeError, match="out of memory comparing 3 documents"):
        compare.collate([a, b, a], options=options)


def test_progress_hears_every_stage() -> None:
    """compare() and collate() tell a progress callable each stage, with counts, in order."""
    heard: list[tuple[str, int, int]] = []
    a, b = doc(" ".join(NEWS), "a"), doc(" ".join(NEWS[:4]), "b")
    result = compare.compare(a, b, progress=lambda *report: heard.append(report))
    assert ("scoring", 0, 24) == heard[0]
    assert ("aligning", 0, 0) == heard[1]
    assert [("classifying", k, 4) for k in range(4)] == heard[2:]
    assert 4 == len(result.links)
    heard.clear()
    compare.collate([a, b, a], progress=lambda *report: heard.append(report))
    stages = [stage for stage, _, _ in heard]
    assert ["scoring", "aligning", "aligning", "aligning", "grouping"] == stages[:5]
    assert "classifying" == stages[5]
    assert ["1 of 2: scoring", "1 of 2: aligning"] == stages[stages.index("1 of 2: scoring") :][:2]
    assert "2 of 2: classifying" == stages[-1]


@pytest.mark.parametrize("many", [False, True])
def test_the_collector_is_paused_while_comparing_and_restored(many: bool) -> None:
    """The cyclic garbage collector is off while the pipeline runs (it makes no cycles) and on
    again after; a caller who turned it off keeps it off."""
    import gc

    from conftest import READOUTS

    docs = [compare.load(p) for p in sorted(READOUTS.glob("call-*.txt"))[: 3 if many else 2]]
    seen: list[bool] = []

    def progress(stage: str, done: int, total: int) -> None:
        seen.append(gc.isenabled())

    def run() -> None:
        if many:
            compare.collate(docs, progress=progress)
        else:
            compare.compare(*docs, progress=progress)

    assert gc.isenabled()
    run()
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        run()
        assert not gc.isenabled()
        assert 0 == gc.collect()  # no reference cycles left behind: pausing costs no memory
    finally:
        gc.enable()


def test_what_a_comparison_made_waits_for_a_full_collection_unwalked() -> None:
    """Ending a run promotes what it made to the oldest generation (no young collection walks
    it), where a full collection still frees a cycle made during the run; objects the process
    froze itself stay frozen."""
    import gc
    import weakref

    from conftest import READOUTS

    docs = [compare.load(p) for p in sorted(READOUTS.glob("call-*.txt"))[:2]]

    class Node:
        pass

    made: list[weakref.ref[Node]] = []

    def progress(stage: str, done: int, total: int) -> None:
        if not made:
            node = Node()
            node.self = node  # type: ignore[attr-defined]  # a cycle only the collector frees
            made.append(weakref.ref(node))

    gc.collect()
    compare.compare(*docs, progress=progress)
    assert gc.get_count()[0] < 100  # young generation emptied without a collection
    assert made[0]() is not None  # not walked yet
    gc.collect()
    assert made[0]() is None
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        compare.compare(*docs)
        assert frozen == gc.get_freeze_count()
    finally:
        gc.unfreeze()
