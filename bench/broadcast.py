"""Announcement throughput: 5,000 messages to the fake Telegram with its real limits on.

Starts the real server (`sangkien serve`) on a fresh database, adds 5,000 subscribers,
creates one announcement through the API and, while it goes out, lets a simulated user
chat with the bot. Prints the achieved rate ÷ the platform's 30 msg/s, the share of calls
answered 429, and how long the user waited for each reply. Not run by the test suite.

    .venv/bin/python -m bench.broadcast --db sqlite --count 5000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

from storage.db import Database
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_limits import SendLimits
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.databases import drop_pg_database, fresh_database
from tests.support.people import add_people
from tests.support.server import ServerProcess, write_config

LIMIT = 30.0  # Telegram: about 30 messages a second overall
USER = 777_000_001  # the person chatting while the announcement goes out


def _chat(base: str, fake: FakeTelegram, stop: threading.Event, waits: list[float]) -> None:
    """Every 2 s the user writes; the wait is from the POST to the reply at the platform."""
    update_id = 50_000
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            update_id += 1
            before = len(fake.messages_to(USER))
            started = time.monotonic()
            update = tu.command_update(update_id, USER, "start")
            client.post(
                f"{base}/webhook/telegram",
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
            )
            while len(fake.messages_to(USER)) == before and time.monotonic() - started < 30:
                time.sleep(0.01)
            waits.append(time.monotonic() - started)
            stop.wait(2.0)


def run(backend: str, count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-broadcast-"))
    url = fresh_database(backend, work)
    db = Database(url)
    add_people(db, channel="telegram", count=count)
    db.dispose()
    with FakeTelegram() as fake:
        fake.rate_limit(SendLimits())  # Telegram's limits, as documented
        sections = config_sections(
            url, work / "data", telegram_url=fake.url, telegram_token=fake.token
        )
        sections["scheduler"] = {"quiet_hours": ""}
        config = write_config(work / "config.toml", sections)
        with ServerProcess(config) as server:
            headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
            stop, waits = threading.Event(), list[float]()
            user = threading.Thread(target=_chat, args=(server.url, fake, stop, waits))
            created = httpx.post(
                f"{server.url}/api/v1/broadcasts",
                json={"text": "Tập huấn viết sáng kiến: 8 giờ ngày 12/12 tại Sở KH&CN."},
                headers=headers,
            ).json()
            user.start()
            status = _wait(server.url, created["id"], headers)
            stop.set()
            user.join()
        _report(fake, status, waits, count)
    if backend == "postgres":
        drop_pg_database()


def _wait(base: str, broadcast_id: int, headers: dict[str, str]) -> dict[str, object]:
    while True:
        body = httpx.get(f"{base}/api/v1/broadcasts/{broadcast_id}", headers=headers).json()
        if body["status"] in ("done", "cancelled"):
            return dict(body)
        time.sleep(1.0)


def _report(fake: FakeTelegram, status: dict[str, object], waits: list[float], count: int) -> None:
    calls = fake.calls("sendMessage")
    bulk = [c for c in calls if str(c.params.get("chat_id")) != str(USER) and c.status == 200]
    span = bulk[-1].time - bulk[0].time if len(bulk) > 1 else float("nan")
    rate = (len(bulk) - 1) / span
    refused = sum(1 for c in calls if c.status == 429)
    print(f"announcement: {status['counts']}")
    print(f"sent {len(bulk)} of {count} in {span:.1f} s = {rate:.2f} msg/s")
    print(f"achieved rate / platform limit: {rate / LIMIT:.3f}")
    print(
        f"429 answers: {refused} of {len(calls)} calls ({100 * refused / max(len(calls), 1):.2f}%)"
    )
    if waits:
        print(
            f"user replies: {len(waits)}, median {statistics.median(waits):.2f} s, "
            f"max {max(waits):.2f} s (target < 2 s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    run(args.db, args.count)


if __name__ == "__main__":
    main()
