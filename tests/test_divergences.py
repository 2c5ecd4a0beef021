"""Typed divergences: a table of constructed sentence pairs per type, positive and negative;
the readout cases of the issue; and invariants over generated pairs (spans inside sentences,
swapping the sides swaps added/dropped detail and keeps every other type)."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare.context import LinkContext, Side
from compare.diff import symmetric_runs
from compare.findings import classify_link, relation
from compare.lexicon import lexicon
from compare.model import Document, Finding
from compare.options import Options
from compare.quantities import quantities, same_quantity
from compare.speech import attributions, quote_spans

TYPED = ("number", "entity", "quote", "attribution", "hedge", "polarity", "intensity")


def context(a: str, b: str) -> LinkContext:
    """A link between every sentence of text ``a`` and every sentence of text ``b``."""
    ref, other = Document.from_text(a, label="A"), Document.from_text(b, label="B")
    ref_side = Side.of(ref, tuple(range(len(ref.sentences))))
    other_side = Side.of(other, tuple(range(len(other.sentences))))
    options = Options()
    rel = relation(ref_side.text, other_side.text, {}, options)
    return LinkContext(
        ref_side, other_side, symmetric_runs(ref_side.text, other_side.text), rel, options
    )


def typed(a: str, b: str) -> list[Finding]:
    """The typed findings of a link between two texts."""
    return [f for f in classify_link(context(a, b)) if f.type in TYPED]


def words_of(f: Finding, a: str, b: str) -> tuple[list[str], list[str]]:
    """The words a finding points at, in ``a`` and in ``b``."""
    return [a[s:e] for s, e in f.ref_spans], [b[s:e] for s, e in f.other_spans]


# (type, reference, other, detail, reference words, other words): the finding expected
POSITIVE = [
    ("number", "Over the past 65 years, ties grew.", "Over the past 50 years, ties grew.",
     "65 → 50", ["65"], ["50"]),
    ("number", "Five people were killed in the blast.", "Seven people were killed in the blast.",
     "Five → Seven", ["Five"], ["Seven"]),
    ("number", "Prices rose 5% in March.", "Prices rose 7 per cent in March.",
     "5% → 7 per cent", ["5%"], ["7 per cent"]),
    ("number", "The talks were held on 5 Nov.", "The talks were held on November 6.",
     "5 Nov → November 6", ["5 Nov"], ["November 6"]),
    ("number", "The call began at 21:01.", "The call began at 20:01.",
     "21:01 → 20:01", ["21:01"], ["20:01"]),
    ("number", "The deal is worth $3 million.", "The deal is worth $5 million.",
     "$3 million → $5 million", ["$3 million"], ["$5 million"]),
    ("number", "Xi said Friday that China is ready.", "Xi said that China is ready.",
     "drops ‘Friday’", ["Friday"], []),
    ("number", "It is the fifth round of talks.", "It is the sixth round of talks.",
     "fifth → sixth", ["fifth"], ["sixth"]),
    ("entity", "President Xi met the delegates.",
     "President Putin met the delegates.", "Xi → Putin", ["Xi"], ["Putin"]),
    ("entity", "The Syrian president thanked him.", "The Chinese president thanked him.",
     "Syrian → Chinese", ["Syrian"], ["Chinese"]),
    ("entity", "Talks were held in Paris on Monday.", "Talks were held in Berlin on Monday.",
     "Paris → Berlin", ["Paris"], ["Berlin"]),
    ("quote", "“We will build a better future,” he said.",
     "“We will build a more prosperous future,” he said.",
     "“a better future” → “a more prosperous future”", ["better"], ["more prosperous"]),
    ("quote", '"We welcome the plan," said Xi.', '"We endorse the plan," said Xi.',
     "“We welcome the” → “We endorse the”", ["welcome"], ["endorse"]),
    ("quote", "“He called it ‘a great plan’ today,” she said.",
     "“He called it ‘a good plan’ today,” she said.",
     "“a great plan” → “a good plan”", ["great"], ["good"]),
    ("attribution", "Xi said the talks went well.", "Assad said the talks went well.",
     "speaker ‘Xi’ → ‘Assad’", ["Xi said"], ["Assad said"]),
    ("attribution", "“We welcome you,” said Xi.", "“We welcome you,” said Xi, according to CGTN.",
     "adds ‘according to CGTN’", [], ["according to CGTN"]),
    ("attribution", "Assad's office released a statement.", "Assad released a statement.",
     "speaker ‘Assad's office’ → ‘Assad’", ["Assad's office released"], ["Assad released"]),
    ("attribution", "According to Reuters, the talks failed.", "The talks failed.",
     "drops ‘According to Reuters’", ["According to Reuters"], []),
    ("hedge", "Troops killed ten rebels.", "Troops reportedly killed ten rebels.",
     "adds hedge ‘reportedly’", [], ["reportedly"]),
    ("hedge", "The strike allegedly hit a school.", "The strike hit a school.",
     "drops hedge ‘allegedly’", ["allegedly"], []),
    ("hedge", "China is ready to help.", "China is said to be ready to help.",
     "adds hedge ‘is said to’", [], ["is said to"]),
    ("polarity", "China supports the plan.", "China does not support the plan.",
     "‘supports’ → ‘does not support’", ["supports"], ["does not support"]),
    ("polarity", "Syria welcomes the proposal.", "Syria rejects the proposal.",
     "‘welcomes’ → ‘rejects’", ["welcomes"], ["rejects"]),
    ("polarity", "The talks were successful.", "The talks were not successful.",
     "‘were successful’ → ‘were not successful’", [], ["not"]),
    ("polarity", "He never visited Damascus.", "He visited Damascus.",
     "‘He never visited’ → ‘He visited’", ["never"], []),
    ("intensity", "China supports Syria.", "China firmly supports Syria.",
     "adds intensifier ‘firmly’", [], ["firmly"]),
    ("intensity", "Xi attaches great importance to ties.", "Xi attaches importance to ties.",
     "drops intensifier ‘great’", ["great"], []),
    ("intensity", "China firmly supports Syria.", "China strongly supports Syria.",
     "‘firmly’ → ‘strongly’", ["firmly"], ["strongly"]),
    ("intensity", "The plan was partly successful.", "The plan was successful.",
     "drops downtoner ‘partly’", ["partly"], []),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "a", "b", "detail", "a_words", "b_words"), POSITIVE)
def test_positive_pairs(
    kind: str, a: str, b: str, detail: str, a_words: list[str], b_words: list[str]
) -> None:
    """Each constructed pair gives the finding of its type, with its detail and exact words."""
    found = [f for f in typed(a, b) if f.type == kind]
    assert [detail] == [f.detail for f in found]
    assert (a_words, b_words) == words_of(found[0], a, b)


# (types that must not appear, reference, other): rewordings and equal values
NEGATIVE = [
    (TYPED, "Ten people were killed.", "10 people were killed."),
    (TYPED, "They fought a ten-year civil war.", "They fought a decade-long civil war."),
    (TYPED, "The talks were held on 5 Nov.", "The talks were held on November 5."),
    (TYPED, "Prices rose 5 per cent.", "Prices rose 5%."),
    (TYPED, "It is the fifth round.", "It is the 5th round."),
    (TYPED, "The deal is worth $3 million.", "The deal is worth 3 million dollars."),
    (TYPED, "Both sides met in the two capitals.", "The two sides met in both capitals."),
    (TYPED, "Beijing welcomed the move.", "China's government welcomed the move."),
    (TYPED, "Damascus rejected the report.", "Syria's government rejected the report."),
    (TYPED, "President Xi said the talks went well.", "Xi Jinping said the talks went well."),
    (TYPED, "It was a call between heads of state.", "It was a call between chiefs of state."),
    (TYPED, "China pledged to support Syria.", "China committed to support Syria."),
    (TYPED, '"We welcome you," said Xi.', "“We welcome you,” said Xi."),
    (("quote",), "He said we will build a better future.",
     "He said we will build a more prosperous future."),
    (("quote",), "“We welcome you,” said Xi on Friday.", "“We welcome you,” said Xi on Monday."),
    (TYPED, "Xi said the talks went well.", "Xi stated the talks went well."),
    (("attribution", "entity"), "He said the talks went well.", "Xi said the talks went well."),
    (TYPED, "Troops reportedly killed ten rebels.", "Troops reportedly shot ten rebels."),
    (("hedge",), "In May, China sent aid.", "In June, China sent aid."),
    (TYPED, "China rejects the plan.", "China does not support the plan."),
    (TYPED, "He condemned the attack.", "He denounced the attack."),
    (TYPED, "There is no tension.", "There is not tension."),
    (TYPED, "China firmly supports Syria.", "China firmly backs Syria."),
    (("intensity",), "Great Britain supports the plan.", "Britain supports the plan."),
    (("hedge", "intensity", "polarity", "number"),
     "China supports Syria.",
     "China supports Syria, and may never send many troops to the region in 2024."),
]  # fmt: skip


@pytest.mark.parametrize(("absent", "a", "b"), NEGATIVE)
def test_negative_pairs(absent: tuple[str, ...], a: str, b: str) -> None:
    """Rewordings, equal values and aliases give none of the named types, either way round."""
    assert [] == [f.detail for f in typed(a, b) if f.type in absent]
    assert [] == [f.detail for f in typed(b, a) if f.type in absent]


def test_pure_rewording_is_reworded_only() -> None:
    """'pledged' → 'committed', 'heads' → 'chiefs' of state: a reworded finding, nothing typed."""
    found = classify_link(
        context(
            "China pledged support during a call between heads of state.",
            "China committed support during a call between chiefs of state.",
        )
    )
    assert ["reworded"] == [f.type for f in found]


def test_same_link_has_no_findings() -> None:
    """A link whose sides differ only in case, spacing and punctuation gives nothing."""
    ctx = context("“We welcome you,” said Xi on Friday.", '"we welcome you" said Xi on Friday')
    assert "same" == ctx.relation
    assert () == classify_link(ctx)


def test_quote_spanning_sentences() -> None:
    """A quote opened in one sentence covers the next one: a change there is a quote change."""
    a = "“We are ready. We will act soon,” he said."
    b = "“We are ready. We will act later,” he said."
    ref, other = Document.from_text(a), Document.from_text(b)
    assert 2 == len(ref.sentences) == len(other.sentences)
    second = ref.sentences[1].text
    assert "“" not in second  # the quote mark is in the first sentence only
    result = compare.compare(ref, other)
    quotes = [f for f in result.findings if f.type == "quote"]
    assert ["“act soon” → “act later”"] == [f.detail for f in quotes]
    assert [(1,)] == [f.ref for f in quotes]


def test_quote_spans_handle_curly_straight_nested_and_open_quotes() -> None:
    """Quote spans: curly, straight, nested single quotes, and a quote left open to the end of its
    paragraph; apostrophes are not quotes."""
    text = 'Xi’s aide said “a ‘new’ era” and "more" today. “It will last\nNext line’s fine.'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert ["a ‘new’ era", "new", "more", "It will last"] == spans


def test_quote_closed_with_an_opening_mark() -> None:
    """Machine-translated news closes quotes with an opening mark at the end of a line."""
    text = "He condemned “Western campaigns, no tension and threats. “\nNext."
    assert ["Western campaigns, no tension and threats. "] == [
        text[s:e] for s, e in quote_spans(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese President Xi Jinping said Friday that China is ready.", [("said", "jinping xi")]),
        (
            "“We welcome it,” said Xi, according to CGTN.",
            [("said", "xi"), ("according to", "cgtn")],
        ),
        ("He then “expressed the concern of China”.", [("expressed", "")]),
        ("Assad’s office on Friday released a reading.", [("released", "office")]),
        ("It was at the United Nations and stressed Syria’s support.", []),
    ],
)
def test_attributions(text: str, expected: list[tuple[str, str]]) -> None:
    """Speaker and verb per reporting verb or source phrase; a pronoun speaker has no name."""
    found = attributions(text, lexicon("en"))
    assert expected == [(a.verb.lower(), " ".join(sorted(a.speaker.names))) for a in found]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("ten", "10", True),
        ("ten-year", "decade-long", True),
        ("the 50th anniversary", "50 years ago", True),
        ("5 Nov", "November 5", True),
        ("05-Nov-2021", "November 5", True),
        ("05-Nov-2021", "2021-11-05", True),
        ("21:01", "21:01", True),
        ("three-quarters", "three-quarters", True),
        ("65", "50", False),
        ("5 Nov", "6 Nov", False),
        ("Friday", "Saturday", False),
        ("5%", "5", False),
    ],
)
def test_quantities_normalise(a: str, b: str, same: bool) -> None:
    """Spellings of one value compare equal; different values and kinds do not."""
    lex = lexicon("en")
    qa, qb = quantities(a, lex), quantities(b, lex)
    assert 1 == len(qa) == len(qb), (qa, qb)
    assert same == same_quantity(qa[0], qb[0])


def test_no_quantity_in_names_or_common_words() -> None:
    """COVID-19 is a name, 'one of' and 'may' are words, not quantities."""
    assert () == quantities("One of the COVID-19 cases may recover.", lexicon("en"))


def test_unknown_language_lists_are_empty() -> None:
    """A language without word lists gets empty lists, not an error."""
    lex = lexicon("xx")
    assert (frozenset(), {}, frozenset()) == (lex.hedges, dict(lex.aliases), lex.negators)


# --- the readouts of the issue -------------------------------------------------------------------


def sentence_with(doc: Document, snippet: str) -> int:
    """Index of the one sentence containing ``snippet``."""
    hits = [s.index for s in doc.sentences if snippet in s.text]
    assert 1 == len(hits), snippet
    return hits[0]


def test_newsweek_reworded_quote_finding(readouts: dict[str, Document]) -> None:
    """'a better future' → 'a more prosperous future' inside Xi's quote is a quote finding."""
    nw, rw = readouts["call-newsweek-report.txt"], readouts["call-reworded-report.txt"]
    result = compare.compare(nw, rw)
    i = sentence_with(nw, "usher in a better future")
    j = sentence_with(rw, "usher in a more prosperous future")
    quotes = [f for f in result.findings if f.type == "quote" and f.ref == (i,)]
    assert [((j,), "“a better future” → “a more prosperous future”")] == [
        (f.other, f.detail) for f in quotes
    ]
    assert ["better"] == [nw.text[s:e] for s, e in quotes[0].ref_spans]
    assert ["more prosperous"] == [rw.text[s:e] for s, e in quotes[0].other_spans]


