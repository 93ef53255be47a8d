"""Admins at the desk: roles, councils, API tokens and announcements under the CLI's rules."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import col

from bot.admin import roles
from storage import councils as council_store
from storage.db import Database
from storage.models import AdminAction, ApiToken, Broadcast, Council, CouncilMember, RoleGrant
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import ADMIN_TOKEN
from tests.support.desk import ask_link, csrf, link_token, sign_in
from tests.support.entries import add_author
from tests.support.review import review_settings
from webhook.app import create_app

ADMIN, REVIEWER, OTHER = 900, 777, 901
PAGES = ("vaitro", "hoidong", "ma-api", "thongbao", "nhatky")
ACTIONS = {
    "/admin/quantri/vaitro/cap": {"role": "admin", "user": f"telegram:{REVIEWER}"},
    "/admin/quantri/vaitro/thuhoi": {"role": "admin", "user": f"telegram:{ADMIN}"},
    "/admin/quantri/hoidong/luu": {"council": "Hội đồng Sở Y tế", "level": "co_so", "units": ""},
    "/admin/quantri/hoidong/thanhvien": {"council": "Hội đồng cũ", "member": "telegram:5"},
    "/admin/quantri/hoidong/bothanhvien": {"council": "Hội đồng cũ", "member": "telegram:4"},
    "/admin/quantri/hoidong/xoa": {"council": "Hội đồng cũ"},
    "/admin/quantri/ma-api/tao": {"name": "Nguyễn Văn A", "role": "admin"},
    "/admin/quantri/ma-api/thuhoi": {"ref": "1"},
    "/admin/quantri/thongbao/tao": {"text": "Lớp tập huấn viết sáng kiến"},
    "/admin/quantri/thongbao/huy": {"id": "1"},
}
TABLES = (AdminAction, ApiToken, Broadcast, Council, CouncilMember, RoleGrant)


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(
        db_url, tmp_path / "data", fake_telegram, reviewers=f'["telegram:{REVIEWER}"]'
    )
    with TestClient(create_app(settings)) as test_client:
        test_client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        yield test_client


@pytest.fixture
def seeded(db: Database) -> None:
    """The one admin granted from the command line, one council of the database, one token."""
    now = utcnow()
    with db.write() as session:
        roles.grant(session, role="admin", principal=f"telegram:{ADMIN}", by="cli", now=now)
        council_store.add_member(
            session, council="Hội đồng cũ", principal="telegram:4", level="co_so",
            units=["Xã Bình Sơn"], by="cli", now=now,
        )  # fmt: skip
        session.add(
            ApiToken(prefix="sk_00000001", token_hash="0" * 64, name="Lê Thị Hoa",
                     role="reviewer", created_by="cli", created_at=now)
        )  # fmt: skip
        session.add(Broadcast(text="Hạn nộp", send_at=now + timedelta(days=3), created_by="cli",
                              created_at=now))  # fmt: skip


def _desk(client: TestClient, fake: FakeTelegram, user: int) -> TestClient:
    browser = TestClient(client.app)
    assert sign_in(browser, link_token(ask_link(client, fake, user))) == 303
    return browser


def _snapshot(db: Database) -> dict[str, list[Any]]:
    with db.session() as session:
        return {
            t.__name__: [r.model_dump() for r in session.execute(select(t)).scalars()]
            for t in TABLES
        }


def _actions(db: Database) -> list[tuple[str, str, str]]:
    with db.session() as session:
        rows = session.execute(select(AdminAction).order_by(col(AdminAction.id))).scalars()
        return [(r.actor, r.action, r.target) for r in rows]


def test_reviewers_get_403_on_every_admin_page_and_action(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, seeded: None
) -> None:
    reviewer = _desk(client, fake_telegram, REVIEWER)
    token = csrf(reviewer.get("/admin").text)
    assert "/admin/quantri" not in reviewer.get("/admin").text  # no link to what is closed
    before = _snapshot(db)
    for name in ("", *(f"/{p}" for p in PAGES)):
        closed = reviewer.get(f"/admin/quantri{name}", follow_redirects=False)
        assert closed.status_code == 403 and "chỉ dành cho quản trị viên" in closed.text
    for path, data in ACTIONS.items():
        refused = reviewer.post(path, data={**data, "csrf": token}, follow_redirects=False)
        assert refused.status_code == 403, path
    assert _snapshot(db) == before


def test_admin_forms_without_the_csrf_token_change_nothing(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, seeded: None
) -> None:
    admin = _desk(client, fake_telegram, ADMIN)
    assert admin.get("/admin/quantri/vaitro").status_code == 200
    before = _snapshot(db)
    for path, data in ACTIONS.items():
        for bad in ({}, {"csrf": "0" * 64}):
            refused = admin.post(path, data={**data, **bad}, follow_redirects=False)
            assert refused.status_code == 403 and "Biểu mẫu đã hết hiệu lực" in refused.text
    assert _snapshot(db) == before
    signed_out = TestClient(client.app)  # and nobody without a session gets further
    assert signed_out.get("/admin/quantri/vaitro", follow_redirects=False).status_code == 303


def test_roles_from_the_desk_keep_the_last_admin(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, seeded: None
) -> None:
    admin = _desk(client, fake_telegram, ADMIN)
    page = admin.get("/admin/quantri/vaitro")
    token = csrf(page.text)
    assert f"telegram:{REVIEWER}" in page.text and "Tệp cấu hình" in page.text
    me = {"role": "admin", "user": f"telegram:{ADMIN}", "csrf": token}
    last = admin.post("/admin/quantri/vaitro/thuhoi", data=me)
    assert last.status_code == 409 and "quản trị viên cuối cùng" in last.text
    bad = admin.post("/admin/quantri/vaitro/cap", data={**me, "user": "facebook:1"})
    assert bad.status_code == 400 and "«facebook:1» chưa đúng dạng KÊNH:SỐ" in bad.text
    other = {"role": "admin", "user": f"telegram:{OTHER}", "csrf": token}
    granted = admin.post("/admin/quantri/vaitro/cap", data=other, follow_redirects=False)
    assert granted.status_code == 303
    assert granted.headers["location"] == "/admin/quantri/vaitro?xong=cap"  # no account in it
    again = admin.post("/admin/quantri/vaitro/cap", data=other)
    assert "Không có gì thay đổi" in again.text
    in_file = {"role": "reviewer", "user": f"telegram:{REVIEWER}", "csrf": token}
    assert "sửa mục [roles]" in admin.post("/admin/quantri/vaitro/thuhoi", data=in_file).text
    # with another admin in place, the admin may step down; the admin pages close at once
    left = admin.post("/admin/quantri/vaitro/thuhoi", data=me, follow_redirects=False)
    assert left.status_code == 303 and left.headers["location"] == "/admin"
    assert admin.get("/admin/quantri/vaitro").status_code == 403
    successor = _desk(client, fake_telegram, OTHER)
    last_one = {
        "role": "admin",
        "user": f"telegram:{OTHER}",
        "csrf": csrf(successor.get("/admin").text),
    }
    assert successor.post("/admin/quantri/vaitro/thuhoi", data=last_one).status_code == 409
    log = [a for a in _actions(db) if a[0].startswith("desk:")]
    assert log == [
        (f"desk:telegram:{ADMIN}", "role.grant", f"telegram:{OTHER}"),
        (f"desk:telegram:{ADMIN}", "role.revoke", f"telegram:{ADMIN}"),
    ]


def test_councils_from_the_desk(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, seeded: None
) -> None:
    admin = _desk(client, fake_telegram, ADMIN)
    token = csrf(admin.get("/admin/quantri/hoidong").text)

    def post(action: str, **data: str) -> Any:
        return admin.post(f"/admin/quantri/hoidong/{action}", data={**data, "csrf": token})

    created = post(
        "luu", council="Hội đồng Sở Y tế", level="co_so", units="Sở Y tế\n\nBệnh viện tỉnh"
    )
    assert created.status_code == 200 and "Đã lưu Hội đồng." in created.text
    assert post("luu", council="  ", level="co_so").status_code == 400
    assert "cấp cơ sở hoặc cấp tỉnh" in post("luu", council="Hội đồng X", level="huyen").text
    assert (
        "Đã thêm thành viên."
        in post("thanhvien", council="Hội đồng Sở Y tế", member="zalo:77").text
    )
    assert (
        "đã là thành viên" in post("thanhvien", council="Hội đồng Sở Y tế", member="zalo:77").text
    )
    assert post("thanhvien", council="Hội đồng Sở Y tế", member="zalo 77").status_code == 400
    add_author(db, user_id="66", name="Phan Thị Thu")
    chair = post("thanhvien", council="Hội đồng Sở Y tế", member="telegram:66", role="chair")
    assert "Phan Thị Thu (telegram:66)</span> <span>(Chủ tịch Hội đồng)" in chair.text
    assert (
        post("thanhvien", council="Hội đồng Sở Y tế", member="zalo:8", role="boss").status_code
        == 400
    )
    post("bothanhvien", council="Hội đồng Sở Y tế", member="telegram:66")
    post("luu", council="Hội đồng Sở Y tế", level="tinh", units="")
    post("bothanhvien", council="Hội đồng cũ", member="telegram:4")
    assert "Đã xóa Hội đồng." in post("xoa", council="Hội đồng cũ").text
    assert "Không tìm thấy" in post("xoa", council="Hội đồng cũ").text
    with db.session() as session:
        assert council_store.listing(session) == [
            council_store.CouncilView("Hội đồng Sở Y tế", "tinh", (), ("zalo:77",))
        ]
    assert [a[1] for a in _actions(db) if a[0] == f"desk:telegram:{ADMIN}"] == [
        "council.create",
        "council.member_add",
        "council.member_add",
        "council.member_remove",
        "council.update",
        "council.member_remove",
        "council.remove",
    ]


def test_a_token_made_at_the_desk_is_shown_once_and_stops_when_revoked(
    client: TestClient,
    db: Database,
    fake_telegram: FakeTelegram,
    seeded: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    admin = _desk(client, fake_telegram, ADMIN)
    token = csrf(admin.get("/admin/quantri/ma-api").text)
    wrong = admin.post(
        "/admin/quantri/ma-api/tao",
        data={"name": "Trần Thị Mai", "role": "reviewer", "days": "9999", "csrf": token},
    )
    assert wrong.status_code == 400 and "từ 1 đến 3.650" in wrong.text
    assert 'value="Trần Thị Mai"' in wrong.text  # what was typed stays
    made = admin.post(
        "/admin/quantri/ma-api/tao",
        data={
            "name": "Trần Thị Mai",
            "role": "reviewer",
            "user": "zalo:55",
            "days": "30",
            "csrf": token,
        },
        follow_redirects=False,
    )
    assert made.status_code == 200 and made.headers["cache-control"] == "private, no-store"
    secret = made.text.split('id="token-secret" readonly value="')[1].split('"')[0]
    assert secret.startswith("sk_") and len(secret) > 50
    api = TestClient(client.app)
    bearer = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/v1/submissions", headers=bearer).status_code == 200
    listed = admin.get("/admin/quantri/ma-api")
    assert secret not in listed.text and "Trần Thị Mai" in listed.text
    prefix = secret[:11]
    revoked = admin.post(
        "/admin/quantri/ma-api/thuhoi", data={"ref": prefix, "csrf": token}, follow_redirects=False
    )
    assert revoked.headers["location"] == "/admin/quantri/ma-api?xong=thuhoima"
    assert api.get("/api/v1/submissions", headers=bearer).status_code == 401
    assert secret not in caplog.text and secret not in str(_snapshot(db))
    assert "Trần Thị Mai" not in caplog.text and "zalo:55" not in caplog.text
    assert [a[1:] for a in _actions(db) if a[0].startswith("desk:")] == [
        ("token.create", prefix),
        ("token.revoke", prefix),
    ]


def test_announcements_from_the_desk_follow_the_api_rules(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, seeded: None
) -> None:
    admin = _desk(client, fake_telegram, ADMIN)
    token = csrf(admin.get("/admin/quantri/thongbao").text)
    empty = admin.post("/admin/quantri/thongbao/tao", data={"text": "   ", "csrf": token})
    assert empty.status_code == 400 and "chưa nhập nội dung" in empty.text
    long = admin.post("/admin/quantri/thongbao/tao", data={"text": "a" * 1501, "csrf": token})
    assert long.status_code == 400 and "1.501 ký tự, quá giới hạn 1.500" in long.text
    bearer = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    api = client.post("/api/v1/broadcasts", json={"text": "a" * 1501}, headers=bearer)
    assert api.status_code == 422  # the same rule through the API
    odd = admin.post(
        "/admin/quantri/thongbao/tao",
        data={"text": "Hạn nộp", "channel": "fax", "csrf": token},
    )
    assert odd.status_code == 400 and "Kênh gửi không hợp lệ" in odd.text
    text = "Kính gửi quý vị: lớp tập huấn viết sáng kiến ngày 10/12."
    made = admin.post(
        "/admin/quantri/thongbao/tao",
        data={
            "text": text,
            "units": "Sở Y tế\nXã Bình Sơn",
            "channel": ["telegram", "zalo"],
            "at": "2030-01-02T08:30",
            "csrf": token,
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    add_author(db, user_id="6101", name="Ngô Văn Tâm", agency="Sở Y tế")  # in the audience
    add_author(db, user_id="6102", name="Lý Thị Na", agency="Sở Tài chính")  # not
    page = admin.get(made.headers["location"])
    assert "gửi từ 08:30 02/01/2030" in page.text and "Sở Y tế, Xã Bình Sơn" in page.text
    assert "dự kiến 1 người nhận" in page.text  # the same audience rule as at the start
    with db.session() as session:
        row = session.execute(select(Broadcast).where(col(Broadcast.text) == text)).scalar_one()
    assert (row.agencies, row.channels, row.created_by) == (
        ["Sở Y tế", "Xã Bình Sơn"],
        ["telegram", "zalo"],
        f"desk:telegram:{ADMIN}",
    )
    assert row.send_at.isoformat() == "2030-01-02T01:30:00+00:00"
    cancel = {"id": str(row.id), "csrf": token}
    assert "Đã hủy thông báo" in admin.post("/admin/quantri/thongbao/huy", data=cancel).text
    assert "không hủy được" in admin.post("/admin/quantri/thongbao/huy", data=cancel).text
    log = admin.get("/admin/quantri/nhatky").text
    assert (
        "Lên lịch thông báo" in log and "Hủy thông báo" in log and f"desk:telegram:{ADMIN}" in log
    )
