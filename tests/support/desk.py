"""Reviewers' desk helpers: ask for /dangnhap over the real webhook, sign in, read forms."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import TELEGRAM_SECRET
from tests.support.entries import UNITS
from tests.support.review import REVIEWER, review_settings, texts_after
from webhook.app import create_app
from webhook.config import CouncilConfig, Settings

COUNCIL_A = "Hội đồng sáng kiến xã Bình Sơn"  # the first unit's council

LINK = re.compile(r"(https?://\S+/admin/dangnhap)#([A-Za-z0-9_-]+)")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
_ids = itertools.count(90_000)


def ask_link(client: TestClient, fake: FakeTelegram, user: int, chat: int | None = None) -> str:
    """The reply to /dangnhap from `user` (the newest message in their chat)."""
    before = len(fake.messages_to(str(chat or user)))
    update = tu.command_update(next(_ids), user, "dangnhap", chat_id=chat)
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    assert client.post("/webhook/telegram", json=update, headers=headers).status_code == 200
    return texts_after(fake, chat or user, before + 1)[-1]


def link_token(message: str) -> str:
    found = LINK.search(message)
    assert found is not None, message
    return found.group(2)


def csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found is not None, html[:500]
    return found.group(1)


def sign_in(client: TestClient, token: str) -> int:
    """Open the sign-in page and send the code as the page's script would; the status code."""
    form = client.get("/admin/dangnhap")
    assert form.status_code == 200
    response = client.post(
        "/admin/dangnhap",
        data={"token": token, "csrf": csrf(form.text)},
        follow_redirects=False,
    )
    return response.status_code


def signed_in(client: TestClient, fake: FakeTelegram, user: int) -> None:
    assert sign_in(client, link_token(ask_link(client, fake, user))) == 303


def desk_settings(
    db_url: str,
    data_dir: Path,
    fake: FakeTelegram,
    *,
    admin: int,
    member: int,
    extra: dict[str, str] | None = None,
) -> Settings:
    """The desk as most of its tests see it: one reviewer, one admin, and council A (the
    first unit's, cấp cơ sở) with one member."""
    settings = review_settings(
        db_url,
        data_dir,
        fake,
        reviewers=f'["telegram:{REVIEWER}"]',
        extra={"SANGKIEN_ROLES__ADMINS": f'["telegram:{admin}"]', **(extra or {})},
    )
    council_a = CouncilConfig(
        name=COUNCIL_A, level="co_so", units=[UNITS[0]], members=[f"telegram:{member}"]
    )
    return settings.model_copy(update={"councils": [council_a]})


@contextmanager
def desk_client(settings: Settings, *, paced: bool = False) -> Iterator[TestClient]:
    """The app in a TestClient; unpaced unless asked, so notices reach the fake at once."""
    with TestClient(create_app(settings)) as client:
        if not paced:
            client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        yield client
