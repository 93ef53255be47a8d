"""The server's Prometheus metrics: one prometheus-client registry per app, rendered on scrape.

Names an operator may already graph (kept as they were before the client library):
`sangkien_update_seconds{channel}` (histogram), `sangkien_updates_total{channel,outcome}`,
`sangkien_webhook_rejected_total{channel}`, `sangkien_outbox_messages{status}` and
`sangkien_outbox_events_total{event}`. Added: `sangkien_stage_seconds{channel,stage}`, the
time an update or a reply spends in each stage (parse, write_wait, transaction,
queue_wait, send), so production shows the breakdown the benchmark does.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
# Stages are shorter than a whole update: finer buckets at the low end.
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
STAGES = ("parse", "write_wait", "transaction", "queue_wait", "send")


class Metrics:
    """Counters and histograms of one app, in their own registry (never the global one)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.update_seconds = Histogram(
            "sangkien_update_seconds",
            "Time to store one inbound update, from hand-over to commit",
            ["channel"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.updates = Counter(
            "sangkien_updates_total",
            "Inbound updates by outcome",
            ["channel", "outcome"],
            registry=self.registry,
        )
        self.rejected = Counter(
            "sangkien_webhook_rejected_total",
            "Webhook calls refused for a wrong secret",
            ["channel"],
            registry=self.registry,
        )
        self.stage_seconds = Histogram(
            "sangkien_stage_seconds",
            "Time spent in each stage: parse, write_wait, transaction (inbound); "
            "queue_wait, send (outbound)",
            ["channel", "stage"],
            buckets=STAGE_BUCKETS,
            registry=self.registry,
        )

    def reject(self, channel: str) -> None:
        self.rejected.labels(channel=channel).inc()

    def observe_stage(self, channel: str, stage: str, seconds: float) -> None:
        """Thread-safe; called by the webhook, the runner and the outbox sender."""
        self.stage_seconds.labels(channel=channel, stage=stage).observe(max(seconds, 0.0))

    @contextmanager
    def time_update(self, channel: str) -> Iterator[None]:
        start = time.perf_counter()
        outcome = "error"
        try:
            yield
            outcome = "ok"
        finally:
            self.update_seconds.labels(channel=channel).observe(time.perf_counter() - start)
            self.updates.labels(channel=channel, outcome=outcome).inc()

    def render(self, *, outbox: Mapping[str, int], events: Mapping[str, int]) -> bytes:
        """The exposition text: the registry plus the outbox as read at this scrape."""
        scrape = CollectorRegistry(auto_describe=False)
        scrape.register(self.registry)
        scrape.register(_Snapshot(_outbox_families(outbox, events)))
        return generate_latest(scrape)


def _outbox_families(outbox: Mapping[str, int], events: Mapping[str, int]) -> list[Metric]:
    messages = GaugeMetricFamily(
        "sangkien_outbox_messages", "Outbox messages by status", labels=["status"]
    )
    for status, count in sorted(outbox.items()):
        messages.add_metric([status], count)
    happened = CounterMetricFamily(
        "sangkien_outbox_events", "Outbox sender events since start", labels=["event"]
    )
    for event, count in sorted(events.items()):
        happened.add_metric([event], count)
    return [messages, happened]


class _Snapshot(Collector):
    """Metric families computed for one scrape (read from the database, not kept)."""

    def __init__(self, families: Iterable[Metric]) -> None:
        self.families = list(families)

    def collect(self) -> Iterable[Metric]:
        return self.families
