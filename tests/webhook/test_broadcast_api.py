"""POST/GET /api/v1/broadcasts and the CLI against the real app and the fake Telegram."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cli import main as cli
from storage.db import Database
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, make_settings
from tests.support.people import add_people
from webhook.app import create_app
from webhook.config import Settings

NO_QUIET = {"SANGKIEN_SCHEDULER__QUIET_HOURS": ""}  # tests run at any hour


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        telegram_url=fake_telegram.url,
        telegram_token=fake_telegram.token,
        extra=NO_QUIET,
    )
    with TestClient(create_app(settings)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


def _wait_done(client: TestClient, broadcast_id: int, timeout: float = 20) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/broadcasts/{broadcast_id}").json()
        if body["status"] in ("done", "cancelled"):
            return dict(body)
        time.sleep(0.1)
    raise AssertionError(f"announcement {broadcast_id} not done: {body}")


def test_create_follow_and_counts_match_the_platform(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    crowd = add_people(db, channel="telegram", count=12, opted_out=2, unreachable=1)
    fake_telegram.block_chat(crowd.eligible[0])
    response = client.post(
        "/api/v1/broadcasts",
        json={"text": "Tập huấn viết sáng kiến 12/12", "agencies": [], "channels": []},
    )
    assert response.status_code == 201, response.text
    body = _wait_done(client, response.json()["id"])
    counts = body["counts"]
    assert isinstance(counts, dict)
    accepted = {s.chat_id for s in fake_telegram.sent() if s.method == "sendMessage"}
    assert accepted == set(crowd.eligible[1:])
    assert counts["sent"] == len(accepted) == 8
    assert counts["unreachable"] == 2 and counts["opted_out"] == 2
    message = fake_telegram.sent(crowd.eligible[1])[0]
    assert "Tập huấn viết sáng kiến 12/12" in (message.text or "")
    assert "quý vị" in (message.text or "")
    keyboard = message.params["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["callback_data"] == f"bc:read:{body['id']}"


def test_bad_requests_are_refused_and_unknown_ids_are_404(client: TestClient) -> None:
    assert client.post("/api/v1/broadcasts", json={"text": " "}).status_code == 422
    too_long = client.post("/api/v1/broadcasts", json={"text": "x" * 1600})
    assert too_long.status_code == 422
    assert (
        client.post("/api/v1/broadcasts", json={"text": "a", "channels": ["sms"]}).status_code
        == 422
    )
    naive = client.post("/api/v1/broadcasts", json={"text": "a", "send_at": "2030-01-01T08:00:00"})
    assert naive.status_code == 422
    assert client.get("/api/v1/broadcasts/999").status_code == 404
    assert client.post("/api/v1/broadcasts/999/cancel").status_code == 404
    del client.headers["Authorization"]
    assert client.post("/api/v1/broadcasts", json={"text": "a"}).status_code == 401


def test_scheduled_then_cancelled_sends_nothing(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    add_people(db, channel="telegram", count=3)
    created = client.post(
        "/api/v1/broadcasts", json={"text": "Hạn nộp 31/12", "send_at": "2031-01-05T09:00:00+07:00"}
    ).json()
    assert client.get(f"/api/v1/broadcasts/{created['id']}").json()["status"] == "scheduled"
    cancelled = client.post(f"/api/v1/broadcasts/{created['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    time.sleep(0.3)
    assert not fake_telegram.calls("sendMessage")


def test_cli_sends_in_the_foreground_with_a_progress_bar(
    telegram_settings: Settings,
    db: Database,
    fake_telegram: FakeTelegram,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crowd = add_people(db, channel="telegram", count=6, opted_out=1)
    for key, value in (_env(telegram_settings) | NO_QUIET).items():
        monkeypatch.setenv(key, value)
    assert (
        cli.main(["broadcast", "send", "--text", "Tập huấn ngày 5/12", "--channel", "telegram"])
        == 0
    )
    out = capsys.readouterr()
    assert "done" in out.out
    accepted = {s.chat_id for s in fake_telegram.sent() if s.method == "sendMessage"}
    assert accepted == set(crowd.eligible)
    assert cli.main(["broadcast", "status", "1"]) == 0
    assert "sent        5" in capsys.readouterr().out


def _env(settings: Settings) -> dict[str, str]:
    return {
        "SANGKIEN_DATABASE__URL": settings.database.url,
        "SANGKIEN_SERVER__DATA_DIR": settings.server.data_dir,
        "SANGKIEN_TELEGRAM__ENABLED": "true",
        "SANGKIEN_TELEGRAM__TOKEN": settings.telegram.token,
        "SANGKIEN_TELEGRAM__API_URL": settings.telegram.api_url,
    }
