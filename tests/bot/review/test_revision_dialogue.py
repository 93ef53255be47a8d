"""Reopening an entry in the dialogue, pure: the review step with its answers, resubmit, resume."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.dialogue import Dialogue, load_units
from bot.dialogue.revision import REVISING, Resubmit, Revisable, env_for, on_loaded, on_resubmitted
from bot.dialogue.types import Submit
from bot.messages import Incoming

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
DIALOGUE = Dialogue(units=load_units())
PROFILE = {"name": "Lê Văn Tám", "agency": "Sở Y tế", "position": "Chuyên viên", "phone": None}
FIELDS: dict[str, Any] = {
    "field": "Y tế",
    "problem": "Người bệnh chờ lâu tại khoa Khám bệnh vào buổi sáng.",
    "proposal": "Hẹn giờ khám qua tổng đài và tin nhắn để phân luồng người bệnh.",
    "benefit": "Giảm thời gian chờ trung bình từ 90 phút xuống 30 phút.",
    "applying_unit": None,
    "attachments": [],
}
ENTRY = Revisable("HK-2026-00007", "hien_ke", "Hẹn giờ khám", FIELDS, "Nêu rõ số liệu.")


def _state(**extra: Any) -> dict[str, Any]:
    return {
        "consent_at": NOW.isoformat(),
        "profile": PROFILE,
        "flow": "menu",
        "step": "menu",
    } | extra


def _press(state: dict[str, Any], value: str) -> Any:
    incoming = Incoming("telegram", "1", "1", f"k{value}", "choice", choice=value)
    return DIALOGUE.step(state, incoming, NOW)


def test_the_entry_opens_at_the_review_with_its_answers_and_resubmits() -> None:
    opened = on_loaded(env_for(DIALOGUE, NOW), _state(), ENTRY)
    assert (opened.state["flow"], opened.state["step"], opened.state[REVISING]) == (
        "hien_ke",
        "review",
        ENTRY.code,
    )
    text = opened.replies[0].text
    assert "Anh/chị đang bổ sung hồ sơ HK-2026-00007" in text
    assert "Hội đồng đề nghị: Nêu rõ số liệu." in text and FIELDS["proposal"] in text
    sent = _press(opened.state, "review:submit")
    (effect,) = sent.effects
    assert isinstance(effect, Resubmit) and not isinstance(effect, Submit)
    assert (effect.code, effect.kind, effect.fields["proposal"]) == (
        ENTRY.code,
        "hien_ke",
        FIELDS["proposal"],
    )
    done = on_resubmitted(env_for(DIALOGUE, NOW), sent.state, code=ENTRY.code)
    assert REVISING not in done.state and done.state["flow"] == "menu"
    assert "Đã gửi lại hồ sơ HK-2026-00007" in done.replies[0].text


def test_a_draft_in_progress_is_never_overwritten() -> None:
    draft = _state(flow="sang_kien", step="title", index=0, answers={"title": "Dở dang"}, stack=[])
    refused = on_loaded(env_for(DIALOGUE, NOW), draft, ENTRY)
    assert refused.state["flow"] == "sang_kien" and refused.state["answers"] == {"title": "Dở dang"}
    assert "gửi hoặc hủy bản nháp đó (/huy) trước" in refused.replies[0].text


def test_a_new_draft_after_resubmitting_is_a_new_entry() -> None:
    opened = on_loaded(env_for(DIALOGUE, NOW), _state(), ENTRY)
    done = on_resubmitted(env_for(DIALOGUE, NOW), opened.state, code=ENTRY.code)
    fresh = _press(done.state, "menu:hien_ke")
    assert REVISING not in fresh.state and fresh.state["flow"] == "hien_ke"


def test_the_reminder_button_resumes_the_draft() -> None:
    draft = _state(flow="sang_kien", step="title", index=0, answers={}, stack=[])
    resumed = _press(draft, "menu:resume")
    assert "Tiếp tục bản nháp sáng kiến" in resumed.replies[0].text
    assert resumed.state["step"] == "title"
