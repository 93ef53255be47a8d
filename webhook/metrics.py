"""A few Prometheus metrics in text format, kept in process (no client library needed)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counters: dict[tuple[str, str], float] = defaultdict(float)
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self.sums: dict[str, float] = defaultdict(float)

    def inc(self, name: str, label: str = "", by: float = 1.0) -> None:
        with self._lock:
            self.counters[(name, label)] += by

    @contextmanager
    def time_update(self, channel: str) -> Iterator[None]:
        start = time.perf_counter()
        outcome = "error"
        try:
            yield
            outcome = "ok"
        finally:
            elapsed = time.perf_counter() - start
            self._observe(channel, elapsed)
            self.inc("sangkien_updates_total", f'channel="{channel}",outcome="{outcome}"')

    def _observe(self, channel: str, seconds: float) -> None:
        with self._lock:
            slot = next((i for i, b in enumerate(BUCKETS) if seconds <= b), len(BUCKETS))
            self.buckets[channel][slot] += 1
            self.sums[channel] += seconds

    def render(self, extra: dict[str, float]) -> str:
        lines = ["# TYPE sangkien_update_seconds histogram"]
        with self._lock:
            for channel, counts in self.buckets.items():
                total = 0
                for bound, count in zip((*BUCKETS, float("inf")), counts, strict=True):
                    total += count
                    le = "+Inf" if bound == float("inf") else str(bound)
                    lines.append(
                        f'sangkien_update_seconds_bucket{{channel="{channel}",le="{le}"}} {total}'
                    )
                lines.append(
                    f'sangkien_update_seconds_sum{{channel="{channel}"}} {self.sums[channel]}'
                )
                lines.append(f'sangkien_update_seconds_count{{channel="{channel}"}} {total}')
            for (name, label), value in sorted(self.counters.items()):
                lines.append(f"{name}{{{label}}} {value}" if label else f"{name} {value}")
        for name, value in sorted(extra.items()):
            lines.append(f"{name} {value}")
        return "\n".join(lines) + "\n"
