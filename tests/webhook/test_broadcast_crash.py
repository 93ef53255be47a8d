"""kill -9 the server while an announcement goes out, start it again: nobody gets it twice."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import httpx

from bot.broadcast.broadcaster import Broadcaster
from storage.db import Database
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, config_sections
from tests.support.people import add_people
from tests.support.server import ServerProcess, write_config

CONCURRENCY = Broadcaster.__init__.__kwdefaults__["concurrency"]  # type: ignore[index]
HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _status(server: ServerProcess, broadcast_id: int) -> dict[str, object]:
    return dict(httpx.get(f"{server.url}/api/v1/broadcasts/{broadcast_id}", headers=HEADERS).json())


def test_kill_nine_mid_way_then_resume_sends_each_person_at_most_once(
    db_url: str, db: Database, tmp_path: Path
) -> None:
    crowd = add_people(db, channel="telegram", count=400)
    with FakeTelegram() as fake:
        fake.delay_next("sendMessage", 0.05, times=10_000)  # keep sends in flight at the kill
        sections = config_sections(
            db_url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
        )
        sections["telegram"]["rate_per_second"] = 150
        sections["scheduler"] = {"quiet_hours": ""}
        config = write_config(tmp_path / "config.toml", sections)
        server = ServerProcess(config).start()
        try:
            created = httpx.post(
                f"{server.url}/api/v1/broadcasts", json={"text": "Tập huấn 12/12"}, headers=HEADERS
            ).json()
            fake.wait_for(lambda: len(fake.sent()) >= 120, 30)
            server.kill()
            at_kill = len(fake.sent())
            server.start()
            deadline = time.monotonic() + 60
            while (body := _status(server, created["id"]))["status"] != "done":
                assert time.monotonic() < deadline, body
                time.sleep(0.2)
        finally:
            server.stop()
        accepted = Counter(s.chat_id for s in fake.sent() if s.method == "sendMessage")
    counts = body["counts"]
    assert isinstance(counts, dict)
    assert at_kill < 400  # the kill really happened mid-way
    assert set(accepted.values()) == {1}  # nobody twice
    assert counts["uncertain"] <= CONCURRENCY  # only the sends in flight at the kill
    assert counts["sent"] + counts["uncertain"] == len(crowd.eligible)
    assert counts["sent"] <= len(accepted) <= counts["sent"] + counts["uncertain"]
