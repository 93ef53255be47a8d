"""Benchmark of the "done before?" index: 100,000 entries, query median/p99, memory.

Run: .venv/bin/python bench/similarity.py [--entries N] [--queries Q] [--repeat R]
Quality on the evaluation set (both halves): bench/similarity.py --quality
Thresholds from a province's own data: bench/similarity.py --calibrate [--pairs FILE]
    [--distractors FILE] [--xlsx EARLIER.xlsx] [--budget 0.1] [--strong-budget 0.02]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from similarity_corpus import corpus, queries  # noqa: E402
from similarity_eval import (  # noqa: E402
    DATA,
    HALVES,
    Half,
    earlier_entries,
    evaluate,
    load,
    read_lines,
    read_pairs,
    threshold_for,
)

from bot.similar.index import SimilarityIndex  # noqa: E402
from tests.bot.similar.paraphrases import DISTRACTORS, NEW_IDEAS, PAIRS  # noqa: E402


def build(size: int) -> tuple[SimilarityIndex, float, int]:
    """The index over `size` synthetic entries, seconds to build, bytes it holds."""
    rows = list(corpus(size))
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    index = SimilarityIndex()
    index.add_many(rows)
    seconds = time.perf_counter() - started
    gc.collect()
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return index, seconds, held


def time_queries(index: SimilarityIndex, texts: list[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per query, after one warm-up query that starts the norm epoch.

    CPU time is reported too because on a shared machine wall time includes other
    processes' turns on the core.
    """
    index.query(texts[0])
    wall, cpu = [], []
    for text in texts:
        started, started_cpu = time.perf_counter(), time.thread_time()
        index.query(text, k=3)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return sorted(wall), sorted(cpu)


def summary(timings: list[float]) -> str:
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    median = statistics.median(timings)
    return f"median {median:.2f} ms  p99 {p99:.2f} ms  max {timings[-1]:.2f} ms"


def haystack_quality(index: SimilarityIndex) -> tuple[float, float]:
    """Recall@3 of the paraphrase pairs and the false-alarm rate, among the synthetic entries."""
    for number, (first, second) in enumerate(PAIRS):
        index.add(f"pair-{number}-0", first, {})
        index.add(f"pair-{number}-1", second, {})
    for number, text in enumerate(DISTRACTORS):
        index.add(f"distractor-{number}", text, {})
    found = 0
    for number, pair in enumerate(PAIRS):
        for side in (0, 1):
            own, other = f"pair-{number}-{side}", f"pair-{number}-{1 - side}"
            matches = index.query(pair[side], k=3, exclude={own}, min_score=0.0)
            found += other in {m.entry_id for m in matches}
    alarms = sum(1 for text in NEW_IDEAS if index.query(text, k=1))
    return found / (2 * len(PAIRS)), alarms / len(NEW_IDEAS)


def halves_from(args: argparse.Namespace) -> dict[str, Half]:
    """The built-in evaluation set, or the operator's own files split the same way."""
    halves = load()
    if not args.pairs and not args.distractors:
        return halves
    pairs = read_pairs(Path(args.pairs)) if args.pairs else None
    distractors = read_lines(Path(args.distractors)) if args.distractors else None
    return {
        name: Half(
            name,
            pairs[side::2] if pairs is not None else halves[name].pairs,
            distractors[side::2] if distractors is not None else halves[name].distractors,
            halves[name].unrelated,
        )
        for side, name in enumerate(HALVES)
    }


def factory_from(args: argparse.Namespace) -> Callable[[], SimilarityIndex]:
    """Fresh indexes holding the province's earlier entries (--xlsx) besides the set's own."""
    background: list[tuple[str, str]] = []
    if args.xlsx:
        from bot.similar.importer import read_xlsx
        from bot.similar.service import indexed_text

        result = read_xlsx(args.xlsx)
        background = [(row.code, indexed_text(row.title, row.content)) for row in result.rows]
        print(f"{len(background)} earlier entries from {args.xlsx}")

    def factory() -> SimilarityIndex:
        index = SimilarityIndex()
        for code, text in background:
            index.add(f"xlsx:{code}", text, {})
        return index

    return factory


def calibrate(args: argparse.Namespace) -> None:
    """Thresholds from the development half for the budgets; figures on both halves."""
    halves = halves_from(args)
    factory = factory_from(args)
    dev = evaluate(factory, halves, "dev", 0.0)
    shown = threshold_for(dev.negative_scores, args.budget)
    strong = max(threshold_for(dev.negative_scores, args.strong_budget), shown)
    print(f"data: {args.pairs or DATA}  earlier entries indexed: {len(earlier_entries(halves))}")
    print(f"budget: at most {args.budget:.0%} of new unrelated entries shown anything")
    for name in HALVES:
        print(f"{name:9s} {evaluate(factory, halves, name, shown).line()}")
    print(f"\n[similar]\nthreshold = {shown}\nstrong_threshold = {strong}")


def quality() -> None:
    halves = load()
    for name in HALVES:
        print(
            f"{name:9s} {evaluate(SimilarityIndex, halves, name, SimilarityIndex().threshold).line()}"
        )


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best is kept")
    parser.add_argument("--quality", action="store_true", help="figures on the evaluation set")
    parser.add_argument("--calibrate", action="store_true", help="thresholds for the budgets")
    parser.add_argument("--pairs", help="kind<TAB>earlier<TAB>new lines (tests/data/similar)")
    parser.add_argument("--distractors", help="one new entry a line, unlike every earlier one")
    parser.add_argument("--xlsx", help="the province's earlier entries, as sangkien import reads")
    parser.add_argument("--budget", type=float, default=0.10)
    parser.add_argument("--strong-budget", type=float, default=0.02)
    return parser.parse_args()


def main() -> None:
    args = parse()
    if args.calibrate:
        return calibrate(args)
    if args.quality:
        return quality()
    index, seconds, held = build(args.entries)
    stats = index.stats()
    print(
        f"entries: {stats['entries']:,}  terms: {stats['terms']:,}  postings: {stats['postings']:,}"
    )
    print(f"build: {seconds:.1f} s (under tracemalloc)  index memory: {held / 2**20:.1f} MiB")
    texts = queries(args.queries)
    runs = [time_queries(index, texts) for _ in range(args.repeat)]
    wall = min(runs, key=lambda run: run[0][int(len(run[0]) * 0.99)])[0]
    cpu = min(runs, key=lambda run: run[1][int(len(run[1]) * 0.99)])[1]
    print(f"query ({len(wall)} × title+solution, k=3), best of {args.repeat} runs by p99")
    print(f"  perf_counter:               {summary(wall)}")
    print(f"  CPU time of this thread:    {summary(cpu)}")
    halves = load()
    figures = evaluate(lambda: index, halves, "held-out", index.threshold)
    print(f"held-out half among {args.entries:,} entries: {figures.line()}")
    recall, alarms = haystack_quality(index)
    print(
        f"test set among {args.entries:,} entries: recall@3 {recall:.3f}  false alarms {alarms:.3f}"
    )


if __name__ == "__main__":
    main()
