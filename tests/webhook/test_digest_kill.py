"""kill -9 between a digest message's send and its commit: a real server process, restarted.

The documented duplicate: Telegram has no idempotency key, so the one message in flight to a
chat when the process dies (sent, not yet marked sent) goes out again after the restart.
Everything else reaches each reviewer chat exactly once, and nothing is missed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storage.db import Database
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, config_sections
from tests.support.entries import add_entries
from tests.support.review import codes_in, statuses, wait_delivered
from tests.support.server import ServerProcess, write_config

pytestmark = pytest.mark.slow
CHATS = ("777", "778")  # private reviewer chats: one message a second each (pacing)


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def server(db_url: str, tmp_path: Path, fake: FakeTelegram) -> Iterator[ServerProcess]:
    sections = config_sections(
        db_url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["roles"] = {"reviewers": [f"telegram:{chat}" for chat in CHATS]}
    sections["scheduler"] = {"enabled": False, "quiet_hours": ""}  # the test runs the digest
    process = ServerProcess(write_config(tmp_path / "config.toml", sections))
    yield process
    process.stop()


def _digest_texts(fake: FakeTelegram, chat: str) -> list[str]:
    return [t for t in fake.messages_to(chat) if "-2026-" in t]


def test_kill_9_between_send_and_commit_repeats_at_most_the_message_in_flight(
    server: ServerProcess, fake: FakeTelegram, db: Database
) -> None:
    codes = add_entries(db, 40, kind="mixed", authors=8)
    server.start()
    response = httpx.post(
        f"{server.url}/api/v1/jobs/digest/run",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=30,
    )
    assert response.json()["outcome"].startswith("batch 1: 40 entries")
    fake.wait_for(lambda: len(_digest_texts(fake, CHATS[0])) >= 2, timeout=20)
    # The next message the fake receives is held for 4 s: it counts as delivered, but the
    # server is killed before it can record that.
    fake.delay_next("sendMessage", 4.0)
    time.sleep(1.5)  # pacing sends about one message a second per chat: it is in flight now
    server.kill()
    time.sleep(3.0)  # the held message lands while nobody is there to commit it
    server.start()
    wait_delivered(db, timeout=60)

    repeats = 0
    for chat in CHATS:
        texts = _digest_texts(fake, chat)
        seen = codes_in(texts)
        assert set(seen) == set(codes), f"entries missed in {chat}"
        repeated = [text for text, n in Counter(texts).items() if n > 1]
        assert len(repeated) <= 1, f"more than the message in flight repeated in {chat}"
        for code, n in seen.items():
            assert n == 1 or (n == 2 and code in repeated[0]), code
        documents = [s for s in fake.sent(chat) if s.method == "sendDocument"]
        assert len(documents) == 1
        repeats += len(repeated)
    assert repeats >= 1  # the held message did go out twice: the crash hit the right moment
    assert set(statuses(db, codes).values()) == {"forwarded"}
