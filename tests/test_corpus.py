"""compare.corpus (issue 13): reading a corpus, blocking it into events, reuse across events.

The invented corpus tests/data/corpus_three_events.jsonl holds three events (a bridge opening, a
football match, a storm flood), each told by two outlets; the weather office's storm warning is
quoted word for word in the football report and in one flood report: reuse across events.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import sparse

import compare
import compare.corpus as corpus_module
import compare.corpus.blocking as blocking_module
from compare import InputError, OptionsError
from compare.cli import main
from compare.corpus import Article, Blocking, Corpus, collate_events, group, read_articles
from compare.corpus.blocking import (
    _term_hash,
    article_record,
    candidates,
    keyed,
    shingles,
)
from compare.corpus.reuse import Shingled, passages, shingled, shingled_words
from compare.tokens import content_keys, word_keys
from conftest import READOUTS

DATA = Path(__file__).parent / "data" / "corpus_three_events.jsonl"
WARNING = "regional weather office said the storm would bring gusts"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_jsonl_fields_and_extra_fields_pass_through(tmp_path: Path) -> None:
    row = {"id": "a1", "text": "Some text here.", "outlet": "Herald", "event": "e", "lang": "en"}
    arts = list(read_articles(_write(tmp_path / "c.jsonl", [json.dumps(row)])))
    assert 1 == len(arts)
    assert ("a1", "Herald", "e", None) == (arts[0].id, arts[0].outlet, arts[0].event, arts[0].date)
    assert {"lang": "en"} == dict(arts[0].extra)
    assert arts[0].where.endswith("c.jsonl:1")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('["a", "b"]', "expected a JSON object"),
        ('{"text": "no id"}', "missing 'id'"),
        ('{"id": "x", "text": 3}', "'text' must be a string"),
        ('{"id": "x", "text": "   "}', "article 'x' has no usable text"),
    ],
)
def test_bad_line_is_one_error_naming_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    good = json.dumps({"id": "a", "text": "Fine."})
    path = _write(tmp_path / "c.jsonl", [good, "", line])
    with pytest.raises(InputError) as err:
        list(read_articles(path))
    assert f"c.jsonl:3: {message}" in str(err.value)
    assert "\n" not in str(err.value)


def test_skip_bad_skips_and_counts(tmp_path: Path) -> None:
    a = json.dumps({"id": "a", "text": "Fine."})
    path = _write(tmp_path / "c.jsonl", [a, "{oops", a, json.dumps({"id": "b", "text": "Also."})])
    reader = read_articles(path, skip_bad=True)
    assert ["a", "b"] == [x.id for x in reader]
    assert 2 == len(reader.skipped)
    assert "c.jsonl:2: not JSON" in reader.skipped[0]
    assert "c.jsonl:3: duplicate article id 'a'" in reader.skipped[1]


def test_folder_reads_text_files_with_their_headers() -> None:
    arts = {a.id: a for a in read_articles(READOUTS)}
    assert 5 == len(arts)  # README.md is no article
    assert "2021-07-18" == arts["july-wang-yi-meeting"].date


def test_unreadable_file_in_folder(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A fine article about the bridge.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    with pytest.raises(InputError, match=r"bad\.txt"):
        list(read_articles(tmp_path))
    reader = read_articles(tmp_path, skip_bad=True)
    assert ["good"] == [a.id for a in reader]
    assert 1 == len(reader.skipped)


CP1252 = "The minister\u2019s caf\u00e9 speech \u2013 on the bridge \u2013 cost \u20ac4 million."


def test_folder_encoding_reads_cp1252_files_and_default_names_the_flag(tmp_path: Path) -> None:
    (tmp_path / "herald.txt").write_bytes(CP1252.encode("cp1252"))
    with pytest.raises(InputError, match=r"herald\.txt: cannot decode as UTF-8.*--encoding"):
        list(read_articles(tmp_path))
    (art,) = read_articles(tmp_path, encoding="cp1252")
    assert CP1252 == art.text
    # a file with a UTF-8 byte-order mark in the same folder is still read by its mark
    (tmp_path / "post.txt").write_bytes(b"\xef\xbb\xbf" + "Caf\u00e9 \u2013 bridge.".encode())
    assert ["herald", "post"] == [a.id for a in read_articles(tmp_path, encoding="cp1252")]


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("no-such-codec", "unknown encoding 'no-such-codec'"), ("base64", "not a text encoding")],
)
def test_folder_encoding_must_be_a_text_codec(tmp_path: Path, encoding: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_articles(tmp_path, encoding=encoding)


def test_encoding_is_refused_for_jsonl_and_held_articles(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="JSONL and Parquet inputs are read as UTF-8"):
        read_articles(DATA, encoding="cp1252")
    with pytest.raises(InputError, match="applies to a folder input"):
        group([Article("a", "Some text.")], encoding="cp1252")


def test_cli_corpus_encoding_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("herald", CP1252), ("post", CP1252.replace("4", "5"))):
        (folder / f"{name}.txt").write_bytes(text.encode("cp1252"))
    assert 2 == main(["corpus", str(folder), "-o", str(tmp_path / "bad"), "-q"])
    err = capsys.readouterr().err.strip()
    assert "cannot decode as UTF-8" in err and "\n" not in err
    assert 0 == main(
        ["corpus", str(folder), "-o", str(tmp_path / "out"), "-q", "--encoding", "cp1252"]
    )
    assert capsys.readouterr().out.startswith("2 articles, 1 event (1 collated)")
    page = next((tmp_path / "out" / "events").glob("*.html")).read_text(encoding="utf-8")
    assert "caf\u00e9" in page and "\u20ac5 million" in page
    assert 2 == main(["corpus", str(DATA), "-o", str(tmp_path / "j"), "-q", "--encoding", "cp1252"])
    assert "read as UTF-8" in capsys.readouterr().err


def test_three_invented_events_found_and_reuse_reported() -> None:
    corpus = group(DATA)
    assert [
        ("bridge-herald", "bridge-post"),
        ("match-herald", "match-post"),
        ("flood-herald", "flood-post"),
    ] == [e.articles for e in corpus.events]
    assert 1 == len(corpus.reuse)
    (p,) = corpus.reuse
    assert ("match-herald", "flood-herald") == (p.a, p.b)
    a, b = corpus.article(p.a).text, corpus.article(p.b).text
    assert a[p.a_span[0] : p.a_span[1]] == b[p.b_span[0] : p.b_span[1]] == p.text
    assert WARNING in p.text
    assert p.text.endswith("moving inland overnight")
    assert p.words == len(p.text.split())


def test_given_event_field_wins(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    rows[0]["event"] = rows[2]["event"] = "mine"
    path = _write(tmp_path / "c.jsonl", [json.dumps(r) for r in rows])
    corpus = group(path)
    assert "mine" == corpus.event_of["bridge-herald"] == corpus.event_of["match-herald"]
    assert corpus.event_of["bridge-post"] not in ("mine", corpus.event_of["match-post"])
    assert [True] == [e.given for e in corpus.events if e.id == "mine"]


def test_different_outlet_predicate_drops_same_outlet_pairs() -> None:
    arts = list(read_articles(DATA))
    same = [Article(id=a.id, text=a.text, outlet="One") for a in arts]
    corpus = group(same, blocking=Blocking(different_outlet=True))
    assert 6 == len(corpus.events)


READOUT_EVENTS = [
    (
        "call-cgtn-chinese-readout",
        "call-newsweek-report",
        "call-reworded-report",
        "call-syrian-readout-relay",
    ),
    ("july-wang-yi-meeting",),
]
"""The readouts' two real events: the Xi-Assad call (four reports) and the July meeting."""


