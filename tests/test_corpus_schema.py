"""The records ``compare corpus`` writes hold to their shipped JSON Schemas (issue 13: "each with
a versioned schema"): every line of articles.jsonl, events.jsonl and reuse.jsonl, each event's
collation against ``compare.collation/1``, and the same rows read back from Parquet."""

# ruff: noqa: SIM300

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest

from compare import CompareError
from compare.corpus.output import write_corpus
from compare.report.corpus import ARTICLE_SCHEMA, EVENT_SCHEMA, REUSE_SCHEMA
from compare.report.json import load_collation_schema, load_corpus_schema
from conftest import READOUTS

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"
KINDS = {"article": ARTICLE_SCHEMA, "event": EVENT_SCHEMA, "reuse": REUSE_SCHEMA}
FILES = {"articles": ARTICLE_SCHEMA, "events": EVENT_SCHEMA, "reuse": REUSE_SCHEMA}


def _validators() -> dict[str, jsonschema.Draft202012Validator]:
    out = {}
    for kind, schema_id in KINDS.items():
        schema = load_corpus_schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema_id == schema["$id"] == schema["properties"]["schema"]["const"]
        out[schema_id] = jsonschema.Draft202012Validator(schema)
    return out


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check(records: dict[str, list[dict[str, Any]]]) -> None:
    """Each record valid against the schema its ``schema`` field names, each collation too."""
    validators = _validators()
    collation = jsonschema.Draft202012Validator(load_collation_schema())
    for name, rows in records.items():
        assert rows, f"no {name} written"
        for row in rows:
            validators[row["schema"]].validate(row)
            assert FILES[name] == row["schema"]
            if name == "events" and row["collation"] is not None:
                collation.validate(row["collation"])


def _texts(path: Path) -> dict[str, str]:
    return {row["id"]: row["text"] for row in _lines(path)}


def test_jsonl_records_hold_to_their_schemas(tmp_path: Path) -> None:
    """The invented three-event corpus (dates, titles, outlets, reuse across events): every
    record is valid; each reused passage's offsets slice its text out of side a's article."""
    out = tmp_path / "out"
    write_corpus(DATA, out, workers=1)
    records = {name: _lines(out / f"{name}.jsonl") for name in ("articles", "events", "reuse")}
    _check(records)
    assert 6 == len(records["articles"])
    assert any(not r["same_event"] for r in records["reuse"])  # the storm warning, quoted
    texts = _texts(DATA)
    for r in records["reuse"]:
        a = r["a"]
        assert texts[a["id"]][a["start"] : a["end"]] == r["text"]


def test_folder_records_and_extra_fields_hold_to_their_schemas(tmp_path: Path) -> None:
    """The readouts folder (two events, one of them a single article: collation null), and a
    JSONL line with a given event and extra fields (kept under ``extra``)."""
    out = tmp_path / "readouts"
    write_corpus(READOUTS, out, workers=1)
    records = {name: _lines(out / f"{name}.jsonl") for name in ("articles", "events")}
    _check(records)
    assert any(r["collation"] is None for r in records["events"])
    rows = [
        {"id": "x1", "text": "The dam opened on Monday.", "event": "dam", "lang": "en", "n": 3},
        {"id": "x2", "text": "A dam was opened on Monday.", "event": "dam"},
    ]
    src = tmp_path / "given.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    write_corpus(src, tmp_path / "given", workers=1)
    articles = _lines(tmp_path / "given" / "articles.jsonl")
    _check({"articles": articles, "events": _lines(tmp_path / "given" / "events.jsonl")})
    assert {"lang": "en", "n": 3} == articles[0]["extra"]
    assert "dam" == articles[0]["given_event"]


def test_parquet_rows_hold_to_the_same_schemas(tmp_path: Path) -> None:
    """Parquet output: each row, its JSON-text columns decoded and its empty cells dropped (but
    an event's null collation), is the JSONL record and valid against the same schema."""
    write_corpus(DATA, tmp_path / "pq", workers=1, parquet=True)
    write_corpus(DATA, tmp_path / "js", workers=1)
    for name in ("articles", "events", "reuse"):
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert FILES[name] == table.schema.metadata[b"compare.schema"].decode()
        rows = []
        for row in table.to_pylist():
            for key in ("extra", "collation"):
                if isinstance(row.get(key), str):
                    row[key] = json.loads(row[key])
            row = {k: v for k, v in row.items() if v is not None or k == "collation"}
            rows.append(row)
        _check({name: rows})
        assert _lines(tmp_path / "js" / f"{name}.jsonl") == rows


def test_unknown_record_kind_is_a_compare_error() -> None:
    with pytest.raises(CompareError, match="one of article, event, reuse"):
        load_corpus_schema("claim")
