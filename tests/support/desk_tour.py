"""A realistic desk (Vietnamese sample entries, a council, scores, an announcement) toured in
Chromium, with a screenshot at each step of a reviewer's day.

The slow browser test saves the pictures in test-artifacts/; run as a script it saves them
in docs/img/ for the README (Debian's chromium, nothing downloaded):

    .venv/bin/python -m tests.support.desk_tour            # → docs/img/desk-*.png
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright
from sqlalchemy import select
from sqlmodel import col

from bot import status
from bot.admin import announcements, councils, tokens
from storage import queries, scores
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Submission
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import TELEGRAM_SECRET, config_sections
from tests.support.desk import LINK
from tests.support.review import texts_after
from tests.support.server import ServerProcess, write_config
from tests.support.telegram_chat import TelegramUser

CHAIR, MEMBER, SECRETARY, ADMIN = 777, 778, 779, 900
COUNCIL = "Hội đồng sáng kiến cấp cơ sở khối xã, phường và sở ngành"
OFFICE = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 740}
BROWSER = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}  # dates read dd/mm/yyyy
MEMBERS = (  # the council: user id, name, role
    (CHAIR, "Trần Thị Thanh Hương", "chair"),
    (MEMBER, "Nguyễn Hữu Phước", "member"),
    (SECRETARY, "Lê Quang Vinh", "secretary"),
)
PEOPLE = (  # name, unit, position
    ("Nguyễn Thị Minh Anh", "Ủy ban nhân dân xã Bình Sơn", "Công chức Văn phòng - Thống kê"),
    ("Trần Văn Bình", "Sở Y tế", "Chuyên viên Phòng Nghiệp vụ Y"),
    ("Lê Thị Hoa", "Trường THCS Lê Hồng Phong", "Giáo viên Toán"),
    ("Phạm Quốc Huy", "Ủy ban nhân dân phường Trương Quang Trọng", "Công chức Tư pháp - Hộ tịch"),
    ("Võ Thị Thu Hằng", "Bệnh viện Đa khoa tỉnh", "Điều dưỡng trưởng khoa Khám bệnh"),
    ("Đặng Minh Tuấn", "Sở Nông nghiệp và Môi trường", "Kỹ sư trồng trọt"),
    ("Huỳnh Thị Ngọc Lan", "Ủy ban nhân dân đặc khu Lý Sơn", "Công chức Nông nghiệp"),
    ("Bùi Văn Khánh", "Sở Khoa học và Công nghệ", "Chuyên viên Phòng Quản lý khoa học"),
)
SANG_KIEN = (  # title, field, problem, solution, benefits
    (
        "Số hóa, tái sử dụng kết quả giải quyết thủ tục hành chính để người dân không phải "
        "nộp lại giấy tờ đã có",
        "Cải cách hành chính, chuyển đổi số",
        "Người dân phải nộp lại bản sao giấy tờ đã nộp ở lần trước; mỗi hồ sơ mất thêm khoảng "
        "20 phút để tiếp nhận và đối chiếu.",
        "Bước 1: quét và gắn mã các giấy tờ đã nộp vào kho dữ liệu của xã. Bước 2: khi tiếp "
        "nhận hồ sơ mới, công chức tra theo số định danh và dùng lại bản điện tử.",
        "Thời gian tiếp nhận giảm từ 25 xuống 9 phút mỗi hồ sơ; 1.240 hồ sơ trong 6 tháng "
        "không phải nộp lại giấy tờ.",
    ),
    (
        "Phân luồng và hẹn giờ khám bệnh qua tổng đài, tin nhắn nhằm giảm thời gian chờ tại "
        "khoa Khám bệnh",
        "Y tế",
        "Người bệnh chờ trung bình 2 giờ 15 phút trước khi được khám; khu chờ quá tải vào buổi "
        "sáng.",
        "Tổng đài nhận đặt lịch, phần mềm chia khung 15 phút và gửi tin nhắn nhắc giờ; bàn "
        "tiếp đón tách luồng người có hẹn.",
        "Thời gian chờ giảm còn 48 phút; số người bỏ về không khám giảm 62%.",
    ),
    (
        "Sử dụng phiếu học tập số kết hợp trò chơi trực tuyến để phụ đạo học sinh lớp 6 môn Toán",
        "Giáo dục",
        "Học sinh yếu môn Toán ít tham gia buổi phụ đạo; giáo viên khó theo dõi từng em.",
        "Phiếu học tập số theo từng mức, chấm tự động; trò chơi trực tuyến ôn tập cuối buổi.",
        "Tỷ lệ học sinh yếu giảm từ 18% xuống 7% sau một học kỳ.",
    ),
    (
        "Ứng dụng bản đồ số theo dõi lịch xuống giống và tình hình sâu bệnh trên lúa tại xã",
        "Nông nghiệp",
        "Thông tin sâu bệnh đến người dân chậm 5 đến 7 ngày, phun thuốc không đúng thời điểm.",
        "Bản đồ số các cánh đồng, cán bộ khuyến nông cập nhật hằng tuần; người dân xem qua Zalo.",
        "Giảm 2 lần phun thuốc mỗi vụ; tiết kiệm khoảng 1.200.000 đồng mỗi héc-ta.",
    ),
    (
        "Hướng dẫn ngư dân khai báo nhật ký khai thác thủy sản điện tử tại đặc khu Lý Sơn",
        "Thủy sản",
        "Nhiều tàu cá nộp nhật ký giấy thiếu thông tin, bị nhắc nhở khi cập cảng.",
        "Tổ hướng dẫn tại cảng, video ngắn và phiếu hướng dẫn từng bước trên điện thoại.",
        "Tỷ lệ tàu khai báo điện tử đầy đủ tăng từ 35% lên 91% trong 4 tháng.",
    ),
    (
        "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn cho công chức tiếp nhận tại phường",
        "Cải cách hành chính",
        "Hồ sơ quá hạn chỉ được phát hiện khi người dân hỏi lại.",
        "Bảng tính dùng chung tô màu hồ sơ còn 2 ngày và gửi thư nhắc mỗi sáng.",
        "Số hồ sơ trễ hạn giảm từ 14 xuống 2 mỗi quý.",
    ),
)
HIEN_KE = (
    (
        "Gộp các báo cáo định kỳ trùng chỉ tiêu giữa các phòng thành một biểu mẫu",
        "Cải cách hành chính",
    ),
    ("Niêm yết mã QR tra cứu thủ tục hành chính tại trụ sở Ủy ban nhân dân xã", "Chuyển đổi số"),
    ("Nhắc lịch tiêm chủng cho trẻ qua tin nhắn Zalo của trạm y tế", "Y tế"),
    ("Dùng chung phòng họp trực tuyến giữa các trường trong cụm", "Giáo dục"),
)
STATUSES = ("under_review", "needs_revision", "recognized", "not_recognized", "submitted")
HK_STATUSES = ("adopted", "declined", "under_review", "submitted")
SHOTS = ("queue", "entry", "scoring", "decision", "dashboard", "admin", "phone")


@dataclass(frozen=True)
class Desk:
    featured: str  # the sáng kiến the chair scores and confirms in the tour
    codes: list[str]


def _author(session: Any, index: int, now: datetime) -> tuple[Any, Any]:
    name, unit, position = PEOPLE[index % len(PEOPLE)]
    user = str(6001 + index % len(PEOPLE))
    identity = queries.lock_identity(
        session, channel="telegram", user_id=user, chat_id=user, display_name=name, now=now
    )
    person = queries.get_person(session, person_id=identity.person_id)
    profile = {"name": name, "agency": unit, "position": position, "phone": None}
    queries.save_profile(session, person=person, profile=profile, consent_at=now)
    return identity, person


def _fields(kind: str, index: int, person: Any) -> tuple[str, dict[str, Any]]:
    if kind == "hien_ke":
        title, field = HIEN_KE[index % len(HIEN_KE)]
        return title, {
            "title": title,
            "field": field,
            "problem": "Công việc lặp lại nhiều lần, tốn thời gian của công chức và người dân.",
            "proposal": title + ".",
            "benefit": "Tiết kiệm khoảng 30% thời gian mỗi tháng.",
        }
    title, field, problem, solution, benefits = SANG_KIEN[index % len(SANG_KIEN)]
    if index >= len(SANG_KIEN) * 3:  # a later one rewords an earlier one, as people do
        title = f"{title} (áp dụng tại {person.agency})"
        solution = f"{solution} Mở rộng cho {person.agency}, có sổ theo dõi hằng tuần."
    return title, {
        "title": title,
        "solution_type": "tac_nghiep",
        "field": field,
        "problem": problem,
        "authors": [
            {
                "name": person.name,
                "birth_date": f"{1975 + index % 20}-0{1 + index % 9}-1{index % 10}",
                "qualification": "Đại học",
                "workplace": person.agency,
                "position": person.position,
                "share": 100,
            }
        ],  # fmt: skip
        "investor": person.agency,
        "first_applied_on": "2026-03-01",
        "known_solution": "Làm thủ công trên giấy, mỗi người một cách.",
        "solution": solution,
        "novelty": "Lần đầu áp dụng tại đơn vị; dùng công cụ sẵn có, không tốn thêm chi phí.",
        "applicability": "Các đơn vị cùng loại trong tỉnh áp dụng được ngay.",
        "conditions": "Máy tính kết nối mạng; một buổi tập huấn.",
        "benefits": benefits,
        "scope": "co_so",
        "declaration": True,
    }


def build(db: Database, *, count: int = 36) -> Desk:
    """Entries over eight months from eight units, in every common status, one council with a
    chair and a secretary, two members' scores on the featured entry, a token, a notice."""
    now = utcnow()
    codes: list[str] = []
    with db.write() as session:
        for index in range(count):
            kind = "hien_ke" if index % 3 == 2 else "sang_kien"
            when = now - timedelta(days=8 * (count - index))
            identity, person = _author(session, index, when)
            title, fields = _fields(kind, index, person)
            code = queries.next_code(session, kind=kind, year=when.year)
            queries.create_submission(
                session, identity=identity, person=person, kind=kind, title=title,
                fields=fields, code=code, now=when,
            )  # fmt: skip
            codes.append(code)
    _decide(db, codes, now)
    featured = codes[-3]  # a recent sáng kiến of Sở Y tế, under review
    _council(db, featured, now)
    return Desk(featured, codes)


