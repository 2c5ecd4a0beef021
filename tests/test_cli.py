"""The command line, run in-process: output formats, labels, standard input, exit codes, errors."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

import compare
from compare import cli
from compare.cli import main
from compare.model import Document
from compare.options import SCALAR_OPTIONS, allowed_values

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
CGTN = str(READOUTS / "call-cgtn-chinese-readout.txt")
RELAY = str(READOUTS / "call-syrian-readout-relay.txt")


def run(argv: Sequence[str]) -> int:
    """Run main() and return its exit code, whether returned or raised by argparse."""
    try:
        return main(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def row(lines: Sequence[str], name: str) -> list[str]:
    """The words of the first line of the sources table that starts with ``name`` (the table
    follows the summary)."""
    return next(line.split() for line in lines if line.split()[:1] == [name])


def index_of(doc: Document, snippet: str) -> int:
    """The index of the one sentence of ``doc`` containing ``snippet``."""
    [index] = [s.index for s in doc.sentences if snippet in s.text]
    return index


def test_text_output(capsys: pytest.CaptureFixture[str], cgtn: Document, relay: Document) -> None:
    """The text view has the summary and the linked 'attaches great importance' pair, no colour."""
    assert 0 == run([CGTN, RELAY, "--label", "CGTN", "--label", "SANA"])
    out, err = capsys.readouterr()
    assert "" == err
    assert "\x1b" not in out
    result = compare.compare(cgtn, relay)
    relations = [link.relation for link in result.links]
    lines = out.splitlines()
    words = [" ".join(line.split()) for line in lines]
    assert ["Source", "CGTN", "SANA"] == row(lines, "Source")
    assert ["Date", "2021-11-05", "2021-11-06"] == row(lines, "Date")
    assert ["Sentences", str(len(cgtn.sentences)), str(len(relay.sentences))] == row(
        lines, "Sentences"
    )
    assert (
        f"Linked {len(result.links)} same {relations.count('same')}, "
        f"reworded {relations.count('reworded')}, partial {relations.count('partial')}"
    ) in words
    assert f"Added {len(result.added)} by SANA (not in CGTN)" in words
    assert f"Omitted {len(result.omitted)} by SANA (only in CGTN)" in words
    i = index_of(cgtn, "Xi said China attaches great importance") + 1
    j = index_of(relay, "From his side, President Xi said China attaches") + 1
    [head] = [k for k, line in enumerate(lines) if line.startswith(f"CGTN {i} ↔ SANA {j} · ")]
    assert "{+From his side, President+} Xi said China attaches great importance" in lines[head + 1]


def test_default_labels_are_file_names(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --label, documents are named after their files."""
    assert 0 == run([CGTN, RELAY])
    out = capsys.readouterr().out
    assert ["Source", "call-cgtn-chinese-readout", "call-syrian-readout-relay"] == (
        row(out.splitlines(), "Source")
    )
    assert "Added by call-syrian-readout-relay (not in call-cgtn-chinese-readout): " in out


def test_one_label_names_the_first_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Labels apply in file order; a missing one falls back to the file name."""
    assert 0 == run(["--label", "A", CGTN, RELAY])
    out = capsys.readouterr().out
    assert ["Source", "A", "call-syrian-readout-relay"] == row(out.splitlines(), "Source")


def test_json_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json -o FILE writes the comparison JSON, with labels, and nothing to stdout."""
    target = tmp_path / "out.json"
    argv = ["--format", "json", "-o", str(target), "--label", "A", "--label", "B", CGTN, RELAY]
    assert 0 == run(argv)
    assert ("", "") == capsys.readouterr()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert "compare.comparison/1" == data["schema"]
    assert ("A", "B") == (data["reference"]["label"], data["other"]["label"])
    expected = compare.compare(
        compare.load(CGTN, label="A"), compare.load(RELAY, label="B")
    ).to_json()
    assert expected == target.read_text(encoding="utf-8")


