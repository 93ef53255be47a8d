"""Inputs that used to give 500s: overflowing numbers, NUL, lone surrogates, deep JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, ZALO_SECRET, hostile_target
from tests.support.rows import row_counts
from webhook.inputs import BadJson, loads, storable

API = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
WEB = {"X-Requested-With": "sangkien-webchat"}
TG = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
ZALO = {"X-Bot-Api-Secret-Token": ZALO_SECRET}
JSON = {"Content-Type": "application/json"}
HUGE = str(10**30)
DEEP = b"[" * 50_000 + b"]" * 50_000


def _tg(update_id: int, **message: Any) -> bytes:
    base = {
        "message_id": 1,
        "date": 1,
        "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "is_bot": False, "first_name": "An"},
        "text": "xin chào",
    }
    return json.dumps({"update_id": update_id, "message": base | message}).encode()


CASES: list[tuple[str, str, dict[str, str], bytes | None]] = [
    ("GET", f"/api/v1/submissions?limit=10&offset={HUGE}", API, None),
    ("GET", f"/api/v1/submissions?offset={2**63}", API, None),
    ("GET", "/api/v1/submissions?q=%00", API, None),
    ("GET", "/api/v1/submissions?agency=a%00b", API, None),
    ("GET", "/api/v1/submissions/SK%00", API, None),
    ("GET", "/api/v1/submissions?since=9999-12-31T23:59:59-23:00", API, None),
    ("GET", "/api/v1/submissions?since=0001-01-01T00:00:00%2B14:00", API, None),
    ("GET", f"/api/v1/broadcasts/{HUGE}", API, None),
    ("GET", f"/api/v1/broadcasts/{2**40}", API, None),
    ("POST", f"/api/v1/broadcasts/{2**63}/cancel", API, None),
    ("POST", "/api/v1/broadcasts", API, b'{"text": "a\\u0000b"}'),
    ("POST", "/api/v1/broadcasts", API, b'{"text": "a\\ud800b"}'),
    ("POST", "/api/v1/broadcasts", API, b'{"text": "ok", "agencies": ["\\udfff"]}'),
    ("POST", "/api/v1/broadcasts", API, b'{"text": "ok", "send_at": "9999-12-31T23:59:59+14:00"}'),
    ("POST", "/api/v1/broadcasts", API, DEEP),
    ("POST", "/api/v1/submissions/SK-2026-00001/status", API, b'{"status": "x\\u0000"}'),
    ("POST", "/webchat/api/messages", WEB, DEEP),
    ("POST", "/webchat/api/messages", WEB, b'{"text": "hi", "after": "' + HUGE.encode() + b'"}'),
    ("POST", "/webchat/api/messages", WEB, '{"text": "hi", "after": "²"}'.encode()),
    ("POST", "/webchat/api/messages", WEB, b"[1" + b"0" * 5000 + b"]"),
    ("GET", f"/webchat/api/messages?after={HUGE}", WEB, None),
    ("GET", f"/webchat/api/documents/{HUGE}", WEB, None),
    ("POST", "/webhook/telegram", TG, DEEP),
    ("POST", "/webhook/telegram", TG, _tg(7, **{"from": {"id": 10**80, "is_bot": False}})),
    ("POST", "/webhook/telegram", TG, _tg(8, chat={"id": -(10**40), "type": "group"})),
    ("POST", "/webhook/zalo", ZALO, DEEP),
    (
        "POST",
        "/webhook/zalo",
        ZALO,
        json.dumps(
            {
                "event_name": "message.text.received",
                "message": {
                    "message_id": "m1",
                    "text": "hi",
                    "from": {"id": "u" * 300},
                    "chat": {"id": "c"},
                },
            }
        ).encode(),
    ),
]


@pytest.fixture
def hostile_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    with hostile_target(db_url, tmp_path / "data") as client:
        yield client


def test_hostile_requests_are_refused_with_4xx_and_store_nothing(
    hostile_client: TestClient,
) -> None:
    db = hostile_client.app.state.services.db  # type: ignore[attr-defined]
    before = row_counts(db)
    for method, path, headers, body in CASES:
        answer = hostile_client.request(method, path, headers={**headers, **JSON}, content=body)
        assert 400 <= answer.status_code < 500, (
            method,
            path,
            (body or b"")[:60],
            answer.text[:200],
        )
    assert row_counts(db) == before
    assert hostile_client.get("/healthz").status_code == 200


def test_text_with_nul_or_a_lone_surrogate_is_stored_cleaned(hostile_client: TestClient) -> None:
    """A platform update is never refused for odd text (it would be redelivered forever)."""
    body = _tg(
        9,
        text="xin\u0000 chào \ud800",
        **{"from": {"id": 6, "is_bot": False, "first_name": "\udc00B"}},
    )
    answer = hostile_client.post("/webhook/telegram", content=body, headers={**TG, **JSON})
    assert answer.status_code == 200 and answer.json()["ok"] is True
    # Typed text is kept only after consent (issue 9): agree first, then type the odd text.
    agreed = b'{"choice": "consent:yes", "label": "x", "client_id": "odd-agree-1"}'
    hostile_client.post("/webchat/api/messages", content=agreed, headers={**WEB, **JSON})
    web = hostile_client.post(
        "/webchat/api/messages",
        content=b'{"text": "a\\u0000b\\ud800", "client_id": "odd-text-01"}',
        headers={**WEB, **JSON},
    )
    assert web.status_code == 200
    said = [m["text"] for m in web.json()["messages"] if m["role"] == "user"]
    assert said[-1] == "ab\ufffd"
    odd_button = '{"choice": "bc-read:²", "label": "x", "client_id": "odd-choice-1"}'
    pressed = hostile_client.post(
        "/webchat/api/messages", content=odd_button.encode(), headers={**WEB, **JSON}
    )
    assert pressed.status_code == 200  # a button value no announcement has: just a choice


def test_the_json_reader_bounds_depth_and_cleans_text() -> None:
    assert loads(b'{"a": [[["x"]]]}') == {"a": [[["x"]]]}
    assert loads(
        b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}'
    )  # brackets in text count for nothing
    with pytest.raises(BadJson):
        loads(b"[" * 33 + b"]" * 33)
    with pytest.raises(BadJson):
        loads(b"[1" + b"0" * 5000 + b"]")  # Python refuses ints over 4,300 digits
    assert loads(b'{"k\\u0000": "v\\udfff"}') == {"k": "v\ufffd"}
    assert storable("Việt\u0000 Nam") == "Việt Nam"
