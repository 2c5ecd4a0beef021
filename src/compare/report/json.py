"""The ``compare.comparison/1`` JSON contract (DESIGN §3): plain dicts, then deterministic text."""

from __future__ import annotations

import json
from typing import Any

from compare.model import Comparison, Document, Finding, Link

__all__ = ["SCHEMA", "comparison_to_dict", "document_to_dict", "dumps", "load_schema"]

SCHEMA = "compare.comparison/1"


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Describe a document and its sentences."""
    return {
        "id": doc.id,
        "label": doc.label,
        "meta": dict(doc.meta),
        "sentences": [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end}
            for s in doc.sentences
        ],
    }


def _link(link: Link) -> dict[str, Any]:
    """Describe one link."""
    return {
        "ref": list(link.ref),
        "other": list(link.other),
        "score": link.score,
        "relation": link.relation,
        "diff": [{"op": d.op, "text": d.text} for d in link.diff],
        "flags": list(link.flags),
    }


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


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """Return the whole comparison as the ``compare.comparison/1`` structure."""
    return {
        "schema": SCHEMA,
        "reference": document_to_dict(c.reference),
        "other": document_to_dict(c.other),
        "links": [_link(link) for link in c.links],
        "omitted": list(c.omitted),
        "added": list(c.added),
        "findings": [_finding(f) for f in c.findings],
        "summary": {
            "ref_sentences": len(c.reference.sentences),
            "other_sentences": len(c.other.sentences),
            "linked_ref": sum(len(link.ref) for link in c.links),
            "linked_other": sum(len(link.other) for link in c.links),
        },
    }


def dumps(data: dict[str, Any], *, indent: int | None = 2) -> str:
    """Serialise to JSON deterministically: sorted keys, UTF-8 kept, newline at the end."""
    return json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """Return the JSON Schema of ``compare.comparison/1`` shipped in the package."""
    from importlib import resources

    path = resources.files("compare") / "schemas" / "comparison-1.schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
