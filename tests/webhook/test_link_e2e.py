"""End to end: one person on Telegram and Zalo, linked with /lienket, sees one set of entries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser
from tests.support.zalo_chat import ZaloUser, zalo_sections

pytestmark = pytest.mark.slow

# Another idea than the Telegram one, so the check for similar entries stays out of the way.
SECOND_HIEN_KE_TEXT = [
    ("text", "2"),  # menu: Gửi hiến kế
    ("text", "Y tế"),
    (
        "text",
        "Người bệnh đến khám phải xếp hàng từ sáng sớm để lấy số, chờ trung bình hai giờ "
        "tại khoa Khám bệnh.",
    ),
    (
        "text",
        "Phân luồng và hẹn giờ khám bệnh qua tổng đài, tin nhắn nhằm giảm thời gian chờ. "
        "Bệnh viện lập tổng đài đặt lịch và nhắn giờ khám cho người bệnh.",
    ),
    ("text", "Thời gian chờ khám giảm từ hai giờ xuống còn khoảng ba mươi phút."),
    ("text", "bỏ qua"),  # no unit named
    ("text", "bỏ qua"),  # no attachment
    ("text", "1"),  # Gửi
]


@pytest.fixture
def fakes() -> Iterator[tuple[FakeTelegram, FakeZaloApi]]:
    with FakeTelegram() as telegram, FakeZaloApi() as zalo:
        yield telegram, zalo


@pytest.fixture
def server(
    db_url: str, tmp_path: Path, fakes: tuple[FakeTelegram, FakeZaloApi]
) -> Iterator[ServerProcess]:
    telegram, zalo = fakes
    data = tmp_path / "data"
    sections = config_sections(
        db_url, data, telegram_url=telegram.url, telegram_token=telegram.token
    )
    sections["zalo"] = zalo_sections(db_url, data, zalo_url=zalo.url, zalo_token=zalo.token)["zalo"]
    process = ServerProcess(write_config(tmp_path / "config.toml", sections))
    process.start()
    yield process
    process.stop()


def _authors(server: ServerProcess, *codes: str) -> list[dict[str, Any]]:
    """The `author` of each entry as the API returns it."""
    found: list[dict[str, Any]] = []
    for code in codes:
        response = httpx.get(
            f"{server.url}/api/v1/submissions/{code}",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert response.status_code == 200, response.text
        found.append(response.json()["author"])
    return found


def _link(telegram: TelegramUser, zalo: ZaloUser) -> None:
    """/lienket on Telegram, the code as the very first message on Zalo."""
    telegram.act("command", "lienket")
    instruction = telegram.wait_for_text(r"Trên kênh còn lại, gửi: /lienket \d{6}")
    found = re.search(r"/lienket (\d{6})", instruction)
    assert found
    zalo.say(f"/lienket {found.group(1)}")  # no consent or profile asked on Zalo
    zalo.wait_for_text("Mã liên kết đúng. Trợ lý đã hỏi chủ tài khoản trên kênh Telegram")
    telegram.wait_for_text("Tài khoản Zalo vừa nhập đúng mã liên kết")  # the owner is asked
    telegram.act("choice", "link:yes")  # «Đồng ý»
    linked = zalo.wait_for_text("Đã liên kết tài khoản")
    assert scripts.PROFILE_EXPECTED["name"] in linked and "1. Gửi sáng kiến" in linked
    telegram.wait_for_text("Đã liên kết tài khoản Zalo với tài khoản này")


def test_submit_on_telegram_link_zalo_see_and_submit_there(
    server: ServerProcess, fakes: tuple[FakeTelegram, FakeZaloApi]
) -> None:
    telegram_fake, zalo_fake = fakes
    telegram = TelegramUser(
        base_url=server.url, secret=TELEGRAM_SECRET, fake=telegram_fake, user_id=9301
    )
    telegram.play(scripts.FULL_HIEN_KE_SCRIPT)
    first = telegram.wait_for_code()
    zalo = ZaloUser(base_url=server.url, fake=zalo_fake, user_id="9302")
    _link(telegram, zalo)

    seen = len(zalo.wait_quiet())
    zalo.say("/trangthai")
    assert "Đã tiếp nhận" in zalo.wait_for_text(re.escape(first), after=seen)
    seen = len(zalo.wait_quiet())
    zalo.play(SECOND_HIEN_KE_TEXT)
    second = zalo.wait_for_code(after=seen)
    assert second != first

    authors = _authors(server, first, second)
    assert [(a["channel"], a["channel_user_id"]) for a in authors] == [
        ("telegram", "9301"),
        ("zalo", "9302"),
    ]
    for key in ("name", "agency", "position"):
        assert authors[0][key] == authors[1][key] == scripts.PROFILE_EXPECTED[key]
    telegram.act("command", "trangthai")  # and Telegram now lists the Zalo entry as well
    assert first in telegram.wait_for_text(re.escape(second))

    stranger = ZaloUser(base_url=server.url, fake=zalo_fake, user_id="9303")
    stranger.play(scripts.PROFILE_SCRIPT_TEXT)
    stranger.say("/trangthai")
    stranger.wait_for_text("chưa gửi sáng kiến")
    assert not any(first in t or second in t for t in stranger.wait_quiet())


def test_a_zalo_owner_is_asked_in_numbers_and_a_brute_force_from_telegram_fails(
    server: ServerProcess, fakes: tuple[FakeTelegram, FakeZaloApi]
) -> None:
    telegram_fake, zalo_fake = fakes
    owner = ZaloUser(base_url=server.url, fake=zalo_fake, user_id="9401")
    owner.play(scripts.PROFILE_SCRIPT_TEXT)
    owner.say("/lienket")
    found = re.search(r"/lienket (\d{6})", owner.wait_for_text(r"gửi: /lienket \d{6}"))
    assert found
    code = found.group(1)
    asker = TelegramUser(
        base_url=server.url, secret=TELEGRAM_SECRET, fake=telegram_fake, user_id=9402
    )
    asker.act("command", f"lienket {code}")
    question = owner.wait_for_text("Tài khoản Telegram vừa nhập đúng mã liên kết")
    assert "1." in question and "Từ chối" in question and "bấm" not in question.lower()
    owner.say("2")  # «Từ chối», typed
    asker.wait_for_text("Chủ tài khoản đã từ chối liên kết")
    owner.wait_for_text("Đã từ chối. Tài khoản Telegram không được liên kết")

    owner.say("/lienket")
    fresh = re.search(r"/lienket (\d{6})", owner.wait_for_text(rf"gửi: /lienket (?!{code})\d{{6}}"))
    assert fresh
    # Thirty-one strangers, one wrong guess each (each a new account): then even the right
    # code is refused without a lookup, and the owner is never asked.
    for n in range(31):
        stranger = TelegramUser(
            base_url=server.url, secret=TELEGRAM_SECRET, fake=telegram_fake, user_id=9500 + n
        )
        guess = f"{(int(fresh.group(1)) + 1 + n) % 1_000_000:06d}"
        stranger.act("command", f"lienket {guess if n < 30 else fresh.group(1)}")
    stranger.wait_for_text("tạm dừng nhận mã liên kết")
    asked = [t for t in owner.wait_quiet() if "vừa nhập đúng mã liên kết" in t]
    assert len(asked) == 1  # only the first, declined request
