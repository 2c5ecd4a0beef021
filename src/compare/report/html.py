"""A self-contained HTML report: two accounts side by side, changed words marked, findings panel.

The page is rendered from Jinja2 templates shipped in ``compare/report/templates`` with autoescape
on, so every piece of source text reaches the page as escaped text, and control characters but
the bidi ones are made visible (:func:`compare.report.controls.visible`), so an escape sequence in
a document cannot drive the terminal of whoever prints the page. CSS and a little vanilla JS are
inlined; the page makes no network requests, opens from disk and prints.

This module only arranges what the comparison already holds into rows for the template: rows in the
reference's reading order, each side's words split into kept, deleted and inserted pieces, and the
findings placed on their rows and words. It computes no similarity, diff or finding.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import PurePath
from typing import ParamSpec

import attrs
import jinja2
from markupsafe import Markup

from compare._records import record_repr
from compare.model import (
    RELATIONS,
    Collation,
    Comparison,
    Coverage,
    Document,
    Finding,
    Link,
)
from compare.report._common import (
    MARKS,
    collation_points,
    comparison_points,
    numbers,
    paused,
    provenance,
    report_id,
    shared_texts,
    spread,
    type_order,
    where,
)
from compare.report.controls import visible

_P = ParamSpec("_P")

__all__ = [
    "FIRST_ROWS",
    "ON_DEMAND",
    "TYPE_STYLES",
    "render_collation_html",
    "render_html",
    "script_json",
]

ON_DEMAND = 1000
"""A report of more rows than this renders them on demand: the page holds the
first :data:`FIRST_ROWS` as HTML and every row, rendered by the same template, in an embedded
JSON payload that the page's script draws from as the reader scrolls or filters."""
FIRST_ROWS = 100
"""Rows (and findings) a large report draws at first, and at each step after."""

TYPE_STYLES: dict[str, tuple[str, str]] = {
    "omitted": ("−", "#b42318"),
    "added": ("+", "#1a7f37"),
    "reworded": ("≈", "#9a6700"),
    "added_detail": ("⊕", "#0f766e"),
    "dropped_detail": ("⊖", "#c2410c"),
    "number": ("#", "#6d28d9"),
    "entity": ("E", "#1d4ed8"),
    "quote": ("Q", "#be185d"),
    "attribution": ("A", "#0e7490"),
    "hedge": ("?", "#4d7c0f"),
    "polarity": ("¬", "#b91c1c"),
    "intensity": ("!", "#a16207"),
}
"""Symbol and colour of each finding type: a badge always shows both, never colour alone."""

_OTHER_STYLE = ("•", "#57606a")
_RELATION_SYMBOLS = {"same": "=", "reworded": "≈", "partial": "◐"}
_UNMARKED = frozenset({"omitted", "added", "reworded"})
"""Types not marked on words: the whole sentence, or the diff's own highlighting, shows them."""
_CLASS_RE = re.compile(r"[^a-z0-9_]+")
_ALIKE = frozenset({"same", "reworded"})
"""Relations (and finding types) of a claim every source carries and words alike: the rows
"only differences" hides (a claim some source lacks is a difference of coverage)."""
_SCRIPT_ESCAPES = {"</": "<\\/", "<!": "\\u003c!", "\u2028": "\\u2028", "\u2029": "\\u2029"}
"""What :func:`script_json` escapes, in JSON's own escapes: no ``</`` (``</script>`` would close
the element) or ``<!`` (``<!--`` changes how it ends), no raw line separator."""


