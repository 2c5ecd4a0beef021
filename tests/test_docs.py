"""The README's examples are executable: its CLI block must be what the command prints."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from compare.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _cli_blocks() -> list[tuple[str, str]]:
    """Return (command, printed output) for every ``$ python -m compare`` block in the README."""
    blocks = re.findall(r"```\n\$ (python -m compare [^\n]*)\n(.*?)```", README, flags=re.S)
    return [(cmd, out) for cmd, out in blocks]


def test_readme_has_a_cli_example() -> None:
    """The README shows at least one command with its output."""
    assert _cli_blocks()


@pytest.mark.parametrize(("command", "shown"), _cli_blocks())
def test_readme_cli_output_is_real(
    command: str, shown: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each README CLI block is the beginning of what the command prints today."""
    monkeypatch.chdir(ROOT)
    assert 0 == main(shlex.split(command)[3:])
    printed = capsys.readouterr().out
    assert printed.startswith(shown.rstrip("\n") + "\n")


def test_readme_opens_with_the_two_commands() -> None:
    """The first code block installs and runs the demo, then installs and runs the tests."""
    first = README.split("```")[1]
    assert "pip install -e ." in first and "examples/readouts/" in first
    assert 'pip install -e ".[test,semantic,pandas,web]"' in first and "pytest" in first


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the same checks as the README's test command."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme_checks = (
        README.split("```")[1]
        .split('pip install -e ".[test,semantic,pandas,web]" && ')[1]
        .split("\n")[0]
    )
    for check in readme_checks.split(" && "):
        assert check.strip() in ci
