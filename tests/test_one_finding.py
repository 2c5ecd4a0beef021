"""One change, one finding (issue 10): a readout compared with itself with one sentence edited
gives one finding on that sentence, of the most specific type, whose detail says what changed."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import compare
from compare.model import Document, Finding


def edited(doc: Document, old: str, new: str) -> list[Finding]:
    """Findings on the sentence holding ``old`` when ``doc`` is compared with itself, ``old``
    replaced by ``new`` in that sentence alone."""
    index = next(i for i, s in enumerate(doc.sentences) if old in s.text)
    s = doc.sentences[index]
    text = doc.text[: s.start] + s.text.replace(old, new, 1) + doc.text[s.end :]
    other = compare.Document.from_text(text, label="edited")
    return [f for f in compare.compare(doc, other).findings if index in f.ref]


def test_speaker_swap_is_one_attribution(cgtn: Document) -> None:
    """A name swapped before a reporting verb is a changed speaker, not also an entity and a
    rewording."""
    found = edited(cgtn, "Xi said China attaches", "Putin said China attaches")
    assert [("attribution", "speaker ‘Xi’ → ‘Putin’")] == [(f.type, f.detail) for f in found]


def test_hedge_is_not_also_reworded(cgtn: Document) -> None:
    """An added hedge is the hedge alone."""
    found = edited(cgtn, "China attaches great", "China reportedly attaches great")
    assert ["hedge"] == [f.type for f in found]


def test_number_in_a_paraphrased_phrase(cgtn: Document) -> None:
    """A number changed with a word around it reworded is the number, not dropped + added."""
    found = edited(cgtn, "Over the past 65 years", "Over some 80 years")
    assert [("number", "65 → 80")] == [(f.type, f.detail) for f in found]


def test_negation_inside_a_quote_is_polarity_only(readouts: dict[str, Document]) -> None:
    """A negated verb inside a quote is the polarity change, not also a quote change."""
    doc = readouts["call-newsweek-report.txt"]
    found = edited(doc, "“supports Syria’s", "“does not support Syria’s")
    assert ["polarity"] == [f.type for f in found]


def test_reworded_says_what_was_added(cgtn: Document, relay: Document) -> None:
    """A rewording that only adds words says which: never "words added or removed"."""
    details = [f.detail for f in compare.compare(cgtn, relay).findings if f.type == "reworded"]
    assert "adds “From his side, President”" in details
    assert not any("words added or removed" in d for d in details)


def test_swap_inside_a_longer_name(cgtn: Document) -> None:
    """A name swapped inside a capitalised run that keeps other words is an entity, reported
    by the words that changed."""
    found = edited(
        cgtn, "Chinese President Xi Jinping said", "Chinese President Vladimir Putin said"
    )
    assert [("attribution", "speaker ‘Chinese President Xi Jinping’ → ‘Chinese President "
             "Vladimir Putin’")] == [(f.type, f.detail) for f in found]  # fmt: skip


def test_country_swap_where_the_country_recurs(readouts: dict[str, Document]) -> None:
    """A country swapped for another is an entity even when the sentence names it again."""
    doc = readouts["july-wang-yi-meeting.txt"]
    found = edited(doc, "regime change attempt in Syria", "regime change attempt in Libya")
    assert [("entity", "Syria → Libya")] == [(f.type, f.detail) for f in found]


def test_city_swap(readouts: dict[str, Document]) -> None:
    """A city put for another ("Beijing" → "Moscow") is an entity."""
    doc = readouts["call-newsweek-report.txt"]
    found = edited(doc, "anniversary of Beijing receiving", "anniversary of Moscow receiving")
    assert [("entity", "Beijing → Moscow")] == [(f.type, f.detail) for f in found]


def test_one_letter_name_change(readouts: dict[str, Document]) -> None:
    """One letter changed in a name (Maria → Mario) is an entity."""
    doc = readouts["july-wang-yi-meeting.txt"]
    found = edited(doc, "Faisal Mekdad", "Faisal Mekdat")
    assert ["entity"] == [f.type for f in found]


def test_sentence_initial_unknown_name(readouts: dict[str, Document]) -> None:
    """A name opening a sentence that appears nowhere else is still a name ("Wang" → "Kovacs")."""
    doc = readouts["july-wang-yi-meeting.txt"]
    found = edited(doc, "Wang made the remarks", "Kovacs made the remarks")
    assert [("entity", "Wang → Kovacs")] == [(f.type, f.detail) for f in found]


def test_any_verb_before_a_quote_reports_speech(readouts: dict[str, Document]) -> None:
    """ "Assad praised" → "Xi praised" is a changed speaker."""
    doc = readouts["call-newsweek-report.txt"]
    found = edited(doc, "Assad praised the 50th", "Erdogan praised the 50th")
    assert [("attribution", "speaker ‘Assad’ → ‘Erdogan’")] == [(f.type, f.detail) for f in found]


def test_title_and_institution_are_different_speakers(cgtn: Document) -> None:
    """'the mayor said' → 'the city said' is a changed speaker, not a dropped sentence."""
    doc = compare.Document.from_text(
        cgtn.text.replace("Xi said China attaches", "The mayor said China attaches")
    )
    found = edited(doc, "The mayor said China", "The city said China")
    assert [("attribution", "speaker ‘mayor’ → ‘city’")] == [(f.type, f.detail) for f in found]


def test_verb_reworded_keeps_the_speaker(readouts: dict[str, Document]) -> None:
    """A reporting verb reworded, the speaker kept, is no attribution finding."""
    doc = readouts["call-newsweek-report.txt"]
    found = edited(doc, "Assad praised the 50th", "Assad lauded the 50th")
    assert "attribution" not in [f.type for f in found]


def test_opposite_words(readouts: dict[str, Document]) -> None:
    """Opposites news uses ("strengthen" → "weaken") are polarity."""
    doc = readouts["july-wang-yi-meeting.txt"]
    found = edited(doc, "will strengthen mutually", "will weaken mutually")
    assert ["polarity"] == [f.type for f in found]


def test_inflected_opposites(readouts: dict[str, Document]) -> None:
    """Opposites are listed in one form and match the inflected forms news uses, whatever the
    stemmer makes of them ("appears to be growing" → "falling", "reaffirmed" → "denied")."""
    relay = readouts["call-syrian-readout-relay.txt"]
    found = edited(relay, "appears to be growing", "appears to be falling")
    assert ["polarity"] == [f.type for f in found]
    found = edited(relay, "Assad also reaffirmed that", "Assad also denied that")
    assert "polarity" in [f.type for f in found]


def test_inflections_of_a_listed_word() -> None:
    """Regular English inflections: -s/-es, -ed/-d, -ing, y → ies/ied, a doubled consonant."""
    from compare.lexicon import inflections

    assert {"deny", "denies", "denied", "denying"} <= set(inflections("deny", "en"))
    assert {"admits", "admitted", "admitting"} <= set(inflections("admit", "en"))
    assert {"rises", "rising", "rised"} <= set(inflections("rise", "en"))
    assert ("拒绝",) == inflections("拒绝", "zh")


def test_direct_quote_turned_into_reported_speech(readouts: dict[str, Document]) -> None:
    """A direct quote retold as reported speech is a quote finding."""
    doc = readouts["call-newsweek-report.txt"]
    index = next(i for i, s in enumerate(doc.sentences) if "I believe that Syria" in s.text)
    s = doc.sentences[index].text
    quoted = s[s.index("“") + 1 : s.index(",”")]
    found = edited(
        doc,
        s,
        "Xi said during the telephone conversation that " + quoted[0].lower() + quoted[1:] + ".",
    )
    assert ["quote"] == [f.type for f in found]
    assert found[0].detail.endswith("→ reported speech")


def test_number_inside_a_name(cgtn: Document) -> None:
    """A number changed inside a name ("COVID-19" → "COVID-24") is a number finding."""
    found = edited(cgtn, "against COVID-19 pandemic", "against COVID-24 pandemic")
    assert [("number", "COVID-19 → COVID-24")] == [(f.type, f.detail) for f in found]


def test_weekday_and_date_agree_when_the_document_date_gives_the_year(relay: Document) -> None:
    """ "Friday" and "November 5" are the same day in a document dated 2021-11-06."""
    assert relay.meta["date"] == "2021-11-06"
    same_day = edited(relay, "On November 5, the Syrian", "On Friday, the Syrian")
    assert ["reworded"] == [f.type for f in same_day]
    found = edited(relay, "On November 5, the Syrian", "On Thursday, the Syrian")
    assert [("number", "November 5 → Thursday")] == [(f.type, f.detail) for f in found]


def test_percent_and_fraction_agree(cgtn: Document) -> None:
    """ "20 percent" and "a fifth" are one value: no number finding."""
    doc = compare.Document.from_text(
        cgtn.text.replace("Over the past 65 years", "Over 20 percent of the past years")
    )
    found = edited(doc, "Over 20 percent of", "Over a fifth of")
    assert "number" not in [f.type for f in found]


def test_approximation_marker_is_noticed(cgtn: Document) -> None:
    """A number made approximate ("65" → "as many as 65") is a number finding."""
    found = edited(cgtn, "Over the past 65 years", "Over the past as many as 65 years")
    assert [("number", "65 → as many as 65")] == [(f.type, f.detail) for f in found]


def test_the_firm_said_is_no_intensifier(cgtn: Document) -> None:
    """'the firm said' is a speaker, not the intensifier 'firm'."""
    doc = compare.Document.from_text(
        cgtn.text.replace("Xi said China attaches", "The company said China attaches")
    )
    found = edited(doc, "The company said China", "The firm said China")
    assert "intensity" not in [f.type for f in found]


def test_role_swap(readouts: dict[str, Document]) -> None:
    """Two parties trading places around a verb is a finding, though every word is kept."""
    doc = readouts["july-wang-yi-meeting.txt"]
    found = edited(
        doc,
        "China opposes any regime change attempt in Syria",
        "Syria opposes any regime change attempt in China",
    )
    assert [("entity", "roles swapped: ‘China’ ↔ ‘Syria’")] == [(f.type, f.detail) for f in found]
