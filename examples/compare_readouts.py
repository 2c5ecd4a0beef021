"""What does the Syrian relay of the Xi–Assad call (5 Nov 2021) do with the Chinese readout?

Compares the Syrian presidency's account, as relayed by an outlet (the "other"), with CGTN's
Chinese readout of the same call (the reference), then prints the sentences only the relay has,
the sentences it leaves out, and the sentences the two accounts share, with relation and score.
Sentences are numbered from 1, as in every view for people (the API's indices count from 0).

Run it from anywhere::

    .venv/bin/python examples/compare_readouts.py
"""

from pathlib import Path

import compare

READOUTS = Path(__file__).resolve().parent / "readouts"


def show(title: str, doc: compare.Document, indices: tuple[int, ...]) -> None:
    """Print a heading and the given sentences of a document, one per line, numbered from 1."""
    print(f"\n{title} ({len(indices)})")
    for i in indices:
        print(f"  {i + 1}. {doc.sentences[i].text}")


def numbers(indices: tuple[int, ...]) -> str:
    """Sentence numbers for people: 1-based, joined with +."""
    return "+".join(str(i + 1) for i in indices)


def main() -> None:
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN (Chinese readout)")
    other = compare.load(READOUTS / "call-syrian-readout-relay.txt", label="Syrian relay")
    result = compare.compare(ref, other)

    print(f"{other.label} ({len(other.sentences)} sentences) vs {ref.label} (reference, "
          f"{len(ref.sentences)} sentences)")  # fmt: skip
    show(f"Only in the {other.label} (added)", other, result.added)
    show(f"Left out by the {other.label} (omitted)", ref, result.omitted)

    print(f"\nIn both accounts ({len(result.links)} links)")
    for link in result.links:
        ref_text = " ".join(ref.sentences[i].text for i in link.ref)
        other_text = " ".join(other.sentences[j].text for j in link.other)
        print(f"  {link.relation}, score {link.score:.2f}: {ref.label} {numbers(link.ref)} ~ "
              f"{other.label} {numbers(link.other)}")  # fmt: skip
        print(f"    {ref.label}: {ref_text}")
        print(f"    {other.label}: {other_text}")


if __name__ == "__main__":
    main()
