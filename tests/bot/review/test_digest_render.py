"""The digest as messages: every entry once, every piece under the limit, user text defused."""

from __future__ import annotations

import re

import pytest

from bot.channels.telegram_render import MAX_TEXT_UNITS, split_text
from bot.channels.zalo_render import MAX_TEXT, render
from bot.review.digest_render import (
    DigestEntry,
    header,
    ordered,
    pieces,
    plain,
    similar_codes,
    units,
)

CODE = re.compile(r"\b(?:SK|HK)-\d{4}-\d{5}\b")
HOSTILE = "Tên <b>đậm</b> *đậm* _nghiêng_ [link](http://x) \u202eLTR\u202c \x00\x07 🚀🚀 " * 8


def _entries(count: int, title: str = HOSTILE) -> list[DigestEntry]:
    return [
        DigestEntry(
            code=f"{'SK' if n % 3 else 'HK'}-2026-{n:05d}",
            kind="sang_kien" if n % 3 else "hien_ke",
            status="submitted",
            title=f"{title} {n}",
            author="Nguyễn Văn An, Chuyên viên",
            unit=f"Ủy ban nhân dân xã số {n % 7}",
            field="Cải cách hành chính " * 20,
            submitted=f"08:{n % 60:02d} 02/03/2026",
            excerpt="Bước 1: khảo sát.\nBước 2: triển khai. " * 30,
            quality={"passed": 7, "total": 9},
            similar=("SK-2025-00012", "HK-2025-00003"),
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("count", [40, 300])  # full entries, then the compact listing
@pytest.mark.parametrize(("channel", "limit"), [("telegram", MAX_TEXT_UNITS), ("zalo", MAX_TEXT)])
def test_each_entry_once_and_each_piece_under_the_limit(
    channel: str, limit: int, count: int
) -> None:
    entries = ordered(_entries(count))
    messages = [
        header(entries, batch=3, date="02/03/2026", channel=channel),
        *pieces(entries, channel=channel),
    ]
    assert all(units(m.text) <= limit for m in messages)
    found = [code for m in messages[1:] for code in CODE.findall(m.text) if "-2026-" in code]
    assert sorted(found) == sorted(e.code for e in entries)
    if channel == "telegram":  # one stored message is one platform call
        assert all(len(split_text(m.text)) == 1 for m in messages)
        assert all(len(b.value.encode()) <= 40 for m in messages for b in m.buttons)
    else:
        assert all(len(render(m)) == 1 for m in messages)
        assert all(m.buttons == () for m in messages)


def test_user_text_is_plain_and_cut() -> None:
    cleaned = plain(HOSTILE, 300)
    assert "\u202e" not in cleaned and "\x00" not in cleaned and "\x07" not in cleaned
    assert len(cleaned) <= 300 and cleaned.endswith("…")
    assert plain("  a\n\n b\tc ", 50) == "a b c"


def test_grouped_by_kind_then_unit_with_numbered_buttons() -> None:
    entries = ordered(_entries(12, title="Tiêu đề"))
    assert [e.kind for e in entries] == ["sang_kien"] * 8 + ["hien_ke"] * 4
    messages = pieces(entries, channel="telegram")
    text = "\n".join(m.text for m in messages)
    assert text.index("■ Sáng kiến") < text.index("■ Hiến kế")
    first = messages[0]
    assert [b.label for b in first.buttons[:2]] == ["1. Xem xét", "1. Khác…"]
    assert first.buttons[0].value == f"rv:xemxet:{entries[0].code}"
    assert "Kiểm tra chất lượng: đạt 7/9 tiêu chí" in text
    assert "Có thể trùng với: SK-2025-00012, HK-2025-00003" in text


def test_header_counts_and_how_to_answer() -> None:
    entries = _entries(9, title="T")
    telegram = header(entries, batch=1, date="02/03/2026", channel="telegram").text
    assert "9 hồ sơ mới: 6 sáng kiến, 3 hiến kế." in telegram
    assert "«Xem xét»" in telegram
    assert "bosung SK-2026-00042" in header(entries, batch=1, date="x", channel="zalo").text
    many = [
        DigestEntry(
            f"SK-2026-{n:05d}", "sang_kien", "submitted", "T", "A", f"Đơn vị {n}" * 5, "F", "t", ""
        )
        for n in range(400)
    ]
    crowded = header(many, batch=1, date="x", channel="zalo").text
    assert units(crowded) <= MAX_TEXT and "nhóm khác (xem bảng tính)" in crowded


def test_a_big_batch_is_listed_compactly() -> None:
    small, big = ordered(_entries(60, title="T")), ordered(_entries(61, title="T"))
    assert "Giải pháp: Bước 1" in pieces(small, channel="telegram")[0].text
    compact = pieces(big, channel="telegram")
    assert "Giải pháp" not in compact[0].text and "Nguyễn Văn An" in compact[0].text
    assert "Có thể trùng với" in compact[0].text  # possible duplicates still show
    assert len(compact) < len(pieces(small, channel="telegram"))
    assert "chỉ ghi tên và tác giả" in header(big, batch=1, date="x", channel="zalo").text


def test_similar_entries_carry_their_level_into_the_digest() -> None:
    from zoneinfo import ZoneInfo

    from bot.review.digest import digest_entry
    from storage.models import Submission

    stored = [
        {"code": "SK-2025-00012", "score": 0.71, "level": "rất giống"},
        {"code": "QN-2019-12", "score": 0.48, "level": "khá giống"},
        {"code": "HK-2024-00001", "score": 0.5},  # stored before levels existed
        "SK-2023-00002",
    ]
    assert similar_codes(stored) == (
        "SK-2025-00012 (rất giống)",
        "QN-2019-12 (khá giống)",
        "HK-2024-00001",
        "SK-2023-00002",
    )
    submission = Submission(
        code="SK-2026-00001", kind="sang_kien", status="submitted", title="Mã QR", fields={}
    )
    submission.similar = stored[:2]
    entry = digest_entry(submission, ZoneInfo("Asia/Ho_Chi_Minh"))
    [message] = pieces([entry], channel="telegram")
    assert "Có thể trùng với: SK-2025-00012 (rất giống), QN-2019-12 (khá giống)" in message.text
