"""Provenance of reused passages (issue 13): the likely direction from attribution, dates and
rewording, on the bundled readouts and on small invented corpora."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest

from compare import OptionsError
from compare.cli import main
from compare.corpus import Article, Passage, group, read_articles
from conftest import READOUTS

OUTLETS = {
    "call-cgtn-chinese-readout": "CGTN",
    "call-syrian-readout-relay": "Syria Relay",
    "call-newsweek-report": "Newsweek",
    "call-reworded-report": "Reworded Daily",
    "july-wang-yi-meeting": "Xinhua",
}


@pytest.fixture(scope="module")
def readouts() -> tuple[Passage, ...]:
    """The readouts' passages, the articles named by their outlets (dates as the files give:
    CGTN 5 November, the relay and the reworded report 6 November, Newsweek undated)."""
    arts = [attrs.evolve(a, outlet=OUTLETS[a.id]) for a in read_articles(READOUTS)]
    return group(arts).reuse


def test_relay_belt_and_road_quote_comes_from_cgtn(readouts: tuple[Passage, ...]) -> None:
    (quote,) = [p for p in readouts if "Belt and Road Initiative" in p.text]
    assert ("call-cgtn-chinese-readout", "call-syrian-readout-relay") == (quote.a, quote.b)
    assert quote.same_event
    assert "a_to_b" == quote.direction
    assert "attribution: call-syrian-readout-relay says 'according to CGTN'" in quote.evidence
    assert any(
        e.startswith("date: call-cgtn-chinese-readout (2021-11-05) before") for e in quote.evidence
    )


def test_reworded_report_derives_from_newsweek(readouts: tuple[Passage, ...]) -> None:
    pair = [p for p in readouts if {p.a, p.b} == {"call-newsweek-report", "call-reworded-report"}]
    assert len(pair) >= 3  # short verbatim runs left among reworded sentences
    source = "a_to_b" if pair[0].a == "call-newsweek-report" else "b_to_a"
    assert {source} == {p.direction for p in pair}
    for p in pair:
        (why,) = [e for e in p.evidence if e.startswith("rewording:")]
        assert why.endswith("call-reworded-report is a condensed or reworded copy")


def test_without_evidence_the_direction_is_unknown(readouts: tuple[Passage, ...]) -> None:
    """CGTN and the undated Newsweek report share quotes, but neither names the other."""
    pair = [
        p for p in readouts if {p.a, p.b} == {"call-cgtn-chinese-readout", "call-newsweek-report"}
    ]
    assert pair
    assert {"unknown"} == {p.direction for p in pair}


QUOTE = (
    "The harbour authority said the new container terminal would handle two million "
    "containers a year once the second crane line opens in the spring."
)


def _corpus(first: Article, second: Article) -> Passage:
    (passage,) = group([first, second]).reuse
    assert (first.id, second.id) == (passage.a, passage.b)
    return passage


def test_earlier_date_is_the_source_either_way_round() -> None:
    early = Article(
        id="gazette", text=f"Port news. {QUOTE} Dock workers welcomed it.", date="2026-05-01"
    )
    late = Article(
        id="courier", text=f"Shipping roundup: {QUOTE} Fishermen were less sure.", date="2026-05-03"
    )
    assert "a_to_b" == _corpus(early, late).direction
    assert "b_to_a" == _corpus(attrs.evolve(early, id="a-late", date="2026-05-04"), late).direction


def test_attribution_names_the_other_outlet_and_outweighs_the_date() -> None:
    source = Article(
        id="harbour-times", text=f"{QUOTE} More follows.", outlet="Harbour Times", date="2026-05-03"
    )
    taker = Article(
        id="coast-post", outlet="Coast Post", date="2026-05-02",
        text=f"Freight rates fell again. {QUOTE}, the Harbour Times reported. Rates may recover.",
    )  # fmt: skip
    passage = _corpus(taker, source)
    assert "b_to_a" == passage.direction
    assert "attribution: coast-post says 'Harbour Times reported'" in passage.evidence
    assert any(e.startswith("date: coast-post (2026-05-02) before") for e in passage.evidence)
    # the taker names another outlet than the source's: no evidence, no direction
    other = attrs.evolve(source, outlet="Harbour Gazette")
    undated = [attrs.evolve(a, date=None) for a in (taker, other)]
    assert "unknown" == _corpus(*undated).direction


def test_an_outlet_alias_credits_cgtn_for_newsweeks_quotes() -> None:
    """Newsweek says "according to the Beijing account", not CGTN's name: with that name given
    as CGTN's alias (any case of the outlet), the two quotes it follows within 300 characters
    point from CGTN; the third, further up, stays unknown (an attribution is local)."""
    arts = [attrs.evolve(a, outlet=OUTLETS[a.id]) for a in read_articles(READOUTS)]
    reuse = group(arts, outlet_aliases={"cgtn": ["the Beijing account"]}).reuse
    pair = [p for p in reuse if {p.a, p.b} == {"call-cgtn-chinese-readout", "call-newsweek-report"}]
    assert ["call-cgtn-chinese-readout"] * 3 == [p.a for p in pair]
    assert ["unknown", "a_to_b", "a_to_b"] == [p.direction for p in pair]
    why = (
        "attribution: call-newsweek-report says 'according to the Beijing account' "
        "(an alias of CGTN)"
    )
    assert [False, True, True] == [why in p.evidence for p in pair]


@pytest.mark.parametrize(
    "bad",
    [["CGTN"], {"CGTN": 3}, {"CGTN": [""]}, {"": "x"}],
    ids=["list", "number", "empty", "no-outlet"],
)
def test_bad_outlet_aliases_are_refused(bad: object) -> None:
    with pytest.raises(OptionsError, match="outlet_aliases"):
        group(READOUTS, outlet_aliases=bad)  # type: ignore[arg-type]


def _folder(tmp_path: Path) -> Path:
    """The call's readouts in a folder whose files get their outlets from ``outlets.json`` (a
    file, a subfolder) and from the subfolder they lie in."""
    root = tmp_path / "in"
    for sub, name in (
        ("cgtn", "call-cgtn-chinese-readout"), ("relay", "call-syrian-readout-relay"),
        ("", "call-newsweek-report"), ("", "call-reworded-report"),
    ):  # fmt: skip
        (root / sub).mkdir(parents=True, exist_ok=True)
        shutil.copy(READOUTS / f"{name}.txt", root / sub / f"{name}.txt")
    sidecar = {"call-newsweek-report.txt": "Newsweek", "relay/": "Syria Relay"}
    (root / "outlets.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return root


def test_folder_outlets_come_from_the_sidecar_then_the_subfolder(tmp_path: Path) -> None:
    outlets = {a.where.rsplit("/", 1)[-1]: a.outlet for a in read_articles(_folder(tmp_path))}
    assert {
        "call-cgtn-chinese-readout.txt": "cgtn",  # its subfolder
        "call-syrian-readout-relay.txt": "Syria Relay",  # the sidecar's entry for its folder
        "call-newsweek-report.txt": "Newsweek",  # the sidecar's entry for the file
        "call-reworded-report.txt": "call-reworded-report",  # nothing names it: its file
    } == outlets


def test_cli_outlet_aliases_file_attributes_a_folders_articles(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text(json.dumps({"CGTN": ["the Beijing account"]}), encoding="utf-8")
    root = _folder(tmp_path)
    (root / "cgtn" / "call-cgtn-chinese-readout.txt").rename(root / "cgtn" / "readout.txt")
    (root / "outlets.json").write_text(
        json.dumps({"call-newsweek-report.txt": "Newsweek", "cgtn": "CGTN"}), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert 0 == main(["corpus", str(root), "-o", str(out), "-q", "--outlet-aliases", str(aliases)])
    rows = [json.loads(line) for line in (out / "reuse.jsonl").read_text().splitlines()]
    credited = [r for r in rows if any("(an alias of CGTN)" in e for e in r["evidence"])]
    assert 2 == len(credited)
    assert all(r["direction"] in ("a_to_b", "b_to_a") for r in credited)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("aliases", "{not json", "cannot read the outlet aliases"),
        ("aliases", '["CGTN"]', "outlet_aliases must map"),
        ("sidecar", '{"a.txt": 3}', "expected a JSON object of file or folder paths"),
    ],
)
def test_bad_aliases_or_sidecar_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, message: str
) -> None:
    root = _folder(tmp_path)
    bad = tmp_path / "aliases.json" if name == "aliases" else root / "outlets.json"
    bad.write_text(content, encoding="utf-8")
    extra = ["--outlet-aliases", str(bad)] if name == "aliases" else []
    assert 2 == main(["corpus", str(root), "-o", str(tmp_path / "out"), "-q", *extra])
    err = capsys.readouterr().err.strip()
    assert 1 == len(err.splitlines())
    assert message in err
