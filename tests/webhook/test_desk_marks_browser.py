"""The desk's marks in real headless Chromium: filter the queue by «Hồ sơ giống», open an
entry, read the similar entry side by side and the quality checklist, on an office PC and a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect, sync_playwright

from storage.db import Database
from storage.migrate import upgrade
from tests.fakes.telegram_api import FakeTelegram
from tests.support import a11y
from tests.support.apps import TELEGRAM_SECRET, config_sections
from tests.support.desk import LINK
from tests.support.marks import OTHER_SECRET, add_marked_entries
from tests.support.review import texts_after
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser
from tests.webhook.test_desk_browser import OFFICE, PHONE
from tests.webhook.test_webchat_browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_path"]

REVIEWER = 778


@pytest.fixture
def codes_and_server(
    tmp_path: Path, fake: FakeTelegram
) -> Iterator[tuple[dict[str, str], ServerProcess]]:
    url = f"sqlite:///{tmp_path}/desk.db"
    db = Database(url)
    upgrade(db.engine)
    codes = add_marked_entries(db)
    db.dispose()
    sections = config_sections(
        url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["roles"] = {"reviewers": [f"telegram:{REVIEWER}"]}
    sections["scheduler"] = {"enabled": False}
    sections["similar"] = {"strong_threshold": 0.7}
    with ServerProcess(write_config(tmp_path / "config.toml", sections)) as process:
        yield codes, process


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _filtered(page: Any, count: int) -> None:
    """The keeper works the marks out in the background once the server has started."""
    rows = page.locator("table.queue tbody tr")
    for _ in range(60):
        if rows.count() == count:
            return
        page.wait_for_timeout(500)
        page.reload()
    expect(rows).to_have_count(count)


def test_a_reviewer_filters_by_similar_and_compares_side_by_side(
    codes_and_server: tuple[dict[str, str], ServerProcess], fake: FakeTelegram, browser: Any
) -> None:
    codes, server = codes_and_server
    reviewer = TelegramUser(
        base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=REVIEWER
    )
    assert reviewer.act("command", "dangnhap").status_code == 200
    found = LINK.search(texts_after(fake, REVIEWER, 1)[-1])
    assert found is not None
    ARTIFACTS.mkdir(exist_ok=True)

    page = browser.new_page(viewport=OFFICE)
    page.goto(found.group(0))
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Hồ sơ cần xử lý")).to_be_visible()
    page.get_by_label("Hồ sơ giống").select_option("any")
    page.get_by_role("button", name="Lọc", exact=True).click()
    _filtered(page, 3)
    rows = page.locator("table.queue tbody tr")
    expect(page.get_by_label("Hồ sơ giống")).to_have_value("any")
    expect(rows.filter(has_text=codes["a"])).to_contain_text("Có hồ sơ rất giống")
    expect(rows.filter(has_text=codes["reworded"])).to_contain_text("1 mục chưa đạt")
    assert a11y.problems(page, phone=False) == []
    page.screenshot(path=str(ARTIFACTS / "desk-queue-similar.png"), full_page=True)

    page.get_by_label("Kiểm tra chất lượng").select_option("benefits_measurable")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(rows).to_have_count(1)
    page.get_by_label("Kiểm tra chất lượng").select_option("")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(rows).to_have_count(3)

    rows.filter(has_text=codes["a"]).get_by_role("link", name=codes["a"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(codes["a"])
    similar = page.locator("#similar")
    expect(similar.get_by_role("heading", name="Hồ sơ giống, so sánh từng mục")).to_be_visible()
    first = similar.locator("details.compare").first
    expect(first.locator("summary")).to_contain_text(f"{codes['b']}: rất giống")
    table = first.get_by_role("table")
    expect(table.get_by_role("columnheader", name=f"Hồ sơ đang xem ({codes['a']})")).to_be_visible()
    expect(table.locator("del").filter(has_text=OTHER_SECRET)).to_be_visible()
    expect(table.locator("ins").filter(has_text="điện thoại")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    checklist = page.locator("#checklist")
    expect(checklist).to_contain_text("Đạt 10/10 mục")
    expect(checklist.get_by_text("Hiệu quả có số liệu đo được (30 phút).")).to_be_visible()
    assert a11y.problems(page, phone=False) == []  # labels, contrast of <ins>/<del>, overflow
    page.screenshot(path=str(ARTIFACTS / "desk-entry-similar.png"), full_page=True)

    phone = browser.new_page(viewport=PHONE, storage_state=page.context.storage_state())
    phone.goto(f"{server.url}/admin/hoso/{codes['a']}")
    cell = phone.locator("#similar table td").first
    expect(cell).to_be_visible()
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"  # stacked
    assert a11y.problems(phone, phone=True) == []
    phone.screenshot(path=str(ARTIFACTS / "desk-entry-similar-phone.png"), full_page=True)
