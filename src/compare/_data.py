"""The package's data files, read through the package's own loader.

:func:`pkgutil.get_data` asks the loader that imported ``compare`` for the bytes, so a package
inside a zip archive reads as one on disk does; it costs none of :mod:`importlib.resources`'
imports (``tempfile``, ``shutil``, ``zipfile``'s compressors: ~13 ms of every start-up).
"""

from __future__ import annotations

import pkgutil
from functools import cache

__all__ = ["data_text", "required_text"]


@cache
def data_text(name: str) -> str | None:
    """The text of the package file ``name`` (``data/stopwords_en.txt``: a path inside
    ``compare``, ``/``-separated), decoded as UTF-8; None when the package has no such file."""
    try:
        raw = pkgutil.get_data("compare", name)
    except OSError:  # FileNotFoundError on disk; OSError from a zip archive's loader
        return None
    return None if raw is None else raw.decode("utf-8")


def required_text(name: str) -> str:
    """:func:`data_text` of a file the package always ships; FileNotFoundError if it is gone."""
    text = data_text(name)
    if text is None:
        raise FileNotFoundError(f"compare/{name}")
    return text
