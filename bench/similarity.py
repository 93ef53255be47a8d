"""Benchmark of the "done before?" index: 100,000 entries, query median/p99, memory.

Run: .venv/bin/python bench/similarity.py [--entries N] [--queries Q]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from similarity_corpus import corpus, queries  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    args = parser.parse_args()
    index, seconds, held = build(args.entries)
    stats = index.stats()
    print(
        f"entries: {stats['entries']:,}  terms: {stats['terms']:,}  postings: {stats['postings']:,}"
    )
    print(f"build: {seconds:.1f} s (under tracemalloc)  index memory: {held / 2**20:.1f} MiB")
    wall, cpu = time_queries(index, queries(args.queries))
    print(f"query ({len(wall)} × title+solution, k=3), perf_counter: {summary(wall)}")
    print(f"query, CPU time of this thread:          {summary(cpu)}")
    recall, alarms = haystack_quality(index)
    print(
        f"test set among {args.entries:,} entries: recall@3 {recall:.3f}  false alarms {alarms:.3f}"
    )


if __name__ == "__main__":
    main()
