"""Reviewers act in chat (buttons under the digest, typed commands); nobody else can."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storage import roles
from storage.db import Database
from storage.types import utcnow
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET
from tests.support.entries import add_entries
from tests.support.review import (
    GROUP,
    REVIEWER,
    review_settings,
    statuses,
    texts_after,
    wait_delivered,
    wait_outbox_drained,
)
from webhook.app import create_app

AUTHOR = "5001"
MEMBER = 888  # writes in the council's group, which is a reviewer chat
STRANGER = 4242  # an ordinary user
_ids = itertools.count(50_000)


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


def press(client: TestClient, user: int, data: str, chat: int | None = None) -> None:
    _post(client, tu.callback_update(next(_ids), user, data, chat_id=chat))


def say(client: TestClient, user: int, text: str, chat: int | None = None) -> None:
    if text.startswith("/"):
        command, _, argument = text[1:].partition(" ")
        _post(client, tu.command_update(next(_ids), user, command, argument, chat_id=chat))
    else:
        _post(client, tu.text_update(next(_ids), user, text, chat_id=chat))


class Chat:
    """Replies read back from the fake: each `reply()` waits for the next new message.

    The count of messages already there is taken once the chat's outbox is drained, so a
    message enqueued earlier but delivered late is never mistaken for the next reply."""

    def __init__(self, fake: FakeTelegram, db: Database, chat: str | int) -> None:
        wait_outbox_drained(db, "telegram", chat)
        self.fake, self.chat = fake, chat
        self.seen = len(fake.messages_to(chat))

    def reply(self) -> str:
        texts = texts_after(self.fake, self.chat, self.seen + 1)
        self.seen = len(texts)
        return texts[-1]


def history(client: TestClient, code: str) -> list[tuple[str, str, str | None]]:
    entry = client.get(f"/api/v1/submissions/{code}").json()
    return [(h["status"], h["by"], h["note"]) for h in entry["history"]]


def test_the_council_works_through_the_digest_buttons_in_its_group(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    code = add_entries(db, 1)[0]
    assert client.post("/api/v1/jobs/digest/run").status_code == 200
    wait_delivered(db)
    listing = next(s for s in fake_telegram.sent(GROUP) if code in (s.text or ""))
    assert _callbacks(listing.params) == [f"rv:xemxet:{code}", f"rv:xem:{code}"]
    group, author = Chat(fake_telegram, db, GROUP), Chat(fake_telegram, db, AUTHOR)

    press(client, MEMBER, f"rv:xemxet:{code}", chat=int(GROUP))
    assert f"Đã chuyển {code} sang «Đang xem xét»" in group.reply()
    assert "Trạng thái mới: Đang xem xét." in author.reply()

    press(client, MEMBER, f"rv:xem:{code}", chat=int(GROUP))
    assert "Anh/chị chọn thao tác" in group.reply()
    offered = _callbacks(fake_telegram.sent(GROUP)[-1].params)
    assert f"rv:bosung:{code}" in offered and f"rv:congnhan:{code}" in offered
    assert f"rv:tiepthu:{code}" not in offered  # hiến kế only

    press(client, MEMBER, f"rv:bosung:{code}", chat=int(GROUP))
    assert "nhập nội dung cần sửa đổi, bổ sung" in group.reply()
    say(client, MEMBER, "Bổ sung số liệu trước và sau khi áp dụng.", chat=int(GROUP))
    assert "sang «Cần bổ sung»" in group.reply()
    assert "Ghi chú của Hội đồng: Bổ sung số liệu trước và sau khi áp dụng." in author.reply()
    assert history(client, code)[-2:] == [
        ("under_review", f"telegram:{MEMBER}", None),
        ("needs_revision", f"telegram:{MEMBER}", "Bổ sung số liệu trước và sau khi áp dụng."),
    ]


def _callbacks(params: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for row in params["reply_markup"]["inline_keyboard"] for b in row]


def test_a_reviewer_types_commands_and_may_cancel_a_note(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    sk, hk = add_entries(db, 2, kind="mixed")
    reviewer, chat = int(REVIEWER), Chat(fake_telegram, db, REVIEWER)
    say(client, reviewer, f"duyet {hk}")
    assert f"Đã chuyển {hk} sang «Được tiếp thu»" in chat.reply()
    say(client, reviewer, f"/khongcongnhan {sk}")
    assert "nhập lý do không công nhận" in chat.reply()
    say(client, reviewer, "/huy")
    assert "trạng thái không đổi" in chat.reply()
    say(client, reviewer, f"Không công nhận {sk}: trùng với sáng kiến đã công nhận năm 2024")
    assert "sang «Không được công nhận»" in chat.reply()
    assert statuses(db, [sk, hk]) == {sk: "not_recognized", hk: "adopted"}
    assert history(client, sk)[-1][2] == "trùng với sáng kiến đã công nhận năm 2024"
    say(client, reviewer, f"duyet {hk}")  # already decided: refused with the reason
    assert "đã ở trạng thái «Được tiếp thu»" in chat.reply()
    say(client, reviewer, "duyet SK-2026-09999")
    assert "Không tìm thấy hồ sơ SK-2026-09999" in chat.reply()


@pytest.mark.parametrize(
    ("kind", "value", "chat"),
    [
        ("press", "rv:congnhan:{code}", None),  # a forged button in a private chat
        ("press", "rv:xemxet:{code}", -100999),  # a button pressed in some other group
        ("say", "duyet {code}", None),
        ("say", "/duyet {code}", None),
        ("say", "Không công nhận {code} vì tôi muốn thế", None),
    ],
)
def test_an_ordinary_user_cannot_act_as_a_reviewer(
    client: TestClient,
    db: Database,
    fake_telegram: FakeTelegram,
    kind: str,
    value: str,
    chat: int | None,
) -> None:
    code = add_entries(db, 1)[0]
    replies = Chat(fake_telegram, db, chat or STRANGER)
    action = press if kind == "press" else say
    action(client, STRANGER, value.format(code=code), chat)
    assert "chỉ dành cho thành viên Hội đồng" in replies.reply()
    assert statuses(db, [code]) == {code: "submitted"}
    assert [h[0] for h in history(client, code)] == ["submitted"]
    assert fake_telegram.messages_to(AUTHOR) == []


def test_granted_and_revoked_reviewers(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    first, second = add_entries(db, 2)
    chat = Chat(fake_telegram, db, STRANGER)
    with db.write() as session:
        roles.grant(
            session, role="reviewer", principal=f"telegram:{STRANGER}", by="test", now=utcnow()
        )
    say(client, STRANGER, f"xemxet {first}")
    assert "sang «Đang xem xét»" in chat.reply()
    with db.write() as session:
        assert roles.revoke(
            session, role="reviewer", principal=f"telegram:{STRANGER}", now=utcnow()
        )
    say(client, STRANGER, f"xemxet {second}")
    assert "chỉ dành cho thành viên Hội đồng" in chat.reply()
    assert statuses(db, [first, second]) == {first: "under_review", second: "submitted"}


def test_the_group_stays_quiet_for_chatter_and_answers_commands_with_help(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    group = Chat(fake_telegram, db, GROUP)
    say(client, MEMBER, "Mọi người xem giúp hồ sơ hôm nay nhé", chat=int(GROUP))
    say(client, MEMBER, "/start", chat=int(GROUP))
    assert "Lệnh dành cho Hội đồng" in group.reply()
    assert len(fake_telegram.messages_to(GROUP)) == 1


def test_only_reviewers_get_the_reviewer_help(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    reviewer, stranger = Chat(fake_telegram, db, REVIEWER), Chat(fake_telegram, db, STRANGER)
    say(client, int(REVIEWER), "/hoidong")
    help_text = reviewer.reply()
    assert "Lệnh dành cho Hội đồng" in help_text and "/dangnhap" in help_text
    say(client, STRANGER, "/hoidong")
    assert "chỉ dành cho thành viên Hội đồng" in stranger.reply()
