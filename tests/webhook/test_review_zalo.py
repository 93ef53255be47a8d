"""Reviewing on Zalo: no buttons, so typed commands, a link to the sheet, plain notices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from storage.db import Database
from tests.fakes import zalo_updates as zu
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN, ZALO_SECRET, make_settings
from tests.support.entries import add_entries
from tests.support.review import codes_in, statuses, texts_after, wait_delivered
from webhook.app import create_app

REVIEWER = "9001"
AUTHOR = "5001"


@pytest.fixture
def zalo() -> Iterator[FakeZaloApi]:
    with FakeZaloApi() as fake:
        yield fake


@pytest.fixture
def client(db_url: str, tmp_path: Path, zalo: FakeZaloApi) -> Iterator[TestClient]:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        zalo_url=zalo.url,
        zalo_token=zalo.token,
        extra={
            "SANGKIEN_ROLES__REVIEWERS": f'["zalo:{REVIEWER}"]',
            "SANGKIEN_SCHEDULER__ENABLED": "false",
            "SANGKIEN_SCHEDULER__QUIET_HOURS": "",
        },
    )
    with TestClient(create_app(settings)) as test_client:
        test_client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


def say(client: TestClient, zalo: FakeZaloApi, user: str, text: str) -> str:
    before = len(zalo.messages_to(user))
    headers = {"X-Bot-Api-Secret-Token": ZALO_SECRET}
    assert client.post("/webhook/zalo", json=zu.text_event(user, text), headers=headers).is_success
    # The first message after the command is its reply; more may follow (a reopened entry's
    # review), and whether they are in yet depends on the sender's timing.
    return texts_after(zalo, user, before + 1)[before]


def test_zalo_digest_has_typed_commands_and_a_working_sheet_link(
    client: TestClient, db: Database, zalo: FakeZaloApi
) -> None:
    codes = add_entries(db, 30, kind="mixed", channel="zalo", authors=6)
    assert client.post("/api/v1/jobs/digest/run").status_code == 200
    wait_delivered(db)
    texts = zalo.messages_to(REVIEWER)
    assert all(len(t) <= 2000 for t in texts)
    assert "bosung SK-2026-00042 <nội dung cần bổ sung>" in texts[0]
    assert codes_in(texts) == {code: 1 for code in codes} | {"SK-2026-00042": 5}
    link = texts[-1].rsplit(" ", 1)[-1]
    assert texts[-1].startswith("Bảng tổng hợp đợt 1 (30 hồ sơ, tải trong 30 ngày): http")
    download = client.get(urlparse(link).path)
    assert download.status_code == 200 and download.content[:2] == b"PK"  # an .xlsx (zip)
    assert set(statuses(db, codes).values()) == {"forwarded"}


def test_typed_review_commands_and_plain_notices(
    client: TestClient, db: Database, zalo: FakeZaloApi
) -> None:
    sk, hk = add_entries(db, 2, kind="mixed", channel="zalo")
    reply = say(client, zalo, REVIEWER, f"bosung {sk} Thiếu ảnh minh họa tại quầy một cửa")
    assert f"Đã chuyển {sk} sang «Cần bổ sung»" in reply
    notice = texts_after(zalo, AUTHOR, 1)[-1]
    assert "Ghi chú của Hội đồng: Thiếu ảnh minh họa tại quầy một cửa" in notice
    assert f"/bosunghoso {sk}" in notice
    assert "1. Bổ sung hồ sơ" not in notice  # no numbered button that typing "1" cannot reach
    assert "lý do chưa tiếp thu" in say(client, zalo, REVIEWER, f"chua tiep thu {hk}")
    assert "sang «Chưa tiếp thu»" in say(client, zalo, REVIEWER, "Đơn vị đã có giải pháp tương tự")
    listing = say(client, zalo, REVIEWER, f"xem {hk}")
    assert "• luutru " in listing and "1." not in listing
    assert statuses(db, [sk, hk]) == {sk: "needs_revision", hk: "declined"}
    assert "Trạng thái mới: Chưa tiếp thu." in texts_after(zalo, AUTHOR, 2)[-1]
    opened = say(client, zalo, AUTHOR, f"/bosunghoso {sk}")
    assert f"Anh/chị đang bổ sung hồ sơ {sk}" in opened
    assert "Thiếu ảnh minh họa" in opened
