"""Read accounts from files, standard input or strings into :class:`~compare.model.Document`.

Decoding: UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 with a byte-order mark.
Newlines are normalised to ``\\n``; all offsets point into the normalised text. A header at the very
start is parsed into ``Document.meta`` and recorded as ``Document.header`` (its characters belong to
no sentence):

- front matter fenced by ``---`` lines (``key: value`` per line; keys lower-cased);
- a date stamp ``date 2021-11-06`` / ``date: 2021-11-06`` / ``Date 2021-11-06``, on its own line or
  glued to the first line (`` date 2021-11-06 Chinese-Syrian Relations ...``).

Every problem with an input raises :class:`~compare.errors.InputError` with a one-line message that
names the input; no ``OSError`` or ``UnicodeDecodeError`` escapes.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import sys
from pathlib import Path

from compare.errors import InputError
from compare.model import Document
from compare.segment import segment

__all__ = ["derive_id", "document_from_text", "load", "parse_header"]

STDIN = "-"
"""The source name that means standard input."""

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.MULTILINE | re.DOTALL)
_DATE_STAMP = re.compile(
    r"\s*+date[ \t]*+:?[ \t]*+(\d{4}-\d{2}-\d{2})(?:\s++|\Z)",
    re.IGNORECASE,
)
_NOT_ID = re.compile(r"[\W_]+")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _one_line(name: str) -> str:
    """Return a name safe to put in a one-line message."""
    return name.replace("\r", "\\r").replace("\n", "\\n")


def _decode(data: bytes, name: str) -> str:
    """Decode file contents by their byte-order mark, else as UTF-8; reject binary data."""
    encoding = "utf-8"
    skip = 0
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            encoding, skip = bom_encoding, len(bom)
            break
    if encoding == "utf-8":
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"{name}: looks like a binary file (NUL byte at offset {nul})")
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        bad = data[offset : offset + 1].hex()
        raise InputError(
            f"{name}: cannot decode as {encoding.upper()} at byte offset {offset} (0x{bad}): "
            "save the file as UTF-8"
        ) from None
    if encoding != "utf-8" and "\x00" in text:
        raise InputError(f"{name}: looks like a binary file (NUL character in {encoding} text)")
    return text


def _read_stdin() -> str:
    """Read and decode standard input."""
    stream = sys.stdin
    if stream is None:
        raise InputError("<stdin>: no standard input available")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return _decode(buffer.read(), "<stdin>")
        raw = stream.read()
    except UnicodeDecodeError as exc:
        raise InputError(f"<stdin>: cannot decode at byte offset {exc.start}") from None
    except OSError as exc:
        raise InputError(f"<stdin>: cannot read ({exc.strerror or exc})") from None
    if isinstance(raw, bytes):
        return _decode(raw, "<stdin>")
    return str(raw)


def _read_file(path: Path, name: str) -> str:
    """Read and decode one file, turning every failure into an InputError."""
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not a text file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a text file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return _decode(data, name)


def derive_id(name: str) -> str:
    """Turn a file name stem into an id: lower case, runs of non-alphanumerics as ``-``."""
    return _NOT_ID.sub("-", name.lower()).strip("-") or "document"


def load(
    source: str | os.PathLike[str],
    *,
    label: str | None = None,
    id: str | None = None,
) -> Document:
    """Read a document from a text file, or from standard input when ``source`` is ``"-"``."""
    if isinstance(source, str) and source == STDIN:
        text = _read_stdin()
        return document_from_text(
            text,
            label="stdin" if label is None else label,
            id="stdin" if id is None else id,
            source="<stdin>",
        )
    path = Path(source)
    name = _one_line(os.fspath(source))
    text = _read_file(path, name)
    stem = path.stem or path.name
    return document_from_text(
        text,
        label=stem if label is None else label,
        id=derive_id(stem) if id is None else id,
        source=os.fspath(source),
    )


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
    """Build a document from a string: normalise newlines, parse the header, split sentences."""
    name = _one_line(source) if source is not None else "<text>"
    if not isinstance(text, str):
        raise InputError(f"{name}: expected text (str), got {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: no text (empty or whitespace only)")
    meta, header_end = parse_header(text)
    sentences = segment(text, header_end)
    if not sentences:
        raise InputError(f"{name}: no text after the header")
    return Document(
        id="text" if id is None else id,
        label="text" if label is None else label,
        text=text,
        sentences=sentences,
        meta=meta,
        header=(0, header_end) if header_end > 0 else None,
        source=source,
    )
