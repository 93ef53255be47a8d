"""Logs of a real server: one line per request and per update with the update key, channel
and duration, as text or JSON lines, and never a person's data or a secret."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import scripts
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.databases import fresh_database
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser

USER_ID = 8_413_277


def _personal() -> dict[str, str]:
    """Values only this run's person could have typed, each long enough to be unmistakable."""
    n = random.randrange(10_000_000, 99_999_999)
    return {
        "name": random.choice(["Tôn Nữ Quỳnh Diễm", "Âu Dương Khả Hân", "Lạc Thị Uyển Nhi"]),
        "position": f"Chuyên viên tổ công tác số {n % 97 + 3}",
        "phone": f"09{n}",
        "problem": f"Hồ sơ lưu trữ tại kho số {n} thất lạc nhiều lần vì không có sổ theo dõi.",
        "proposal": f"Lập sổ theo dõi điện tử cho kho số {n} và giao một công chức kiểm kê.",
        "benefit": f"Không còn thất lạc hồ sơ của kho số {n}, tiết kiệm hai ngày mỗi tháng.",
    }


def _script(values: dict[str, str]) -> scripts.Script:
    replace = {
        scripts.PROFILE_SCRIPT[2][1]: values["name"],
        "Chuyên viên": values["position"],
        "0912 345 678": values["phone"],
        scripts.HK_PROBLEM: values["problem"],
        scripts.HK_PROPOSAL: values["proposal"],
        scripts.HK_BENEFIT: values["benefit"],
    }
    return [(kind, replace.get(value, value)) for kind, value in scripts.FULL_HIEN_KE_SCRIPT]


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


def _serve(tmp_path: Path, fake: FakeTelegram, log_format: str) -> ServerProcess:
    sections = config_sections(
        fresh_database("sqlite", tmp_path),
        tmp_path / "data",
        telegram_url=fake.url,
        telegram_token=fake.token,
    )
    sections["logging"] = {"format": log_format, "level": "debug"}  # debug: every line there is
    # A busy machine (8 test runs on 2 cores) may take more than the usual 30 s to start it.
    return ServerProcess(write_config(tmp_path / "config.toml", sections)).start(timeout=120)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_a_dialogue_logs_its_updates_and_none_of_the_persons_data(
    tmp_path: Path, fake: FakeTelegram, log_format: str
) -> None:
    values = _personal()
    server = _serve(tmp_path, fake, log_format)
    try:
        user = TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=USER_ID)
        script = _script(values)
        user.play(script)
        user.wait_for_code()
        again = tu.callback_update(user.last_update_id, USER_ID, script[-1][1])
        assert user.post(again).status_code == 200  # a redelivery, logged as a duplicate
        user.wait_quiet()
    finally:
        server.stop()
    text = server.log_path.read_text(encoding="utf-8")

    for value in [*values.values(), str(USER_ID), fake.token, TELEGRAM_SECRET, ADMIN_TOKEN]:
        assert value not in text, f"{value!r} leaked into the log"
    updates, requests = _lines(text, log_format)
    assert len(updates) == len(script) + 1
    assert all(u["channel"] == "telegram" and float(u["duration_ms"]) >= 0 for u in updates)
    keys = [u["update_key"] for u in updates]
    assert all(k.startswith("telegram:") for k in keys) and len(set(keys)) == len(script)
    assert [u["outcome"] for u in updates].count("duplicate") == 1
    hooks = [r for r in requests if r["route"] == "/webhook/{name}"]
    # Each request line names its update (written once the button's spinner is stopped too).
    assert sorted(r["update_key"] for r in hooks) == sorted(keys)
    assert all(r["status"] == "200" and r["method"] == "POST" for r in hooks)
    assert any(r["route"] == "/readyz" for r in requests)  # probes too, at debug level


def _lines(text: str, log_format: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The update lines and the request lines, their fields as strings."""
    found: dict[str, list[dict[str, str]]] = {"update": [], "request": []}
    for line in text.splitlines():
        if log_format == "json":
            if not line.startswith("{"):
                continue  # not ours: e.g. a library printing before logging is set up
            entry = json.loads(line)
            assert {"time", "level", "logger", "message"} <= entry.keys()
            fields = {k: str(v) for k, v in entry.items()}
        else:
            if " sangkien." not in line:
                continue
            fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
            fields["message"] = line.split(": ", 1)[1].split(" ", 1)[0]
        if fields["message"] in found:
            found[fields["message"]].append(fields)
    return found["update"], found["request"]


def test_a_web_visitors_id_is_hashed_in_the_logged_key() -> None:
    from webhook.request_log import loggable_key

    assert loggable_key("telegram:1015") == "telegram:1015"
    assert loggable_key("zalo:user_send_text:abc") == "zalo:user_send_text:abc"
    logged = loggable_key("web:visitor-secret-id:m-1")
    assert "visitor-secret-id" not in logged and logged.endswith(":m-1")
