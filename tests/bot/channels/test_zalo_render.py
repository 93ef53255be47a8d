"""Rendering an Outgoing for Zalo: numbered choices, document links, 2,000-character splitting."""

from __future__ import annotations

import logging

import pytest

from bot.channels.zalo_render import CHOICE_HINT, MAX_TEXT, render, split_text, text_length
from bot.messages import Button, Outgoing

CHOICES = (
    Button("Gửi sáng kiến", "sang_kien"),
    Button("Gửi hiến kế", "hien_ke"),
    Button("Hỏi đáp", "faq"),
)
VI_SENTENCE = (
    "Đề xuất số hoá quy trình tiếp nhận hồ sơ một cửa tại Ủy ban nhân dân xã để giảm thời gian chờ."
)


def test_buttons_render_as_numbered_list_with_hint() -> None:
    [text] = render(Outgoing("Anh/chị muốn làm gì?", buttons=CHOICES))
    assert text == (
        "Anh/chị muốn làm gì?\n\n1. Gửi sáng kiến\n2. Gửi hiến kế\n3. Hỏi đáp\n\n" + CHOICE_HINT
    )


def test_no_buttons_no_hint_and_empty_message_sends_nothing() -> None:
    assert render(Outgoing("Cảm ơn anh/chị.")) == ["Cảm ơn anh/chị."]
    assert render(Outgoing("")) == []


def test_document_url_becomes_a_link_line() -> None:
    url = "https://sangkien.example.vn/files/SK-2026-00042.docx?sig=abc"
    [text] = render(
        Outgoing("Mẫu đơn của anh/chị:", document=url, document_name="Đơn yêu cầu.docx")
    )
    assert text == f"Mẫu đơn của anh/chị:\n\nĐơn yêu cầu.docx: {url}"


def test_local_document_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.channels.zalo_render"):
        assert render(Outgoing("Mẫu đơn", document="/srv/data/mau.docx")) == ["Mẫu đơn"]
    assert "/srv/data/mau.docx" in caplog.text


def _long_vietnamese(paragraphs: int, sentences: int = 6) -> str:
    return "\n\n".join(" ".join([VI_SENTENCE] * sentences) for _ in range(paragraphs))


def test_split_keeps_paragraphs_and_never_cuts_words() -> None:
    text = _long_vietnamese(12)
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(text_length(chunk) <= MAX_TEXT for chunk in chunks)
    assert all(chunk == chunk.strip() for chunk in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())
    words = set(text.split())
    assert all(word in words for chunk in chunks for word in chunk.split())


def test_split_falls_back_to_lines_then_words() -> None:
    one_paragraph = " ".join([VI_SENTENCE] * 60)
    lines = "\n".join([VI_SENTENCE] * 60)
    for text in (one_paragraph, lines):
        chunks = split_text(text)
        assert len(chunks) > 1 and all(text_length(c) <= MAX_TEXT for c in chunks)
        assert " ".join(" ".join(chunks).split()) == " ".join(text.split())
    assert all(c.endswith("chờ.") for c in split_text(lines))


def test_split_cuts_only_a_word_longer_than_the_limit() -> None:
    word = "đ" * 4500
    chunks = split_text(f"Mã: {word} hết")
    assert [len(c) for c in chunks] == [3, 2000, 2000, 504]
    assert chunks[0] == "Mã:" and chunks[-1].endswith("đ hết")


def test_split_counts_utf16_units_and_never_splits_an_emoji() -> None:
    chunks = split_text("🙂" * 1500)
    assert [text_length(c) for c in chunks] == [2000, 1000]
    assert "".join(chunks) == "🙂" * 1500


def test_choice_list_stays_together_in_the_last_chunk() -> None:
    body = _long_vietnamese(3) + "\n\n" + "x" * (MAX_TEXT - 20)
    chunks = render(Outgoing(body, buttons=CHOICES))
    assert all(text_length(c) <= MAX_TEXT for c in chunks)
    assert chunks[-1].startswith("1. Gửi sáng kiến\n2. Gửi hiến kế\n3. Hỏi đáp")
    assert sum("1. Gửi sáng kiến" in c for c in chunks) == 1