def test_json_to_stdout_and_short_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """-f json prints the same JSON as the library."""
    assert 0 == run(["-f", "json", CGTN, RELAY])
    expected = compare.compare(compare.load(CGTN), compare.load(RELAY)).to_json()
    assert expected == capsys.readouterr().out


def test_option_flags_reach_the_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    """--link-threshold 1 links only sentences scoring 1: here none of the two readouts."""
    assert 0 == run(["-f", "json", "--link-threshold", "1", CGTN, RELAY])
    data = json.loads(capsys.readouterr().out)
    assert [] == data["links"]
    assert len(data["reference"]["sentences"]) == len(data["omitted"])


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """'-' reads the other account from standard input."""
    data = Path(RELAY).read_bytes()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
    assert 0 == run(["-f", "json", "--label", "CGTN", CGTN, "-"])
    out = json.loads(capsys.readouterr().out)
    assert ("CGTN", "stdin") == (out["reference"]["label"], out["other"]["label"])
    expected = compare.compare(compare.load(CGTN), compare.load(RELAY)).to_dict()
    assert expected["links"] == out["links"]
    assert expected["added"] == out["added"]


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints usage with the program name and exits 0."""
    with pytest.raises(SystemExit) as excinfo:
        main(["--help"])
    assert 0 == excinfo.value.code
    out = capsys.readouterr().out
    assert out.startswith("usage: compare-accounts")
    assert "--link-threshold" in out


def test_help_explains_each_option(capsys: pytest.CaptureFixture[str]) -> None:
    """--help takes each option's help from its Options docstring, lists allowed names."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--link-threshold X Minimum similarity for two sentences to be linked" in out
    assert "(default 0.45)" in out
    assert "One of: ratio, token_sort_ratio, token_set_ratio, partial_ratio." in out
    assert "--language NAME Language of the word lists" in out
    assert "One of: auto, ar, en, zh" in " ".join(out.split())
    assert "``" not in out and ":data:" not in out


