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
    """One real server for the module: 256 kB bodies, 1 MB uploads."""
    tmp = tmp_path_factory.mktemp("limits")
    url = f"sqlite:///{tmp}/t.db"
    with FakeTelegram() as fake:
        sections = config_sections(
            url, tmp / "data", telegram_url=fake.url, telegram_token=fake.token
        )
        sections["server"]["max_body_kb"] = 256
        sections["webchat"] = {"upload_max_mb": 1}
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


def _consented_cookie(process: ServerProcess) -> str:
    web = {"X-Requested-With": "sangkien-webchat"}
    with httpx.Client(base_url=process.url, headers=web) as client:
        client.get("/")
        client.post("/webchat/api/messages", json={"text": "/start", "client_id": "sock-0001"})
        agreed = {"choice": "consent:yes", "label": "Đồng ý", "client_id": "sock-0002"}
        assert client.post("/webchat/api/messages", json=agreed).status_code == 200
        return f"sk_visitor={client.cookies['sk_visitor']}"


def _upload_chunks(size: int) -> list[bytes]:
    parts = [
        b'--bnd\r\nContent-Disposition: form-data; name="client_id"\r\n\r\nsock-upload-1\r\n',
        b'--bnd\r\nContent-Disposition: form-data; name="file"; filename="so-lieu.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n",
    ]
    parts += [b"0" * 65536] * (size // 65536)
    return parts + [b"\r\n--bnd--\r\n"]


def test_a_chunked_upload_is_streamed_to_disk_and_cut_off_at_the_cap(
    server: tuple[ServerProcess, Database],
) -> None:
    process, db = server
    cookie = _consented_cookie(process)
    folder = process.config.parent / "data" / "uploads" / "web"
    headers = {
        "X-Requested-With": "sangkien-webchat",
        "Cookie": cookie,
        "Content-Type": "multipart/form-data; boundary=bnd",
        "Transfer-Encoding": "chunked",
    }
    big = exchange(
        process.port, _head("/webchat/api/upload", headers), chunked(_upload_chunks(6 * MB))
    )
    assert big.status == 413 and "1 MB" in big.body.decode()
    assert not folder.exists() or list(folder.iterdir()) == []
    small = exchange(
        process.port, _head("/webchat/api/upload", headers), chunked(_upload_chunks(512 * 1024))
    )
    assert small.status == 200, small.body[:300]
    stored = list(folder.iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".pdf"
    assert stored[0].stat().st_size == len(b"%PDF-1.4\n") + 512 * 1024
    assert httpx.get(f"{process.url}/healthz").status_code == 200
