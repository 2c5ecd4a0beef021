"""The one-way layering of DESIGN §1, read from the source with ``ast``: a module imports only
modules of earlier layers; errors, options and the model import no stage.

Every ``compare.*`` import counts, at module level (``if TYPE_CHECKING:`` blocks included) and
inside functions alike. The only imports allowed against the order are the model's lazy
conveniences listed in :data:`CONVENIENCES`, each with its reason.
"""

# STYLE.md: tests read `assert expected == actual`, which ruff's SIM300 calls a Yoda condition.
# ruff: noqa: SIM300

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import compare

SRC = Path(compare.__file__).resolve().parent

LAYERS: tuple[tuple[str, ...], ...] = (
    # memo caches; regexes compiled on first use; SciPy imported on first use; the records' repr
    ("compare._cache", "compare._regex", "compare._sparse", "compare._records"),
    ("compare._data",),  # the package's data files, read through its loader
    ("compare.errors",),  # the exception tree
    ("compare.options",),  # settings, validated; names the scorers (similarity maps them)
    ("compare.model",),  # the frozen records every stage passes on
    ("compare.scripts",),  # a text's script and language, from Unicode ranges
    ("compare.tokens",),  # text helpers: normalised word keys, stop words
    ("compare.lexicon",),  # word lists over tokens
    # text -> sentences; sentence -> claim units; sentences -> page debris set aside
    # ... and web pages -> article text and metadata (the [web] extra)
    ("compare.segment", "compare.units", "compare.debris", "compare.web"),
    ("compare.loading",),  # file/string -> Document: decode, parse the header, then segment
    ("compare.similarity",),  # features -> score matrices
    ("compare.semantic",),  # the [semantic] extra's scorer: lexical score fused with embeddings
    ("compare.lift",),  # scores lifted by shared claim units and anchors
    ("compare.scale",),  # work limits (estimated with similarity) and progress, used from here up
    ("compare.align",),  # score matrix -> links
    ("compare.diff",),  # word diffs of linked sentences
    ("compare.context",),  # what classifiers see of one link
    ("compare.quantities",),  # classification helpers: numbers, then speech and relations
    ("compare.speech", "compare.relate"),
    ("compare.classify._common",),  # what the typed classifiers share
    (  # typed findings, one module per kind
        "compare.classify.numbers",
        "compare.classify.names",
        "compare.classify.speech",
        "compare.classify.markers",
        "compare.classify.polarity",
    ),
    ("compare.classify",),  # the typed classifiers in order (TYPED)
    ("compare.findings",),  # relation and all findings of a link
    ("compare.links",),  # the one link builder: diff, relation, findings, score -> Link
    ("compare.pairwise",),  # compare(ref, other) -> Comparison
    ("compare.collation",),  # collate(docs) -> Collation
    # issue 13: corpus input -> candidate pairs and components -> reused passages -> the API
    ("compare.corpus.articles",),
    ("compare.corpus.blocking",),
    ("compare.corpus.reuse", "compare.corpus.engine"),  # ... and where chunks of work run
    ("compare.corpus.provenance",),  # who took a reused passage from whom
    ("compare.corpus",),
    ("compare.summary", "compare.selection"),  # what a reader sees first; finding filters
    ("compare.report", "compare.report.controls"),  # renderers format, never compute
    ("compare.report._common",),
    ("compare.report.json", "compare.report.text", "compare.report.collation_text"),
    ("compare.report.table",),  # findings and links as rows: CSV and pandas
    ("compare.report.markdown", "compare.report.html"),
    ("compare.report.corpus",),  # issue 13: corpus records and the index page
    ("compare.corpus.output",),  # issue 13: a grouped corpus written to a folder (JSONL/Parquet)
    ("compare",),  # the package: the public API, re-exported
    ("compare.corpus.cli",),  # issue 13: the corpus command, dispatched from compare.cli
    ("compare.cli",),  # parses arguments, calls the API, picks a renderer
    ("compare.__main__",),
)
"""Layers from the bottom up; modules of one layer may not import each other."""

PLANNED = frozenset({"compare.report._common"})
"""Placed in LAYERS ahead of the module itself (issue 8 adds it); may be absent."""

