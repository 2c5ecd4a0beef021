"""The helpers that let the link classifiers share work: each gives what the plain code gives."""

from __future__ import annotations

import itertools

from compare.classify.names import (
    _NAME_TOKEN_RE,
    _capitalised_in,
    _capitals_of,
    _name_regions,
    _names_of,
    _openers,
    _token_starts_at,
)
from compare.classify.speech import _sentence_quotes
from compare.context import (
    LinkContext,
    Side,
    _plain_places,
    change_words,
    changes,
    memo,
    slice_words,
    text_words,
)
from compare.diff import _key, _prepared, symmetric_runs, tokenize
from compare.findings import _too_few_keys, _too_short
from compare.lexicon import lexicon, strip_possessive, words
from compare.model import Document
from compare.options import Options
from compare.quantities import _has_digit, quantities
from compare.relate import opposed, opposed_plain
from compare.speech import _tokens, attributions, phrase_matches, quote_spans
from compare.tokens import content_keys
from conftest import READOUTS


def _context(a: str, b: str) -> LinkContext:
    ref, other = Document.from_text(a, label="A"), Document.from_text(b, label="B")
    ref_side = Side.of(ref, tuple(range(len(ref.sentences))))
    other_side = Side.of(other, tuple(range(len(other.sentences))))
    runs = symmetric_runs(ref_side.text, other_side.text)
    return LinkContext(ref_side, other_side, runs, "reworded", Options())


def test_memo_computes_once_per_link() -> None:
    ctx = _context("Xi met Assad on Friday.", "Xi met Assad on Monday.")
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return 42

    assert memo(ctx, "answer", compute) == 42
    assert memo(ctx, "answer", compute) == 42
    assert calls == [1]
    assert changes(ctx) is changes(ctx)
    fresh = LinkContext(ctx.ref, ctx.other, ctx.runs, ctx.relation, ctx.options)
    assert fresh == ctx  # the cache takes no part in equality
    assert "answer" not in fresh.cache


def test_changes_do_not_depend_on_the_reference() -> None:
    a, b = "China firmly supports Syria, Xi said.", "Beijing supports Syria strongly."
    forward, backward = changes(_context(a, b)), changes(_context(b, a))
    assert [(c.a_start, c.a_end, c.b_start, c.b_end) for c in forward] == [
        (c.b_start, c.b_end, c.a_start, c.a_end) for c in backward
    ]


def test_prepared_keys_are_the_token_keys() -> None:
    for text in ("“Hello,” he said. ’Tis  the U.S.-led plan…", "  leading space", "", "x"):
        tokens = tokenize(text)
        keys, offsets = _prepared(text)
        assert keys == tuple(_key(t) for t in tokens)
        assert [text[s:e] for s, e in itertools.pairwise(offsets)] == tokens


def test_sentence_quotes_clip_every_quote_to_every_sentence() -> None:
    text = (
        "He said “we stand together. We will win” and left.\n"
        "“An open quote runs on. Over two sentences\n"
        "Plain text. ‘Nested “inner” quote’ here."
    )
    doc = Document.from_text(text)
    spans = quote_spans(doc.text)
    for sent, got in zip(doc.sentences, _sentence_quotes(doc), strict=True):
        expected = sorted(
            (max(qs, sent.start), min(qe, sent.end))
            for qs, qe in spans
            if max(qs, sent.start) < min(qe, sent.end)
        )
        assert sorted(got) == expected


def test_has_digit_is_str_isdigit() -> None:
    for text in ("no digits here", "year 2021", "x²", "٣ pieces", "curly ‘quotes’ only", ""):
        assert _has_digit(text) == any(ch.isdigit() for ch in text)


def test_quantities_skip_nothing_that_starts_one() -> None:
    lex = lexicon("en")
    text = "On 5 Nov. the ten-year plan cost $3 million, 5 per cent more, by Friday at 21:01."
    kinds = [q.kind for q in quantities(text, lex)]
    assert kinds == ["date", "number", "money", "percent", "weekday", "time"]


def test_matches_give_the_longest_phrase_at_each_token() -> None:
    lex = lexicon("en")
    tokens = _tokens("According to CGTN, Xi said and told reporters.")
    found = phrase_matches(tokens, lex.source_phrases)
    assert found[0] == 2  # "according to"
    assert not any(found[1:])
    assert attributions("The weather is fine.", lex) == ()


