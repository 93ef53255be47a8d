"""Writing help in the dialogue: the review's checklist, "done before?", and /taidon."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import quality as text
from bot.dialogue.catalogues import sang_kien as sk_text
from bot.dialogue.quality_types import (
    DIFFERENCE_FIELD,
    SIMILAR_KEY,
    FindSimilar,
    SendDossier,
    SimilarEntry,
)
from bot.dialogue.types import EntrySummary
from tests import scripts
from tests.bot.dialogue.driver import Chat, reach

SK = scripts.FULL_SANG_KIEN_SCRIPT
HK = scripts.FULL_HIEN_KE_SCRIPT
SK_AT_SOLUTION = SK.index(("text", scripts.SK_SOLUTION)) + 1  # actions up to the solution
HK_AT_PROPOSAL = HK.index(("text", scripts.HK_PROPOSAL)) + 1
OURS = SimilarEntry("SK-2024-00007", "Dán mã QR tra cứu TTHC ở UBND phường", "UBND phường Cẩm Thành",
                    2024, "recognized", 0.61)
IMPORTED = SimilarEntry("QN-2019-12", "Niêm yết mã QR hướng dẫn thủ tục", "Sở Tư pháp", 2019,
                        "Công nhận cấp cơ sở", 0.44)
ANOTHER = SimilarEntry("HK-2025-00031", "Mã QR ở quầy một cửa", "", None, "", 0.3)
DIFFERENCE = "Mã QR được gửi kèm tin nhắn hẹn trả kết quả, không chỉ dán tại quầy."


def at_question(flow: str, found: list[SimilarEntry]) -> Chat:
    chat = Chat(similar=found)
    return chat.play(SK[:SK_AT_SOLUTION] if flow == "sang_kien" else HK[:HK_AT_PROPOSAL])


def finish(chat: Chat, flow: str) -> Chat:
    return chat.play(SK[SK_AT_SOLUTION:] if flow == "sang_kien" else HK[HK_AT_PROPOSAL:])


# ---- the checklist at the review ----

FOOTERS = {"sang_kien": sk_text.PLEDGE, "hien_ke": common.REVIEW_FOOTER}
CHECKLISTS = [
    ("sang_kien", "10/10", "Hiệu quả có số liệu đo được (40%)."),
    ("hien_ke", "4/4", "Đề xuất khác với phần mô tả vấn đề."),
]


@pytest.mark.parametrize(("flow", "score", "line"), CHECKLISTS)
def test_the_review_shows_the_checklist_before_its_footer(flow: str, score: str, line: str) -> None:
    review = reach(flow, "review").last_text
    assert text.CHECKLIST_HEADER.format(passed=score.split("/")[0], total=score.split("/")[1]) in review
    assert text.CHECKLIST_ALL_PASSED in review
    assert line not in review and text.CHECKLIST_ADVICE not in review  # a passed check is not news
    footer = FOOTERS[flow]  # one footer; a sáng kiến's is the pledge made by «Gửi»
    assert review.index(text.CHECKLIST_HEADER[:20]) < review.index(footer)
    assert review.count(footer) == 1 and "✗" not in review and "✓" not in review
    assert common.REVIEW_FOOTER not in review or flow == "hien_ke"


WEAK = [
    ("benefits", "Sáng kiến mang lại hiệu quả cao, được mọi người đồng tình ủng hộ nhiệt liệt.",
     "• Nêu ít nhất một con số"),
    ("novelty", scripts.SK_KNOWN, "• Phần giải pháp mới đang gần như trùng"),
    ("title", "NÂNG CAO HIỆU QUẢ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", "• Tên đang viết toàn chữ in hoa"),
]


@pytest.mark.parametrize(("field", "value", "suggestion"), WEAK)
def test_a_weak_field_gets_its_suggestion_and_may_be_fixed_or_sent(field: str, value: str,
                                                                 suggestion: str) -> None:
    chat = reach("sang_kien", "review").press("review:edit").press(f"edit:{field}").send(value)
    assert chat.at == ("sang_kien", "review")
    assert suggestion in chat.last_text and text.CHECKLIST_ADVICE in chat.last_text
    assert "Gợi ý hoàn thiện" in chat.last_text and "đạt 9/10 tiêu chí" in chat.last_text
    assert chat.last_text.count(FOOTERS["sang_kien"]) == 1
    chat.press("review:submit")  # the author may submit anyway
    assert chat.submitted and chat.submitted[0].fields[field] == value


def test_the_checklist_reads_the_date_in_the_local_calendar() -> None:
    # 01:00 on 20/11/2025 in Quảng Ngãi is still the 19th in UTC: applied "today" is no future.
    late = datetime(2025, 11, 19, 18, 0, tzinfo=UTC)
    script = [("text", "20/11/2025") if step == ("text", "01/08/2025") else step for step in SK]
    review = Chat(now=late).play(script[:-1]).last_text
    assert "đạt 10/10 tiêu chí" in review and "20/11/2025" in review


# ---- "has this been done before?" ----

FOUND = [
    ("sang_kien", [OURS, IMPORTED]),
    ("hien_ke", [OURS]),
    ("sang_kien", [OURS, IMPORTED, ANOTHER, OURS]),  # at most three are shown
]


@pytest.mark.parametrize(("flow", "found"), FOUND)
def test_similar_entries_are_shown_with_code_unit_year_status(flow: str,
                                                              found: list[SimilarEntry]) -> None:
    chat = at_question(flow, found)
    effect = next(e for e in chat.effects if isinstance(e, FindSimilar))
    if flow == "sang_kien":
        assert effect.text.startswith(scripts.SK_TITLE) and scripts.SK_SOLUTION in effect.text
    else:
        assert effect.text == scripts.HK_PROPOSAL
    assert chat.at == (flow, "difference_from_similar")
    shown = chat.last_text
    assert text.SIMILAR_HEADER in shown
    assert "• SK-2024-00007 – Dán mã QR tra cứu TTHC ở UBND phường" in shown
    assert "UBND phường Cẩm Thành, năm 2024 – Được công nhận (cấp cơ sở)" in shown
    if len(found) > 1:
        assert "Sở Tư pháp, năm 2019 – Công nhận cấp cơ sở" in shown  # the sheet's own words
    if len(found) > 2:
        assert f"{text.SIMILAR_NO_AGENCY} – {text.SIMILAR_NO_STATUS}" in shown
    assert len(chat.answers[SIMILAR_KEY]) == min(len(found), 3)
    assert {"Bỏ qua", "Quay lại"} <= set(chat.labels)


ANSWERS = [
    ("sang_kien", ("text", DIFFERENCE), DIFFERENCE),
    ("sang_kien", ("choice", "nav:skip"), None),
    ("hien_ke", ("text", "bỏ qua"), None),
    ("hien_ke", ("text", DIFFERENCE), DIFFERENCE),
]


@pytest.mark.parametrize(("flow", "action", "kept"), ANSWERS)
def test_the_difference_is_kept_with_the_entry(flow: str, action: tuple[str, str],
                                               kept: str | None) -> None:
    chat = at_question(flow, [OURS]).play([action])
    assert chat.at == (flow, "novelty" if flow == "sang_kien" else "benefit")
    finish(chat, flow)
    fields = chat.submitted[0].fields
    assert fields[DIFFERENCE_FIELD] == kept
    expected = scripts.SANG_KIEN_EXPECTED_FIELDS if flow == "sang_kien" else scripts.HIEN_KE_EXPECTED_FIELDS
    assert {k: v for k, v in fields.items() if k != DIFFERENCE_FIELD} == expected


@pytest.mark.parametrize("found", [[], None], ids=["none-similar", "index-loading"])
@pytest.mark.parametrize("flow", ["sang_kien", "hien_ke"])
def test_without_similar_entries_the_draft_goes_straight_on(flow: str,
                                                            found: list[SimilarEntry] | None) -> None:
    chat = at_question(flow, found)  # type: ignore[arg-type]
    assert chat.at == (flow, "novelty" if flow == "sang_kien" else "benefit")
    assert len(chat.replies) == 1 and "Mục" in chat.last_text
    assert (SIMILAR_KEY in chat.answers) == (found is not None)
    finish(chat, flow)
    assert DIFFERENCE_FIELD not in chat.submitted[0].fields


def test_back_from_the_question_returns_to_the_solution() -> None:
    chat = at_question("sang_kien", [OURS]).press("nav:back")
    assert chat.at == ("sang_kien", "solution")
    chat.press("nav:keep")  # the same solution: the same entries, asked again (not answered yet)
    assert chat.at == ("sang_kien", "difference_from_similar")


def test_the_question_is_not_repeated_for_entries_already_answered() -> None:
    chat = reach_review_with([OURS])
    chat.press("review:edit").press("edit:solution").send(scripts.SK_SOLUTION + " Bước 4: báo cáo.")
    assert chat.at == ("sang_kien", "review")
    assert chat.answers[DIFFERENCE_FIELD] == DIFFERENCE


def reach_review_with(found: list[SimilarEntry]) -> Chat:
    chat = at_question("sang_kien", found).send(DIFFERENCE)
    chat.play(SK[SK_AT_SOLUTION:-1])
    assert chat.at == ("sang_kien", "review")
    return chat


def test_a_new_entry_after_an_edit_is_asked_about_then_back_to_the_review() -> None:
    chat = reach_review_with([OURS])
    review = chat.last_text
    assert f"{text.DIFFERENCE_LABEL}: {DIFFERENCE}" in review and "SK-2024-00007" in review
    chat.similar = [IMPORTED, OURS]
    chat.press("review:edit").press("edit:solution").send(scripts.SK_SOLUTION + " Bước 4: báo cáo.")
    assert chat.at == ("sang_kien", "difference_from_similar")
    assert "QN-2019-12" in chat.last_text
    chat.send("Khác ở chỗ mã được cập nhật tự động.")
    assert chat.at == ("sang_kien", "review")
    chat.press("review:submit")
    fields = chat.submitted[0].fields
    assert fields[DIFFERENCE_FIELD] == "Khác ở chỗ mã được cập nhật tự động."


def test_the_difference_is_editable_from_the_review_once_asked() -> None:
    plain = reach("sang_kien", "review").press("review:edit")
    assert f"edit:{DIFFERENCE_FIELD}" not in plain.values
    chat = reach_review_with([OURS]).press("review:edit").press(f"edit:{DIFFERENCE_FIELD}")
    assert chat.at == ("sang_kien", "difference_from_similar")
    chat.send("Điểm khác đã viết lại cho rõ hơn.")
    assert chat.at == ("sang_kien", "review")
    assert "Điểm khác đã viết lại cho rõ hơn." in chat.last_text


def test_an_entry_being_revised_is_not_shown_as_its_own_match() -> None:
    chat = Chat(similar=[OURS, IMPORTED]).play(SK[: SK_AT_SOLUTION - 1])
    chat.state["revising"] = OURS.code
    chat.send(scripts.SK_SOLUTION)
    assert "QN-2019-12" in chat.last_text and OURS.code not in chat.last_text


# ---- /taidon ----

def entry(code: str, kind: str = "sang_kien") -> EntrySummary:
    return EntrySummary(code, kind, f"Sáng kiến {code}", "submitted", None)  # type: ignore[arg-type]


def test_taidon_with_no_sang_kien_says_so_and_keeps_the_menu(chat: Chat) -> None:
    chat.entries = [entry("HK-2025-00001", "hien_ke")]
    chat.command("taidon")
    assert text.DOSSIER_NONE in chat.texts and chat.at == ("menu", "menu")


def test_taidon_with_one_sang_kien_sends_both_documents(chat: Chat) -> None:
    chat.entries = [entry("SK-2025-00004"), entry("HK-2025-00001", "hien_ke")]
    chat.command("taidon")
    assert [e for e in chat.effects if isinstance(e, SendDossier)] == [SendDossier("SK-2025-00004")]
    documents = [r for r in chat.replies if r.document]
    assert [r.document_name for r in documents] == ["a.docx", "r.docx"]
    assert "SK-2025-00004" in documents[0].text and chat.at == ("menu", "menu")


@pytest.mark.parametrize("pick", [("choice", "dossier:SK-2025-00002"), ("text", "2")])
def test_taidon_with_several_offers_a_pick(chat: Chat, pick: tuple[str, str]) -> None:
    chat.entries = [entry("SK-2025-00001"), entry("SK-2025-00002")]
    chat.command("taidon")
    assert chat.at == ("dossier", "pick")
    assert chat.values == ["dossier:SK-2025-00001", "dossier:SK-2025-00002"]
    chat.play([pick])
    assert [e for e in chat.effects if isinstance(e, SendDossier)] == [SendDossier("SK-2025-00002")]
    assert chat.at == ("menu", "menu") and "overlay" not in chat.state


def test_taidon_during_a_draft_keeps_the_draft() -> None:
    chat = Chat(entries=[entry("SK-2025-00001")]).play(SK[:12]).command("taidon")
    assert chat.state["flow"] == "sang_kien"
    assert chat.last.document is None and chat.last.buttons  # back at the step, with its buttons
