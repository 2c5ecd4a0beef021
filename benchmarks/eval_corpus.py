"""Event recovery and scale of ``compare.corpus.group`` (issue 13).

Run from the project root::

    .venv/bin/python benchmarks/eval_corpus.py --sizes          # recovery only (a table)
    .venv/bin/python benchmarks/eval_corpus.py                  # recovery + scale at 10^3, 10^4
    .venv/bin/python benchmarks/eval_corpus.py --data PATH      # a folder holding BASIL's all.jsonl
    .venv/bin/python benchmarks/eval_corpus.py --sizes 1000     # scale at these sizes only
    .venv/bin/python benchmarks/eval_corpus.py --json           # the figures as JSON
    .venv/bin/python benchmarks/eval_corpus.py --errors dev     # the dev half's errors, one by one

Prints figures and article ids only, never BASIL's text (research data under the outlets'
copyright).

**Recovery.** BASIL's 300 articles (100 events x Fox News, New York Times, HuffPost; each article
its title and sentences) are shuffled together without their event and grouped; the events found
are scored against the true ones by the adjusted Rand index (Hubert and Arabie) and B-cubed F1
(Bagga and Baldwin: per-article precision and recall of its cluster, averaged). Then again with
``--distractors`` times as many distractor articles added (default 10, so 3,000), each a *digest*:
``--digest`` sentences (default 6), one each from that many different events, in random order, a
random outlet and date. A digest shares a sentence, so a shingle run, with several events: it is
what makes connected components chain events together. Each digest's true event is itself alone;
ARI and B-cubed are reported over all articles and over BASIL's own articles only (did digests
merge or split true events?). Digests are adversarial (every BASIL sentence repeated in about
seven of them). The *realistic* distractors (run ``renamed``, also ``--distractors`` times as
many, from their own generator ``random.Random(SEED + 1)``) are what a feed holds besides an
event: other stories of the same kind. Each is a copy of a random BASIL article of the part
with every capitalised word that does not begin its sentence (or the title) renamed to a
made-up word of two or three consonant-vowel syllables (one per distinct word within the
copy: a name is renamed the same way each time), and its date shifted by 30 to 3,650 days,
earlier or later at random; its outlet stays. Each is its own true event. (Copies of one
article may land within a week of each other: they then read as one story, which counts
against the all-articles figures, not BASIL's own.) Runs: ``any_date``, ``window`` (the
default week), ``digests`` and ``renamed`` (with the window), ``digests_any_date``.

**Dev and held-out halves.** Rules and thresholds are chosen on a *dev* half of BASIL's events
and checked on the other, *held-out*, half: the dev half is the 50 events (numbered by their line
in all.jsonl, from 0) ``random.Random(SPLIT_SEED).sample(range(100), 50)`` with ``SPLIT_SEED`` =
2026, the held-out half the other 50. Each half is its own corpus (its 150 articles, and its own
distractors made from its own articles), so the held-out articles are never seen while errors
are inspected; ``all`` is the whole 300 (the figure the target is about: twice the events, so
twice the related stories to confuse). ``--errors PART`` prints, for that part's runs, every
merged event (which true events, and each edge joining two of them: shingle containment or
cosine, its values, each article's true rank of the other among its candidates, the dates), every
split one (each pair of its articles with the reason it got no edge), and for the digest run how
many true events each digest has an edge to.

**Scale.** Synthetic corpora of 10^3 and 10^4 articles built from BASIL: synthetic event ``k``
takes BASIL event ``k mod 100``'s three articles with half its distinct words (chosen at random
per synthetic event, the same in its three articles) renamed to event-specific made-up words, so
copies of one BASIL event in different synthetic events share only half their words (and about
3 % of their 5-word shingles) while the articles of one synthetic event share what the outlets
did; each article then keeps each sentence with probability 0.8 and each word with probability
0.95 (else a made-up word). Reported per size: seconds and peak memory (``ru_maxrss`` of a fresh
child process) of grouping (reading is from memory), candidate pairs and event edges, the growth
exponent ``log(t2/t1) / log(n2/n1)`` between sizes, and, up to ``--collate-upto`` articles
(default 1,000), the seconds of collating every event in a pool of 2 workers.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "basil"
SEED = 13
SPLIT_SEED = 2026
"""Seed of the dev / held-out split of BASIL's events (module docstring)."""
PARTS = ("dev", "held_out", "all")


