"""Loading documents: decoding, input errors, standard input, headers, ids and the corpus."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300
from __future__ import annotations

import codecs
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare.errors import InputError
from compare.loading import derive_id, document_from_text, load, parse_header
from compare.model import Document
from invariants import check_document

READOUTS = Path(__file__).parent.parent / "examples" / "readouts"
CORPUS = sorted(READOUTS.glob("*.txt"))


def one_line_error(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    message = str(excinfo.value)
    assert "\n" not in message
    return message


# ---------------------------------------------------------------------------------------------
# Input errors
# ---------------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as excinfo:
        load(path)
    message = one_line_error(excinfo)
    assert str(path) in message
    assert "no such file" in message


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        load(tmp_path)
    message = one_line_error(excinfo)
    assert str(tmp_path) in message
    assert "is a folder, not a text file (load its files one by one;" in message
    assert "`compare corpus` a whole collection" in message


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as excinfo:
        load(path)
    message = one_line_error(excinfo)
    assert "image.png" in message
    assert "binary" in message


def test_undecodable_bytes_name_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café au lait.".encode("latin-1"))
    with pytest.raises(InputError) as excinfo:
        load(path)
    message = one_line_error(excinfo)
    assert "latin1.txt" in message
    assert "byte offset 3" in message


def test_a_named_encoding_reads_what_utf8_refuses(tmp_path: Path) -> None:
    """A Windows-1252 news text: refused as UTF-8 with a pointer to ``encoding``, read with it."""
    text = "Le président a dit « non » — the café’s €5 menu.\nSecond sentence here."
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError, match="--encoding"):
        load(path)
    doc = load(path, encoding="cp1252")
    assert text == doc.text
    check_document(doc)  # offsets slice back
    assert ["Le président", "Second sentence here."] == [
        s.text.split(" a dit")[0] for s in doc.sentences
    ]


def test_utf8_named_drops_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Ünïcode text here.".encode())
    assert "Ünïcode text here." == load(path, encoding="utf-8").text == load(path).text


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("nope", "unknown encoding 'nope'"), ("base64", "'base64' is not a text encoding")],
)
def test_a_bad_encoding_name_is_one_line(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load(path, encoding=encoding)
    assert expected in one_line_error(excinfo)


def test_bytes_the_named_encoding_cannot_decode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Fine, then \u4e2d.".encode() + b"\xff")
    with pytest.raises(InputError) as excinfo:
        load(path, encoding="utf-8")
    assert "cannot decode as utf-8 at byte offset 15 (0xff)" in one_line_error(excinfo)
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())  # the offset counts the mark
    with pytest.raises(InputError) as excinfo:
        load(path, encoding="utf-8")
    assert "cannot decode as utf-8 at byte offset 18 (0xff)" in one_line_error(excinfo)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n"])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as excinfo:
        load(path)
    message = one_line_error(excinfo)
    assert "empty.txt" in message
    assert "empty" in message


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hello.", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as excinfo:
        load(path)
    message = one_line_error(excinfo)
    assert "secret.txt" in message
    assert "permission denied" in message


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hello.", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            load(path)
    finally:
        path.chmod(0o600)


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.txt"
    path.write_text("Hello.", encoding="utf-8")

    def fail(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(InputError, match=r"flaky\.txt: cannot read"):
        load(path)


def test_input_error_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        load(tmp_path / "missing.txt")


def test_bad_utf16(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Hi.".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError, match=r"odd\.txt"):
        load(path)


# ---------------------------------------------------------------------------------------------
# Decoding and newlines
# ---------------------------------------------------------------------------------------------

SAMPLE = "Xi spoke to Assad. “We welcome it,” said Xi.\nFooter without a stop"
SAMPLE_SENTENCES = ["Xi spoke to Assad.", "“We welcome it,” said Xi.", "Footer without a stop"]


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_decoding(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "sample.txt"
    path.write_bytes(data)
    doc = load(path)
    assert doc.text == SAMPLE
    assert [s.text for s in doc.sentences] == SAMPLE_SENTENCES
    assert doc.sentences[0].start == 0


def test_crlf_and_cr_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"Headline\r\n\r\nFirst one. Second one.\rOld Mac line\r\n")
    doc = load(path)
    assert "\r" not in doc.text
    assert doc.text == "Headline\n\nFirst one. Second one.\nOld Mac line\n"
    assert [s.text for s in doc.sentences] == [
        "Headline",
        "First one.",
        "Second one.",
        "Old Mac line",
    ]
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


# ---------------------------------------------------------------------------------------------
# Standard input
# ---------------------------------------------------------------------------------------------


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(codecs.BOM_UTF8 + b"One.\r\nTwo."))
    doc = load("-")
    assert (doc.id, doc.label, doc.source) == ("stdin", "stdin", "<stdin>")
    assert doc.text == "One.\nTwo."
    assert [s.text for s in doc.sentences] == ["One.", "Two."]


def test_stdin_with_label_and_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"One."))
    doc = load("-", label="SANA", id="sana")
    assert (doc.id, doc.label) == ("sana", "SANA")


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02", b"\xff\xfe\xfd"[1:]])
def test_stdin_errors(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    with pytest.raises(InputError) as excinfo:
        load("-")
    assert "<stdin>" in one_line_error(excinfo)


def test_stdin_text_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Plain text stream. Works."))
    assert [s.text for s in load("-").sentences] == ["Plain text stream.", "Works."]


def test_stdin_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="<stdin>"):
        load("-")


# ---------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------


def test_front_matter() -> None:
    text = "---\nTitle: Xi calls Assad\n Outlet :  CGTN \n\n# a comment\n---\nBody one. Body two.\n"
    doc = document_from_text(text)
    assert doc.meta == {"outlet": "CGTN", "title": "Xi calls Assad"}
    header_end = text.index("Body")
    assert doc.header == (0, header_end)
    assert [s.text for s in doc.sentences] == ["Body one.", "Body two."]
    check_document(doc)


def test_front_matter_then_date_stamp() -> None:
    text = "---\nsource: 'SANA'\n---\n date 2021-11-06 Headline here\nBody."
    doc = document_from_text(text)
    assert doc.meta == {"date": "2021-11-06", "source": "SANA"}
    assert doc.header == (0, text.index("Headline"))
    assert [s.text for s in doc.sentences] == ["Headline here", "Body."]


def test_unclosed_front_matter_is_text() -> None:
    doc = document_from_text("---\nkey: value\nBody.")
    assert doc.header is None
    assert doc.meta == {}
    assert [s.text for s in doc.sentences] == ["---", "key: value", "Body."]


@pytest.mark.parametrize(
    "text",
    [
        " date 2021-11-06 Headline",
        "date: 2021-11-06\nHeadline",
        "Date 2021-11-06 Headline",
        "DATE:2021-11-06\n\nHeadline",
    ],
)
def test_date_stamp_forms(text: str) -> None:
    doc = document_from_text(text)
    assert doc.meta == {"date": "2021-11-06"}
    assert doc.header == (0, text.index("Headline"))
    assert [s.text for s in doc.sentences] == ["Headline"]


@pytest.mark.parametrize(
    "text",
    [
        "Updated: a sentence, not a stamp.\nBody.",
        "Headline\ndate 2021-11-06 Body.",
        "date 2021-13-45 Not a real date.",
        "dated 2021-11-06 is not a stamp.",
        "date 2021-11-06Glued without space.",
    ],
)
def test_no_header(text: str) -> None:
    doc = document_from_text(text)
    assert doc.header is None
    assert doc.meta == {}
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == "".join(text.split())


def test_parse_header_directly() -> None:
    assert parse_header("No header.") == ({}, 0)
    assert parse_header(" date 2021-11-06 X") == ({"date": "2021-11-06"}, 17)


def test_header_only_is_an_error() -> None:
    with pytest.raises(InputError, match="after the header"):
        document_from_text("---\ntitle: x\n---\n", source="only-header.txt")


def test_syrian_relay_date_stamp() -> None:
    doc = load(READOUTS / "call-syrian-readout-relay.txt")
    assert doc.meta == {"date": "2021-11-06"}
    assert doc.header is not None
    start, end = doc.header
    assert start == 0
    assert doc.text[start:end] == " date 2021-11-06 "
    assert doc.sentences[0].start == end
    assert doc.sentences[0].text.startswith("Chinese-Syrian Relations")
    assert doc.sentences[0].text.endswith("Assad Makes Rare Call With President Xi Jinping")
    check_document(doc)


def test_cgtn_time_stamp_is_page_debris() -> None:
    doc = load(READOUTS / "call-cgtn-chinese-readout.txt")
    assert doc.header is None
    assert dict(doc.meta) == {"date": "2021-11-05", "updated": "21:01, 05-Nov-2021"}
    assert doc.debris[0].text == "Updated 21:01, 05-Nov-2021"
    assert doc.sentences[1].text.startswith("Chinese President Xi Jinping said Friday")


# ---------------------------------------------------------------------------------------------
# Ids, labels, sources
# ---------------------------------------------------------------------------------------------


def test_ids_and_labels_from_file_name() -> None:
    path = READOUTS / "call-cgtn-chinese-readout.txt"
    doc = load(path)
    assert doc.id == "call-cgtn-chinese-readout"
    assert doc.label == "call-cgtn-chinese-readout"
    assert doc.source == str(path)
    doc = load(str(path), label="CGTN", id="cgtn")
    assert (doc.id, doc.label) == ("cgtn", "CGTN")


def test_id_from_awkward_file_name(tmp_path: Path) -> None:
    path = tmp_path / "My Report (v2)_FINAL.TXT"
    path.write_text("Hello there.", encoding="utf-8")
    doc = load(path)
    assert doc.id == "my-report-v2-final"
    assert doc.label == "My Report (v2)_FINAL"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("call-cgtn-chinese-readout", "call-cgtn-chinese-readout"), ("__", "document"),
     ("Reuters  Report", "reuters-report"), ("新华社", "新华社")],
)  # fmt: skip
def test_derive_id(name: str, expected: str) -> None:
    assert derive_id(name) == expected


def test_document_from_text_defaults() -> None:
    doc = document_from_text("One. Two.")
    assert (doc.id, doc.label, doc.source, doc.header) == ("text", "text", None, None)
    assert [s.text for s in doc.sentences] == ["One.", "Two."]


def test_document_from_text_strips_bom_and_normalises() -> None:
    doc = Document.from_text("\ufeffOne.\r\nTwo.", label="L", id="i", source="s.txt")
    assert doc.text == "One.\nTwo."
    assert (doc.id, doc.label, doc.source) == ("i", "L", "s.txt")


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t"])
def test_document_from_text_rejects_empty(text: str) -> None:
    with pytest.raises(InputError, match="<text>"):
        document_from_text(text)
    with pytest.raises(InputError, match=r"notes\.txt"):
        document_from_text(text, source="notes.txt")


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_coverage(path: Path) -> None:
    doc = load(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert len(doc.sentences) >= 10
    check_document(doc)
    if doc.header is not None:
        assert doc.meta["date"] in doc.text[doc.header[0] : doc.header[1]]


def test_corpus_dates() -> None:
    dates = {p.stem: load(p).meta.get("date") for p in CORPUS}
    assert dates == {
        "call-cgtn-chinese-readout": "2021-11-05",  # from its "Updated" stamp (page debris)
        "call-newsweek-report": None,
        "call-reworded-report": "2021-11-06",
        "call-syrian-readout-relay": "2021-11-06",
        "july-wang-yi-meeting": "2021-07-18",
    }


# ---------------------------------------------------------------------------------------------
# What a string or a file may not hold (issue 14)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "offset"), [("a\x00b", 1), ("\x00", 0), ("Xi spoke.\x00", 9)])
def test_from_text_refuses_nul(text: str, offset: int) -> None:
    """A NUL character is refused in a string as it is in a file (it was accepted)."""
    with pytest.raises(InputError) as excinfo:
        Document.from_text(text)
    assert f"looks like binary data (NUL character at offset {offset})" in one_line_error(excinfo)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("a \ud800 b.", "lone surrogate U+D800 at offset 2"),
        ("Xi spoke.\udcff", "lone surrogate U+DCFF at offset 9"),
        ("\ud83d\ude00 paired surrogates are two code points.", "U+D83D at offset 0"),
    ],
)
def test_from_text_refuses_lone_surrogates(text: str, named: str) -> None:
    """A lone surrogate is not Unicode text: refused (it made to_json().encode() fail)."""
    with pytest.raises(InputError) as excinfo:
        Document.from_text(text)
    message = one_line_error(excinfo)
    assert named in message
    assert "errors='replace'" in message


@pytest.mark.parametrize("argument", ["label", "id"])
def test_label_and_id_refuse_lone_surrogates(argument: str) -> None:
    """A label or id with a lone surrogate could not be written as UTF-8 either."""
    with pytest.raises(InputError, match=rf"^{argument} .* lone surrogate U\+DCFF"):
        Document.from_text("Xi spoke.", **{argument: "caf\udcff"})


def test_stdin_text_stream_with_surrogate_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text stream decoded with surrogateescape hands over lone surrogates: refused."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("Xi spoke \udcff to Assad."))
    with pytest.raises(InputError, match=r"<stdin>: lone surrogate U\+DCFF at offset 9"):
        load("-")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(st.characters(), st.sampled_from(["\ud800", "\udbff", "\udc80", "\udfff"])),
        min_size=1,
        max_size=40,
    ).map("".join)
)
def test_what_from_text_accepts_encodes_as_utf8(text: str) -> None:
    """Any string (lone surrogates included): refused with InputError, or its comparison's JSON
    encodes as UTF-8."""
    try:
        doc = Document.from_text(text, label=text[:3])
    except InputError:
        return
    compare.compare(doc, doc).to_json().encode("utf-8")


@pytest.mark.parametrize(
    ("encoding", "order"),
    [("utf-16-le", "LE"), ("utf-16-be", "BE")],
)
@pytest.mark.parametrize("text", [SAMPLE, "Xi Jinping 习近平 met Bashar al-Assad بشار الأسد."])
def test_utf16_without_bom_is_named(tmp_path: Path, encoding: str, order: str, text: str) -> None:
    """UTF-16 without a byte-order mark was refused as 'binary'; it is refused, saying what it
    probably is and what to do (not decoded: the byte order would be a guess)."""
    path = tmp_path / "nobom.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(InputError) as excinfo:
        load(path)
    message = one_line_error(excinfo)
    assert f"looks like UTF-16 ({order}) without a byte-order mark" in message
    assert "re-save it with a BOM or as UTF-8" in message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)) * 4,
        "Hi.".encode("utf-32-le"),
        b"ab\x00",  # odd length
    ],
    ids=["png", "all-bytes", "utf-32-without-bom", "odd-length"],
)
def test_binary_data_is_not_called_utf16(tmp_path: Path, data: bytes) -> None:
    """Data with NUL bytes that does not decode as UTF-16 text is still called binary."""
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    with pytest.raises(InputError, match="looks like a binary file"):
        load(path)


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_undecodable_file_name(tmp_path: Path) -> None:
    """A file name that is not UTF-8 loads; its label and source show U+FFFD for the bad byte."""
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9 report.txt")
    with open(path, "wb") as f:
        f.write(b"Xi spoke to Assad.")
    doc = load(os.fsdecode(path))
    assert doc.label == "caf\ufffd report"
    assert doc.id == "caf-report"
    assert (doc.source or "").endswith("caf\ufffd report.txt")
    compare.compare(doc, doc).to_markdown().encode("utf-8")


@pytest.mark.parametrize("source", ["a\x00b.txt", Path("a\x00b.txt")], ids=["str", "path"])
def test_file_name_with_nul(source: str | Path) -> None:
    """A path holding a NUL character raised ValueError from the os; now InputError."""
    with pytest.raises(InputError, match="not a usable file name"):
        load(source)


def test_fspath_that_returns_bytes_or_fails() -> None:
    """An os.PathLike whose path is bytes, or whose __fspath__ fails, is named in the error."""

    class BytesPath(os.PathLike[bytes]):
        def __fspath__(self) -> bytes:
            return b"examples/readouts/call-newsweek-report.txt"

    class BadPath(os.PathLike[str]):
        def __fspath__(self) -> str:
            return 5  # type: ignore[return-value]

    for source, name in ((BytesPath(), "BytesPath"), (BadPath(), "BadPath")):
        with pytest.raises(InputError, match=f"got {name} whose path is not a str"):
            load(source)  # type: ignore[arg-type]


def test_a_lone_surrogate_is_found_where_the_character_class_finds_it() -> None:
    """loading looks for a surrogate in the UTF-8 bytes first: every code point is found (or
    not) as the class finds it, and in a text at the class's first match."""
    import re

    from compare.loading import _surrogate

    whole = re.compile("[\ud800-\udfff]")
    assert [c for c in map(chr, range(0x110000)) if _surrogate(c)] == whole.findall(
        "".join(map(chr, range(0x110000)))
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", "\ud800", "\udfff", "\ud7ff", "\ue000", "大"])))
def test_the_first_lone_surrogate_of_a_text_is_the_classes_first(text: str) -> None:
    import re

    from compare.loading import _surrogate

    found, expected = _surrogate(text), re.compile("[\ud800-\udfff]").search(text)
    assert (found and found.span()) == (expected and expected.span())
