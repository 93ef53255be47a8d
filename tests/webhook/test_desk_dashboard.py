"""The desk dashboard: numbers match seeded data, councils see only theirs, CSV equals table."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import insert, update
from sqlmodel import col

from storage import scores
from storage.db import Database
from storage.models import StatusChange, Submission
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.desk import desk_client, desk_settings, signed_in
from tests.support.entries import UNITS, add_entries

ADMIN, MEMBER_A = 606, 901
CELLS = re.compile(r'<tr><th scope="row">([^<]*)</th><td>(\d+)</td></tr>')


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = desk_settings(db_url, tmp_path / "data", fake_telegram, admin=ADMIN, member=MEMBER_A)
    with desk_client(settings, paced=True) as test_client:
        yield test_client


def _seed(db: Database) -> list[str]:
    """Eight entries; known months, statuses and decision times (2, 4 and 9 days)."""
    codes = add_entries(db, 8, kind="sang_kien")
    plan = [  # submitted (UTC), status, days to decision or None, who took it into review
        (datetime(2026, 1, 10, 3, tzinfo=UTC), "recognized", 2, None),
        (datetime(2026, 1, 31, 18, tzinfo=UTC), "under_review", None, "desk:telegram:1"),
        (datetime(2026, 2, 5, 3, tzinfo=UTC), "not_recognized", 4, None),
        (datetime(2026, 2, 6, 3, tzinfo=UTC), "under_review", None, "desk:telegram:2"),
        (datetime(2026, 3, 1, 3, tzinfo=UTC), "recognized", 9, None),
        (datetime(2026, 3, 2, 3, tzinfo=UTC), "under_review", None, "desk:telegram:1"),
        (datetime(2026, 3, 3, 3, tzinfo=UTC), "submitted", None, None),
        (datetime(2026, 3, 4, 3, tzinfo=UTC), "submitted", None, None),
    ]
    with db.write() as session:
        for code, (at, status, days, by) in zip(codes, plan, strict=True):
            session.execute(
                update(Submission)
                .where(col(Submission.code) == code)
                .values(submitted_at=at, status=status)
            )
            sid = session.execute(
                Submission.__table__.select()  # type: ignore[attr-defined]
                .with_only_columns(Submission.id)
                .where(col(Submission.code) == code)
            ).scalar_one()
            changes = []
            if days is not None:
                changes.append((status, at + timedelta(days=days), "desk:telegram:606"))
            if by is not None:
                changes.append(("under_review", at + timedelta(hours=1), by))
            for state, when, who in changes:
                session.execute(
                    insert(StatusChange).values(submission_id=sid, status=state, at=when, by=who)
                )
    return codes


def _table(html: str, key: str) -> list[tuple[str, int]]:
    found = re.search(rf'<table class="numbers" id="bang-{key}">(.*?)</table>', html, re.S)
    assert found is not None, key
    return [(label, int(n)) for label, n in CELLS.findall(found.group(1))]


def test_the_numbers_match_the_data_and_the_csv_equals_the_table(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    _seed(db)
    signed_in(client, fake_telegram, ADMIN)
    assert 'href="/admin/thongke"' in client.get("/admin").text
    page = client.get("/admin/thongke")
    assert page.status_code == 200
    html = page.text
    # 31 Jan 18:00 UTC is 1 Feb in Hà Nội: months are local
    assert _table(html, "thang") == [("2026-01", 1), ("2026-02", 3), ("2026-03", 4)]
    assert _table(html, "trangthai") == [
        ("Đã tiếp nhận", 2),
        ("Đang xem xét", 3),
        ("Được công nhận (cấp cơ sở)", 2),
        ("Không được công nhận", 1),
    ]
    assert sum(n for _, n in _table(html, "donvi")) == 8
    assert _table(html, "dangxem") == [("desk:telegram:1", 2), ("desk:telegram:2", 1)]
    assert "trung vị" in html and "4 ngày (3 hồ sơ" in html
    assert html.count("<svg") == 5 and html.count("<title id=") == 5
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for key in ("thang", "donvi", "linhvuc", "trangthai", "dangxem"):
        response = client.get(f"/admin/thongke/{key}.csv")
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            "text/csv"
        )
        rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
        assert [(label, int(n)) for label, n in rows[1:]] == _table(html, key)
    assert client.get("/admin/thongke/khac.csv").status_code == 404


def test_a_council_member_sees_only_their_councils_numbers(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    codes = _seed(db)
    with db.session() as session:
        mine = [
            c
            for c, a in session.execute(
                Submission.__table__.select().with_only_columns(Submission.code, Submission.agency)  # type: ignore[attr-defined]
            )
            if a == UNITS[0]
        ]
    assert 0 < len(mine) < len(codes)
    signed_in(client, fake_telegram, MEMBER_A)
    html = client.get("/admin/thongke").text
    assert _table(html, "donvi") == [(UNITS[0], len(mine))]
    assert sum(n for _, n in _table(html, "thang")) == len(mine)
    assert all(u not in html for u in UNITS[1:])
    rows = list(
        csv.reader(io.StringIO(client.get("/admin/thongke/donvi.csv").text.lstrip("\ufeff")))
    )
    assert rows[1:] == [[UNITS[0], str(len(mine))]]


def test_signed_out_visitors_see_no_numbers(client: TestClient) -> None:
    for path in ("/admin/thongke", "/admin/thongke/thang.csv"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code in (303, 401, 403) and "2026" not in response.text


def _score(db: Database, code: str, principal: str, points: dict[str, int], note: str) -> None:
    with db.write() as session:
        sid = session.execute(
            Submission.__table__.select()  # type: ignore[attr-defined]
            .with_only_columns(Submission.id)
            .where(col(Submission.code) == code)
        ).scalar_one()
        assert scores.submit(
            session,
            submission_id=sid,
            principal=principal,
            level="co_so",
            points=points,
            comment=note,
            now=utcnow(),
        )


def _sheet(client: TestClient) -> list[list[str]]:
    response = client.get("/admin/ketqua.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [
        [str(v) if v is not None else "" for v in row]
        for row in book.active.iter_rows(values_only=True)
    ]


def test_the_results_list_holds_every_score_a_viewer_may_see(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    codes = _seed(db)
    given = {  # (code, member) → points; one comment starts like a formula
        (codes[0], f"telegram:{MEMBER_A}"): {
            "tinh_moi": 21,
            "kha_nang_ap_dung": 17,
            "hieu_qua": 33,
        },
        (codes[0], "telegram:907"): {"tinh_moi": 11, "kha_nang_ap_dung": 29, "hieu_qua": 8},
        (codes[3], "telegram:907"): {"tinh_moi": 5, "kha_nang_ap_dung": 6, "hieu_qua": 7},
    }
    for (code, member), points in given.items():
        _score(db, code, member, points, '=HYPERLINK("x")')
    signed_in(client, fake_telegram, ADMIN)
    assert 'href="/admin/ketqua.xlsx"' in client.get("/admin/thongke").text
    head, *rows = _sheet(client)
    at = {name: head.index(name) for name in ("Mã hồ sơ", "Thành viên chấm", "Tổng điểm")}
    found = {(r[at["Mã hồ sơ"]], r[at["Thành viên chấm"]]): r for r in rows}
    assert set(found) == set(given)
    for key, points in given.items():
        row = found[key]
        for criterion, label in (
            ("tinh_moi", "Tính mới"),
            ("kha_nang_ap_dung", "Khả năng áp dụng"),
            ("hieu_qua", "Hiệu quả, lợi ích"),
        ):
            assert row[head.index(f"{label} (cấp cơ sở)")] == str(points[criterion]), key
        assert row[at["Tổng điểm"]] == str(sum(points.values()))
        assert '=HYPERLINK("x")' in row
    average = head.index("Điểm trung bình của hồ sơ")
    assert found[(codes[0], f"telegram:{MEMBER_A}")][average] == "59,5"  # (71 + 48) / 2
    assert found[(codes[3], "telegram:907")][average] == "18"
    # a member sees only the entries of their council that they have scored themselves
    member = TestClient(client.app)
    signed_in(member, fake_telegram, MEMBER_A)
    visible = {(r[at["Mã hồ sơ"]], r[at["Thành viên chấm"]]) for r in _sheet(member)[1:]}
    assert visible == {k for k in given if k[0] == codes[0]}


def test_a_members_score_sheet_docx_holds_every_point_of_their_score(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    codes = _seed(db)
    points = {"tinh_moi": 23, "kha_nang_ap_dung": 19, "hieu_qua": 37}
    _score(db, codes[0], f"telegram:{MEMBER_A}", points, "Giải pháp rõ ràng, cần thêm số liệu.")
    _score(db, codes[0], "telegram:907", {"tinh_moi": 2, "kha_nang_ap_dung": 3, "hieu_qua": 4}, "")
    signed_in(client, fake_telegram, MEMBER_A)
    assert f'href="/admin/hoso/{codes[0]}/phieu.docx"' in client.get(f"/admin/hoso/{codes[0]}").text
    response = client.get(f"/admin/hoso/{codes[0]}/phieu.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "PHIẾU ĐÁNH GIÁ SÁNG KIẾN" in text and codes[0] in text
    assert "Giải pháp rõ ràng, cần thêm số liệu." in text
    assert "Hội đồng sáng kiến xã Bình Sơn" in text
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells[1:] == [
        ["1", "Tính mới", "30", "23"],
        ["2", "Khả năng áp dụng", "30", "19"],
        ["3", "Hiệu quả, lợi ích", "40", "37"],
        ["", "Tổng cộng", "100", "79"],
    ]
    # no sheet for an entry of one's council that one has not scored (codes[4]: same unit)
    assert client.get(f"/admin/hoso/{codes[4]}").status_code == 200
    assert client.get(f"/admin/hoso/{codes[4]}/phieu.docx").status_code == 404
