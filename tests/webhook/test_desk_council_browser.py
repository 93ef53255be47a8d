"""The chair in real headless Chromium: scores, confirms with the early-confirmation tick, the
author is told at the fake Telegram, and «Biên bản họp» downloads with every score."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import expect, sync_playwright
from sqlalchemy import select
from sqlmodel import col

from storage import scores
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Submission
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import TELEGRAM_SECRET, config_sections
from tests.support.desk import LINK
from tests.support.entries import UNITS, add_entries
from tests.support.review import texts_after
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser
from tests.webhook.test_webchat_browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_path"]

MEMBER, SECRETARY, CHAIR = 901, 902, 905
AUTHOR = "5001"
COUNCIL = "Hội đồng sáng kiến xã Bình Sơn"


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def code_and_server(tmp_path: Path, fake: FakeTelegram) -> Iterator[tuple[str, ServerProcess]]:
    url = f"sqlite:///{tmp_path}/desk.db"
    db = Database(url)
    upgrade(db.engine)
    code = add_entries(db, 1)[0]
    with db.write() as session:
        entry = session.execute(select(Submission).where(col(Submission.code) == code)).scalar_one()
        scores.submit(
            session,
            submission_id=entry.id or 0,
            principal=f"telegram:{MEMBER}",
            level="co_so",
            points={"tinh_moi": 25, "kha_nang_ap_dung": 25, "hieu_qua": 30},  # 80
            comment=None,
            now=utcnow(),
        )
    db.dispose()
    sections = config_sections(
        url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["scheduler"] = {"enabled": False}
    path = write_config(tmp_path / "config.toml", sections)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            f'\n[[councils]]\nname = "{COUNCIL}"\nlevel = "co_so"\nunits = ["{UNITS[0]}"]\n'
            f'members = ["telegram:{MEMBER}"]\nchair = "telegram:{CHAIR}"\n'
            f'secretary = "telegram:{SECRETARY}"\n'
        )
    with ServerProcess(path) as process:
        yield code, process


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_the_chair_confirms_in_the_browser_and_downloads_the_minutes(
    code_and_server: tuple[str, ServerProcess], fake: FakeTelegram, browser: Any, tmp_path: Path
) -> None:
    code, server = code_and_server
    chair = TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=CHAIR)
    assert chair.act("command", "dangnhap").status_code == 200
    found = LINK.search(texts_after(fake, CHAIR, 1)[-1])
    assert found is not None
    ARTIFACTS.mkdir(exist_ok=True)

    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.goto(found.group(0))
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{server.url}/admin/hoso/{code}")
    confirm = page.locator("#confirm")
    expect(confirm).to_contain_text("Chủ tịch Hội đồng: telegram:905.")
    expect(confirm).to_contain_text("gửi phiếu chấm điểm của mình trước")
    page.get_by_label("Tính mới (0–30 điểm)").fill("25")
    page.get_by_label("Khả năng áp dụng (0–30 điểm)").fill("20")
    page.get_by_label("Hiệu quả, lợi ích (0–40 điểm)").fill("30")
    page.get_by_role("button", name="Gửi phiếu chấm điểm").click()

    expect(confirm).to_contain_text("Đã có 2/3 thành viên chấm điểm.")
    expect(page.locator("#proposal")).to_contain_text(
        "Đề xuất theo điểm trung bình (77,5 điểm): Được công nhận (cấp cơ sở)."
    )
    expect(confirm).to_contain_text(f"còn thiếu phiếu của: telegram:{SECRETARY}")
    expect(page.get_by_label("Quyết định", exact=True)).to_have_value("recognized")
    page.get_by_label("Ý kiến của Chủ tịch Hội đồng", exact=False).fill(
        "Hội đồng thống nhất công nhận; Thư ký vắng có lý do."
    )
    page.get_by_label("Tôi xác nhận khi chưa đủ phiếu của các thành viên").check()
    confirm.screenshot(path=str(ARTIFACTS / "desk-confirm.png"))
    page.get_by_role("button", name="Xác nhận quyết định và báo tác giả").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Đã xác nhận quyết định «Được công nhận (cấp cơ sở)» cho {code}."
    )
    expect(page.locator("#entry-status")).to_have_text("Được công nhận (cấp cơ sở)")
    expect(page.locator("#confirmed")).to_contain_text("(theo đề xuất)")
    told = texts_after(fake, AUTHOR, 1)
    assert any(code in t and "Thư ký vắng có lý do." in t for t in told), told

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải biên bản họp").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("bien-ban-hop-hoi-dong-")
    doc = Document(str(saved))
    totals = [[c.text for c in row.cells][1:] for row in doc.tables[1].rows][1:]
    assert totals == [
        [f"telegram:{MEMBER}", "80"],
        [f"telegram:{CHAIR}", "75"],
        ["Điểm trung bình", "77,5"],
    ]