def _dated_readouts(tmp_path: Path) -> Path:
    """The readouts as JSONL, every one dated (the July meeting in July, the call reports in
    November, the undated Newsweek copy given the relay's date)."""
    dates = {"july-wang-yi-meeting": "2021-07-18", "call-cgtn-chinese-readout": "2021-11-05"}
    rows = [
        {"id": p.stem, "text": p.read_text("utf-8"), "date": dates.get(p.stem, "2021-11-06")}
        for p in sorted(READOUTS.glob("*.txt"))
    ]
    return _write(tmp_path / "r.jsonl", [json.dumps(r) for r in rows])


def test_readouts_with_dates_call_is_one_event_july_meeting_another(tmp_path: Path) -> None:
    corpus = group(_dated_readouts(tmp_path), blocking=Blocking(date_window=7))
    assert READOUT_EVENTS == [e.articles for e in corpus.events]


@pytest.mark.parametrize(
    "text",
    [
        *(p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt"))),
        "Mr. Steele’s “war of Obama’s choosing” — naïve café ﬁne Straße, the 3rd time",
        "افتُتح الجسرُ الجديد أمس بتكلفة ١٢٠٠ مليون",
    ],
)
def test_keys_are_word_keys_and_content_keys(text: str) -> None:
    got = keyed(text, "en")
    assert word_keys(text) == [k for key in got.keys for k in key.split(" ")]
    assert content_keys(text, "en") == list(got.content)
    assert len(got.keys) == len(got.spans)


_MIXED = [
    *(p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt"))),
    "Mr. Steele’s “war of Obama’s choosing” — naïve café ﬁne Straße, the 3rd time «x» „y“",
    "افتُتح الجسرُ الجديد أمس بتكلفة ١٢٠٠ مليون",
    "大桥今天通车。二〇二一年 bridge ‘opened’",
    "İstanbul ΣΑΣ Ǆemal don’t rock'n'roll 'quoted' ٰ",
]


@pytest.mark.parametrize("text", _MIXED)
def test_article_record_is_the_keyed_words_hashed(text: str) -> None:
    """The fast path (one look-up per word, spans from ``split``) gives what hashing
    :func:`keyed`'s keys gave: the same shingles, content words and spans."""
    slow = keyed(text, "en")
    got = article_record(text, 5, "en")
    assert shingles(slow.keys, 5).tolist() == got.ordered.tolist()
    assert np.unique(got.ordered).tolist() == got.distinct.tolist()
    assert [_term_hash(k) for k in slow.content] == got.terms.tolist()
    assert list(slow.spans) == [tuple(s) for s in got.spans.tolist()]
    kept = got.ordered[::3]
    a, b = shingled(slow, kept, 5), shingled_words(got.ordered, got.spans, kept, 5)
    assert a.positions.tolist() == b.positions.tolist()
    assert (a.starts.tolist(), a.ends.tolist()) == (b.starts.tolist(), b.ends.tolist())


def test_keys_work_for_chinese_and_arabic() -> None:
    zh = keyed("大桥今天通车。")
    assert ["大", "桥", "今", "天", "通", "车"] == list(zh.keys)
    assert (0, 1) == zh.spans[0]
    ar = keyed("افتُتح الجسرُ الجديد")
    assert 3 == len(ar.keys)
    assert "جسر" == ar.keys[1]  # diacritics folded, the article stemmed off


def test_bad_settings_are_refused() -> None:
    with pytest.raises(OptionsError, match="cosine"):
        Blocking(cosine=0)
    with pytest.raises(InputError, match="no articles"):
        group([])


def test_collate_events_in_process_and_in_pool() -> None:
    corpus = group(DATA)
    here = list(collate_events(corpus, workers=1))
    assert ["event-1", "event-2", "event-3"] == [e.id for e, _ in here]
    for event, result in here:
        assert not isinstance(result, str)
        assert list(event.articles) == [d.id for d in result.documents]
        assert result.ranking  # two accounts of one event share claims
    pooled = list(collate_events(corpus, workers=2, chunk=1))
    assert [r.to_dict() for _, r in here if not isinstance(r, str)] == [
        r.to_dict() for _, r in pooled if not isinstance(r, str)
    ]


def test_cli_writes_records_reports_and_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert 0 == main(["corpus", str(DATA), "-o", str(out), "--workers", "1", "--quiet"])
    summary = capsys.readouterr().out
    assert summary.startswith(
        "6 articles, 3 events (3 collated), 1 passage reused across events, 0 within; wrote"
    )
    articles = [json.loads(x) for x in (out / "articles.jsonl").read_text().splitlines()]
    assert {"compare.corpus.article/1"} == {a["schema"] for a in articles}
    assert ["event-1", "event-1", "event-2", "event-2", "event-3", "event-3"] == [
        a["event"] for a in articles
    ]
    events = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    assert ["compare.corpus.event/1"] * 3 == [e["schema"] for e in events]
    assert ["compare.collation/1"] * 3 == [e["collation"]["schema"] for e in events]
    assert ["match-herald", "match-post"] == events[1]["articles"]
    (reuse,) = [json.loads(x) for x in (out / "reuse.jsonl").read_text().splitlines()]
    assert "compare.corpus.reuse/2" == reuse["schema"]
    # the match report is dated 7 March, the flood report 8 March
    assert (False, "a_to_b") == (reuse["same_event"], reuse["direction"])
    texts = {json.loads(x)["id"]: json.loads(x)["text"] for x in DATA.read_text().splitlines()}
    for side in ("a", "b"):
        span = texts[reuse[side]["id"]][reuse[side]["start"] : reuse[side]["end"]]
        assert span == reuse["text"]
    index = (out / "index.html").read_text()
    links = re.findall(r'href="([^"]+)"', index)
    assert 3 == len(links)
    for link in links:
        assert "Collation:" in (out / link).read_text()


def test_cli_escapes_event_ids_and_passes_extra_fields(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    for row in rows[:2]:
        row["event"] = "<script>alert(1)</script>"
    rows[0]["section"] = {"name": "city", "page": 3}
    path = _write(tmp_path / "c.jsonl", [json.dumps(r) for r in rows])
    assert 0 == main(["corpus", str(path), "-o", str(tmp_path / "o"), "--workers", "1", "-q"])
    first = json.loads((tmp_path / "o" / "articles.jsonl").read_text().splitlines()[0])
    assert {"section": {"name": "city", "page": 3}} == first["extra"]
    assert "<script>alert(1)</script>" == first["event"] == first["given_event"]
    index = (tmp_path / "o" / "index.html").read_text()
    assert "<script>" not in index
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index


def test_cli_bad_line_exits_2_or_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    path = _write(tmp_path / "c.jsonl", [*lines[:3], '{"id": 1}', *lines[3:]])
    assert 2 == main(["corpus", str(path), "-o", str(tmp_path / "o"), "-q"])
    err = capsys.readouterr().err.strip()
    assert 1 == len(err.splitlines())
    assert "c.jsonl:4: 'id' must be a string" in err
    assert 0 == main(["corpus", str(path), "-o", str(tmp_path / "o"), "-q", "--skip-bad"])
    assert "1 bad input skipped" in capsys.readouterr().out
    assert 2 == main(["corpus", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")])
    assert "no such file or folder" in capsys.readouterr().err


def test_cli_date_window_is_a_week_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dated readouts: by default the July meeting stays out of November's call event; with
    --any-date the two stories' shared vocabulary joins them (the README's measured trade-off)."""
    path = _dated_readouts(tmp_path)

    def events(*flags: str) -> dict[str, str]:
        out = tmp_path / ("out" + "".join(flags))
        assert 0 == main(["corpus", str(path), "-o", str(out), "--workers", "1", "-q", *flags])
        lines = (out / "articles.jsonl").read_text("utf-8").splitlines()
        return {a["id"]: a["event"] for a in map(json.loads, lines)}

    default = events()
    assert default["july-wang-yi-meeting"] != default["call-cgtn-chinese-readout"]
    assert default == events("--date-window", "7")
    anytime = events("--any-date")
    assert anytime["july-wang-yi-meeting"] == anytime["call-newsweek-report"]


def test_cli_flags_set_every_blocking_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each Blocking field is a flag: the readouts' call splits into one event per article when
    no edge can pass (containment and cosine 1), and bad values are one line, exit 2."""

    def events(*flags: str) -> list[str]:
        out = tmp_path / ("out" + "".join(flags))
        assert 0 == main(["corpus", str(READOUTS), "-o", str(out), "--workers", "1", "-q", *flags])
        lines = (out / "articles.jsonl").read_text("utf-8").splitlines()
        return [a["event"] for a in map(json.loads, lines)]

    default = events()
    assert 2 == len(set(default))
    assert 5 == len(set(events("--containment", "1", "--cosine", "1")))
    assert default == events("--structure", "none")  # no bridge to cut in the readouts
    assert default == events("--shingle", "5", "--max-term-df", "200")  # the defaults given
    capsys.readouterr()
    assert 2 == main(["corpus", str(READOUTS), "-o", str(tmp_path / "x"), "--cosine", "2"])
    assert "error: --cosine must lie in (0, 1], got 2.0" in capsys.readouterr().err
    assert 2 == main(["corpus", str(READOUTS), "-o", str(tmp_path / "x"), "--max-term-df", "1"])
    assert "error: --max-term-df is too small: 1" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["corpus", str(READOUTS), "-o", str(tmp_path / "x"), "--structure", "abc"])
    assert 2 == exc.value.code
    assert "a number in (0, 1] or 'none'" in capsys.readouterr().err


def test_an_undated_article_does_not_bridge_two_dated_events(tmp_path: Path) -> None:
    """The bundled readouts as they are: the Newsweek copy has no date. It takes the date of its
    strongest dated match (its reworded copy, November), so it joins the call's event and its
    likeness to the July meeting no longer pulls that meeting in."""
    corpus = group(READOUTS, blocking=Blocking())
    assert None is next(a for a in corpus.articles if a.id == "call-newsweek-report").date
    assert READOUT_EVENTS == [e.articles for e in corpus.events]


def test_corpus_holds_metadata_and_reads_texts_again(tmp_path: Path) -> None:
    """A corpus read from a file or folder keeps each article's metadata, not its text: an
    article asked for is read again from the source, the same as it was read the first time
    (in any order); a source changed meanwhile is one error."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    rows[1]["section"] = ["city", 3]
    path = _write(tmp_path / "c.jsonl", ["", *(json.dumps(r) for r in rows)])
    for source in (path, READOUTS):
        corpus = group(source)
        first = list(read_articles(source))
        assert first == list(corpus.articles)
        assert first[::-1] == [corpus.articles[k] for k in range(len(first) - 1, -1, -1)]
        assert ("", {}) == (corpus.articles.stub(1).text, dict(corpus.articles.stub(1).extra))
        assert first[1].id == corpus.articles.stub(1).id
    corpus = group(path)
    path.write_text("{oops\n" * 8, encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.jsonl:3: not JSON .*input changed"):
        corpus.articles[1]


def test_write_corpus_can_list_events_without_collating(tmp_path: Path) -> None:
    from compare.corpus.output import write_corpus

    done = write_corpus(DATA, tmp_path / "o", workers=1, collate=False)
    assert (6, 3, 0, 1) == (done.articles, done.events, done.collated, done.reuse)
    assert 3 == done.stats["events"]
    events = [json.loads(x) for x in (tmp_path / "o" / "events.jsonl").read_text().splitlines()]
    assert [None] * 3 == [e["collation"] for e in events]
    assert [] == list((tmp_path / "o" / "events").iterdir())


def _threads(name: str) -> str | None:
    import os

    return os.environ.get(name)


def test_pool_workers_start_with_one_thread_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's processes use the cores; their numerical libraries get one thread each (a
    user's own setting kept), and this process's environment is as it was after."""
    from compare.corpus.engine import ordered_map

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    names = ["OMP_NUM_THREADS", "MKL_NUM_THREADS"] * 2
    assert ["1", "3", "1", "3"] == list(ordered_map(_threads, names, workers=2))
    assert None is _threads("OMP_NUM_THREADS")


def _grouping(corpus: Corpus) -> tuple[object, ...]:
    """What grouping found: events, each article's event, the passages, the counts."""
    return corpus.events, dict(corpus.event_of), corpus.reuse, dict(corpus.stats)


@pytest.mark.parametrize("source", [DATA, READOUTS], ids=["invented", "readouts"])
def test_grouping_on_the_pool_in_chunks_equals_grouping_in_process(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shingling and reused passages run as tasks on the pool (a text and a pair a task here,
    so the order of many tasks is tested): the same events, passages and counts."""
    here = group(source, workers=1)
    assert here.reuse  # the readouts share quotes, the invented corpus the storm warning
    monkeypatch.setattr(corpus_module, "READ_CHUNK", 1)
    monkeypatch.setattr(corpus_module, "PAIR_CHUNK", 1)
    assert _grouping(here) == _grouping(group(source, workers=2))


def test_shingles_counted_in_shards_from_disk_give_the_same_grouping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shingle hashes are read back from disk in blocks and counted by hash range; postings
    pairs and the products of the cosines are made a shard of hashes at a time and summed a
    range of pairs at a time: tiny shards, blocks and ranges change nothing, the cosines too."""
    here = group(READOUTS, workers=1)
    arts = list(read_articles(READOUTS))
    cands = candidates(arts)
    monkeypatch.setattr(blocking_module, "SHARD", 64)  # thousands of hashes: 64 shards or more
    monkeypatch.setattr(blocking_module.Spill, "BLOCK", 7)
    monkeypatch.setattr(blocking_module, "PAIRS", 2)  # 184 postings pairs: 128 shards, 92 ranges
    monkeypatch.setattr(blocking_module, "_BLOCK", 3)
    shift, count = blocking_module._shards(10_000)
    assert (count, int(shift)) == (256, 56)
    assert _grouping(here) == _grouping(group(READOUTS, workers=1))
    again = candidates(arts)
    for field in ("a", "b", "shared", "cosine", "event_edge"):
        assert np.array_equal(getattr(cands, field), getattr(again, field)), field
    assert [k.tolist() for k in cands.kept] == [k.tolist() for k in again.kept]


def test_cosines_are_those_of_the_sparse_tfidf_matrix() -> None:
    """The cosines summed shard by shard from disk are, bit for bit, those of the TF-IDF rows
    as a sparse matrix (square root of tf x idf over words in 2 to max_term_df articles, rows
    normalised): each candidate's ``X[a].multiply(X[b]).sum()``, and the close pairs are those
    of ``X @ X.T`` at or above the threshold."""
    arts = list(read_articles(READOUTS))
    rules = Blocking()
    cands = candidates(arts, rules)
    rows = [Counter(map(_term_hash, content_keys(a.text, "en"))) for a in arts]
    df = Counter(w for row in rows for w in row)
    words = sorted(w for w, d in df.items() if 2 <= d <= rules.max_term_df and d < len(arts))
    column = {w: k for k, w in enumerate(words)}
    x = sparse.lil_matrix((len(arts), len(words)))
    for k, row in enumerate(rows):
        for w, tf in row.items():
            if w in column:
                x[k, column[w]] = np.sqrt(tf * np.log(len(arts) / df[w]))
    x = x.tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    x = sparse.csr_matrix(sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ x)
    expected = np.asarray(x[cands.a].multiply(x[cands.b]).sum(axis=1)).ravel()
    assert np.array_equal(cands.cosine, expected)
    assert 0 < cands.cosine.max() < 1
    sim = sparse.triu(x @ x.T, k=1).tocoo()
    assert cands.stats["cosine_pairs"] == int((sim.data >= rules.cosine).sum()) > 0


def _reference_passages(a: Shingled, b: Shingled, kept: Any, size: int, least: int) -> list[Any]:
    """The passages as the first slice found them, a set of matches walked in Python: what the
    vectorised join must give (spans and word counts, in the same order)."""
    where: dict[int, list[int]] = {}
    for h, p in zip(b.hashes.tolist(), b.positions.tolist(), strict=True):
        if h in kept:
            where.setdefault(h, []).append(p)
    at_a = {p: k for k, p in enumerate(a.positions.tolist())}
    at_b = {p: k for k, p in enumerate(b.positions.tolist())}
    matches = {
        (i, j)
        for h, i in zip(a.hashes.tolist(), a.positions.tolist(), strict=True)
        if h in kept
        for j in where.get(h, [])
    }
    out = []
    for i, j in sorted(matches):
        if (i - 1, j - 1) in matches:
            continue
        run = 1
        while (i + run, j + run) in matches:
            run += 1
        if run + size - 1 >= least:
            last_a, last_b = at_a[i + run - 1], at_b[j + run - 1]
            out.append((
                (int(a.starts[at_a[i]]), int(a.ends[last_a])),
                (int(b.starts[at_b[j]]), int(b.ends[last_b])), run + size - 1,
            ))  # fmt: skip
    return out


def test_passages_join_equals_walking_the_matches() -> None:
    """Random articles over a small vocabulary (repeated shingles, runs crossing each other),
    and the readouts' pairs: the same passages, spans and order."""
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(READOUTS.glob("*.txt"))]
    texts += [" ".join(rng.choice(["ab", "cd", "ef", "gh"]) for _ in range(80)) for _ in range(30)]
    found = 0
    for x, y in itertools.combinations(texts, 2):
        kx, ky = keyed(x), keyed(y)
        both = np.intersect1d(shingles(kx.keys, 3), shingles(ky.keys, 3))
        kept = both[: max(len(both) * 3 // 4, 1)]  # some shared shingles left out
        a, b = shingled(kx, kept, 3), shingled(ky, kept, 3)
        got = [
            (p.a_span, p.b_span, p.words)
            for p in passages("", "", a, "", "", b, kept, size=3, min_words=4)
        ]
        assert _reference_passages(a, b, set(kept.tolist()), 3, 4) == got
        found += len(got)
    assert found > 100


_FRENCH = [
    {
        "id": "fete-ouest", "event": "fete", "outlet": "Ouest",
        "text": "La fête du village a réuni trois mille personnes samedi sur la place du "
        "marché. Le maire a remercié les bénévoles qui ont monté les stands pendant la nuit.",
    },
    {
        "id": "fete-sud", "event": "fete", "outlet": "Sud",
        "text": "Samedi, trois mille personnes sont venues à la fête du village. Selon le maire, "
        "les bénévoles ont monté les stands pendant la nuit et la pluie a épargné la place.",
    },
]  # fmt: skip
"""An event in French (no word lists: a language warning), written for these tests."""


def _with_french(tmp_path: Path) -> Path:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return _write(tmp_path / "c.jsonl", [*lines, *(json.dumps(r) for r in _FRENCH)])


def test_language_warnings_of_pool_workers_reach_the_caller_as_one(tmp_path: Path) -> None:
    corpus = group(_with_french(tmp_path))
    with pytest.warns(compare.LanguageWarning) as caught:
        done = list(collate_events(corpus, workers=2, chunk=1))  # each event its own task
    assert 4 == len(done)
    (warning,) = [w for w in caught if issubclass(w.category, compare.LanguageWarning)]
    message = str(warning.message)
    assert message.startswith("1 language warning(s) in 4 collated events; the first: event fete:")
    assert "has no word lists" in message


def test_cli_language_warnings_are_one_line_and_language_chooses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_french(tmp_path)
    assert 0 == main(["corpus", str(path), "-o", str(tmp_path / "a"), "--workers", "1", "-q"])
    err = capsys.readouterr().err.splitlines()
    assert 1 == len(err)
    assert err[0].startswith("compare-accounts: warning: 1 language warning(s) in 4 collated")
    flags = ["--workers", "1", "-q", "--language", "en"]
    assert 0 == main(["corpus", str(path), "-o", str(tmp_path / "b"), *flags])
    assert "" == capsys.readouterr().err
    # auto fell back to the English word lists for the French event: the same collations
    assert (tmp_path / "a" / "events.jsonl").read_text() == (
        tmp_path / "b" / "events.jsonl"
    ).read_text()
    with pytest.raises(SystemExit) as exited:
        main(["corpus", str(path), "-o", str(tmp_path / "c"), "--language", "fr"])
    assert 2 == exited.value.code
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_passages_live_on_disk_and_read_back_equal(tmp_path: Path) -> None:
    from compare.corpus.reuse import Passages

    corpus = group(_dated_readouts(tmp_path))
    held = list(corpus.reuse)
    assert isinstance(corpus.reuse, Passages) and len(held) > 3
    again = Passages([held[:2], [], held[2:]])  # batches as the tasks' results come
    assert held == list(again) and again == held and again == corpus.reuse
    assert held[-1] == again[-1] == again[len(held) - 1] and held[1:3] == again[1:3]
    assert again != held[:-1]
    with pytest.raises(IndexError):
        again[len(held)]
    import pickle

    assert held == list(pickle.loads(pickle.dumps(again)))


def test_a_corpus_of_articles_too_short_to_shingle_is_one_event_each(tmp_path: Path) -> None:
    # Found by fuzzing the corpus command: when no article held a shingle (every text shorter
    # than one), counting the shingles' document frequencies unpacked an empty shard and the
    # command ended in a ValueError traceback.
    rows = [{"id": "a", "text": "Yesterday."}, {"id": "b", "text": "Hello there."}]
    path = _write(tmp_path / "c.jsonl", [json.dumps(r) for r in rows])
    corpus = group(path, workers=1)
    assert {"a": "event-1", "b": "event-2"} == dict(corpus.event_of)
    assert () == corpus.reuse
    assert 0 == corpus.stats["kept_shingles"]
    out = tmp_path / "out"
    assert 0 == main(["corpus", str(path), "-o", str(out), "--workers", "1", "-q"])
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert [["a"], ["b"]] == [e["articles"] for e in events]


def test_readme_corpus_command_on_the_bundled_readouts_folder(tmp_path: Path) -> None:
    # README, "Corpora": `python -m compare corpus examples/readouts -o out/`, and what it says
    # that run finds: the four call reports one event, collated; the July meeting alone; 13
    # passages the call reports share word for word, none across events.
    out = tmp_path / "out"
    assert 0 == main(["corpus", str(READOUTS), "-o", str(out), "--workers", "1", "-q"])
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert READOUT_EVENTS == [tuple(e["articles"]) for e in events]
    assert [True, False] == [e["collation"] is not None for e in events]
    reuse = [json.loads(line) for line in (out / "reuse.jsonl").read_text().splitlines()]
    assert 13 == len(reuse)
    assert all(r["same_event"] for r in reuse)
    assert (out / "index.html").is_file()