class DataMissing(Exception):
    """The BASIL folder or its all.jsonl is not where it was said to be."""


def read_events(folder: Path) -> list[dict[str, Any]]:
    """BASIL's events, one per line of all.jsonl."""
    path = folder / "all.jsonl"
    if not path.is_file():
        raise DataMissing(f"no BASIL data at {path}: pass --data (see ../shared/eval/README.md)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def basil_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One JSONL-like row per BASIL article: id, text (title and sentences), outlet, date, truth."""
    rows = []
    for k, ev in enumerate(events):
        for doc in ev["docs"]:
            sentences = [s.strip() for s in doc["sentences"] if s.strip()]
            rows.append(
                {
                    "id": f"e{k}-{doc['outlet']}",
                    "text": doc.get("title", "") + "\n\n" + " ".join(sentences),
                    "outlet": doc["outlet"],
                    "date": doc.get("date"),
                    "truth": str(k),
                    "sentences": sentences,
                }
            )
    return rows


def digests(
    rows: list[dict[str, Any]], count: int, size: int, rng: random.Random
) -> list[dict[str, Any]]:
    """``count`` digest articles: ``size`` sentences, each from a different true event."""
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_event.setdefault(row["truth"], []).append(row)
    keys = sorted(by_event)
    out = []
    for n in range(count):
        picked = [rng.choice(by_event[e]) for e in rng.sample(keys, size)]
        text = " ".join(rng.choice(r["sentences"]) for r in picked)
        src = rng.choice(rows)
        out.append(
            {"id": f"digest-{n}", "text": text, "outlet": src["outlet"], "date": src["date"],
             "truth": f"digest-{n}", "sentences": []}
        )  # fmt: skip
    return out


def renamed(rows: list[dict[str, Any]], count: int, rng: random.Random) -> list[dict[str, Any]]:
    """``count`` realistic distractors: each a copy of a random article of ``rows`` with its names
    renamed and its date shifted far (module docstring)."""
    out = []
    for n in range(count):
        src = rng.choice(rows)
        names: dict[str, str] = {}

        def rename(sentence: str, names: dict[str, str] = names) -> str:
            words = sentence.split(" ")
            for k, word in enumerate(words):
                core = _NAME.match(word)
                if k and core:  # a capitalised word that does not start its sentence
                    made = names.setdefault(core.group(), _made_up_name(rng))
                    words[k] = made + word[core.end() :]
            return " ".join(words)

        sentences = [rename(x) for x in src["sentences"]]
        title = rename(src["text"].split("\n\n", 1)[0])
        day = datetime.date.fromisoformat(src["date"][:10]).toordinal()
        shift = rng.choice((-1, 1)) * rng.randint(30, 3650)
        out.append(
            {"id": f"renamed-{n}", "text": title + "\n\n" + " ".join(sentences),
             "outlet": src["outlet"], "date": datetime.date.fromordinal(day + shift).isoformat(),
             "truth": f"renamed-{n}", "sentences": sentences}
        )  # fmt: skip
    return out


_NAME = re.compile(r"[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*")
"""A capitalised word's letters (what :func:`renamed` replaces; trailing punctuation stays)."""


def _made_up_name(rng: random.Random) -> str:
    """A capitalised made-up word of two to three syllables."""
    syllables = [
        rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 3))
    ]
    return "".join(syllables).capitalize()


def ari(truth: Sequence[str], found: Sequence[str]) -> float:
    """Adjusted Rand index of two labellings of the same items."""

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    both = sum(pairs(c) for c in Counter(zip(truth, found, strict=True)).values())
    a = sum(pairs(c) for c in Counter(truth).values())
    b = sum(pairs(c) for c in Counter(found).values())
    expected = a * b / pairs(len(truth)) if len(truth) > 1 else 0.0
    top = (a + b) / 2
    return 1.0 if top == expected else (both - expected) / (top - expected)


