"""Every step of the profile and both flows: a valid answer advances, invalid ones are refused."""

from __future__ import annotations

import copy

import pytest

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import hien_ke as hk
from bot.dialogue.catalogues import sang_kien as sk
from tests import scripts
from tests.bot.dialogue.driver import Arrival, Chat, Position, position, reach, walk

# (flow, step, index) → a valid (kind, value) and the step it leads to.
VALID = [
    ("profile", "name", 0, ("text", "Lê Văn Tám"), "agency"),
    ("profile", "position", 0, ("text", "Phó Trưởng phòng"), "phone"),
    ("profile", "phone", 0, ("text", "+84 905 123 456"), "menu"),
    ("sang_kien", "title", 0, ("text", "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn"),
     "solution_type"),
    ("sang_kien", "solution_type", 0, ("choice", "quan_ly"), "field"),
    ("sang_kien", "field", 0, ("text", "Y tế"), "problem"),
    ("sang_kien", "problem", 0, ("text", scripts.SK_PROBLEM), "author_birth_date"),
    ("sang_kien", "author_birth_date", 0, ("text", "1/2/1980"), "author_qualification"),
    ("sang_kien", "author_qualification", 0, ("text", "Cử nhân Luật"), "author_share"),
    ("sang_kien", "author_share", 0, ("text", "100%"), "coauthor_more"),
    ("sang_kien", "coauthor_more", 0, ("choice", "coauthor:add"), "coauthor_name"),
    ("sang_kien", "coauthor_name", 1, ("text", "Phạm Thị Lan"), "coauthor_birth_date"),
    ("sang_kien", "coauthor_birth_date", 1, ("text", "02-09-1990"), "coauthor_workplace"),
    ("sang_kien", "coauthor_workplace", 1, ("text", "Ủy ban nhân dân phường Nghĩa Lộ"),
     "coauthor_position"),
    ("sang_kien", "coauthor_position", 1, ("text", "Kế toán"), "coauthor_qualification"),
    ("sang_kien", "coauthor_qualification", 1, ("text", "Cử nhân Kinh tế"), "coauthor_share"),
    ("sang_kien", "coauthor_share", 1, ("text", "40"), "coauthor_more"),
    ("sang_kien", "investor", 0, ("text", "Tác giả tự đầu tư"), "first_applied_on"),
    ("sang_kien", "first_applied_on", 0, ("text", "ngày 1 tháng 7 năm 2025"), "known_solution"),
    ("sang_kien", "known_solution", 0, ("text", scripts.SK_KNOWN), "solution"),
    ("sang_kien", "solution", 0, ("text", scripts.SK_SOLUTION), "novelty"),
    ("sang_kien", "novelty", 0, ("text", scripts.SK_NOVELTY), "applicability"),
    ("sang_kien", "applicability", 0, ("text", scripts.SK_APPLICABILITY), "confidential_info"),
    ("sang_kien", "confidential_info", 0, ("text", "Mã nguồn bảng tính"), "conditions"),
    ("sang_kien", "conditions", 0, ("text", scripts.SK_CONDITIONS), "benefits"),
    ("sang_kien", "benefits", 0, ("text", scripts.SK_BENEFITS), "trial_unit_opinion"),
    ("sang_kien", "trial_unit_opinion", 0, ("text", "Đơn vị đánh giá tốt"), "trial_participants"),
    ("sang_kien", "trial_participants", 0, ("choice", "nav:skip"), "attachments"),
    ("sang_kien", "trial_participants", 0, ("choice", "participant:add"), "participant_name"),
    ("sang_kien", "attachments", 0, ("choice", "nav:skip"), "scope"),
    ("sang_kien", "scope", 0, ("text", "2"), "review"),
    ("hien_ke", "field", 0, ("text", "Giáo dục"), "problem"),
    ("hien_ke", "problem", 0, ("text", scripts.HK_PROBLEM), "proposal"),
    ("hien_ke", "proposal", 0, ("text", scripts.HK_PROPOSAL), "benefit"),
    ("hien_ke", "benefit", 0, ("text", scripts.HK_BENEFIT), "applying_unit"),
    ("hien_ke", "applying_unit", 0, ("text", "Sở Nội vụ"), "attachments"),
    ("hien_ke", "attachments", 0, ("choice", "nav:skip"), "review"),
]


