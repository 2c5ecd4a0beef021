"""Findings and links as rows (issue 12): ``--format csv`` with full sentences and words, safe in
a spreadsheet, and ``to_dataframe()`` behind the pandas extra."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

import compare
from _extras import pandas_extra
from compare.cli import main
from compare.model import Comparison, Document
from compare.report.table import COLUMNS, EXTRA_MESSAGE

READOUTS = Path(__file__).resolve().parent.parent / "examples" / "readouts"
CGTN = str(READOUTS / "call-cgtn-chinese-readout.txt")
RELAY = str(READOUTS / "call-syrian-readout-relay.txt")
REWORDED = str(READOUTS / "call-reworded-report.txt")


def rows(text: str) -> list[dict[str, str]]:
    """Parse CSV text into rows, checking the header is :data:`COLUMNS`."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert list(COLUMNS) == reader.fieldnames
    return list(reader)


def test_one_row_per_link_and_finding_with_full_text(cgtn_vs_relay: Comparison) -> None:
    """Every link and finding is a row; sentences are whole where JSON's detail is cut with …;
    numbers are 1-based; a finding on a link carries its score."""
    table = rows(cgtn_vs_relay.to_csv())
    assert len(cgtn_vs_relay.links) == sum(r["row"] == "link" for r in table)
    assert len(cgtn_vs_relay.findings) == sum(r["row"] == "finding" for r in table)
    ref, other = cgtn_vs_relay.reference, cgtn_vs_relay.other
    omitted = next(r for r in table if r["type"] == "omitted")
    first = cgtn_vs_relay.omitted[0]
    assert str(first + 1) == omitted["ref_sentences"]
    assert ref.sentences[first].text == omitted["ref_text"]
    number = next(r for r in table if r["type"] == "number")
    assert "Friday" == number["ref_words"]
    link = next(x for x in cgtn_vs_relay.links if "number" in x.flags)
    assert f"{link.score}" == number["score"]
    assert " ".join(other.sentences[j].text for j in link.other) == number["other_text"]
    start, end = (int(x) for x in number["ref_spans"].split("-"))
    assert "Friday" == ref.text[start:end]
    cut = next(f for f in cgtn_vs_relay.findings if f.type == "reworded" and "…" in f.detail)
    row = next(r for r in table if r["type"] == "reworded" and r["detail"] == cut.detail)
    assert "…" not in row["ref_words"] + row["other_words"]  # the words in full


def test_formula_cells_are_prefixed() -> None:
    """Cells a spreadsheet would run (= + - @) start with ' instead; others are untouched."""
    ref = Document.from_text("=HYPERLINK(1) is a formula. Calm words stay calm.", label="@ref")
    other = Document.from_text("-2+3 the count. Calm words stay calm.", label="+other")
    table = rows(compare.compare(ref, other).to_csv())
    cells = [v for r in table for v in r.values() if v]
    assert not [v for v in cells if v[0] in "=+-@"]
    assert "'=HYPERLINK(1) is a formula." in cells
    assert "'-2+3 the count." in cells
    assert {"'@ref"} == {r["reference"] for r in table}
    assert {"'+other"} == {r["other"] for r in table}
    assert "Calm words stay calm." in cells


def test_cli_csv_and_collation_rows(capsys: pytest.CaptureFixture[str]) -> None:
    """--format csv writes the rows; a collation adds a claim row per claim, its links and
    findings named by claim; filters apply."""
    assert 0 == main(["--format", "csv", "--only", "number", CGTN, RELAY, REWORDED])
    table = rows(capsys.readouterr().out)
    many = compare.collate([compare.load(p) for p in (CGTN, RELAY, REWORDED)])
    assert len(many.claims) == sum(r["row"] == "claim" for r in table)
    assert sum(len(c.variants) for c in many.claims) == sum(r["row"] == "link" for r in table)
    assert {"number"} == {r["type"] for r in table if r["row"] == "finding"}
    unique = next(r for r in table if r["row"] == "claim" and r["type"] == "unique")
    assert unique["detail"].startswith("1 of 3 sources: ")


@pytest.fixture
def no_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import pandas`` fail as it does without the extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)


@pytest.mark.usefixtures("no_pandas")
def test_without_pandas_one_line_error(cgtn_vs_relay: Comparison) -> None:
    """Without the extra, to_dataframe() raises MissingExtraError saying how to install it."""
    with pytest.raises(compare.MissingExtraError) as excinfo:
        cgtn_vs_relay.to_dataframe()
    assert EXTRA_MESSAGE == str(excinfo.value)
    assert isinstance(excinfo.value, ImportError)


def test_dataframe_holds_the_rows(cgtn_vs_relay: Comparison) -> None:
    """to_dataframe() has the CSV's columns and rows, a float score column, raw values."""
    pandas_extra()
    frame = cgtn_vs_relay.to_dataframe()
    assert list(COLUMNS) == list(frame.columns)
    assert len(cgtn_vs_relay.links) + len(cgtn_vs_relay.findings) == len(frame)
    assert "float64" == str(frame["score"].dtype)
    numbers = frame[frame["type"] == "number"]
    assert ["Friday"] == list(numbers["ref_words"])
    assert frame[frame["type"] == "omitted"]["score"].isna().all()
    collation = compare.collate([compare.load(p) for p in (CGTN, RELAY, REWORDED)])
    assert len(rows(collation.to_csv())) == len(collation.to_dataframe())
