"""Write the HTML report of the Syrian relay against the Chinese readout of the Xi–Assad call.

Usage: python examples/report_readouts.py [OUTPUT]   (default: readouts-report.html here)

Prints the report's absolute ``file://`` address, to open in a browser. The repository ignores
generated reports (``*-report.html``, .gitignore).
"""

from __future__ import annotations

import sys
from pathlib import Path

import compare

READOUTS = Path(__file__).resolve().parent / "readouts"


def main(argv: list[str]) -> int:
    """Compare the two readouts, write the report, print its absolute file:// address."""
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN")
    other = compare.load(READOUTS / "call-syrian-readout-relay.txt", label="Syrian relay")
    out = Path(argv[1] if len(argv) > 1 else "readouts-report.html")
    out.write_text(compare.compare(ref, other).to_html(), encoding="utf-8")
    print(out.resolve().as_uri())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
