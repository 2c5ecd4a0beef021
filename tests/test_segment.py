"""Sentence splitting: real hazards from the readouts corpus, abbreviations, scripts, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.segment import segment, sentence_spans
from invariants import check_invariants

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
CORPUS = sorted(READOUTS.glob("*.txt"))


def read(name: str) -> str:
    """Read a corpus file as the loader would see it (UTF-8, ``\\n`` newlines)."""
    return (READOUTS / name).read_text(encoding="utf-8")


def texts(text: str) -> list[str]:
    """Return the sentence texts of ``text``, after checking the invariants."""
    sentences = segment(text)
    check_invariants(text, sentences)
    return [s.text for s in sentences]


# Real hazards, copied verbatim from the corpus files; the expected sentences were written by hand.
CORPUS_HAZARDS = [
    pytest.param(
        "The Syrian President also thanked President Xi for the large humanitarian assistance that "
        "China offered to the Syrian people to alleviate their suffering over the last few years."
        "“President al-Assad stressed Syria’s keenness to develop ties between the government "
        "institutions in both countries",
        [
            "The Syrian President also thanked President Xi for the large humanitarian assistance "
            "that China offered to the Syrian people to alleviate their suffering over the last "
            "few years.",
            "“President al-Assad stressed Syria’s keenness to develop ties between the government "
            "institutions in both countries",
        ],
        id="missing-space-before-curly-quote-years",
    ),
    pytest.param(
        "The Chinese President also expressed his country’s readiness to work with Syria to "
        "promote the common values of humanity and facilitate dialogue between civilizations."
        "“We welcome the Syrian side’s participation in the Belt and Road Initiative and Global "
        "Development Initiative,” said Xi, according to CGTN.",
        [
            "The Chinese President also expressed his country’s readiness to work with Syria to "
            "promote the common values of humanity and facilitate dialogue between civilizations.",
            "“We welcome the Syrian side’s participation in the Belt and Road Initiative and "
            "Global Development Initiative,” said Xi, according to CGTN.",
        ],
        id="missing-space-before-curly-quote-civilizations",
    ),
    pytest.param(
        "Xi Jinping: China to work with Syria to promote common values of humanity\n"
        "Updated 21:01, 05-Nov-2021\n\n"
        "Chinese President Xi Jinping said Friday that China is ready to work with Syria to "
        "promote the common values of humanity and facilitate dialogue between civilizations.\n",
        [
            "Xi Jinping: China to work with Syria to promote common values of humanity",
            "Updated 21:01, 05-Nov-2021",
            "Chinese President Xi Jinping said Friday that China is ready to work with Syria to "
            "promote the common values of humanity and facilitate dialogue between civilizations.",
        ],
        id="headline-and-dateline-without-final-punctuation",
    ),
    pytest.param(
        "The Syrian side will continue to firmly support China on issues related to Xinjiang, "
        "Tibet, Hong Kong, Taiwan, human rights and the South China Sea, Assad stressed.\n\n"
        "Search Trends",
        [
            "The Syrian side will continue to firmly support China on issues related to Xinjiang, "
            "Tibet, Hong Kong, Taiwan, human rights and the South China Sea, Assad stressed.",
            "Search Trends",
        ],
        id="footer-without-final-punctuation",
    ),
    pytest.param(
        "because the world today needs peace and development. , no tension and threats. “\n\n"
        "And Xi said China “supports Syria’s reconstruction and development efforts, welcoming the "
        "Syrian side’s participation in the construction of the Belt and Road,” the name of the "
        "global network of infrastructure projects and Beijing investment involving nearly "
        "three-quarters of the world’s nations.",
        [
            "because the world today needs peace and development. , no tension and threats. “",
            "And Xi said China “supports Syria’s reconstruction and development efforts, "
            "welcoming the Syrian side’s participation in the construction of the Belt and Road,” "
            "the name of the global network of infrastructure projects and Beijing investment "
            "involving nearly three-quarters of the world’s nations.",
        ],
        id="mt-comma-after-full-stop-and-stray-opening-quote",
    ),
    pytest.param(
        "and calls for the immediate lifting of unilateral sanctions and the economic blockade of "
        "Syria. “\n\nHe then “expressed the concern of China",
        [
            "and calls for the immediate lifting of unilateral sanctions and the economic blockade "
            "of Syria. “",
            "He then “expressed the concern of China",
        ],
        id="stray-opening-quote-at-end-of-paragraph",
    ),
    pytest.param(
        "so as to combat the militant group Islamic State (ISIS ).\n\n"
        "And although Assad remains ostracized from the West and even his own Arab League, the "
        "powers of the region have gradually accepted his endurance.",
        [
            "so as to combat the militant group Islamic State (ISIS ).",
            "And although Assad remains ostracized from the West and even his own Arab League, the "
            "powers of the region have gradually accepted his endurance.",
        ],
        id="space-before-closing-bracket",
    ),
    pytest.param(
        "“I believe that Syria will overcome various risks and challenges and achieve new "
        "victories in the struggle to defend independence, sovereignty and territorial "
        "integrity,” Xi said during the telephone conversation. “The Syrian people will usher in "
        "a better future.",
        [
            "“I believe that Syria will overcome various risks and challenges and achieve new "
            "victories in the struggle to defend independence, sovereignty and territorial "
            "integrity,” Xi said during the telephone conversation.",
            "“The Syrian people will usher in a better future.",
        ],
        id="quote-opens-after-full-stop-and-space",
    ),
    pytest.param(
        "and invites Chinese companies to increase their investments in Syria “.\n\n"
        "“Socialism with Chinese characteristics has achieved great success, and Syria is willing "
        "to learn relevant concepts and experience from China,” Assad added, according to the "
        "Beijing account.",
        [
            "and invites Chinese companies to increase their investments in Syria “.",
            "“Socialism with Chinese characteristics has achieved great success, and Syria is "
            "willing to learn relevant concepts and experience from China,” Assad added, according "
            "to the Beijing account.",
        ],
        id="quote-before-full-stop",
    ),
    pytest.param(
        "While the all-out war that first erupted in 2011 between the government and insurgents "
        "seeking to oust Assad has since mostly turned into a lower-level conflict unfolding near "
        "the country’s border regions, instability remains. endemic, as evidenced by a rare "
        "bombardment in the capital. by the rebels last month.",
        [
            "While the all-out war that first erupted in 2011 between the government and "
            "insurgents seeking to oust Assad has since mostly turned into a lower-level conflict "
            "unfolding near the country’s border regions, instability remains. endemic, as "
            "evidenced by a rare bombardment in the capital. by the rebels last month."
        ],
        id="mt-full-stop-before-lower-case",
    ),
    pytest.param(
        "With the US withdrawal from Afghanistan, a direct neighbor of China, Beijing and other "
        "regional powers have expressed concern that activists such as TIP or ETIM could take "
        "advantage of the turmoil in the nation now ruled by the Taliban. to organize attacks or "
        "even join the ranks. of ISIS’s own local branch.",
        [
            "With the US withdrawal from Afghanistan, a direct neighbor of China, Beijing and "
            "other regional powers have expressed concern that activists such as TIP or ETIM could "
            "take advantage of the turmoil in the nation now ruled by the Taliban. to organize "
            "attacks or even join the ranks. of ISIS’s own local branch."
        ],
        id="mt-full-stop-before-lower-case-twice",
    ),
    pytest.param(
        "Wang said, adding that Assad’s re-election reflects the strong confidence and support of "
        "the Syrian people. .\n\nWang praised the Syrian people as strong and dignified",
        [
            "Wang said, adding that Assad’s re-election reflects the strong confidence and support "
            "of the Syrian people. .",
            "Wang praised the Syrian people as strong and dignified",
        ],
        id="mt-doubled-full-stop",
    ),
    pytest.param(
        "while welcoming Syria to become a new partner in the joint construction of the Belt and "
        "Road Initiative (BRI ), said the top Chinese diplomat.",
        [
            "while welcoming Syria to become a new partner in the joint construction of the Belt "
            "and Road Initiative (BRI ), said the top Chinese diplomat."
        ],
        id="bracket-then-comma",
    ),
    pytest.param(
        "sovereignty, and territorial integrity.” “The Syrian people will usher in a more "
        "prosperous future.” “Syria attaches great importance to cordial relations with China, "
        "supports the ‘Belt and Road’ plan,” the Chinese side quoted Assad as saying. Socialism. "
        "This is a condensed version of the information.",
        [
            "sovereignty, and territorial integrity.”",
            "“The Syrian people will usher in a more prosperous future.”",
            "“Syria attaches great importance to cordial relations with China, supports the ‘Belt "
            "and Road’ plan,” the Chinese side quoted Assad as saying.",
            "Socialism.",
            "This is a condensed version of the information.",
        ],
        id="closing-quote-after-full-stop-then-opening-quote",
    ),
    pytest.param(
        "\"We welcome the Syrian side's participation in the Belt and Road Initiative and Global "
        'Development Initiative," said Xi.\n\nHe called for safeguarding international equity.',
        [
            "\"We welcome the Syrian side's participation in the Belt and Road Initiative and "
            'Global Development Initiative," said Xi.',
            "He called for safeguarding international equity.",
        ],
        id="straight-quotes",
    ),
    pytest.param(
        "On November 5, the Syrian Arab News Agency announced that President Bashar al-Assad had "
        "called President Xi Jinping of China.\nIn a press release, the state-run agency said",
        [
            "On November 5, the Syrian Arab News Agency announced that President Bashar al-Assad "
            "had called President Xi Jinping of China.",
            "In a press release, the state-run agency said",
        ],
        id="single-newline-between-paragraphs",
    ),
    pytest.param(
        "The Chinese-Syrian relations saw much progress this year. In July, China’s Foreign "
        "Minister Wang Yi arrived in the Syrian capital Damascus on a pre-planned visit.",
        [
            "The Chinese-Syrian relations saw much progress this year.",
            "In July, China’s Foreign Minister Wang Yi arrived in the Syrian capital Damascus on a "
            "pre-planned visit.",
        ],
        id="plain-full-stop-and-space",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CORPUS_HAZARDS)
def test_corpus_hazards(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


OTHER_CASES = [
    pytest.param(
        "Mr. Smith met Gen. Jones on Jan. 5 in St. Louis. They talked.",
        ["Mr. Smith met Gen. Jones on Jan. 5 in St. Louis.", "They talked."],
        id="titles-months-saints",
    ),
    pytest.param(
        "Mrs. Brown and Dr. Green met Prof. White. Feb. 2 was cold.",
        ["Mrs. Brown and Dr. Green met Prof. White.", "Feb. 2 was cold."],
        id="more-titles",
    ),
    pytest.param(
        "The U.S. and the U.N. agreed. J. Smith signed it.",
        ["The U.S. and the U.N. agreed.", "J. Smith signed it."],
        id="dotted-abbreviations-and-initials",
    ),
    pytest.param(
        "Some cities, e.g. Paris, are big. Others, i.e. Lyon, are not.",
        ["Some cities, e.g. Paris, are big.", "Others, i.e. Lyon, are not."],
        id="eg-ie",
    ),
    pytest.param(
        "It was Brazil vs. Argentina. See No. 5 on the list. He said no. Then he left.",
        ["It was Brazil vs. Argentina.", "See No. 5 on the list.", "He said no.", "Then he left."],
        id="vs-and-number-abbreviation",
    ),
    pytest.param(
        "Growth was 3.5 percent at 21:01 on Friday. Prices rose 0.25%. Version 2.0.1 shipped.",
        [
            "Growth was 3.5 percent at 21:01 on Friday.",
            "Prices rose 0.25%.",
            "Version 2.0.1 shipped.",
        ],
        id="decimals-and-times",
    ),
    pytest.param(
        "See www.example.com/News.html or write to john.Smith@example.org now. Thanks.",
        ["See www.example.com/News.html or write to john.Smith@example.org now.", "Thanks."],
        id="urls-and-emails",
    ),
    pytest.param(
        "Really? Yes! Wait... What… Fine.",
        ["Really?", "Yes!", "Wait...", "What…", "Fine."],
        id="question-exclamation-ellipsis",
    ),
    pytest.param(
        "“Why?” he asked. “Because!” she said.",
        ["“Why?” he asked.", "“Because!” she said."],
        id="question-inside-quote-then-lower-case",
    ),
    pytest.param(
        'He said "no." Then he left. It was years."President Assad spoke.',
        ['He said "no."', "Then he left.", "It was years.", '"President Assad spoke.'],
        id="straight-quote-closing-and-opening",
    ),
    pytest.param(
        "中国和叙利亚是好朋友。双方同意加强合作！你同意吗？“好。”",
        ["中国和叙利亚是好朋友。", "双方同意加强合作！", "你同意吗？", "“好。”"],
        id="cjk-no-space",
    ),
    pytest.param(
        "هل تحدث الرئيسان؟ نعم. وتم الاتفاق على التعاون.",
        ["هل تحدث الرئيسان؟", "نعم.", "وتم الاتفاق على التعاون."],
        id="arabic",
    ),
    pytest.param(
        "First line\r\nSecond line\rThird line",
        ["First line", "Second line", "Third line"],
        id="crlf-and-cr",
    ),
    pytest.param(
        "  \n  Padded sentence.   \n\n   Another one  \n ",
        ["Padded sentence.", "Another one"],
        id="surrounding-whitespace",
    ),
    pytest.param(
        ", starts with a comma. Next.", [", starts with a comma.", "Next."], id="lead-comma"
    ),
    pytest.param("...", ["..."], id="punctuation-only"),
    pytest.param(
        "The blast came shortly after 11 p.m. Three workers were hurt.",
        ["The blast came shortly after 11 p.m.", "Three workers were hurt."],
        id="pm-at-a-sentence-end",
    ),
    pytest.param(
        "They met at 9 a.m. Friday and again at 5 P.M. EST on Monday. Then they left at 6 a.m. "
        "It rained.",
        [
            "They met at 9 a.m. Friday and again at 5 P.M. EST on Monday.",
            "Then they left at 6 a.m.",
            "It rained.",
        ],
        id="am-pm-before-a-day-or-zone-and-at-an-end",
    ),
    pytest.param(
        "He flew to Washington, D.C. The talks began in the U.K. They ended. The U.K. Prime "
        "Minister met U.S. officials.",
        [
            "He flew to Washington, D.C.",
            "The talks began in the U.K.",
            "They ended.",
            "The U.K. Prime Minister met U.S. officials.",
        ],
        id="dotted-abbreviation-at-a-sentence-end",
    ),
    pytest.param(
        "Some cities, e.g. The Hague, are nice.",
        ["Some cities, e.g. The Hague, are nice."],
        id="eg-before-a-starter-word",
    ),
    pytest.param(
        "PALM BEACH, Fla. — Three people were hurt on Sunday. Police said so.",
        ["PALM BEACH, Fla. — Three people were hurt on Sunday.", "Police said so."],
        id="wire-dateline-stays-with-its-sentence",
    ),
    pytest.param(
        "WASHINGTON (AP) — The talks ended.\n— Reuters",
        ["WASHINGTON (AP) — The talks ended.", "— Reuters"],
        id="dash-after-a-line-break-starts-a-line",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_CASES)
def test_other_cases(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \r\n", "\u3000\u00a0"])
def test_empty_and_whitespace(text: str) -> None:
    assert segment(text) == ()
    assert sentence_spans(text) == []


def test_range_gives_absolute_offsets() -> None:
    text = "Header stuff. First one. Second one. Trailer."
    start = text.index("First")
    end = text.index(" Trailer")
    sentences = segment(text, start, end)
    assert [s.text for s in sentences] == ["First one.", "Second one."]
    assert sentences[0].start == start
    assert [s.index for s in sentences] == [0, 1]
    check_invariants(text, sentences, start, end)


def test_range_out_of_bounds_is_clamped() -> None:
    text = "One. Two."
    assert [s.text for s in segment(text, 0, 1000)] == ["One.", "Two."]
    assert segment(text, 50) == ()


def test_spans_match_segment() -> None:
    text = read("call-newsweek-report.txt")
    assert sentence_spans(text) == [(s.start, s.end) for s in segment(text)]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        "." * 200_000 + "a",
        "a." * 100_000 + "b",
        "A.B" * 70_000,
        "x" + " " * 200_000 + "y.",
        "word. " * 40_000,
        "“" * 100_000 + "." + "”" * 100_000 + "z",
        "Mr." * 60_000,
    ],
    ids=["letters", "dots", "dotted", "initials", "spaces", "sentences", "quotes", "abbreviations"],
)
def test_long_inputs_are_linear(text: str) -> None:
    import time

    started = time.perf_counter()
    sentences = segment(text)
    assert time.perf_counter() - started < 2.0
    check_invariants(text, sentences)


# ---------------------------------------------------------------------------------------------
# Properties on arbitrary text
# ---------------------------------------------------------------------------------------------

ATOMS = [
    "a", "b", "Z", "Q", "x", "é", "Ж", "ж", "中", "س", "1", "7", "_",
    ".", "!", "?", "…", "...", "。", "！", "？", "؟", "۔", ",", ";", ":", "(", ")", "-", "@", "/",
    '"', "'", "“", "”", "‘", "’", "«", "»",
    " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u3000", "\u2028", "\x0b", "\x1c",
    "U.S.", "U.N.", "Gen.", "Jan.", "Mr.", "Mrs.", "Dr.", "St.", "Prof.", "e.g.", "i.e.", "vs.",
    "No.", "J. ", "a.m.", "p.m.", "D.C.", " It", " Friday", " — ",
    "3.5", "21:01", "www.example.com", "a@b.org", " The", " the", ". , ", "(ISIS ).",
]  # fmt: skip

text_from_atoms = st.lists(st.sampled_from(ATOMS), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), text_from_atoms)


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_invariants_on_arbitrary_text(text: str) -> None:
    sentences = segment(text)
    check_invariants(text, sentences)
    assert segment(text) == sentences  # deterministic


@settings(max_examples=300, deadline=None)
@given(text_from_atoms, st.data())
def test_invariants_on_a_range(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sentences = segment(text, start, end)
    check_invariants(text, sentences, start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ATOMS[:13]), min_size=1, max_size=20).map("".join))
def test_a_line_break_always_ends_a_sentence(line: str) -> None:
    text = f"{line}\n{line}"
    sentences = segment(text)
    newline = len(line)
    assert all(not (s.start < newline < s.end) for s in sentences)


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


def test_corpus_is_present() -> None:
    assert len(CORPUS) == 5


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_files_keep_invariants(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    sentences = segment(text)
    check_invariants(text, sentences)
    assert 10 <= len(sentences) <= 60
    for sentence in sentences:
        assert sentence.text[0] not in ",;:)", sentence.text
        assert any(char.isalnum() for char in sentence.text), sentence.text
        assert len(sentence.text) < 1000


def test_cgtn_readout() -> None:
    found = texts(read("call-cgtn-chinese-readout.txt"))
    # headline, dateline, 14 one-sentence paragraphs, footer
    assert len(found) == 17
    assert found[0] == "Xi Jinping: China to work with Syria to promote common values of humanity"
    assert found[1] == "Updated 21:01, 05-Nov-2021"
    assert found[-1] == "Search Trends"
    assert (
        "\"We welcome the Syrian side's participation in the Belt and Road Initiative and Global "
        'Development Initiative," said Xi.' in found
    )


def test_syrian_relay() -> None:
    found = texts(read("call-syrian-readout-relay.txt"))
    # the stamp is the loader's business; here it stays in the headline sentence
    assert len(found) == 15
    assert found[0].endswith("Assad Makes Rare Call With President Xi Jinping")
    years = next(i for i, s in enumerate(found) if s.endswith("over the last few years."))
    assert found[years].startswith("The Syrian President also thanked President Xi")
    assert found[years + 1].startswith("“President al-Assad stressed Syria’s keenness")
    assert found[years + 1].endswith("” the press release reads.")
    assert "The Chinese-Syrian relations saw much progress this year." in found


def test_newsweek_report() -> None:
    found = texts(read("call-newsweek-report.txt"))
    assert not any(s.startswith(",") for s in found)
    assert any(s.endswith("peace and development. , no tension and threats. “") for s in found)
    assert any(s.endswith("Islamic State (ISIS ).") for s in found)
    assert "“The Syrian people will usher in a better future." in found
    assert "More recently, Jordan has also reconnected with its northern neighbor." in found


def test_reworded_report() -> None:
    found = texts(read("call-reworded-report.txt"))
    assert "“The Syrian people will usher in a more prosperous future.”" in found
    assert found[-2:] == ["Socialism.", "This is a condensed version of the information."]


def test_july_meeting() -> None:
    found = texts(read("july-wang-yi-meeting.txt"))
    assert any(s.endswith("support of the Syrian people. .") for s in found)
    assert found[-1] == "Wang also attended the cooperation agreement signing ceremony."
