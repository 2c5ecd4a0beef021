"""Read accounts from files, standard input or strings into :class:`~compare.model.Document`.

Decoding: UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 with a byte-order mark.
Newlines are normalised to ``\\n``; all offsets point into the normalised text. A header at the very
start is parsed into ``Document.meta`` and recorded as ``Document.header`` (its characters belong to
no sentence); page debris (time stamps, bylines, photo credits, share bars, datelines: the rules
are in :mod:`compare.debris`) is recorded as ``Document.debris`` and gives ``meta`` values the
header does not:

- front matter fenced by ``---`` lines (``key: value`` per line; keys lower-cased);
- a date stamp ``date 2021-11-06`` / ``date: 2021-11-06`` / ``Date 2021-11-06``, on its own line or
  glued to the first line (`` date 2021-11-06 Chinese-Syrian Relations ...``).

Every problem with an input raises :class:`~compare.errors.InputError` with a one-line message that
names the input; no ``OSError``, ``UnicodeDecodeError`` or ``TypeError`` escapes. Refused:

- an argument of the wrong type (a path that is not ``str``/``os.PathLike``, a label or id that
  is not a ``str``);
- a NUL character or byte (binary data), in a file or in a string;
- UTF-16 without a byte-order mark: it is recognised by its NUL bytes (at odd offsets for
  little-endian, even ones for big-endian) and refused with a message that says so, rather than
  guessed at (re-save the file with a byte-order mark, or as UTF-8);
- a lone surrogate (U+D800-U+DFFF) in a string, a label or an id: it is not Unicode text and no
  output could be written as UTF-8. Text is never repaired behind the caller's back; a surrogate
  in a *file name* (Python's stand-in for undecodable bytes) is shown as U+FFFD in the label and
  ``source``.

The module is named ``loading`` so that it is not shadowed by its main function, which the package
exports as ``compare.load``.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import sys
import urllib.parse
import warnings
from collections.abc import Mapping
from pathlib import Path

from compare import web
from compare._regex import Lazy
from compare.debris import find_debris
from compare.errors import InputError, InputWarning
from compare.model import Document, Sentence
from compare.segment import sentence_spans

__all__ = [
    "check_encoding",
    "derive_id",
    "document_from_text",
    "label_from_meta",
    "load",
    "parse_header",
]

STDIN = "-"
"""The source name that means standard input."""

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.MULTILINE | re.DOTALL)
_DATE_STAMP = re.compile(
    r"\s*+date[ \t]*+:?[ \t]*+(\d{4}-\d{2}-\d{2})(?:\s++|\Z)",
    re.IGNORECASE,
)
_NOT_ID = re.compile(r"[\W_]+")
_SURROGATE = Lazy("[\ud800-\udfff]")  # 2,048 code points for re to walk: ~2 M instructions
_SURROGATE_UTF8 = re.compile(rb"\xed[\xa0-\xbf]")
"""The UTF-8 (``surrogatepass``) of a lone surrogate: the only sequences led by ED A0-BF."""


def _surrogate(text: str) -> re.Match[str] | None:
    """The first lone surrogate of ``text``, or None: none in ASCII text, and none in text whose
    UTF-8 holds none (one byte search), so a run whose texts have none never compiles the
    character class."""
    if text.isascii() or _SURROGATE_UTF8.search(text.encode("utf-8", "surrogatepass")) is None:
        return None
    return _SURROGATE().search(text)


_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f]")  # C0 controls other than whitespace

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _one_line(name: str) -> str:
    """Return a name safe to put in a one-line message."""
    return _displayable(name).replace("\r", "\\r").replace("\n", "\\n")


def _displayable(name: str) -> str:
    """Return a name with each lone surrogate (an undecodable file-name byte) as U+FFFD."""
    if _surrogate(name) is None:
        return name
    return name.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the byte order (``LE``/``BE``) of data that looks like BOM-less UTF-16, else None.

    In UTF-16, every character of ASCII (letters, digits, spaces, newlines) has a NUL byte, always
    on the same side of its two-byte unit; the data must also decode to text without control
    characters. (A wrong guess only changes the message: such data is refused either way.)
    """
    if len(data) % 2:
        return None
    at_even, at_odd = data[0::2].count(0), data[1::2].count(0)
    for order, nuls, others in (("LE", at_odd, at_even), ("BE", at_even, at_odd)):
        if others * 4 > nuls:
            continue
        try:
            text = data.decode(f"utf-16-{order.lower()}")
        except UnicodeDecodeError:
            continue
        if _NOT_TEXT.search(text) is None:
            return order
    return None


