"""Every desk page in real Chromium at 1366×768 and 375 px: labels, contrast, no sideways
scroll on a phone, a visible focus ring, and Tab reaches each page's main action."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect, sync_playwright

from bot.admin import announcements, councils, tokens
from storage.db import Database
from storage.migrate import upgrade
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support import a11y
from tests.support.apps import TELEGRAM_SECRET, config_sections
from tests.support.desk import LINK
from tests.support.entries import add_entries
from tests.support.review import texts_after
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser
from tests.webhook.test_webchat_browser import CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_path"]

ADMIN = 900
VIEWPORTS = {"office": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 740}}
# page → the name of the main action that Tab must reach
PAGES = {
    "/admin": "Lọc",
    "/admin/hoso/{code}": "Chuyển trạng thái và báo tác giả",
    "/admin/thongke": "Tải số liệu (CSV)",
    "/admin/quantri/vaitro": "Cấp vai trò",
    "/admin/quantri/hoidong": "Thêm Hội đồng",
    "/admin/quantri/ma-api": "Tạo mã",
    "/admin/quantri/thongbao": "Lên lịch gửi thông báo",
    "/admin/quantri/nhatky": "Đăng xuất",
}


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def server(tmp_path: Path, fake: FakeTelegram) -> Iterator[tuple[ServerProcess, str]]:
    url = f"sqlite:///{tmp_path}/desk.db"
    db = Database(url)
    upgrade(db.engine)
    code = add_entries(db, 12, kind="mixed")[0]
    now = utcnow()
    with db.write() as session:
        councils.add_member(
            session,
            council="Hội đồng sáng kiến Sở Y tế",
            member="telegram:777",
            level="co_so",
            units=["Sở Y tế", "Bệnh viện Đa khoa tỉnh"],
            by="cli",
            now=now,
        )
        tokens.create(
            session, name="Nguyễn Văn An", role="reviewer", principal="zalo:123",
            expires_days=90, by="cli", now=now,
        )  # fmt: skip
        announcements.create(
            session,
            text="Kính gửi quý vị: lớp tập huấn viết sáng kiến sáng thứ Năm tại Sở KH&CN.",
            agencies=["Sở Y tế"],
            channels=["telegram", "zalo"],
            send_at=now + timedelta(days=2),
            by="cli",
            now=now,
        )
    db.dispose()
    sections = config_sections(
        url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["roles"] = {"admins": [f"telegram:{ADMIN}"], "reviewers": ["telegram:777"]}
    sections["scheduler"] = {"enabled": False}
    with ServerProcess(write_config(tmp_path / "config.toml", sections)) as process:
        yield process, code


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _signed_in(browser: Any, server: ServerProcess, fake: FakeTelegram) -> Any:
    admin = TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=ADMIN)
    assert admin.act("command", "dangnhap").status_code == 200
    found = LINK.search(texts_after(fake, ADMIN, 1)[-1])
    assert found is not None
    page = browser.new_page(viewport=VIEWPORTS["office"])
    page.goto(found.group(0))
    assert a11y.problems(page) == []  # the sign-in page too
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Hồ sơ cần xử lý")).to_be_visible()
    return page.context.storage_state()


def test_every_desk_page_is_labelled_readable_and_keyboard_usable_on_pc_and_phone(
    server: tuple[ServerProcess, str], fake: FakeTelegram, browser: Any
) -> None:
    process, code = server
    state = _signed_in(browser, process, fake)
    for size, viewport in VIEWPORTS.items():
        page = browser.new_page(viewport=viewport, storage_state=state)
        for path, action in PAGES.items():
            response = page.goto(process.url + path.format(code=code))
            assert response is not None and response.status == 200, path
            assert a11y.problems(page) == [], (size, path)
            focused = a11y.tab_through(page)
            assert focused and focused[0]["name"] == "Bỏ qua, đến nội dung chính", (size, path)
            assert [f for f in focused if not f["ring"]] == [], (size, path)
            assert any(f["name"] == action for f in focused), (size, path, focused[-5:])
        page.close()


def test_the_checks_catch_a_broken_page(
    server: tuple[ServerProcess, str], fake: FakeTelegram, browser: Any
) -> None:
    """What the checks would say about a page with the usual mistakes."""
    process, _code = server
    page = browser.new_page(
        viewport=VIEWPORTS["phone"], storage_state=_signed_in(browser, process, fake)
    )
    page.goto(process.url + "/admin/quantri/vaitro")
    # (through the DOM: the desk's Content-Security-Policy refuses inline styles)
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        const add = (tag, words) => { const el = document.createElement(tag);
          el.textContent = words; main.appendChild(el); return el; };
        add('input', '').name = 'x';
        add('button', '');
        add('p', 'nhạt').style.color = '#999';
        add('div', 'rộng').style.width = '900px';
        for (const b of document.querySelectorAll('button')) {
          b.addEventListener('focus', () => { b.style.setProperty('outline', 'none', 'important');
            b.style.setProperty('box-shadow', 'none', 'important'); });
        }
    }"""
    )
    found = a11y.problems(page)
    assert any(p.startswith("unlabelled: <input") for p in found)
    assert any(p.startswith("unlabelled: <button") for p in found)
    assert any(p.startswith("contrast: P «nhạt»") for p in found)
    assert any(p.startswith("horizontal scroll") for p in found)
    tabbed = a11y.tab_through(page)
    assert any(not f["ring"] for f in tabbed if f["tag"] == "BUTTON"), tabbed


def test_a_revoke_asks_first_and_a_no_keeps_the_token(
    server: tuple[ServerProcess, str], fake: FakeTelegram, browser: Any
) -> None:
    process, _code = server
    page = browser.new_page(
        viewport=VIEWPORTS["office"], storage_state=_signed_in(browser, process, fake)
    )
    page.goto(process.url + "/admin/quantri/ma-api")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Thu hồi mã").click()
    expect(page.get_by_role("cell", name="đang dùng")).to_be_visible()
    assert asked and asked[0].startswith("Thu hồi mã sk_") and "Nguyễn Văn An" in asked[0]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Thu hồi mã").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thu hồi mã")
    expect(page.get_by_role("cell", name="đã thu hồi")).to_be_visible()