CONVENIENCES: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("compare.model", "Comparison.to_dict"): (
        frozenset({"compare.report.json"}),
        "DESIGN §2: result.to_dict(); the renderer is imported when called",
    ),
    ("compare.model", "Comparison.to_json"): (
        frozenset({"compare.report.json"}),
        "DESIGN §2: result.to_json()",
    ),
    ("compare.model", "Comparison.to_text"): (
        frozenset({"compare.report.text"}),
        "the terminal view as a method, like to_markdown()",
    ),
    ("compare.model", "Comparison.to_markdown"): (
        frozenset({"compare.report.markdown"}),
        "DESIGN §2: result.to_markdown()",
    ),
    ("compare.model", "Comparison.to_html"): (
        frozenset({"compare.report.html"}),
        "DESIGN §2: result.to_html()",
    ),
    ("compare.model", "Collation.to_dict"): (
        frozenset({"compare.report.json"}),
        "the collation's to_* mirror the comparison's",
    ),
    ("compare.model", "Collation.to_json"): (
        frozenset({"compare.report.json"}),
        "the collation's to_* mirror the comparison's",
    ),
    ("compare.model", "Collation.to_text"): (
        frozenset({"compare.report.collation_text"}),
        "the collation's to_* mirror the comparison's",
    ),
    ("compare.model", "Collation.to_markdown"): (
        frozenset({"compare.report.markdown"}),
        "the collation's to_* mirror the comparison's",
    ),
    ("compare.model", "Collation.to_html"): (
        frozenset({"compare.report.html"}),
        "the collation's to_* mirror the comparison's",
    ),
    ("compare.model", "_comparison_summary"): (
        frozenset({"compare.summary"}),
        "issue 12: Comparison.summary is computed once, on construction, by the summary stage",
    ),
    ("compare.model", "_collation_summary"): (
        frozenset({"compare.summary"}),
        "issue 12: Collation.summary likewise",
    ),
    ("compare.model", "Comparison.filtered"): (
        frozenset({"compare.selection"}),
        "issue 12: result.filtered(only=..., exclude=...) as a method",
    ),
    ("compare.model", "Collation.filtered"): (
        frozenset({"compare.selection"}),
        "issue 12: the collation's filtered() mirrors the comparison's",
    ),
    ("compare.model", "_Rows.to_csv"): (
        frozenset({"compare.report.table"}),
        "issue 12: --format csv as a method of Comparison and Collation, like to_json()",
    ),
    ("compare.model", "_Rows.to_dataframe"): (
        frozenset({"compare.report.table"}),
        "issue 12: to_dataframe() on Comparison and Collation (the pandas extra)",
    ),
    ("compare.model", "Document.from_text"): (
        frozenset({"compare.loading"}),
        "DESIGN §2: compare.Document.from_text(text, label=...) builds a segmented Document, "
        "which only loading (header) and segment (sentences) know how to do",
    ),
    ("compare.model", "Link.opcodes"): (
        frozenset({"compare.diff"}),
        "DESIGN §5: the difflib-compatible view of a link; word indices come from "
        "diff.tokenize, as DiffOp holds text, not token counts",
    ),
}
"""(module, function) -> the later modules it may import lazily, and why. Nothing else may."""


@attrs.frozen
class Import:
    """One import of a compare module, as written in the source."""

    importer: str
    target: str
    function: str | None
    """Qualified name of the enclosing function, or None at module level."""
    line: int


