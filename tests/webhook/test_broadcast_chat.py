"""/thongbao from chat: preview and confirmation first, then delivery, «Đã đọc» and the report."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from storage.db import Database
from storage.models import Person
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_limits import SendLimits
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, make_settings
from tests.support.people import add_people
from tests.support.telegram_chat import TelegramUser
from webhook.app import create_app

ADMIN = 9001


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        telegram_url=fake_telegram.url,
        telegram_token=fake_telegram.token,
        extra={
            "SANGKIEN_SCHEDULER__QUIET_HOURS": "",
            "SANGKIEN_ROLES__ADMINS": f'["telegram:{ADMIN}"]',
        },
    )
    with TestClient(create_app(settings)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


def _user(client: TestClient, fake: FakeTelegram, user_id: int) -> TelegramUser:
    return TelegramUser(
        base_url="", secret=TELEGRAM_SECRET, fake=fake, user_id=user_id, client=client
    )


def _announcements(fake: FakeTelegram, chat: str) -> list[str]:
    return [t for t in fake.messages_to(chat) if t.startswith("📢")]


def test_admin_composes_previews_confirms_and_gets_the_report(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    crowd = add_people(db, channel="telegram", count=5, opted_out=1)
    admin = _user(client, fake_telegram, ADMIN)
    admin.act("command", "/thongbao")
    admin.wait_for_text("Soạn thông báo")
    admin.act("text", "Sở KH&CN mở lớp tập huấn viết sáng kiến lúc 8 giờ ngày 12/12.")
    admin.wait_for_text("ảnh hoặc tệp")
    for value in ("bc:skip", "bc:all", "bc:ch:telegram", "bc:now"):
        admin.act("choice", value)
    admin.wait_for_text("Số người sẽ nhận: 4")
    assert any("lớp tập huấn" in t and "quý vị" in t for t in admin.texts())  # the preview
    time.sleep(0.3)
    assert not any(_announcements(fake_telegram, c) for c in crowd.eligible)  # not before «Gửi»
    admin.act("choice", "bc:send")
    created = admin.wait_for_text(r"Đã tạo thông báo #\d+")
    broadcast_id = int(created.split("#")[1].split(",")[0])
    fake_telegram.wait_for(
        lambda: all(_announcements(fake_telegram, c) for c in crowd.eligible), 15
    )
    report = admin.wait_for_text("Kết quả thông báo", 15)
    assert "Đã gửi: 4" in report and "Đã tắt nhận thông báo: 1" in report
    assert not _announcements(fake_telegram, crowd.opted_out[0])

    reader = _user(client, fake_telegram, int(crowd.eligible[0]))
    reader.act("choice", f"bc:read:{broadcast_id}")
    reader.wait_for_text("đã đọc thông báo")
    body = client.get(f"/api/v1/broadcasts/{broadcast_id}").json()
    assert body["counts"]["read"] == 1 and body["counts"]["sent"] == 4
    assert all(len(_announcements(fake_telegram, c)) == 1 for c in crowd.eligible)


def test_only_admins_may_announce_and_anyone_may_opt_out(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    stranger = _user(client, fake_telegram, 4242)
    stranger.act("command", "/thongbao")
    stranger.wait_for_text("chỉ dành cho quản trị viên")
    stranger.act("command", "/tatthongbao")
    stranger.wait_for_text("đã tắt nhận thông báo")
    with db.session() as session:
        assert [p.subscribed for p in session.exec(select(Person))] == [False]
    stranger.act("command", "/batthongbao")
    stranger.wait_for_text("đã bật lại")
    with db.session() as session:
        assert [p.subscribed for p in session.exec(select(Person))] == [True]


def test_admin_abandons_the_draft_and_cancels_from_chat(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    add_people(db, channel="telegram", count=2)
    admin = _user(client, fake_telegram, ADMIN)
    admin.act("command", "/thongbao")
    admin.act("text", "Nội dung thử")
    admin.act("command", "/huy")
    admin.wait_for_text("Đã bỏ thông báo đang soạn")
    created = client.post(
        "/api/v1/broadcasts", json={"text": "Hạn nộp", "send_at": "2031-01-05T09:00:00+07:00"}
    ).json()
    admin.act("command", f"/huythongbao {created['id']}")
    admin.wait_for_text(f"Đã dừng thông báo #{created['id']}")
    assert client.get(f"/api/v1/broadcasts/{created['id']}").json()["status"] == "cancelled"
    assert not any(_announcements(fake_telegram, c) for c in ("100000", "100001"))


def test_a_reply_overtakes_a_running_announcement(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.rate_limit(SendLimits())  # Telegram's real limits
    add_people(db, channel="telegram", count=150)
    created = client.post("/api/v1/broadcasts", json={"text": "Tập huấn 12/12"}).json()
    fake_telegram.wait_for(lambda: len(fake_telegram.sent()) >= 30, 15)
    chatting = _user(client, fake_telegram, 777)
    waits = []
    for _ in range(3):
        before, started = len(chatting.texts()), time.monotonic()
        chatting.act("command", "/start")
        fake_telegram.wait_for(lambda n=before: len(chatting.texts()) > n, 5)
        waits.append(time.monotonic() - started)
    body = client.get(f"/api/v1/broadcasts/{created['id']}").json()
    assert body["status"] == "sending"  # the announcement was still going out meanwhile
    assert max(waits) < 2.0, waits
    assert not [c for c in fake_telegram.calls() if c.status == 429]
