"""compare._records.record_repr, the records' one ``__repr__``, reads as attrs' own would."""

from __future__ import annotations

import importlib
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare._records import record_repr

MODULES = (
    "compare.model",
    "compare.options",
    "compare.lexicon",
    "compare.speech",
    "compare.quantities",
    "compare.report._common",
    "compare.report.text",
    "compare.report.html",
    "compare.report.corpus",
    "compare.diff",
    "compare.context",
    "compare.relate",
    "compare.similarity",
    "compare.lift",
    "compare.align",
    "compare.classify.names",
    "compare.classify.markers",
    "compare.pairwise",
    "compare.collation",
)
"""The modules whose records take :func:`record_repr` rather than a compiled one."""


def _records() -> list[type[Any]]:
    """Every attrs class of :data:`MODULES` that has no ``__repr__`` of its own making."""
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == name:
                found.append(value)
    return found


RECORDS = _records()
OWN_REPR = frozenset({"Comparison", "Collation"})
"""Records whose ``__repr__`` says something else than their fields (a summary of them)."""


def test_every_record_of_the_modules_takes_the_shared_repr() -> None:
    assert {cls.__name__ for cls in RECORDS if cls.__repr__ is not record_repr} == OWN_REPR
    assert len(RECORDS) > 30


def _twin(cls: type[Any]) -> type[Any]:
    """A class of the same name and fields whose ``__repr__`` attrs compiles."""
    fields = attrs.fields(cls)
    return attrs.make_class(
        cls.__name__,
        {f.name: attrs.field(repr=f.repr, init=f.init) for f in fields},
        frozen=True,
        slots=True,
    )


def _bare(cls: type[Any], values: dict[str, object]) -> Any:
    """An instance of ``cls`` holding ``values`` as they are (no validator, converter, default)."""
    instance = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3).map(tuple) | st.frozensets(st.integers(), max_size=3),
    max_leaves=6,
)


@pytest.mark.parametrize("cls", [c for c in RECORDS if c.__name__ not in OWN_REPR], ids=str)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_record_reads_as_attrs_would_show_it(cls: type[Any], data: st.DataObject) -> None:
    """Every field shown (or left out, or shown by its own callable) as attrs' compiled repr
    does; a field without a value (``init=False``, not set) too; a record inside itself is
    ``...``."""
    twin = _twin(cls)
    values = {}
    for field in attrs.fields(cls):
        if data.draw(st.booleans()) or field.init:
            values[field.name] = data.draw(VALUES)
    ours, theirs = _bare(cls, values), _bare(twin, values)
    assert repr(ours) == repr(theirs)
    if not attrs.fields(cls):
        return  # a record of no fields (a scorer): ``Name()`` both ways, nothing to nest
    first = attrs.fields(cls)[0]
    if first.repr is True:  # the record as a value of its own field: shown as "..."
        object.__setattr__(ours, first.name, (ours, 1))
        object.__setattr__(theirs, first.name, (theirs, 1))
        assert repr(ours) == repr(theirs)
        assert "..." in repr(ours)