def test_choice_list_joins_the_last_chunk_when_it_fits() -> None:
    chunks = render(Outgoing(_long_vietnamese(8), buttons=CHOICES))
    assert len(chunks) > 1 and chunks[-1].endswith(CHOICE_HINT)
    assert not chunks[-1].startswith("1. ")


def test_choices_without_text_and_document_link_before_choices() -> None:
    [only] = render(Outgoing("", buttons=CHOICES[:1]))
    assert only == f"1. Gửi sáng kiến\n\n{CHOICE_HINT}"
    url = "https://sangkien.example.vn/f/mau.pdf?sig=1"
    [text] = render(Outgoing("Xem mẫu.", buttons=CHOICES[:1], document=url))
    assert text.index(url) < text.index("1. Gửi sáng kiến")
    assert render(Outgoing("", document=url)) == [f"Tệp đính kèm: {url}"]


def test_a_choice_list_longer_than_a_message_is_split_between_items() -> None:
    many = tuple(Button(f"Đơn vị số {i}: Sở Khoa học và Công nghệ tỉnh", str(i)) for i in range(60))
    chunks = render(Outgoing("Chọn đơn vị:", buttons=many))
    assert len(chunks) >= 2 and all(text_length(c) <= MAX_TEXT for c in chunks)
    lines = [line for c in chunks for line in c.split("\n") if line.startswith(tuple("0123456789"))]
    assert lines == [f"{i + 1}. {b.label}" for i, b in enumerate(many)]
    assert chunks[-1].endswith(CHOICE_HINT)


def test_split_of_short_text_is_identity_and_blank_is_nothing() -> None:
    assert split_text("Xin chào") == ["Xin chào"]
    assert split_text(" \n\n ") == []
    assert split_text("a" * MAX_TEXT) == ["a" * MAX_TEXT]


@pytest.mark.parametrize("limit", [0, 1])
def test_split_refuses_a_limit_without_room_for_a_surrogate_pair(limit: int) -> None:
    with pytest.raises(ValueError):
        split_text("abc", limit)


def test_a_named_choice_becomes_what_to_type() -> None:
    from bot.channels.zalo_render import typed_instructions

    buttons = (Button("Gửi", "a"), Button("Sửa một mục", "b"), Button("Hủy", "c"))
    said = typed_instructions("Bấm «Gửi» để nộp, «Hủy» để bỏ. Trạng thái «Cần bổ sung».", buttons)
    assert said == "Gõ 1 (Gửi) để nộp, gõ 3 (Hủy) để bỏ. Trạng thái «Cần bổ sung»."
    assert typed_instructions("chọn «Cùng đơn vị»", (Button("Cùng đơn vị: Sở Y tế", "x"),)) == (
        "gõ 1 (Cùng đơn vị)"
    )
    assert typed_instructions("bấm «Đã đọc»", ()) == "gõ «Đã đọc»"  # typed words work too
    assert typed_instructions("chọn «Khác»", ()) == "chọn «Khác»"


def test_a_typed_question_offers_its_helpers_in_one_line_without_the_number_hint() -> None:
    buttons = (Button("Xem ví dụ", "nav:example"), Button("Bỏ qua", "nav:skip"))
    [text] = render(Outgoing("Số điện thoại? Không có thì chọn «Bỏ qua».", buttons, free_answer=True))
    assert text == "Số điện thoại? Không có thì gõ 2 (Bỏ qua).\n\nHoặc gõ 1 (Xem ví dụ)."
    assert CHOICE_HINT not in text
    stored = Outgoing("Hỏi?", buttons, free_answer=True)
    assert Outgoing.from_json(stored.to_json()) == stored  # survives the outbox
