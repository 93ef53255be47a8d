"""The chair confirms the council's decision at the desk: only the chair of that entry's
council (or an admin, explicitly), through the shared status rules, and the author is told."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlmodel import col

from storage import scores
from storage.db import Database
from storage.models import CouncilDecision, StatusChange, Submission
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.desk import ask_link, csrf, link_token, sign_in
from tests.support.entries import UNITS, add_author, add_entries
from tests.support.review import review_settings, statuses, texts_after
from webhook.app import create_app
from webhook.config import CouncilConfig

ADMIN = 606
FIRST, SECOND, CHAIR, SECRETARY = 901, 902, 905, 906
CHAIR_B, MEMBER_B = 911, 912
PROVINCIAL_CHAIR, PROVINCIAL_MEMBER = 921, 922
AUTHOR = "5001"
HIGH = {"tinh_moi": 25, "kha_nang_ap_dung": 20, "hieu_qua": 30}  # 75
LOW = {"tinh_moi": 5, "kha_nang_ap_dung": 5, "hieu_qua": 10}  # 20


@pytest.fixture
def client(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Iterator[TestClient]:
    settings = review_settings(
        db_url,
        tmp_path / "data",
        fake_telegram,
        reviewers="[]",
        extra={"SANGKIEN_ROLES__ADMINS": f'["telegram:{ADMIN}"]'},
    )
    councils = [
        CouncilConfig(
            name="Hội đồng sáng kiến xã Bình Sơn",
            level="co_so",
            units=[UNITS[0]],
            members=[f"telegram:{FIRST}", f"telegram:{SECOND}"],
            chair=f"telegram:{CHAIR}",
            secretary=f"telegram:{SECRETARY}",
        ),
        CouncilConfig(
            name="Hội đồng sáng kiến Sở Y tế",
            level="co_so",
            units=[UNITS[1]],
            members=[f"telegram:{MEMBER_B}"],
            chair=f"telegram:{CHAIR_B}",
        ),
        CouncilConfig(
            name="Hội đồng sáng kiến cấp tỉnh",
            level="tinh",
            members=[f"telegram:{PROVINCIAL_MEMBER}"],
            chair=f"telegram:{PROVINCIAL_CHAIR}",
        ),
    ]
    with TestClient(create_app(settings.model_copy(update={"councils": councils}))) as test_client:
        test_client.app.state.services.sender.pacers.clear()  # type: ignore[attr-defined]
        yield test_client


@pytest.fixture
def codes(db: Database) -> list[str]:
    """Entry 0 belongs to xã Bình Sơn (council A), entry 1 to Sở Y tế (council B)."""
    return add_entries(db, 2)


def _browser(client: TestClient, fake: FakeTelegram, user: int) -> TestClient:
    token = link_token(ask_link(client, fake, user))
    browser = TestClient(client.app)
    assert sign_in(browser, token) == 303
    return browser


def _score(
    db: Database, code: str, user: int, points: dict[str, int], level: str = "co_so"
) -> None:
    with db.write() as session:
        entry = session.execute(select(Submission).where(col(Submission.code) == code)).scalar_one()
        assert scores.submit(
            session,
            submission_id=entry.id or 0,
            principal=f"telegram:{user}",
            level=level,
            points=points,
            comment=None,
            now=utcnow(),
        )


def _decisions(db: Database) -> list[CouncilDecision]:
    with db.session() as session:
        return list(session.execute(select(CouncilDecision)).scalars())


def _history(db: Database, code: str) -> list[tuple[str, str, str | None]]:
    with db.session() as session:
        rows = session.execute(
            select(col(StatusChange.status), col(StatusChange.by), col(StatusChange.note))
            .join(Submission, col(Submission.id) == col(StatusChange.submission_id))
            .where(col(Submission.code) == code)
            .order_by(col(StatusChange.id))
        ).all()
    return [(str(s), str(b), n) for s, b, n in rows]


def test_the_chair_confirms_the_proposal_and_the_author_is_told(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[0]
    for user in (FIRST, SECOND, SECRETARY, CHAIR):
        _score(db, code, user, HIGH)
    chair = _browser(client, fake_telegram, CHAIR)
    page = chair.get(f"/admin/hoso/{code}")
    assert "Xác nhận quyết định của Hội đồng" in page.text
    assert "Đã có 4/4 thành viên chấm điểm." in page.text
    assert "Đề xuất theo điểm trung bình (75 điểm): Được công nhận (cấp cơ sở)." in page.text
    assert "chưa đủ phiếu" not in page.text
    seen = len(fake_telegram.messages_to(AUTHOR))

    done = chair.post(
        f"/admin/hoso/{code}/xacnhan",
        data={"decision": "recognized", "note": "Hội đồng thống nhất.", "csrf": csrf(page.text)},
    )
    assert done.status_code == 200
    assert "Đã xác nhận quyết định «Được công nhận (cấp cơ sở)»" in done.text
    assert f"Chủ tịch Hội đồng telegram:{CHAIR} đã xác nhận" in done.text
    assert "(theo đề xuất)" in done.text
    assert statuses(db, [code]) == {code: "recognized"}
    assert _history(db, code)[-1] == (
        "recognized",
        f"chair:telegram:{CHAIR}",
        "Hội đồng thống nhất.",
    )
    [decision] = _decisions(db)
    assert (decision.acting, decision.proposed, decision.decision) == (
        "chair",
        "recognized",
        "recognized",
    )
    assert (decision.scores, decision.expected, decision.average) == (4, 4, 75.0)
    assert decision.council == "Hội đồng sáng kiến xã Bình Sơn"
    told = texts_after(fake_telegram, AUTHOR, seen + 1)[-1]
    assert code in told and "Hội đồng thống nhất." in told

    # once decided, the same status rules refuse a second confirmation, with a clear reason
    again = chair.post(
        f"/admin/hoso/{code}/xacnhan", data={"decision": "recognized", "csrf": csrf(done.text)}
    )
    assert again.status_code == 409 and "hồ sơ đã ở trạng thái" in again.text
    assert len(_decisions(db)) == 1


def test_a_member_who_is_not_the_chair_cannot_confirm(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[0]
    _score(db, code, FIRST, HIGH)
    member = _browser(client, fake_telegram, FIRST)
    page = member.get(f"/admin/hoso/{code}")
    assert f"Chủ tịch Hội đồng: telegram:{CHAIR}." in page.text
    assert "sau khi các thành viên chấm điểm" in page.text and 'name="decision"' not in page.text
    forced = member.post(
        f"/admin/hoso/{code}/xacnhan",
        data={"decision": "recognized", "early": "1", "csrf": csrf(page.text)},
    )
    assert forced.status_code == 403 and "Chỉ Chủ tịch Hội đồng xét hồ sơ này" in forced.text
    assert statuses(db, [code]) == {code: "submitted"} and _decisions(db) == []


def test_the_chair_of_another_council_cannot_confirm_by_url(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    _score(db, codes[0], FIRST, HIGH)
    other = _browser(client, fake_telegram, CHAIR_B)
    own_page = other.get(f"/admin/hoso/{codes[1]}")
    assert own_page.status_code == 200
    forced = other.post(
        f"/admin/hoso/{codes[0]}/xacnhan",
        data={"decision": "recognized", "early": "1", "csrf": csrf(own_page.text)},
    )
    assert forced.status_code == 404 and "không thuộc Hội đồng của anh/chị" in forced.text
    assert statuses(db, [codes[0]]) == {codes[0]: "submitted"} and _decisions(db) == []


def test_a_form_without_the_csrf_token_fails(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[0]
    for user in (FIRST, SECOND, SECRETARY, CHAIR):
        _score(db, code, user, HIGH)
    chair = _browser(client, fake_telegram, CHAIR)
    assert 'name="decision"' in chair.get(f"/admin/hoso/{code}").text
    for data in ({"decision": "recognized"}, {"decision": "recognized", "csrf": "0" * 64}):
        refused = chair.post(f"/admin/hoso/{code}/xacnhan", data=data)
        assert refused.status_code == 403 and "Biểu mẫu đã hết hiệu lực" in refused.text
    assert statuses(db, [code]) == {code: "submitted"} and _decisions(db) == []


def test_a_chair_cannot_confirm_an_entry_they_co_authored(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[0]
    add_author(db, user_id=str(CHAIR), name="Trần Văn Bình")
    with db.write() as session:
        entry = session.execute(select(Submission).where(col(Submission.code) == code)).scalar_one()
        entry.fields = {
            **entry.fields,
            "authors": [{"name": "Lê Thị Hoa"}, {"name": "Trần Văn Bình"}],
        }
    for user in (FIRST, SECOND, SECRETARY):
        _score(db, code, user, HIGH)
    chair = _browser(client, fake_telegram, CHAIR)
    page = chair.get(f"/admin/hoso/{code}")
    assert "nên không xác nhận quyết định" in page.text and 'name="decision"' not in page.text
    assert "Đã có 3/3 thành viên chấm điểm." in page.text  # the chair is not expected to score
    forced = chair.post(
        f"/admin/hoso/{code}/xacnhan",
        data={"decision": "recognized", "early": "1", "csrf": csrf(page.text)},
    )
    assert forced.status_code == 403 and "là tác giả hoặc đồng tác giả" in forced.text
    assert statuses(db, [code]) == {code: "submitted"} and _decisions(db) == []


def test_early_and_overriding_confirmations_need_an_explicit_choice(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[0]
    chair = _browser(client, fake_telegram, CHAIR)
    page = chair.get(f"/admin/hoso/{code}")
    assert (
        "Chưa có phiếu chấm điểm nào" in page.text
        or "gửi phiếu chấm điểm của mình trước" in page.text
    )
    _score(db, code, FIRST, LOW)
    first = chair.post(
        f"/admin/hoso/{code}/xacnhan", data={"decision": "not_recognized", "csrf": csrf(page.text)}
    )
    assert first.status_code == 409 and "gửi phiếu chấm điểm của mình trước" in first.text
    assert "Đề xuất theo điểm" not in first.text  # no peeking at others' scores before one's own
    _score(db, code, CHAIR, LOW)
    page = chair.get(f"/admin/hoso/{code}")
    assert "Lưu ý: mới có 2/4 thành viên chấm điểm; còn thiếu phiếu của: " in page.text
    assert f"telegram:{SECOND}, telegram:{SECRETARY}" in page.text
    assert "(20 điểm): Không được công nhận" in page.text
    token = csrf(page.text)

    early = chair.post(
        f"/admin/hoso/{code}/xacnhan", data={"decision": "not_recognized", "csrf": token}
    )
    assert early.status_code == 409 and "Mới có 2/4 thành viên chấm điểm" in early.text
    unexplained = chair.post(
        f"/admin/hoso/{code}/xacnhan", data={"decision": "recognized", "early": "1", "csrf": token}
    )
    assert unexplained.status_code == 409 and "khác đề xuất theo điểm" in unexplained.text
    no_reason = chair.post(  # the shared status rule: a refusal needs its reason
        f"/admin/hoso/{code}/xacnhan",
        data={"decision": "not_recognized", "early": "1", "csrf": token},
    )
    assert no_reason.status_code == 409
    assert (
        "Chưa xác nhận được quyết định: trạng thái «Không được công nhận» cần kèm ghi chú"
        in no_reason.text
    )
    assert statuses(db, [code]) == {code: "submitted"} and _decisions(db) == []

    overridden = chair.post(
        f"/admin/hoso/{code}/xacnhan",
        data={
            "decision": "recognized",
            "note": "Đã áp dụng thực tế tại xã, hiệu quả rõ.",
            "early": "1",
            "csrf": token,
        },
    )
    assert overridden.status_code == 200 and "(khác đề xuất)" in overridden.text
    [decision] = _decisions(db)
    assert (decision.proposed, decision.decision) == ("not_recognized", "recognized")
    assert (decision.scores, decision.expected) == (2, 4)


def test_an_admin_confirms_only_when_acting_explicitly(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[1]  # council B: its chair has not scored; the admin sees every score
    _score(db, code, MEMBER_B, HIGH)
    admin = _browser(client, fake_telegram, ADMIN)
    page = admin.get(f"/admin/hoso/{code}")
    assert "Tôi là quản trị viên, xác nhận thay Chủ tịch Hội đồng" in page.text
    token = csrf(page.text)
    implicit = admin.post(
        f"/admin/hoso/{code}/xacnhan", data={"decision": "recognized", "early": "1", "csrf": token}
    )
    assert implicit.status_code == 409 and "Nếu xác nhận thay" in implicit.text
    acting = admin.post(
        f"/admin/hoso/{code}/xacnhan",
        data={"decision": "recognized", "early": "1", "as_admin": "1", "csrf": token},
    )
    assert (
        acting.status_code == 200 and f"Quản trị viên telegram:{ADMIN} đã xác nhận" in acting.text
    )
    assert _history(db, code)[-1][:2] == ("recognized", f"admin:telegram:{ADMIN}")
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(CouncilDecision)).scalar_one() == 1


def _cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_minutes_hold_every_score_and_only_members_and_admins_get_them(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    # two more of xã Bình Sơn: one scored but not decided, one decided by a member's form
    later, direct = add_entries(db, 5)[0::4]
    add_author(db, user_id=str(FIRST), name="Nguyễn Văn An")
    add_author(db, user_id=str(CHAIR), name="Phạm Thị Chi")
    add_author(db, user_id=str(SECRETARY), name="Võ Minh Thư")
    totals = {FIRST: 75, SECOND: 62, SECRETARY: 58, CHAIR: 81}
    for user, total in totals.items():
        _score(db, codes[0], user, {"tinh_moi": 20, "kha_nang_ap_dung": 20, "hieu_qua": total - 40})
    _score(db, later, FIRST, {"tinh_moi": 5, "kha_nang_ap_dung": 5, "hieu_qua": 10})  # 20
    _score(db, later, CHAIR, {"tinh_moi": 10, "kha_nang_ap_dung": 10, "hieu_qua": 13})  # 33
    _score(db, codes[1], MEMBER_B, HIGH)  # council B's: never in council A's minutes
    _score(db, direct, SECOND, LOW)
    member = _browser(client, fake_telegram, SECOND)
    changed = member.post(  # a decision through the plain status form still makes the minutes
        f"/admin/hoso/{direct}/trangthai",
        data={
            "status": "not_recognized",
            "note": "Chưa có số liệu hiệu quả.",
            "csrf": csrf(member.get(f"/admin/hoso/{direct}").text),
        },
    )
    assert changed.status_code == 200
    chair = _browser(client, fake_telegram, CHAIR)
    page = chair.get(f"/admin/hoso/{codes[0]}")
    done = chair.post(
        f"/admin/hoso/{codes[0]}/xacnhan",
        data={"decision": "recognized", "note": "Thống nhất công nhận.", "csrf": csrf(page.text)},
    )
    assert done.status_code == 200 and 'action="/admin/bienban.docx"' in done.text
    assert f"Chủ tịch Hội đồng: Phạm Thị Chi (telegram:{CHAIR})." in done.text  # names known
    assert f"Chủ tịch Hội đồng Phạm Thị Chi (telegram:{CHAIR}) đã xác nhận" in done.text
    today = utcnow().astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    link = f"/admin/bienban.docx?hoidong={quote('Hội đồng sáng kiến xã Bình Sơn')}"
    assert f'href="{link}&amp;ngay={today.isoformat()}"' in done.text

    assert f'value="{today:%d/%m/%Y}"' in done.text  # the form offers the day it was decided
    typed = chair.get(f"{link}&ngay={quote(f'{today:%d/%m/%Y}')}")  # as a person types it
    response = chair.get(link)  # empty: today
    assert response.status_code == typed.status_code == 200
    assert typed.headers["content-disposition"] == response.headers["content-disposition"]
    bad = chair.get(f"{link}&ngay=31/02/2026")
    assert bad.status_code == 400 and "Ngày họp chưa đúng" in bad.text
    assert response.headers["content-disposition"].endswith(f'bien-ban-hop-hoi-dong-{today}.docx"')
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN HỌP HỘI ĐỒNG SÁNG KIẾN" in text
    assert "Hội đồng sáng kiến xã Bình Sơn (cấp cơ sở)" in text
    assert f"{codes[0]} – " in text and f"{later} – " in text and codes[1] not in text
    assert "Có mặt 4/4 thành viên Hội đồng" in text
    assert "Thống nhất công nhận." in text and "Chưa có số liệu hiệu quả." in text
    present, first, second, third, results, signing = doc.tables
    assert [row[1:] for row in _cells(present)[1:]] == [
        ["Phạm Thị Chi", f"telegram:{CHAIR}", "Chủ tịch Hội đồng"],
        ["Võ Minh Thư", f"telegram:{SECRETARY}", "Thư ký Hội đồng"],
        ["Nguyễn Văn An", f"telegram:{FIRST}", "Ủy viên"],
        [f"telegram:{SECOND}", f"telegram:{SECOND}", "Ủy viên"],
    ]
    assert [row[1:] for row in _cells(first)[1:]] == [
        ["Nguyễn Văn An", "75"],
        [f"telegram:{SECOND}", "62"],
        ["Võ Minh Thư", "58"],
        ["Phạm Thị Chi", "81"],
        ["Điểm trung bình", "69"],
    ]
    assert [row[1:] for row in _cells(second)[1:]] == [
        ["Nguyễn Văn An", "20"],
        ["Phạm Thị Chi", "33"],
        ["Điểm trung bình", "26,5"],
    ]
    assert [row[1:] for row in _cells(third)[1:]] == [
        [f"telegram:{SECOND}", "20"],
        ["Điểm trung bình", "20"],
    ]
    assert [row[1:] for row in _cells(results)[1:]] == [
        [
            codes[0],
            _title(db, codes[0]),
            "69",
            "Được công nhận (cấp cơ sở)",
            "Được công nhận (cấp cơ sở) (Chủ tịch Hội đồng xác nhận)",
        ],
        [later, _title(db, later), "26,5", "Không được công nhận", "Chưa có quyết định"],
        [direct, _title(db, direct), "20", "Không được công nhận", "Không được công nhận"],
    ]
    signed = " ".join(c for row in _cells(signing) for c in row)
    assert "THƯ KÝ HỘI ĐỒNG" in signed and "Võ Minh Thư" in signed
    assert "CHỦ TỊCH HỘI ĐỒNG" in signed and "Phạm Thị Chi" in signed

    # the next day's meeting: the entry decided today is not considered again
    tomorrow = chair.get(f"{link}&ngay={today + timedelta(days=1)}")
    later_doc = Document(io.BytesIO(tomorrow.content))
    later_text = "\n".join(p.text for p in later_doc.paragraphs)
    assert codes[0] not in later_text and direct not in later_text and later in later_text

    assert _browser(client, fake_telegram, FIRST).get(link).status_code == 200  # a member
    assert _browser(client, fake_telegram, ADMIN).get(link).status_code == 200
    for outsider in (CHAIR_B, MEMBER_B):
        refused = _browser(client, fake_telegram, outsider).get(link)
        assert refused.status_code == 404 and "BIÊN BẢN" not in refused.text
    assert chair.get("/admin/bienban.docx?hoidong=Kh%C3%B4ng%20c%C3%B3").status_code == 404


def _title(db: Database, code: str) -> str:
    with db.session() as session:
        return str(
            session.execute(
                select(col(Submission.title)).where(col(Submission.code) == code)
            ).scalar_one()
        )


def test_the_provincial_chair_confirms_at_the_provincial_level(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, codes: list[str]
) -> None:
    code = codes[0]
    with db.write() as session:
        session.execute(
            update(Submission)
            .where(col(Submission.code) == code)
            .values(status="provincial_review")
        )
    provincial = {"tinh_moi_tinh": 20, "hieu_qua_tinh": 30, "pham_vi": 35}  # 85
    for user in (PROVINCIAL_CHAIR, PROVINCIAL_MEMBER):
        _score(db, code, user, provincial, level="tinh")
    chair = _browser(client, fake_telegram, PROVINCIAL_CHAIR)
    page = chair.get(f"/admin/hoso/{code}")
    assert "(85 điểm): Được công nhận hiệu quả và phạm vi ảnh hưởng cấp tỉnh" in page.text
    done = chair.post(
        f"/admin/hoso/{code}/xacnhan",
        data={"decision": "recognized_provincial", "csrf": csrf(page.text)},
    )
    assert done.status_code == 200 and statuses(db, [code]) == {code: "recognized_provincial"}
    [decision] = _decisions(db)
    assert (decision.level, decision.council) == ("tinh", "Hội đồng sáng kiến cấp tỉnh")
    minutes = chair.get(f"/admin/bienban.docx?hoidong={quote('Hội đồng sáng kiến cấp tỉnh')}")
    doc = Document(io.BytesIO(minutes.content))
    assert "Hội đồng sáng kiến cấp tỉnh (cấp tỉnh)" in "\n".join(p.text for p in doc.paragraphs)
    assert [row[1:] for row in _cells(doc.tables[1])[1:]] == [
        [f"telegram:{PROVINCIAL_CHAIR}", "85"],
        [f"telegram:{PROVINCIAL_MEMBER}", "85"],
        ["Điểm trung bình", "85"],
    ]
