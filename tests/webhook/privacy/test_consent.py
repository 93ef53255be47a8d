"""Consent first: before «Đồng ý» nothing a person typed is kept (not their platform name,
not their text), and «Không đồng ý» leaves no account behind: only update keys without
content, and the replies waiting to be sent."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlmodel import col

from bot.dialogue.catalogues import privacy
from storage.models import Conversation, Identity, Person, ProcessedUpdate
from tests.fakes import telegram_updates as tu
from tests.fakes import zalo_updates as zu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import TELEGRAM_SECRET
from tests.support.server import ServerProcess
from tests.support.sweep import database_hits, file_hits
from tests.support.telegram_chat import SECRET_HEADER, TelegramUser
from tests.support.web_chat import WebVisitor
from tests.support.zalo_chat import ZaloUser

TYPED = "Phạm Thị Mơ Sương 0903118274"  # what a stranger types before answering
TG_NAME, ZL_NAME = "Sương Mơ Thị", "Mơ Sương Zalo"
MARKERS = [TYPED, "0903118274", TG_NAME, ZL_NAME]
_ids = itertools.count(700_000)


def _telegram(user: TelegramUser, **content: Any) -> None:
    update = tu.message_update(next(_ids), user.user_id, **content)
    update["message"]["from"]["first_name"] = TG_NAME
    update["message"]["chat"]["first_name"] = TG_NAME
    assert user.post(update).status_code == 200


def _counts(db_url: str) -> dict[str, int]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return {
                model.__name__: int(conn.execute(select(func.count()).select_from(model)).scalar())  # type: ignore[arg-type]
                for model in (Person, Identity, Conversation, ProcessedUpdate)
            }
    finally:
        engine.dispose()


def _wait(predicate: Any, what: str, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := predicate():
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_typed_text_and_names_are_not_kept_before_consent_and_declining_leaves_no_account(
    server: ServerProcess, fakes: tuple[FakeTelegram, FakeZaloApi], db_url: str, tmp_path: Path
) -> None:
    telegram_fake, zalo_fake = fakes
    tg = TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=telegram_fake,
                      user_id=7711001)  # fmt: skip
    zalo = ZaloUser(base_url=server.url, fake=zalo_fake, user_id="8899001")
    web = WebVisitor(server.url)

    _telegram(tg, text=TYPED)
    assert zalo.post(zu.text_event(zalo.user_id, TYPED, display_name=ZL_NAME)).status_code == 200
    web.act("text", TYPED)
    _telegram(tg, text=TYPED)  # still no consent: asked again, kept nowhere
    assert [m["text"] for m in web.transcript() if m["role"] == "user"] == []
    assert database_hits(db_url, MARKERS) == []

    tg.act("choice", "consent:no")
    zalo.say("2")  # Không đồng ý
    web.act("choice", "consent:no")
    declined = re.escape(privacy.DECLINED[:60])
    tg.wait_for_text(declined)
    zalo.wait_for_text(declined)
    assert any(privacy.DECLINED[:60] in t for t in web.bot_texts())
    assert "7 ngày" in tg.texts()[-1] and "30 ngày" in tg.texts()[-1]

    _wait(lambda: _counts(db_url)["Person"] == 0, "the accounts forgotten")
    counts = _counts(db_url)
    assert counts["Identity"] == counts["Conversation"] == 0
    assert counts["ProcessedUpdate"] == 7  # the dedupe keys stay, with no content
    assert database_hits(db_url, MARKERS) == []
    assert file_hits(tmp_path / "data", MARKERS) == []
    engine = create_engine(db_url)
    with engine.connect() as conn:
        outbox = conn.execute(text("select identity_id from outbox")).scalars().all()
        keys = conn.execute(select(col(ProcessedUpdate.key))).scalars().all()
    engine.dispose()
    assert outbox and set(outbox) == {None}  # the replies name no account
    assert all(re.fullmatch(r"(telegram:\d+|zalo:[\w.]+:\w+|web:[\w-]+:\w+)", k) for k in keys)

    # «Đồng ý» under the decline message starts the profile at once, on a fresh account.
    tg.act("choice", "consent:yes")
    tg.wait_for_text("Họ và tên")
    with httpx.Client() as client:  # a redelivery of a forgotten update has no effect
        again = client.post(f"{server.url}/webhook/telegram",
                            json=tu.text_update(tg.last_update_id, tg.user_id, TYPED),
                            headers={SECRET_HEADER: TELEGRAM_SECRET})  # fmt: skip
    assert again.status_code == 200
    assert database_hits(db_url, MARKERS) == []
    web.close()

