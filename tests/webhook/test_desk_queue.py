"""The desk's queue and entry pages: councils see their own entries, filters, status changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlmodel import col

from storage import councils
from storage.db import Database
from storage.models import Submission
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.desk import (
    ask_link,
    csrf,
    desk_client,
    desk_settings,
    link_token,
    sign_in,
    signed_in,
)
from tests.support.entries import UNITS, add_entries
from tests.support.review import REVIEWER, statuses, texts_after

ADMIN = 606
MEMBER_A, MEMBER_B, PROVINCIAL = 901, 902, 903
AUTHOR = "5001"
ROW = re.compile(r'href="/admin/hoso/((?:SK|HK)-\d{4}-\d{5})"')


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = desk_settings(db_url, tmp_path / "data", fake_telegram, admin=ADMIN, member=MEMBER_A)
    with desk_client(settings) as test_client:
        yield test_client


@pytest.fixture
def entries(db: Database) -> list[str]:
    """Eight entries over four units; B (Sở Y tế) is a council from the command line."""
    codes = add_entries(db, 8, kind="mixed")
    with db.write() as session:
        councils.add_member(
            session,
            council="Hội đồng sáng kiến Sở Y tế",
            principal=f"telegram:{MEMBER_B}",
            level="co_so",
            units=[UNITS[1]],
            by="test",
            now=utcnow(),
        )
        councils.add_member(
            session,
            council="Hội đồng sáng kiến cấp tỉnh",
            principal=f"telegram:{PROVINCIAL}",
            level="tinh",
            units=[],
            by="test",
            now=utcnow(),
        )
        session.execute(  # the author of entry 3 proposes it for provincial recognition
            update(Submission).where(col(Submission.code) == codes[2]).values(scope="cap_tinh")
        )
    return codes


def _codes(html: str) -> list[str]:
    return ROW.findall(html)


def _unit_of(db: Database, codes: list[str]) -> dict[str, str]:
    with db.session() as session:
        rows = session.execute(
            select(col(Submission.code), col(Submission.agency)).where(
                col(Submission.code).in_(codes)
            )
        ).all()
    return {str(c): str(a) for c, a in rows}


def test_a_member_sees_only_their_councils_entries_and_cannot_open_others_by_url(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, entries: list[str]
) -> None:
    units = _unit_of(db, entries)
    mine = sorted(c for c in entries if units[c] == UNITS[0])
    theirs = next(c for c in entries if units[c] == UNITS[1])
    signed_in(client, fake_telegram, MEMBER_A)
    page = client.get("/admin")
    assert sorted(_codes(page.text)) == mine
    assert "Hội đồng sáng kiến xã Bình Sơn (cấp cơ sở)" in page.text
    assert client.get(f"/admin/hoso/{mine[0]}").status_code == 200
    for path in (f"/admin/hoso/{theirs}", f"/admin/hoso/{theirs}/application.docx"):
        response = client.get(path)
        assert response.status_code == 404 and "không thuộc Hội đồng" in response.text
        assert units[theirs] not in response.text
    form = csrf(page.text)
    refused = client.post(
        f"/admin/hoso/{theirs}/trangthai", data={"status": "under_review", "csrf": form}
    )
    assert refused.status_code == 404
    assert statuses(db, [theirs]) == {theirs: "submitted"}
    assert client.get("/admin?unit=" + UNITS[1]).text.count("/admin/hoso/") == 0


def test_the_provincial_council_sees_entries_proposed_for_or_in_provincial_review(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, entries: list[str]
) -> None:
    with db.write() as session:
        session.execute(
            update(Submission)
            .where(col(Submission.code) == entries[4])
            .values(status="provincial_review")
        )
    signed_in(client, fake_telegram, PROVINCIAL)
    assert sorted(_codes(client.get("/admin").text)) == sorted([entries[2], entries[4]])


def test_an_admin_sees_every_entry_and_a_reviewer_outside_councils_sees_none(
    client: TestClient, fake_telegram: FakeTelegram, entries: list[str]
) -> None:
    signed_in(client, fake_telegram, ADMIN)
    assert sorted(_codes(client.get("/admin").text)) == sorted(entries)
    token = link_token(ask_link(client, fake_telegram, int(REVIEWER)))
    other = TestClient(client.app)
    assert sign_in(other, token) == 303
    page = other.get("/admin")
    assert page.status_code == 200 and _codes(page.text) == []
    assert "chưa là thành viên Hội đồng nào" in page.text
    assert other.get(f"/admin/hoso/{entries[0]}").status_code == 404


def test_filters_search_without_diacritics_counts_and_paging(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    codes = add_entries(db, 60, kind="mixed")
    signed_in(client, fake_telegram, ADMIN)
    first = client.get("/admin")
    assert len(_codes(first.text)) == 50 and "60 hồ sơ; trang 1/2" in first.text
    assert "Đã tiếp nhận: 60" in first.text
    second = client.get("/admin?page=2&sort=oldest")
    assert len(_codes(second.text)) == 10 and 'rel="prev"' in second.text
    hien_ke = client.get("/admin?kind=hien_ke&sort=code")
    assert _codes(hien_ke.text) == sorted(c for c in codes if c.startswith("HK"))
    # "Số hoá" typed as "so hoa" and as "số hóa" (the other tone placement) finds the same
    plain = _codes(client.get("/admin", params={"q": "so hoa tai su dung"}).text)
    toned = _codes(client.get("/admin", params={"q": "Số hóa, tái sử dụng"}).text)
    assert plain and sorted(plain) == sorted(toned) and len(plain) == 10
    unit = _codes(client.get("/admin", params={"unit": UNITS[1], "kind": "hien_ke"}).text)
    assert unit and set(_unit_of(db, unit).values()) == {UNITS[1]}
    assert _codes(client.get("/admin?year=2025").text) == []
    assert (
        len(_codes(client.get("/admin?field=C%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh").text))
        == 50
    )
    assert client.get("/admin?page=abc&status=nonsense&year=x").status_code == 200


def test_a_status_change_uses_the_shared_rules_and_tells_the_author(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, entries: list[str]
) -> None:
    code = entries[0]  # sáng kiến of xã Bình Sơn, council A's
    signed_in(client, fake_telegram, MEMBER_A)
    page = client.get(f"/admin/hoso/{code}")
    assert "Nội dung giải pháp" in page.text and "Bước 1: khảo sát hiện trạng" in page.text
    assert "Đơn yêu cầu công nhận (.docx)" in page.text
    token = csrf(page.text)
    seen = len(fake_telegram.messages_to(AUTHOR))

    refused = client.post(
        f"/admin/hoso/{code}/trangthai", data={"status": "not_recognized", "csrf": token}
    )
    assert refused.status_code == 409
    assert "cần kèm ghi chú nêu rõ lý do" in refused.text
    skipped = client.post(
        f"/admin/hoso/{code}/trangthai", data={"status": "recognized_provincial", "csrf": token}
    )
    assert skipped.status_code == 409 and "sau khi sáng kiến đã được" in skipped.text
    assert statuses(db, [code]) == {code: "submitted"}

    done = client.post(
        f"/admin/hoso/{code}/trangthai",
        data={"status": "needs_revision", "note": "Bổ sung số liệu trước và sau.", "csrf": token},
    )
    assert done.status_code == 200 and "sang «Cần bổ sung»" in done.text
    assert statuses(db, [code]) == {code: "needs_revision"}
    told = texts_after(fake_telegram, AUTHOR, seen + 1)[-1]
    assert code in told and "Bổ sung số liệu trước và sau." in told
    assert f"desk:telegram:{MEMBER_A}" in done.text  # the history names who


def test_the_entry_page_lists_the_similar_entries_with_their_level(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, entries: list[str]
) -> None:
    code = entries[0]
    shown = [
        {"code": "QN-2019-12", "title": "Niêm yết mã QR <TTHC>", "agency": "Sở Tư pháp",
         "year": 2019, "status": "", "score": 0.62, "level": "rất giống"},
        {"code": "SK-2024-00007", "title": "Dán mã QR ở UBND phường", "agency": "",
         "year": None, "status": "recognized", "score": 0.5},
    ]  # fmt: skip
    with db.write() as session:
        session.execute(
            update(Submission).where(col(Submission.code) == code).values(similar=shown)
        )
    signed_in(client, fake_telegram, MEMBER_A)
    page = client.get(f"/admin/hoso/{code}").text
    assert "Sáng kiến, hiến kế đã có gần giống" in page
    assert "QN-2019-12 – Niêm yết mã QR &lt;TTHC&gt;" in page and "<TTHC>" not in page
    assert "Sở Tư pháp, năm 2019" in page and "<strong>rất giống</strong>" in page
    assert "SK-2024-00007 – Dán mã QR ở UBND phường" in page
    other = client.get(f"/admin/hoso/{entries[1]}").text
    assert "Sáng kiến, hiến kế đã có gần giống" not in other