def _decode(data: bytes, name: str, given: str | None = None) -> str:
    """Decode file contents by their byte-order mark, else as UTF-8 (or as ``given``, an
    encoding the caller names); reject binary data."""
    if given is not None:
        return _decode_as(data, name, given)
    encoding = "utf-8"
    skip = 0
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            encoding, skip = bom_encoding, len(bom)
            break
    if encoding == "utf-8":
        nul = data.find(b"\x00")
        if nul >= 0:
            order = _utf16_without_bom(data)
            if order is not None:
                raise InputError(
                    f"{name}: looks like UTF-16 ({order}) without a byte-order mark; "
                    "re-save it with a BOM or as UTF-8"
                )
            raise InputError(f"{name}: looks like a binary file (NUL byte at offset {nul})")
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        bad = data[offset : offset + 1].hex()
        raise InputError(
            f"{name}: cannot decode as {encoding.upper()} at byte offset {offset} (0x{bad}): "
            "save the file as UTF-8, or name its encoding (--encoding, e.g. cp1252)"
        ) from None
    if encoding != "utf-8" and "\x00" in text:
        raise InputError(f"{name}: looks like a binary file (NUL character in {encoding} text)")
    return text


def check_encoding(encoding: str) -> str:
    """The codec's canonical name for a text encoding (``latin-1`` -> ``iso8859-1``); an
    :class:`~compare.errors.InputError` for a name Python does not know or a codec that is not
    a text encoding (``base64``)."""
    import codecs

    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        raise InputError(
            f"unknown encoding {encoding!r} (e.g. utf-8, cp1252, latin-1, gb18030)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{encoding!r} is not a text encoding")
    return info.name


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    """Decode with the encoding the caller named (a UTF-8 byte-order mark is dropped for
    ``utf-8``, as ``utf-8-sig`` does); reject binary data."""
    codec = check_encoding(encoding)
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(exc.object)  # utf-8-sig reports past its mark
        bad = data[offset : offset + 1].hex()
        raise InputError(
            f"{name}: cannot decode as {encoding} at byte offset {offset} (0x{bad})"
        ) from None
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file (NUL character in {encoding} text)")
    return text


def _read_stdin(encoding: str | None = None) -> str:
    """Read and decode standard input."""
    raw = _stdin_bytes()
    return _decode(raw, "<stdin>", encoding) if isinstance(raw, bytes) else str(raw)


def _read_file(path: Path, name: str, encoding: str | None = None) -> str:
    """Read and decode one file, turning every failure into an InputError."""
    return _decode(_read_bytes(path, name), name, encoding)


_FOLDER = (
    "is a folder, not a text file (load its files one by one; the command line reads a folder's "
    ".txt files itself, and `compare corpus` a whole collection)"
)


def _read_bytes(path: Path, name: str) -> bytes:
    """Read one file's bytes, turning every failure into an InputError."""
    if "\x00" in str(path):  # the os would raise ValueError
        raise InputError(f"{name}: not a usable file name (it holds a NUL character)")
    try:
        if path.is_dir():
            raise InputError(f"{name}: {_FOLDER}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: {_FOLDER}") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return data


def _decode_page(data: bytes, name: str) -> str:
    """Decode a web page: as a text file is (UTF-8, byte-order marks), else by its own charset."""
    try:
        return _decode(data, name)
    except InputError:
        if b"\x00" in data:
            raise
        return web.decode_page(data, name)


def _stdin_bytes() -> bytes | str:
    """Standard input's bytes (or text, for a stream without a buffer); failures as InputError."""
    stream = sys.stdin
    if stream is None:
        raise InputError("<stdin>: no standard input available")
    try:
        buffer = getattr(stream, "buffer", None)
        raw: bytes | str = buffer.read() if buffer is not None else stream.read()
    except UnicodeDecodeError as exc:
        raise InputError(f"<stdin>: cannot decode at byte offset {exc.start}") from None
    except OSError as exc:
        raise InputError(f"<stdin>: cannot read ({exc.strerror or exc})") from None
    return raw