def test_opposite_either_way_round() -> None:
    lex = lexicon("en")
    left, right = lex.opposites[0]
    x, y = sorted(left)[0], sorted(right)[0]
    assert lex.opposite(x, y) and lex.opposite(y, x)
    assert not lex.opposite(x, "zzz")
    assert lex.is_negator("not") and lex.is_negator("don't") and not lex.is_negator("note")


def test_the_opposite_pairs_made_on_first_use_answer_as_the_listed_groups() -> None:
    """A lexicon is made without its pairs of opposite words; its first opposite() makes them,
    and every two listed words are opposites exactly when one group of a line holds one and the
    other group the other."""
    from compare.lexicon import Lexicon, _lines

    lex = Lexicon(language="en", opposites=lexicon("en").opposites)
    assert lex._opposite_pairs is None
    listed = sorted({w for pair in lex.opposites for side in pair for w in side})
    for x, y in itertools.product(listed, [*listed, "zzz"]):
        expected = any(
            (x in left and y in right) or (x in right and y in left)
            for left, right in lex.opposites
        )
        assert lex.opposite(x, y) == expected, (x, y)
    assert lex._opposite_pairs is not None and len(_lines("en", "opposites")) == len(lex.opposites)


_SLICED = (
    "President Xi's talks with U.S. co-op leaders ended on Friday, 3 Dec. 2026.",
    "China’s “firm” stance: Beijing won't back down—officials said…",
    "STRASSE Straße Σίσυφος ΣΊΣΥΦΟΣ naïve café",
    "习近平同叙利亚总统巴沙尔通电话 二〇二六年",
    "قال الرئيس بشار الأسد ١٢٠٠ جسراً",
)


def test_slice_words_are_the_words_of_the_slice() -> None:
    """Every slice of plain and script-folded texts: read off the whole text's words or
    computed, the words are those of the slice."""
    for text in _SLICED:
        whole = words(text)
        plain = _plain_places(text)
        starts = [w[1] for w in whole]
        for start, end in itertools.combinations(range(len(text) + 1), 2):
            expected = words(text[start:end])
            assert slice_words(text, start, end, whole, plain) == expected
            assert slice_words(text, start, end, whole, plain, starts) == expected
            assert text_words(text, start, end) == expected


def test_speech_tokens_are_the_words_and_the_marks_between_them() -> None:
    """The words and each boundary mark outside them, read in one pass, are what a scan of
    the stretches between each two words finds (a folded apostrophe inside a word is none)."""
    from compare.speech import _BOUNDARY

    def between(text: str) -> tuple[tuple[str, int, int], ...]:
        out: list[tuple[str, int, int]] = []
        pos = 0
        for word, start, end in [*words(text), ("", len(text), len(text))]:
            out += [(ch, k, k + 1) for k, ch in enumerate(text[pos:start], pos) if ch in _BOUNDARY]
            if word:
                out.append((word, start, end))
            pos = end
        return tuple(out)

    texts = [*_SLICED, "“Xi’s ‘firm’ stance,” (he said): no—none; «non» 「是」，好！", ""]
    for text in texts:
        for start, end in itertools.combinations(range(len(text) + 1), 2):
            assert _tokens(text[start:end]) == between(text[start:end])
    assert any(t[0] == "“" for t in _tokens(texts[-2])) and ("xi's", 1, 5) in _tokens(texts[-2])


def test_change_words_are_the_words_of_each_change() -> None:
    ctx = _context(
        "Xi’s envoy met Assad's aides on Friday in Damascus.",
        "Xi's envoys met Assad’s top aides on Monday, in Damascus.",
    )
    assert len(changes(ctx)) > 1
    assert [(words(c.ref_text(ctx)), words(c.other_text(ctx))) for c in changes(ctx)] == list(
        change_words(ctx)
    )


_STRETCH_WORDS = (
    "supports", "rejects", "welcomed", "condemned", "not", "never", "don't", "didn't", "the",
    "talks", "u.s.", "ten", "10", "xi", "china", "naïve", "é",
)  # fmt: skip


def test_opposed_plain_is_opposed_whenever_it_tells() -> None:
    """Every pair of stretches of up to two words (negators, listed opposites, function words,
    numbers, names, dotted and non-ASCII words): when :func:`opposed_plain` answers, it is what
    :func:`opposed` says; it answers for plain words without a listed opposite on one side."""
    lex = lexicon("en")
    stretches = [list(s) for n in range(3) for s in itertools.product(_STRETCH_WORDS, repeat=n)]
    told = 0
    for a, b in itertools.product(stretches, repeat=2):
        plain = opposed_plain(a, b, lex)
        if plain is not None:
            told += 1
            assert plain == opposed(a, b), (a, b)
    assert told > len(stretches) ** 2 // 4  # a third of them: the rest hold a dot, a non-ASCII
    # letter or listed words on both sides
    assert opposed_plain(["talks"], ["did", "not", "talk"], lex) is True
    assert opposed_plain(["supports"], ["rejects"], lex) is None  # a listed pair: read the words
    assert opposed_plain(["u.s."], [], lex) is None


