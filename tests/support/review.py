"""Apps and helpers for review and digest tests: reviewer chats configured, outcomes read back."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlmodel import col

from storage.db import Database
from storage.models import DigestBatch, DigestItem, Outbox, Submission
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import make_settings
from webhook.config import Settings

GROUP = "-1001234567"  # a Telegram supergroup of the council
REVIEWER = "777"  # one reviewer in a private chat
REVIEWERS = f'["telegram:{GROUP}", "telegram:{REVIEWER}"]'
CODE = re.compile(r"\b(?:SK|HK)-\d{4}-\d{5}\b")


def review_settings(
    db_url: str,
    data_dir: Path,
    fake: FakeTelegram,
    *,
    reviewers: str = REVIEWERS,
    extra: dict[str, str] | None = None,
) -> Settings:
    """Telegram on the fake, reviewer chats set, scheduler off (tests run jobs themselves)."""
    env = {
        "SANGKIEN_ROLES__REVIEWERS": reviewers,
        "SANGKIEN_SCHEDULER__ENABLED": "false",
        "SANGKIEN_SCHEDULER__QUIET_HOURS": "",
    }
    return make_settings(
        db_url,
        data_dir,
        telegram_url=fake.url,
        telegram_token=fake.token,
        extra=env | (extra or {}),
    )


def codes_in(texts: list[str]) -> Counter[str]:
    return Counter(code for text in texts for code in CODE.findall(text))


def batches(db: Database) -> dict[int, list[str]]:
    """Batch id → the codes of its entries."""
    with db.session() as session:
        rows = session.execute(
            select(col(DigestItem.batch_id), col(Submission.code)).join(
                Submission, col(Submission.id) == col(DigestItem.submission_id)
            )
        ).all()
    found: dict[int, list[str]] = {}
    for batch_id, code in rows:
        found.setdefault(int(batch_id), []).append(str(code))
    return found


def wait_delivered(db: Database, timeout: float = 30.0, batches: int = 1) -> None:
    """Until there are `batches` batches and each went to every reviewer chat."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as session:
            statuses = list(session.execute(select(col(DigestBatch.status))).scalars())
        if len(statuses) >= batches and all(s == "delivered" for s in statuses):
            return
        time.sleep(0.05)
    raise AssertionError(f"digest not delivered within {timeout}s: {statuses}")


def wait_outbox_drained(db: Database, channel: str, chat: str | int, timeout: float = 15.0) -> None:
    """Until nothing queued for `chat` is still pending: everything already enqueued for it
    (e.g. the authors' notices committed with a digest's delivery) has reached the platform,
    because the sender marks a row sent only after the platform took it."""
    deadline = time.monotonic() + timeout
    while True:
        with db.session() as session:
            pending = session.execute(
                select(col(Outbox.id)).where(
                    col(Outbox.channel) == channel,
                    col(Outbox.chat_id) == str(chat),
                    col(Outbox.status) == "pending",
                )
            ).first()
        if pending is None:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{channel}:{chat} still has pending messages after {timeout}s")
        time.sleep(0.01)


def statuses(db: Database, codes: list[str]) -> dict[str, str]:
    with db.session() as session:
        rows = session.execute(
            select(col(Submission.code), col(Submission.status)).where(
                col(Submission.code).in_(codes)
            )
        ).all()
    return {str(code): str(status) for code, status in rows}


class Inbox(Protocol):
    def messages_to(self, chat_id: str) -> list[str]: ...


def texts_after(fake: Inbox, chat: str | int, count: int, timeout: float = 15.0) -> list[str]:
    """The texts sent to `chat` once there are at least `count` of them."""
    deadline = time.monotonic() + timeout
    while len(texts := fake.messages_to(str(chat))) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{chat} got {len(texts)} messages, not {count}: {texts}")
        time.sleep(0.01)
    return texts