def bcubed(truth: Sequence[str], found: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1."""
    cell = Counter(zip(truth, found, strict=True))
    t, f = Counter(truth), Counter(found)
    p = sum(cell[(x, y)] / f[y] for x, y in zip(truth, found, strict=True)) / len(truth)
    r = sum(cell[(x, y)] / t[x] for x, y in zip(truth, found, strict=True)) / len(truth)
    return p, r, 2 * p * r / (p + r)


def recover(
    rows: list[dict[str, Any]], only: set[str] | None = None, window: int | None = None
) -> dict[str, Any]:
    """Group the rows (without their truth) with a ``window``-day date window; score them."""
    from compare.corpus import Article, Blocking, group

    arts = [Article(id=r["id"], text=r["text"], outlet=r["outlet"], date=r["date"]) for r in rows]
    t0 = time.perf_counter()
    corpus = group(arts, blocking=Blocking(date_window=window))
    seconds = time.perf_counter() - t0
    truth = [r["truth"] for r in rows]
    found = [corpus.event_of[r["id"]] for r in rows]
    out: dict[str, Any] = {"articles": len(rows), "date_window": window}
    out["seconds"] = round(seconds, 2)
    out["ari"] = round(ari(truth, found), 4)
    out["bcubed_p"], out["bcubed_r"], out["bcubed_f1"] = (round(x, 4) for x in bcubed(truth, found))
    if only is not None:
        keep = [k for k, r in enumerate(rows) if r["id"] in only]
        t2, f2 = [truth[k] for k in keep], [found[k] for k in keep]
        out["basil_only"] = {"ari": round(ari(t2, f2), 4), "bcubed_f1": round(bcubed(t2, f2)[2], 4)}
    out["events_found"] = len(set(found))
    out["true_events"] = len(set(truth))
    out["stats"] = dict(corpus.stats)
    return out


def split_events(count: int = 100) -> dict[str, set[str]]:
    """The true events (``truth`` labels) of each part: dev, held-out and all (module docstring)."""
    dev = {str(k) for k in random.Random(SPLIT_SEED).sample(range(count), count // 2)}
    every = {str(k) for k in range(count)}
    return {"dev": dev, "held_out": every - dev, "all": every}


def part_runs(
    rows: list[dict[str, Any]], distractors: int, digest: int, window: int
) -> dict[str, tuple[list[dict[str, Any]], int | None]]:
    """The recovery runs of one part's rows: each run's articles (shuffled) and date window."""
    rng = random.Random(SEED)
    shuffled = rows[:]
    rng.shuffle(shuffled)
    mixed = shuffled + digests(rows, distractors * len(rows), digest, rng)
    rng.shuffle(mixed)
    other = random.Random(SEED + 1)  # its own generator: the runs above stay as they were
    realistic = shuffled + renamed(rows, distractors * len(rows), other)
    other.shuffle(realistic)
    return {
        "any_date": (shuffled, None), "window": (shuffled, window), "digests": (mixed, window),
        "digests_any_date": (mixed, None), "renamed": (realistic, window),
    }  # fmt: skip


def recovery(
    rows: list[dict[str, Any]], distractors: int, digest: int, window: int
) -> dict[str, dict[str, Any]]:
    """Each part's figures for each run (:func:`part_runs`), scored on BASIL's own articles too."""
    parts = split_events(len({r["truth"] for r in rows}))
    out: dict[str, dict[str, Any]] = {}
    for part, truths in parts.items():
        mine = [r for r in rows if r["truth"] in truths]
        ids = {r["id"] for r in mine}
        out[part] = {
            run: recover(arts, only=ids if len(arts) > len(ids) else None, window=w)
            for run, (arts, w) in part_runs(mine, distractors, digest, window).items()
        }
    return out


def explain(rows: list[dict[str, Any]], window: int | None) -> dict[str, Any]:
    """The errors of grouping ``rows`` one by one (module docstring): merged and split events,
    what joined or failed to join them, and the digests' edges. Ids and numbers only."""
    from compare.corpus import Article
    from compare.corpus.blocking import Blocking, article_record, candidates, components

    rules = Blocking(date_window=window)
    arts = [Article(id=r["id"], text=r["text"], outlet=r["outlet"], date=r["date"]) for r in rows]
    cands = candidates(arts, rules)
    labels = components(len(arts), cands, rules.structure).tolist()
    size = [len(article_record(r["text"], rules.shingle).distinct) for r in rows]
    truth = [r["truth"] for r in rows]
    ids = [r["id"] for r in rows]
    digest = [r["truth"] == r["id"] for r in rows]  # a distractor: a digest or a renamed copy
    near: dict[int, list[tuple[float, int]]] = {}
    pair: dict[tuple[int, int], tuple[int, float, bool]] = {}
    for a, b, shared, cos, edge in zip(
        cands.a.tolist(), cands.b.tolist(), cands.shared.tolist(), cands.cosine.tolist(),
        cands.event_edge.tolist(), strict=True,
    ):  # fmt: skip
        near.setdefault(a, []).append((cos, b))
        near.setdefault(b, []).append((cos, a))
        pair[(a, b)] = (shared, cos, edge)
    for others in near.values():
        others.sort(reverse=True)

    def rank(k: int, other: int) -> int:
        return [o for _, o in near[k]].index(other)

    def kind(a: int, b: int, shared: int) -> str:
        contained = shared >= rules.min_shared and shared >= rules.containment * min(
            size[a], size[b]
        )
        return "containment" if contained else "cosine"

    def describe(a: int, b: int) -> dict[str, Any]:
        shared, cos, edge = pair[(a, b)]
        return {
            "a": ids[a], "b": ids[b], "edge": edge, "by": kind(a, b, shared) if edge else None,
            "shared": shared, "containment": round(shared / max(min(size[a], size[b]), 1), 3),
            "cosine": round(cos, 3), "ranks": [rank(a, b), rank(b, a)],
            "best": [round(near[a][0][0], 3), round(near[b][0][0], 3)],
            "dates": [rows[a]["date"], rows[b]["date"]],
        }  # fmt: skip

    clusters: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        clusters.setdefault(label, []).append(k)
    merged = []
    for members in clusters.values():
        events = Counter(truth[k] for k in members if not digest[k])
        if len(events) < 2:
            continue
        inside = set(members)
        wrong = [
            describe(a, b) for (a, b), (_, _, edge) in sorted(pair.items())
            if edge and a in inside and truth[a] != truth[b]
        ]  # fmt: skip
        merged.append(
            {"events": dict(events), "distractors": sum(digest[k] for k in members), "edges": wrong}
        )
    split = []
    reasons: Counter[str] = Counter()
    by_event: dict[str, list[int]] = {}
    for k in range(len(rows)):
        if not digest[k]:
            by_event.setdefault(truth[k], []).append(k)
    for event, members in sorted(by_event.items(), key=lambda item: int(item[0])):
        pairs = []
        for a, b in itertools.combinations(sorted(members), 2):
            why = _reason(a, b, pair, labels, near, digest, rules, rank)
            reasons[why] += 1
            pairs.append({**(describe(a, b) if (a, b) in pair else {"a": ids[a], "b": ids[b]}),
                          "reason": why})  # fmt: skip
        if len({labels[k] for k in members}) > 1:
            split.append({"event": event, "clusters": [labels[k] for k in members], "pairs": pairs})
    touched: Counter[int] = Counter()
    for k in range(len(rows)):
        if digest[k]:
            events = {
                truth[o] for _, o in near.get(k, [])
                if not digest[o] and pair[(min(k, o), max(k, o))][2]
            }  # fmt: skip
            touched[len(events)] += 1
    digest_edges = sum(
        1 for (a, b), (_, _, edge) in pair.items() if edge and digest[a] and digest[b]
    )
    return {
        "merged": merged, "split": split, "pair_reasons": dict(reasons),
        "distractors_by_events_touched": dict(sorted(touched.items())),
        "distractor_edges": digest_edges,
    }  # fmt: skip


def _reason(
    a: int,
    b: int,
    pair: dict[tuple[int, int], tuple[int, float, bool]],
    labels: list[int],
    near: dict[int, list[tuple[float, int]]],
    digest: list[bool],
    rules: Any,
    rank: Any,
) -> str:
    """Why two articles of one true event are, or are not, joined by an edge."""
    if (a, b) not in pair:
        few = f"< {rules.min_shared} shared shingles"
        return f"no candidate ({few}, cosine < {rules.cosine}; or dates apart)"
    _, cos, edge = pair[(a, b)]
    if edge:
        return "edge"
    if labels[a] == labels[b]:
        return "no edge (or cut by structure), same event through others"
    if cos < rules.cosine:
        return f"cosine < {rules.cosine}, containment < {rules.containment}"
    ra, rb = rank(a, b), rank(b, a)
    if max(ra, rb) >= rules.neighbours:
        above = [o for _, o in near[a][:ra]] + [o for _, o in near[b][:rb]]
        return f"not mutual top-{rules.neighbours}: outranked by " + (
            "a distractor" if any(digest[o] for o in above) else "an article of another event"
        )
    return f"cosine < {rules.relative} of either's best"


def synthetic(rows: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """``n`` synthetic articles from BASIL's (module docstring)."""
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_event.setdefault(row["truth"], []).append(row)
    keys = sorted(by_event, key=int)
    out = []
    renamed: dict[str, str] = {}
    for k in range(n):
        event = k // 3
        if k % 3 == 0:  # a new synthetic event: its own renaming of half the words
            renamed = {}
        src = by_event[keys[event % len(keys)]][k % 3]
        sentences = []
        for s in src["sentences"]:
            if rng.random() >= 0.8:
                continue
            words = []
            for w in s.split():
                if w not in renamed:
                    renamed[w] = w if rng.random() < 0.5 else f"{w}q{event}"
                words.append(renamed[w] if rng.random() > 0.05 else f"w{rng.randrange(10**6)}")
            sentences.append(" ".join(words))
        out.append(
            {"id": f"s{k}", "text": " ".join(sentences) or f"e{event}", "outlet": src["outlet"],
             "date": src["date"], "truth": str(event), "sentences": []}
        )  # fmt: skip
    return out


def _child(folder: Path, n: int, collate_upto: int) -> dict[str, Any]:
    """Time and peak memory of grouping ``n`` synthetic articles, in a fresh process."""
    command = [sys.executable, __file__, "--data", str(folder), "--child", str(n)]
    command += ["--collate-upto", str(collate_upto)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def child(folder: Path, n: int, collate_upto: int) -> dict[str, Any]:
    """In the fresh process: build the synthetic corpus, group it, report time and memory."""
    rows = basil_rows(read_events(folder))
    syn = synthetic(rows, n, random.Random(SEED))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = recover(syn)
    if n <= collate_upto:
        from compare.corpus import Article, collate_events, group

        corpus = group([Article(id=r["id"], text=r["text"], outlet=r["outlet"]) for r in syn])
        t0 = time.perf_counter()
        results = list(collate_events(corpus, workers=2))
        out["collate_seconds"] = round(time.perf_counter() - t0, 1)
        out["collated_events"] = sum(1 for _, r in results if not isinstance(r, str))
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out["before_grouping_mb"] = round(base / 1024, 1)
    return out


def table(figures: dict[str, Any]) -> str:
    """The recovery figures as a Markdown table, then the scale figures as JSON lines."""
    head = ("part", "run", "articles", "events found (true)", "ARI", "B3 P / R / F1", "BASIL's own")
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for part, runs in figures["recovery"].items():
        for run, f in runs.items():
            own = f.get("basil_only")
            lines.append(
                f"| {part} | {run} | {f['articles']} | {f['events_found']} ({f['true_events']}) "
                f"| {f['ari']:.3f} | {f['bcubed_p']:.3f} / {f['bcubed_r']:.3f} / "
                f"{f['bcubed_f1']:.3f} | "
                + (f"ARI {own['ari']:.3f}, F1 {own['bcubed_f1']:.3f} |" if own else "|")
            )
    lines += [json.dumps(size) for size in figures["scale"]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; print the figures."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--distractors", type=int, default=10, help="digests per BASIL article")
    p.add_argument("--digest", type=int, default=6, help="sentences (events) per digest")
    p.add_argument("--window", type=int, default=7, help="date window in days (second run)")
    p.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    p.add_argument("--collate-upto", type=int, default=1000, help="collate sizes up to this")
    p.add_argument("--json", action="store_true")
    p.add_argument("--errors", choices=PARTS, help="print this part's errors one by one")
    p.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.data, args.child, args.collate_upto)))
        return 0
    try:
        rows = basil_rows(read_events(args.data))
    except DataMissing as exc:
        print(f"eval_corpus: {exc}", file=sys.stderr)
        return 2
    if args.errors:
        truths = split_events(len({r["truth"] for r in rows}))[args.errors]
        mine = [r for r in rows if r["truth"] in truths]
        runs = part_runs(mine, args.distractors, args.digest, args.window)
        found = {run: explain(arts, window) for run, (arts, window) in runs.items()}
        print(json.dumps(found, indent=1))
        return 0
    figures: dict[str, Any] = {
        "recovery": recovery(rows, args.distractors, args.digest, args.window)
    }
    scale = [_child(args.data, n, args.collate_upto) for n in args.sizes]
    for prev, cur in itertools.pairwise(scale):
        cur["growth_exponent"] = round(
            math.log(cur["seconds"] / prev["seconds"])
            / math.log(cur["articles"] / prev["articles"]),
            2,
        )
    figures["scale"] = scale
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
