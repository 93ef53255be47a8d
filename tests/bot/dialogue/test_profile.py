"""The one-time profile: unit search and fallback, optional phone, and /hoso changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.dialogue import Dialogue, load_units
from bot.dialogue.catalogues import profile as text
from bot.dialogue.types import SaveProfile, Unit
from bot.dialogue.units import MAX_SHOWN, search, unit_value
from tests import scripts
from tests.bot.dialogue.driver import Chat, reach

TODAY = date(2025, 11, 20)


def at_agency() -> Chat:
    return reach("profile", "agency", script=scripts.PROFILE_SCRIPT)


@pytest.mark.parametrize(("query", "first"), [
    ("khoa học", "Sở Khoa học và Công nghệ"),
    ("KHOA HOC", "Sở Khoa học và Công nghệ"),
    ("sở kh&cn", "Sở Khoa học và Công nghệ"),
    ("y te", "Sở Y tế"),
    ("cam thanh", "Phường Cẩm Thành"),
    ("Lý Sơn", "Đặc khu Lý Sơn"),
    ("ly son", "Đặc khu Lý Sơn"),
    ("kon tum", "Phường Kon Tum"),
    ("dung quat", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"),
    ("ubnd tinh", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("van hoa", "Sở Văn hóa, Thể thao và Du lịch"),
])
def test_unit_search_is_accent_and_case_insensitive(query: str, first: str) -> None:
    names, total = search(load_units(), query, TODAY)
    assert names and names[0] == first and total >= 1


def test_search_shows_at_most_six_and_says_how_many() -> None:
    chat = at_agency().send("sở")
    units = [v for v in chat.values if v.startswith("unit:") and v != "unit:other"]
    assert len(units) == MAX_SHOWN
    assert "Gõ thêm chữ" in chat.last_text
    assert chat.values[len(units)] == "unit:other"


def test_exactly_one_match_still_asks_to_confirm() -> None:
    chat = at_agency().send("Sở Y tế")
    assert chat.at == ("profile", "agency")
    assert chat.labels[0] == "Sở Y tế"
    chat.send("1")
    assert chat.answers["agency"] == "Sở Y tế" and chat.at == ("profile", "position")


def test_no_match_offers_free_text() -> None:
    chat = at_agency().send("Trường Tiểu học Số 1")
    assert "không tìm thấy" in chat.last_text
    assert chat.values[0] == "unit:other"
    chat.press("unit:other")
    assert chat.at == ("profile", "agency_other")
    chat.send("Trường Tiểu học Số 1 Nghĩa Lộ")
    assert chat.answers["agency"] == "Trường Tiểu học Số 1 Nghĩa Lộ"
    assert chat.at == ("profile", "position")


def test_typing_the_label_of_a_shown_unit_chooses_it() -> None:
    chat = at_agency().send("phuong").send("phường cẩm thành")
    assert chat.answers["agency"] == "Phường Cẩm Thành"


def test_a_unit_button_not_on_screen_is_stale() -> None:
    chat = at_agency().send("y te").press(unit_value("Sở Nội vụ"))
    assert "không còn hiệu lực" in chat.last_text and chat.at == ("profile", "agency")


@pytest.mark.parametrize("typed", ["a", "!", "x" * 201])
def test_unit_queries_too_short_or_long(typed: str) -> None:
    chat = at_agency().send(typed)
    assert chat.at == ("profile", "agency") and chat.values


def test_units_outside_their_validity_are_not_offered() -> None:
    units = [Unit("Sở Cũ", "so_nganh", None, date(2025, 6, 30)),
             Unit("Sở Mới", "so_nganh", date(2025, 7, 1), None)]
    assert search(units, "so", TODAY)[0] == ["Sở Mới"]
    assert search(units, "so", date(2025, 6, 1))[0] == ["Sở Cũ"]


def test_load_units_reads_the_csv(tmp_path: Path) -> None:
    default = load_units()
    assert len(default) >= 40 and all(u.valid_from == date(2025, 7, 1) for u in default)
    assert {u.kind for u in default} <= {"so_nganh", "xa", "phuong", "dac_khu", "khac"}
    custom = tmp_path / "units.csv"
    custom.write_text("name,kind,valid_from,valid_to\nXã Thử,xa,,2030-01-01\n", encoding="utf-8")
    assert load_units(custom) == [Unit("Xã Thử", "xa", None, date(2030, 1, 1))]


def test_phone_can_be_skipped() -> None:
    chat = reach("profile", "phone", script=scripts.PROFILE_SCRIPT).press("nav:skip")
    save = next(e for e in chat.effects if isinstance(e, SaveProfile))
    assert save.profile["phone"] is None and chat.at == ("menu", "menu")


@pytest.mark.parametrize(("typed", "stored"), [
    ("0912345678", "0912345678"), ("0912.345.678", "0912345678"), ("+84912345678", "0912345678"),
    ("84 912 345 678", "0912345678"), ("(+84) 387-654-321", "0387654321"),
])
def test_phone_formats(typed: str, stored: str) -> None:
    chat = reach("profile", "phone", script=scripts.PROFILE_SCRIPT).send(typed)
    assert chat.state["profile"]["phone"] == stored


@pytest.mark.parametrize(("field", "inputs", "expected"), [
    ("name", [("text", "Lê Văn Tám")], "Lê Văn Tám"),
    ("agency", [("text", "noi vu"), ("text", "1")], "Sở Nội vụ"),
    ("agency", [("text", "zzz"), ("choice", "unit:other"), ("text", "Trạm Y tế phường Cẩm Thành")],
     "Trạm Y tế phường Cẩm Thành"),
    ("position", [("text", "Trưởng phòng")], "Trưởng phòng"),
    ("phone", [("choice", "nav:skip")], None),
])
def test_hoso_changes_one_field_and_saves(field: str, inputs: list[tuple[str, str]],
                                          expected: object) -> None:
    chat = reach("sang_kien", "problem")
    draft = chat.answers
    chat.command("hoso")
    assert chat.at == ("hoso", "pick") and "Nguyễn Thị Minh Anh" in chat.last_text
    chat.press(f"profile:{field}").play(inputs)
    assert chat.at == ("hoso", "pick") and text.HOSO_SAVED in chat.last_text
    save = next(e for e in chat.effects if isinstance(e, SaveProfile))
    assert save.profile[field] == expected and save.consent_at is None
    assert set(save.profile) == {"name", "agency", "position", "phone"}
    assert chat.state["profile"][field] == expected
    chat.press("profile:done")
    assert chat.at == ("sang_kien", "problem") and chat.answers == draft


def test_hoso_back_returns_to_the_pick_list() -> None:
    chat = reach("menu", "menu").command("hoso").press("profile:name").press("nav:back")
    assert chat.at == ("hoso", "pick")
    assert not [e for e in chat.all_effects if isinstance(e, SaveProfile)]


def test_profile_back_from_agency_to_name() -> None:
    chat = at_agency().press("nav:back")
    assert chat.at == ("profile", "name") and "Nguyễn Thị Minh Anh" in chat.last_text
    chat.press("nav:keep")
    assert chat.at == ("profile", "agency")


def test_consent_time_is_the_moment_of_agreement() -> None:
    from datetime import timedelta

    chat = Chat().command("start").press("consent:yes")
    agreed = chat.now
    chat.now = agreed + timedelta(minutes=5)
    chat.play(scripts.PROFILE_SCRIPT[2:])
    save = next(e for e in chat.all_effects if isinstance(e, SaveProfile))
    assert save.consent_at == agreed


def test_engine_accepts_an_empty_unit_list() -> None:
    chat = at_agency()
    chat.dialogue = Dialogue(units=[])
    chat.send("y te")
    assert chat.values[0] == "unit:other"
