"""Scoring by criteria at the desk: independent, hidden until one's own, never one's own entry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlmodel import col

from storage.db import Database
from storage.models import Score, Submission
from tests.fakes.telegram_api import FakeTelegram
from tests.support.desk import ask_link, csrf, link_token, sign_in
from tests.support.entries import UNITS, add_author, add_entries
from tests.support.review import review_settings
from webhook.app import create_app
from webhook.config import CouncilConfig

FIRST, SECOND, COAUTHOR, PROVINCIAL = 901, 902, 903, 904
AUTHOR = 5001  # add_entries' author, also a member of the council here
POINTS = {"c_tinh_moi": "25", "c_kha_nang_ap_dung": "20", "c_hieu_qua": "30"}  # 75


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(db_url, tmp_path / "data", fake_telegram, reviewers="[]")
    members = [f"telegram:{n}" for n in (FIRST, SECOND, COAUTHOR, AUTHOR)]
    councils = [
        CouncilConfig(
            name="Hội đồng xã Bình Sơn", level="co_so", units=[UNITS[0]], members=members
        ),
        CouncilConfig(name="Hội đồng cấp tỉnh", level="tinh", members=[f"telegram:{PROVINCIAL}"]),
    ]
    with TestClient(create_app(settings.model_copy(update={"councils": councils}))) as test_client:
        test_client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        yield test_client


@pytest.fixture
def code(db: Database) -> str:
    """A sáng kiến of xã Bình Sơn naming Trần Văn Bình as co-author."""
    found = add_entries(db, 1)[0]
    add_author(db, user_id=str(COAUTHOR), name="Trần Văn Bình")
    with db.write() as session:
        entry = session.execute(
            select(Submission).where(col(Submission.code) == found)
        ).scalar_one()
        entry.fields = {
            **entry.fields,
            "authors": [{"name": "Lê Thị Hoa"}, {"name": "Tran Van Binh"}],
        }
    return found


def _member(client: TestClient, fake: FakeTelegram, user: int) -> TestClient:
    token = link_token(ask_link(client, fake, user))  # chat goes through the running app
    browser = TestClient(client.app)
    assert sign_in(browser, token) == 303
    return browser


def _scores(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(Score)).scalar_one())


def test_members_score_independently_and_see_others_only_after_their_own(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, code: str
) -> None:
    first, second = _member(client, fake_telegram, FIRST), _member(client, fake_telegram, SECOND)
    page = first.get(f"/admin/hoso/{code}")
    assert (
        "Chấm điểm theo tiêu chí (cấp cơ sở)" in page.text and "Tính mới (0–30 điểm)" in page.text
    )
    saved = first.post(f"/admin/hoso/{code}/chamdiem", data={**POINTS, "csrf": csrf(page.text)})
    assert saved.status_code == 200 and "Đã ghi nhận phiếu chấm điểm" in saved.text
    assert "1 phiếu; điểm trung bình 75; chênh lệch" in saved.text

    page = second.get(f"/admin/hoso/{code}")
    assert "Đã có 1 thành viên chấm" in page.text
    hidden = page.text[page.text.index('id="scoring"') :]
    # nothing of the first member's score before one's own (the CSRF hex may hold any digits)
    assert f"telegram:{FIRST}" not in hidden and "Phiếu chấm của các thành viên" not in hidden
    assert "điểm trung bình" not in hidden and ">25<" not in hidden and ">75<" not in hidden
    assert f"telegram:{FIRST}" not in page.text
    token = csrf(page.text)
    wrong = second.post(
        f"/admin/hoso/{code}/chamdiem", data={**POINTS, "c_hieu_qua": "41", "csrf": token}
    )
    assert (
        wrong.status_code == 409
        and "«Hiệu quả, lợi ích» phải là số nguyên từ 0 đến 40" in wrong.text
    )
    low = {"c_tinh_moi": "10", "c_kha_nang_ap_dung": "10", "c_hieu_qua": "10", "csrf": token}
    both = second.post(f"/admin/hoso/{code}/chamdiem", data=low)
    assert f"telegram:{FIRST}" in both.text and f"telegram:{SECOND}" in both.text
    assert "2 phiếu; điểm trung bình 52,5; chênh lệch cao nhất – thấp nhất 45 điểm" in both.text
    assert "Đề xuất: công nhận (ngưỡng 50 điểm" in both.text
    again = second.post(f"/admin/hoso/{code}/chamdiem", data=low)
    assert again.status_code == 409 and "không sửa được" in again.text
    assert _scores(db) == 2
    assert second.post(f"/admin/hoso/{code}/chamdiem", data=POINTS).status_code == 403


@pytest.mark.parametrize("who", [AUTHOR, COAUTHOR], ids=["author", "co-author"])
def test_nobody_scores_their_own_or_a_co_authored_entry(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, code: str, who: int
) -> None:
    member = _member(client, fake_telegram, who)
    page = member.get(f"/admin/hoso/{code}")
    assert "không chấm điểm" in page.text and 'name="c_tinh_moi"' not in page.text
    forced = member.post(f"/admin/hoso/{code}/chamdiem", data={**POINTS, "csrf": csrf(page.text)})
    assert forced.status_code == 409 and "là tác giả hoặc đồng tác giả" in forced.text
    assert _scores(db) == 0


def test_provincial_review_uses_the_provincial_rubric_and_hien_ke_are_not_scored(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, code: str
) -> None:
    hien_ke = add_entries(db, 1, kind="hien_ke")[0]
    with db.write() as session:
        session.execute(
            update(Submission)
            .where(col(Submission.code) == code)
            .values(status="provincial_review")
        )
    provincial = _member(client, fake_telegram, PROVINCIAL)
    page = provincial.get(f"/admin/hoso/{code}")
    assert "(cấp tỉnh)" in page.text and "Phạm vi ảnh hưởng (0–40 điểm)" in page.text
    first = _member(client, fake_telegram, FIRST)
    assert "Chấm điểm" not in first.get(f"/admin/hoso/{hien_ke}").text
