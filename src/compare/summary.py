"""The summary a reader sees first: typed findings that matter, one-sided claims, then counts.

Pure functions of a finished :class:`~compare.model.Comparison` or
:class:`~compare.model.Collation` (its findings, links and coverage); the model calls them once,
on construction, and every view only formats the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from compare.model import (
    FINDING_TYPES,
    KEY_TYPES,
    RELATIONS,
    Collation,
    CollationSummary,
    Comparison,
    Document,
    Finding,
    KeyFinding,
    SourceSummary,
    Summary,
)
from compare.scripts import two_scripts

__all__ = ["count_types", "summarize", "summarize_collation"]


def count_types(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings by type, the types present only: contract order, then newer types by name."""
    counts = Counter(f.type for f in findings)
    order = [t for t in FINDING_TYPES if t in counts] + sorted(set(counts) - set(FINDING_TYPES))
    return {t: counts[t] for t in order}


def _rank(kind: str) -> int:
    """Position of a key type in :data:`KEY_TYPES` (the summary's order)."""
    return KEY_TYPES.index(kind)


def summarize(c: Comparison) -> Summary:
    """The summary of a comparison: key findings by type, one-sided sentences, counts."""
    key = sorted(
        (f for f in c.findings if f.type in KEY_TYPES),
        key=lambda f: (_rank(f.type), f.ref or (len(c.reference.sentences),), f.other),
    )
    relations = Counter(link.relation for link in c.links)
    return Summary(
        key=tuple(key),
        only_ref=tuple(sorted({i for f in c.findings if f.type == "omitted" for i in f.ref})),
        only_other=tuple(sorted({j for f in c.findings if f.type == "added" for j in f.other})),
        relations={r: relations[r] for r in RELATIONS},
        findings=count_types(c.findings),
        across_scripts=sum(
            two_scripts(_joined(c.reference, link.ref), _joined(c.other, link.other))
            for link in c.links
        ),
    )


def _joined(doc: Document, indices: Iterable[int]) -> str:
    """The sentences of ``doc`` at ``indices`` joined with single spaces (a link's side)."""
    return " ".join(doc.sentences[i].text for i in indices)


def summarize_collation(c: Collation) -> CollationSummary:
    """The summary of a collation: key findings on the claims' wordings, each source's unique and
    missing claims, counts."""
    order = {claim.id: k for k, claim in enumerate(c.claims)}
    key: list[KeyFinding] = []
    every: list[Finding] = []
    for claim in c.claims:
        for source, findings in claim.findings.items():
            every += findings
            key += [
                KeyFinding(claim=claim.id, source=source, index=k, finding=f)
                for k, f in enumerate(findings)
                if f.type in KEY_TYPES
            ]
    key.sort(key=lambda k: (_rank(k.finding.type), order[k.claim]))
    sources = tuple(
        SourceSummary(id=d.id, unique=c.coverage[d.id].unique, missing=c.coverage[d.id].missing)
        for d in c.documents
        if d.id in c.coverage
    )
    n = len(c.documents)
    docs = {d.id: d for d in c.documents}
    return CollationSummary(
        key=tuple(key),
        sources=sources,
        claims=len(c.claims),
        shared_by_all=sum(1 for claim in c.claims if claim.sources == n),
        findings=count_types(every),
        across_scripts=sum(
            two_scripts(claim.text, _joined(docs[source], claim.members[source]))
            for claim in c.claims
            for source in claim.variants
        ),
    )