def _decide(db: Database, codes: list[str], now: datetime) -> None:
    steps = {
        "under_review": ["under_review"],
        "needs_revision": ["needs_revision"],
        "recognized": ["under_review", "recognized"],
        "not_recognized": ["under_review", "not_recognized"],
        "adopted": ["adopted"],
        "declined": ["declined"],
        "submitted": [],
    }
    for index, code in enumerate(codes[:-3]):
        table = HK_STATUSES if code.startswith("HK") else STATUSES
        # decided 12 to 40 days after it was sent, as a council meets
        when = min(now - timedelta(days=8 * (len(codes) - index) - 12 - index % 29), now)
        for target in steps[table[index % len(table)]]:
            with db.write() as session:
                status.change(
                    session, code=code, status=target, by=f"desk:telegram:{CHAIR}", now=when,
                    note="Đề nghị bổ sung số liệu trước và sau khi áp dụng."
                    if target in ("needs_revision", "not_recognized", "declined") else None,
                )  # fmt: skip
    with db.write() as session:
        status.change(session, code=codes[-3], status="under_review", by="desk:telegram:777",
                      note=None, now=now)  # fmt: skip


def _council(db: Database, featured: str, now: datetime) -> None:
    units = sorted({unit for _name, unit, _position in PEOPLE})
    with db.write() as session:
        for member, name, role in MEMBERS:
            identity = queries.lock_identity(
                session, channel="telegram", user_id=str(member), chat_id=str(member),
                display_name=name, now=now,
            )  # fmt: skip
            profile = {"name": name, "agency": "Sở Khoa học và Công nghệ",
                       "position": "Thành viên Hội đồng", "phone": None}  # fmt: skip
            person = queries.get_person(session, person_id=identity.person_id)
            queries.save_profile(session, person=person, profile=profile, consent_at=now)
            councils.add_member(
                session, council=COUNCIL, member=f"telegram:{member}", level="co_so",
                units=units, by="cli", now=now, role=role,
            )  # fmt: skip
        entry = session.execute(
            select(Submission).where(col(Submission.code) == featured)
        ).scalar_one()
        for member, points in ((MEMBER, (24, 22, 31)), (SECRETARY, (20, 25, 28))):
            scores.submit(
                session, submission_id=entry.id or 0, principal=f"telegram:{member}",
                level="co_so", comment="Giải pháp rõ ràng, có số liệu trước và sau.", now=now,
                points=dict(zip(("tinh_moi", "kha_nang_ap_dung", "hieu_qua"), points,
                                strict=True)),
            )  # fmt: skip
        tokens.create(session, name="Bùi Văn Khánh", role="reviewer", principal="zalo:4455",
                      expires_days=180, by="cli", now=now)  # fmt: skip
        announcements.create(
            session,
            text="Kính gửi quý vị: Sở KH&CN mở lớp tập huấn viết đơn yêu cầu công nhận sáng "
            "kiến lúc 8 giờ thứ Năm tuần sau, tại hội trường tầng 3.",
            agencies=[], channels=[], send_at=now + timedelta(days=3), by="cli", now=now,
        )  # fmt: skip