def test_option_flags_name_values_exactly_where_options_list_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A flag shows NAME where its option accepts listed names, X where it takes a number (the
    parser decides by the default's type, without reading the list of languages)."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for name in SCALAR_OPTIONS:
        metavar = "NAME" if allowed_values(name) else "X"
        assert f"--{name.replace('_', '-')} {metavar} " in out


def test_a_folder_compares_its_txt_files_in_name_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder stands for its .txt files in name order (the first is the reference); other
    files and hidden ones are left out."""
    folder = tmp_path / "accounts"
    folder.mkdir()
    (folder / "b-relay.txt").write_bytes(Path(RELAY).read_bytes())
    (folder / "a-cgtn.txt").write_bytes(Path(CGTN).read_bytes())
    (folder / "notes.md").write_text("Not an account.", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Not an account either.", encoding="utf-8")
    assert 0 == run(["--format", "json", str(folder)])
    data = json.loads(capsys.readouterr().out)
    assert "compare.comparison/1" == data["schema"]
    assert ("a-cgtn", "b-relay") == (data["reference"]["id"], data["other"]["id"])
    (folder / "c-copy.txt").write_bytes(Path(RELAY).read_bytes())
    assert 0 == run(["--format", "json", str(folder)])
    ids = [d["id"] for d in json.loads(capsys.readouterr().out)["documents"]]
    assert ["a-cgtn", "b-relay", "c-copy"] == ids


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, str]:
    """Files that cannot be read as accounts."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    no_text = tmp_path / "folder"
    no_text.mkdir()
    (no_text / "notes.md").write_text("Xi spoke.", encoding="utf-8")
    return {
        "missing": str(tmp_path / "missing.txt"),
        "directory": str(no_text),
        "empty": str(empty),
        "binary": str(binary),
        "unwritable": str(tmp_path / "no-such-folder" / "out.txt"),
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["{missing}", RELAY], "no such file", id="missing-file"),
        pytest.param(["{directory}", RELAY], "no .txt files", id="folder-without-txt"),
        pytest.param([CGTN, "{empty}"], "no text", id="empty-file"),
        pytest.param([CGTN, "{binary}"], "binary", id="binary-file"),
        pytest.param(["--format", "xml", CGTN, RELAY], "--format", id="bad-format"),
        pytest.param(["--link-threshold", "2", CGTN, RELAY], "link_threshold", id="threshold-2"),
        pytest.param(["--link-threshold", "x", CGTN, RELAY], "--link-threshold", id="not-float"),
        pytest.param(["--fuzzy-scorer", "nope", CGTN, RELAY], "fuzzy_scorer", id="bad-scorer"),
        pytest.param(["--detail-min-words", "0", CGTN, RELAY], "detail_min_words", id="zero"),
        pytest.param(["--width", "0", CGTN, RELAY], "width", id="width-0"),
        pytest.param(
            ["--label", "A", "--label", "B", "--label", "C", CGTN, RELAY], "label", id="labels"
        ),
        pytest.param(["collate", CGTN, RELAY, CGTN], "has no collate command", id="collate"),
        pytest.param([CGTN], "OTHER", id="one-file"),
        pytest.param([str(READOUTS / "README.md")], "OTHER", id="one-file-not-a-folder"),
        pytest.param(["-", "-"], "standard input", id="stdin-twice"),
        pytest.param(["-o", "{unwritable}", CGTN, RELAY], "cannot write", id="unwritable-output"),
    ],
)
def test_errors_exit_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bad_inputs: dict[str, str],
    argv: list[str],
    message: str,
) -> None:
    """Bad usage or input: exit 2, one line on stderr naming the problem, no traceback."""
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"Xi spoke.")))
    args = [a.format(**bad_inputs) if a.startswith("{") else a for a in argv]
    try:
        code = run(args)
    except Exception as exc:  # an escaping exception is the failure reported
        pytest.fail(f"{type(exc).__name__} escaped main(): {exc}")
    out, err = capsys.readouterr()
    assert 2 == code
    assert "" == out
    assert 1 == len(err.splitlines()), err
    assert err.startswith("compare-accounts: error: ")
    assert message in err
    assert "Traceback" not in err


def test_no_output_file_is_left_on_input_error(tmp_path: Path) -> None:
    """When an input is bad, -o FILE is not created."""
    target = tmp_path / "out.txt"
    assert 2 == run(["-o", str(target), CGTN, str(tmp_path / "missing.txt")])
    assert not target.exists()


def test_python_dash_m_compare(tmp_path: Path) -> None:
    """`python -m compare REF OTHER` works end to end in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "--format", "json", CGTN, RELAY],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert (0, "") == (proc.returncode, proc.stderr)
    data = json.loads(proc.stdout)
    assert "compare.comparison/1" == data["schema"]
    assert "call-syrian-readout-relay" == data["other"]["id"]


def test_three_files_give_a_collation_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Three files: the compare.collation/1 JSON of the library, labels applied in file order."""
    newsweek = str(READOUTS / "call-newsweek-report.txt")
    argv = ["-f", "json", "--label", "A", "--label", "B", "--label", "C", CGTN, RELAY, newsweek]
    assert 0 == run(argv)
    out, err = capsys.readouterr()
    assert "" == err
    docs = [compare.load(p, label=x) for p, x in ((CGTN, "A"), (RELAY, "B"), (newsweek, "C"))]
    assert compare.collate(docs).to_json() == out
    assert "compare.collation/1" == json.loads(out)["schema"]


def test_three_files_text_view_is_the_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    """Three files in the text view: the collation's matrix, as Collation.to_text() draws it."""
    reworded = str(READOUTS / "call-reworded-report.txt")
    assert 0 == run(["--width", "100", CGTN, RELAY, reworded])
    out = capsys.readouterr().out
    docs = [compare.load(p) for p in (CGTN, RELAY, reworded)]
    assert compare.collate(docs).to_text(width=100) == out
    assert out.startswith("Collation of 3 accounts: ")
    assert "== Claims × sources ==" in out.splitlines()