def _first(template: str) -> str:
    """The fixed words of a catalogue message before its first placeholder."""
    return template.split("{")[0].strip()


TOO_SHORT = _first(common.TOO_SHORT)
TOO_LONG = _first(common.TOO_LONG)
# (flow, step, index) → typed answers that must be refused, with a piece of the message.
INVALID = [
    ("profile", "name", 0, "An", common.NAME_WORDS),
    ("profile", "name", 0, "Nguyễn 123", common.NAME_LETTERS),
    ("profile", "name", 0, "Nguyễn " + "a" * 100, TOO_LONG),
    ("profile", "name", 0, "Nguyễn\nAn", common.ONE_LINE),
    ("profile", "name", 0, "   ", common.EMPTY),
    ("profile", "position", 0, "!!!!", common.NO_SUBSTANCE),
    ("profile", "position", 0, "x" * 151, TOO_LONG),
    ("profile", "phone", 0, "12345", common.PHONE_INVALID),
    ("profile", "phone", 0, "0212345678", common.PHONE_INVALID),
    ("profile", "phone", 0, "091234567", common.PHONE_INVALID),
    ("profile", "phone", 0, "09123456789", common.PHONE_INVALID),
    ("sang_kien", "title", 0, "Sáng kiến", TOO_SHORT),
    ("sang_kien", "title", 0, "aaaaaaaaaaaaaaaaaaaa", _first(common.TOO_FEW_WORDS)),
    ("sang_kien", "title", 0, "abc abc abc abc abc", common.NO_SUBSTANCE),
    ("sang_kien", "title", 0, "Tên sáng kiến dài\nhai dòng ở đây", common.ONE_LINE),
    ("sang_kien", "title", 0, "Tên " * 100, TOO_LONG),
    ("sang_kien", "solution_type", 0, "xyz", common.PICK_ONE),
    ("sang_kien", "solution_type", 0, "9", common.PICK_ONE),
    ("sang_kien", "field", 0, "x" * 201, TOO_LONG),
    ("sang_kien", "problem", 0, "Khó quá", sk.PROBLEM_HINT),
    ("sang_kien", "problem", 0, "ha " * 20, common.NO_SUBSTANCE),
    ("sang_kien", "problem", 0, "a" * 50, _first(common.TOO_FEW_WORDS)),
    ("sang_kien", "problem", 0, "Vấn đề " * 700, TOO_LONG),
    ("sang_kien", "author_birth_date", 0, "12/31/1985", common.DATE_MONTH),
    ("sang_kien", "author_birth_date", 0, "31/02/1985", "không có trên lịch"),
    ("sang_kien", "author_birth_date", 0, "15/08/2015", common.BIRTH_DATE_RANGE),
    ("sang_kien", "author_birth_date", 0, "hôm qua", common.DATE_FORMAT),
    ("sang_kien", "author_birth_date", 0, "15/08/2030", _first(common.DATE_FUTURE)),
    ("sang_kien", "author_qualification", 0, "@@", common.NO_SUBSTANCE),
    ("sang_kien", "author_share", 0, "0", common.SHARE_INVALID),
    ("sang_kien", "author_share", 0, "101", common.SHARE_INVALID),
    ("sang_kien", "author_share", 0, "năm mươi", common.SHARE_INVALID),
    ("sang_kien", "author_share", 0, "50,5", common.SHARE_INVALID),
    ("sang_kien", "coauthor_more", 0, "có lẽ", common.PICK_ONE),
    ("sang_kien", "coauthor_name", 1, "Bình", common.NAME_WORDS),
    ("sang_kien", "coauthor_birth_date", 1, "1990", common.DATE_FORMAT),
    ("sang_kien", "coauthor_workplace", 1, "A", TOO_SHORT),
    ("sang_kien", "coauthor_position", 1, "x" * 201, TOO_LONG),
    ("sang_kien", "coauthor_qualification", 1, "?", TOO_SHORT),
    ("sang_kien", "coauthor_share", 1, "0", common.SHARE_INVALID),
    ("sang_kien", "investor", 0, "A", TOO_SHORT),
    ("sang_kien", "first_applied_on", 0, "12/31/2024", common.DATE_MONTH),
    ("sang_kien", "first_applied_on", 0, "31/02/2025", "31/02/2025 không có trên lịch"),
    ("sang_kien", "first_applied_on", 0, "01/12/2025", _first(common.DATE_FUTURE)),
    ("sang_kien", "first_applied_on", 0, "01/01/1970", "Năm 1970"),
    ("sang_kien", "first_applied_on", 0, "2025", common.DATE_FORMAT),
    ("sang_kien", "first_applied_on", 0, "01/08/25", common.DATE_FORMAT),
    ("sang_kien", "known_solution", 0, "Không có", sk.KNOWN_SOLUTION_HINT),
    ("sang_kien", "solution", 0, "Làm tốt hơn", sk.SOLUTION_HINT),
    ("sang_kien", "novelty", 0, "Mới", sk.NOVELTY_HINT),
    ("sang_kien", "applicability", 0, "Ở xã", sk.APPLICABILITY_HINT),
    ("sang_kien", "conditions", 0, "Không", sk.CONDITIONS_HINT),
    ("sang_kien", "benefits", 0, "Tốt", sk.BENEFITS_HINT),
    ("sang_kien", "benefits", 0, "tốt " * 1001, TOO_LONG),
    ("sang_kien", "confidential_info", 0, "x" * 4001, TOO_LONG),
    ("sang_kien", "trial_unit_opinion", 0, "?", TOO_SHORT),
    ("sang_kien", "trial_participants", 0, "Lê Thị Hoa, công chức", common.PICK_ONE),
    ("sang_kien", "attachments", 0, "đây là ảnh", common.FILES_WAITING.format(can_send=common.can_send(""))),
    ("sang_kien", "scope", 0, "cấp huyện", common.PICK_ONE),
    ("sang_kien", "review", 0, "được", common.PICK_ONE),
    ("hien_ke", "field", 0, "x" * 201, TOO_LONG),
    ("hien_ke", "problem", 0, "Chậm", hk.PROBLEM_HINT),
    ("hien_ke", "proposal", 0, "Làm nhanh", hk.PROPOSAL_HINT),
    ("hien_ke", "benefit", 0, "Tốt", hk.BENEFIT_HINT),
    ("hien_ke", "applying_unit", 0, "A", TOO_SHORT),
    ("hien_ke", "attachments", 0, "không có", common.FILES_WAITING.format(can_send=common.can_send(""))),
]