def module_name(path: Path) -> str:
    """The dotted name of a source file of the package."""
    parts = ("compare", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _resolve(importer: str, node: ast.ImportFrom) -> list[str]:
    """The compare modules a ``from ... import ...`` statement reaches."""
    parent = node.module or ""
    if node.level:
        is_package = MODULES[importer].name == "__init__.py"
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        parent = ".".join([*base, parent] if parent else base)
    if parent != "compare" and not parent.startswith("compare."):
        return []
    # ``from compare.report import json`` reaches the submodule; ``from compare import load``
    # the package itself.
    return [f"{parent}.{a.name}" if f"{parent}.{a.name}" in MODULES else parent for a in node.names]


def imports(importer: str) -> Iterator[Import]:
    """Every import of a compare module in one module, with where it stands."""
    tree = ast.parse(MODULES[importer].read_text(encoding="utf-8"))

    def walk(node: ast.AST, scope: tuple[str, ...], function: str | None) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name == "compare" or alias.name.startswith("compare."):
                        yield Import(importer, alias.name, function, child.lineno)
            elif isinstance(child, ast.ImportFrom):
                for target in _resolve(importer, child):
                    yield Import(importer, target, function, child.lineno)
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = (*scope, child.name)
                is_function = not isinstance(child, ast.ClassDef)
                yield from walk(child, inner, ".".join(inner) if is_function else function)
            else:
                yield from walk(child, scope, function)

    return walk(tree, (), None)


ALL_IMPORTS = [i for name in MODULES for i in imports(name)]
LAYER = {module: n for n, layer in enumerate(LAYERS) for module in layer}


def _where(i: Import) -> str:
    """An import, located for a failure message."""
    return f"{i.importer}:{i.line} ({i.function or 'module level'}) imports {i.target}"


def _upward(i: Import) -> bool:
    """Whether an import reaches a module of the same or a later layer (unplaced ones aside:
    the tests above report those)."""
    if i.importer not in LAYER or i.target not in LAYER:
        return False
    return LAYER[i.target] >= LAYER[i.importer]


def test_every_module_has_one_layer() -> None:
    """Each module of src/compare is placed in exactly one layer, and every placed module exists
    (a new module must be placed on purpose)."""
    placed = [module for layer in LAYERS for module in layer]
    assert len(set(placed)) == len(placed)
    assert [] == sorted(set(MODULES) - set(placed)), "place each new module in LAYERS"
    assert [] == sorted(set(placed) - set(MODULES) - PLANNED)


def test_every_import_reaches_a_module() -> None:
    """Each compare import names a module of the package, so each has a layer to check."""
    assert [] == [_where(i) for i in ALL_IMPORTS if i.target not in MODULES]


def test_imports_are_found_at_module_level_and_in_functions() -> None:
    """The scan sees both kinds: segment imports model at module level, the model's to_json
    imports the JSON renderer inside the method, cli imports the text view inside a function."""
    top = {(i.importer, i.target) for i in ALL_IMPORTS if i.function is None}
    lazy = {(i.importer, i.function, i.target) for i in ALL_IMPORTS if i.function is not None}
    assert ("compare.segment", "compare.model") in top
    assert ("compare.model", "Comparison.to_json", "compare.report.json") in lazy
    assert ("compare.cli", "_text_settings", "compare.report.text") in lazy


def test_relative_and_package_imports_resolve() -> None:
    """``from compare import x``, ``from compare.report import json`` and relative imports
    resolve to the module they reach."""
    node = ast.parse("from compare.report import json\nfrom compare import load").body
    assert ["compare.report.json"] == _resolve("compare.cli", node[0])  # type: ignore[arg-type]
    assert ["compare"] == _resolve("compare.cli", node[1])  # type: ignore[arg-type]
    rel = ast.parse("from .controls import visible\nfrom .. import model").body
    assert ["compare.report.controls"] == _resolve("compare.report.text", rel[0])  # type: ignore[arg-type]
    assert ["compare.model"] == _resolve("compare.report.text", rel[1])  # type: ignore[arg-type]


def test_module_level_imports_point_down() -> None:
    """Every module-level import (``TYPE_CHECKING`` blocks included) reaches an earlier layer."""
    assert [] == [_where(i) for i in ALL_IMPORTS if i.function is None and _upward(i)]


def test_lazy_imports_point_down_but_for_the_listed_conveniences() -> None:
    """Imports inside functions obey the same order; the model's listed conveniences alone
    reach later layers, and only the modules listed for them."""
    wrong = []
    for i in ALL_IMPORTS:
        if i.function is None or not _upward(i):
            continue
        allowed, _reason = CONVENIENCES.get((i.importer, i.function), (frozenset(), ""))
        if i.target not in allowed:
            wrong.append(_where(i))
    assert [] == wrong


def test_every_listed_convenience_is_used() -> None:
    """Each exception in CONVENIENCES is still needed: the list stays exact."""
    used = {
        (i.importer, i.function, i.target)
        for i in ALL_IMPORTS
        if i.function is not None and _upward(i)
    }
    listed = {(m, f, t) for (m, f), (targets, _) in CONVENIENCES.items() for t in targets}
    assert listed == used


@pytest.mark.parametrize("module", ["compare.errors", "compare.options", "compare.model"])
def test_errors_options_and_model_import_no_stage(module: str) -> None:
    """errors, options and the model import nothing above them at module level (the model's
    lazy conveniences aside)."""
    above = {
        i.target
        for i in ALL_IMPORTS
        if i.importer == module and i.function is None and LAYER[i.target] > LAYER["compare.model"]
    }
    assert set() == above


def test_options_and_similarity_form_no_cycle() -> None:
    """options no longer imports similarity (it did, to validate fuzzy_scorer), anywhere."""
    assert [] == [
        _where(i)
        for i in ALL_IMPORTS
        if i.importer == "compare.options" and i.target == "compare.similarity"
    ]


def test_the_cli_imports_only_what_a_two_file_comparison_needs() -> None:
    """Importing the CLI pulls in no corpus stage, no collation stage (a pair needs none), no
    SciPy sparse graphs, no view's library (rich, jinja2) and not importlib.resources (the word
    lists are read through the package's loader): each is imported when its command, more than
    two inputs or its format need it. Whole-process start-up is
    measured in benchmarks/bench_targets.py; this only guards the import graph."""
    import subprocess
    import sys

    code = (
        "import sys, compare.cli; "
        "print(' '.join(m for m in ('compare.corpus', 'scipy.sparse.csgraph', 'rich', 'jinja2', "
        "'compare.report.html', 'importlib.resources', 'compare.collation') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "" == out.stdout.strip()
