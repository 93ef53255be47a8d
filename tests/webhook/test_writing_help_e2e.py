"""End to end on the real server: a second author meets an earlier entry; the dossier arrives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.dialogue.catalogues import quality as text
from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_state import UploadedFile
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser
from tests.support.writing import docx_text

pytestmark = pytest.mark.slow

SK = scripts.FULL_SANG_KIEN_SCRIPT
AT_SOLUTION = SK.index(("text", scripts.SK_SOLUTION)) + 1
# The second author reworded the same idea for another unit.
TITLE = "Dán mã QR để người dân tự tra cứu thành phần hồ sơ thủ tục hành chính tại Ủy ban nhân dân phường"
SOLUTION = (
    "Bước 1: lập danh mục các thủ tục thường gặp. Bước 2: tạo mã QR dẫn tới trang hướng dẫn của "
    "từng thủ tục. Bước 3: in và dán mã tại quầy, cập nhật khi thủ tục thay đổi."
)
DIFFERENCE = "Mã QR được gửi kèm tin nhắn hẹn trả kết quả, người dân không cần đến quầy để quét."


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def server(db_url: str, tmp_path: Path, fake: FakeTelegram) -> Iterator[ServerProcess]:
    sections = config_sections(
        db_url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    process = ServerProcess(write_config(tmp_path / "config.toml", sections))
    process.start()
    yield process
    process.stop()


def _user(server: ServerProcess, fake: FakeTelegram, user_id: int) -> TelegramUser:
    return TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=user_id)


def _entry(server: ServerProcess, code: str) -> dict[str, Any]:
    response = httpx.get(
        f"{server.url}/api/v1/submissions/{code}",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _receipt(user: TelegramUser, number: int) -> str:
    found = re.search(r"SK-\d{4}-\d{5}", user.wait_for_text(rf"Mã hồ sơ: SK-\d{{4}}-{number:05d}"))
    assert found
    return found.group(0)


def _reworded(script: list[tuple[str, str]]) -> list[tuple[str, str]]:
    swap = {scripts.SK_TITLE: TITLE, scripts.SK_SOLUTION: SOLUTION}
    return [(kind, swap.get(value, value)) for kind, value in script]


def test_a_similar_second_entry_is_shown_the_first_and_keeps_its_difference(
    server: ServerProcess, fake: FakeTelegram
) -> None:
    first = _user(server, fake, 7301)
    first.play(SK)
    first_code = _receipt(first, 1)

    second = _user(server, fake, 7302)
    second.play(_reworded(SK[:AT_SOLUTION]))
    asked = second.wait_for_text(re.escape(text.SIMILAR_HEADER))
    assert first_code in asked and scripts.SK_TITLE[:40] in asked
    assert f"{scripts.PROFILE_EXPECTED['agency']}, năm " in asked and "Đã tiếp nhận" in asked
    assert asked.rstrip().endswith("anh/chị chọn «Bỏ qua».")
    second.play([("text", DIFFERENCE), *SK[AT_SOLUTION:]])
    second_code = _receipt(second, 2)

    stored = _entry(server, second_code)
    assert stored["title"] == TITLE
    assert stored["fields"]["difference_from_similar"] == DIFFERENCE
    assert [s["code"] for s in stored["similar"]] == [first_code]
    assert stored["similar"][0]["status"] == "submitted" and stored["similar"][0]["score"] >= 0.27
    assert stored["quality"]["passed"] == stored["quality"]["total"] == 10

    uploads = fake.wait_for(lambda: _documents(fake, 7302, 2), timeout=15)
    assert uploads is not None
    assert [u.filename for u in uploads] == [
        f"{second_code}-don-yeu-cau-cong-nhan.docx",
        f"{second_code}-bao-cao-mo-ta.docx",
    ]
    assert TITLE in docx_text(uploads[0].data) and DIFFERENCE not in docx_text(uploads[0].data)


def _documents(fake: FakeTelegram, user_id: int, count: int) -> list[UploadedFile] | None:
    found = [s.params["document"] for s in fake.sent(user_id) if s.method == "sendDocument"]
    return found if len(found) >= count else None
