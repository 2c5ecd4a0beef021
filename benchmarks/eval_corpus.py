"""Event recovery and scale of ``compare.corpus.group`` (issue 13).

Run from the project root::

    .venv/bin/python benchmarks/eval_corpus.py                  # recovery + scale at 10^3, 10^4
    .venv/bin/python benchmarks/eval_corpus.py --data PATH      # a folder holding BASIL's all.jsonl
    .venv/bin/python benchmarks/eval_corpus.py --sizes 1000     # scale at these sizes only
    .venv/bin/python benchmarks/eval_corpus.py --json           # the figures as JSON

Prints figures only, never BASIL's text (research data under the outlets' copyright).

**Recovery.** BASIL's 300 articles (100 events x Fox News, New York Times, HuffPost; each article
its title and sentences) are shuffled together without their event and grouped; the events found
are scored against the true ones by the adjusted Rand index (Hubert and Arabie) and B-cubed F1
(Bagga and Baldwin: per-article precision and recall of its cluster, averaged). Then again with
``--distractors`` times as many distractor articles added (default 10, so 3,000), each a *digest*:
``--digest`` sentences (default 6), one each from that many different events, in random order, a
random outlet and date. A digest shares a sentence, so a shingle run, with several events: it is
what makes connected components chain events together. Each digest's true event is itself alone;
ARI and B-cubed are reported over all articles and over BASIL's 300 only (did digests merge true
events?).

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
import itertools
import json
import math
import random
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
    out["stats"] = dict(corpus.stats)
    return out


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
    rng = random.Random(SEED)
    shuffled = rows[:]
    rng.shuffle(shuffled)
    figures: dict[str, Any] = {"basil": recover(shuffled)}
    figures["basil_window"] = recover(shuffled, window=args.window)
    mixed = shuffled + digests(rows, args.distractors * len(rows), args.digest, rng)
    rng.shuffle(mixed)
    ids = {r["id"] for r in rows}
    figures["basil_with_digests"] = recover(mixed, only=ids, window=args.window)
    scale = [_child(args.data, n, args.collate_upto) for n in args.sizes]
    for prev, cur in itertools.pairwise(scale):
        cur["growth_exponent"] = round(
            math.log(cur["seconds"] / prev["seconds"])
            / math.log(cur["articles"] / prev["articles"]),
            2,
        )
    figures["scale"] = scale
    print(json.dumps(figures, indent=None if not args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
