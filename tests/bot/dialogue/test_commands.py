"""Commands and the unexpected: /huy, /tieptuc, /menu, /trangthai, /huongdan, /xoadulieu, odd input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue import STATUS_LABELS
from bot.dialogue.catalogues import common, privacy
from bot.dialogue.types import (
    DeclineConsent,
    DeleteMyData,
    EntrySummary,
    ExportMyData,
    ListEntries,
)
from tests import scripts
from tests.bot.dialogue.driver import Chat, reach


def drafting() -> Chat:
    return reach("sang_kien", "problem")


def test_new_user_gets_greeting_and_consent_whatever_they_send() -> None:
    for first in (("text", "xin chào"), ("choice", "menu:sang_kien"), ("command", "menu")):
        chat = Chat().play([first])
        assert chat.last_text.startswith(common.GREETING)
        assert "Nghị định 13/2023/NĐ-CP" in chat.last_text and "/xoadulieu" in chat.last_text
        assert chat.values == ["consent:yes", "consent:no"]
    chat = Chat().unsupported("sticker")
    assert chat.at == ("consent", "consent")


def test_declining_consent_keeps_nothing() -> None:
    chat = Chat().command("start").press("consent:no")
    assert "không lưu điều anh/chị đã gõ" in chat.last_text and "7 ngày" in chat.last_text
    assert chat.state == {}
    assert chat.values == ["consent:yes", "consent:no"]
    assert chat.all_effects == [DeclineConsent()]  # the runner forgets the account
    chat.send("Nguyễn Văn An")  # not a consent answer: asked again, name not kept
    assert "Nguyễn Văn An" not in str(chat.state)
    chat.send("đồng ý")
    assert chat.at == ("profile", "name")


def test_commands_wait_for_the_profile() -> None:
    chat = Chat().command("start").press("consent:yes").command("menu")
    assert common.FINISH_PROFILE_FIRST in chat.last_text
    assert chat.at == ("profile", "name")


def test_cancel_asks_then_clears_the_draft() -> None:
    chat = drafting().command("huy")
    assert chat.at == ("confirm_cancel", "confirm") and "sáng kiến" in chat.last_text
    chat.press("cancel:yes")
    assert chat.at == ("menu", "menu") and chat.answers == {}


def test_cancel_refused_keeps_the_draft_exactly() -> None:
    chat = drafting()
    state = chat.state
    chat.command("huy").press("cancel:no")
    assert chat.state == state


def test_resume_reshows_the_current_step() -> None:
    chat = drafting()
    question = chat.last_text.split("\n")[-1]
    chat.command("menu")
    assert common.DRAFT_KEPT.format(kind="sáng kiến") in chat.last_text
    chat.command("tieptuc")
    assert chat.at == ("sang_kien", "problem")
    assert question in chat.last_text and "Tiếp tục bản nháp" in chat.last_text
    chat.send(scripts.SK_PROBLEM)
    assert chat.at == ("sang_kien", "author_birth_date")


def test_resume_without_draft() -> None:
    chat = reach("menu", "menu").command("tieptuc")
    assert common.NO_DRAFT in chat.last_text and chat.at == ("menu", "menu")


def test_starting_another_draft_asks_first() -> None:
    chat = drafting().command("menu").press("menu:hien_ke")
    assert chat.at == ("draft_conflict", "confirm")
    chat.press("draft:resume")
    assert chat.at == ("sang_kien", "problem")
    chat.command("menu").press("menu:hien_ke").press("draft:new")
    assert chat.at == ("hien_ke", "field") and chat.answers == {}


def test_status_lists_entries_without_touching_the_draft() -> None:
    chat = drafting()
    state = chat.state
    chat.entries = [
        EntrySummary("SK-2025-00007", "sang_kien", "Niêm yết mã QR " * 10, "under_review",
                     datetime(2025, 9, 30, 18, 0, tzinfo=UTC)),
        EntrySummary("HK-2025-00002", "hien_ke", "Gộp báo cáo", "adopted", None),
    ]
    chat.command("trangthai")
    assert any(isinstance(e, ListEntries) for e in chat.effects)
    listing = chat.replies[0].text
    assert "SK-2025-00007" in listing and STATUS_LABELS["under_review"] in listing
    assert "01/10/2025" in listing  # submitted at 01:00 in Quảng Ngãi
    assert "HK-2025-00002" in listing and "Được tiếp thu" in listing
    assert max(len(line) for line in listing.split("\n")) < 100
    assert chat.state == state
    assert chat.at == ("sang_kien", "problem") and chat.replies[-1].buttons


def test_status_with_no_entries() -> None:
    chat = reach("menu", "menu").press("menu:status")
    assert common.NO_ENTRIES in chat.last_text
    assert "menu:sang_kien" in chat.values


@pytest.mark.parametrize("status", sorted(STATUS_LABELS))
def test_every_status_has_a_label(status: str) -> None:
    chat = reach("menu", "menu")
    chat.entries = [EntrySummary("SK-2025-00001", "sang_kien", "Tên", status, None)]
    chat.command("trangthai")
    assert STATUS_LABELS[status] in chat.last_text


def test_guide_mentions_the_conditions() -> None:
    for chat in (reach("menu", "menu").command("huongdan"), drafting().command("huongdan")):
        guide = chat.replies[0].text
        assert "Tính mới" in guide and "áp dụng thử" in guide and "số liệu" in guide
    assert chat.at == ("sang_kien", "problem")


def test_erase_my_data() -> None:
    chat = drafting().command("xoadulieu")
    assert chat.at == ("confirm_erase", "confirm")
    chat.press("erase:no")
    assert chat.at == ("sang_kien", "problem")
    chat.command("xoadulieu").press("erase:yes")
    assert any(isinstance(e, DeleteMyData) for e in chat.effects)
    assert chat.state == {}
    assert privacy.ERASED in chat.last_text and privacy.ERASED_NOTHING_KEPT in chat.last_text
    chat.send("xin chào")
    assert chat.at == ("consent", "consent")


def test_unknown_command_gives_short_help_and_keeps_the_step() -> None:
    chat = drafting().command("abcxyz")
    assert "/abcxyz" in chat.texts and "/tieptuc" in chat.texts
    assert chat.at == ("sang_kien", "problem")
    assert chat.replies[-1].buttons


def test_a_slash_typed_as_text_is_a_command() -> None:
    chat = drafting().send("/huy")
    assert chat.at == ("confirm_cancel", "confirm")


def test_start_again_greets_by_name_and_keeps_the_draft() -> None:
    chat = drafting().command("start")
    assert "Nguyễn Thị Minh Anh" in chat.last_text
    assert chat.state["flow"] == "sang_kien"


@pytest.mark.parametrize("what", ["sticker", "voice", "video", "location", "contact", "gì đó"])
def test_unsupported_input_is_named_and_the_step_reshown(what: str) -> None:
    chat = drafting()
    state = chat.state
    chat.unsupported(what)
    name = common.UNSUPPORTED_NAMES.get(what, common.UNSUPPORTED_OTHER)
    assert name in chat.last_text
    assert "Tài liệu kèm theo" in chat.last_text
    assert chat.state == state and chat.values


def test_a_file_outside_the_attachment_step() -> None:
    chat = drafting()
    state = chat.state
    chat.file("anh.jpg")
    assert common.FILE_NOT_HERE in chat.last_text and chat.state == state


def test_an_old_button_is_refused_politely() -> None:
    chat = drafting()
    state = chat.state
    chat.press("co_so")
    assert chat.last_text.startswith(common.STALE_CHOICE)
    assert chat.state == state and chat.values


@pytest.mark.parametrize("how", [("choice", "nav:back"), ("text", "quay lại")])
def test_back_at_the_first_step_shows_the_menu_and_keeps_the_draft(how: tuple[str, str]) -> None:
    chat = reach("sang_kien", "title").send("Bảng tính dùng chung cảnh báo sớm hồ sơ").press("nav:back")
    assert chat.at == ("sang_kien", "title") and "nav:back" in chat.values
    chat.play([how])
    assert chat.at == ("menu", "menu") and chat.state["flow"] == "sang_kien"
    assert common.DRAFT_KEPT.format(kind="sáng kiến") in chat.last_text
    chat.command("tieptuc")
    assert chat.at == ("sang_kien", "title") and "Bảng tính dùng chung" in chat.last_text


def test_back_where_there_is_nothing_before() -> None:
    chat = reach("profile", "name", script=scripts.PROFILE_SCRIPT).send("quay lại")
    assert chat.at == ("profile", "name") and chat.replies


def test_menu_guide_button() -> None:
    chat = reach("menu", "menu").press("menu:guide")
    assert "Cách viết một sáng kiến tốt" in chat.last_text
    assert "menu:sang_kien" in chat.values


def test_privacy_notice_names_the_data_recipients_and_periods_before_and_after_consent() -> None:
    for chat in (Chat().command("quyenriengtu"), reach("menu", "menu").command("quyenriengtu")):
        notice = chat.last_text
        for named in ("ngày sinh", "trình độ chuyên môn", "đồng tác giả", "Hội đồng sáng kiến",
                      "Sở Khoa học và Công nghệ", "180 ngày", "90 ngày", "5 năm"):  # fmt: skip
            assert named in notice, named
    assert Chat().command("quyenriengtu").at == ("consent", "consent")
    assert "ngày sinh" in Chat().command("start").last_text  # the consent question names it too


def test_my_data_is_an_effect_and_agreeing_after_declining_starts_the_profile() -> None:
    chat = reach("menu", "menu").command("dulieucuatoi")
    assert chat.all_effects[-1] == ExportMyData()
    assert [r.document for r in chat.replies][1] == "/data/exports/x.json"  # the file stays
    assert "SK-2025-00001" in chat.replies[0].text and chat.at == ("menu", "menu")
    fresh = Chat().press("consent:yes")  # the button under the decline message, new account
    assert fresh.at == ("profile", "name") and "consent_at" in fresh.state


@pytest.mark.parametrize(("first", "flow", "step"), [
    ("sangkien", "sang_kien", "title"), ("hienke", "hien_ke", "field"),
])
def test_a_first_message_naming_a_flow_is_remembered_through_consent_and_profile(
    first: str, flow: str, step: str
) -> None:
    from tests import scripts

    chat = Chat(channel="zalo").send(f"/{first}")  # typed as text, as on Zalo
    assert chat.at == ("consent", "consent")
    chat.play(scripts.PROFILE_SCRIPT_TEXT[1:])
    assert chat.at == (flow, step)
    assert "thông tin cá nhân đã được lưu" in chat.last_text
    assert chat.profile_saves and "after_profile" not in chat.state


def test_a_flow_asked_for_during_the_profile_starts_after_it() -> None:
    from tests import scripts

    chat = Chat().play(scripts.PROFILE_SCRIPT[:3]).command("hienke")
    assert common.FINISH_PROFILE_FIRST in chat.last_text and chat.at == ("profile", "agency")
    chat.play(scripts.PROFILE_SCRIPT[3:])
    assert chat.at == ("hien_ke", "field")


def test_sangkien_and_hienke_commands_start_a_draft() -> None:
    from tests import scripts

    chat = Chat().play(scripts.PROFILE_SCRIPT).command("hienke")
    assert chat.at == ("hien_ke", "field")
    chat.command("sangkien")
    assert chat.at == ("draft_conflict", "confirm")  # the hiến kế draft is not thrown away
