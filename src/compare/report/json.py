"""The ``compare.comparison/1`` JSON contract (DESIGN §3): plain dicts, then deterministic text."""

from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from compare.errors import CompareError
from compare.model import (
    Candidate,
    Claim,
    Collation,
    Comparison,
    Document,
    Finding,
    Link,
    Selection,
)
from compare.report._common import paused
from compare.report.controls import CONTROLS, LONG_TEXT, none_in

__all__ = [
    "COLLATION_SCHEMA",
    "SCHEMA",
    "collation_to_dict",
    "comparison_to_dict",
    "document_to_dict",
    "dumps",
    "load_collation_schema",
    "load_corpus_schema",
    "load_schema",
]

SCHEMA = "compare.comparison/1"
COLLATION_SCHEMA = "compare.collation/1"

_SEPARATORS = "\u2028\u2029"
"""The line and paragraph separators: no control, but a line break to Python's
``str.splitlines`` (and to JavaScript before ES2019), so raw in a JSON line they would cut it."""
_RAW_CONTROL_RE = re.compile(f"[{CONTROLS}{_SEPARATORS}]")
"""Controls that :func:`json.dumps` with ``ensure_ascii=False`` writes raw (DEL, C1, bidi, lone
surrogates; it escapes C0 itself), and the two separators: written as ``\\uXXXX`` instead, the
same string to a parser."""


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Describe a document and its sentences (``debris``: only when some was set aside)."""
    described: dict[str, Any] = {
        "id": doc.id,
        "label": doc.label,
        "meta": dict(doc.meta),
        "sentences": [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end}
            for s in doc.sentences
        ],
    }
    if doc.debris:
        described["debris"] = [
            {"kind": d.kind, "text": d.text, "start": d.start, "end": d.end} for d in doc.debris
        ]
    return described


def _link(link: Link) -> dict[str, Any]:
    """Describe one link (``shared``: only on a partial link with a shared claim unit)."""
    out: dict[str, Any] = {
        "ref": list(link.ref),
        "other": list(link.other),
        "score": link.score,
        "relation": link.relation,
        "diff": [{"op": d.op, "text": d.text} for d in link.diff],
        "flags": list(link.flags),
    }
    if link.shared is not None:
        out["shared"] = {"ref": list(link.shared[0]), "other": list(link.shared[1])}
    return out


def _finding(f: Finding) -> dict[str, Any]:
    """Describe one finding, with the character spans of the words concerned."""
    return {
        "type": f.type,
        "ref": list(f.ref),
        "other": list(f.other),
        "detail": f.detail,
        "ref_spans": [list(s) for s in f.ref_spans],
        "other_spans": [list(s) for s in f.other_spans],
    }


def _closest(c: Comparison) -> dict[str, Any]:
    """Each omitted and added sentence's closest candidate on the other side, in index order."""
    return {
        "omitted": [
            {"ref": i, "other": cand.index, "score": cand.score}
            for i, cand in c.closest_omitted.items()
        ],
        "added": [
            {"other": j, "ref": cand.index, "score": cand.score}
            for j, cand in c.closest_added.items()
        ],
    }


def _candidate(cand: Candidate) -> dict[str, Any]:
    """Describe a claim's closest sentence in a document that lacks the claim."""
    return {"index": cand.index, "score": cand.score}


def _filter(selection: Selection | None) -> dict[str, Any] | None:
    """The finding filter applied, or None."""
    if selection is None:
        return None
    return {"only": list(selection.only), "exclude": list(selection.exclude)}


@paused
def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """Return the whole comparison as the ``compare.comparison/1`` structure."""
    position = {id(f): k for k, f in enumerate(c.findings)}
    out = {
        "schema": SCHEMA,
        "reference": document_to_dict(c.reference),
        "other": document_to_dict(c.other),
        "links": [_link(link) for link in c.links],
        "omitted": list(c.omitted),
        "added": list(c.added),
        "findings": [_finding(f) for f in c.findings],
        "closest": _closest(c),
        "summary": {
            "ref_sentences": len(c.reference.sentences),
            "other_sentences": len(c.other.sentences),
            "linked_ref": sum(len(link.ref) for link in c.links),
            "linked_other": sum(len(link.other) for link in c.links),
            "key_findings": [position[id(f)] for f in c.summary.key],
            "only_ref": list(c.summary.only_ref),
            "only_other": list(c.summary.only_other),
            "relations": dict(c.summary.relations),
            "findings": dict(c.summary.findings),
            **_across(c.summary.across_scripts),
        },
    }
    chosen = _filter(c.selection)
    if chosen is not None:
        out["filter"] = chosen
    return out


