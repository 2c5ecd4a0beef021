"""Invariants every result must keep, shared by the module tests and the fuzzer (test_fuzz.py).

Each ``check_*`` function asserts one contract of DESIGN.md on a real result: sentences slice back
out of their document and cover every non-whitespace character once; every sentence is in exactly
one link or one of omitted/added; diffs rebuild both sides; findings name valid sentences and spans
inside them; closest candidates are the best-scoring sentences of the other side, in the near-miss
band; every sentence of a collation is in exactly one claim.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

import compare
from compare import Collation, Comparison, Document
from compare.collation import MAX_SPLIT
from compare.model import FINDING_TYPES, Candidate, Sentence
from compare.pairwise import alignment_scores
from compare.similarity import dense_scores, features, idf_table
from compare.tokens import unify_quotes


def check_invariants(
    text: str, sentences: Sequence[Sentence], start: int = 0, end: int | None = None
) -> None:
    """Assert offsets, stripping, order and exact coverage of the non-whitespace characters."""
    stop = len(text) if end is None else end
    owner = [-1] * len(text)
    previous_end = start
    for position, sentence in enumerate(sentences):
        assert sentence.index == position
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text, "empty sentence"
        assert sentence.text == sentence.text.strip(), "sentence not stripped"
        assert previous_end <= sentence.start < sentence.end <= stop
        previous_end = sentence.end
        for i in range(sentence.start, sentence.end):
            assert owner[i] == -1, "overlap"
            owner[i] = position
    for i, char in enumerate(text):
        if start <= i < stop and not char.isspace():
            assert owner[i] != -1, f"character {char!r} at {i} is in no sentence"
        if not start <= i < stop:
            assert owner[i] == -1, f"character at {i} outside the range is in a sentence"


def check_document(doc: Document) -> None:
    """Sentences and debris slice back; every non-whitespace character outside the header is in
    exactly one of them."""
    owner = [-1] * len(doc.text)
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        for i in range(sentence.start, sentence.end):
            assert owner[i] == -1
            owner[i] = sentence.index
    header_start, header_end = doc.header or (0, 0)
    for record in doc.debris:
        assert doc.text[record.start : record.end] == record.text
        for i in range(record.start, record.end):
            assert owner[i] == -1, "a debris character is in a sentence"
            owner[i] = -2
    for i, char in enumerate(doc.text):
        in_header = header_start <= i < header_end
        if in_header:
            assert owner[i] == -1, "a header character is in a sentence"
        elif not char.isspace():
            assert owner[i] != -1, f"character {char!r} at {i} is in no sentence"


def check_partition(result: Comparison) -> None:
    """Every sentence index of each side is in exactly one link or in omitted/added."""
    for side, doc, unlinked in (
        ("ref", result.reference, result.omitted),
        ("other", result.other, result.added),
    ):
        indices = [i for link in result.links for i in getattr(link, side)] + list(unlinked)
        assert list(range(len(doc.sentences))) == sorted(indices), side


def check_findings(result: Comparison) -> None:
    """Findings have known types, valid indices, and spans inside the sentences they name."""
    for finding in result.findings:
        assert finding.type in FINDING_TYPES
        for doc, indices, spans in (
            (result.reference, finding.ref, finding.ref_spans),
            (result.other, finding.other, finding.other_spans),
        ):
            assert all(0 <= i < len(doc.sentences) for i in indices)
            named = [doc.sentences[i] for i in indices]
            for start, end in spans:
                assert 0 <= start < end <= len(doc.text), finding
                assert min(s.start for s in named) <= start, finding
                assert end <= max(s.end for s in named), finding
                # a span of a 1:2 link may cross the whitespace between its two sentences
                outside = [
                    k
                    for k in range(start, end)
                    if not doc.text[k].isspace() and not any(s.start <= k < s.end for s in named)
                ]
                assert [] == outside, finding


def check_links(result: Comparison) -> None:
    """Links are sorted, in range, scored in [0, 1], with ref-side diffs that rebuild the ref."""
    assert sorted(result.links, key=lambda link: (link.ref, link.other)) == list(result.links)
    for link in result.links:
        assert 0.0 <= link.score <= 1.0
        assert link.relation in ("same", "reworded", "partial")
        ref_text = " ".join(result.reference.sentences[i].text for i in link.ref)
        assert ref_text == "".join(op.text for op in link.diff if op.op != "insert")
        # equal runs carry the reference's spacing and quote marks
        other_text = " ".join(result.other.sentences[j].text for j in link.other)
        assert squeeze(other_text) == squeeze(
            "".join(op.text for op in link.diff if op.op != "delete")
        )
        assert tuple(sorted({f.type for f in result.findings if f.ref == link.ref})) == link.flags
        if link.shared is not None:  # the shared claim units lie inside the link's sentences
            assert link.relation == "partial"
            for (start, end), doc, idx in (
                (link.shared[0], result.reference, link.ref),
                (link.shared[1], result.other, link.other),
            ):
                first, last = doc.sentences[idx[0]], doc.sentences[idx[-1]]
                assert first.start <= start < end <= last.end, (link.shared, idx)
                assert doc.text[start:end].strip()


def check_candidates(
    closest: Mapping[int, Candidate], unlinked: Sequence[int], best: np.ndarray, near_miss: float
) -> None:
    """Candidates: for unlinked sentences only, each the first best of its row of ``best``
    (one row per unlinked sentence), rounded to four places, at least ``near_miss``; a sentence
    without one has no score reaching it."""
    assert set(closest) <= set(unlinked)
    assert sorted(closest) == list(closest)
    for row, i in zip(best, unlinked, strict=True):
        top = round(float(row.max()), 4) if row.size else 0.0
        if i not in closest:
            assert top < near_miss, (i, top)
            continue
        cand = closest[i]
        assert 0 <= cand.index < len(row)
        assert cand.score == top == round(cand.score, 4)
        assert cand.score >= near_miss
        assert cand.index == int(np.argmax(row)), "not the best, or not the lower index on ties"


def check_closest(result: Comparison) -> None:
    """Each omitted and added sentence's closest candidate is the best-scoring sentence of the
    other side (in the scores compare() aligns on, recomputed here) when it scores at least
    ``near_miss``; one at or above the link threshold is linked to another sentence; the
    findings' details name it."""
    opts = result.options
    fr = features(s.text for s in result.reference.sentences)
    fo = features(s.text for s in result.other.sentences)
    idf = idf_table([f.keys for f in fr] + [f.keys for f in fo])
    shape = (len(fr), len(fo))
    scores = alignment_scores(fr, fo, idf, opts)
    if not isinstance(scores, np.ndarray):  # a large pair's sparse scores: compare them dense
        dense = np.zeros(shape)
        dense[scores.rows, scores.cols] = scores.values
        scores = dense
    scores = dense_scores(scores, shape)
    check_candidates(result.closest_omitted, result.omitted, scores[list(result.omitted)],
                     opts.near_miss)  # fmt: skip
    check_candidates(result.closest_added, result.added, scores[:, list(result.added)].T,
                     opts.near_miss)  # fmt: skip
    linked_ref = {i for link in result.links for i in link.ref}
    linked_other = {j for link in result.links for j in link.other}
    for closest, linked in (
        (result.closest_omitted, linked_other),
        (result.closest_added, linked_ref),
    ):
        for cand in closest.values():
            assert cand.score < opts.link_threshold + 1e-4 or cand.index in linked, cand
    for f in result.findings:
        if f.type == "omitted":
            cand = result.closest_omitted.get(f.ref[0])
            label = result.other.label
        elif f.type == "added":
            cand = result.closest_added.get(f.other[0])
            label = result.reference.label
        else:
            continue
        assert (cand is not None) == ("— closest: " in f.detail)
        if cand is not None:
            assert f.detail.endswith(f" — {cand.describe(label)}")


