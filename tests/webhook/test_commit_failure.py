"""An update whose commit fails is not acknowledged; its redelivery counts exactly once.

The failure is injected in the COMMIT itself (on SQLite, the group commit of the writer
thread; on PostgreSQL, the update's own transaction): the webhook must answer 5xx, keep
nothing, and take the platform's redelivery as the first and only time.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from storage.db import Database
from storage.models import Identity, Outbox, ProcessedUpdate
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram

USER = 5550077


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_failed_commit_is_answered_5xx_and_the_redelivery_counts_once(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    engine = client.app.state.services.db.engine  # type: ignore[attr-defined]
    failed: list[object] = []

    def note_claim(conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "INSERT INTO processed_update" in statement:
            conn.info["claimed"] = True  # type: ignore[attr-defined]

    def fail_first_update_commit(conn: object) -> None:
        if conn.info.pop("claimed", False) and not failed:  # type: ignore[attr-defined]
            failed.append(conn)
            raise RuntimeError("disk full at commit")

    event.listen(engine, "after_cursor_execute", note_claim)
    event.listen(engine, "commit", fail_first_update_commit)
    update = tu.command_update(60, USER, "start")

    first = client.post("/webhook/telegram", json=update, headers=secret_header)
    assert first.status_code == 503 and failed
    assert (_count(db, ProcessedUpdate), _count(db, Identity), _count(db, Outbox)) == (0, 0, 0)

    again = client.post("/webhook/telegram", json=update, headers=secret_header)
    assert (again.status_code, again.json()["duplicate"]) == (200, False)
    once_more = client.post("/webhook/telegram", json=update, headers=secret_header)
    assert (once_more.status_code, once_more.json()["duplicate"]) == (200, True)

    fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER))
    assert (_count(db, ProcessedUpdate), _count(db, Identity), _count(db, Outbox)) == (1, 1, 1)
    assert len(fake_telegram.messages_to(USER)) == 1
