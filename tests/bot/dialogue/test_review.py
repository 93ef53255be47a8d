"""The review: a readable summary, one field edited and straight back, submit, cancel."""

from __future__ import annotations

import pytest

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import sang_kien as sk
from bot.dialogue.flows import FLOWS
from bot.dialogue.types import Submit
from tests import scripts
from tests.bot.dialogue.driver import Chat, reach

NEW_TEXT = "Nội dung mới được sửa lại từ bản xem lại, có đủ số chữ để được chấp nhận ở mục này."

EDITS_SK = [
    ("title", [("text", "Tên mới của sáng kiến về mã QR tại xã")], "Tên mới của sáng kiến về mã QR tại xã"),
    ("solution_type", [("choice", "ky_thuat")], "ky_thuat"),
    ("field", [("text", "Y tế")], "Y tế"),
    ("problem", [("text", NEW_TEXT)], NEW_TEXT),
    ("investor", [("text", "Tác giả tự đầu tư")], "Tác giả tự đầu tư"),
    ("first_applied_on", [("text", "2/8/2025")], "2025-08-02"),
    ("known_solution", [("text", NEW_TEXT)], NEW_TEXT),
    ("solution", [("text", NEW_TEXT)], NEW_TEXT),
    ("novelty", [("text", NEW_TEXT)], NEW_TEXT),
    ("applicability", [("text", NEW_TEXT)], NEW_TEXT),
    ("confidential_info", [("text", "Bảng tính gốc")], "Bảng tính gốc"),
    ("conditions", [("text", NEW_TEXT)], NEW_TEXT),
    ("benefits", [("text", NEW_TEXT)], NEW_TEXT),
    ("trial_unit_opinion", [("choice", "nav:skip")], None),
    ("trial_participants",
     [("choice", "participant:add"), ("text", "Lê Thị Hoa"), ("text", "20/03/1992"),
      ("choice", "workplace:same"), ("text", "Công chức Văn phòng - Thống kê"),
      ("text", "Cử nhân Hành chính"), ("text", "Hướng dẫn người dân quét mã QR."),
      ("choice", "participant:done")],
     [{"name": "Lê Thị Hoa", "birth_date": "1992-03-20", "workplace": scripts.AGENCY,
       "position": "Công chức Văn phòng - Thống kê", "qualification": "Cử nhân Hành chính",
       "task": "Hướng dẫn người dân quét mã QR."}]),
    ("scope", [("text", "cấp tỉnh")], "cap_tinh"),
]
EDITS_HK = [
    ("field", [("text", "Giáo dục")], "Giáo dục"),
    ("problem", [("text", NEW_TEXT)], NEW_TEXT),
    ("proposal", [("text", NEW_TEXT)], NEW_TEXT),
    ("benefit", [("text", NEW_TEXT)], NEW_TEXT),
    ("applying_unit", [("choice", "nav:skip")], None),
]


def at_review(flow: str) -> Chat:
    return reach(flow, "review")


