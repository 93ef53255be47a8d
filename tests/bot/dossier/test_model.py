"""Reading a stored submission leniently, and the Vietnamese formats the documents print."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bot.dossier import DossierEntry, Person
from bot.dossier.blocks import addressee, describe, place, scope, solution_type
from bot.dossier.formatting import date_line, format_day, format_number, format_size
from bot.dossier.model import Attachment, read_date, read_share, text
from tests.bot.dossier.samples import AUTHOR, CODE, SUBMITTED_AT, entry


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 5, 9, 0), "Quảng Ngãi, ngày 05 tháng 3 năm 2026"),
        (datetime(2026, 3, 4, 17, 0, tzinfo=UTC), "Quảng Ngãi, ngày 05 tháng 3 năm 2026"),
        (datetime(2026, 2, 1, 8, 0), "Quảng Ngãi, ngày 01 tháng 02 năm 2026"),
        (datetime(2026, 1, 9, 8, 0), "Quảng Ngãi, ngày 09 tháng 01 năm 2026"),
        (datetime(2025, 12, 25, 8, 0), "Quảng Ngãi, ngày 25 tháng 12 năm 2025"),
    ],
)
def test_date_line_follows_the_official_zero_padding(moment: datetime, expected: str) -> None:
    assert date_line(moment) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2161755, "2.161.755"), (14832.55, "14.832,55"), (Decimal("33.333"), "33,33"),
     (60, "60"), (Decimal("40.0"), "40"), (0, "0"), (-1234.5, "-1.234,5")],
)  # fmt: skip
def test_numbers_use_vietnamese_separators(value: Decimal | int | float, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [(850, "850 byte"), (12_800, "12,5 KB"), (1_288_490, "1,2 MB"), (5 * 1024**3, "5 GB"),
     (None, ""), (-1, "")],
)  # fmt: skip
def test_file_sizes(size: int | None, expected: str) -> None:
    assert format_size(size) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(60, Decimal(60)), (33.5, Decimal("33.5")), ("40", Decimal(40)), ("33,5", Decimal("33.5")),
     ("40%", Decimal(40)), ("bốn mươi", None), (None, None), (True, None), ("NaN", None)],
)  # fmt: skip
def test_shares_are_read_from_what_drafts_store(raw: object, expected: Decimal | None) -> None:
    assert read_share(raw) == expected


def test_dates_are_read_from_iso_and_odd_text_is_kept() -> None:
    assert read_date("2025-09-15") == date(2025, 9, 15)
    assert read_date("2025-09-15T00:00:00+07:00") == date(2025, 9, 15)
    assert read_date("tháng 9/2025") == "tháng 9/2025"
    assert read_date("") is None
    assert (format_day(date(2025, 9, 5)), format_day("tháng 9/2025")) == (
        "05/09/2025",
        "tháng 9/2025",
    )


def test_text_is_nfc_and_lists_become_lines() -> None:
    decomposed = "Ho\u0300a"  # "Hòa" typed with a combining tone mark
    assert text(decomposed) == "Hòa"
    assert text(["Ảnh 1", None, "Ảnh 2"]) == "Ảnh 1\nẢnh 2"
    assert (text(None), text({"a": 1}), text(12)) == ("", "", "12")


def test_from_submission_reads_every_key() -> None:
    e = entry()
    assert e.code == CODE and e.submitted_at == SUBMITTED_AT and e.declaration is True
    assert e.authors[1] == Person(
        "Trần Văn Minh", date(1991, 11, 3), "Ủy ban nhân dân phường Cẩm Thành",
        "Công chức Tư pháp - Hộ tịch", "Kỹ sư Công nghệ thông tin", Decimal(40),
    )  # fmt: skip
    assert e.first_applied_on == date(2025, 9, 15)
    assert e.attachments == (Attachment("photo", "bang-tinh-canh-bao.png", "image/png", 1_288_490),)
    assert e.trial_participants == () and e.trial_participants_text.startswith("Lê Văn Tâm")
    assert (solution_type(e), scope(e)) == ("Giải pháp quản lý", "Cấp cơ sở")
    with pytest.raises(AttributeError):
        e.title = "khác"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("key", "label"),
    [("ky_thuat", "Giải pháp kỹ thuật"), ("tac_nghiep", "Giải pháp tác nghiệp"),
     ("ung_dung_tien_bo_ky_thuat", "Giải pháp ứng dụng tiến bộ kỹ thuật"),
     ("khac", "khac"), ("", "")],
)  # fmt: skip
def test_solution_type_labels(key: str, label: str) -> None:
    assert solution_type(entry(solution_type=key)) == label


def test_the_addressee_is_the_authors_unit_and_the_place_follows_it() -> None:
    assert addressee(entry(scope="cap_tinh")) == "Ủy ban nhân dân phường Cẩm Thành"
    assert addressee(entry()) == "Ủy ban nhân dân phường Cẩm Thành"
    assert place(entry()) == "Cẩm Thành"
    bare = DossierEntry.from_submission(CODE, {}, {}, SUBMITTED_AT)
    assert addressee(bare).startswith("……") and place(bare) == "Quảng Ngãi"
    for agency, expected in [("Ủy ban nhân dân đặc khu Lý Sơn", "Lý Sơn"),
                             ("Trạm Y tế xã Bình Sơn", "Bình Sơn"), ("Sở Y tế", "Quảng Ngãi")]:
        unit = DossierEntry.from_submission(CODE, {}, {"agency": agency}, SUBMITTED_AT)
        assert place(unit) == expected
    assert bare.authors == () and bare.title == "" and bare.declaration is False


def test_attachment_description() -> None:
    assert (
        describe(Attachment("document", "quy-trinh.pdf", size=850))
        == "Tài liệu: quy-trinh.pdf (850 byte)"
    )
    assert describe(Attachment("sticker", "")) == "Tệp đính kèm: Không có"
    assert DossierEntry.from_submission(CODE, {"attachments": [{"file_ref": "f1"}]}, AUTHOR,
                                        SUBMITTED_AT).attachments[0].file_name == "f1"  # fmt: skip


def test_dossier_imports_no_database_web_or_chat_module() -> None:
    code = "import sys, bot.dossier; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    modules = {name.split(".")[0] for name in loaded.stdout.split()}
    assert not modules & {
        "storage",
        "webhook",
        "sqlmodel",
        "sqlalchemy",
        "fastapi",
        "httpx",
        "telegram",
    }
    assert not {name for name in loaded.stdout.split() if name.startswith("bot.") and
                not name.startswith("bot.dossier")}  # fmt: skip
