"""Submitted entries written straight to the database, for digest and review tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage import queries
from storage.db import Database
from storage.types import utcnow

TITLES = (
    "Số hoá, tái sử dụng kết quả giải quyết thủ tục hành chính để người dân không phải nộp lại",
    "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính tại trụ sở xã",
    "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn cho công chức tiếp nhận tại phường",
    "Phân luồng và hẹn giờ khám bệnh qua tổng đài, tin nhắn để giảm thời gian chờ",
    "Sử dụng phiếu học tập số kết hợp trò chơi trực tuyến để phụ đạo học sinh lớp 6 môn Toán",
    "Ứng dụng bản đồ số theo dõi lịch xuống giống và tình hình sâu bệnh trên lúa tại xã",
)
UNITS = ("Ủy ban nhân dân xã Bình Sơn", "Sở Y tế", "Trường THCS Lý Sơn", "Sở Khoa học và Công nghệ")


def add_author(
    db: Database,
    *,
    channel: str = "telegram",
    user_id: str = "5001",
    name: str = "Lê Thị Hoa",
    agency: str = UNITS[0],
    now: datetime | None = None,
) -> None:
    """A person with a complete profile who can be told about their entries."""
    now = now or utcnow()
    with db.write() as session:
        identity = queries.lock_identity(
            session, channel=channel, user_id=user_id, chat_id=user_id, display_name=name, now=now
        )
        person = queries.get_person(session, person_id=identity.person_id)
        profile = {"name": name, "agency": agency, "position": "Chuyên viên", "phone": None}
        queries.save_profile(session, person=person, profile=profile, consent_at=now)
        state = {"consent_at": now.isoformat(), "profile": profile, "flow": "menu", "step": "menu"}
        queries.save_state(session, identity_id=identity.id or 0, state=state, now=now)


def add_entries(
    db: Database,
    count: int,
    *,
    kind: str = "sang_kien",
    channel: str = "telegram",
    authors: int = 1,
    first_user: int = 5001,
    now: datetime | None = None,
) -> list[str]:
    """`count` submitted entries spread over `authors` people (user ids from `first_user`).

    `kind` "mixed" alternates sáng kiến and hiến kế; units vary so the digest groups them.
    """
    now = now or utcnow()
    users = [str(first_user + n) for n in range(authors)]
    for user in users:
        add_author(db, channel=channel, user_id=user, now=now)
    codes = []
    with db.write() as session:
        for index in range(count):
            identity = queries.lock_identity(
                session,
                channel=channel,
                user_id=users[index % authors],
                chat_id=users[index % authors],
                display_name=None,
                now=now,
            )
            person = queries.get_person(session, person_id=identity.person_id)
            person.agency = UNITS[index % len(UNITS)]
            this_kind = kind if kind != "mixed" else ("sang_kien", "hien_ke")[index % 2]
            code = queries.next_code(session, kind=this_kind, year=2026)
            text_key = "proposal" if this_kind == "hien_ke" else "solution"
            title = f"{TITLES[index % len(TITLES)]} ({index + 1})"
            fields = {
                "title": title,
                "field": "Cải cách hành chính",
                text_key: f"Bước 1: khảo sát hiện trạng (lần {index}).\nBước 2: triển khai.",
            }
            queries.create_submission(
                session,
                identity=identity,
                person=person,
                kind=this_kind,
                title=title,
                fields=fields,
                code=code,
                now=now + timedelta(seconds=index),
            )
            codes.append(code)
    return codes
