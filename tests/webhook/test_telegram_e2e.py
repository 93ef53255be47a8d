"""End to end: the real server process, real update JSON, the fake Bot API, the stored entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.dialogue.catalogues.quality import SIMILAR_HEADER
from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import CODE, TelegramUser

pytestmark = pytest.mark.slow


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


def _api(server: ServerProcess, path: str) -> httpx.Response:
    return httpx.get(
        f"{server.url}/api/v1{path}", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )


def test_sang_kien_and_hien_ke_are_stored_field_by_field(
    server: ServerProcess, fake: FakeTelegram
) -> None:
    user = _user(server, fake, 7001)
    user.play(scripts.FULL_SANG_KIEN_SCRIPT)
    sk_code = user.wait_for_code()
    assert re.fullmatch(r"SK-\d{4}-00001", sk_code)
    user.play(scripts.HIEN_KE_SCRIPT)
    hk_code = user.wait_for_text(r"HK-\d{4}-\d{5}")
    hk_code = CODE.search(hk_code).group(0)  # type: ignore[union-attr]

    entry = _api(server, f"/submissions/{sk_code}").json()
    assert (entry["kind"], entry["status"], entry["title"]) == (
        "sang_kien",
        "submitted",
        scripts.SANG_KIEN_EXPECTED_TITLE,
    )
    for name, expected in scripts.SANG_KIEN_EXPECTED_FIELDS.items():
        assert entry["fields"].get(name) == expected, name
    author = entry["author"]
    assert author["name"] == scripts.PROFILE_EXPECTED["name"]
    assert author["agency"] == scripts.PROFILE_EXPECTED["agency"]
    assert (author["channel"], author["channel_user_id"]) == ("telegram", "7001")
    assert [h["status"] for h in entry["history"]] == ["submitted"]

    idea = _api(server, f"/submissions/{hk_code}").json()
    assert (idea["kind"], idea["title"]) == ("hien_ke", scripts.HIEN_KE_EXPECTED_TITLE)
    for name, expected in scripts.HIEN_KE_EXPECTED_FIELDS.items():
        assert idea["fields"].get(name) == expected, name

    listing = _api(server, "/submissions?kind=sang_kien").json()
    assert listing["total"] == 1 and listing["items"][0]["code"] == sk_code

    user.act("command", "trangthai")
    status = user.wait_for_text(
        f"(?s){re.escape(sk_code)}.*Đã tiếp nhận|Đã tiếp nhận.*{re.escape(sk_code)}"
    )
    assert hk_code in status


def test_nobody_sees_another_persons_entry(server: ServerProcess, fake: FakeTelegram) -> None:
    author = _user(server, fake, 7101)
    author.play(scripts.FULL_HIEN_KE_SCRIPT)
    code = author.wait_for_code()
    other = _user(server, fake, 7102)
    other.play(scripts.PROFILE_SCRIPT)
    other.act("command", "trangthai")
    other.wait_quiet()
    assert not any(code in text for text in other.texts())


def _normalise(texts: list[str]) -> list[str]:
    return [CODE.sub("<code>", text) for text in texts]


def test_kill_9_mid_dialogue_loses_and_repeats_nothing(
    server: ServerProcess, fake: FakeTelegram
) -> None:
    script = scripts.FULL_SANG_KIEN_SCRIPT
    baseline = _user(server, fake, 7201)
    baseline.play(script)
    baseline.wait_for_code()
    expected = _normalise(baseline.wait_quiet())

    user = _user(server, fake, 7202)
    third, two_thirds = len(script) // 3, 2 * len(script) // 3
    user.play(script[:third])
    user.wait_quiet()
    server.kill()  # at rest: between two messages of the dialogue
    server.start()

    user.play(script[third:two_thirds])
    # Telegram has no idempotency key, so a reply in flight at a crash may go out twice:
    # let earlier replies land, then make sure the next one cannot leave before the kill.
    user.wait_quiet()
    fake.fail_next("sendMessage", 500, times=2)  # the next reply cannot go out before the kill
    kind, value = script[two_thirds]
    last = user.act(kind, value)
    assert last.status_code == 200  # acknowledged = committed, even if not yet delivered
    server.kill()
    server.start()
    # The platform may redeliver an update it saw acknowledged late: no second effect.
    from tests.fakes import telegram_updates as tu  # noqa: PLC0415

    again = user.post(
        tu.callback_update(user.last_update_id, 7202, value)
        if kind == "choice"
        else tu.text_update(user.last_update_id, 7202, value)
    )
    assert again.json()["duplicate"] is True
    # The baseline's entry is "done before" for this user: skip that question, ignore it.
    user.play(scripts.skipping_difference(script[two_thirds + 1 :]))
    user.wait_for_code(timeout=30)
    transcript = _normalise(user.wait_quiet(settle=1.5, timeout=40))
    assert [t for t in transcript if not t.startswith(SIMILAR_HEADER)] == expected
