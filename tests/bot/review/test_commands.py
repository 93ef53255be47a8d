"""Reviewer input as typed on Zalo (any accents, spacing) or pressed on Telegram."""

from __future__ import annotations

import pytest

from bot.messages import Incoming
from bot.review.commands import ReviewCommand, parse, target_status


def _text(text: str) -> Incoming:
    return Incoming("zalo", "1", "1", "k", "text", text=text)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("duyet SK-2026-00042", ReviewCommand("duyet", "SK-2026-00042")),
        ("Duyệt sk-2026-00042", ReviewCommand("duyet", "SK-2026-00042")),
        ("/xemxet HK-2026-00001", ReviewCommand("xemxet", "HK-2026-00001")),
        (
            "bổ sung SK-2026-00042 Thiếu số liệu",
            ReviewCommand("bosung", "SK-2026-00042", "Thiếu số liệu"),
        ),
        (
            "BOSUNG SK-2026-00042: dòng 1\ndòng 2",
            ReviewCommand("bosung", "SK-2026-00042", "dòng 1\ndòng 2"),
        ),
        (
            "không công nhận SK-2026-00042 - trùng",
            ReviewCommand("khongcongnhan", "SK-2026-00042", "trùng"),
        ),
        ("chưa tiếp thu HK-2026-00003", ReviewCommand("chuatiepthu", "HK-2026-00003")),
        ("xem SK-2026-00042", ReviewCommand("xem", "SK-2026-00042")),
        # office words, with and without diacritics
        ("Công nhận SK-2026-00042", ReviewCommand("congnhan", "SK-2026-00042")),
        ("cong nhan SK-2026-00042", ReviewCommand("congnhan", "SK-2026-00042")),
        (
            "Yêu cầu sửa đổi, bổ sung SK-2026-00042 Bổ sung số liệu",
            ReviewCommand("yeucausuadoibosung", "SK-2026-00042", "Bổ sung số liệu"),
        ),
        (
            "yeu cau sua doi bo sung SK-2026-00042 x",
            ReviewCommand("yeucausuadoibosung", "SK-2026-00042", "x"),
        ),
        ("Đề nghị cấp tỉnh SK-2026-00042", ReviewCommand("denghicaptinh", "SK-2026-00042")),
        ("công nhận cấp tỉnh SK-2026-00042", ReviewCommand("congnhancaptinh", "SK-2026-00042")),
        (
            "Không công nhận cấp tỉnh SK-2026-00042 chưa đủ phạm vi",
            ReviewCommand("khongcongnhancaptinh", "SK-2026-00042", "chưa đủ phạm vi"),
        ),
    ],
)
def test_typed_commands(typed: str, expected: ReviewCommand) -> None:
    assert parse(_text(typed)) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "SK-2026-00042",
        "Tôi muốn duyệt SK-2026-00042",  # a sentence, not a command
        "hello SK-2026-00042",
        "duyet SK-2026-0042",  # not a code
        "duyệt",
        "Bổ sung số liệu cho hồ sơ",
    ],
)
def test_ordinary_text_is_not_a_command(typed: str) -> None:
    assert parse(_text(typed)) is None


@pytest.mark.parametrize(
    ("verb", "status"),
    [
        ("yeucausuadoibosung", "needs_revision"),
        ("congnhan", "recognized"),
        ("khongcongnhan", "not_recognized"),
        ("denghicaptinh", "provincial_review"),
        ("congnhancaptinh", "recognized_provincial"),
        ("khongcongnhancaptinh", "not_recognized_provincial"),
    ],
)
def test_office_words_set_their_status(verb: str, status: str) -> None:
    assert target_status(verb, "sang_kien") == status


def test_buttons_and_slash_commands() -> None:
    pressed = Incoming("telegram", "1", "-100", "k", "choice", choice="rv:congnhan:sk-2026-00001")
    assert parse(pressed) == ReviewCommand("congnhan", "SK-2026-00001", pressed=True)
    other = Incoming("telegram", "1", "1", "k", "choice", choice="menu:sang_kien")
    assert parse(other) is None
    forged = Incoming("telegram", "1", "1", "k", "choice", choice="rv:")
    assert parse(forged) == ReviewCommand("", "", pressed=True)  # still refused or ignored
    command = Incoming("telegram", "1", "1", "k", "command", command="duyet", text="HK-2026-00007")
    assert parse(command) == ReviewCommand("duyet", "HK-2026-00007")


def test_approve_depends_on_the_kind() -> None:
    assert target_status("duyet", "sang_kien") == "recognized"
    assert target_status("duyet", "hien_ke") == "adopted"
    assert target_status("xem", "hien_ke") is None