@contextmanager
def served(workdir: Path) -> Iterator[tuple[ServerProcess, FakeTelegram, Desk]]:
    """The desk's data in a fresh SQLite file, the real server, the fake Telegram."""
    url = f"sqlite:///{workdir}/desk.db"
    db = Database(url)
    upgrade(db.engine)
    desk = build(db)
    db.dispose()
    with FakeTelegram() as fake:
        sections = config_sections(
            url, workdir / "data", telegram_url=fake.url, telegram_token=fake.token
        )
        sections["roles"] = {"admins": [f"telegram:{ADMIN}"]}
        sections["scheduler"] = {"enabled": False}
        with ServerProcess(write_config(workdir / "config.toml", sections)) as server:
            yield server, fake, desk


def sign_in(browser: Any, server: ServerProcess, fake: FakeTelegram, user: int) -> Any:
    """/dangnhap from Telegram, the link opened in a new page at office size."""
    person = TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=fake, user_id=user)
    before = len(fake.messages_to(str(user)))
    assert person.act("command", "dangnhap").status_code == 200
    found = LINK.search(texts_after(fake, user, before + 1)[-1])
    assert found is not None
    page = browser.new_page(viewport=OFFICE, **BROWSER)
    page.goto(found.group(0))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{server.url}/admin")
    return page