@pytest.mark.parametrize(("flow", "field", "inputs", "expected"),
                         [("sang_kien", *e) for e in EDITS_SK] + [("hien_ke", *e) for e in EDITS_HK],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_edit_one_field_and_return_to_review(flow: str, field: str,
                                             inputs: list[tuple[str, str]], expected: object) -> None:
    chat = at_review(flow)
    before = chat.answers
    chat.press("review:edit")
    assert chat.at == (flow, "edit_pick")
    assert f"edit:{field}" in chat.values
    chat.press(f"edit:{field}")
    assert chat.state["step"] == FLOWS[flow].first_step_for(field).name  # type: ignore[union-attr]
    chat.play(inputs)
    assert chat.at == (flow, "review"), chat.last_text
    after = chat.answers
    assert after[field] == expected
    assert {k: v for k, v in after.items() if k != field} == {
        k: v for k, v in before.items() if k != field}
    assert "editing" not in chat.state
    # The review's own back button still leads into the flow, not to the edit.
    chat.press("nav:back")
    assert chat.at != (flow, "edit_pick")


def test_edit_authors_runs_the_author_loop_then_returns() -> None:
    chat = at_review("sang_kien")
    chat.press("review:edit").press("edit:authors")
    assert chat.at == ("sang_kien", "author_birth_date")
    assert "15/08/1985" in chat.last_text  # the answer already given is shown
    chat.press("nav:keep").press("nav:keep").send("100")
    assert "Tổng tỷ lệ: 140%" in chat.last_text
    chat.press("coauthor:remove").press("coauthor:done")
    assert chat.at == ("sang_kien", "review")
    assert [a["share"] for a in chat.answers["authors"]] == [100]


def test_edit_attachments_then_done_returns_to_review() -> None:
    chat = at_review("hien_ke")
    chat.press("review:edit").press("edit:attachments")
    chat.file("bang-so-lieu.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    chat.press("files:done")
    assert chat.at == ("hien_ke", "review")
    assert "bang-so-lieu.xlsx" in chat.last_text


def test_keep_returns_to_review_unchanged() -> None:
    chat = at_review("sang_kien")
    before = chat.answers
    chat.press("review:edit").press("edit:title")
    assert scripts.SK_TITLE in chat.last_text
    chat.send("giữ nguyên")
    assert chat.at == ("sang_kien", "review")
    assert chat.answers == before


@pytest.mark.parametrize("first", ["edit:title", "edit:scope"])
def test_back_from_an_edit_returns_to_review(first: str) -> None:
    chat = at_review("sang_kien")
    stack = chat.state["stack"]
    chat.press("review:edit").press(first).press("nav:back")
    assert chat.at == ("sang_kien", "review")
    assert chat.state["stack"] == stack
    chat.press("review:edit").press("nav:back")
    assert chat.at == ("sang_kien", "review")


def test_declaration_is_not_editable() -> None:
    chat = at_review("sang_kien").press("review:edit")
    assert "edit:declaration" not in chat.values
    chat.press("edit:declaration")
    assert common.STALE_CHOICE in chat.last_text


def test_summary_is_readable() -> None:
    text = at_review("sang_kien").last_text
    assert text.startswith(sk.REVIEW_HEADER)
    for label in sk.FIELD_LABELS.values():
        assert label in text
    assert "01/08/2025" in text and "2025-08-01" not in text
    assert "sinh ngày 15/08/1985" in text and "đóng góp 60%" in text
    assert "Giải pháp tác nghiệp" in text and "Cấp cơ sở" in text
    assert "tac_nghiep" not in text and "co_so" not in text
    assert text.count(common.EMPTY_VALUE) == 3  # confidential info, participants, attachments


def test_submit_emits_one_effect_and_the_receipt_clears_the_draft() -> None:
    chat = at_review("sang_kien").press("review:submit")
    submits = [e for e in chat.effects if isinstance(e, Submit)]
    assert len(submits) == 1 and submits[0].fields == scripts.SANG_KIEN_EXPECTED_FIELDS
    assert "SK-2025-00001" in chat.last_text and "Hội đồng" in chat.last_text
    assert chat.at == ("menu", "menu") and not chat.answers
    chat.press("review:submit")  # a double press on the old keyboard
    assert common.STALE_CHOICE in chat.last_text
    assert len(chat.submitted) == 1


def test_cancel_from_review_asks_first() -> None:
    chat = at_review("hien_ke").press("review:cancel")
    assert chat.at == ("confirm_cancel", "confirm")
    chat.press("cancel:no")
    assert chat.at == ("hien_ke", "review")
    chat.press("review:cancel").press("cancel:yes")
    assert chat.at == ("menu", "menu") and not chat.answers
    assert common.CANCELLED in chat.last_text


def test_after_submitting_the_author_is_told_what_happens_next() -> None:
    from bot.dialogue import Dialogue
    from tests.bot.dialogue.driver import UNITS, Chat

    chat = Chat(dialogue=Dialogue(units=UNITS, paper_days=10, hand_to="Văn phòng Sở"))
    receipt = chat.play(scripts.FULL_SANG_KIEN_SCRIPT).replies[0].text
    steps = ["1. In hai tệp Word", "2. Các tác giả ký", "3. Đề nghị Thủ trưởng Sở Khoa học và Công "
             "nghệ xác nhận, ký và đóng dấu vào Báo cáo mô tả.",
             "4. Nộp hai bản đã ký cho Văn phòng Sở, trước ngày 30/11/2025."]  # fmt: skip
    assert all(step in receipt for step in steps), receipt
    assert [receipt.index(step) for step in steps] == sorted(receipt.index(s) for s in steps)
    assert "tính mới, lợi ích thiết thực và khả năng áp dụng" in receipt
    plain = Chat(dialogue=Dialogue(units=UNITS, paper_days=0)).play(scripts.FULL_SANG_KIEN_SCRIPT)
    text = plain.replies[0].text
    assert "trước ngày" not in text and "thi đua – khen thưởng" in text


def test_the_pledge_is_made_by_the_final_send_after_the_review() -> None:
    chat = at_review("sang_kien")
    review = chat.last_text
    assert review.rstrip().endswith(sk.PLEDGE) and review.count("cam đoan") == 2  # one footer
    assert "declaration" not in chat.answers  # nothing pledged before «Gửi»
    assert chat.at == ("sang_kien", "review") and "scope" in chat.answers
    chat.press("review:submit")
    assert chat.submitted[0].fields["declaration"] is True
    assert "declaration" not in at_review("hien_ke").press("review:submit").submitted[0].fields


def test_a_draft_left_at_the_old_pledge_step_resumes_at_the_review() -> None:
    chat = at_review("sang_kien")
    chat.state["step"] = "declaration"  # stored by an earlier version
    chat.command("tieptuc")
    assert chat.at == ("sang_kien", "review") and sk.PLEDGE in chat.last_text
    assert chat.answers.get("title") == scripts.SK_TITLE