def test_newsweek_reworded_anniversary_is_no_number(readouts: dict[str, Document]) -> None:
    """'the 50th anniversary of Beijing receiving' / 'which Beijing received from Taiwan 50 years
    ago' is no number mismatch; nor is 'ten-year' / 'decade-long'; and no entity anywhere."""
    nw, rw = readouts["call-newsweek-report.txt"], readouts["call-reworded-report.txt"]
    for a, b in ((nw, rw), (rw, nw)):
        result = compare.compare(a, b)
        assert [] == [f.detail for f in result.findings if f.type in ("number", "entity")]


def test_newsweek_reworded_office_is_attribution(readouts: dict[str, Document]) -> None:
    """'Assad's office … released' → 'Assad's issued' (garbled) changes the speaker."""
    nw, rw = readouts["call-newsweek-report.txt"], readouts["call-reworded-report.txt"]
    result = compare.compare(nw, rw)
    i = sentence_with(nw, "office on Friday released")
    found = [f for f in result.findings if f.type == "attribution"]
    assert [(i,)] == [f.ref for f in found]
    assert found[0].detail.startswith("speaker ‘Syrian President Bashar al-Assad’s offi")


def test_cgtn_relay_findings(cgtn_vs_relay: compare.Comparison) -> None:
    """CGTN vs the Syrian relay: the relay drops 'Friday' and adds 'according to CGTN'."""
    typed_found = [(f.type, f.detail) for f in cgtn_vs_relay.findings if f.type in TYPED]
    assert [("number", "drops ‘Friday’"), ("attribution", "adds ‘according to CGTN’")] == (
        typed_found
    )