_NAMED = (
    "The talks ended. Syrian President Bashar al-Assad met Xi Jinping of the Bank of China.",
    "Furthermore, Assad's office said the U.S. State Department and Beijing agreed.",
    "“Peace,” Xi said. Ahmed al-Sharaa and He Lifeng spoke; Ma's team of Wang Yi left.",
    "قال الرئيس بشار الأسد إن Damascus and Moscow agree.",
)


def test_name_regions_hold_every_name() -> None:
    """Whichever sentence-opening words are dropped, every name :func:`_names_of` finds lies
    inside one of the text's name regions (what lets :func:`entity` skip reading names)."""
    lex = lexicon("en")
    for text in _NAMED:
        doc = Document.from_text(text, label="A")
        starts = tuple(s.start for s in doc.sentences)
        openers = [i for i, _, _ in _openers(doc.text, starts, lex)]
        regions = _name_regions(doc.text, starts, lex)
        assert regions
        for n in range(len(openers) + 1):
            for dropped in itertools.combinations(openers, n):
                for name in _names_of(doc.text, starts, dropped, lex):
                    assert any(s <= name.start and name.end <= e for s, e in regions), name


_CAPITALISED = (
    *_NAMED,
    "end.Next Xi's U.S.-led co-op 'Assad' —Xi. ‘Xi’ said x-Xi a.-B _Xi 3Xi Xi_Jinping xi XI.",
    "Straße STRASSE: Σίσυφος ΣΊΣΥΦΟΣ met naïve Café owners. Café au lait; İstanbul, ǅemal.",
    "Assad’s Assad's Assads' Assad-led al-Assad AL-ASSAD. Assad. “Assad” (Assad) Assad",
)


def test_capitalised_in_is_the_whole_document_pass() -> None:
    """For every word of each text (folded, no possessive) and parts of words: read around its
    occurrences, a word is capitalised inside a sentence exactly when the whole-text pass
    (:func:`_capitals_of`) says so; tokens start where the whole text's tokens start."""
    lex = lexicon("en")
    texts = [
        *_CAPITALISED,
        *(p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt"))),
    ]
    for text in texts:
        doc = Document.from_text(text, label="A")
        tokens = list(_NAME_TOKEN_RE.finditer(doc.text))
        token_starts = {m.start() for m in tokens}
        assert {p for p in range(len(doc.text)) if _token_starts_at(doc.text, p)} == token_starts
        starts = tuple(s.start for s in doc.sentences)
        whole = _capitals_of(doc.text, starts, lex)
        folded = doc.text.casefold()
        if len(folded) != len(doc.text):
            continue  # read whole (Straße): :func:`_capitalised_inside` does not use the places
        asked = {strip_possessive(m.group().casefold(), lex) for m in tokens}
        asked |= {w[:3] for w in asked} | {w[1:] for w in asked} | {"xi jinping", "assad-"}
        said = {w for w in asked if _capitalised_in(doc.text, folded, frozenset(starts), w, lex)}
        assert said == whole & asked, text[:40]
        assert said


def test_too_few_keys_never_hides_a_detail() -> None:
    """Every slice of ASCII texts (abbreviations, hyphens, apostrophes, numbers): when
    :func:`_too_few_keys` (or :func:`_too_short`) says a stretch has fewer than n content keys,
    it has."""
    texts = [t for t in _SLICED if t.isascii()] + [
        "The U.S.-led co-op's 3.5 m-long e-mail: Xi's rock'n'roll, 1,200 people... o'clock.",
        "a.b.c d-e-f g'h'i",
    ]
    for text in texts:
        for start, end in itertools.combinations(range(len(text) + 1), 2):
            piece = text[start:end]
            keys = len(content_keys(piece))
            for need in (1, 2, 3, 4):
                if _too_few_keys(piece, words(piece), need):
                    assert keys < need, (piece, need)
                if _too_short(piece, need):
                    assert keys < need, (piece, need)
    added = "China adds new details"
    assert not _too_few_keys(added, words(added), 3)
    assert not _too_few_keys("两国", (), 1)  # not ASCII: the keys must be read
