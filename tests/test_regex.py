"""Patterns compiled on first use and their plain twins (compare._regex): each twin matches
exactly as its full pattern on every text that is not script-keyed, the script-keyed test holds
the characters it says over every code point, and a command-line run on the English readouts
compiles none of the Chinese or Arabic patterns."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import importlib
import json
import pkgutil
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare import _regex, debris, scripts
from compare._regex import SCRIPT_KEYED_FROM, Lazy, ScriptPattern, script_keyed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
READOUTS = EXAMPLES / "readouts"
ALL = "".join(map(chr, range(0x110000)))
"""Every code point, surrogates included (a file name's undecodable bytes are lone surrogates)."""
PLAIN = "".join(c for c in ALL if not script_keyed(c))
"""Every code point that is not script-keyed."""


def _script_patterns() -> dict[str, ScriptPattern]:
    """Every ScriptPattern at module level in the package, by ``module.name``."""
    found = {}
    for info in pkgutil.walk_packages(compare.__path__, "compare."):
        if info.name in ("compare.semantic", "compare.web") or ".corpus" in info.name:
            continue  # extras; the corpus command makes no ScriptPattern of its own
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, ScriptPattern) and value.__module__ == "compare._regex":
                found.setdefault(f"{info.name}.{name}", value)
    return found


PATTERNS = _script_patterns()


def test_the_package_has_the_twins_this_file_proves() -> None:
    """A new twin is proved here too: the list is read from the package."""
    assert {
        "compare.diff._TOKEN_RE",
        "compare.lexicon._WORD_RE",
        "compare.quantities._TOKEN_RE",
        "compare.scripts._SCRIPT_RE",
        "compare.segment._BOUNDARY",
        "compare.tokens.WORD_RE",
        "compare.tokens._KEY_RE",
    } <= set(PATTERNS)


def test_script_keyed_is_the_arabic_block_and_the_cjk_radicals_up() -> None:
    keyed = re.compile("[\u0600-\u06ff\u2e80-\U0010ffff]")
    assert keyed.findall(ALL) == _regex._SCRIPT_KEYED_RE().findall(ALL)
    assert len(ALL) - len(PLAIN) == 0x100 + 0x110000 - 0x2E80
    assert all(c < SCRIPT_KEYED_FROM and not "\u0600" <= c <= "\u06ff" for c in PLAIN)
    assert not script_keyed("") and not script_keyed("He said “no” — twice…")
    assert script_keyed("大桥") and script_keyed("the جسر") and script_keyed("x\U00020000")


def test_every_script_class_lies_in_the_script_keyed_characters() -> None:
    """The twins leave out the Chinese and Arabic classes: none holds a plain character."""
    from compare.scripts import ARABIC_MARKS, HAN
    from compare.tokens import HAN_NUMERALS

    for chars in (HAN, ARABIC_MARKS, HAN_NUMERALS, "\u0640"):
        assert [] == re.findall(f"[{chars}]", PLAIN), chars


def _texts() -> list[str]:
    """Plain texts to hold the twins to: every code point that is not script-keyed, alone, in
    runs and between words; the English example texts; random mixes of words, digits, marks."""
    rng = random.Random(8)
    pieces = [*"abc XYZ 12 3.5 1,000 21:01 2021-11-05 5-Nov-2021 50th al-Assad U.N. don't"]
    pieces += [".", "!", "?", "…", "...", "“", "”", "’", '"', "'", "-", "—", "\n", " ", ", "]
    pieces += ["Mr. ", "a.m. ", "No. 5", " and ", "May ", "é", "ß", "İ", "ŉ"]
    out = [PLAIN, " ".join(PLAIN), ". ".join(PLAIN), "… ".join(PLAIN)]
    out += [PLAIN[k : k + 500] + " word. Next" for k in range(0, len(PLAIN), 500)]
    out += [p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("languages/*-en.txt"))]
    for _ in range(400):
        words = rng.choices(pieces, k=rng.randint(1, 40)) + rng.choices(PLAIN, k=rng.randint(0, 8))
        rng.shuffle(words)
        out.append("".join(words))
    return out


TEXTS = _texts()


def _matches(pattern: re.Pattern[str], text: str) -> list[object]:
    """Each match's span and groups (the named groups that took part, where they are named: a
    twin leaves out the groups of the scripts it cannot meet)."""
    return [
        (m.span(), m.lastgroup, {k: v for k, v in m.groupdict().items() if v is not None})
        if pattern.groupindex
        else (m.span(), m.groups())
        for m in pattern.finditer(text)
    ]