def _send(chat: Chat, kind: str, value: str) -> Chat:
    return chat.play([(kind, value)])


@pytest.mark.parametrize(("flow", "step", "index", "answer", "next_step"), VALID,
                         ids=[f"{c[0]}-{c[1]}" for c in VALID])
def test_a_valid_answer_advances(flow: str, step: str, index: int, answer: tuple[str, str],
                                 next_step: str) -> None:
    chat = reach(flow, step, index=index)
    _send(chat, *answer)
    assert chat.at[1] == next_step, chat.texts


@pytest.mark.parametrize(("flow", "step", "index", "typed", "message"), INVALID,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(INVALID)])
def test_an_invalid_answer_is_refused_and_the_step_stays(flow: str, step: str, index: int,
                                                         typed: str, message: str) -> None:
    chat = reach(flow, step, index=index)
    answers_before = chat.answers
    chat.send(typed)
    assert message in chat.last_text
    assert position(chat.state) == (flow, step, index)
    assert chat.answers == answers_before
    assert chat.values, "the step is shown again with its buttons"


OPTIONAL = [
    ("profile", "phone", "menu"),
    ("sang_kien", "confidential_info", "conditions"),
    ("sang_kien", "trial_unit_opinion", "trial_participants"),
    ("sang_kien", "trial_participants", "attachments"),
    ("sang_kien", "attachments", "scope"),
    ("hien_ke", "applying_unit", "attachments"),
    ("hien_ke", "attachments", "review"),
]