def script_json(value: object) -> str:
    """JSON text safe as the content of an HTML ``<script>`` element.

    ``</`` becomes ``<\\/``, ``<!`` ``\\u003c!``, U+2028 and U+2029 ``\\u2028``, ``\\u2029``: all
    inside JSON strings (nothing else in JSON holds ``<``), so the value reads back unchanged.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        if raw in text:  # a search: replace() without a match still costs a copy's time
            text = text.replace(raw, escaped)
    return text


def _on_demand(
    rows: Sequence[Row] | Sequence[MatrixRow],
    items: Sequence[Item],
    *args: object,
    text_dir: str = "",
) -> dict[str, object]:
    """The template's rows, items and payload: all of them, or the first ones and a payload.

    ``args`` follow each row to its macro (the matrix row's number of sources), then
    ``text_dir``, the document text cells' direction and language attributes.
    """
    if len(rows) <= ON_DEMAND:
        return {"rows": rows, "items": items, "payload": "", "total": len(rows),
                "items_total": len(items), "step": FIRST_ROWS}  # fmt: skip
    listed: Sequence[Row | MatrixRow] = rows
    html: list[str] = []
    for r in listed:
        if isinstance(r, Row):
            html.append(_pair_row(r, text_dir))
        else:  # a collation's claim: its Jinja macro
            html.append(str(_matrix_row()(r, *args, text_dir)).strip())
    payload = {
        "rows": [
            [r.id, row_html, int(_hidden_when_same(r)), r.types, _tags(r)]
            for r, row_html in zip(listed, html, strict=True)
        ],
        "items": [[item_html(it), it.badge.cls] for it in items],
    }
    return {
        "rows": rows[:FIRST_ROWS],
        "items": items[:FIRST_ROWS],
        "payload": _Payload(script_json(payload)),
        "total": len(rows),
        "items_total": len(items),
        "step": FIRST_ROWS,
    }


_PAYLOAD_MARK = "\x00cmp-payload\x00"
"""Where the payload goes in the rendered page: the template writes this mark (the page's last
one: only the script's constant text follows), :func:`_page` the payload in its place."""


@attrs.frozen
class _Payload:
    """A page's JSON payload: the template is given :data:`_PAYLOAD_MARK` in its place (the
    payload is most of a large page: copied once, into the page, not through the template)."""

    __repr__ = record_repr

    text: str

    def __html__(self) -> str:
        """The mark the template writes (as HTML, not escaped)."""
        return _PAYLOAD_MARK


def _page(template: jinja2.Template, context: dict[str, object]) -> str:
    """The template rendered with ``context``, the payload in its place, with the documents'
    control characters made visible (but bidi controls: a page confines them to their block)."""
    page = template.render(context)
    payload = context.get("payload")
    if not isinstance(payload, _Payload):
        return visible(page, bidi=False)
    head, mark, tail = page.rpartition(_PAYLOAD_MARK)
    assert mark, "the template wrote no payload"
    return "".join([visible(part, bidi=False) for part in (head, payload.text, tail)])


def _matrix_row() -> Callable[..., object]:
    """The template macro of one row of a collation's matrix view."""
    macro: Callable[..., object] = _env().get_template("_rows.html.j2").module.matrix_row  # type: ignore[attr-defined]
    return macro


def _hidden_when_same(r: Row | MatrixRow) -> bool:
    """Whether "only differences" hides the row."""
    return r.alike if isinstance(r, MatrixRow) else r.relation == "same"


def _tags(r: Row | MatrixRow) -> str:
    """The row's filter tags (a collation's claims only)."""
    return r.tags if isinstance(r, MatrixRow) else ""


@functools.lru_cache(maxsize=64)
def _type_class(kind: str) -> str:
    """A CSS-safe class suffix for a finding type (once per type: a large report asks for each
    finding's)."""
    return _CLASS_RE.sub("_", kind.lower()) or "other"


@attrs.frozen
class Piece:
    """A run of words in a cell: kept (``eq``), deleted (``del``) or inserted (``ins``)."""

    __repr__ = record_repr

    op: str
    text: str
    mark: str = ""
    """CSS class suffix of the finding marked on these words, or empty."""
    symbol: str = ""
    title: str = ""


@attrs.frozen
class Cell:
    """One side of a row: the sentence numbers (1-based) and the pieces of text."""

    __repr__ = record_repr

    numbers: str
    pieces: tuple[Piece, ...]


@attrs.frozen
class Badge:
    """A finding shown on its row: type, symbol, CSS class and the detail as a tooltip."""

    __repr__ = record_repr

    id: str
    type: str
    cls: str
    symbol: str
    detail: str


@attrs.frozen
class Row:
    """One row of the side-by-side view."""

    __repr__ = record_repr

    id: str
    kind: str
    """``link``, ``omitted`` or ``added``."""
    relation: str
    """The link's relation, or empty for an unlinked sentence."""
    relation_symbol: str
    ref: Cell | None
    other: Cell | None
    badges: tuple[Badge, ...]
    shape: str
    """``1:2``, ``2:1``... for links joining several sentences, else empty."""
    score: str
    closest: str = ""
    """For an unlinked sentence with a closest candidate: ``closest: CGTN 14, 0.41``; else empty."""
    closest_row: str = ""
    """Id of the row holding that candidate sentence (a link to it), or empty."""
    shared: tuple[str, str] | None = None
    """For a partial link naming the claim units both sides share: their words, each side's."""

    @property
    def types(self) -> str:
        """Space-separated CSS classes of the finding types on this row (for the filter)."""
        if len(self.badges) < 2:  # most rows: nothing to join
            return self.badges[0].cls if self.badges else ""
        return " ".join(dict.fromkeys(b.cls for b in self.badges))


@attrs.frozen
class Item:
    """A finding in the findings panel, pointing at its row."""

    __repr__ = record_repr

    badge: Badge
    row: str
    where: str


@attrs.frozen
class TypeEntry:
    """A finding type in the legend and filter: name, class, symbol, colour and count."""

    __repr__ = record_repr

    name: str
    cls: str
    symbol: str
    colour: str
    count: int


@attrs.frozen
class _Mark:
    """A finding's span in the coordinates of a cell's joined text."""

    __repr__ = record_repr

    start: int
    end: int
    cls: str
    symbol: str
    title: str


def _style(kind: str) -> tuple[str, str]:
    """Symbol and colour for a finding type, with a neutral default for types added later."""
    return TYPE_STYLES.get(kind, _OTHER_STYLE)


def _side_spans(
    doc: Document, indices: Sequence[int], spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Map document spans into the text of ``indices``' sentences joined with single spaces."""
    out = []
    pos = 0
    for i in indices:
        s = doc.sentences[i]
        for a, b in spans:
            lo, hi = max(a, s.start), min(b, s.end)
            if lo < hi:
                out.append((pos + lo - s.start, pos + hi - s.start))
        pos += len(s.text) + 1
    return out


def _cut(runs: Sequence[tuple[str, str]], marks: Sequence[_Mark]) -> tuple[Piece, ...]:
    """Split runs of (op, text) at mark boundaries and attach the marks to the pieces."""
    if not marks:  # most cells: a piece a run
        return tuple(Piece(op, text) for op, text in runs if text)
    bounds = sorted({x for m in marks for x in (m.start, m.end)})
    pieces: list[Piece] = []
    pos = 0
    for op, text in runs:
        a, b = pos, pos + len(text)
        pos = b
        if not text:
            continue
        inside = bounds[bisect.bisect_right(bounds, a) : bisect.bisect_left(bounds, b)]
        for x, y in itertools.pairwise([a, *inside, b]):
            over = [m for m in marks if m.start < y and m.end > x]
            if over:
                pieces.append(
                    Piece(
                        op,
                        text[x - a : y - a],
                        over[0].cls,
                        "".join(dict.fromkeys(m.symbol for m in over)),
                        "\n".join(dict.fromkeys(m.title for m in over)),
                    )
                )
            else:
                pieces.append(Piece(op, text[x - a : y - a]))
    return tuple(pieces)


def _joined(doc: Document, indices: Sequence[int]) -> str:
    """The sentences joined with single spaces, as the diff saw them."""
    return " ".join(doc.sentences[i].text for i in indices)


def _visible_pair(pair: tuple[str, str] | None) -> tuple[str, str] | None:
    """Both texts of a pair with control characters made visible (None stays None)."""
    return None if pair is None else (visible(pair[0]), visible(pair[1]))


def _link_runs(c: Comparison, link: Link) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Each side's runs of a link's diff, the other side in its own words where the diff has them.

    Equal runs of the diff carry the reference's words; the other side's own words (its quote
    marks, its spacing) are read at each op's ``other_span``. An op made by hand has no spans:
    then the diff's text is shown as it is.
    """
    ref_runs = [
        ("del" if d.op == "delete" else "eq", d.text) for d in link.diff if d.op != "insert"
    ]
    kept = [d for d in link.diff if d.op != "delete"]
    plain = [("ins" if d.op == "insert" else "eq", d.text) for d in kept]
    text = _joined(c.other, link.other)
    spans = [d.other_span for d in kept]
    if not spans or None in spans or spans[-1] is None or spans[-1][1] != len(text):
        return _spaces_out(ref_runs), _spaces_out(plain)
    other_runs = [
        ("eq" if d.op == "equal" else "ins", text[span[0] : span[1]])
        for d, span in zip(kept, spans, strict=True)
        if span is not None and span[1] > span[0]
    ]
    return _spaces_out(ref_runs), _spaces_out(other_runs)


def _spaces_out(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Move the whitespace at either end of a changed run outside it, so marks hug the words."""
    out: list[tuple[str, str]] = []
    for op, text in runs:
        core = text.strip()
        if op == "eq" or not core:
            out.append(("eq", text))
            continue
        start = text.index(core)
        out += [("eq", text[:start]), (op, core), ("eq", text[start + len(core) :])]
    return [(op, text) for op, text in out if text]


def _marks(
    doc: Document, indices: Sequence[int], findings: Iterable[Finding], *, ref: bool
) -> list[_Mark]:
    """The marks of the findings on one side of a row."""
    out = []
    for f in findings:
        if f.type in _UNMARKED:
            continue
        symbol, _ = _style(f.type)
        for a, b in _side_spans(doc, indices, f.ref_spans if ref else f.other_spans):
            out.append(_Mark(a, b, _type_class(f.type), symbol, f"{f.type}: {f.detail}"))
    return out


def _plain_cell(doc: Document, i: int, findings: Iterable[Finding], *, ref: bool) -> Cell:
    """A cell holding one unlinked sentence."""
    text = doc.sentences[i].text
    marks = _marks(doc, (i,), findings, ref=ref)
    if not marks:  # most: one piece (what _cut makes of one run without marks)
        return Cell(numbers((i,)), (Piece("eq", text),) if text else ())
    return Cell(numbers((i,)), _cut([("eq", text)], marks))


def _replace_esc(text: str) -> str:
    """Escape text for HTML as Jinja's autoescape does (markupsafe: ``& < > ' "``)."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


try:  # markupsafe's own C escaping, without wrapping the result in Markup: 3-7x faster
    from markupsafe._speedups import _escape_inner as _esc
except ImportError:  # pragma: no cover - markupsafe without its C speedups
    _esc = _replace_esc


def _markup(render: Callable[_P, str]) -> Callable[_P, Markup]:
    """``render`` for the templates: its HTML marked safe, so autoescape leaves it as it is."""

    def marked(*args: _P.args, **kwargs: _P.kwargs) -> Markup:
        return Markup(render(*args, **kwargs))

    return marked


def sym_html(cls: str, symbol: str) -> str:
    """A finding type's symbol (hidden from screen readers: its name follows)."""
    return f'<span class="sym t-{_esc(cls)}" aria-hidden="true">{_esc(symbol)}</span>'


def tag_html(kind: str, text: str) -> str:
    """The ``+ added`` / ``− omitted`` tag of an unlinked sentence."""
    return f'<span class="tag tag-{_esc(kind)}">{_esc(text)}</span>'


def cell_html(c: Cell) -> str:
    """One side's sentence numbers and words: deleted and inserted pieces, finding marks."""
    out = [f'<span class="num">{_esc(c.numbers)}</span> ']
    for p in c.pieces:
        if p.mark:
            out.append(
                f'<mark class="t-{_esc(p.mark)}" title="{_esc(p.title)}" data-s="{_esc(p.symbol)}">'
            )
        if p.op == "del":
            out.append(f"<del>{_esc(p.text)}</del>")
        elif p.op == "ins":
            out.append(f"<ins>{_esc(p.text)}</ins>")
        else:
            out.append(_esc(p.text))
        if p.mark:
            out.append("</mark>")
    return "".join(out)


def badge_html(b: Badge) -> str:
    """A finding on its row: symbol and type, the detail as a tooltip."""
    cls = _esc(b.cls)
    kind = _esc(b.type)
    return (
        f'<span class="badge t-{cls}" id="{_esc(b.id)}" data-type="{cls}" '
        f'title="{kind}: {_esc(b.detail)}"><span class="sym" aria-hidden="true">'
        f"{_esc(b.symbol)}</span> {kind}</span>"
    )


def item_html(it: Item) -> str:
    """A finding in the findings panel, a link to its row."""
    b, row = it.badge, _esc(it.row)
    return (
        f'<li data-type="{_esc(b.cls)}"><a class="jump" href="#{row}" data-row="{row}">'
        f'{sym_html(b.cls, b.symbol)} <span class="ftype">{_esc(b.type)}</span> '
        f'<span class="where">{_esc(it.where)}</span></a>'
        f'<span class="detail">{_esc(b.detail)}</span></li>'
    )


def _side_html(side: str, cell: Cell | None, tag: str, text_dir: str) -> str:
    """One side's cell of a side-by-side row (a gap cell when the side has no sentence)."""
    if cell is None:
        return f' <td class="{side} gap"></td>\n'
    return f' <td class="{side}"{text_dir}>{tag}{cell_html(cell)}</td>\n'


def pair_row_html(r: Row, text_dir: str = "") -> str:
    """One row of the side-by-side view (``text_dir``: the cells' direction attributes, HTML)."""
    return f" {_pair_row(r, text_dir)}\n"


_OMITTED_TAG = tag_html("omitted", "− omitted") + " "
_ADDED_TAG = tag_html("added", "+ added") + " "


def _pair_row(r: Row, text_dir: str) -> str:
    """:func:`pair_row_html` without the space before and the newline after (a payload's row)."""
    out = [
        f'<tr id="{_esc(r.id)}" class="row k-{_esc(r.kind)}',
        f" rel-{_esc(r.relation)}" if r.relation else "",
        " multi" if r.shape else "",
        f'" data-types="{_esc(r.types)}">\n' if r.badges else '">\n',
        _side_html("ref", r.ref, _OMITTED_TAG if r.kind == "omitted" else "", text_dir),
        _side_html("other", r.other, _ADDED_TAG if r.kind == "added" else "", text_dir),
        ' <td class="fs">\n',
    ]  # fmt: skip
    if r.relation:
        rel, score = _esc(r.relation), _esc(r.score)
        out.append(
            f'<span class="rel rel-{rel}" title="{rel}, score {score}"><span class="rs" '
            f'aria-hidden="true">{_esc(r.relation_symbol)}</span> {rel} '
            f'<span class="n">{score}</span></span>'
        )
    if r.shape:
        shape = _esc(r.shape)
        out.append(f'<span class="shape" title="one row joins {shape} sentences">{shape}</span>')
    out += [f" {badge_html(b)}\n" for b in r.badges]
    if r.shared:
        out.append(
            ' <span class="shared" title="the claim units both sides share (the rest of each is '
            f'what it adds)">shared: <q>{_esc(r.shared[0])}</q> ↔ <q>{_esc(r.shared[1])}</q>'
            "</span>\n"
        )
    if r.closest:
        row = _esc(r.closest_row)
        out.append(
            f' <a class="jump closest" href="#{row}" data-row="{row}" title="the closest '
            "sentence on the other side: a plausible counterpart the alignment did not link"
            f'">{_esc(r.closest)}</a>\n'
        )
    out.append(" </td>\n </tr>")
    return "".join(out)


def _file_name(source: str | None) -> str:
    """The file name of a source path (the full path goes in a tooltip)."""
    if not source:
        return ""
    return PurePath(source).name or source


def _rows(c: Comparison, uid: str) -> tuple[list[Row], list[Item]]:
    """Lay the comparison out in rows (reference reading order) and place the findings."""
    ref, other = c.reference, c.other
    # Each unit is a link or an unlinked sentence; it becomes one row.
    first_ref = {link.ref[0]: link for link in c.links}
    omitted = set(c.omitted)
    order: list[tuple[str, int | Link]] = []
    for i in range(len(ref.sentences)):
        if i in first_ref:
            order.append(("link", first_ref[i]))
        elif i in omitted:
            order.append(("omitted", i))
    # Added sentences go after the row of the nearest preceding linked other sentence.
    other_row: dict[int, int] = {}
    for pos, (_kind, unit) in enumerate(order):
        if isinstance(unit, Link):
            for j in unit.other:
                other_row[j] = pos
    linked = sorted(other_row)
    after: dict[int, list[int]] = {}
    for j in c.added:
        k = bisect.bisect_left(linked, j)
        after.setdefault(other_row[linked[k - 1]] if k else -1, []).append(j)
    units: list[tuple[str, int | Link]] = [("added", j) for j in after.get(-1, [])]
    for pos, entry in enumerate(order):
        units.append(entry)
        if pos in after:
            units.extend(("added", j) for j in after[pos])
    chosen = c.selection
    if chosen is not None:  # a filtered comparison shows what the text view shows
        units = [
            (kind, unit)
            for kind, unit in units
            if (chosen.shows_link(unit) if isinstance(unit, Link) else chosen.keeps(kind))
        ]

    ids = {unit: f"{uid}-r{n + 1}" for n, unit in enumerate(units)}
    ref_at: dict[int, str] = {}
    other_at: dict[int, str] = {}
    for (kind, unit), rid in ids.items():
        if isinstance(unit, Link):
            ref_at.update(dict.fromkeys(unit.ref, rid))
            other_at.update(dict.fromkeys(unit.other, rid))
        elif kind == "omitted":
            ref_at[unit] = rid
        else:
            other_at[unit] = rid
    on_row: dict[str, list[tuple[int, Finding]]] = {}
    for n, f in enumerate(c.findings):
        at = ref_at.get(f.ref[0]) if f.ref else other_at.get(f.other[0]) if f.other else None
        if at is not None:
            on_row.setdefault(at, []).append((n, f))

    rows: list[Row] = []
    items: list[Item] = []
    for (kind, unit), rid in ids.items():
        found = on_row.get(rid, ())
        fs = [f for _, f in found]
        badges = []
        for n, f in found:
            badge = Badge(
                f"{uid}-f{n + 1}", f.type, _type_class(f.type), _style(f.type)[0], f.detail
            )
            badges.append(badge)
            items.append(Item(badge, rid, where(ref.label, other.label, f)))
        if isinstance(unit, Link):
            ref_runs, other_runs = _link_runs(c, unit)
            rows.append(
                Row(
                    rid, "link", unit.relation, _RELATION_SYMBOLS.get(unit.relation, "•"),
                    Cell(numbers(unit.ref), _cut(ref_runs, _marks(ref, unit.ref, fs, ref=True))),
                    Cell(
                        numbers(unit.other),
                        _cut(other_runs, _marks(other, unit.other, fs, ref=False)),
                    ),
                    tuple(badges),
                    f"{len(unit.ref)}:{len(unit.other)}"
                    if len(unit.ref) > 1 or len(unit.other) > 1
                    else "",
                    f"{unit.score:.2f}",
                    shared=_visible_pair(shared_texts(ref, other, unit)),
                )
            )  # fmt: skip
        elif kind == "omitted":
            near = c.closest_omitted.get(unit)
            rows.append(
                Row(rid, kind, "", "", _plain_cell(ref, unit, fs, ref=True), None,
                    tuple(badges), "", "",
                    near.describe(other.label) if near else "",
                    other_at.get(near.index, "") if near else "")
            )  # fmt: skip
        else:
            near = c.closest_added.get(unit)
            rows.append(
                Row(rid, kind, "", "", None, _plain_cell(other, unit, fs, ref=False),
                    tuple(badges), "", "",
                    near.describe(ref.label) if near else "",
                    ref_at.get(near.index, "") if near else "")
            )  # fmt: skip
    return rows, items


@cache
def _env() -> jinja2.Environment:
    """The template environment: package templates, autoescape on for everything, and the
    row-level pieces (:func:`pair_row_html`, :func:`cell_html`...) as functions."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("compare.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        cell=_markup(cell_html), badge=_markup(badge_html), pair_row=_markup(pair_row_html),
        item=_markup(item_html), sym=_markup(sym_html), tag=_markup(tag_html),
    )  # fmt: skip
    return env


def _types(c: Comparison) -> list[TypeEntry]:
    """The finding types of the comparison, contract order first, with their counts."""
    counts = Counter(f.type for f in c.findings)
    return [TypeEntry(t, _type_class(t), *_style(t), counts[t]) for t in type_order(counts)]


def text_direction(language: str) -> Markup:
    """Attributes for the cells holding document text: ``dir="auto"`` (Arabic reads right to
    left, its punctuation on the right) and the language, for every language but English (whose
    pages stay as they were)."""
    if language in ("en", "auto"):
        return Markup("")
    return Markup(' dir="auto" lang="{}"').format(language)


@paused
def render_html(c: Comparison, *, fragment: bool = False) -> str:
    """Render the comparison as one self-contained HTML page (or a fragment for notebooks).

    The fragment has no ``<html>``/``<head>``; its styles are scoped under the report's root
    element and its ids are prefixed, so several reports can share one page.
    """
    uid = report_id("cmp", (c.reference, c.other))
    rows, items = _rows(c, uid)
    relations = Counter(link.relation for link in c.links)
    template = _env().get_template("fragment.html.j2" if fragment else "page.html.j2")
    context = dict(
        uid=uid,
        view="pairwise",
        text_dir=text_direction(c.options.language),
        title=f"{c.reference.label} vs {c.other.label}",
        summary=comparison_points(c),
        docs=[
            {"role": role, "doc": d, "count": len(d.sentences), "file": _file_name(d.source)}
            for role, d in (("Reference", c.reference), ("Other", c.other))
        ],
        provenance=provenance((c.reference, c.other)),
        ref=c.reference,
        other=c.other,
        **_on_demand(rows, items, text_dir=text_direction(c.options.language)),
        types=_types(c),
        all_styles=[
            (_type_class(t), *_style(t)) for t in [*TYPE_STYLES, *(x.name for x in _types(c))]
        ],
        other_colour=_OTHER_STYLE[1],
        relations=[(r, _RELATION_SYMBOLS[r], relations[r]) for r in RELATIONS],
        links=len(c.links),
        added=len(c.added),
        omitted=len(c.omitted),
    )
    return _page(template, context)


# -- collation: the claims x sources matrix --------------------------------------------------------


@attrs.frozen
class MatrixMark:
    """One cell of the matrix: whether a source carries a claim, as a symbol with a tooltip."""

    __repr__ = record_repr

    kind: str
    """``carried``, ``partial`` or ``absent``."""
    symbol: str
    title: str


@attrs.frozen
class Member:
    """One source's wording of a claim: the representative's as it is, the others' diffed."""

    __repr__ = record_repr

    label: str
    relation: str
    """The relation to the representative, or empty for the representative itself."""
    relation_symbol: str
    score: str
    cell: Cell
    badges: tuple[Badge, ...]


@attrs.frozen
class MatrixRow:
    """One claim: its marks per source, its wording and, when shared, every member's wording."""

    __repr__ = record_repr

    id: str
    claim: str
    text: str
    sources: int
    marks: tuple[MatrixMark, ...]
    members: tuple[Member, ...]
    """Empty for a claim of one source (nothing to expand)."""
    alike: bool
    """Shared, every member ``same`` or ``reworded`` and no finding but ``reworded``: the
    sources word it alike, and "only differences" hides it."""
    types: str
    """Space-separated CSS classes of the finding types on this row (for the filter)."""
    open: bool
    """Whether the row starts expanded."""
    tags: str = ""
    """Space-separated filter tags: ``all`` (shared by all), ``unique-K``, ``missing-K`` (K:
    the source's position), from the model's coverage."""


def _inline_cell(numbers: str, link: Link) -> Cell:
    """A member's wording as one cell: kept words, the representative's deleted, its inserted."""
    ops = {"equal": "eq", "delete": "del", "insert": "ins"}
    return Cell(numbers, _cut(_spaces_out([(ops[d.op], d.text) for d in link.diff]), ()))


def _claim_tags(c: Collation) -> dict[str, list[str]]:
    """Claim id to its filter tags, read off the model's coverage of each source."""
    tags: dict[str, list[str]] = {}
    for claim in c.claims:
        if claim.sources == len(c.documents):
            tags.setdefault(claim.id, []).append("all")
    for k, d in enumerate(c.documents):
        for claim_id in c.coverage[d.id].unique:
            tags.setdefault(claim_id, []).append(f"unique-{k}")
        for claim_id in c.coverage[d.id].missing:
            tags.setdefault(claim_id, []).append(f"missing-{k}")
    return tags


def _matrix_rows(c: Collation, uid: str) -> tuple[list[MatrixRow], list[Item]]:
    """Lay the claims out as matrix rows and collect their findings for the panel."""
    labels = {d.id: d.label for d in c.documents}
    tags = _claim_tags(c)
    rows: list[MatrixRow] = []
    items: list[Item] = []
    n = 0
    for claim in c.claims:
        rid = f"{uid}-{claim.id}"
        marks = []
        for d in c.documents:
            status = claim.status(d.id)
            near = claim.closest.get(d.id)
            where = (
                f"{d.label} {numbers(claim.members[d.id])}"
                if d.id in claim.members
                else f"not in {d.label}"
                + (f" · {near.describe(d.label)}: {d.sentences[near.index].text}" if near else "")
            )
            marks.append(MatrixMark(status, MARKS[status], f"{claim.id}: {where}"))
        members: list[Member] = []
        if claim.sources > 1:
            rep = claim.representative
            members.append(
                Member(
                    labels[rep], "", "", "",
                    Cell(numbers(claim.members[rep]), (Piece("eq", claim.text),)), (),
                )
            )  # fmt: skip
            for doc_id, link in claim.variants.items():
                badges = []
                for f in claim.findings.get(doc_id, ()):
                    n += 1
                    symbol, _ = _style(f.type)
                    badge = Badge(f"{uid}-f{n}", f.type, _type_class(f.type), symbol, f.detail)
                    badges.append(badge)
                    items.append(Item(badge, rid, f"{claim.id} · {labels[doc_id]}"))
                members.append(
                    Member(
                        labels[doc_id], link.relation,
                        _RELATION_SYMBOLS.get(link.relation, "•"), f"{link.score:.2f}",
                        _inline_cell(numbers(link.other), link), tuple(badges),
                    )
                )  # fmt: skip
        types = " ".join(dict.fromkeys(b.cls for mb in members for b in mb.badges))
        rows.append(
            MatrixRow(
                rid, claim.id, claim.text, claim.sources, tuple(marks), tuple(members),
                claim.sources == len(c.documents)
                and all(v.relation in _ALIKE for v in claim.variants.values())
                and all(f.type in _ALIKE for fs in claim.findings.values() for f in fs),
                types, open=False, tags=" ".join(tags.get(claim.id, ())),
            )
        )  # fmt: skip
    return rows, items


_BAR = 70.0
"""Width, in percent of the chart, of a bar counting every claim (the rest holds its label)."""


def _shares(cover: Coverage, total: int) -> dict[str, str]:
    """Bar widths of a source's carried, unique and missing claims, as percents of the chart."""
    counts = {"carried": cover.claims, "unique": cover.unique, "missing": cover.missing}
    return {k: f"{_BAR * len(v) / max(total, 1):.2f}" for k, v in counts.items()}


def _rename(context: dict[str, object], **names: str) -> dict[str, object]:
    """The template context with some keys renamed (``rows="claims"``: rows become claims)."""
    return {names.get(k, k): v for k, v in context.items()}


def _shows(c: Collation) -> list[tuple[str, str]]:
    """The collation's claim filter: (tag, label with the model's count) per choice."""
    n = len(c.documents)
    out = [("", f"all claims ({len(c.claims)})")]
    out.append(("all", f"shared by all {n} sources ({spread(c)[n]})"))
    for k, d in enumerate(c.documents):
        out.append((f"unique-{k}", f"unique to {d.label} ({len(c.coverage[d.id].unique)})"))
    for k, d in enumerate(c.documents):
        out.append((f"missing-{k}", f"missing from {d.label} ({len(c.coverage[d.id].missing)})"))
    return out


def _collation_types(c: Collation) -> list[TypeEntry]:
    """The finding types of every claim's members, contract order first, with their counts."""
    counts = Counter(f.type for claim in c.claims for fs in claim.findings.values() for f in fs)
    return [TypeEntry(t, _type_class(t), *_style(t), counts[t]) for t in type_order(counts)]


@paused
def render_collation_html(c: Collation, *, fragment: bool = False) -> str:
    """Render a collation as one self-contained HTML page (or a fragment for notebooks).

    The main view is the claims x sources matrix (template ``_matrix.html.j2``); header, legend,
    filter and findings panel are the pairwise report's.
    """
    uid = report_id("col", c.documents)
    rows, items = _matrix_rows(c, uid)
    types = _collation_types(c)
    n = len(c.documents)
    by = spread(c)
    counts = [(len(c.claims), "claim" if len(c.claims) == 1 else "claims")]
    counts += [(by[k], f"in {'all ' if k == n else ''}{k} sources") for k in range(n, 1, -1)]
    counts += [(by[1], "in one source only")]
    pairs = []
    for pair in c.pairs:
        rel = Counter(link.relation for link in pair.links)
        pairs.append(
            {
                "label": pair.other.label, "links": len(pair.links),
                "relations": [rel[r] for r in RELATIONS],
                "added": len(pair.added), "omitted": len(pair.omitted),
            }
        )  # fmt: skip
    template = _env().get_template("fragment.html.j2" if fragment else "page.html.j2")
    context = dict(
        uid=uid,
        view="matrix",
        text_dir=text_direction(c.options.language),
        title="Collation: " + ", ".join(d.label for d in c.documents),
        summary=collation_points(c),
        docs=[
            {
                "role": f"Source {k + 1}" + (" (reference)" if k == 0 else ""),
                "doc": d,
                "count": len(d.sentences),
                "file": _file_name(d.source),
            }
            for k, d in enumerate(c.documents)
        ],
        provenance=provenance(c.documents),
        counts=counts,
        coverage=[
            {
                "label": d.label,
                "claims": len(c.coverage[d.id].claims),
                "unique": len(c.coverage[d.id].unique),
                "missing": len(c.coverage[d.id].missing),
                "missing_ids": " ".join(c.coverage[d.id].missing),
                "share": _shares(c.coverage[d.id], len(c.claims)),
            }
            for d in c.documents
        ],
        claims_total=len(c.claims),
        **_rename(
            _on_demand(rows, items, len(c.documents), text_dir=text_direction(c.options.language)),
            rows="claims",
        ),
        types=types,
        shows=_shows(c),
        all_styles=[(_type_class(t), *_style(t)) for t in [*TYPE_STYLES, *(x.name for x in types)]],
        marks=MARKS,
        relation_names=[(r, _RELATION_SYMBOLS[r]) for r in RELATIONS],
        pairs=pairs,
    )
    return _page(template, context)
