"""End to end on Zalo: the real server process, typed answers, the fake Bot API, the stored entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.channels.zalo_render import MAX_TEXT, text_length
from tests import scripts
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN
from tests.support.server import ServerProcess, write_config
from tests.support.zalo_chat import ZaloUser, zalo_sections

pytestmark = pytest.mark.slow


@pytest.fixture
def fake() -> Iterator[FakeZaloApi]:
    with FakeZaloApi() as fake_api:
        yield fake_api


@pytest.fixture
def server(db_url: str, tmp_path: Path, fake: FakeZaloApi) -> Iterator[ServerProcess]:
    sections = zalo_sections(db_url, tmp_path / "data", zalo_url=fake.url, zalo_token=fake.token)
    process = ServerProcess(write_config(tmp_path / "config.toml", sections))
    process.start()
    yield process
    process.stop()


def _api(server: ServerProcess, path: str) -> dict[str, Any]:
    response = httpx.get(
        f"{server.url}/api/v1{path}", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_sang_kien_and_hien_ke_typed_on_zalo_are_stored_field_by_field(
    server: ServerProcess, fake: FakeZaloApi
) -> None:
    user = ZaloUser(base_url=server.url, fake=fake, user_id="8800112233")
    user.play(scripts.FULL_SANG_KIEN_SCRIPT_TEXT)
    sk_code = user.wait_for_code()
    assert re.fullmatch(r"SK-\d{4}-00001", sk_code)
    seen = len(user.wait_quiet())
    user.play(scripts.HIEN_KE_SCRIPT_TEXT)
    hk_code = user.wait_for_code(after=seen)
    assert hk_code.startswith("HK-")

    entry = _api(server, f"/submissions/{sk_code}")
    assert (entry["kind"], entry["status"], entry["title"]) == (
        "sang_kien",
        "submitted",
        scripts.SANG_KIEN_EXPECTED_TITLE,
    )
    for name, expected in scripts.SANG_KIEN_EXPECTED_FIELDS.items():
        assert entry["fields"].get(name) == expected, name
    author = entry["author"]
    assert (author["name"], author["agency"], author["position"]) == (
        scripts.PROFILE_EXPECTED["name"],
        scripts.PROFILE_EXPECTED["agency"],
        scripts.PROFILE_EXPECTED["position"],
    )
    assert (author["channel"], author["channel_user_id"]) == ("zalo", "8800112233")

    idea = _api(server, f"/submissions/{hk_code}")
    assert (idea["kind"], idea["title"]) == ("hien_ke", scripts.HIEN_KE_EXPECTED_TITLE)
    for name, expected in scripts.HIEN_KE_EXPECTED_FIELDS.items():
        assert idea["fields"].get(name) == expected, name

    seen = len(user.wait_quiet())
    user.say("/trangthai")
    status = user.wait_for_text(re.escape(hk_code), after=seen)
    assert sk_code in status and "Đã tiếp nhận" in status
    texts = user.wait_quiet()
    assert all(text_length(text) <= MAX_TEXT for text in texts)
    assert not any("<zalo" in text or "{" in text for text in texts)  # no template leaks


def test_two_zalo_users_never_see_each_others_entries(
    server: ServerProcess, fake: FakeZaloApi
) -> None:
    author = ZaloUser(base_url=server.url, fake=fake, user_id="8800000001")
    author.play(scripts.FULL_HIEN_KE_SCRIPT_TEXT)
    code = author.wait_for_code()
    other = ZaloUser(base_url=server.url, fake=fake, user_id="8800000002")
    other.play(scripts.PROFILE_SCRIPT_TEXT)
    other.say("/trangthai")
    other.wait_for_text("chưa gửi sáng kiến")
    assert not any(code in text for text in other.wait_quiet())
