"""The status rules of DOMAIN.md, as a table: who may move an entry from where to where."""

from __future__ import annotations

import pytest

from bot.review.transitions import (
    HK_DECISIONS,
    SK_ONLY,
    STATUSES,
    TRANSITIONS,
    allowed,
    refusal,
)

LEGAL = [
    ("sang_kien", "submitted", "forwarded", "system"),
    ("sang_kien", "submitted", "under_review", "reviewer"),
    ("sang_kien", "forwarded", "needs_revision", "reviewer"),
    ("sang_kien", "under_review", "recognized", "reviewer"),
    ("sang_kien", "recognized", "provincial_review", "reviewer"),
    ("sang_kien", "recognized", "recognized_provincial", "reviewer"),
    ("sang_kien", "recognized", "not_recognized_provincial", "reviewer"),
    ("sang_kien", "provincial_review", "recognized_provincial", "reviewer"),
    ("sang_kien", "provincial_review", "not_recognized_provincial", "reviewer"),
    ("sang_kien", "not_recognized_provincial", "provincial_review", "reviewer"),
    ("sang_kien", "recognized_provincial", "archived", "reviewer"),
    ("sang_kien", "under_review", "not_recognized", "reviewer"),
    ("sang_kien", "needs_revision", "submitted", "author"),
    ("sang_kien", "not_recognized", "archived", "reviewer"),
    ("hien_ke", "forwarded", "adopted", "reviewer"),
    ("hien_ke", "under_review", "declined", "reviewer"),
    ("hien_ke", "needs_revision", "withdrawn", "reviewer"),
    ("hien_ke", "withdrawn", "archived", "reviewer"),
]
ILLEGAL = [
    ("sang_kien", "submitted", "adopted", "reviewer", "không áp dụng cho sáng kiến"),
    ("hien_ke", "submitted", "recognized", "reviewer", "không áp dụng cho hiến kế"),
    ("sang_kien", "submitted", "forwarded", "reviewer", "do hệ thống đặt"),
    ("sang_kien", "needs_revision", "submitted", "reviewer", "chỉ tác giả"),
    ("sang_kien", "needs_revision", "recognized", "reviewer", "không thể chuyển từ «Cần bổ sung»"),
    ("sang_kien", "recognized_provincial", "recognized", "reviewer", "không thể chuyển"),
    # The law: provincial effect and scope only after recognition at cơ sở.
    ("sang_kien", "submitted", "recognized_provincial", "reviewer", "sau khi sáng kiến đã được"),
    ("sang_kien", "forwarded", "provincial_review", "reviewer", "công nhận ở cấp cơ sở"),
    ("sang_kien", "under_review", "recognized_provincial", "reviewer", "«Đang xem xét»"),
    ("sang_kien", "not_recognized", "not_recognized_provincial", "reviewer", "cấp cơ sở"),
    ("sang_kien", "recognized_provincial", "not_recognized_provincial", "reviewer", "cấp cơ sở"),
    ("hien_ke", "adopted", "provincial_review", "reviewer", "không áp dụng cho hiến kế"),
    ("hien_ke", "adopted", "declined", "reviewer", "không thể chuyển từ «Được tiếp thu»"),
    ("sang_kien", "archived", "submitted", "author", "không thể chuyển từ «Lưu trữ»"),
    ("sang_kien", "under_review", "under_review", "reviewer", "đã ở trạng thái «Đang xem xét»"),
    ("sang_kien", "under_review", "approved", "reviewer", "không có trạng thái «approved»"),
]


@pytest.mark.parametrize(("kind", "current", "target", "actor"), LEGAL)
def test_legal(kind: str, current: str, target: str, actor: str) -> None:
    assert refusal(kind, current, target, actor=actor, note="lý do") is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "current", "target", "actor", "reason"), ILLEGAL)
def test_illegal_with_reason(kind: str, current: str, target: str, actor: str, reason: str) -> None:
    found = refusal(kind, current, target, actor=actor, note="lý do")  # type: ignore[arg-type]
    assert found is not None and reason in found


@pytest.mark.parametrize("target", ["needs_revision", "not_recognized", "not_recognized_provincial"])
def test_a_refusal_needs_a_reason(target: str) -> None:
    current = "recognized" if target == "not_recognized_provincial" else "under_review"
    assert "cần kèm ghi chú" in (refusal("sang_kien", current, target, note="  ") or "")
    assert refusal("sang_kien", current, target, note="Thiếu số liệu") is None


def test_the_table_covers_every_status_of_its_kind_and_nothing_leaves_archived() -> None:
    others = {"sang_kien": HK_DECISIONS, "hien_ke": SK_ONLY}
    for kind, table in TRANSITIONS.items():
        assert set(table) == set(STATUSES) - set(others[kind])
        assert all(set(nexts) <= set(table) for nexts in table.values())
        assert table["archived"] == ()


def test_allowed_lists_reviewer_actions_only() -> None:
    assert allowed("sang_kien", "forwarded") == (
        "under_review",
        "needs_revision",
        "recognized",
        "not_recognized",
        "withdrawn",
        "archived",
    )
    assert allowed("sang_kien", "recognized") == (
        "provincial_review",
        "recognized_provincial",
        "not_recognized_provincial",
        "archived",
    )
    assert allowed("sang_kien", "needs_revision") == ("withdrawn", "archived")
    assert allowed("sang_kien", "needs_revision", "author") == ("submitted",)
    assert allowed("hien_ke", "submitted", "system") == ("forwarded",)
