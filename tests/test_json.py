"""The compare.comparison/1 JSON contract (DESIGN §3): schema, keys, counts, determinism."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare.model import FINDING_TYPES, Comparison, Document
from compare.report.controls import CONTROLS, LONG_TEXT, TERMINAL_CONTROLS, none_in
from compare.report.json import SCHEMA, dumps, load_schema

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
NAMES = sorted(p.name for p in READOUTS.glob("*.txt"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the schema shipped in the package."""
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(("ref", "other"), list(itertools.permutations(NAMES, 2)))
def test_readout_pairs_validate_against_the_schema(
    readouts: dict[str, Document],
    validator: jsonschema.Draft202012Validator,
    ref: str,
    other: str,
) -> None:
    """to_dict() of every readout pair is valid compare.comparison/1, and so is its JSON text."""
    result = compare.compare(readouts[ref], readouts[other])
    data = result.to_dict()
    assert [] == [e.message for e in validator.iter_errors(data)]
    assert data == json.loads(result.to_json())


def test_the_schema_rejects_what_the_contract_forbids(
    cgtn_vs_relay: Comparison, validator: jsonschema.Draft202012Validator
) -> None:
    """The shipped schema is not vacuous: a wrong schema name or relation fails validation."""
    data = cgtn_vs_relay.to_dict()
    wrong_name = {**data, "schema": "compare.comparison/2"}
    wrong_relation = {**data, "links": [{**data["links"][0], "relation": "similar"}]}
    unknown_key = {**data, "extra": 1}
    for bad in (wrong_name, wrong_relation, unknown_key):
        assert not validator.is_valid(bad)


def test_keys_follow_design(cgtn_vs_relay: Comparison) -> None:
    """Top-level, document, sentence, link, diff and finding keys are those of DESIGN §3."""
    data = cgtn_vs_relay.to_dict()
    assert {
        "schema", "reference", "other", "links", "omitted", "added", "findings", "summary",
        "closest",
    } == set(data)  # fmt: skip
    assert "compare.comparison/1" == data["schema"] == SCHEMA
    for side in ("reference", "other"):
        assert {"id", "label", "meta", "sentences"} <= set(data[side])
        assert set(data[side]) <= {"id", "label", "meta", "sentences", "debris"}
        for sentence in data[side]["sentences"]:
            assert {"index", "text", "start", "end"} == set(sentence)
    assert data["links"]
    for link in data["links"]:
        assert {"ref", "other", "score", "relation", "diff", "flags"} == set(link)
        for op in link["diff"]:
            assert {"op", "text"} == set(op)
    assert data["findings"]
    for finding in data["findings"]:
        assert {"type", "ref", "other", "detail"} <= set(finding)
        assert finding["type"] in FINDING_TYPES
    assert {"ref_sentences", "other_sentences", "linked_ref", "linked_other"} | {
        "key_findings",
        "only_ref",
        "only_other",
        "relations",
        "findings",
    } == set(data["summary"])  # the last five: issue 12's summary, optional in the schema
    assert {"omitted", "added"} == set(data["closest"])
    assert data["closest"]["omitted"] and data["closest"]["added"]
    for side in ("omitted", "added"):
        for near in data["closest"][side]:
            assert {"ref", "other", "score"} == set(near)


def test_labels_ids_and_meta(cgtn_vs_relay: Comparison) -> None:
    """Documents carry the labels given, ids from the file names, and parsed meta."""
    data = cgtn_vs_relay.to_dict()
    assert ("CGTN", "SANA") == (data["reference"]["label"], data["other"]["label"])
    assert ("call-cgtn-chinese-readout", "call-syrian-readout-relay") == (
        data["reference"]["id"],
        data["other"]["id"],
    )
    assert {"date": "2021-11-06"} == data["other"]["meta"]


def check_counts(data: dict[str, Any]) -> None:
    """Summary counts agree with the sentences, links, omitted and added lists."""
    summary = data["summary"]
    assert len(data["reference"]["sentences"]) == summary["ref_sentences"]
    assert len(data["other"]["sentences"]) == summary["other_sentences"]
    assert sum(len(link["ref"]) for link in data["links"]) == summary["linked_ref"]
    assert sum(len(link["other"]) for link in data["links"]) == summary["linked_other"]
    assert summary["ref_sentences"] == summary["linked_ref"] + len(data["omitted"])
    assert summary["other_sentences"] == summary["linked_other"] + len(data["added"])
    assert len(data["omitted"]) == sum(f["type"] == "omitted" for f in data["findings"])
    assert len(data["added"]) == sum(f["type"] == "added" for f in data["findings"])
    # each closest candidate belongs to an unlinked sentence, once, in index order
    near_ref = [near["ref"] for near in data["closest"]["omitted"]]
    near_other = [near["other"] for near in data["closest"]["added"]]
    assert sorted(set(near_ref)) == near_ref and set(near_ref) <= set(data["omitted"])
    assert sorted(set(near_other)) == near_other and set(near_other) <= set(data["added"])


