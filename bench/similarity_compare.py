"""The "done before?" index against rapidfuzz, pg_trgm+unaccent and SQLite FTS5: one table.

Run: .venv/bin/python bench/similarity_compare.py [--entries 100000] [--queries 500]
     [--only memory,rf-scan,...] [--pg postgresql://postgres@127.0.0.1:5432/test]

For each candidate (bench/similarity_candidates.py): its threshold is calibrated on the
development half of tests/data/similar for the same false-alarm budget as the product
(10 % of new entries unlike every earlier one shown anything), then recall@1, recall@3 and
the false alarms are measured on the held-out half. Then each is built over the same
synthetic entries (bench/similarity_corpus.py) and timed with the same queries,
interleaved (query i runs on every candidate, in an order that rotates), so the noise
of a shared machine falls on all of them alike. Last, two replicas: an entry written
through one handle and looked up at once through another.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import psycopg  # noqa: E402
from similarity_candidates import (  # noqa: E402
    SCORERS,
    Fts5,
    Hit,
    Memory,
    RapidfuzzRerank,
    RapidfuzzScan,
    Trigram,
    rss,
)
from similarity_corpus import corpus, queries  # noqa: E402
from similarity_eval import HALVES, Figures, Half, evaluate, load, threshold_for  # noqa: E402

NAMES = ("memory", "rf-scan", "rf-rerank", "trgm", "trgm-key", "fts5", "fts5-key")
BUDGET = 0.10
PG_DB = "sangkien_bench_compare"


@dataclass
class Result:
    name: str
    detail: str = ""
    threshold: float = 0.0
    held_out: Figures | None = None
    haystack: Figures | None = None
    build_s: float = 0.0
    held: int = 0
    wall: list[float] = field(default_factory=list)
    replicas: str = ""


class Floored:
    """A candidate queried with its calibrated floor, as the product would (index shapes)."""

    def __init__(self, inner: Any, floor: float) -> None:
        self.inner, self.floor = inner, floor

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        self.inner.add(entry_id, text, meta)

    def query(self, text: str, k: int = 3, exclude: Iterable[str] = (), *,
              min_score: float | None = None) -> Sequence[Hit]:
        return self.inner.query(text, k=k, exclude=exclude, min_score=self.floor)


def pg_url(admin: str) -> str:
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", (PG_DB,)).fetchone():
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
    return admin.rsplit("/", 1)[0] + "/" + PG_DB


def factories(names: Sequence[str], url: str, tmp: Path) -> dict[str, Callable[..., Any]]:
    made: dict[str, Callable[..., Any]] = {
        "memory": lambda **_: Memory(),
        "rf-scan": lambda scorer="token_set_ratio", **_: RapidfuzzScan(scorer),
        "rf-rerank": lambda scorer="token_set_ratio", **_: RapidfuzzRerank(scorer),
        "trgm": lambda **_: Trigram(url),
        "trgm-key": lambda **_: Trigram(url, key=True),
        "fts5": lambda **_: Fts5(tmp / "fts5.db"),
        "fts5-key": lambda **_: Fts5(tmp / "fts5-key.db", key=True),
    }
    return {name: made[name] for name in names}


def calibrated(name: str, make: Callable[..., Any], halves: Mapping[str, Half]) -> Result:
    """The candidate's threshold from the dev half; rapidfuzz's scorer is chosen there too."""
    options = SCORERS if name.startswith("rf-") else {"": None}
    best: tuple[tuple[float, float], str, Figures] | None = None
    opened: list[Any] = []

    def fresh(scorer: str) -> Any:
        opened.append(make(scorer=scorer) if scorer else make())
        return opened[-1]

    for scorer in options:
        dev = evaluate(lambda s=scorer: fresh(s), halves, "dev", 0.0)
        rank = (dev.recall_at_3, dev.recall_at_1)
        if best is None or rank > best[0]:
            best = (rank, scorer, dev)
    assert best is not None
    _rank, scorer, dev = best
    threshold = threshold_for(dev.negative_scores, BUDGET)
    held_out = evaluate(lambda: fresh(scorer), halves, "held-out", threshold)
    for candidate in opened:
        candidate.close()
    return Result(name, scorer, threshold, held_out)


def build_all(results: dict[str, Result], makers: dict[str, Callable[..., Any]],
              size: int) -> dict[str, Any]:
    rows = list(corpus(size))
    built: dict[str, Any] = {}
    for name, result in results.items():
        make = lambda r=result, m=makers[name]: m(scorer=r.detail) if r.detail else m()  # noqa: E731
        candidate = make()
        before = rss()
        started = time.perf_counter()
        candidate.add_many(rows)
        result.build_s = time.perf_counter() - started
        stored = candidate.size()
        # The database's own size, or how much this process grew (tracemalloc would slow
        # the Python candidates' build several times over).
        result.held = stored if stored is not None else max(rss() - before, 0)
        built[name] = candidate
        print(f"  built {name}: {result.build_s:.1f} s, {result.held / 2**20:.0f} MiB", flush=True)
    return built


def time_interleaved(built: dict[str, Any], results: dict[str, Result], texts: list[str],
                     budget_s: float) -> None:
    """Query i on every candidate, the order rotating; one spending `budget_s` stops early."""
    names = list(built)
    for name in names:  # warm-up: caches, norm epochs, first plan
        built[name].query(texts[0], k=3, min_score=results[name].threshold)
    for number, text in enumerate(texts):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            result = results[name]
            if sum(result.wall) > budget_s * 1000:
                continue
            started = time.perf_counter()
            built[name].query(text, k=3, min_score=result.threshold)
            result.wall.append((time.perf_counter() - started) * 1000)


def among_entries(candidate: Any, result: Result, halves: Mapping[str, Half],
                  budget_s: float) -> None:
    """The held-out half among the synthetic entries, at the candidate's threshold.

    Skipped when one probe query says the ~330 queries would take longer than `budget_s`.
    """
    started = time.perf_counter()
    candidate.query(halves[HALVES[1]].pairs[0].new, k=3, min_score=result.threshold)
    probe = time.perf_counter() - started
    queries_needed = sum(len(h.pairs) for h in halves.values()) // 2 + 300
    if probe * queries_needed > budget_s:
        print(f"  {result.name}: {probe:.1f} s a query, held-out among entries skipped",
              flush=True)
        return
    result.haystack = evaluate(lambda: Floored(candidate, result.threshold), halves,
                               HALVES[1], result.threshold)


def replica_check(name: str, url: str, tmp: Path) -> str:
    """Does a second handle find an entry written through the first a moment ago?"""
    text = "Dán mã QR tra cứu thủ tục hành chính tại bộ phận một cửa của xã Bình Sơn Tây"
    if name == "memory":
        from similarity_replicas import service_pair_finds

        return service_pair_finds(url.replace("postgresql://", "postgresql+psycopg://", 1), text)
    if name.startswith("rf-"):
        return "as memory: each process holds its own copy"
    if name.startswith("trgm"):
        first, second = Trigram(url, key=name.endswith("key"), table="cmp_rep"), None
        try:
            first.add("A-1", text)
            second = psycopg.connect(url, autocommit=True)
            found = second.execute(
                f"SELECT id FROM {first.table} ORDER BY similarity(doc, unaccent(lower(%s))) "
                "DESC LIMIT 1", (text,)).fetchone()
            return "yes (one table)" if found and found[0] == "A-1" else "no"
        finally:
            first.close()
            if second is not None:
                second.close()
    first_fts = Fts5(tmp / "replica.db")
    try:
        first_fts.add("A-1", text)
        second_fts = Fts5(tmp / "replica.db", create=False)
        hits = second_fts.query(text, k=1)
        second_fts.close(remove=False)
        ok = bool(hits) and hits[0].entry_id == "A-1"
        return "one host only (SQLite file)" if ok else "no"
    finally:
        first_fts.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def table(results: Iterable[Result], size: int) -> str:
    head = (
        f"| candidate | threshold | held-out r@1 | r@3 | false alarms distr. / unrel. | "
        f"among {size:,}: shown@3 / alarms | p50 / p99 ms | build s | memory MiB | "
        "queries timed | replica B sees A's entry at once |"
    )
    lines = [head, "|" + "---|" * 11]
    for r in results:
        h, hay = r.held_out, r.haystack
        assert h is not None
        among = (f"{hay.shown_recall:.3f} / {hay.distractor_alarms:.3f}, "
                 f"{hay.unrelated_alarms:.3f}") if hay else "-"
        timing = (f"{statistics.median(r.wall):.1f} / {percentile(r.wall, 0.99):.1f}"
                  if r.wall else "-")
        name = f"{r.name} ({r.detail})" if r.detail else r.name
        lines.append(
            f"| {name} | {r.threshold:g} | {h.recall_at_1:.3f} | {h.recall_at_3:.3f} | "
            f"{h.distractor_alarms:.3f} / {h.unrelated_alarms:.3f} | {among} | {timing} | "
            f"{r.build_s:.1f} | {r.held / 2**20:.0f} | {len(r.wall)} | {r.replicas} |"
        )
    return "\n".join(lines)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--budget", type=float, default=90.0,
                        help="seconds of queries per candidate and measure (slow ones stop)")
    parser.add_argument("--only", default=",".join(NAMES), help="comma-separated candidates")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test",
                        help="an admin URL; the bench makes and drops its own database")
    return parser.parse_args()


def main() -> None:
    args = parse()
    names = [name for name in args.only.split(",") if name]
    url = pg_url(args.pg)
    halves = load()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        makers = factories(names, url, tmp)
        print(f"calibrating on the dev half (budget {BUDGET:.0%}), measuring on {HALVES[1]}",
              flush=True)
        results = {}
        for name in names:
            results[name] = result = calibrated(name, makers[name], halves)
            assert result.held_out is not None
            print(f"  {name} {result.detail} threshold {result.threshold:g}: "
                  f"{result.held_out.line()}", flush=True)
        print(f"building over {args.entries:,} synthetic entries", flush=True)
        built = build_all(results, makers, args.entries)
        for name, candidate in built.items():
            among_entries(candidate, results[name], halves, args.budget)
        print(f"timing {args.queries} queries, interleaved across candidates", flush=True)
        time_interleaved(built, results, queries(args.queries), args.budget)
        for name, candidate in built.items():
            candidate.close()
            results[name].replicas = replica_check(name, url, tmp)
    print()
    print(table(results.values(), args.entries))
    if "memory" in results:
        from similarity_replicas import catch_up_cost

        pg = url.replace("postgresql://", "postgresql+psycopg://", 1)
        cost, floor = catch_up_cost(pg, entries=args.entries, calls=200)
        print(f"\nmemory: the check before each lookup (PostgreSQL, {args.entries:,} entries, "
              f"nothing changed): p50 {statistics.median(cost):.2f} ms, "
              f"p99 {percentile(cost, 0.99):.2f} ms; a bare SELECT 1 in a session, "
              f"interleaved: p50 {statistics.median(floor):.2f} ms, "
              f"p99 {percentile(floor, 0.99):.2f} ms")


if __name__ == "__main__":
    main()
