"""The public surface: a sorted, complete __all__, docstrings, the exception tree, Options."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import inspect

import attrs
import pytest

import compare
from compare import CompareError, InputError, Options, OptionsError


def test_all_is_sorted_and_every_name_exists() -> None:
    """compare.__all__ is sorted, has no duplicates, and names only real attributes."""
    assert sorted(compare.__all__) == compare.__all__
    assert len(set(compare.__all__)) == len(compare.__all__)
    assert [] == [name for name in compare.__all__ if not hasattr(compare, name)]


def test_public_classes_and_functions_are_exported() -> None:
    """Every public class or function that compare/__init__.py imports is in __all__."""
    public = {
        name
        for name, value in vars(compare).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__.startswith("compare.")
    }
    assert public <= set(compare.__all__)


@pytest.mark.parametrize(
    "name",
    [n for n in compare.__all__ if inspect.isclass(getattr(compare, n))]
    + [n for n in compare.__all__ if inspect.isfunction(getattr(compare, n))],
)
def test_public_names_have_docstrings(name: str) -> None:
    """Each exported class and function has its own docstring; each public method too."""
    value = getattr(compare, name)
    assert (value.__doc__ or "").strip(), name  # __doc__ of a class is never inherited
    if inspect.isclass(value):
        for member, attr in vars(value).items():
            if not member.startswith("_") and inspect.isfunction(attr):
                assert (attr.__doc__ or "").strip(), f"{name}.{member}"


def test_version_is_a_string() -> None:
    """__version__ is exported and is a non-empty string."""
    assert isinstance(compare.__version__, str)
    assert compare.__version__


@pytest.mark.parametrize("leaf", [InputError, OptionsError])
def test_exception_tree(leaf: type[Exception]) -> None:
    """InputError and OptionsError derive from CompareError and from ValueError."""
    assert issubclass(leaf, CompareError)
    assert issubclass(leaf, ValueError)
    assert issubclass(CompareError, Exception)
    assert not issubclass(CompareError, ValueError)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("link_threshold", 1.5),
        ("link_threshold", -0.1),
        ("link_threshold", float("nan")),
        ("link_threshold", "0.5"),
        ("link_threshold", True),
        ("merge_gain", 2),
        ("fuzzy_weight", -1),
        ("partial_coverage", 1.01),
        ("detail_min_words", 0),
        ("detail_min_words", 2.5),
        ("fuzzy_scorer", "levenshtein"),
        ("language", "xx"),
    ],
)
def test_bad_options_raise_options_error_naming_the_option(field: str, value: object) -> None:
    """An out-of-range option raises OptionsError; the one-line message names it and the value."""
    with pytest.raises(OptionsError) as excinfo:
        Options(**{field: value})
    message = str(excinfo.value)
    assert field in message
    assert repr(value) in message
    assert "\n" not in message


def test_link_threshold_1_5() -> None:
    """The brief's example: Options(link_threshold=1.5) is refused, caught as a ValueError too."""
    with pytest.raises(ValueError, match="link_threshold"):
        Options(link_threshold=1.5)


@pytest.mark.parametrize(("field", "value"), [("link_threshold", 0), ("link_threshold", 1)])
def test_boundary_options_are_accepted(field: str, value: float) -> None:
    """The ends of [0, 1] are valid values."""
    assert value == getattr(Options(**{field: value}), field)


def test_options_defaults_are_documented() -> None:
    """Options is frozen, and to_dict() lists every field with its default."""
    options = Options()
    assert {f.name: f.default for f in attrs.fields(Options)} == options.to_dict()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        options.link_threshold = 0.1  # type: ignore[misc]
