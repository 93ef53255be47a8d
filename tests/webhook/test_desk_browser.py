"""The reviewers' desk in real headless Chromium: /dangnhap link, filters, scoring, a status change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect, sync_playwright

from storage.db import Database
from storage.migrate import upgrade
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import TELEGRAM_SECRET, config_sections
from tests.support.desk import LINK
from tests.support.entries import add_entries
from tests.support.review import texts_after
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser
from tests.webhook.test_webchat_browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_path"]  # the fixture, shared with the web chat's browser test

REVIEWER = 777
AUTHOR = "5001"
OFFICE = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def server(tmp_path: Path, fake: FakeTelegram) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path}/desk.db"
    db = Database(url)
    upgrade(db.engine)
    add_entries(db, 24, kind="mixed")
    db.dispose()
    sections = config_sections(
        url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["roles"] = {"reviewers": [f"telegram:{REVIEWER}"]}
    sections["scheduler"] = {"enabled": False}
    with ServerProcess(write_config(tmp_path / "config.toml", sections)) as process:
        yield process


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_a_reviewer_signs_in_from_telegram_filters_and_changes_a_status(
    server: ServerProcess, fake: FakeTelegram, browser: Any
) -> None:
    reviewer = TelegramUser(
        base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=REVIEWER
    )
    assert reviewer.act("command", "dangnhap").status_code == 200
    message = texts_after(fake, REVIEWER, 1)[-1]
    found = LINK.search(message)
    assert found is not None and found.group(1) == f"{server.url}/admin/dangnhap"
    ARTIFACTS.mkdir(exist_ok=True)

    page = browser.new_page(viewport=OFFICE)
    page.goto(found.group(0))
    expect(page.get_by_label("Mã đăng nhập (có sẵn khi mở từ liên kết)")).not_to_have_value("")
    assert "#" not in page.url  # the code left the address bar
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Hồ sơ cần xử lý")).to_be_visible()
    expect(page.get_by_role("link", name="Tất cả: 24")).to_be_visible()

    page.get_by_label("Tìm theo tên, mã hồ sơ (có dấu hoặc không dấu)").fill("so hoa tai su dung")
    page.get_by_label("Loại").select_option("sang_kien")
    page.get_by_role("button", name="Lọc", exact=True).click()
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(4)  # entries 1, 7, 13, 19: the first sample title, sáng kiến
    expect(page.get_by_text("4 hồ sơ; trang 1/1")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "desk-queue.png"), full_page=True)

    code = rows.first.get_by_role("link").inner_text()
    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    page.get_by_label("Tính mới (0–30 điểm)").fill("25")
    page.get_by_label("Khả năng áp dụng (0–30 điểm)").fill("20")
    page.get_by_label("Hiệu quả, lợi ích (0–40 điểm)").fill("30")
    page.get_by_label("Nhận xét (không bắt buộc)").fill("Có số liệu trước và sau rõ ràng.")
    page.locator("#scoring").screenshot(path=str(ARTIFACTS / "desk-scoring.png"))
    page.get_by_role("button", name="Gửi phiếu chấm điểm").click()
    expect(page.locator("#score-summary")).to_contain_text("1 phiếu; điểm trung bình 75")
    page.get_by_label("Trạng thái mới").select_option("under_review")
    page.get_by_role("button", name="Chuyển trạng thái và báo tác giả").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã chuyển {code} sang «Đang xem xét»")
    expect(page.locator("#entry-status")).to_have_text("Đang xem xét")
    page.screenshot(path=str(ARTIFACTS / "desk-entry.png"), full_page=True)

    told = texts_after(fake, AUTHOR, 1)
    assert any(code in t and "Trạng thái mới: Đang xem xét." in t for t in told), told

    phone = browser.new_page(viewport=PHONE, storage_state=page.context.storage_state())
    phone.goto(f"{server.url}/admin?status=under_review")
    expect(phone.locator("table.queue tbody tr")).to_have_count(1)
    phone.screenshot(path=str(ARTIFACTS / "desk-queue-phone.png"), full_page=True)

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Anh/chị đã đăng xuất.")).to_be_visible()
    page.goto(f"{server.url}/admin")
    assert re.search(r"/admin/dangnhap$", page.url)
