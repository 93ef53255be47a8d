"""How long the server takes to handle one Telegram update with 50 users chatting at once.

Starts the real server (`sangkien serve`) against a fresh SQLite or PostgreSQL database and
the local fake Bot API, lets N simulated users each complete a whole sáng kiến at the same
time (real update JSON posted to /webhook/telegram), and reports the median and p99 time
from POST to the 200 (= the update's effects are committed). Not run by the test suite.

    .venv/bin/python -m bench.updates --db sqlite --users 50
    .venv/bin/python -m bench.updates --db postgres --users 50
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from tests import scripts
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.databases import drop_pg_database, fresh_database
from tests.support.server import ServerProcess, write_config

# Users after the first meet its entry as "done before": they skip that question.
SCRIPT = scripts.skipping_difference(scripts.FULL_SANG_KIEN_SCRIPT)


def _update(update_id: int, user_id: int, kind: str, value: str) -> dict[str, object]:
    if kind == "text":
        return tu.text_update(update_id, user_id, value)
    if kind == "command":
        return tu.command_update(update_id, user_id, value.lstrip("/"))
    return tu.callback_update(update_id, user_id, value)


async def _user(
    client: httpx.AsyncClient,
    url: str,
    user_id: int,
    first_id: int,
    latencies: list[float],
    think: float,
    steps: list[int],
) -> None:
    for offset, (kind, value) in enumerate(SCRIPT):
        if think:
            await asyncio.sleep(think * (0.5 + (user_id * 7 + offset * 13) % 100 / 100))
        update = _update(first_id + offset, user_id, kind, value)
        start = time.perf_counter()
        for attempt in range(5):  # like the platform, redeliver when a connection drops
            try:
                response = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
                )
                break
            except httpx.TransportError:
                if attempt == 4:
                    raise
        latencies.append(time.perf_counter() - start)
        steps.append(offset)
        response.raise_for_status()


async def _run(url: str, users: int, think: float) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    steps: list[int] = []
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.gather(
            *(
                _user(client, url, 900_000 + n, 10_000 * (n + 1), latencies, think, steps)
                for n in range(users)
            )
        )
        return latencies, steps, time.perf_counter() - start


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a user pauses before each message (0 = back to back, saturating)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram() as fake:
        folder = Path(tmp)
        db_url = fresh_database(args.db, folder)
        sections = config_sections(
            db_url, folder / "data", telegram_url=fake.url, telegram_token=fake.token
        )
        server = ServerProcess(write_config(folder / "config.toml", sections)).start()
        try:
            latencies, steps, elapsed = asyncio.run(
                _run(f"{server.url}/webhook/telegram", args.users, args.think)
            )
            expected = args.users * len(SCRIPT)
            total = httpx.get(
                f"{server.url}/api/v1/submissions?limit=1",
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            ).json()["total"]
        except Exception:
            print(server.log())
            raise
        finally:
            server.stop()
            if args.db == "postgres":
                drop_pg_database()
    print(
        f"database: {args.db}; users: {args.users}; think: {args.think}s; updates: {len(latencies)} (expected {expected})"
    )
    print(f"submissions stored: {total} (expected {args.users})")
    print(
        f"handle time per update: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {_percentile(latencies, 0.99) * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms"
    )
    print(f"throughput: {len(latencies) / elapsed:.0f} updates/s over {elapsed:.1f} s")
    _slowest_steps(latencies, steps)


def _slowest_steps(latencies: list[float], steps: list[int]) -> None:
    """Which script steps the slowest 1% of updates were, to show where the tail comes from."""
    cut = _percentile(latencies, 0.99)
    slow = [step for seconds, step in zip(latencies, steps, strict=True) if seconds >= cut]
    counts = {step: slow.count(step) for step in set(slow)}
    worst = sorted(counts.items(), key=lambda item: -item[1])[:4]
    described = ", ".join(f"{SCRIPT[step][0]} {SCRIPT[step][1][:24]!r} ×{n}" for step, n in worst)
    print(f"slowest 1% were: {described}")
    rest = [s for s, step in zip(latencies, steps, strict=True) if SCRIPT[step][1] != "review:submit"]
    print(f"without the submit step: p99 {_percentile(rest, 0.99) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
