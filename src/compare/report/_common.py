"""What every view writes the same way: sentence numbers, one-line text, type order, marks, ids.

Each helper here has one job a renderer shares with another; none computes a result, they only
format what the model holds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from compare.model import (
    FINDING_TYPES,
    Claim,
    ClaimStatus,
    Collation,
    Document,
    FindingType,
    Link,
)
from compare.report.controls import visible

__all__ = [
    "MARKS",
    "PROVENANCE",
    "claims_by_id",
    "clean",
    "flat",
    "numbers",
    "provenance",
    "report_id",
    "shared_texts",
    "shorten",
    "spread",
    "spread_parts",
    "type_order",
]

PROVENANCE = (("author", "Author"), ("url", "URL"))
"""Metadata every view shows beside a source's label and date when some source has it."""


def provenance(docs: Sequence[Document]) -> list[tuple[str, str, list[str]]]:
    """For each :data:`PROVENANCE` key some document has: key, heading, each document's value
    (one line, ``""`` when it has none)."""
    rows = []
    for key, heading in PROVENANCE:
        values = [" ".join(d.meta.get(key, "").split()) for d in docs]
        if any(values):
            rows.append((key, heading, values))
    return rows


MARKS: dict[ClaimStatus, str] = {"carried": "✓", "partial": "◐", "absent": "✗"}
"""The claims x sources matrix's mark for each :data:`~compare.model.ClaimStatus`."""


def numbers(idx: Sequence[int]) -> str:
    """Sentence numbers for people: 1-based, joined with +."""
    return "+".join(str(i + 1) for i in idx)


def flat(text: str) -> str:
    """Text on one line: whitespace runs collapsed to one space, none at either end."""
    return " ".join(text.split())


def clean(text: str) -> str:
    """Source text for one terminal line: :func:`flat`, control characters made visible."""
    return visible(flat(text))


def shorten(text: str, limit: int) -> str:
    """One-line text cut to ``limit`` characters, the last of them an ellipsis."""
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def type_order(kinds: Iterable[FindingType]) -> list[FindingType]:
    """Finding types present, in the contract's order, then any newer ones by name."""
    present = set(kinds)
    return [t for t in FINDING_TYPES if t in present] + sorted(present - set(FINDING_TYPES))


def spread(c: Collation) -> Counter[int]:
    """How many claims each number of sources carries."""
    return Counter(claim.sources for claim in c.claims)


def spread_parts(c: Collation) -> list[str]:
    """How many sources carry the claims, as text: ``3 in all 3``, ``1 in one source only``."""
    n = len(c.documents)
    by = spread(c)
    parts = [f"{by[k]} in {'all ' if k == n else ''}{k}" for k in range(n, 1, -1) if by[k]]
    parts.append(f"{by[1]} in one source only")
    return parts


def claims_by_id(c: Collation) -> dict[str, Claim]:
    """The collation's claims by id, for views that walk the ranking or the omissions."""
    return {claim.id: claim for claim in c.claims}


def report_id(prefix: str, documents: Iterable[Document]) -> str:
    """A stable element id for one report, so several reports can share a notebook page."""
    h = hashlib.sha1(usedforsecurity=False)
    for doc in documents:
        h.update(f"{doc.id}\0{doc.label}\0{len(doc.text)}\0".encode("utf-8", "surrogatepass"))
        h.update(doc.text.encode("utf-8", "surrogatepass"))
    return f"{prefix}-{h.hexdigest()[:10]}"


def shared_texts(ref: Document, other: Document, link: Link) -> tuple[str, str] | None:
    """The words of the claim units a partial link's two sides share (``Link.shared``), each on
    one line, or None when the link names none."""
    if link.shared is None:
        return None
    (a, b), (c, d) = link.shared
    return flat(ref.text[a:b]), flat(other.text[c:d])