# --- invariants over generated pairs -------------------------------------------------------------

_WORDS = [
    "Xi", "Assad", "Putin", "Beijing", "China", "China's", "Syria", "Damascus", "said", "stated",
    "according", "to", "CGTN", "the", "government", "supports", "does", "not", "support",
    "rejects", "welcomes", "firmly", "strongly", "great", "partly", "reportedly", "may", "ten",
    "10", "65", "50", "50th", "decade-long", "ten-year", "Friday", "5", "Nov", "November",
    "21:01", "5%", "$3", "million", "“", "”", '"', "‘", "’", "office", "Assad's", "released",
    "plan", "future", ",",
]  # fmt: skip

sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
texts = st.lists(sentence, min_size=1, max_size=2).map(" ".join)


def check_spans(f: Finding, ctx: LinkContext) -> None:
    """A finding's spans lie inside the sentences it names, on each side."""
    for side, spans in ((ctx.ref, f.ref_spans), (ctx.other, f.other_spans)):
        named = [side.doc.sentences[i] for i in side.indices]
        for start, end in spans:
            assert start < end, f
            assert any(s.start <= start and end <= s.end for s in named) or (
                min(s.start for s in named) <= start and end <= max(s.end for s in named)
            ), f


def swapped(kind: str) -> str:
    return {"added_detail": "dropped_detail", "dropped_detail": "added_detail"}.get(kind, kind)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_generated_findings_stay_inside_their_sentences(a: str, b: str) -> None:
    """For any two texts, every finding's spans fall inside the sentences of its link."""
    ctx = context(a, b)
    for f in classify_link(ctx):
        check_spans(f, ctx)
        assert (ctx.ref.indices, ctx.other.indices) == (f.ref, f.other)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_swapping_sides_swaps_detail_and_keeps_types(a: str, b: str) -> None:
    """Swapping reference and other swaps added_detail and dropped_detail, keeps every other
    type, and swaps the spans of every finding."""
    forward = classify_link(context(a, b))
    backward = classify_link(context(b, a))
    assert sorted(swapped(f.type) for f in forward) == sorted(f.type for f in backward)
    assert sorted((swapped(f.type), f.other_spans, f.ref_spans) for f in forward) == sorted(
        (f.type, f.ref_spans, f.other_spans) for f in backward
    )


@settings(max_examples=40, deadline=None)
@given(texts)
def test_generated_text_against_itself_has_no_findings(a: str) -> None:
    """A text linked with itself gives no finding."""
    assert () == classify_link(context(a, a))
