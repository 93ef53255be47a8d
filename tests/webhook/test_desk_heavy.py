"""Heavy desk documents (minutes, results workbook): one at a time per person, a few in all.

A request made while the same person's document is being built, or beyond the server's
share, gets 429 with Retry-After and a Vietnamese page, never a second build; once the
first is done the next goes through. The building slot is held here by the test, as the
first request would hold it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from bot.desk import catalogue as text
from tests.fakes.telegram_api import FakeTelegram
from tests.support.desk import COUNCIL_A, desk_client, desk_settings, signed_in
from webhook.desk_heavy import RETRY_AFTER, HeavyWork

ADMIN, MEMBER = 606, 901
MINUTES = f"/admin/bienban.docx?hoidong={quote(COUNCIL_A)}&ngay=04/12/2026"
RESULTS = "/admin/ketqua.xlsx"


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = desk_settings(db_url, tmp_path / "data", fake_telegram, admin=ADMIN, member=MEMBER)
    with desk_client(settings) as test_client:
        signed_in(test_client, fake_telegram, ADMIN)
        yield test_client


def _heavy(client: TestClient) -> HeavyWork:
    return client.app.state.services.heavy  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("path", [MINUTES, RESULTS])
def test_a_second_request_while_mine_is_built_is_told_to_retry(
    client: TestClient, path: str
) -> None:
    with _heavy(client).slot(f"telegram:{ADMIN}") as held:
        assert held
        busy = client.get(path)
        assert busy.status_code == 429
        assert busy.headers["Retry-After"] == str(RETRY_AFTER)
        assert text.DOCUMENT_BUSY in busy.text
    done = client.get(path)
    assert done.status_code == 200 and done.content[:2] == b"PK"  # a .docx / .xlsx (zip)


def test_others_building_fill_the_share_and_then_free_it(client: TestClient) -> None:
    heavy = _heavy(client)
    with heavy.slot("telegram:1") as first, heavy.slot("telegram:2") as second:
        assert first and second and heavy.at_once == 2
        assert client.get(MINUTES).status_code == 429
    with heavy.slot("telegram:1") as other:  # one other person: there is room
        assert other
        assert client.get(MINUTES).status_code == 200


def test_a_slot_is_given_back_when_the_build_fails() -> None:
    heavy = HeavyWork(at_once=1)
    with pytest.raises(RuntimeError), heavy.slot("telegram:1") as held:
        assert held
        raise RuntimeError("the build broke")
    with heavy.slot("telegram:1") as again:
        assert again