def tour(
    browser: Any, server: ServerProcess, fake: FakeTelegram, desk: Desk, out: Path
) -> list[Path]:
    """The reviewer's day, one picture per step; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    shot = {name: out / f"desk-{name}.png" for name in SHOTS}
    page = sign_in(browser, server, fake, CHAIR)
    page.goto(f"{server.url}/admin?status=under_review")
    page.screenshot(path=str(shot["queue"]))
    page.goto(f"{server.url}/admin/hoso/{desk.featured}")
    _top(page, 1800, shot["entry"])
    page.get_by_label("Tính mới (0–30 điểm)").fill("26")
    page.get_by_label("Khả năng áp dụng (0–30 điểm)").fill("24")
    page.get_by_label("Hiệu quả, lợi ích (0–40 điểm)").fill("33")
    page.get_by_label("Nhận xét (không bắt buộc)").fill(
        "Số liệu trước và sau rõ ràng; nên nhân rộng cho các xã."
    )
    page.locator("#scoring").screenshot(path=str(shot["scoring"]))
    page.get_by_role("button", name="Gửi phiếu chấm điểm").click()
    expect(page.locator("#score-summary")).to_contain_text("3 phiếu")
    _both(page, "#scoring", "#confirm", shot["decision"])  # the scores, then the decision
    page.goto(f"{server.url}/admin/thongke")
    page.screenshot(path=str(shot["dashboard"]))
    phone = browser.new_page(viewport=PHONE, storage_state=page.context.storage_state(), **BROWSER)
    phone.goto(f"{server.url}/admin?status=under_review")
    _top(phone, 1400, shot["phone"])
    admin = sign_in(browser, server, fake, ADMIN)
    admin.goto(f"{server.url}/admin/quantri/hoidong")
    admin.get_by_role("region", name=COUNCIL).screenshot(path=str(shot["admin"]))
    return list(shot.values())


def _top(page: Any, height: int, path: Path) -> None:
    """The page from its top down to `height` pixels (more than a screen, less than a book)."""
    size = page.viewport_size
    tall = page.evaluate("() => document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(height, tall)}
    page.screenshot(path=str(path), clip=clip, full_page=True)


def _both(page: Any, first: str, second: str, path: Path) -> None:
    """One picture of two sections, one under the other (the second may be missing)."""
    where = (
        "s => { const el = document.querySelector(s); if (!el) return null;"
        " const r = el.getBoundingClientRect();"
        " return {x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height}; }"
    )
    boxes = [b for b in (page.evaluate(where, s) for s in (first, second)) if b]
    left, top = min(b["x"] for b in boxes), boxes[0]["y"]
    width = max(b["x"] + b["w"] for b in boxes) - left
    clip = {
        "x": left,
        "y": top,
        "width": width,
        "height": max(b["y"] + b["h"] for b in boxes) - top,
    }
    page.screenshot(path=str(path), clip=clip, full_page=True)


def main(argv: list[str] | None = None) -> int:

    from tests.webhook.test_webchat_browser import CHROMIUM, CHROMIUM_ARGS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/img", help="where the PNG files go")
    args = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory() as tmp,
        served(Path(tmp)) as (server, fake, desk),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        written = tour(browser, server, fake, desk, Path(args.out))
        browser.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
