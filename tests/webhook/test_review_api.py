"""POST /api/v1/submissions/{code}/status: legal changes recorded and told; illegal refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storage import queries
from storage.db import Database
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN
from tests.support.entries import add_entries
from tests.support.review import review_settings, texts_after
from webhook.app import create_app

AUTHOR = "5001"


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(db_url, tmp_path / "data", fake_telegram)
    with TestClient(create_app(settings)) as test_client:
        test_client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


def _status(
    client: TestClient, code: str, status: str, note: str | None = None
) -> tuple[int, dict]:
    response = client.post(
        f"/api/v1/submissions/{code}/status", json={"status": status, "note": note}
    )
    return response.status_code, response.json()


def test_needs_revision_is_recorded_and_the_author_is_told_what_to_do(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    code = add_entries(db, 1)[0]
    status, body = _status(client, code, "needs_revision", "Bổ sung số liệu trước/sau khi áp dụng.")
    assert status == 200
    assert body["status"] == "needs_revision"
    assert [(h["status"], h["by"], h["note"]) for h in body["history"]] == [
        ("submitted", f"telegram:{AUTHOR}", None),
        ("needs_revision", "api", "Bổ sung số liệu trước/sau khi áp dụng."),
    ]
    notice = texts_after(fake_telegram, AUTHOR, 1)[-1]
    assert f"Sáng kiến {code}" in notice
    assert "Trạng thái mới: Cần bổ sung." in notice
    assert "Ghi chú của Hội đồng: Bổ sung số liệu trước/sau khi áp dụng." in notice
    assert f"/bosunghoso {code}" in notice
    sent = fake_telegram.sent(AUTHOR)[-1]
    keyboard = sent.params["reply_markup"]["inline_keyboard"]
    assert keyboard == [[{"text": "Bổ sung hồ sơ", "callback_data": f"revise:{code}"}]]


@pytest.mark.parametrize(
    ("kind", "steps", "expected"),
    [
        ("sang_kien", ["under_review", "recognized"], "Được công nhận (cấp cơ sở)"),
        ("sang_kien", ["recognized", "recognized_provincial"], "cấp tỉnh"),
        ("hien_ke", ["under_review", "adopted"], "Được tiếp thu"),
    ],
)
def test_decisions_reach_the_author(
    client: TestClient,
    db: Database,
    fake_telegram: FakeTelegram,
    kind: str,
    steps: list[str],
    expected: str,
) -> None:
    code = add_entries(db, 1, kind=kind)[0]
    for step in steps:
        assert _status(client, code, step)[0] == 200
    texts = texts_after(fake_telegram, AUTHOR, len(steps))
    assert expected in texts[-1]
    assert code in texts[-1]


@pytest.mark.parametrize(
    ("kind", "first", "target", "reason"),
    [
        ("sang_kien", None, "adopted", "không áp dụng cho sáng kiến"),
        ("hien_ke", None, "recognized", "không áp dụng cho hiến kế"),
        ("sang_kien", "recognized", "submitted", "chỉ tác giả"),
        ("sang_kien", None, "forwarded", "do hệ thống đặt"),
        ("sang_kien", "archived", "under_review", "không thể chuyển từ «Lưu trữ»"),
        ("sang_kien", None, "submitted", "đã ở trạng thái"),
    ],
)
def test_illegal_transitions_are_refused_with_the_reason(
    client: TestClient, db: Database, kind: str, first: str | None, target: str, reason: str
) -> None:
    code = add_entries(db, 1, kind=kind)[0]
    if first:
        assert _status(client, code, first)[0] == 200
    status, body = _status(client, code, target, "ghi chú")
    assert status == 409
    assert body["detail"]["error"] == "illegal_transition"
    assert reason in body["detail"]["reason"]
    history = client.get(f"/api/v1/submissions/{code}").json()["history"]
    assert len(history) == (2 if first else 1)  # nothing recorded for the refusal


def test_bad_requests(client: TestClient, db: Database, fake_telegram: FakeTelegram) -> None:
    code = add_entries(db, 1)[0]
    assert _status(client, code, "not_recognized")[0] == 422  # a reason is required
    assert _status(client, code, "approved")[0] == 422  # no such status
    assert _status(client, "SK-2026-99999", "under_review")[0] == 404
    unauthorised = client.post(
        f"/api/v1/submissions/{code}/status",
        json={"status": "under_review"},
        headers={"Authorization": "Bearer wrong"},
    )
    assert unauthorised.status_code == 401
    assert fake_telegram.messages_to(AUTHOR) == []


def test_jobs_run_endpoint(client: TestClient, db: Database) -> None:
    add_entries(db, 2)
    response = client.post("/api/v1/jobs/digest/run")
    assert response.status_code == 200
    assert response.json()["outcome"].startswith("batch 1: 2 entries")
    assert client.post("/api/v1/jobs/nope/run").status_code == 404


def test_a_web_chat_author_reads_the_notice_in_their_transcript(
    client: TestClient, db: Database
) -> None:
    code = add_entries(db, 1, channel="web", first_user=9)[0]
    assert _status(client, code, "under_review")[0] == 200
    with db.session() as session:
        transcript = queries.web_messages(session, chat_id="9")
    assert [m.role for m in transcript] == ["bot"]
    assert f"Sáng kiến {code}" in transcript[0].payload["text"]
    assert "Trạng thái mới: Đang xem xét." in transcript[0].payload["text"]