def check_self_comparison(doc: Document) -> None:
    """A document compared with itself: every sentence linked as same, nothing else."""
    result = compare.compare(doc, doc)
    assert () == result.omitted
    assert () == result.added
    assert () == result.findings
    assert {"same"} == {link.relation for link in result.links}
    assert all(len(link.ref) == 1 == len(link.other) for link in result.links)
    for link in result.links:
        a, b = doc.sentences[link.ref[0]], doc.sentences[link.other[0]]
        assert a.text == b.text
    check_partition(result)


def check_collation(c: Collation) -> None:
    """The invariants of every collation (DESIGN §3 and the issue)."""
    ids = [d.id for d in c.documents]
    assert len(set(ids)) == len(ids)
    # every sentence of every document in exactly one claim
    for doc in c.documents:
        held = sorted(i for claim in c.claims for i in claim.members.get(doc.id, ()))
        assert list(range(len(doc.sentences))) == held, doc.id
    assert [f"c{k + 1}" for k in range(len(c.claims))] == [claim.id for claim in c.claims]
    for claim in c.claims:
        assert claim.members
        for idx in claim.members.values():
            # one sentence, or two or three adjacent ones
            assert 1 <= len(idx) <= MAX_SPLIT
            assert list(range(idx[0], idx[0] + len(idx))) == list(idx)
        # members, variants and findings listed in document order
        assert [d for d in ids if d in claim.members] == list(claim.members)
        assert [d for d in ids if d in claim.variants] == list(claim.variants)
        assert [d for d in ids if d in claim.findings] == list(claim.findings)
        rep = claim.representative
        rep_doc = c.documents[ids.index(rep)]
        assert " ".join(rep_doc.sentences[i].text for i in claim.members[rep]) == claim.text
        assert set(claim.members) - {rep} == set(claim.variants) == set(claim.findings)
        for doc_id, link in claim.variants.items():
            assert claim.members[rep] == link.ref
            assert claim.members[doc_id] == link.other
            assert 0.0 <= link.score <= 1.0
            assert link.relation in ("same", "reworded", "partial")
            # the diff rebuilds the representative's text, and the member's words (equal runs
            # carry the representative's spacing and quote marks)
            member = c.documents[ids.index(doc_id)]
            member_text = " ".join(member.sentences[i].text for i in link.other)
            assert claim.text == "".join(d.text for d in link.diff if d.op != "insert")
            rebuilt = "".join(d.text for d in link.diff if d.op != "delete")
            assert squeeze(member_text) == squeeze(rebuilt)
            assert tuple(sorted({f.type for f in claim.findings[doc_id]})) == link.flags
    # a claim's closest sentences: in documents lacking it, valid, in document order, in the band
    for claim in c.claims:
        assert not set(claim.closest) & set(claim.members)
        assert [d for d in ids if d in claim.closest] == list(claim.closest)
        for doc_id, cand in claim.closest.items():
            assert 0 <= cand.index < len(c.documents[ids.index(doc_id)].sentences)
            assert c.options.near_miss <= cand.score <= 1.0
            assert round(cand.score, 4) == cand.score
    # coverage and ranking follow from the claims
    others = len(c.documents) - 1
    for doc in c.documents:
        cov = c.coverage[doc.id]
        assert tuple(x.id for x in c.claims if doc.id in x.members) == cov.claims
        assert tuple(x.id for x in c.claims if x.members.keys() == {doc.id}) == cov.unique
        lacking = [x.id for x in c.claims if doc.id not in x.members and 2 * x.sources > others]
        assert tuple(lacking) == cov.missing
    shared = [x for x in c.claims if x.sources > 1]
    assert sorted(x.id for x in shared) == sorted(c.ranking)
    assert sorted((x.sources for x in shared), reverse=True) == [
        c.claim(i).sources for i in c.ranking
    ]
    # the pairwise views: the first document against each other one
    assert [(c.documents[0].id, d.id) for d in c.documents[1:]] == [
        (p.reference.id, p.other.id) for p in c.pairs
    ]


def squeeze(text: str) -> str:
    """Text without whitespace, quote marks unified."""
    return "".join(unify_quotes(text).split())