@pytest.mark.parametrize(("flow", "step", "next_step"), OPTIONAL)
@pytest.mark.parametrize("how", [("choice", "nav:skip"), ("text", "bỏ qua"), ("text", "Bo qua")])
def test_optional_steps_can_be_skipped(flow: str, step: str, next_step: str,
                                       how: tuple[str, str]) -> None:
    chat = reach(flow, step)
    assert "nav:skip" in chat.values
    _send(chat, *how)
    assert chat.at[1] == next_step


def _required_positions() -> list[tuple[str, str, int]]:
    optional = {(f, s) for f, s, _ in OPTIONAL}
    seen = {}
    for where, *_ in walk(scripts.FULL_SANG_KIEN_SCRIPT) + walk(scripts.FULL_HIEN_KE_SCRIPT):
        if where[0] in ("sang_kien", "hien_ke") and (where[0], where[1]) not in optional:
            seen[where] = True
    return [w for w in seen if w[1] != "review"]


@pytest.mark.parametrize("where", _required_positions(), ids=lambda w: f"{w[0]}-{w[1]}")
def test_required_steps_cannot_be_skipped(where: tuple[str, str, int]) -> None:
    chat = reach(where[0], where[1], index=where[2])
    assert "nav:skip" not in chat.values
    chat.send("bỏ qua")
    assert common.SKIP_REQUIRED in chat.last_text
    assert position(chat.state) == where


def _back_cases() -> list[tuple[Position, Arrival]]:
    """(previous position, arrival) for every step a script reaches from another of its flow."""
    cases = []
    for script in (scripts.FULL_SANG_KIEN_SCRIPT, scripts.FULL_HIEN_KE_SCRIPT):
        path = walk(script)
        for before, after in zip(path, path[1:], strict=False):
            if after[0][0] == before[0][0] and after[0][0] != "menu":
                cases.append((before[0], after))
    return cases


@pytest.mark.parametrize(("previous", "arrival"), _back_cases(),
                         ids=lambda case: "-".join(map(str, case[0])) if isinstance(case[0], tuple) else "")
def test_back_returns_to_the_previous_step_with_answers_kept(previous: Position,
                                                             arrival: Arrival) -> None:
    _, state, replies = arrival
    chat = Chat(state=copy.deepcopy(state), replies=list(replies))
    answers = chat.answers
    assert "nav:back" in chat.values
    chat.press("nav:back")
    assert position(chat.state) == previous
    assert chat.answers == answers


def _steps_with_examples() -> list[tuple[str, str, int]]:
    from bot.dialogue.flows import FLOWS

    found = []
    for where, *_ in walk(scripts.FULL_SANG_KIEN_SCRIPT) + walk(scripts.FULL_HIEN_KE_SCRIPT):
        step = FLOWS[where[0]].get(where[1])
        if step and step.text.example and where not in found:
            found.append(where)
    return found


@pytest.mark.parametrize("where", _steps_with_examples(), ids=lambda w: f"{w[0]}-{w[1]}")
@pytest.mark.parametrize("how", [("choice", "nav:example"), ("text", "ví dụ"), ("text", "vi du")])
def test_example_is_shown_on_request_and_the_step_stays(where: tuple[str, str, int],
                                                        how: tuple[str, str]) -> None:
    from bot.dialogue.flows import FLOWS

    chat = reach(where[0], where[1], index=where[2])
    prompt = chat.last_text
    _send(chat, *how)
    example = FLOWS[where[0]].get(where[1]).text.example  # type: ignore[union-attr]
    assert chat.last_text.startswith(common.EXAMPLE_HEADER)
    assert example.split("{")[0] in chat.last_text
    assert position(chat.state) == where
    assert prompt.split("\n")[-1] in chat.last_text  # the question follows the example


def test_steps_without_example_have_no_example_button() -> None:
    chat = reach("sang_kien", "scope")
    assert "nav:example" not in chat.values
    chat.send("ví dụ")
    assert common.NO_EXAMPLE in chat.last_text
