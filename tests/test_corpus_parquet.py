"""compare.corpus with Parquet (issue 13): a Parquet file as input, ``--parquet`` output, and the
one-line error naming the pip command when pyarrow is not installed."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compare import InputError, MissingExtraError
from compare.cli import main
from compare.corpus import articles, group, read_articles
from compare.corpus.output import write_corpus

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def _parquet(path: Path, rows: list[dict[str, Any]], **kwargs: Any) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, **kwargs)
    return path


def test_parquet_input_groups_like_jsonl_and_passes_extra_columns(tmp_path: Path) -> None:
    rows = _rows()
    for k, row in enumerate(rows):
        row["date"] = datetime.date.fromisoformat(row["date"])  # an Arrow date32 column
        row["page"] = k + 1
        row["seen"] = datetime.datetime(2026, 3, 2, 12, k)
    path = _parquet(tmp_path / "c.parquet", rows, row_group_size=2)
    arts = list(read_articles(path))
    assert [r["id"] for r in rows] == [a.id for a in arts]
    assert "2026-03-02" == arts[0].date
    assert {"page": 1, "seen": "2026-03-02T12:00:00"} == dict(arts[0].extra)
    assert arts[2].where.endswith("c.parquet:3")
    from_parquet, from_jsonl = group(path), group(DATA)
    assert [e.articles for e in from_jsonl.events] == [e.articles for e in from_parquet.events]
    assert from_jsonl.reuse == from_parquet.reuse


def test_parquet_bad_rows_name_their_row_and_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "BATCH", 2)  # rows 5 and 6 come in the third batch
    rows = _rows()
    rows[4]["id"] = None
    rows[5]["text"] = "  "
    path = _parquet(tmp_path / "c.parquet", rows)
    reader = read_articles(path)
    first = next(iter(reader))
    assert rows[0]["id"] == first.id
    with pytest.raises(InputError, match=r"c\.parquet:5: missing 'id'"):
        list(read_articles(path))
    skipping = read_articles(path, skip_bad=True)
    assert 4 == len(list(skipping))
    assert ["c.parquet:5", "c.parquet:6"] == [m.split(": ")[0][-11:] for m in skipping.skipped]


def test_parquet_without_id_column_or_not_parquet_is_one_error(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "c.parquet", [{"key": "a", "text": "Some text."}])
    with pytest.raises(InputError, match=r"c\.parquet: no 'id' column"):
        list(read_articles(path))
    (tmp_path / "junk.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read as Parquet"):
        list(read_articles(tmp_path / "junk.parquet"))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _table(path: Path) -> tuple[list[dict[str, Any]], str]:
    table = pq.read_table(path)
    return table.to_pylist(), table.schema.metadata[b"compare.schema"].decode()


def test_parquet_output_holds_the_jsonl_records(tmp_path: Path) -> None:
    rows = _rows()
    rows[0]["section"] = {"name": "city", "page": 3}
    source = tmp_path / "c.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = group(source)
    write_corpus(corpus, tmp_path / "j", workers=1)
    write_corpus(corpus, tmp_path / "p", workers=1, parquet=True)
    assert not (tmp_path / "p" / "events.jsonl").exists()
    for name in ("articles", "events", "reuse"):
        lines = _jsonl(tmp_path / "j" / f"{name}.jsonl")
        table, schema = _table(tmp_path / "p" / f"{name}.parquet")
        assert {lines[0]["schema"]} == {schema} == {r["schema"] for r in table}
        assert len(lines) == len(table)
        for line, row in zip(lines, table, strict=True):
            for key in ("extra", "collation"):
                if row.get(key) is not None:
                    row[key] = json.loads(row[key])
            assert line == {k: v for k, v in row.items() if v is not None}
    index = (tmp_path / "j" / "index.html").read_text()
    assert index == (tmp_path / "p" / "index.html").read_text()


def test_without_pyarrow_one_line_names_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _parquet(tmp_path / "c.parquet", _rows())
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingExtraError, match=r'pip install "compare-accounts\[parquet\]"'):
        list(read_articles(path))
    assert 2 == main(["corpus", str(path), "-o", str(tmp_path / "o"), "-q"])
    err = capsys.readouterr().err
    assert 1 == len(err.strip().splitlines())
    assert "compare-accounts[parquet]" in err
    assert 2 == main(["corpus", str(DATA), "-o", str(tmp_path / "o2"), "-q", "--parquet"])
    assert "--parquet output needs the parquet extra" in capsys.readouterr().err
    assert not (tmp_path / "o2").exists()


def test_parquet_corpus_reads_rows_again_by_row_group(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "c.parquet", _rows(), row_group_size=2)
    corpus = group(path)
    first = list(read_articles(path))
    assert [first[k] for k in (5, 0, 3, 4, 1)] == [corpus.articles[k] for k in (5, 0, 3, 4, 1)]
