"""The web chat in real headless Chromium: a whole hiến kế by clicks and typing, with a reload."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import sync_playwright

from tests import scripts
from tests.support.server import ServerProcess, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
API_TOKEN = "browser-test-token-7f3a"
PHONE = {"width": 360, "height": 740}
IDLE = (
    "() => !document.querySelector('.pending') &&"
    " document.getElementById('composer').getAttribute('aria-busy') !== 'true'"
)

Action = tuple[str, str]  # ("text" | "choice" | "command", value); see tests/scripts.py
RELOAD_AFTER = 3  # hiến kế actions before the reload: menu, field, problem


@pytest.fixture(scope="module")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    config = write_config(
        tmp_path / "config.toml",
        {
            "server": {"data_dir": str(tmp_path / "data"), "environment": "development"},
            "database": {"url": f"sqlite:///{tmp_path}/t.db"},
            "admin": {"api_token": API_TOKEN},
            "scheduler": {"enabled": False},
        },
    )
    with ServerProcess(config) as process:
        yield process


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def open_page(browser: Any, server: ServerProcess, *, touch: bool) -> Iterator[Any]:
    """A 360-px-wide page; `touch` emulates a phone, otherwise a narrow window with a keyboard."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=touch, has_touch=touch, locale="vi-VN"
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.goto(server.url + "/")
    tab.locator("#log .msg-bot").first.wait_for()  # the page said /start on its own
    tab.wait_for_function(IDLE)
    yield tab
    context.close()
    expected = ("favicon", "ERR_FAILED", "Failed to load resource")  # the offline test's abort
    assert not [e for e in errors if not any(x in e for x in expected)], errors


def _count(page: Any) -> int:
    return int(page.locator("#log [id^=m]").count())


def _settle(page: Any, before: int) -> None:
    """Wait until the page has shown the answer to the last action."""
    page.wait_for_function(
        f"() => document.querySelectorAll('#log [id^=m]').length > {before} && ({IDLE})()"
    )


def _choice(page: Any, wanted: str) -> Any:
    by_value = page.locator(f'#log button.choice:not([disabled])[data-value="{wanted}"]')
    if by_value.count():
        return by_value.last
    return (
        page.locator("#log button.choice:not([disabled])")
        .filter(has_text=re.compile(rf"^{re.escape(wanted)}$"))
        .last
    )


def act(page: Any, action: Action) -> None:
    kind, value = action
    before = _count(page)
    if kind == "choice":
        _choice(page, value).click()
    else:
        page.fill("#text", value if kind == "text" else f"/{value}")
        page.press("#text", "Enter")
    _settle(page, before)


