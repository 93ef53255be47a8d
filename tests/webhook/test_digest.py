"""The reviewer digest end to end: real app, fake Telegram; each entry once per reviewer chat."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from scheduler.jobs import JobResult, run_job
from storage.db import Database
from tests.fakes.telegram_api import FakeTelegram
from tests.support.entries import add_entries
from tests.support.review import (
    GROUP,
    REVIEWER,
    batches,
    codes_in,
    review_settings,
    statuses,
    wait_delivered,
)
from webhook.app import create_app
from webhook.config import Settings
from webhook.scheduling import job_context


@pytest.fixture
def settings(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Settings:
    return review_settings(db_url, tmp_path / "data", fake_telegram)


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        # Pacing (1 message/s per chat, 20/min per group) is tested on its own; here it
        # would only make the test slow.
        client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        yield client


def _run_concurrently(settings: Settings, db_url: str, client: TestClient) -> list[JobResult]:
    """Two digest runs at the same moment, each with its own engine (like two processes)."""
    services = client.app.state.services  # type: ignore[attr-defined]
    engines = [Database(db_url), Database(db_url)]
    barrier = threading.Barrier(2)
    results: list[JobResult] = []

    def run(db: Database) -> None:
        ctx = job_context(settings, db, services.secret_key, services.sender.notify)
        barrier.wait()
        results.append(run_job(ctx, "digest"))

    threads = [threading.Thread(target=run, args=(db,)) for db in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for db in engines:
        db.dispose()
    return results


def test_forty_entries_reach_each_reviewer_chat_once_despite_a_race_and_a_failure(
    settings: Settings,
    db_url: str,
    db: Database,
    fake_telegram: FakeTelegram,
    app_client: TestClient,
) -> None:
    codes = add_entries(db, 40, kind="mixed", authors=8)
    fake_telegram.fail_next("sendMessage", 500)  # the very first send fails, then is retried
    results = _run_concurrently(settings, db_url, app_client)
    assert sorted(r.outcome.startswith("batch") for r in results) == [False, True], results
    wait_delivered(db)

    assert [sorted(c) for c in batches(db).values()] == [sorted(codes)]  # one batch, all 40
    for chat in (GROUP, REVIEWER):
        seen = codes_in(fake_telegram.messages_to(chat))
        assert seen == {code: 1 for code in codes}, chat
        documents = [s for s in fake_telegram.sent(chat) if s.method == "sendDocument"]
        assert len(documents) == 1
    assert [c.status for c in fake_telegram.calls("sendMessage")].count(500) == 1
    assert set(statuses(db, codes).values()) == {"forwarded"}


def test_digest_sheet_lists_the_batch(
    settings: Settings,
    db: Database,
    fake_telegram: FakeTelegram,
    app_client: TestClient,
    tmp_path: Path,
) -> None:
    codes = add_entries(db, 3, kind="mixed", authors=3)
    services = app_client.app.state.services  # type: ignore[attr-defined]
    run_job(job_context(settings, db, services.secret_key, services.sender.notify), "digest")
    wait_delivered(db)
    upload = next(s for s in fake_telegram.sent(REVIEWER) if s.method == "sendDocument")
    assert upload.params["document"].filename.endswith(".xlsx")
    sheet = load_workbook(tmp_path / "data" / "digests" / "tong-hop-dot-1.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Mã hồ sơ", "Loại")
    assert sorted(r[1] for r in rows[1:]) == sorted(codes)


def test_a_second_run_sends_only_new_entries(
    settings: Settings, db: Database, fake_telegram: FakeTelegram, app_client: TestClient
) -> None:
    services = app_client.app.state.services  # type: ignore[attr-defined]
    ctx = job_context(settings, db, services.secret_key, services.sender.notify)
    first = add_entries(db, 2, authors=2)
    run_job(ctx, "digest")
    wait_delivered(db)
    second = add_entries(db, 3, authors=3, first_user=6001)
    assert run_job(ctx, "digest").outcome.startswith("batch 2: 3 entries")
    wait_delivered(db)
    assert run_job(ctx, "digest").outcome.startswith("no new entries")
    assert codes_in(fake_telegram.messages_to(REVIEWER)) == {c: 1 for c in first + second}


def test_a_blocked_reviewer_chat_holds_the_batch_until_a_later_run_delivers_it(
    settings: Settings, db: Database, fake_telegram: FakeTelegram, app_client: TestClient
) -> None:
    services = app_client.app.state.services  # type: ignore[attr-defined]
    ctx = job_context(settings, db, services.secret_key, services.sender.notify)
    codes = add_entries(db, 4, authors=4)
    fake_telegram.block_chat(REVIEWER)  # e.g. the reviewer blocked the bot by mistake
    run_job(ctx, "digest")
    fake_telegram.wait_for(
        lambda: codes_in(fake_telegram.messages_to(GROUP)) == {c: 1 for c in codes}
    )
    fake_telegram.wait_for(lambda: "1 failed" in run_job(ctx, "digest_settle").outcome)
    assert set(statuses(db, codes).values()) == {"submitted"}  # not every chat has it
    fake_telegram.unblock_chat(REVIEWER)
    assert "retried" in run_job(ctx, "digest").outcome
    wait_delivered(db)
    assert codes_in(fake_telegram.messages_to(REVIEWER)) == {c: 1 for c in codes}
    assert codes_in(fake_telegram.messages_to(GROUP)) == {c: 1 for c in codes}  # not resent
    assert set(statuses(db, codes).values()) == {"forwarded"}
