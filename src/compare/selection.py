"""Finding filters (``--only`` / ``--exclude``): a comparison or collation keeping some types.

Only findings are filtered; the alignment (links, omitted and added sentences, claims) stays
whole, so every JSON invariant holds. The filter is recorded as a
:class:`~compare.model.Selection`, and the summary is recomputed from what is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from compare.errors import OptionsError
from compare.model import FINDING_TYPES, Claim, Collation, Comparison, Finding, Selection

__all__ = ["filter_collation", "filter_comparison", "parse_types", "selection"]


def parse_types(types: Iterable[str] | str | None, name: str) -> tuple[str, ...]:
    """Finding types from names or one comma-separated string, checked against
    :data:`~compare.model.FINDING_TYPES`; an unknown one raises a one-line OptionsError."""
    if types is None:
        return ()
    items = types.split(",") if isinstance(types, str) else list(types)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise OptionsError(f"{name}: finding types are names, got {type(item).__name__}")
        kind = item.strip().lower()
        if not kind:
            continue
        if kind not in FINDING_TYPES:
            raise OptionsError(
                f"{name}: unknown finding type {kind!r}; allowed: {', '.join(FINDING_TYPES)}"
            )
        if kind not in out:
            out.append(kind)
    return tuple(out)


def selection(
    only: Iterable[str] | str | None,
    exclude: Iterable[str] | str | None,
    *,
    names: tuple[str, str] = ("only", "exclude"),
) -> Selection:
    """Check and record a filter (``only`` empty or None: every type); ``names`` are what error
    messages call the two arguments (the command line says ``--only``)."""
    return Selection(only=parse_types(only, names[0]), exclude=parse_types(exclude, names[1]))


def _combined(old: Selection | None, new: Selection) -> Selection:
    """A second filter on a filtered result: types both keep (``only`` intersected)."""
    if old is None:
        return new
    only = new.only if not old.only else tuple(t for t in old.only if not new.only or t in new.only)
    exclude = old.exclude + tuple(t for t in new.exclude if t not in old.exclude)
    if old.only and new.only and not only:
        exclude = tuple(FINDING_TYPES)  # nothing left in common: keep no type
    return Selection(only=only, exclude=exclude)


def _kept(findings: Iterable[Finding], chosen: Selection) -> tuple[Finding, ...]:
    """The findings whose type passes the filter, in their order."""
    return tuple(f for f in findings if chosen.keeps(f.type))


def filter_comparison(
    c: Comparison,
    *,
    only: Iterable[str] | str | None = None,
    exclude: Iterable[str] | str | None = None,
) -> Comparison:
    """The comparison with only the findings the filter keeps (see :meth:`Comparison.filtered`)."""
    chosen = _combined(c.selection, selection(only, exclude))
    return attrs.evolve(c, findings=_kept(c.findings, chosen), selection=chosen)


def _claim(claim: Claim, chosen: Selection) -> Claim:
    """A claim with only the kept findings of each member's wording."""
    return attrs.evolve(
        claim, findings={doc: _kept(fs, chosen) for doc, fs in claim.findings.items()}
    )


def filter_collation(
    c: Collation,
    *,
    only: Iterable[str] | str | None = None,
    exclude: Iterable[str] | str | None = None,
) -> Collation:
    """The collation with its claims' and pairs' findings filtered (see
    :meth:`Collation.filtered`)."""
    chosen = _combined(c.selection, selection(only, exclude))
    return attrs.evolve(
        c,
        claims=tuple(_claim(claim, chosen) for claim in c.claims),
        pairs=tuple(
            filter_comparison(p, only=chosen.only, exclude=chosen.exclude) for p in c.pairs
        ),
        selection=chosen,
    )
