"""The summary a reader sees first (issue 12): computed once on the model, shown at the top of
every view and in JSON, typed findings that matter first, then one-sided sentences, then counts."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import compare
from compare.model import KEY_TYPES, Comparison, Document
from compare.report.json import load_collation_schema, load_schema

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"


def test_key_findings_come_first_in_type_order(cgtn_vs_relay: Comparison) -> None:
    """The relay drops CGTN's 'Friday' (a number) and adds 'according to CGTN' (a speaker): the
    summary lists exactly the findings of the key types, numbers before speakers."""
    s = cgtn_vs_relay.summary
    assert [f for f in cgtn_vs_relay.findings if f.type in KEY_TYPES] != []
    assert sorted(s.key, key=repr) == sorted(
        (f for f in cgtn_vs_relay.findings if f.type in KEY_TYPES), key=repr
    )
    kinds = [KEY_TYPES.index(f.type) for f in s.key]
    assert kinds == sorted(kinds)
    number = s.key[0]
    assert "number" == number.type and "Friday" in number.detail
    assert "Friday" in cgtn_vs_relay.reference.sentences[number.ref[0]].text
    assert any(f.type == "attribution" and "according to CGTN" in f.detail for f in s.key)


def test_one_sided_sentences_and_counts(cgtn_vs_relay: Comparison) -> None:
    """Sentences only one side carries are the omitted and added ones; counts add up."""
    s = cgtn_vs_relay.summary
    assert cgtn_vs_relay.omitted == s.only_ref
    assert cgtn_vs_relay.added == s.only_other
    assert len(cgtn_vs_relay.findings) == sum(s.findings.values())
    assert len(cgtn_vs_relay.links) == sum(s.relations.values())
    assert len(cgtn_vs_relay.omitted) == s.findings["omitted"]


def test_every_view_opens_with_the_summary(cgtn_vs_relay: Comparison) -> None:
    """Text, Markdown and HTML show the summary before anything else, the key finding first and
    sentence numbers from 1; the counts table follows it."""
    number = cgtn_vs_relay.summary.key[0]
    where = f"CGTN {number.ref[0] + 1} ↔ {cgtn_vs_relay.other.label} {number.other[0] + 1}"
    text = cgtn_vs_relay.to_text()
    assert text.startswith("Summary ─")
    assert f"  - number: {where}: {number.detail}" in text
    assert text.index("What changes in the linked sentences") < text.index("Linked    ")
    first_omitted = cgtn_vs_relay.omitted[0]
    assert f"  - {first_omitted + 1}. Xi Jinping: China to work with Syria" in text
    md = cgtn_vs_relay.to_markdown()
    assert md.index("## Summary") < md.index("| What | Count |")
    assert f"  - number: {where}: " in md
    html = cgtn_vs_relay.to_html()
    assert html.index('class="cmp-summary"') < html.index('class="cmp-sources"')
    assert f"<li>number: {where}: " in html


def test_json_summary_points_into_findings(cgtn_vs_relay: Comparison) -> None:
    """JSON carries the summary: key findings as positions in ``findings``; it validates."""
    data = json.loads(cgtn_vs_relay.to_json())
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    key = [data["findings"][k] for k in data["summary"]["key_findings"]]
    assert [f.detail for f in cgtn_vs_relay.summary.key] == [f["detail"] for f in key]
    assert list(cgtn_vs_relay.omitted) == data["summary"]["only_ref"]
    assert data["summary"]["findings"]["number"] >= 1


def test_older_json_without_the_summary_fields_still_validates(cgtn_vs_relay: Comparison) -> None:
    """The new summary fields are optional: output written before them stays valid."""
    data = json.loads(cgtn_vs_relay.to_json())
    for name in ("key_findings", "only_ref", "only_other", "relations", "findings"):
        del data["summary"][name]
    jsonschema.Draft202012Validator(load_schema()).validate(data)


def test_collation_summary_per_source(cgtn: Document, relay: Document) -> None:
    """Per source, what it alone reports and what it lacks that most others carry, at the top of
    the views; key findings located by claim and source in JSON."""
    reworded = compare.load(READOUTS / "call-reworded-report.txt", label="Reworded")
    many = compare.collate([cgtn, relay, reworded])
    s = many.summary
    assert [d.id for d in many.documents] == [src.id for src in s.sources]
    for src in s.sources:
        assert many.coverage[src.id].unique == src.unique
        assert many.coverage[src.id].missing == src.missing
    assert s.key and all(k.finding.type in KEY_TYPES for k in s.key)
    for k in s.key:
        assert k.finding == many.claim(k.claim).findings[k.source][k.index]
    text = many.to_text()
    head = text.split("== Claims × sources ==")[0]
    assert "== Summary ==" in head
    assert "  - CGTN: alone reports " in head and "that most others carry" in head
    data = json.loads(many.to_json())
    jsonschema.Draft202012Validator(load_collation_schema()).validate(data)
    first = data["summary"]["key_findings"][0]
    claim = next(c for c in data["claims"] if c["id"] == first["claim"])
    finding = claim["variants"][first["source"]]["findings"][first["index"]]
    assert s.key[0].finding.detail == finding["detail"]
    assert "<h2>Summary</h2>" in many.to_html()
    assert "## Summary" in many.to_markdown()


def test_every_view_says_what_was_set_aside_as_debris(cgtn_vs_relay: Comparison) -> None:
    """The CGTN page's time stamp and "Search Trends" footer are compared with nothing, and every
    view's summary says so, naming them; a text without debris gets no such line."""
    assert ["updated", "page"] == [d.kind for d in cgtn_vs_relay.reference.debris]
    for view in (cgtn_vs_relay.to_text(), cgtn_vs_relay.to_markdown(), cgtn_vs_relay.to_html()):
        assert "Set aside as page debris, not compared: 2" in view
        assert "Search Trends" in view and "Updated 21:01, 05-Nov-2021" in view
    plain = compare.compare(cgtn_vs_relay.other, cgtn_vs_relay.other)
    assert "page debris" not in plain.to_text()