def _claim(c: Claim) -> dict[str, Any]:
    """Describe one claim: members, representative wording, and how each other member differs."""
    return {
        "id": c.id,
        "members": {doc: list(idx) for doc, idx in c.members.items()},
        "text": c.text,
        "representative": c.representative,
        "sources": c.sources,
        "variants": {
            doc: {**_link(link), "findings": [_finding(f) for f in c.findings.get(doc, ())]}
            for doc, link in c.variants.items()
        },
        "closest": {doc: _candidate(cand) for doc, cand in c.closest.items()},
    }


def _collation_summary(c: Collation) -> dict[str, Any]:
    """The collation's summary: key findings located by claim, source and position."""
    s = c.summary
    return {
        "claims": s.claims,
        "shared_by_all": s.shared_by_all,
        "key_findings": [{"claim": k.claim, "source": k.source, "index": k.index} for k in s.key],
        "findings": dict(s.findings),
        **_across(s.across_scripts),
    }


def _across(n: int) -> dict[str, int]:
    """``across_scripts`` when some links cross two scripts; nothing otherwise (as before)."""
    return {"across_scripts": n} if n else {}


@paused
def collation_to_dict(c: Collation) -> dict[str, Any]:
    """Return the whole collation as the ``compare.collation/1`` structure."""
    out = {
        "schema": COLLATION_SCHEMA,
        "documents": [document_to_dict(d) for d in c.documents],
        "claims": [_claim(claim) for claim in c.claims],
        "pairs": [comparison_to_dict(p) for p in c.pairs],
        "coverage": {
            doc: {
                "claims": len(cov.claims),
                "unique": len(cov.unique),
                "missing": len(cov.missing),
                "unique_claims": list(cov.unique),
                "missing_claims": list(cov.missing),
            }
            for doc, cov in c.coverage.items()
        },
        "ranking": list(c.ranking),
        "summary": _collation_summary(c),
    }
    chosen = _filter(c.selection)
    if chosen is not None:
        out["filter"] = chosen
    return out


class _Unusual(Exception):
    """A value :func:`_indented` leaves to the standard library (which may refuse it)."""


def _indented(data: object, step: str) -> str:
    """``json.dumps(data, indent=..., sort_keys=True, ensure_ascii=False)`` of plain data (dicts
    with text keys, lists, tuples, text, whole and finite numbers, booleans, None), written in
    one recursive pass: the standard library's indenting encoder is pure Python, a generator
    per container and a step per token, about twice as slow on a large comparison."""
    out: list[str] = []
    _encode(data, out, "\n", step)
    return "".join(out)


_encode_text: Callable[[str], str] = json.encoder.encode_basestring
_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Types the standard library's C encoder writes as :func:`_encode` does (exact types only)."""
_BATCH = 4
"""A list this long or longer, of scalars or of flat dicts, is written by the C encoder."""


@functools.lru_cache(maxsize=64)
def _c_encoder(separator: str) -> Callable[[object, int], Sequence[str]] | None:
    """The standard library's C encoder (sorted keys, UTF-8 kept) with ``separator`` after each
    item, or None where the C accelerator is missing."""
    make = getattr(json.encoder, "c_make_encoder", None)  # typeshed leaves it out
    if make is None:  # pragma: no cover - CPython has it
        return None
    encoder: Callable[[object, int], Sequence[str]] = make(
        None, None, json.encoder.encode_basestring, None, ": ", separator, True, False, True
    )
    return encoder


