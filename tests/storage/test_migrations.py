"""Migrations build exactly the models' schema on both backends, and codes never repeat."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage import queries
from storage.db import Database
from storage.migrate import pending, upgrade
from tests.support.databases import pg_database_url


def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    assert not pending(db.engine)


def test_upgrade_is_idempotent(db: Database) -> None:
    upgrade(db.engine)
    assert not pending(db.engine)


def test_tracking_codes_are_unique_under_concurrency(db: Database) -> None:
    codes: list[str] = []
    lock = threading.Lock()

    def issue() -> None:
        for _ in range(10):
            with db.write() as session:
                code = queries.next_code(session, kind="sang_kien", year=2026)
            with lock:
                codes.append(code)

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [f"SK-2026-{n:05d}" for n in range(1, 41)]
    with db.write() as session:
        assert queries.next_code(session, kind="hien_ke", year=2026) == "HK-2026-00001"
        assert queries.next_code(session, kind="sang_kien", year=2027) == "SK-2027-00001"


def test_rolled_back_code_is_not_lost_or_duplicated(db: Database) -> None:
    try:
        with db.write() as session:
            queries.next_code(session, kind="sang_kien", year=2026)
            raise RuntimeError("crash before commit")
    except RuntimeError:
        pass
    with db.write() as session:
        assert queries.next_code(session, kind="sang_kien", year=2026) == "SK-2026-00001"


def test_claim_update_once(db: Database) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        assert queries.claim_update(session, key="telegram:1", now=now)
    with db.write() as session:
        assert not queries.claim_update(session, key="telegram:1", now=now)


def test_downgrade_to_base_and_back(db: Database) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    config = alembic_config(db.engine.url.render_as_string(hide_password=False))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert pending(db.engine)
    upgrade(db.engine)
    assert not pending(db.engine)


def test_group_message_keeps_the_private_chat_for_notices(db: Database) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        first = queries.lock_identity(
            session, channel="telegram", user_id="42", chat_id="-100777", display_name=None,
            now=now,
        )
        assert first.chat_id == "42"
    with db.write() as session:
        again = queries.lock_identity(
            session, channel="telegram", user_id="42", chat_id="-100888", display_name=None,
            now=now,
        )
        assert again.chat_id == "42"


def test_histories_of_many_submissions_in_one_read(db: Database) -> None:
    from storage.models import StatusChange
    from tests.support.writing import add_submission

    now = datetime.now(UTC)
    for code in ("SK-2026-00001", "HK-2026-00001"):
        add_submission(db, code=code, kind="sang_kien" if code[0] == "S" else "hien_ke",
                       title=code, fields={}, at=now, user_id=code)
    with db.write() as session:
        first = queries.get_submission(session, code="SK-2026-00001")
        assert first is not None
        session.add(StatusChange(submission_id=first.id or 0, status="forwarded", at=now,
                                 by="reviewer", note="x"))
    with db.session() as session:
        entries = [queries.get_submission(session, code=c) for c in ("SK-2026-00001", "HK-2026-00001")]
        ids = [e.id or 0 for e in entries if e is not None]
        found = queries.histories(session, submission_ids=ids)
        for sid in ids:  # the same as reading them one by one
            one = queries.submission_history(session, submission_id=sid)
            assert [(h.id, h.status) for h in found[sid]] == [(h.id, h.status) for h in one]
        assert [h.status for h in found[ids[0]]][-1] == "forwarded"
        assert queries.histories(session, submission_ids=[]) == {}


def test_0006_fills_in_the_co_so_recognition_a_provincial_jump_skipped(db: Database) -> None:
    import sqlalchemy as sa
    from alembic import command

    from storage.migrate import alembic_config
    from tests.support.entries import add_entries

    jumped, lawful, refused = add_entries(db, 3)
    now = datetime.now(UTC)
    with db.write() as session:
        for code, path in (
            (jumped, ["recognized_provincial"]),
            (lawful, ["recognized", "recognized_provincial"]),
            (refused, ["recognized", "not_recognized_provincial"]),
        ):
            submission = queries.get_submission(session, code=code)
            assert submission is not None
            for status in path:
                session.add(
                    storage.models.StatusChange(
                        submission_id=submission.id or 0, status=status, at=now, by="t"
                    )
                )
                submission.status = status
    config = alembic_config(db.engine.url.render_as_string(hide_password=False))

    def go(target: str, up: bool) -> None:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.upgrade if up else command.downgrade)(config, target)

    def history(code: str) -> list[tuple[str, str]]:
        with db.engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT c.status, c.by FROM status_change c JOIN submission s"
                    " ON s.id = c.submission_id WHERE s.code = :code ORDER BY c.id"
                ),
                {"code": code},
            )
            return [(row[0], row[1]) for row in rows]

    go("0005", up=False)
    with db.engine.connect() as connection:
        status = connection.execute(
            sa.text("SELECT status FROM submission WHERE code = :c"), {"c": refused}
        ).scalar_one()
    assert status == "recognized"  # the old rules had no provincial refusal
    go("head", up=True)
    assert history(jumped)[-2:] == [("recognized_provincial", "t"), ("recognized", "migration:0006")]
    assert [s for s, _ in history(lawful)][-2:] == ["recognized", "recognized_provincial"]
    assert all(by != "migration:0006" for _, by in history(lawful) + history(refused))


def test_replicas_starting_together_migrate_an_empty_postgres_once() -> None:
    """Two `sangkien serve` (or `db upgrade`) at once: one migrates, the other waits, both end
    at the head, neither fails on a table the other just created."""
    url = pg_database_url()
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def migrate() -> None:
        engine = Database(url)
        try:
            start.wait()
            upgrade(engine.engine)
        except BaseException as exc:  # reported below, with the other thread's
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=migrate) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert not pending(db.engine)
    db.dispose()
