"""The example scripts run as a user would run them, from another directory, and say true things."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(script: str, *args: str, cwd: Path) -> str:
    """Run an example script with this interpreter from ``cwd``; return what it printed."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert 0 == done.returncode, done.stderr
    return done.stdout


def test_compare_readouts_lists_what_the_relay_adds(tmp_path: Path) -> None:
    """compare_readouts.py prints the relay's added Arab-media sentence and the shared quote."""
    out = _run("compare_readouts.py", cwd=tmp_path)
    added = out.split("(added)")[1].split("(omitted)")[0]
    assert "Recent reports in the Arab media claimed" in added
    shared = out.split("In both accounts")[1]
    assert "We welcome the Syrian side" in shared


def test_compare_readouts_numbers_sentences_from_1(tmp_path: Path) -> None:
    """compare_readouts.py numbers sentences as people do: the first omitted CGTN sentence, index
    0 in the API, is printed as 1 (the same number the text view gives it)."""
    import compare

    ref = compare.load(EXAMPLES / "readouts" / "call-cgtn-chinese-readout.txt")
    other = compare.load(EXAMPLES / "readouts" / "call-syrian-readout-relay.txt")
    result = compare.compare(ref, other)
    first = result.omitted[0]
    out = _run("compare_readouts.py", cwd=tmp_path)
    omitted = out.split("(omitted)")[1].split("In both accounts")[0]
    assert f"  {first + 1}. {ref.sentences[first].text}" in omitted
    link = result.links[0]
    assert f"CGTN (Chinese readout) {link.ref[0] + 1}" in out.split("In both accounts")[1]


def test_report_readouts_writes_a_page(tmp_path: Path) -> None:
    """report_readouts.py writes the HTML report where asked and prints its absolute address."""
    target = tmp_path / "r.html"
    out = _run("report_readouts.py", "r.html", cwd=tmp_path)
    assert target.resolve().as_uri() == out.strip()
    assert out.startswith("file:///")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Syrian relay" in page
