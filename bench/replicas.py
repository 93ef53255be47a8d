"""Reply latency and throughput with one replica against two, on PostgreSQL, one table.

For each number of people and of replicas: a fresh PostgreSQL database, that many real
`sangkien serve` processes started one after the other (the first leads: it sends the
outbox and runs the scheduler), a round-robin TCP proxy in front of them as the single
webhook address (tests/support/balancer.py), and the crowd of tests/support/crowd.py: each
person plays a whole hiến kế (profile, then the proposal) through the local fake Bot API,
posting one update, waiting for the bot's next message, then posting the next one (after
`--think` seconds). "reply" = from the POST of an update to the next sendMessage to that
chat. Flood limits are lifted on both sides (`telegram.rate_per_second` = 1000), but the
product still paces each chat at about one message a second, as Telegram requires.
Not run by the test suite; the machine's other work shows in the figures, so compare rows
of one run.

    .venv/bin/python -m bench.replicas                       # 200 people, 1 and 2 replicas
    .venv/bin/python -m bench.replicas --people 50 200 --replicas 1 2 --think 0.5
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import config_sections
from tests.support.balancer import RoundRobinProxy
from tests.support.crowd import Crowd, CrowdResult
from tests.support.databases import drop_pg_database, fresh_database
from tests.support.server import ServerProcess, write_config

SCRIPT = scripts.skipping_difference(scripts.FULL_HIEN_KE_SCRIPT)


def measure(fake: FakeTelegram, people: int, replicas: int, think: float) -> CrowdResult:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sections = config_sections(
            fresh_database("postgres", folder),
            folder / "data",
            telegram_url=fake.url,
            telegram_token=fake.token,
        )
        sections["telegram"]["rate_per_second"] = 1000
        config = write_config(folder / "config.toml", sections)
        servers = [
            ServerProcess(config, log_path=folder / f"replica-{n}.log") for n in range(replicas)
        ]
        try:
            for server in servers:
                server.start(timeout=120)  # a busy machine starts slowly
            with RoundRobinProxy([s.port for s in servers]) as proxy:
                crowd = Crowd(fake, proxy.url, people=people, script=SCRIPT, think=think)
                return asyncio.run(crowd.run())
        except Exception:
            for server in servers:
                print(server.log(), file=sys.stderr)
            raise
        finally:
            for server in servers:
                server.stop()
            drop_pg_database()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def row(replicas: int, people: int, result: CrowdResult) -> str:
    cells = [f"{result.updates / result.elapsed:,.1f}"] + [
        f"{_percentile(result.latencies, q) * 1000:,.0f} ms" for q in (0.5, 0.95, 0.99)
    ]
    extra = f"{result.no_reply} | {result.redeliveries} | {result.elapsed:,.1f} s"
    return f"| {replicas} | {people} | " + " | ".join(cells) + f" | {extra} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[200])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds between a reply and the next update"
    )
    args = parser.parse_args()
    rows = []
    with FakeTelegram() as fake:  # its flood limits are off unless switched on
        for people in args.people:
            for replicas in args.replicas:
                fake.reset()
                rows.append(row(replicas, people, measure(fake, people, replicas, args.think)))
                print(rows[-1], file=sys.stderr, flush=True)
    print(f"flow: {len(SCRIPT)} updates a person; reply = POST of an update → next sendMessage")
    print(
        "| replicas | people | updates/s | reply p50 | reply p95 | reply p99 | no reply | redelivered | wall |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
