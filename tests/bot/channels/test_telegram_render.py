"""Rendering for Telegram's limits: splitting by UTF-16 units, keyboards, callback data."""

from __future__ import annotations

import pytest

from bot.channels.telegram_render import (
    MAX_TEXT_UNITS,
    check_buttons,
    inline_keyboard,
    split_text,
    utf16_units,
)
from bot.errors import PermanentError
from bot.messages import Button


@pytest.mark.parametrize(
    ("text", "units"),
    [("", 0), ("abc", 3), ("Tiếng Việt", 10), ("👍", 2), ("a👨‍👩‍👧b", 10), ("\u00e0", 1)],
)
def test_utf16_units(text: str, units: int) -> None:
    assert utf16_units(text) == units


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_nothing_to_split(text: str) -> None:
    assert split_text(text) == []


def test_a_text_at_the_limit_stays_whole() -> None:
    text = "ă" * (MAX_TEXT_UNITS - 2) + "😀"
    assert split_text(text) == [text]


def test_prefers_paragraph_then_line_then_word() -> None:
    assert split_text("aaaa bbbb\ncccc\n\ndddd", limit=16) == ["aaaa bbbb\ncccc", "dddd"]
    assert split_text("aaaa bbbb\ncccc dddd", limit=16) == ["aaaa bbbb", "cccc dddd"]
    assert split_text("aaaa bbbb cccc dddd", limit=16) == ["aaaa bbbb cccc", "dddd"]


def test_a_far_paragraph_break_does_not_leave_a_tiny_chunk() -> None:
    # The paragraph break sits at 3 of 16: a word break near the limit is better.
    assert split_text("ab\n\ncdef ghij klmn opqr", limit=16) == ["ab\n\ncdef ghij", "klmn opqr"]


def test_a_break_right_after_the_limit_is_a_clean_cut() -> None:
    assert split_text("abcdefgh ijk", limit=8) == ["abcdefgh", "ijk"]


def test_surrogate_pairs_are_never_split() -> None:
    chunks = split_text("😀" * 5, limit=3)
    assert chunks == ["😀", "😀", "😀", "😀", "😀"]


def test_tone_marks_stay_with_their_letter_in_a_hard_cut() -> None:
    decomposed = "a\u0301" * 6  # "á" as letter + combining acute, no break anywhere
    chunks = split_text(decomposed, limit=5)
    assert all(chunk[0] != "\u0301" for chunk in chunks)
    assert "".join(chunks) == decomposed
    assert all(utf16_units(c) <= 5 for c in chunks)


def test_two_short_labels_per_row_else_one() -> None:
    short = inline_keyboard([Button("Có", "y"), Button("Không", "n"), Button("Để sau", "l")])
    long = inline_keyboard([Button("Có", "y"), Button("Tôi cần thêm thời gian", "n")])
    assert short is not None and long is not None
    assert [len(row) for row in short.inline_keyboard] == [2, 1]
    assert [len(row) for row in long.inline_keyboard] == [1, 1]
    assert inline_keyboard([]) is None


def test_callback_data_limits_count_utf8_bytes() -> None:
    check_buttons([Button("A", "a" * 64), Button("B", "đ" * 32)])
    for value in ("a" * 65, "đ" * 33, ""):
        with pytest.raises(PermanentError):
            check_buttons([Button("A", value)])