def act_by_keyboard(page: Any, action: Action) -> None:
    """Tab to the wanted choice button and press Enter: no mouse at all."""
    wanted = _choice(page, action[1])
    wanted.wait_for()
    before = _count(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if wanted.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached the {action[1]!r} button")
    page.keyboard.press("Enter")
    _settle(page, before)
    assert page.evaluate("document.activeElement.id") == "text"  # focus back in the text box


def test_a_whole_hien_ke_through_the_page_with_a_reload(
    browser: Any, server: ServerProcess
) -> None:
    with open_page(browser, server, touch=False) as page:
        _check_accessibility(page)
        # The page sent /start by itself on the first visit, so the script's own is skipped.
        profile = [a for a in scripts.PROFILE_SCRIPT if a != ("command", "start")]
        hien_ke = scripts.HIEN_KE_SCRIPT
        act_by_keyboard(page, profile[0])
        for action in profile[1:] + hien_ke[:RELOAD_AFTER]:
            act(page, action)
        _reload_and_check_resumed(page)
        for action in hien_ke[RELOAD_AFTER:-1]:
            act(page, action)
        assert scripts.HK_PROPOSAL[:40] in page.locator("#log .msg-bot").last.inner_text()
        act(page, hien_ke[-1])  # confirm the review
        receipt = page.locator("#log .msg-bot").filter(has_text="Mã hồ sơ").last.inner_text()
        code = re.search(r"HK-\d{4}-\d{5}", receipt)
        assert code, receipt
        _check_stored(server, code.group(0))
        _check_phone_layout(page)


def _reload_and_check_resumed(page: Any) -> None:
    shown = page.locator("#log [id^=m]").all_inner_texts()
    active = page.locator("#log button.choice:not([disabled])").all_inner_texts()
    page.reload()
    page.locator("#log .msg-bot").first.wait_for()
    page.wait_for_function(IDLE)
    assert page.locator("#log [id^=m]").all_inner_texts() == shown  # the same conversation
    assert active and page.locator("#log button.choice:not([disabled])").all_inner_texts() == active
    assert page.locator("#log .msg-user").filter(has_text=scripts.HK_PROBLEM).count() == 1


def _check_accessibility(page: Any) -> None:
    log = page.locator("#log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.locator("#text").get_attribute("aria-label") == "Nhập câu trả lời"
    assert page.locator("html").get_attribute("lang") == "vi"
    tags = page.eval_on_selector_all(".choice", "bs => bs.map(b => b.tagName + ':' + b.type)")
    assert tags and set(tags) == {"BUTTON:button"}


def _check_stored(server: ServerProcess, code: str) -> None:
    answer = httpx.get(
        f"{server.url}/api/v1/submissions/{code}",
        headers={"Authorization": f"Bearer {API_TOKEN}"},
    )
    assert answer.status_code == 200, answer.text
    entry = answer.json()
    assert entry["kind"] == "hien_ke" and entry["status"] == "submitted"
    assert entry["title"] == scripts.HIEN_KE_EXPECTED_TITLE
    assert entry["fields"] == scripts.HIEN_KE_EXPECTED_FIELDS
    author = entry["author"]
    assert author["channel"] == "web" and author["name"] == scripts.PROFILE_EXPECTED["name"]
    assert author["agency"] == scripts.PROFILE_EXPECTED["agency"]


def _check_phone_layout(page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#log").evaluate("log => { log.scrollTop = log.scrollHeight; }")
    page.fill("#text", "")
    page.mouse.move(0, 0)  # no hover left on the last clicked button
    page.screenshot(path=str(ARTIFACTS / "webchat-phone.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for selector in ("#send", "#attach", "#text"):
        box = page.locator(selector).bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, selector
    size = page.locator("#text").evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
    assert size >= 16


def test_on_a_phone_enter_breaks_the_line_and_a_lost_network_offers_a_retry(
    browser: Any, server: ServerProcess
) -> None:
    with open_page(browser, server, touch=True) as page:
        act(page, ("choice", "consent:yes"))
        assert page.evaluate("document.activeElement.id") != "text"  # no keyboard over choices
        page.locator("#text").click()
        page.keyboard.type("Nguyễn Thị")
        page.keyboard.press("Enter")
        page.keyboard.type("Minh Anh")
        assert page.input_value("#text") == "Nguyễn Thị\nMinh Anh"
        assert page.locator("#log .msg-user").count() == 1  # only the consent so far

        page.fill("#text", scripts.PROFILE_EXPECTED["name"])
        # The server stores the answer but the reply is lost on the way back.
        page.route("**/webchat/api/messages", _deliver_then_drop)
        page.locator("#send").click()
        page.locator("#retry").wait_for()
        assert "kết nối mạng" in page.inner_text("#status")
        assert page.locator("#log .failed").count() == 1
        page.unroute("**/webchat/api/messages")
        before = _count(page)
        page.locator("#retry").click()
        _settle(page, before)
        assert page.locator("#retry").is_hidden() and page.inner_text("#status") == ""
        names = page.locator("#log .msg-user").filter(has_text=scripts.PROFILE_EXPECTED["name"])
        assert names.count() == 1 and page.locator("#log .pending").count() == 0  # stored once
        assert "đơn vị" in page.locator("#log .msg-bot").last.inner_text()  # the next question

        before = _count(page)
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24  # the signature: files are typed by content
        photo = {"name": "bảng biểu.png", "mimeType": "image/png", "buffer": png}
        page.set_input_files("#file", files=[photo])
        _settle(page, before)
        assert (
            page.locator("#log .msg-user .bubble-file").last.inner_text().endswith("bảng biểu.png")
        )


def _deliver_then_drop(route: Any) -> None:
    route.fetch()
    route.abort("internetdisconnected")


def test_ending_the_session_on_a_shared_computer(browser: Any, server: ServerProcess) -> None:
    """«Kết thúc phiên»: the next person at this browser starts afresh and sees nothing."""
    with open_page(browser, server, touch=False) as page:
        profile = [a for a in scripts.PROFILE_SCRIPT if a != ("command", "start")]
        for action in profile[:2]:
            act(page, action)
        assert page.locator("#log .msg-user").count() >= 1
        assert "sk_visitor" not in page.evaluate("document.cookie")  # HttpOnly
        end = page.get_by_role("button", name="Kết thúc phiên")
        dialogs: list[str] = []

        def accept(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.accept()

        page.once("dialog", accept)
        end.click()
        page.wait_for_function(
            "() => document.getElementById('status').textContent.includes('Đã kết thúc phiên')"
        )
        assert dialogs and "Người dùng sau sẽ không xem được" in dialogs[0]
        assert page.locator("#log [id^=m]").count() == 0
        assert page.locator("#send").is_disabled() and page.locator("#text").is_disabled()
        assert not [c for c in page.context.cookies() if c["name"] == "sk_visitor"]
        page.reload()
        page.locator("#log .msg-bot").first.wait_for()
        page.wait_for_function(IDLE)
        assert page.locator("#log .msg-user").count() == 0  # a new session: only the greeting
        page.screenshot(path=str(ARTIFACTS / "webchat-session-ended.png"))
