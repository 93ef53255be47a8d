"""The reviewer step, pure: what a command becomes, notes asked for and forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.review.commands import ReviewCommand
from bot.review.effects import ChangeStatus
from bot.review.notices import author_notice
from bot.review.step import PENDING, EntryView, expired, on_command, on_note, pending
from bot.review.transitions import STATUSES

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
ENTRY = EntryView("SK-2026-00042", "sang_kien", "forwarded", "Niêm yết mã QR tại xã")


def test_a_change_without_a_reason_goes_straight_to_an_effect() -> None:
    result = on_command({}, ReviewCommand("xemxet", ENTRY.code), ENTRY, buttons=True, now=NOW)
    assert result.effects == (ChangeStatus(ENTRY.code, "under_review", None),)
    assert result.replies == ()  # the handler confirms once the change is stored


def test_a_reason_is_asked_for_then_taken_from_the_next_message() -> None:
    asked = on_command({}, ReviewCommand("bosung", ENTRY.code), ENTRY, buttons=True, now=NOW)
    assert asked.effects == ()
    assert "nhập nội dung cần sửa đổi, bổ sung" in asked.replies[0].text
    assert [b.value for b in asked.replies[0].buttons] == [f"rv:huy:{ENTRY.code}"]
    assert asked.state[PENDING]["status"] == "needs_revision"
    noted = on_note(asked.state, "  Thiếu số liệu  ", NOW + timedelta(minutes=5))
    assert noted.effects == (ChangeStatus(ENTRY.code, "needs_revision", "Thiếu số liệu"),)
    assert PENDING not in noted.state


def test_an_old_question_is_forgotten() -> None:
    asked = on_command({}, ReviewCommand("bosung", ENTRY.code), ENTRY, buttons=False, now=NOW)
    assert pending(asked.state, NOW + timedelta(minutes=29)) is not None
    assert pending(asked.state, NOW + timedelta(minutes=31)) is None
    assert asked.replies[0].buttons == ()  # Zalo: "Gõ /huy" in the text instead


def test_refusals_and_unknown_codes() -> None:
    decided = EntryView(ENTRY.code, "sang_kien", "recognized_provincial", ENTRY.title)
    refused = on_command({}, ReviewCommand("duyet", ENTRY.code), decided, buttons=True, now=NOW)
    assert refused.effects == () and "không thể chuyển" in refused.replies[0].text
    missing = on_command({}, ReviewCommand("duyet", "SK-2026-09999"), None, buttons=True, now=NOW)
    assert "Không tìm thấy hồ sơ SK-2026-09999" in missing.replies[0].text


def test_show_lists_the_actions_as_buttons_or_typed_lines() -> None:
    pressed = on_command({}, ReviewCommand("xem", ENTRY.code), ENTRY, buttons=True, now=NOW)
    values = [b.value for b in pressed.replies[0].buttons]
    assert values[:2] == [f"rv:xemxet:{ENTRY.code}", f"rv:bosung:{ENTRY.code}"]
    assert all(len(v.encode()) <= 40 for v in values)
    typed = on_command({}, ReviewCommand("xem", ENTRY.code), ENTRY, buttons=False, now=NOW)
    assert f"• khongcongnhan {ENTRY.code} <ghi chú> — Không công nhận" in typed.replies[0].text


def test_every_status_has_a_notice_in_plain_vietnamese() -> None:
    for status in STATUSES:
        notice = author_notice(
            code=ENTRY.code, kind="sang_kien", title=ENTRY.title, status=status, note="Ghi chú"
        )
        lines = notice.text.split("\n")
        assert lines[0] == f"Sáng kiến {ENTRY.code} «{ENTRY.title}»"
        assert lines[1].startswith("Trạng thái mới: ")
        assert "Ghi chú của Hội đồng: Ghi chú" in notice.text
        assert "anh/chị" in notice.text.lower()
        assert bool(notice.buttons) == (status == "needs_revision")
    quiet = author_notice(
        code=ENTRY.code,
        kind="hien_ke",
        title="x",
        status="needs_revision",
        note=None,
        buttons=False,
    )
    assert quiet.buttons == () and f"/bosunghoso {ENTRY.code}" in quiet.text


def test_the_note_is_expected_in_the_chat_where_it_was_asked() -> None:
    command = ReviewCommand("bosung", ENTRY.code)
    asked = on_command({}, command, ENTRY, buttons=True, now=NOW, chat="-1001")
    assert pending(asked.state, NOW, "-1001") is not None
    assert pending(asked.state, NOW, "888") is None  # their private chat: ordinary dialogue
    assert on_note(asked.state, "ghi chú", NOW, "888").effects == ()
    assert not expired(asked.state, NOW) and expired(asked.state, NOW + timedelta(hours=1))


def test_a_provincial_refusal_tells_the_author_the_co_so_recognition_stands() -> None:
    notice = author_notice(
        code=ENTRY.code,
        kind="sang_kien",
        title=ENTRY.title,
        status="not_recognized_provincial",
        note="Phạm vi ảnh hưởng chưa rộng",
        buttons=False,
    ).text
    assert "Trạng thái mới: Không được công nhận cấp tỉnh (vẫn giữ công nhận cấp cơ sở)." in notice
    assert "Công nhận sáng kiến ở cấp cơ sở vẫn giữ nguyên giá trị." in notice
    assert "Ghi chú của Hội đồng: Phạm vi ảnh hưởng chưa rộng" in notice


def test_a_zalo_notice_says_what_to_type_never_to_tap() -> None:
    for status in STATUSES:
        notice = author_notice(
            code=ENTRY.code, kind="sang_kien", title="x", status=status, note=None, buttons=False
        )
        assert "bấm" not in notice.text.lower(), status


def test_a_recognised_entry_offers_the_provincial_steps_typed() -> None:
    recognised = EntryView(ENTRY.code, "sang_kien", "recognized", ENTRY.title)
    typed = on_command({}, ReviewCommand("xem", ENTRY.code), recognised, buttons=False, now=NOW)
    text = typed.replies[0].text
    assert f"• denghicaptinh {ENTRY.code} — Đề nghị xét cấp tỉnh" in text
    assert f"• khongcongnhantinh {ENTRY.code} <ghi chú> — Không công nhận cấp tỉnh" in text
    assert "needs_revision" not in text and "bosung" not in text