LANGUAGES = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("languages/*.txt"))]
"""Chinese, Arabic and English texts: the full patterns' ground."""
MIXED = [
    "他说：“大桥通车。”Then he left… 大桥",
    "大桥通车，两国合作",  # Chinese without a terminator or an ellipsis
    "He said… 大桥",
    "The bridge (جسر) opened. It is ١٢٠٠ m long؟ Yes.",
    "Wait… what? 。",
]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_plain_twin_matches_as_its_full_pattern_on_plain_text(name: str) -> None:
    """On every text that is not script-keyed the twin matches as the full pattern does."""
    pattern = PATTERNS[name]
    full, plain = re.compile(pattern.full.pattern, pattern.full.flags), pattern.plain()
    for text in TEXTS:
        assert not script_keyed(text)
        assert _matches(full, text) == _matches(plain, text), (name, text[:80])


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_pattern_picked_for_a_text_matches_as_the_full_one(name: str) -> None:
    """Whatever :meth:`ScriptPattern.of` picks for a text matches there as the full pattern
    does; it picks the twin for every plain text but those the pattern's own test sends on."""
    pattern = PATTERNS[name]
    full = re.compile(pattern.full.pattern, pattern.full.flags)
    picked_plain = 0
    for text in [*TEXTS, *LANGUAGES, *MIXED]:
        picked = pattern.of(text)
        assert _matches(full, text) == _matches(picked, text), (name, text[:80])
        picked_plain += picked is pattern.plain()
    assert picked_plain >= len(TEXTS) // 2


def test_the_segmenter_needs_its_full_pattern_only_for_cjk_stops_or_an_ellipsis() -> None:
    from compare import segment

    boundary = segment._BOUNDARY
    assert boundary.needs_full is not script_keyed
    assert not boundary.needs_full("He said “no” — twice. 大桥通车，两国合作")
    assert all(boundary.needs_full(f"a{mark}b") for mark in "。！？｡；…")


def test_a_lazy_pattern_compiles_once_on_first_use() -> None:
    lazy = Lazy("[\u4e00-\u9fff]+")
    assert not lazy.compiled and lazy.pattern not in _regex.compiled()
    assert lazy().findall("大桥 通车") == ["大桥", "通车"]
    assert lazy.compiled and lazy() is lazy() and lazy.pattern in _regex.compiled()


def test_the_cli_on_the_english_readouts_compiles_no_chinese_or_arabic_pattern() -> None:
    """The command line's start-up pays for no class of the scripts its texts do not hold; the
    Chinese pair, in contrast, compiles the full patterns (so the check can fail)."""
    code = (
        "import io, json, sys, contextlib, compare.cli, compare._regex as r\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert compare.cli.main(sys.argv[1:]) == 0\n"
        "print(json.dumps(r.compiled()))\n"
    )

    def compiled(*paths: Path) -> set[str]:
        argv = [sys.executable, "-c", code, *map(str, paths)]
        run = subprocess.run(argv, capture_output=True, text=True, check=True)
        return set(json.loads(run.stdout))

    plain = {p.plain.pattern for p in PATTERNS.values()} | {_regex._SCRIPT_KEYED_RE.pattern}
    plain |= {debris._UPDATED.pattern, debris._DATE_IN_VALUE.pattern}  # "Updated 21:01, 05-Nov"
    plain.add(scripts._NON_ASCII_RE.pattern)  # the relay's curly quotes, counted apart
    english = compiled(
        READOUTS / "call-cgtn-chinese-readout.txt", READOUTS / "call-syrian-readout-relay.txt"
    )
    assert english <= plain, sorted(english - plain)
    assert debris._BYLINE.pattern not in english  # no line of theirs begins "By"
    chinese = compiled(
        EXAMPLES / "languages/zh-bridge-a.txt", EXAMPLES / "languages/zh-bridge-b.txt"
    )
    assert PATTERNS["compare.diff._TOKEN_RE"].full.pattern in chinese - plain


def test_importing_the_command_line_compiles_no_lazy_pattern() -> None:
    """Every pattern made lazy is compiled by the run that needs it, never by an import."""
    code = "import json, compare.cli, compare._regex as r; print(json.dumps(r.compiled()))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert [] == json.loads(run.stdout)


def test_no_script_class_holds_a_character_of_the_gap_the_script_count_skips() -> None:
    """scripts._no_letters skips the script count for samples whose non-ASCII characters all
    lie in scripts._NO_SCRIPT: neither the full pattern nor its twin matches one of them."""
    low, high = scripts._NO_SCRIPT
    gap = "".join(map(chr, range(ord(low), ord(high) + 1)))
    pattern = scripts._SCRIPT_RE
    assert pattern.full().search(gap) is None and pattern.plain().search(gap) is None
    # the gap's ends touch a script on both sides: Latin below, Kana above
    assert pattern.full().fullmatch(chr(ord(low) - 1)) and pattern.full().fullmatch(
        chr(ord(high) + 1)
    )


_SAMPLE_CHARS = st.sampled_from(
    ["a", "Z", " ", ".", "\u201c", "\u201d", "\u2014", "\u2026", "\u1f00", "\u303f", "\u1eff",
     "\u3040", "\u00e9", "\u0416", "\u062c", "\u5927", "\u00a0", "\u00d7", "\U00020000"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_SAMPLE_CHARS, max_size=30).map("".join))
def test_a_sample_without_letters_outside_ascii_is_read_as_the_full_count_reads_it(
    sample: str,
) -> None:
    """The script of a sample with the gap's skip and without it (the count run on every
    sample) is the same."""
    read = scripts._script_of_sample.__wrapped__
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(scripts, "_no_letters", lambda others: False)
        counted = read(sample)
    assert read(sample) == counted
