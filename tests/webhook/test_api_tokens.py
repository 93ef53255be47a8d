"""Per-person API tokens: roles, refusals that change nothing, hashed storage, named history."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlmodel import col

from storage import api_tokens, queries
from storage.db import Database
from storage.models import ApiToken, Broadcast, StatusChange
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN
from tests.support.entries import add_entries
from tests.support.review import review_settings
from webhook.app import create_app


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(db_url, tmp_path / "data", fake_telegram)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def issue(
    db: Database, role: str, *, name: str = "Nguyễn Văn A", user: str | None = None, days: int = 30
) -> str:
    now = utcnow()
    with db.write() as session:
        _, token = api_tokens.issue(
            session,
            name=name,
            role=role,
            principal=user,
            expires_at=now + timedelta(days=days),
            created_by="test",
            now=now,
        )
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def history(db: Database, code: str) -> list[tuple[str, str]]:
    with db.session() as session:
        found = queries.get_submission(session, code=code)
        assert found is not None
        return [
            (h.status, h.by)
            for h in queries.submission_history(session, submission_id=found.id or 0)
        ]


def broadcast_count(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(Broadcast)).scalar_one())


def test_reviewer_token_reads_and_changes_status_and_history_names_the_person(
    client: TestClient, db: Database
) -> None:
    code = add_entries(db, 1)[0]
    token = issue(db, "reviewer", user="telegram:42")
    listed = client.get("/api/v1/submissions", headers=bearer(token))
    assert listed.status_code == 200
    assert [item["code"] for item in listed.json()["items"]] == [code]
    changed = client.post(
        f"/api/v1/submissions/{code}/status",
        json={"status": "under_review", "note": None},
        headers=bearer(token),
    )
    assert changed.status_code == 200, changed.text
    by = "api:Nguyễn Văn A (telegram:42)"
    assert changed.json()["history"][-1]["by"] == by
    assert history(db, code)[-1] == ("under_review", by)
    with db.session() as session:
        row = session.execute(select(ApiToken)).scalar_one()
    assert row.last_used_at is not None


def test_bootstrap_admin_token_still_works_and_is_recorded_as_api(
    client: TestClient, db: Database
) -> None:
    code = add_entries(db, 1)[0]
    response = client.post(
        f"/api/v1/submissions/{code}/status",
        json={"status": "under_review"},
        headers=bearer(ADMIN_TOKEN),
    )
    assert response.status_code == 200
    assert history(db, code)[-1] == ("under_review", "api")


def test_reviewer_token_cannot_announce_or_run_jobs(client: TestClient, db: Database) -> None:
    token = issue(db, "reviewer")
    body = {"text": "Tập huấn viết sáng kiến", "agencies": [], "channels": []}
    response = client.post("/api/v1/broadcasts", json=body, headers=bearer(token))
    assert response.status_code == 403
    assert broadcast_count(db) == 0
    assert client.post("/api/v1/jobs/digest/run", headers=bearer(token)).status_code == 403
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM job_run")).scalar_one() == 0


def test_admin_token_announces_under_its_holders_name(client: TestClient, db: Database) -> None:
    token = issue(db, "admin", name="Trần Thị B")
    body = {"text": "Tập huấn viết sáng kiến", "agencies": [], "channels": []}
    response = client.post("/api/v1/broadcasts", json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    with db.session() as session:
        created = session.execute(select(Broadcast)).scalar_one()
    assert created.created_by == "api:Trần Thị B"


def _revoked(db: Database) -> str:
    token = issue(db, "admin")
    with db.write() as session:
        api_tokens.revoke(session, ref=token[:11], now=utcnow())
    return token


def _expired(db: Database) -> str:
    return issue(db, "admin", days=-1)


def _tampered(db: Database) -> str:
    token = issue(db, "admin")
    return token[:-1] + ("A" if token[-1] != "A" else "B")  # right prefix, wrong secret


@pytest.mark.parametrize(
    "make", [_revoked, _expired, _tampered, lambda db: "sk_00000000_" + "x" * 43]
)
def test_bad_tokens_get_401_and_change_nothing(client: TestClient, db: Database, make) -> None:  # type: ignore[no-untyped-def]
    code = add_entries(db, 1)[0]
    token = make(db)
    before = history(db, code)
    status = client.post(
        f"/api/v1/submissions/{code}/status",
        json={"status": "under_review"},
        headers=bearer(token),
    )
    assert status.status_code == 401
    body = {"text": "Thông báo", "agencies": [], "channels": []}
    assert client.post("/api/v1/broadcasts", json=body, headers=bearer(token)).status_code == 401
    assert client.get("/api/v1/submissions", headers=bearer(token)).status_code == 401
    assert client.post("/api/v1/jobs/digest/run", headers=bearer(token)).status_code == 401
    dossier = f"/api/v1/submissions/{code}/dossier/application.docx"
    assert client.get(dossier, headers=bearer(token)).status_code == 401
    assert history(db, code) == before
    assert broadcast_count(db) == 0
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM job_run")).scalar_one() == 0


def test_tokens_are_stored_only_hashed(db: Database) -> None:
    token = issue(db, "admin", user="zalo:abc")
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM api_token")).mappings().all()
    assert len(rows) == 1
    stored = " ".join(str(value) for value in rows[0].values())
    secret = token[12:]
    assert secret not in stored and token not in stored
    assert rows[0]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert rows[0]["prefix"] == token[:11]


def test_api_off_without_any_token_then_on_with_a_personal_one(
    db_url: str, tmp_path: Path, fake_telegram: FakeTelegram, db: Database
) -> None:
    settings = review_settings(
        db_url, tmp_path / "data", fake_telegram, extra={"SANGKIEN_ADMIN__API_TOKEN": ""}
    )
    with TestClient(create_app(settings)) as off:
        assert off.get("/api/v1/submissions", headers=bearer("anything")).status_code == 404
        token = issue(db, "reviewer")
        assert off.get("/api/v1/submissions", headers=bearer(token)).status_code == 200
        assert off.get("/api/v1/submissions", headers=bearer("anything")).status_code == 401
        assert off.get("/api/v1/submissions", headers=bearer(ADMIN_TOKEN)).status_code == 401
    with db.session() as session:
        assert session.execute(select(col(StatusChange.id))).first() is None
