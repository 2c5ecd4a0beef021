"""Which claim about the Xi–Assad call of 5 Nov 2021 is in which report, and who is alone with it?

Collates four reports of the call: CGTN's Chinese readout, the Syrian relay, the Newsweek report
(quoting both readouts) and its reworded copy. Prints, for each report, what only it says and what
most of the others say but it leaves out; then the claims most widely reported, with how each
report words them. With ``--html FILE`` it also writes the matrix report (rows open into every
report's wording).

Run it from anywhere::

    .venv/bin/python examples/collate_readouts.py [--html calls.html]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import compare

READOUTS = Path(__file__).resolve().parent / "readouts"
REPORTS = {
    "CGTN": "call-cgtn-chinese-readout.txt",
    "Syrian relay": "call-syrian-readout-relay.txt",
    "Newsweek": "call-newsweek-report.txt",
    "Reworded": "call-reworded-report.txt",
}


def short(text: str, limit: int = 90) -> str:
    """Text on one line, cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="also write the HTML matrix report here")
    args = parser.parse_args()

    docs = [compare.load(READOUTS / name, label=label) for label, name in REPORTS.items()]
    result = compare.collate(docs)
    print(f"{len(result.claims)} claims across {len(docs)} reports\n")

    for doc in result.documents:
        cov = result.coverage[doc.id]
        print(f"{doc.label}: carries {len(cov.claims)}, alone with {len(cov.unique)}, "
              f"lacks {len(cov.missing)} that most others carry")  # fmt: skip
        for claim_id in cov.unique[:3]:
            print(f"  only here: {short(result.claim(claim_id).text)}")
        for claim_id in cov.missing[:3]:
            print(f"  left out:  {short(result.claim(claim_id).text)}")
        print()

    by_id = {d.id: d for d in result.documents}
    print("Most widely reported:")
    for claim_id in result.ranking[:3]:
        claim = result.claim(claim_id)
        rep = by_id[claim.representative]
        print(f"  {claim.id}, {claim.sources} reports; {rep.label}: {short(claim.text)}")
        for doc_id, link in claim.variants.items():
            wording = " ".join(by_id[doc_id].sentences[i].text for i in link.other)
            print(f"    {by_id[doc_id].label}, {link.relation}: {short(wording, 70)}")

    if args.html:
        args.html.write_text(result.to_html(), encoding="utf-8")
        print(f"\nwrote {args.html}")


if __name__ == "__main__":
    main()
