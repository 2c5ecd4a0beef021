"""The public surface: a sorted, complete __all__, docstrings, the exception tree, Options."""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import inspect
import os
import pickle
import subprocess
import sys
import typing
from pathlib import Path

import attrs
import pytest

import compare
from compare import CompareError, Finding, InputError, Options, OptionsError
from compare.model import FINDING_TYPES, FindingType


def test_all_is_sorted_and_every_name_exists() -> None:
    """compare.__all__ is sorted, has no duplicates, and names only real attributes."""
    assert sorted(compare.__all__) == compare.__all__
    assert len(set(compare.__all__)) == len(compare.__all__)
    assert [] == [name for name in compare.__all__ if not hasattr(compare, name)]


EXPORTED_DUNDERS = {"__version__"}
"""Names starting with an underscore that are part of the public API all the same."""


def test_all_is_exactly_the_public_names() -> None:
    """Every public name of the package, submodules aside, is in __all__, and nothing else is
    (httpx style): a helper imported into compare/__init__.py would show up here."""
    public = {
        name
        for name in dir(compare)
        if not name.startswith("_") and not inspect.ismodule(getattr(compare, name))
    }
    assert public | EXPORTED_DUNDERS == set(compare.__all__)


def test_version_is_read_only_when_asked_for() -> None:
    """Importing compare does not import importlib.metadata; reading __version__ does."""
    code = (
        "import sys, compare; before = 'importlib.metadata' in sys.modules; "
        "v = compare.__version__; print(before, 'importlib.metadata' in sys.modules, bool(v))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False True True\n" == proc.stdout


def test_unknown_attribute_is_an_attribute_error() -> None:
    """The lazy __version__ hook leaves every other missing name an AttributeError."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        compare.nope  # noqa: B018 - the access is the test


def _members(cls: type) -> list[tuple[str, object]]:
    """Public methods, class/static methods and properties a class defines itself."""
    out: list[tuple[str, object]] = []
    for member, attr in vars(cls).items():
        if member.startswith("_"):
            continue
        if isinstance(attr, (classmethod, staticmethod)):
            out.append((member, attr.__func__))
        elif isinstance(attr, property):
            out.append((member, attr.fget))
        elif inspect.isfunction(attr):
            out.append((member, attr))
    return out


@pytest.mark.parametrize(
    "name",
    [n for n in compare.__all__ if inspect.isclass(getattr(compare, n))]
    + [n for n in compare.__all__ if inspect.isfunction(getattr(compare, n))],
)
def test_public_names_have_docstrings(name: str) -> None:
    """Each exported class and function has its own docstring; each public method, class
    method and property too."""
    value = getattr(compare, name)
    assert (value.__doc__ or "").strip(), name  # __doc__ of a class is never inherited
    if inspect.isclass(value):
        for member, attr in _members(value):
            assert (getattr(attr, "__doc__", None) or "").strip(), f"{name}.{member}"


def test_members_are_found() -> None:
    """The docstring check sees class methods and properties, not only plain methods."""
    assert {"from_text"} <= {m for m, _ in _members(compare.Document)}
    assert {"sources"} <= {m for m, _ in _members(compare.Claim)}
    assert {"opcodes"} <= {m for m, _ in _members(compare.Link)}


DOCUMENTED_FINDING_TYPES = (
    "omitted",
    "added",
    "reworded",
    "added_detail",
    "dropped_detail",
    "number",
    "entity",
    "quote",
    "attribution",
    "hedge",
    "polarity",
    "intensity",
)
"""``findings[].type`` values of DESIGN §3, in its order; new types may only be appended."""


def test_finding_type_is_the_literal_of_the_documented_types() -> None:
    """Finding.type is typed FindingType, a Literal whose values are FINDING_TYPES: the
    documented types, in the documented order."""
    assert FindingType == typing.get_type_hints(Finding)["type"]
    assert FINDING_TYPES == typing.get_args(FindingType)
    assert DOCUMENTED_FINDING_TYPES == FINDING_TYPES[: len(DOCUMENTED_FINDING_TYPES)]
    assert len(set(FINDING_TYPES)) == len(FINDING_TYPES)


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


def test_unknown_option_is_an_options_error_with_a_suggestion() -> None:
    """A misspelt option name is an OptionsError (not Python's bare TypeError) naming the name,
    the closest real option, and no traceback-like second line."""
    with pytest.raises(OptionsError) as excinfo:
        Options(link_treshold=0.4)  # type: ignore[call-arg]
    message = str(excinfo.value)
    assert "'link_treshold'" in message
    assert "did you mean link_threshold?" in message
    assert "\n" not in message
    with pytest.raises(OptionsError, match="unknown option 'colour'"):
        attrs.evolve(Options(), colour=True)
    with pytest.raises(OptionsError, match="at most 14 values"):
        Options(*([0.5] * 15))  # type: ignore[arg-type]


def test_options_survive_pickle_and_evolve() -> None:
    """The name check does not get in the way of copying options (process pools pickle them)."""
    options = Options(link_threshold=0.4)
    assert pickle.loads(pickle.dumps(options)) == options
    assert attrs.evolve(options, near_miss=0.2).link_threshold == 0.4


@pytest.mark.parametrize(("field", "value"), [("link_threshold", 0), ("link_threshold", 1)])
def test_boundary_options_are_accepted(field: str, value: float) -> None:
    """The ends of [0, 1] are valid values."""
    assert value == getattr(Options(**{field: value}), field)


def test_options_defaults_are_documented() -> None:
    """Options is frozen, and to_dict() lists every field with its default, but the scorer
    object (None: the lexical scorer), which is no setting to print."""
    options = Options()
    fields = {f.name: f.default for f in attrs.fields(Options)}
    assert None is fields.pop("scorer")
    assert fields == options.to_dict()
    assert list(fields) == list(options.to_dict())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        options.link_threshold = 0.1  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Wrong types at every entry point: a CompareError with a one-line message, never a TypeError
# ---------------------------------------------------------------------------------------------

_OPTION_FIELDS = [f.name for f in attrs.fields(Options) if f.name != "scorer"]
_WRONG_VALUES = ["0.5", None, [0.5], True, float("nan"), float("inf"), {"a": 1}, b"en"]


@pytest.mark.parametrize("value", _WRONG_VALUES, ids=repr)
@pytest.mark.parametrize("field", _OPTION_FIELDS)
def test_every_option_refuses_wrong_types(field: str, value: object) -> None:
    """Every Options field given a value of the wrong type raises OptionsError naming it
    (``Options(fuzzy_scorer=['ratio'])`` raised TypeError: unhashable type)."""
    with pytest.raises(OptionsError) as excinfo:
        Options(**{field: value})
    message = str(excinfo.value)
    assert field in message
    assert "\n" not in message


def _one_line(excinfo: pytest.ExceptionInfo[CompareError]) -> str:
    message = str(excinfo.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"source": None}, "NoneType"),
        ({"source": 123}, "int"),
        ({"source": b"examples/readouts/call-newsweek-report.txt"}, "bytes"),
        ({"source": ["a.txt"]}, "list"),
        ({"label": 123}, "label must be a str or None, got int"),
        ({"id": ["x"]}, "id must be a str or None, got list"),
        ({"label": b"x"}, "label must be a str or None, got bytes"),
    ],
    ids=["None", "int", "bytes", "list", "label-int", "id-list", "label-bytes"],
)
def test_load_refuses_wrong_types(kwargs: dict[str, object], named: str) -> None:
    """load(None), load(123), load(b'...'), load(p, label=123), load(p, id=['x']): InputError."""
    args = {"source": "examples/readouts/call-newsweek-report.txt", **kwargs}
    source = args.pop("source")
    with pytest.raises(InputError) as excinfo:
        compare.load(source, **args)  # type: ignore[arg-type]
    assert named in _one_line(excinfo)


@pytest.mark.parametrize(
    ("args", "kwargs", "named"),
    [
        ((123,), {}, "expected text (str), got int"),
        ((b"Xi spoke.",), {}, "expected text (str), got bytes"),
        ((None,), {}, "expected text (str), got NoneType"),
        (("Xi spoke.",), {"label": 1}, "label must be a str or None, got int"),
        (("Xi spoke.",), {"id": 1.5}, "id must be a str or None, got float"),
        (("Xi spoke.",), {"source": 1}, "source must be a str or None, got int"),
    ],
)
def test_from_text_refuses_wrong_types(
    args: tuple[object, ...], kwargs: dict[str, object], named: str
) -> None:
    """Document.from_text with a text, label, id or source of the wrong type: InputError."""
    with pytest.raises(InputError) as excinfo:
        compare.Document.from_text(*args, **kwargs)  # type: ignore[arg-type]
    assert named in _one_line(excinfo)


DOC = compare.Document.from_text("Xi spoke to Assad. They agreed.")


@pytest.mark.parametrize(
    ("ref", "other", "named"),
    [
        ("text", DOC, "reference must be a compare.Document (see compare.load), got str"),
        (DOC, None, "other must be a compare.Document (see compare.load), got NoneType"),
        ([DOC], DOC, "reference must be a compare.Document (see compare.load), got list"),
    ],
)
def test_compare_refuses_non_documents(ref: object, other: object, named: str) -> None:
    """compare() with something that is not a Document names the argument and its type."""
    with pytest.raises(InputError) as excinfo:
        compare.compare(ref, other)  # type: ignore[arg-type]
    assert named in _one_line(excinfo)


@pytest.mark.parametrize("options", [{"link_threshold": 0.5}, 0.5, "default", Options])
def test_compare_and_collate_refuse_options_of_another_type(options: object) -> None:
    """options that is not an Options (nor None) raises OptionsError naming what was given."""
    for call in (compare.compare, lambda a, b, **kw: compare.collate([a, b], **kw)):
        with pytest.raises(OptionsError) as excinfo:
            call(DOC, DOC, options=options)
        assert f"got {type(options).__name__}" in _one_line(excinfo)


@pytest.mark.parametrize(
    ("docs", "named"),
    [
        ([], "needs at least two documents, got 0"),
        ([DOC], "needs at least two documents, got 1"),
        ([DOC, "text"], "docs[1] must be a compare.Document (see compare.load), got str"),
        ([DOC, None, DOC], "docs[1] must be a compare.Document (see compare.load), got NoneType"),
        (DOC, "list of compare.Document objects (see compare.load), got Document"),
        ("ab", "list of compare.Document objects (see compare.load), got str"),
        (
            (d for d in [DOC, DOC]),
            "list of compare.Document objects (see compare.load), got generator",
        ),
        ({"a": DOC}, "got dict"),
    ],
    ids=["empty", "one", "str-item", "None-item", "document", "str", "generator", "dict"],
)
def test_collate_refuses_what_is_not_documents(docs: object, named: str) -> None:
    """collate() with fewer than two documents or with non-documents: InputError."""
    with pytest.raises(InputError) as excinfo:
        compare.collate(docs)  # type: ignore[arg-type]
    assert named in _one_line(excinfo)


def test_collate_makes_duplicate_ids_distinct() -> None:
    """The same document twice (so the same id) is collated with ids made unique, in order."""
    collation = compare.collate([DOC, DOC, DOC])
    assert ["text", "text-2", "text-3"] == [d.id for d in collation.documents]
    assert all(claim.sources == 3 for claim in collation.claims)


def test_repr_is_one_short_line() -> None:
    """print(result) shows what the result holds in one line, not the whole attrs record."""
    from pathlib import Path

    readouts = Path(__file__).parent.parent / "examples" / "readouts"
    ref = compare.load(readouts / "call-cgtn-chinese-readout.txt", label="CGTN")
    other = compare.load(readouts / "call-syrian-readout-relay.txt", label="Syrian relay")
    third = compare.load(readouts / "call-newsweek-report.txt", label="Newsweek")
    result = compare.compare(ref, other)
    text = repr(result)
    assert text == str(result)
    assert 1 == len(text.splitlines()) and len(text) < 200
    assert text.startswith("<Comparison 'CGTN' → 'Syrian relay': 15 vs 15 sentences, ")
    assert f"{len(result.links)} links, {len(result.omitted)} omitted" in text
    many = repr(compare.collate([ref, other, third]))
    assert 1 == len(many.splitlines()) and len(many) < 200
    assert many.startswith("<Collation of 3 accounts ('CGTN', 'Syrian relay', 'Newsweek'): ")


def test_importing_the_package_loads_no_stage() -> None:
    """``import compare`` imports no stage and not NumPy (the names load on first use, which is
    what lets ``python -m compare`` set its process up first); the first name asked for works."""
    code = (
        "import sys, compare; before = sorted(m for m in ('numpy', 'compare.pairwise', "
        "'compare.model', 'compare.options') if m in sys.modules); "
        "doc = compare.Document.from_text('One. Two.', label='a'); "
        "print(before, len(compare.compare(doc, doc).links), 'numpy' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[] 2 True\n" == proc.stdout


def test_the_command_line_process_asks_for_one_blas_thread_unless_semantic() -> None:
    """``python -m compare`` (and the installed command) ask OpenBLAS for one thread before
    NumPy loads; not with ``--semantic`` (or its abbreviations), not over the environment."""
    from compare.__main__ import BLAS_THREADS, set_up

    saved = {name: os.environ.pop(name, None) for name in BLAS_THREADS}
    numpy = sys.modules.pop("numpy", None)  # as in a fresh process: NumPy not loaded yet
    try:
        for argv, expected in (
            (["a.txt", "b.txt"], "1"),
            (["--semantic", "a.txt", "b.txt"], None),
            (["--sem", "a.txt", "b.txt"], None),
            (["corpus", "in.jsonl", "-o", "out"], "1"),
        ):
            os.environ.pop("OPENBLAS_NUM_THREADS", None)
            set_up(argv)
            assert expected == os.environ.get("OPENBLAS_NUM_THREADS")
        os.environ.pop("OPENBLAS_NUM_THREADS", None)
        os.environ["OMP_NUM_THREADS"] = "2"
        set_up(["a.txt", "b.txt"])
        assert None is os.environ.get("OPENBLAS_NUM_THREADS")
    finally:
        if numpy is not None:
            sys.modules["numpy"] = numpy
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value


def test_the_command_line_process_freezes_its_objects_for_exit() -> None:
    """``run()`` returns the command line's exit code and leaves the objects frozen, so that
    the interpreter's last collection skips them; the comparison is printed as by ``main()``."""
    readouts = "examples/readouts/"
    code = (
        "import gc, sys; from compare.__main__ import run; "
        f"sys.argv = ['compare', '{readouts}call-cgtn-chinese-readout.txt', "
        f"'{readouts}call-syrian-readout-relay.txt']; "
        "code = run(); print('exit', code, gc.get_freeze_count() > 0)"
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert proc.stdout.startswith("Summary ─")
    assert "exit 0 True" == proc.stdout.splitlines()[-1]


def test_the_command_line_process_freezes_what_its_imports_made_before_it_runs() -> None:
    """The objects the imports made are frozen before the command runs (the collections the
    run triggers walk only what it makes), with the collector as it was."""
    code = (
        "import gc, compare.cli\n"
        "from compare.__main__ import run\n"
        "def main():\n"
        "    print('frozen', gc.get_freeze_count() > 0, 'collecting', gc.isenabled())\n"
        "    return 0\n"
        "compare.cli.main = main\n"
        "print('exit', run())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ["frozen True collecting True", "exit 0"] == proc.stdout.splitlines()
