"""tests/_extras.py: where the optional tests find their browser and data, and when they skip."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

from pathlib import Path

import pytest

import _extras


def fake_browsers(folder: Path, *names: str) -> Path:
    """A folder of executable stand-ins named ``names``, for use as the whole PATH."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\n", encoding="utf-8")
        path.chmod(0o755)
    return folder


@pytest.fixture
def bare(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No browser settings, and Playwright looking for its own browsers in an empty folder."""
    for name in (_extras.CHROMIUM, _extras.REQUIRE, _extras.EVAL_DIR):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "no-playwright-browsers"))
    return monkeypatch


def test_path_order(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """chromium comes before google-chrome; chromium-browser is found when it is the only one."""
    both = fake_browsers(tmp_path / "both", "google-chrome", "chromium")
    bare.setenv("PATH", str(both))
    assert (both / "chromium", "chromium on PATH") == _extras.find_browser()
    ubuntu = fake_browsers(tmp_path / "ubuntu", "chromium-browser")
    bare.setenv("PATH", str(ubuntu))
    assert (ubuntu / "chromium-browser", "chromium-browser on PATH") == _extras.find_browser()


def test_compare_chromium_wins(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """COMPARE_CHROMIUM is used before anything on PATH, as a path or as a command name."""
    on_path = fake_browsers(tmp_path / "bin", "chromium", "my-chrome")
    mine = fake_browsers(tmp_path / "opt", "chrome") / "chrome"
    bare.setenv("PATH", str(on_path))
    bare.setenv(_extras.CHROMIUM, str(mine))
    assert (mine, "from COMPARE_CHROMIUM") == _extras.find_browser()
    bare.setenv(_extras.CHROMIUM, "my-chrome")
    assert (on_path / "my-chrome", "from COMPARE_CHROMIUM") == _extras.find_browser()


def test_compare_chromium_naming_nothing_is_reported(
    bare: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A COMPARE_CHROMIUM that is not executable is the reason given, not passed over."""
    bare.setenv("PATH", str(fake_browsers(tmp_path / "bin", "chromium")))
    bare.setenv(_extras.CHROMIUM, str(tmp_path / "nowhere" / "chrome"))
    path, reason = _extras.find_browser()
    assert path is None
    assert f"COMPARE_CHROMIUM={tmp_path / 'nowhere' / 'chrome'} is not an executable" in reason


def test_no_browser_at_all(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Nothing on PATH and no browser downloaded by Playwright: None and the install hint."""
    bare.setenv("PATH", str(fake_browsers(tmp_path / "bin", "python3")))
    assert (None, _extras.NO_BROWSER) == _extras.find_browser()


def test_missing_skips_or_fails(bare: pytest.MonkeyPatch) -> None:
    """The same line skips the test, or fails it when COMPARE_REQUIRE_EXTRAS is 1; 0 is unset."""
    with pytest.raises(pytest.skip.Exception, match=r"^no data here$"):
        _extras.missing("no data here")
    bare.setenv(_extras.REQUIRE, "0")
    with pytest.raises(pytest.skip.Exception):
        _extras.missing("no data here")
    bare.setenv(_extras.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match=r"^no data here \(COMPARE_REQUIRE_EXTRAS"):
        _extras.missing("no data here")


def test_eval_data(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """COMPARE_EVAL_DIR moves the data folder; a missing entry skips naming where it should be."""
    assert _extras.REPO.parent / "shared" / "eval" == _extras.eval_dir()
    (tmp_path / "eval" / "ists2016").mkdir(parents=True)
    bare.setenv(_extras.EVAL_DIR, str(tmp_path / "eval"))
    assert tmp_path / "eval" / "ists2016" == _extras.eval_data("ists2016")
    with pytest.raises(pytest.skip.Exception, match=r"readouts_gold\.json .*COMPARE_EVAL_DIR"):
        _extras.eval_data("readouts_gold.json")