def _batched(value: list[Any] | tuple[Any, ...], newline: str, step: str) -> str | None:
    """The indented JSON of a long list of scalars or of non-empty dicts of scalars (a document's
    sentences, the omitted sentences' closest candidates), written by the C encoder in one call;
    None for any other list.

    The C encoder writes one separator after every item: each line's indent for a list of
    scalars, the dicts' indent for a list of dicts, whose own separators (``},`` then a newline,
    found nowhere else: a text holds no raw newline) are then set to the list's indent.
    """
    inner = newline + step
    kinds = {type(item) for item in value}
    if kinds <= _SCALARS:
        encoder = _c_encoder("," + inner)
        if encoder is None:  # pragma: no cover
            return None
        body = "".join(encoder(value, 0))
        return "[" + inner + body[1:-1] + newline + "]"
    if kinds != {dict} or not all(value):
        return None
    if {type(v) for d in value for v in d.values()} - _SCALARS:
        return None
    if {type(k) for d in value for k in d} != {str}:
        return None
    deeper = inner + step
    encoder = _c_encoder("," + deeper)
    if encoder is None:  # pragma: no cover
        return None
    body = "".join(encoder(value, 0))[2:-2].replace(
        "}," + deeper + "{", inner + "}," + inner + "{" + deeper
    )
    return "[" + inner + "{" + deeper + body + inner + "}" + newline + "]"


def _finite(value: float) -> str:
    """A float as JSON; a non-finite one is left to the standard library."""
    if not math.isfinite(value):
        raise _Unusual
    return float.__repr__(value)


_WRITERS: dict[type, Callable[[Any], str]] = {
    str: _encode_text,
    int: int.__repr__,
    float: _finite,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}
"""How :func:`_encode` writes a value of each scalar type (exact types: a subclass is unusual)."""


def _encode(value: Any, out: list[str], newline: str, step: str) -> None:
    """Append the JSON of ``value`` to ``out``, its lines indented from ``newline``.

    A container's scalar items are written in its own loop (one call per container, not per
    value: most values of a comparison are scalars).
    """
    write = _WRITERS.get(type(value))
    if write is not None:
        out.append(write(value))
        return
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + step
        before = "{" + inner
        for key in sorted(value):
            if type(key) is not str:
                raise _Unusual
            item = value[key]
            write = _WRITERS.get(type(item))
            if write is not None:
                out.append(before + _encode_text(key) + ": " + write(item))
            else:
                out.append(before + _encode_text(key) + ": ")
                _encode(item, out, inner, step)
            before = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        if len(value) >= _BATCH:
            batched = _batched(value, newline, step)
            if batched is not None:
                out.append(batched)
                return
        inner = newline + step
        before = "[" + inner
        for item in value:
            write = _WRITERS.get(type(item))
            if write is not None:
                out.append(before + write(item))
            else:
                out.append(before)
                _encode(item, out, inner, step)
            before = "," + inner
        out.append(newline + "]")
    else:
        raise _Unusual


@paused
def dumps(data: dict[str, Any], *, indent: int | None = 2) -> str:
    """Serialise to JSON deterministically: sorted keys, UTF-8 kept, newline at the end.

    Every control character is escaped, so the text is safe to print on a terminal, and so are
    U+2028 and U+2029, so that any line splitter reads a one-line record as one line.
    """
    text = None
    if indent is not None:
        with contextlib.suppress(_Unusual, RecursionError):
            text = _indented(data, " " * indent)
    if text is None:
        text = json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False)
    # Outside strings JSON has no such characters, so each one found is inside a string.
    if len(text) >= LONG_TEXT and none_in(text) and not any(c in text for c in _SEPARATORS):
        return text + "\n"
    return _RAW_CONTROL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def load_schema() -> dict[str, Any]:
    """Return the JSON Schema of ``compare.comparison/1`` shipped in the package."""
    from importlib import resources

    path = resources.files("compare") / "schemas" / "comparison-1.schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_collation_schema() -> dict[str, Any]:
    """Return the JSON Schema of ``compare.collation/1`` shipped in the package."""
    from importlib import resources

    path = resources.files("compare") / "schemas" / "collation-1.schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


CORPUS_SCHEMA_FILES = {
    "article": "corpus-article-1.schema.json",
    "event": "corpus-event-1.schema.json",
    "reuse": "corpus-reuse-2.schema.json",
}
"""The JSON Schema file of each record kind ``compare corpus`` writes."""


def load_corpus_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of one kind of ``compare corpus`` record shipped in the package:
    ``article`` (``compare.corpus.article/1``), ``event`` (``compare.corpus.event/1``) or
    ``reuse`` (``compare.corpus.reuse/2``)."""
    from importlib import resources

    if kind not in CORPUS_SCHEMA_FILES:
        raise CompareError(
            f"no corpus record kind {kind!r}: one of {', '.join(CORPUS_SCHEMA_FILES)}"
        )
    path = resources.files("compare") / "schemas" / CORPUS_SCHEMA_FILES[kind]
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
