"""Cần bổ sung: the author reopens the entry in chat, amends it, resubmits under the same code."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storage.db import Database
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET
from tests.support.entries import add_entries
from tests.support.review import REVIEWER, review_settings, texts_after
from webhook.app import create_app

AUTHOR = 5001
NOTE = "Đề nghị ghi rõ lĩnh vực áp dụng."
_ids = itertools.count(70_000)


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(db_url, tmp_path / "data", fake_telegram)
    with TestClient(create_app(settings)) as test_client:
        test_client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


def _post(client: TestClient, update: dict[str, Any]) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    assert client.post("/webhook/telegram", json=update, headers=headers).status_code == 200


def act(client: TestClient, fake: FakeTelegram, kind: str, value: str, replies: int = 1) -> str:
    """One action of the author; the last of the bot's `replies` new messages."""
    before = len(fake.messages_to(AUTHOR))
    if kind == "press":
        _post(client, tu.callback_update(next(_ids), AUTHOR, value))
    elif kind == "command":
        command, _, argument = value.partition(" ")
        _post(client, tu.command_update(next(_ids), AUTHOR, command, argument))
    else:
        _post(client, tu.text_update(next(_ids), AUTHOR, value))
    return texts_after(fake, AUTHOR, before + replies)[-1]


def _send_back(client: TestClient, fake: FakeTelegram, code: str) -> None:
    response = client.post(
        f"/api/v1/submissions/{code}/status", json={"status": "needs_revision", "note": NOTE}
    )
    assert response.status_code == 200
    fake.wait_for(lambda: any(NOTE in t and code in t for t in fake.messages_to(AUTHOR)))


def test_reopen_amend_and_resubmit_under_the_same_code(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    code = add_entries(db, 1)[0]
    _send_back(client, fake_telegram, code)

    opened = act(client, fake_telegram, "press", f"revise:{code}")
    assert f"Anh/chị đang bổ sung hồ sơ {code}" in opened
    assert f"Hội đồng đề nghị: {NOTE}" in opened
    assert "Cải cách hành chính" in opened  # the stored answers are on the review screen
    act(client, fake_telegram, "press", "review:edit")
    act(client, fake_telegram, "press", "edit:field")
    review = act(client, fake_telegram, "text", "Cải cách hành chính cấp xã")
    assert "Cải cách hành chính cấp xã" in review
    done = act(client, fake_telegram, "press", "review:submit")
    assert f"Đã gửi lại hồ sơ {code}" in done

    entry = client.get(f"/api/v1/submissions/{code}").json()
    assert entry["status"] == "submitted"
    assert entry["fields"]["field"] == "Cải cách hành chính cấp xã"
    assert [(h["status"], h["by"]) for h in entry["history"]] == [
        ("submitted", f"telegram:{AUTHOR}"),
        ("needs_revision", "api"),
        ("submitted", f"telegram:{AUTHOR}"),
    ]
    assert client.get("/api/v1/submissions").json()["total"] == 1  # no new entry
    told = fake_telegram.wait_for(
        lambda: [t for t in fake_telegram.messages_to(REVIEWER) if "bổ sung và gửi lại" in t]
    )
    assert code in told[0] and "Các mục đã sửa: Lĩnh vực" in told[0]


def test_typed_command_and_nothing_to_reopen(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    first, second = add_entries(db, 2)
    assert "không có hồ sơ nào" in act(client, fake_telegram, "command", "bosunghoso")
    _send_back(client, fake_telegram, first)
    _send_back(client, fake_telegram, second)
    act(client, fake_telegram, "command", "bosunghoso", replies=2)  # the list, then the menu
    listing = fake_telegram.sent(AUTHOR)[-2]
    assert "Anh/chị có 2 hồ sơ cần bổ sung" in (listing.text or "")
    buttons = listing.params["reply_markup"]["inline_keyboard"]
    assert [b["callback_data"] for row in buttons for b in row] == [
        f"revise:{second}",
        f"revise:{first}",
    ]
    opened = act(client, fake_telegram, "command", f"bosunghoso {second}")
    assert f"đang bổ sung hồ sơ {second}" in opened
    refused = act(client, fake_telegram, "press", "revise:SK-2026-00099")
    assert "không ở trạng thái «Cần bổ sung»" in refused


def test_a_resubmission_after_the_entry_moved_on_is_refused(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    code = add_entries(db, 1)[0]
    _send_back(client, fake_telegram, code)
    act(client, fake_telegram, "press", f"revise:{code}")
    told = len(fake_telegram.messages_to(AUTHOR))
    archived = client.post(f"/api/v1/submissions/{code}/status", json={"status": "archived"})
    assert archived.status_code == 200
    assert "Trạng thái mới: Lưu trữ." in texts_after(fake_telegram, AUTHOR, told + 1)[-1]
    refused = act(client, fake_telegram, "press", "review:submit")
    assert f"Chưa gửi lại được hồ sơ {code}" in refused
    assert client.get(f"/api/v1/submissions/{code}").json()["status"] == "archived"