@pytest.mark.parametrize(("ref", "other"), list(itertools.permutations(NAMES, 2)))
def test_summary_counts_are_consistent(readouts: dict[str, Document], ref: str, other: str) -> None:
    """For every readout pair the summary adds up."""
    check_counts(compare.compare(readouts[ref], readouts[other]).to_dict())


def test_sentences_are_offsets_into_the_text(cgtn_vs_relay: Comparison) -> None:
    """Each JSON sentence's text is the document text between its start and end."""
    data = cgtn_vs_relay.to_dict()
    for side, doc in (("reference", cgtn_vs_relay.reference), ("other", cgtn_vs_relay.other)):
        for k, sentence in enumerate(data[side]["sentences"]):
            assert k == sentence["index"]
            assert doc.text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_json_text_is_deterministic_and_sorted(cgtn_vs_relay: Comparison) -> None:
    """to_json() is stable, keeps non-ASCII text, sorts keys and ends with a newline."""
    text = cgtn_vs_relay.to_json()
    assert text == cgtn_vs_relay.to_json()
    assert text.endswith("}\n")
    assert "Syria’s" in text  # curly apostrophe of the relay, not an escape
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    compact = cgtn_vs_relay.to_json(indent=None)
    assert "\n" == compact[-1] and "\n" not in compact[:-1]
    assert json.loads(text) == json.loads(compact)


def test_dumps_sorts_keys() -> None:
    """dumps() writes keys in sorted order whatever the dict's insertion order."""
    assert '{"a": 1, "b": [2, "é"]}\n' == dumps({"b": [2, "é"], "a": 1}, indent=None)


_PLAIN = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _PLAIN, max_size=5), st.sampled_from([0, 2, 4]))
def test_dumps_writes_what_the_standard_library_writes(data: dict[str, Any], indent: int) -> None:
    """The one-pass indenting writer gives json.dumps's text (sorted keys, UTF-8 kept), control
    characters and the line and paragraph separators escaped; non-finite floats go to json.dumps
    itself."""
    text = json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False)
    escaped = re.sub(f"[{CONTROLS}\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)
    assert escaped + "\n" == dumps(data, indent=indent)


@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *"a é’—\t\n\x00\x08\x0b\x1f\x7f\x80\x9f\xa0\u202a\u202e\u2066\u2069\u2028",
                *("\ud800", "\udfff", "\ud7ff", "\ue000", "©"),
            ]
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_none_in_is_the_regex_finding_none(text: str, bidi: bool) -> None:
    """The byte searches tell a text without controls exactly as the regular expression does
    (C0 but tab and newline, DEL, C1, lone surrogates; bidi controls when asked)."""
    pattern = re.compile(f"[{CONTROLS if bidi else TERMINAL_CONTROLS}]")
    assert (pattern.search(text) is None) == none_in(text, bidi=bidi)


def test_long_json_keeps_its_controls_escaped() -> None:
    """A JSON text past the length where the byte searches come first still escapes the raw
    controls it holds, and only those (the long path and the short one agree)."""
    text = "x" * LONG_TEXT
    for control in ("\x7f", "\x85", "\u202e", "\ud800"):
        data = {"a": text, "b": f"before{control}after"}
        written = dumps(data)
        assert f"before\\u{ord(control):04x}after" in written
        assert json.loads(written)["b"] == f"before{control}after"
    assert dumps({"a": text}) == json.dumps({"a": text}, indent=2) + "\n"


@pytest.mark.parametrize("size", [10, LONG_TEXT])
def test_a_json_line_holding_line_separators_stays_one_line(size: int) -> None:
    """U+2028 and U+2029 inside a string are escaped (short and long texts alike): a JSONL record
    read back with ``str.splitlines`` is still one record, and parses to the same string."""
    data = {"a": "x" * size, "b": "one\u2028two\u2029three"}
    line = dumps(data, indent=None)
    assert "\\u2028" in line and "\\u2029" in line
    assert [line.rstrip("\n")] == line.splitlines()
    assert data == json.loads(line)
