"""Tunable settings of a comparison, validated once, with documented and measured defaults."""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import re
import textwrap
from collections.abc import Callable
from typing import Any

import attrs

from compare._data import data_text
from compare._records import record_repr
from compare.errors import OptionsError

__all__ = [
    "SCALAR_OPTIONS",
    "SCORER_NAMES",
    "Options",
    "allowed_values",
    "field_docs",
    "languages",
    "option_help",
    "resolve_options",
    "with_language",
]

SCORER_NAMES: tuple[str, ...] = ("ratio", "token_sort_ratio", "token_set_ratio", "partial_ratio")
"""The rapidfuzz scorers ``Options.fuzzy_scorer`` may name; :data:`compare.similarity.SCORERS`
maps each name to its function (named here so that options need not import similarity)."""


def _unit(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    """Reject a value outside [0, 1] with a message naming the option."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0.0 <= value <= 1.0:
        raise OptionsError(f"option {attribute.name} must be a number in [0, 1], got {value!r}")


def _positive_int(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    """Reject anything but a positive integer, with a message naming the option."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise OptionsError(f"option {attribute.name} must be a positive integer, got {value!r}")


def _scorer_name(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    """Reject a scorer name that is not one of :data:`SCORER_NAMES`."""
    if not isinstance(value, str) or value not in SCORER_NAMES:
        names = ", ".join(sorted(SCORER_NAMES))
        raise OptionsError(f"option {attribute.name} must be one of {names}, got {value!r}")


def _callable_or_none(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """Reject a scorer that is neither None nor callable."""
    if value is not None and not callable(value):
        raise OptionsError(
            f"option {attribute.name} must be a scorer (a callable, see compare.similarity.Scorer) "
            f"or None, got {type(value).__name__}"
        )


def languages() -> tuple[str, ...]:
    """The languages with word lists in the package (``data/stopwords_<code>.txt``), sorted."""
    from importlib import resources

    prefix, suffix = "stopwords_", ".txt"
    names = (entry.name for entry in (resources.files("compare") / "data").iterdir())
    return tuple(
        sorted(
            n[len(prefix) : -len(suffix)]
            for n in names
            if n.startswith(prefix) and n.endswith(suffix)
        )
    )


def _language(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    """Reject a language that has no word lists in the package (``auto`` detects it)."""
    if not isinstance(value, str) or (
        value != "auto" and data_text(f"data/stopwords_{value}.txt") is None
    ):
        raise OptionsError(f"option {attribute.name}: no word lists for language {value!r}")


@attrs.frozen
class Options:
    """Thresholds and weights of a comparison; every default was chosen by measurement (README)."""

    __repr__ = record_repr

    link_threshold: float = attrs.field(default=0.45, validator=_unit)
    """Minimum similarity for two sentences to be linked (middle of the best plateau, README)."""

    mutual_floor: float = attrs.field(default=0.0, validator=_unit)
    """Two sentences left unlinked that are each other's best match (the best of their row and
    of their column) link at or above this score, even under ``link_threshold``; 0 (the default)
    turns it off. At 0.35 it raises recall on independent coverage (README, BASIL gold) but links
    the least bad pair of unrelated texts too, so it is off unless asked for."""

    merge_gain: float = attrs.field(default=0.03, validator=_unit)
    """A 1:2 or 2:1 link replaces a 1:1 link only when it raises the score by at least this much."""

    order_bonus: float = attrs.field(default=0.04, validator=_unit)
    """Added to a pair's score when a neighbour pair is linked in the same reading order.

    The boosted score is what the threshold sees, so a pair just below ``link_threshold`` that
    keeps the reading order of its neighbours is linked (with its unboosted score)."""

    fuzzy_weight: float = attrs.field(default=0.35, validator=_unit)
    """Share of the character-level fuzzy score in the similarity; the rest is IDF word overlap."""

    partial_coverage: float = attrs.field(default=0.6, validator=_unit)
    """A link is ``partial`` when less than this share of each side's content is shared."""

    detail_min_words: int = attrs.field(default=3, validator=_positive_int)
    """Content words a clause needs, on one side only, to count as added or dropped detail."""

    unit_weight: float = attrs.field(default=0.8, validator=_unit)
    """A pair of sentences scores at least this share of its best pair of claim units (clauses,
    :mod:`compare.units`), so two sentences sharing one claim can link; 0 scores sentences whole."""

    anchor_score: float = attrs.field(default=0.5, validator=_unit)
    """Two sentences sharing a rare run of words (:mod:`compare.lift`) score at least this; 0
    turns anchors off."""

    fuzzy_scorer: str = attrs.field(default="token_sort_ratio", validator=_scorer_name)
    """Name of the rapidfuzz scorer blended into the similarity (listed in :data:`SCORER_NAMES`)."""

    language: str = attrs.field(default="auto", validator=_language)
    """Language of the word lists (stop words, reporting verbs, number words...): ``en``, ``zh``,
    ``ar``, or ``auto`` (the default) for the language of the documents' script
    (:func:`compare.scripts.resolve_language`; a stage run on its own reads ``auto`` as ``en``)."""

    max_pairs: int = attrs.field(default=50_000_000, validator=_positive_int)
    """Refuse, before scoring, inputs with more sentence pairs than this (REF × OTHER sentences;
    the square of all sentences for a collation): 25-31 s on news text; 0.8 GB for a collation,
    whose matrix is dense, 0.3 GB for a pair, scored sparsely (README)."""

    max_linkable: int = attrs.field(default=2_000_000, validator=_positive_int)
    """Refuse, before scoring, inputs with more sentence pairs estimated to reach the link
    threshold than this (repeated sentences make every pair one): 0.55 GB and 21-40 s (README)."""

    near_miss: float = attrs.field(default=0.3, validator=_unit)
    """Lower edge of the near-miss band ``[near_miss, link_threshold)``: an omitted or added
    sentence whose best-scoring sentence on the other side scores at least this much is reported
    with it as its closest candidate ("omitted — closest: CGTN 14, 0.41"), not as a bare omission.
    The best score can reach ``link_threshold`` only when that sentence is linked to one it fits
    better. Measured on the readouts' golds (README, ``benchmarks/eval_nearmiss.py``): 0.30 is
    the highest edge that shows the one gold partial pair lexical scoring ranks first (0.304),
    and 13 of the 54 sentences the golds call only-in get a candidate (30 at 0.25)."""

    scorer: Callable[..., object] | None = attrs.field(
        default=None, validator=_callable_or_none, kw_only=True
    )
    """The sentence scorer: None for the lexical one (IDF-weighted word overlap blended with the
    fuzzy scorer), or any object following :class:`compare.similarity.Scorer`. An object, not a
    setting: it has no command-line flag and is not part of :meth:`to_dict` (options hold it
    rather than name it, so that options import no stage)."""

    def __new__(cls, *args: object, **kwargs: object) -> Options:
        """Refuse an unknown option by name (OptionsError, not Python's bare TypeError)."""
        known = {f.name for f in attrs.fields(cls)}
        for name in kwargs:
            if name not in known:
                import difflib  # only for this message: ~1 ms of every start-up

                close = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f"; did you mean {close[0]}?" if close else ""
                raise OptionsError(
                    f"unknown option {name!r}{hint} (options: {', '.join(sorted(known))})"
                )
        positional = sum(not f.kw_only for f in attrs.fields(cls))
        if len(args) > positional:
            raise OptionsError(f"Options takes at most {positional} values, got {len(args)}")
        return super().__new__(cls)

    def to_dict(self) -> dict[str, float | int | str]:
        """Return the scalar options (:data:`SCALAR_OPTIONS`) as a plain, JSON-ready mapping."""
        return {name: getattr(self, name) for name in SCALAR_OPTIONS}


SCALAR_OPTIONS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Options) if isinstance(f.default, (int, float, str))
)
"""The options that are numbers or names, in field order: each is a command-line flag and a key
of :meth:`Options.to_dict` (the ``scorer`` object is neither)."""


def resolve_options(options: object) -> Options:
    """Return ``options``, or the defaults for None; anything else raises OptionsError."""
    if options is None:
        return _defaults()
    if not isinstance(options, Options):
        raise OptionsError(
            f"options must be a compare.Options or None, got {type(options).__name__}"
        )
    return options


@functools.cache
def _defaults() -> Options:
    """The default options: one frozen instance, made on first use (checking every field's
    validator costs ~15 us, once a comparison before)."""
    return Options()


def with_language(options: Options, language: str) -> Options:
    """``options`` with ``language`` set; the defaults' copies made once a language (an
    ``attrs.evolve`` costs ~30 us, once a comparison before)."""
    if options is _defaults():
        return _default_in(language)
    return attrs.evolve(options, language=language)


@functools.cache
def _default_in(language: str) -> Options:
    """The default options in ``language`` (a name :func:`with_language` was given)."""
    return attrs.evolve(_defaults(), language=language)


_ROLE_RE = re.compile(r":[a-z]+:`~?([^`]+)`")
"""A Sphinx role such as ``:data:`SCORER_NAMES```, whose target is kept as plain text."""


_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def _plain_doc(text: str) -> str:
    """A field docstring's first sentence as one plain line: roles and double backticks gone."""
    line = " ".join(_ROLE_RE.sub(r"\1", text).replace("``", "").split())
    return _SENTENCE_END_RE.split(line, maxsplit=1)[0]


def _field_docs() -> dict[str, str]:
    """The docstring under each field of :class:`Options`, read from this module's source."""
    return field_docs(Options)


@functools.cache
def field_docs(cls: type) -> dict[str, str]:
    """The first sentence of the docstring under each field of an attrs class, read from its
    source (empty when no source is shipped): the help of a command-line flag per field."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):  # no source shipped (a frozen application): no help texts
        return {}
    body = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body.body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = _plain_doc(after.value.value)
    return docs


def allowed_values(name: str) -> tuple[str, ...]:
    """The values an option that names something accepts (empty for a number)."""
    if name == "fuzzy_scorer":
        return SCORER_NAMES
    if name == "language":
        return ("auto", *languages())
    return ()


def option_help(name: str) -> str:
    """One line of help for an option: its field docstring, allowed values and default."""
    default = attrs.fields_dict(Options)[name].default
    text = _field_docs().get(name, name)
    allowed = allowed_values(name)
    if allowed:
        text += f" One of: {', '.join(allowed)}."
    return f"{text} (default {default})"