def test_the_same_file_twice_is_collated_under_distinct_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A file given twice is two sources: the second gets the id suffix -2, and every claim of
    the copy's sentences is shared by both."""
    assert 0 == run(["-f", "json", CGTN, RELAY, RELAY])
    data = json.loads(capsys.readouterr().out)
    ids = [d["id"] for d in data["documents"]]
    assert ["call-cgtn-chinese-readout", "call-syrian-readout-relay",
            "call-syrian-readout-relay-2"] == ids  # fmt: skip
    for claim in data["claims"]:
        if "call-syrian-readout-relay" in claim["members"]:
            assert claim["members"]["call-syrian-readout-relay"] == claim["members"].get(
                "call-syrian-readout-relay-2"
            )


# -- terminal safety: control characters, output errors, limits, progress ------------------------

ESCAPES = "\x1b[31mRED\x1b]0;title\x07"
"""A colour change and an OSC window-title sequence, as a hostile document or file name holds."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_file(tmp_path: Path) -> Path:
    """A file whose name and text hold escape sequences, a C1 CSI and a bidi override."""
    path = tmp_path / f"name{ESCAPES}.txt"
    path.write_text(
        f"The minister said {ESCAPES} the talks would continue.\n\n"
        "Officials \x9b2J expect the bridge to \u202eopen in the spring.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("collation", [False, True])
def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, collation: bool
) -> None:
    """Escapes in a document, a label and a file name are shown harmless; the rest stays visible."""
    hostile = str(hostile_file(tmp_path))
    inputs = [hostile, RELAY, CGTN] if collation else [hostile, RELAY]
    assert 0 == run(["-f", fmt, "--label", f"L{ESCAPES}", *inputs])
    out, err = capsys.readouterr()
    assert [] == [c for c in RAW[:3] if c in out + err]
    # A bidi override reorders the rest of a terminal line; a web page confines it to its cell.
    assert ("\u202e" in out) == (fmt == "html")
    assert "L\ufffd[31mRED\ufffd]0;title\ufffd" in out.replace("\\", "")  # Markdown escapes [ ]
    assert "The minister said" in out


def test_json_keeps_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON escapes every control character, C1 and bidi too, and reads back as the same text."""
    path = hostile_file(tmp_path)
    assert 0 == run(["-f", "json", "--label", f"L{ESCAPES}", str(path), RELAY])
    out, _ = capsys.readouterr()
    assert [] == [c for c in RAW if c in out]
    data = json.loads(out)
    assert f"L{ESCAPES}" == data["reference"]["label"]
    assert (
        compare.load(path)
        .text[: data["reference"]["sentences"][-1]["end"]]
        .endswith(data["reference"]["sentences"][-1]["text"])
    )
    assert "\x9b2J" in data["reference"]["sentences"][1]["text"]


def test_error_messages_show_escapes_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file whose name holds escape sequences: one line, no raw control character."""
    missing = str(tmp_path / f"gone{ESCAPES}.txt")
    assert 2 == run([missing, RELAY])
    _, err = capsys.readouterr()
    assert [] == [c for c in RAW if c in err]
    assert 1 == len(err.splitlines())
    assert "gone\ufffd[31mRED\ufffd]0;title\ufffd.txt: no such file" in err


def test_undecodable_file_name_does_not_crash_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name that is not UTF-8 (a lone surrogate in Python) renders in every format."""
    name = os.fsdecode(b"bad\x9bname.txt")
    (tmp_path / name).write_text("The minister spoke on Tuesday.\n", encoding="utf-8")
    for fmt in ("html", "text", "markdown"):
        assert 0 == run(["-f", fmt, str(tmp_path / name), RELAY])
        out, err = capsys.readouterr()
        assert "" == err
        assert "\udc9b" not in out and "bad\ufffdname" in out


