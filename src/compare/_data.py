"""The package's data files, read through the package's own loader.

The loader that imported this module (the file system's, or a zip archive's) gives the bytes,
so a package inside a zip archive reads as one on disk does. That is what
:func:`pkgutil.get_data` does, less its import (with :mod:`importlib.util`) and a module-spec
lookup at every call (1.4 M instructions of the command line's run on the readouts); it costs
none of :mod:`importlib.resources`' imports (``tempfile``, ``shutil``, ``zipfile``'s
compressors: ~13 ms of every start-up).
"""

from __future__ import annotations

import os
from functools import cache

__all__ = ["data_text", "required_text"]


@cache
def data_text(name: str) -> str | None:
    """The text of the package file ``name`` (``data/stopwords_en.txt``: a path inside
    ``compare``, ``/``-separated), decoded as UTF-8; None when the package has no such file."""
    get_data = getattr(__spec__.loader, "get_data", None)
    if get_data is None:  # a loader that reads no files: no data, as pkgutil.get_data says
        return None
    try:
        raw: bytes = get_data(os.path.join(os.path.dirname(__file__), *name.split("/")))
    except OSError:  # FileNotFoundError on disk; OSError from a zip archive's loader
        return None
    return raw.decode("utf-8")


def required_text(name: str) -> str:
    """:func:`data_text` of a file the package always ships; FileNotFoundError if it is gone."""
    text = data_text(name)
    if text is None:
        raise FileNotFoundError(f"compare/{name}")
    return text
