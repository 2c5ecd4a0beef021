"""One ``__repr__`` for the package's attrs records, read from their fields when it is called.

attrs compiles a ``__repr__`` for every class it makes, at import: a third of the code it
generates and compiles for a record (~30 M instructions over the classes the command line
imports), and a run that prints no record never calls one. A record class that says
``__repr__ = record_repr`` in its body gets none compiled (attrs leaves a class's own
``__repr__`` alone) and reads exactly as attrs' would: ``Name(field=value, ...)`` over the fields
attrs shows, ``...`` for a record met again while it is being shown (tests/test_records.py holds
each one equal to attrs' own).
"""

from __future__ import annotations

import threading
from typing import Any

import attrs

__all__ = ["record_repr"]

_SHOWING = threading.local()
"""The ids of the records being shown, per thread (attrs' guard against cycles)."""


def record_repr(self: Any) -> str:
    """attrs' repr of a record: its class name and the fields attrs shows, each as attrs would
    (``repr``, or the field's own ``repr=`` callable; a field not set yet as ``NOTHING``)."""
    showing: set[int] | None = getattr(_SHOWING, "ids", None)
    if showing is None:
        showing = _SHOWING.ids = set()
    if id(self) in showing:
        return "..."
    showing.add(id(self))
    try:
        parts = []
        for field in attrs.fields(self.__class__):
            if field.repr is False:
                continue
            value = (
                getattr(self, field.name)
                if field.init
                else getattr(self, field.name, attrs.NOTHING)
            )
            shown = repr(value) if field.repr is True else field.repr(value)
            parts.append(f"{field.name}={shown}")
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        showing.discard(id(self))
