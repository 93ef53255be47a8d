"""A hiến kế's title is the first sentence of its proposal, at most 120 characters, cut at a word."""

from __future__ import annotations

import pytest

from bot.dialogue.flows.hien_ke import TITLE_MAX, title_from

LONG = ("Xây dựng kho dữ liệu dùng chung cho các phòng chuyên môn để tra cứu nhanh hồ sơ, "
        "văn bản, số liệu thống kê và báo cáo định kỳ của toàn bộ cơ quan trong nhiều năm")


@pytest.mark.parametrize(("proposal", "title"), [
    ("Gộp các báo cáo trùng nhau. Văn phòng chủ trì.", "Gộp các báo cáo trùng nhau"),
    ("Dùng mã QR tại quầy! Rất tiện.", "Dùng mã QR tại quầy"),
    ("Một dòng\nDòng thứ hai", "Một dòng"),
    ("Không có dấu chấm cuối", "Không có dấu chấm cuối"),
    ("Số liệu 2.161.755 đồng được giữ nguyên. Câu sau.", "Số liệu 2.161.755 đồng được giữ nguyên"),
    ("  Có khoảng trắng đầu.  ", "Có khoảng trắng đầu"),
])
def test_first_sentence(proposal: str, title: str) -> None:
    assert title_from(proposal) == title


def test_long_first_sentence_is_cut_at_a_word() -> None:
    title = title_from(LONG)
    assert len(title) <= TITLE_MAX and title.endswith("…")
    assert LONG.startswith(title[:-1]) and LONG[len(title) - 1] == " "