def _fspath(source: object) -> str:
    """Return the path of a ``str`` or ``os.PathLike`` source; anything else is an InputError."""
    given = type(source).__name__
    if isinstance(source, (str, os.PathLike)):
        try:
            path = os.fspath(source)
        except TypeError:  # a __fspath__ that returns neither str nor bytes
            path = None
        if isinstance(path, str):
            return path
        given += " whose path is not a str"
    raise InputError(f"load(): source must be a file path (str or os.PathLike) or '-', got {given}")


def derive_id(name: str) -> str:
    """Turn a file name stem into an id: lower case, runs of non-alphanumerics as ``-``."""
    return _NOT_ID.sub("-", name.lower()).strip("-") or "document"


def load(
    source: str | os.PathLike[str],
    *,
    label: str | None = None,
    id: str | None = None,
    html: bool | None = None,
    encoding: str | None = None,
) -> Document:
    """Read a document from a text file or web page, a URL, or standard input (``"-"``).

    A text file is decoded by its byte-order mark, else as UTF-8, unless ``encoding`` names
    its encoding (``"cp1252"``, ``"latin-1"``, ``"gb18030"``...; any Python codec of text).
    A web page finds its own (its ``charset``), so ``encoding`` applies to text only.

    A web page (a file named ``.html``/``.htm``/``.xhtml``, an ``http(s)://`` URL, or any input
    with ``html=True``) is read with the ``web`` extra (:mod:`compare.web`): its article text
    becomes ``Document.text``, its title, date, author, site and URL go into ``meta``. A text
    input that looks like HTML is read as text with an :class:`~compare.errors.InputWarning`.

    ``label`` defaults to the ``outlet`` or ``source`` of the metadata (front matter, the page),
    else to the file name's stem; ``id`` to :func:`derive_id` of the stem. Every problem (wrong
    argument type, missing or unreadable file, binary or undecodable data, no text) raises
    :class:`~compare.errors.InputError`, a missing extra
    :class:`~compare.errors.MissingExtraError`; see the module's docstring for what is refused.
    """
    _check_name("label", label)
    _check_name("id", id)
    if encoding is not None:
        check_encoding(encoding)
    if html is not None and not isinstance(html, bool):
        raise InputError(f"html must be True, False or None, got {type(html).__name__}")
    if isinstance(source, str) and source == STDIN:
        if html:
            raw = _stdin_bytes()
            page = _decode_page(raw, "<stdin>") if isinstance(raw, bytes) else str(raw)
            return _from_page(page, label, id, "<stdin>", "stdin", url=None)
        return _document(
            _read_stdin(encoding), label=label, id="stdin" if id is None else id, source="<stdin>",
            fallback_label="stdin",
        )  # fmt: skip
    if isinstance(source, str) and web.is_url(source):
        name = _one_line(source)
        if html is False:
            raise InputError(f"{name}: a URL is read as a web page; html=False cannot apply")
        page = _decode_page(web.fetch_url(source), name)
        parsed = urllib.parse.urlsplit(source)
        stem = Path(parsed.path).stem or parsed.hostname or "page"
        return _from_page(page, label, id, name, stem, url=source)
    fspath = _fspath(source)
    path = Path(fspath)
    name = _one_line(fspath)
    stem = _displayable(path.stem or path.name)
    if html or (html is None and path.suffix.lower() in web.HTML_SUFFIXES):
        web.require(name)  # before reading: the message to act on is the missing extra
        page = _decode_page(_read_bytes(path, name), name)
        return _from_page(page, label, id, _displayable(fspath), stem, url=None)
    return _document(
        _read_file(path, name, encoding), label=label, id=derive_id(stem) if id is None else id,
        source=_displayable(fspath), fallback_label=stem,
    )  # fmt: skip


def _from_page(
    page: str, label: str | None, id: str | None, source: str, stem: str, *, url: str | None
) -> Document:
    """Build a document from a web page's HTML: extracted text, page metadata."""
    if "\x00" in page:
        raise InputError(f"{_one_line(source)}: looks like binary data (NUL character)")
    text, meta = web.extract_html(page, name=_one_line(source), url=url)
    return _document(
        text, label=label, id=derive_id(stem) if id is None else id, source=source,
        fallback_label=stem, page_meta=meta,
    )  # fmt: skip


