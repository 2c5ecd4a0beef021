"""Finding filters (issue 12): ``--only`` / ``--exclude`` and ``filtered()`` act on every view
and on JSON; the alignment stays whole; an unknown type is a one-line error listing the known."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import compare
from compare.cli import main
from compare.model import FINDING_TYPES, Comparison, Document
from compare.report.json import load_collation_schema, load_schema

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"
CGTN = str(READOUTS / "call-cgtn-chinese-readout.txt")
RELAY = str(READOUTS / "call-syrian-readout-relay.txt")
REWORDED = str(READOUTS / "call-reworded-report.txt")


def test_only_keeps_those_types_and_the_alignment(cgtn_vs_relay: Comparison) -> None:
    """only=number,attribution keeps the relay's dropped 'Friday' and added 'according to CGTN'
    and nothing else; links, omitted and added sentences are untouched."""
    kept = cgtn_vs_relay.filtered(only="number,attribution")
    assert {"number", "attribution"} == {f.type for f in kept.findings}
    assert [f for f in cgtn_vs_relay.findings if f.type in ("number", "attribution")] == list(
        kept.findings
    )
    assert (cgtn_vs_relay.links, cgtn_vs_relay.omitted, cgtn_vs_relay.added) == (
        kept.links, kept.omitted, kept.added,
    )  # fmt: skip
    assert ("number", "attribution") == kept.selection.only  # type: ignore[union-attr]
    assert {"number": 1, "attribution": 1} == dict(kept.summary.findings)
    assert () == kept.summary.only_ref  # omitted findings filtered out of the summary too


def test_exclude_and_chained_filters(cgtn_vs_relay: Comparison) -> None:
    """exclude drops types; a second filter narrows the first; types may be a list."""
    rest = cgtn_vs_relay.filtered(exclude=["added", "omitted"])
    assert not {"added", "omitted"} & {f.type for f in rest.findings}
    assert len(cgtn_vs_relay.findings) - len(cgtn_vs_relay.omitted) - len(
        cgtn_vs_relay.added
    ) == len(rest.findings)
    narrowed = rest.filtered(only=["number", "added"])
    assert {"number"} == {f.type for f in narrowed.findings}
    assert not narrowed.filtered(only="attribution").findings


def test_unknown_type_is_one_line_listing_the_allowed(cgtn_vs_relay: Comparison) -> None:
    """An unknown type raises OptionsError naming it and every allowed type."""
    with pytest.raises(compare.OptionsError) as excinfo:
        cgtn_vs_relay.filtered(only="number,speaker")
    message = str(excinfo.value)
    assert 1 == len(message.splitlines())
    assert "'speaker'" in message and ", ".join(FINDING_TYPES) in message


def test_views_follow_the_filter(cgtn_vs_relay: Comparison) -> None:
    """Text and Markdown list only links carrying a kept type and drop the sections of
    excluded added/omitted sentences; the summary says the view is filtered."""
    kept = cgtn_vs_relay.filtered(only="number")
    text = kept.to_text()
    assert "Linked sentences" in text and f"1 of {len(kept.links)}" in text
    assert "Added by" not in text and "Omitted by" not in text
    assert "Filtered: only number." in text
    assert "attribution (1)" not in text and "number (1)" in text
    assert "flags: number\n" in text and "flags: number, reworded" not in text
    md = kept.filtered(exclude="number").to_markdown()
    assert "## Added by" not in md and "None." in md
    html = cgtn_vs_relay.filtered(exclude="added,omitted").to_html()
    assert "Filtered: excluding added, omitted." in html


def test_cli_only_and_exclude_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The command line applies --only/--exclude to JSON, which records the filter and stays
    valid against the schema."""
    assert 0 == main(["-f", "json", "--exclude", "added,omitted", CGTN, RELAY])
    data = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert {"only": [], "exclude": ["added", "omitted"]} == data["filter"]
    assert not {"added", "omitted"} & {f["type"] for f in data["findings"]}
    assert data["omitted"] and data["added"]  # the alignment is whole
    assert 0 == main(["-f", "json", "--only", "Number", CGTN, RELAY, REWORDED])
    many = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(load_collation_schema()).validate(many)
    types = {
        f["type"]
        for claim in many["claims"]
        for variant in claim["variants"].values()
        for f in variant["findings"]
    }
    assert {"number"} == types
    assert all(f["type"] == "number" for p in many["pairs"] for f in p["findings"])


def test_cli_unknown_type_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown type: exit 2, one line on stderr listing the allowed types, no output."""
    assert 2 == main(["--only", "number,bogus", CGTN, RELAY])
    out, err = capsys.readouterr()
    assert "" == out
    assert 1 == len(err.splitlines())
    assert "--only: unknown finding type 'bogus'; allowed: omitted, added," in err


def test_collation_filter_keeps_claims(cgtn: Document, relay: Document) -> None:
    """A filtered collation keeps every claim and its coverage; only findings go."""
    many = compare.collate([cgtn, relay, compare.load(REWORDED)])
    kept = many.filtered(only="quote")
    assert [c.members for c in many.claims] == [c.members for c in kept.claims]
    assert all(
        f.type == "quote" for claim in kept.claims for fs in claim.findings.values() for f in fs
    )
    assert all(k.finding.type == "quote" for k in kept.summary.key)
    assert "Filtered: only quote." in kept.to_text()


def test_html_rows_follow_the_filter(cgtn_vs_relay: Comparison) -> None:
    """The HTML draws the rows the text view lists: only links with a kept type, and no
    added or omitted sentence rows once those types are excluded."""
    whole = cgtn_vs_relay.to_html()
    unlinked = len(cgtn_vs_relay.added) + len(cgtn_vs_relay.omitted)
    assert whole.count('<tr id="') == len(cgtn_vs_relay.links) + unlinked
    number = cgtn_vs_relay.filtered(only="number").to_html()
    with_number = [link for link in cgtn_vs_relay.links if "number" in link.flags]
    assert 1 == len(with_number)
    assert 1 == number.count('<tr id="')
    linked_only = cgtn_vs_relay.filtered(exclude="added,omitted").to_html()
    assert len(cgtn_vs_relay.links) == linked_only.count('<tr id="')
    assert "row k-added" not in linked_only and "row k-omitted" not in linked_only
