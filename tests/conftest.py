"""Shared fixtures: the readouts corpus as documents, the issue's CGTN-vs-relay comparison, and
one headless browser for the tests that open the HTML pages (found by tests/_extras.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import compare
from _extras import BROWSER_ARGS, browser_path
from compare.model import Comparison, Document

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
CGTN = READOUTS / "call-cgtn-chinese-readout.txt"
RELAY = READOUTS / "call-syrian-readout-relay.txt"


@pytest.fixture(scope="session")
def readouts() -> dict[str, Document]:
    """Every readout of examples/readouts, loaded, by file name."""
    return {path.name: compare.load(path) for path in sorted(READOUTS.glob("*.txt"))}


@pytest.fixture(scope="session")
def cgtn() -> Document:
    """The CGTN readout of the Xi-Assad call (the reference of the issue)."""
    return compare.load(CGTN, label="CGTN")


@pytest.fixture(scope="session")
def relay() -> Document:
    """The Syrian readout relay of the same call (the other account of the issue)."""
    return compare.load(RELAY, label="SANA")


@pytest.fixture(scope="session")
def cgtn_vs_relay(cgtn: Document, relay: Document) -> Comparison:
    """CGTN readout as reference, Syrian relay as other, default options."""
    return compare.compare(cgtn, relay)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium driven by Playwright; without one, skips (see tests/_extras.py)."""
    path = browser_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(path), args=BROWSER_ARGS)
        yield b
        b.close()