def _unquote(value: str) -> str:
    """Strip one pair of matching surrounding quotes from a front-matter value."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Parse front matter and/or a date stamp at the start; return ``(meta, header_end)``."""
    meta: dict[str, str] = {}
    end = 0
    front = _FRONT_MATTER.match(text)
    if front is not None:
        for line in front.group(1).split("\n"):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, colon, value = line.partition(":")
            if colon and key.strip():
                meta[key.strip().lower()] = _unquote(value.strip())
        end = front.end()
    stamp = _DATE_STAMP.match(text, end)
    if stamp is not None:
        try:
            datetime.date.fromisoformat(stamp.group(1))
        except ValueError:
            stamp = None
    if stamp is not None:
        meta.setdefault("date", stamp.group(1))
        end = stamp.end()
    return meta, end


def document_from_text(
    text: str,
    *,
    label: str | None = None,
    id: str | None = None,
    source: str | None = None,
) -> Document:
    """Build a document from a string: normalise newlines, parse the header, split sentences.

    Raises :class:`~compare.errors.InputError` for a ``text`` that is not a ``str``, is empty or
    whitespace only, holds a NUL character (binary data) or a lone surrogate (U+D800-U+DFFF: not
    Unicode text; nothing is replaced, so offsets always point into the text as given), and for
    a ``label``, ``id`` or ``source`` that is neither a ``str`` nor None.
    """
    if source is not None and not isinstance(source, str):
        raise InputError(f"source must be a str or None, got {type(source).__name__}")
    _check_name("label", label)
    _check_name("id", id)
    return _document(text, label=label, id=id, source=source, fallback_label="text")


def label_from_meta(meta: Mapping[str, str]) -> str | None:
    """The label metadata gives a document: its ``outlet``, else a ``source`` that is no URL."""
    for key in ("outlet", "source"):
        value = " ".join(meta.get(key, "").split())
        if value and not web.is_url(value):
            return value
    return None


def _document(
    text: str,
    *,
    label: str | None,
    id: str | None,
    source: str | None,
    fallback_label: str,
    page_meta: Mapping[str, str] | None = None,
) -> Document:
    """Build a document: check the text, parse the header, set page debris aside, segment."""
    name = _one_line(source) if source is not None else "<text>"
    if not isinstance(text, str):
        raise InputError(f"{name}: expected text (str), got {type(text).__name__}")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{name}: looks like binary data (NUL character at offset {nul})")
    surrogate = _surrogate(text)
    if surrogate is not None:
        raise InputError(
            f"{name}: lone surrogate U+{ord(surrogate.group()):04X} at offset "
            f"{surrogate.start()} is not Unicode text (decode the source with errors='replace')"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: no text (empty or whitespace only)")
    if page_meta is None and web.looks_like_html(text):
        warnings.warn(
            f"{name}: looks like HTML but is read as plain text; to extract the article, "
            "name it .html or pass --html (html=True)",
            InputWarning,
            stacklevel=3,  # the caller of load() or document_from_text()
        )
    meta, header_end = parse_header(text)
    if source is not None and web.is_url(source):
        meta.setdefault("url", source)
    spans, debris, debris_meta = find_debris(text, sentence_spans(text, header_end))
    if not spans:
        raise InputError(f"{name}: no text after the header")
    sentences = tuple(
        Sentence(index, first, last, text[first:last]) for index, (first, last) in enumerate(spans)
    )
    meta = {**debris_meta, **(page_meta or {}), **meta}
    return Document(
        id="text" if id is None else id,
        label=label or label_from_meta(meta) or fallback_label,
        text=text,
        sentences=sentences,
        meta=meta,
        header=(0, header_end) if header_end > 0 else None,
        source=None if source is None else _displayable(source),
        debris=debris,
    )


def _check_name(argument: str, value: object) -> None:
    """Refuse a label or id that is not a str (or None), or that cannot be written as UTF-8."""
    if value is None:
        return
    if not isinstance(value, str):
        raise InputError(f"{argument} must be a str or None, got {type(value).__name__}")
    surrogate = _surrogate(value)
    if surrogate is not None:
        raise InputError(
            f"{argument} {_displayable(value)!r} has a lone surrogate "
            f"U+{ord(surrogate.group()):04X}, which is not Unicode text"
        )
