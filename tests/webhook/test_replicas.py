"""Two replicas on one PostgreSQL behind one address, under a crowd: one is killed with
kill -9 mid-run, the platform redelivers what failed, and afterwards nothing is lost or
repeated, every chat's replies came in order, and the scheduler moved to the survivor."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlmodel import col

from bot.channels.telegram_render import split_text
from storage.db import Database
from storage.models import (
    DigestBatch,
    DigestItem,
    Identity,
    JobRun,
    Outbox,
    ProcessedUpdate,
    Submission,
)
from storage.types import utcnow
from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import config_sections
from tests.support.balancer import RoundRobinProxy
from tests.support.crowd import Crowd
from tests.support.databases import fresh_database
from tests.support.server import ServerProcess, write_config

pytestmark = pytest.mark.slow
PEOPLE = int(os.environ.get("SANGKIEN_REPLICA_PEOPLE", "200"))
# "bỏ qua" after the proposal: whether a replica's similarity index already knows an earlier
# person's entry or not, the script stays in step (tests/scripts.py).
SCRIPT = scripts.skipping_difference(scripts.FULL_HIEN_KE_SCRIPT)
REVIEWER = "777"
LEADS = "this process is now the leader"
SENDS = ("sendMessage", "sendDocument")


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def replicas(tmp_path: Path, fake: FakeTelegram) -> Iterator[tuple[list[ServerProcess], str]]:
    url = fresh_database("postgres", tmp_path)
    sections = config_sections(
        url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["telegram"]["rate_per_second"] = 1000  # the fake's flood limits are off too
    sections["roles"] = {"reviewers": [f"telegram:{REVIEWER}"]}
    sections["scheduler"] = {"quiet_hours": ""}
    config = write_config(tmp_path / "config.toml", sections)
    servers = [ServerProcess(config, log_path=tmp_path / f"replica-{n}.log") for n in "ab"]
    yield servers, url
    for server in servers:
        server.stop()


def test_a_crowd_across_two_replicas_survives_a_kill_9_of_the_leader(
    replicas: tuple[list[ServerProcess], str], fake: FakeTelegram
) -> None:
    (first, second), url = replicas
    db = Database(url)
    first.start(timeout=120)
    _wait(lambda: LEADS in _log(first), 30, "the first replica leads")
    second.start(timeout=120)
    assert "scheduler started" not in _log(second)  # it follows while the first one leads
    with RoundRobinProxy([first.port, second.port]) as proxy:
        crowd = Crowd(fake, proxy.url, people=PEOPLE, script=SCRIPT)
        running = crowd.run_in_thread()
        _wait(lambda: crowd.acknowledged >= crowd.total * 0.4, 900, "40% of the updates")
        _pause_sends_and_settle(fake, db)
        with db.write() as session:  # the digest is due: whoever leads next runs it at once
            session.execute(update(JobRun).values(last_finished_at=utcnow() - timedelta(days=7)))
        acknowledged_at_kill = crowd.acknowledged
        first.kill()
        for method in SENDS:
            fake.stop_failing(method)
        _wait(lambda: LEADS in _log(second), 60, "the survivor leads")
        running.join(timeout=1800)
        assert not running.is_alive(), "the crowd did not finish"
        _wait(lambda: _pending(db) == 0, 120, "the outbox drained")
        _wait(lambda: "job digest done" in _log(second), 60, "the survivor ran the digest")
        _wait(lambda: _pending(db) == 0, 120, "the digest went out")
    assert acknowledged_at_kill < crowd.total  # the kill was mid-run
    assert min(proxy.connections.values()) > 0  # both replicas served the crowd
    _assert_every_entry_stored_once(db, crowd)
    _assert_every_reply_sent_once_in_order(db, fake)
    survivor = _log(second)
    # The scheduler moved: the survivor started it only after the kill, and the digest that
    # fell due ran there once.
    assert survivor.count("scheduler started") == 1 and survivor.count("job digest done") == 1
    assert survivor.index("scheduler started") > survivor.index(LEADS)
    db.dispose()


def _pause_sends_and_settle(fake: FakeTelegram, db: Database) -> None:
    """Telegram has no idempotency key: a reply in flight at a crash may go out twice. So the
    fake answers 429 for a moment (the leader waits, as for flood control) and the kill comes
    once every reply the fake accepted is recorded as sent. Webhooks go on meanwhile."""
    for method in SENDS:
        fake.fail_next(method, 429, retry_after=1, times=1_000_000)
    last: tuple[int, int] | None = None
    stable_since = time.monotonic()
    deadline = time.monotonic() + 60
    while time.monotonic() - stable_since < 1.0:
        now = (len(fake.sent()), _count_sent(db))
        if now != last:
            last, stable_since = now, time.monotonic()
        assert time.monotonic() < deadline, "sends did not settle"
        time.sleep(0.1)


def _assert_every_entry_stored_once(db: Database, crowd: Crowd) -> None:
    users = {str(u) for u in crowd.user_ids()}
    with db.session() as session:
        rows = session.execute(
            select(col(Identity.channel_user_id), Submission)
            .join(Submission, col(Submission.person_id) == col(Identity.person_id))
            .where(col(Identity.channel) == "telegram")
        ).all()
        processed = session.execute(
            select(func.count())
            .select_from(ProcessedUpdate)
            .where(col(ProcessedUpdate.key).like("telegram:%"))
        ).scalar_one()
    entries: dict[str, list[Submission]] = defaultdict(list)
    for user, entry in rows:
        if user in users:
            entries[user].append(entry)
    assert processed == crowd.total  # every update had its effects, once
    assert {user: len(found) for user, found in entries.items()} == {u: 1 for u in users}
    expected = {k: v for k, v in scripts.HIEN_KE_EXPECTED_FIELDS.items() if k != "attachments"}
    # The digest the survivor ran carries the entries stored by then: once every reviewer
    # chat has it they are «forwarded»; the entries stored after it stay «submitted».
    with db.session() as session:
        delivered = set(
            session.execute(
                select(col(DigestItem.submission_id))
                .join(DigestBatch, col(DigestBatch.id) == col(DigestItem.batch_id))
                .where(col(DigestBatch.status) == "delivered")
            ).scalars()
        )
    for (entry,) in entries.values():
        status = "forwarded" if entry.id in delivered else "submitted"
        assert entry.kind == "hien_ke" and entry.status == status
        # Each field holds its own answer: the updates were applied in order.
        assert {k: entry.fields.get(k) for k in expected} == expected


def _assert_every_reply_sent_once_in_order(db: Database, fake: FakeTelegram) -> None:
    with db.session() as session:
        rows = session.execute(select(Outbox).order_by(col(Outbox.id))).scalars().all()
    assert {row.status for row in rows} == {"sent"}
    expected: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        expected[row.chat_id] += [("sendMessage", t) for t in split_text(row.payload["text"])]
        if row.payload.get("document"):
            expected[row.chat_id].append(("sendDocument", ""))
    sent: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for call in fake.sent():
        if call.method in SENDS:
            text = (call.text or "") if call.method == "sendMessage" else ""
            sent[call.chat_id].append((call.method, text))
    assert set(sent) == set(expected)
    for chat, messages in expected.items():
        assert sent[chat] == messages, f"chat {chat}: replies lost, repeated or out of order"


def _count_sent(db: Database) -> int:
    with db.session() as session:
        return int(
            session.execute(
                select(func.count()).select_from(Outbox).where(col(Outbox.status) == "sent")
            ).scalar_one()
        )


def _pending(db: Database) -> int:
    with db.session() as session:
        return int(
            session.execute(
                select(func.count()).select_from(Outbox).where(col(Outbox.status) == "pending")
            ).scalar_one()
        )


def _log(server: ServerProcess) -> str:
    return server.log_path.read_text(errors="replace")


def _wait(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout}s: {what}")
        time.sleep(0.2)
