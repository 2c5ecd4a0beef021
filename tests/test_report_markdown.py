"""The Markdown report: exact output on a small hand-built comparison; escaping of source text."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare import Comparison, DiffOp, Document, Finding, Link, Options
from compare.report.markdown import _escape_all, escape, render_markdown


def small() -> Comparison:
    """Two short accounts: one pair reworded, one the same, one sentence omitted, one added."""
    ref = Document.from_text(
        "Xi met Assad on Friday. The call lasted 40 minutes. Trade | grew *fast*.",
        label="Wire A", id="a", source="a.txt",
    )  # fmt: skip
    other = Document.from_text(
        "Assad met Xi on Friday. Trade | grew *fast*. They spoke of <b>peace</b>.",
        label="Wire B", id="b",
    )  # fmt: skip
    return Comparison(
        reference=ref,
        other=other,
        links=(
            Link(
                ref=(0,), other=(0,), score=0.8, relation="reworded",
                diff=(
                    DiffOp("delete", "Xi "), DiffOp("insert", "Assad "), DiffOp("equal", "met "),
                    DiffOp("delete", "Assad "), DiffOp("insert", "Xi "),
                    DiffOp("equal", "on Friday."),
                ),
                flags=("entity",),
            ),
            Link(ref=(2,), other=(1,), score=1.0, relation="same",
                 diff=(DiffOp("equal", "Trade | grew *fast*."),)),
        ),
        omitted=(1,),
        added=(2,),
        findings=(
            Finding("entity", (0,), (0,), "Xi ↔ Assad", ((0, 2),), ((0, 5),)),
            Finding("omitted", (1,), (), "not in Wire B: “The call lasted 40 minutes.”",
                    ((24, 51),)),
            Finding("added", (), (2,), "only in Wire B: “They spoke of <b>peace</b>.”", (),
                    ((45, 72),)),
        ),
        options=Options(),
    )  # fmt: skip


EXPECTED = """\
# Wire A vs Wire B

## Summary

- What changes in the linked sentences (name): 1
  - name: Wire A 1 ↔ Wire B 1: Xi ↔ Assad
- Only in Wire A (left out by Wire B): 1 sentence
  - 2. The call lasted 40 minutes.
- Only in Wire B (not in Wire A): 1 sentence
  - 3. They spoke of \\<b>peace\\</b>.
- 2 linked pairs (1 same, 1 reworded, 0 partial) of 3 and 3 sentences; 3 findings: omitted 1, added 1, entity 1.

| | Source | Date | File | Sentences |
| --- | --- | --- | --- | ---: |
| Reference | Wire A | — | a.txt | 3 |
| Other | Wire B | — | — | 3 |

| What | Count |
| --- | ---: |
| Linked | 2 |
| Linked, same | 1 |
| Linked, reworded | 1 |
| Linked, partial | 0 |
| Added by Wire B | 1 |
| Omitted by Wire B | 1 |
| Findings, omitted | 1 |
| Findings, added | 1 |
| Findings, entity | 1 |

## Linked sentences (Wire A → Wire B)

**Wire A 1 ↔ Wire B 1** · reworded · score 0.80 · flags: entity

> ~~Xi~~ **Assad** met ~~Assad~~ **Xi** on Friday.

**Wire A 3 ↔ Wire B 2** · same · score 1.00

> Trade \\| grew \\*fast\\*.

## Added by Wire B (not in Wire A): 1

- **3** They spoke of \\<b>peace\\</b>.

## Omitted by Wire B (only in Wire A): 1

- **2** The call lasted 40 minutes.

## Findings: 3

### omitted (1)

- Wire A 2: not in Wire B: “The call lasted 40 minutes.”

### added (1)

- Wire B 3: only in Wire B: “They spoke of \\<b>peace\\</b>.”

### entity (1)

- Wire A 1 ↔ Wire B 1: Xi ↔ Assad
"""  # noqa: E501 - Markdown list items are single lines, however long


def test_small_comparison() -> None:
    """A small comparison renders to exactly the expected Markdown."""
    assert EXPECTED == render_markdown(small())


def test_to_markdown_delegates() -> None:
    """Comparison.to_markdown() is the Markdown renderer."""
    c = small()
    assert render_markdown(c) == c.to_markdown()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("`code`", "\\`code\\`"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("back\\slash", "back\\\\slash"),
        ("AT&amp;T", "AT\\&amp;T"),
        ("two\n  lines", "two lines"),
        ("plain words, 65 years.", "plain words, 65 years."),
    ],
)
def test_escape(text: str, expected: str) -> None:
    """Markup characters in source text are backslash-escaped; whitespace runs become one space."""
    assert expected == escape(text)


def test_diff_line_starting_with_markup() -> None:
    """A linked sentence that starts like a list item or heading stays a plain quoted line."""
    ref = Document.from_text("- 5 dead.", label="A", id="a")
    other = Document.from_text("- 6 dead.", label="B", id="b")
    link = Link(
        ref=(0,), other=(0,), score=0.9, relation="reworded",
        diff=(DiffOp("equal", "- "), DiffOp("delete", "5 "), DiffOp("insert", "6 "),
              DiffOp("equal", "dead.")),
    )  # fmt: skip
    c = Comparison(ref, other, (link,), (), (), (), Options())
    assert "> \\- ~~5~~ **6** dead." in render_markdown(c).splitlines()


def test_markers_next_to_punctuation() -> None:
    """Inserted words starting with punctuation after a word use <strong>, which GitHub shows."""
    ref = Document.from_text("Xi said.", label="A", id="a")
    other = Document.from_text("Xi said, reports say.", label="B", id="b")
    link = Link(
        ref=(0,), other=(0,), score=0.9, relation="reworded",
        diff=(DiffOp("equal", "Xi said"), DiffOp("insert", ", reports say"),
              DiffOp("equal", ".")),
    )  # fmt: skip
    c = Comparison(ref, other, (link,), (), (), (), Options())
    assert "> Xi said<strong>, reports say</strong>." in render_markdown(c).splitlines()


@given(st.lists(st.text(alphabet=st.sampled_from("a\\`*_|~<[]&\n\t \u2028é"), max_size=20)))
def test_escape_all_is_escape_of_each(texts: list[str]) -> None:
    """Escaping many texts in one pass gives each text's own escape()."""
    assert [escape(t) for t in texts] == _escape_all(texts)
