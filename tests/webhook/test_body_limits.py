"""Bodies over the cap get 413 from a real server whatever the headers claim (raw sockets)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from storage.db import Database
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import TELEGRAM_SECRET, config_sections
from tests.support.raw_http import chunked, exchange
from tests.support.rows import row_counts
from tests.support.server import ServerProcess, write_config

MB = 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, Database]]:
    tmp = tmp_path_factory.mktemp("limits")
    url = f"sqlite:///{tmp}/t.db"
    with FakeTelegram() as fake:
        sections = config_sections(
            url, tmp / "data", telegram_url=fake.url, telegram_token=fake.token
        )
        sections["server"]["max_body_kb"] = 256
        sections["scheduler"] = {"enabled": False}
        with ServerProcess(write_config(tmp / "c.toml", sections)) as process:
            db = Database(url)
            yield process, db
            db.dispose()


def _head(path: str, headers: dict[str, str]) -> str:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return "\r\n".join(lines) + "\r\n\r\n"


TG = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET, "Content-Type": "application/json"}


def test_a_chunked_webhook_body_over_the_cap_is_cut_off_with_413(
    server: tuple[ServerProcess, Database],
) -> None:
    process, db = server
    before = row_counts(db)
    update = b'{"update_id": 77, "message": {"text": "' + b"a" * (64 * 1024)
    head = _head("/webhook/telegram", TG | {"Transfer-Encoding": "chunked"})
    answer = exchange(process.port, head, chunked([update] + [b"a" * 65536] * 64))
    assert answer.status == 413 and "quá lớn" in answer.body.decode()
    assert row_counts(db) == before
    assert httpx.get(f"{process.url}/healthz").status_code == 200


def test_a_declared_length_over_the_cap_is_refused_before_the_body(
    server: tuple[ServerProcess, Database],
) -> None:
    process, db = server
    head = _head("/webhook/telegram", TG | {"Content-Length": str(5 * MB)})
    answer = exchange(process.port, head, [])  # not one byte of the body is sent
    assert answer.status == 413
    assert httpx.get(f"{process.url}/healthz").status_code == 200


def test_a_lying_short_length_reads_only_what_it_declared(
    server: tuple[ServerProcess, Database],
) -> None:
    process, db = server
    before = row_counts(db)
    head = _head("/webhook/telegram", TG | {"Content-Length": "16"})
    answer = exchange(process.port, head, [b'{"update_id": 5}'] + [b"x" * 65536] * 32)
    assert answer.status == 200  # the 16 declared bytes are the whole update; the rest is not
    assert row_counts(db) == before
    assert httpx.get(f"{process.url}/healthz").status_code == 200


def test_the_web_chat_json_is_capped_the_same_way(server: tuple[ServerProcess, Database]) -> None:
    process, db = server
    before = row_counts(db)
    web = {"X-Requested-With": "sangkien-webchat", "Content-Type": "application/json"}
    head = _head("/webchat/api/messages", web | {"Transfer-Encoding": "chunked"})
    answer = exchange(process.port, head, chunked([b'{"text": "'] + [b"a" * 16384] * 16))
    assert answer.status == 413 and "quá dài" in answer.body.decode()
    api = _head(
        "/api/v1/broadcasts", {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    )
    unauthenticated = exchange(process.port, api, chunked([b'{"text": "'] + [b"a" * 65536] * 32))
    assert unauthenticated.status == 413  # never read whole, token or not
    assert row_counts(db) == before
