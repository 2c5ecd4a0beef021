"""Shared fixtures: the readouts corpus as documents, and the issue's CGTN-vs-relay comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

import compare
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
