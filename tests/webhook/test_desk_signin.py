"""Desk sign-in: /dangnhap links for reviewers and admins only, once, briefly; sessions end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from storage import roles
from storage.db import Database
from storage.models import DeskSession, Outbox, SignInLink
from storage.types import utcnow
from tests.fakes import zalo_updates as zu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import make_settings
from tests.support.desk import ask_link, csrf, link_token, sign_in, signed_in
from tests.support.entries import add_entries
from tests.support.review import REVIEWER, review_settings, statuses, texts_after
from tests.support.waiting import wait_until
from webhook.app import create_app
from webhook.desk_auth import COOKIE

ADMIN = 606
STRANGER = 4242


def _client(settings: object) -> TestClient:
    client = TestClient(create_app(settings))  # type: ignore[arg-type]
    client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
    return client


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(
        db_url,
        tmp_path / "data",
        fake_telegram,
        reviewers=f'["telegram:{REVIEWER}"]',
        extra={"SANGKIEN_ROLES__ADMINS": f'["telegram:{ADMIN}"]'},
    )
    with _client(settings) as test_client:
        yield test_client


def _links(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(SignInLink)).scalar_one())


def _sent_copy(db: Database) -> str | None:
    with db.session() as session:
        row = session.execute(
            select(Outbox).where(Outbox.ref == "signin", Outbox.status == "sent")  # type: ignore[arg-type]
        ).scalar_one_or_none()
    return str(row.payload["text"]) if row is not None else None


def test_a_reviewer_gets_a_one_time_link_that_opens_the_desk_once(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    add_entries(db, 2)
    message = ask_link(client, fake_telegram, int(REVIEWER))
    assert "dùng một lần, hết hạn sau 10 phút" in message
    assert message.count("http://127.0.0.1:8000/admin/dangnhap#") == 1
    token = link_token(message)
    with db.session() as session:  # only the hash is kept
        stored = session.execute(select(SignInLink.token_hash)).scalars().all()
    assert len(stored) == 1 and token not in stored[0]
    kept = wait_until(lambda: _sent_copy(db))  # and the outbox's copy loses the code once sent
    assert token not in kept and "/admin/dangnhap#…" in kept

    assert client.get("/admin", follow_redirects=False).headers["location"] == "/admin/dangnhap"
    assert sign_in(client, token) == 303
    desk = client.get("/admin")
    assert desk.status_code == 200 and "SK-2026-00001" in desk.text
    assert "Đăng xuất" in desk.text

    other = TestClient(client.app)
    assert sign_in(other, token) == 400  # the same link a second time
    assert (
        "đã được dùng hoặc đã hết hạn"
        in other.post(
            "/admin/dangnhap",
            data={"token": token, "csrf": csrf(other.get("/admin/dangnhap").text)},
        ).text
    )
    assert other.get("/admin", follow_redirects=False).status_code == 303


def test_an_expired_link_fails(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    token = link_token(ask_link(client, fake_telegram, int(REVIEWER)))
    with db.write() as session:
        session.execute(update(SignInLink).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert sign_in(client, token) == 400
    assert client.get("/admin", follow_redirects=False).status_code == 303
    assert sign_in(client, token + "x") == 400  # and a forged one


def test_people_without_a_role_get_a_polite_refusal_and_no_link(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    reply = ask_link(client, fake_telegram, STRANGER)
    assert reply == "Xin lỗi, lệnh này không dùng được với tài khoản của anh/chị."
    assert _links(db) == 0
    assert client.get("/admin", follow_redirects=False).status_code == 303
    assert client.get("/admin/hoso/SK-2026-00001", follow_redirects=False).status_code == 303


def test_a_link_is_never_posted_in_a_group(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    reply = ask_link(client, fake_telegram, int(REVIEWER), chat=-1009999)
    assert "cuộc trò chuyện riêng" in reply and "/admin/" not in reply
    assert _links(db) == 0


def test_a_revoked_role_sees_nothing_at_once(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    add_entries(db, 1)
    with db.write() as session:
        roles.grant(session, role="reviewer", principal="telegram:515", by="t", now=utcnow())
    signed_in(client, fake_telegram, 515)
    assert client.get("/admin").status_code == 200
    with db.write() as session:
        roles.revoke(session, role="reviewer", principal="telegram:515", now=utcnow())
    page = client.get("/admin")
    assert page.status_code == 403 and "SK-2026" not in page.text
    assert client.get("/admin/hoso/SK-2026-00001").status_code == 403


def test_sign_out_needs_the_csrf_token_and_ends_the_session(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    signed_in(client, fake_telegram, ADMIN)
    page = client.get("/admin")
    assert client.post("/admin/dangxuat", data={}).status_code == 403
    assert client.get("/admin").status_code == 200  # still signed in
    cookie = client.cookies.get(COOKIE)
    out = client.post("/admin/dangxuat", data={"csrf": csrf(page.text)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/admin/dangnhap?ra=1"
    thief = TestClient(client.app, cookies={COOKIE: cookie or ""})
    assert thief.get("/admin", follow_redirects=False).status_code == 303
    with db.session() as session:
        assert session.execute(select(DeskSession.ended_at)).scalar_one() is not None


def test_idle_and_absolute_expiry_end_a_session(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    signed_in(client, fake_telegram, ADMIN)
    with db.write() as session:
        session.execute(update(DeskSession).values(last_seen_at=utcnow() - timedelta(minutes=61)))
    assert client.get("/admin", follow_redirects=False).status_code == 303
    signed_in(client, fake_telegram, ADMIN)
    with db.write() as session:
        session.execute(
            update(DeskSession)
            .where(DeskSession.ended_at.is_(None))  # type: ignore[union-attr]
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_a_form_without_the_csrf_token_changes_nothing(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    code = add_entries(db, 1)[0]
    signed_in(client, fake_telegram, int(REVIEWER))
    for data in ({"status": "under_review"}, {"status": "under_review", "csrf": "0" * 64}):
        response = client.post(f"/admin/hoso/{code}/trangthai", data=data)
        assert response.status_code == 403 and "hết hiệu lực" in response.text
    assert statuses(db, [code]) == {code: "submitted"}
    sign_in_form = client.get("/admin/dangnhap")
    assert "csrf" in sign_in_form.text
    token = link_token(ask_link(client, fake_telegram, int(REVIEWER)))
    forged = client.post("/admin/dangnhap", data={"token": token}, follow_redirects=False)
    assert forged.status_code == 403
    assert sign_in(client, token) == 303  # the link was not spent by the refused form


def test_cookies_are_httponly_lax_and_secure_behind_https(
    db_url: str, tmp_path: Path, fake_telegram: FakeTelegram
) -> None:
    settings = review_settings(
        db_url,
        tmp_path / "data",
        fake_telegram,
        reviewers=f'["telegram:{REVIEWER}"]',
        extra={"SANGKIEN_SERVER__PUBLIC_URL": "https://sangkien.quangngai.gov.vn"},
    )
    with _client(settings) as client:
        client.base_url = client.base_url.copy_with(scheme="https")  # Secure cookies come back
        message = ask_link(client, fake_telegram, int(REVIEWER))
        assert "https://sangkien.quangngai.gov.vn/admin/dangnhap#" in message
        form = client.get("/admin/dangnhap")
        response = client.post(
            "/admin/dangnhap",
            data={"token": link_token(message), "csrf": csrf(form.text)},
            follow_redirects=False,
        )
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    assert "Path=/admin" in cookie
    assert response.headers["location"] == "/admin"


def test_on_zalo_a_reviewer_gets_the_link_and_others_the_same_refusal(
    db_url: str, tmp_path: Path, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        zalo_url=fake_zalo.url,
        zalo_token=fake_zalo.token,
        extra={
            "SANGKIEN_ROLES__REVIEWERS": '["zalo:8123456789"]',
            "SANGKIEN_SCHEDULER__ENABLED": "false",
        },
    )
    with _client(settings) as client:
        for user, expected in (("8123456789", "/admin/dangnhap#"), ("8999", "Xin lỗi, lệnh này")):
            event = zu.text_event(user, "/dangnhap", message_id=f"m-{user}")
            assert client.post("/webhook/zalo", json=event, headers=zalo_header).status_code == 200
            assert expected in texts_after(fake_zalo, user, 1)[-1]
        token = link_token(texts_after(fake_zalo, "8123456789", 1)[-1])
        assert sign_in(client, token) == 303
        assert client.get("/admin").status_code == 200