def small_pair(tmp_path: Path) -> list[str]:
    """Two short documents as files, quick to compare in a fresh interpreter."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The minister said the talks would continue. Rain fell.\n", encoding="utf-8")
    b.write_text("The minister said talks would go on. Officials agreed.\n", encoding="utf-8")
    return [str(a), str(b)]


def run_process(argv: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m compare`` in a fresh interpreter, stderr captured."""
    return subprocess.run(
        [sys.executable, "-m", "compare", *argv], stderr=subprocess.PIPE, timeout=120,
        check=False, **kwargs,  # type: ignore[call-overload]
    )  # fmt: skip


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("to_file", [False, True])
def test_full_disk_is_one_line_and_exit_2(tmp_path: Path, to_file: bool) -> None:
    """Standard output (or -o) on a full disk: exit 2, one line, no traceback at shutdown."""
    argv = [*small_pair(tmp_path), "-f", "html"]
    if to_file:
        proc = run_process([*argv, "-o", "/dev/full"], stdout=subprocess.DEVNULL)
        expected = "compare-accounts: error: cannot write /dev/full: No space left on device\n"
    else:
        with open("/dev/full", "wb") as full:
            proc = run_process(argv, stdout=full)
        expected = (
            "compare-accounts: error: cannot write to standard output: No space left on device\n"
        )
    assert (2, expected) == (proc.returncode, proc.stderr.decode())


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """The reader of standard output goes away: exit 141 (128 + SIGPIPE), nothing on stderr."""
    with subprocess.Popen(
        [sys.executable, "-m", "compare", *small_pair(tmp_path), "-f", "html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before the child has imported anything, let alone written
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert (141, b"") == (code, err)


def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Standard output closed (``>&-``): exit 2 with one line; with -o FILE the run works."""
    proc = run_process(small_pair(tmp_path), preexec_fn=lambda: os.close(1))
    message = (
        "compare-accounts: error: standard output is closed; pass -o FILE to write the output\n"
    )
    assert (2, message) == (proc.returncode, proc.stderr.decode())
    target = tmp_path / "out.json"
    argv = [*small_pair(tmp_path), "-f", "json", "-o", str(target)]
    proc = run_process(argv, preexec_fn=lambda: os.close(1))
    assert (0, b"") == (proc.returncode, proc.stderr)
    assert "compare.comparison/1" == json.loads(target.read_text(encoding="utf-8"))["schema"]


def test_over_the_limit_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's '1. '*2000 pair: refused in one line naming the option; lifted, it runs."""
    ones = tmp_path / "ones.txt"
    ones.write_text("1. " * 2000, encoding="utf-8")
    assert 2 == run([str(ones), str(ones)])
    _, err = capsys.readouterr()
    assert 1 == len(err.splitlines())
    assert err.startswith("compare-accounts: error: REF × OTHER = 2,000 × 2,000 sentences: about")
    assert err.rstrip().endswith("pass --max-linkable N (or Options(max_linkable=N)) to lift it")
    ones.write_text("1. " * 40, encoding="utf-8")
    assert 2 == run([str(ones), str(ones), "--max-pairs", "1000"])
    assert "1,600 sentence pairs to score, over the limit of 1,000" in capsys.readouterr().err
    assert 0 == run([str(ones), str(ones), "--max-pairs", "1600", "-f", "json"])
    assert 40 == len(json.loads(capsys.readouterr().out)["links"])


def test_out_of_memory_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A MemoryError anywhere (here while loading) is one line and exit 2, not a traceback."""

    def bad_alloc(*args: object, **kwargs: object) -> None:
        raise MemoryError("std::bad_alloc")

    monkeypatch.setattr("compare.cli.load", bad_alloc)
    assert 2 == run([CGTN, RELAY])
    assert "compare-accounts: error: out of memory; compare smaller documents\n" == (
        capsys.readouterr().err
    )


class FakeTerminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        """Claim to be a terminal."""
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_on_a_terminal_unless_quiet(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], quiet: bool
) -> None:
    """On a terminal stderr a progress line is drawn and erased at the end; --quiet draws none."""
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr("compare.cli.STATUS_DELAY", 0.0)
    assert 0 == run([CGTN, RELAY, "-f", "json", *(["--quiet"] if quiet else [])])
    drawn = terminal.getvalue()
    if quiet:
        assert "" == drawn
    else:
        assert drawn.startswith("\rcompare-accounts: ")
        assert drawn.endswith("\r\x1b[K")
    assert capsys.readouterr().out.startswith("{")


def test_progress_line_names_stage_and_counts() -> None:
    """The progress line says the stage, its count and the seconds so far."""
    status = cli._Status(FakeTerminal(), delay=60.0)
    try:
        status("scoring", 0, 4_000_000)
        assert re.fullmatch(
            r"compare-accounts: scoring \(4,000,000 sentence pairs\) · \d+ s", status.line()
        )
        status("classifying", 12, 868)
        assert re.fullmatch(r"compare-accounts: classifying 12/868 · \d+ s", status.line())
        status("2 of 3: aligning", 0, 1)
        assert re.fullmatch(r"compare-accounts: 2 of 3: aligning 1 of 1 · \d+ s", status.line())
        status("collating events", 5, 20)  # compare corpus: a bar per stage
        bar = r"collating events \[#####\.{15}\] 5/20"
        assert re.fullmatch(rf"compare-accounts: {bar} · \d+ s", status.line())
    finally:
        status.close()


def test_readme_shows_the_real_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's work-limit example prints what the command prints to stderr today."""
    readme = (READOUTS.parent.parent / "README.md").read_text(encoding="utf-8")
    command = "$ printf '1. %.0s' $(seq 2000) > ones.txt; python -m compare ones.txt ones.txt\n"
    shown = readme.split(command)[1].split("```")[0]
    ones = tmp_path / "ones.txt"
    ones.write_text("1. " * 2000, encoding="utf-8")  # what the printf writes
    assert 2 == run([str(ones), str(ones)])
    assert shown == capsys.readouterr().err


def test_unencodable_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Standard output in ASCII cannot carry the view's rules (─): exit 2, one line, the fix."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = run_process([CGTN, RELAY], stdout=subprocess.PIPE, env=env)
    assert (2, b"") == (proc.returncode, proc.stdout)
    assert proc.stderr.decode().startswith(
        "compare-accounts: error: cannot write to standard output"
    )
    assert proc.stderr.decode().endswith(
        "set PYTHONIOENCODING=utf-8 or pass -o FILE (always UTF-8)\n"
    )


def test_encoding_names_the_inputs_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Windows-1252 file: exit 2 with one line without --encoding, compared with it."""
    ref = tmp_path / "ref.txt"
    ref.write_bytes("The café’s owner said “no” on Monday.".encode("cp1252"))
    other = tmp_path / "other.txt"
    other.write_text("The café’s owner said “yes” on Monday.", encoding="utf-8")
    assert 2 == main([str(ref), str(other)])
    err = capsys.readouterr().err
    assert 1 == len(err.splitlines()) and "--encoding" in err
    assert 2 == main([str(ref), str(other), "--encoding", "klingon"])
    assert "unknown encoding 'klingon'" in capsys.readouterr().err
    # the named encoding applies to every text input
    other.write_bytes(other.read_text(encoding="utf-8").encode("cp1252"))
    assert 0 == main([str(ref), str(other), "--encoding", "cp1252", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "The café’s owner said “no” on Monday." == data["reference"]["sentences"][0]["text"]
    assert "The café’s owner said “yes” on Monday." == data["other"]["sentences"][0]["text"]
    assert [([0], [0])] == [(link["ref"], link["other"]) for link in data["links"]]
