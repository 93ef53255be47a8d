"""Dates are read day first in every accepted format; mm/dd, impossible and future dates refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.dialogue.catalogues import common as text
from bot.dialogue.dates import birth_date, local_today, parse_date, past_date
from bot.dialogue.errors import Invalid

TODAY = date(2025, 11, 20)

ACCEPTED = [
    ("01/07/2025", date(2025, 7, 1)),
    ("1/7/2025", date(2025, 7, 1)),
    ("01-07-2025", date(2025, 7, 1)),
    ("01.07.2025", date(2025, 7, 1)),
    ("1 / 7 / 2025", date(2025, 7, 1)),
    ("ngày 1 tháng 7 năm 2025", date(2025, 7, 1)),
    ("Ngày 01 tháng 07 năm 2025", date(2025, 7, 1)),
    ("ngay 1 thang 7 nam 2025", date(2025, 7, 1)),
    ("1 tháng 7 năm 2025", date(2025, 7, 1)),
    ("ngày 1 tháng 7, 2025", date(2025, 7, 1)),
    ("2025-07-01", date(2025, 7, 1)),
    ("12/11/2024", date(2024, 11, 12)),  # 12 November: never read as 11 December
    ("29/02/2024", date(2024, 2, 29)),
    ("31/12/2024.", date(2024, 12, 31)),
    ("20/11/2025", TODAY),
]
REFUSED = [
    ("12/31/2024", text.DATE_MONTH),
    ("07/13/2025", text.DATE_MONTH),
    ("31/02/2025", "31/02/2025 không có trên lịch"),
    ("29/02/2025", "29/02/2025 không có trên lịch"),
    ("31/04/2025", "31/04/2025 không có trên lịch"),
    ("0/5/2025", "00/05/2025 không có trên lịch"),
    ("01/07/25", text.DATE_FORMAT),
    ("2025", text.DATE_FORMAT),
    ("tháng 7 năm 2025", text.DATE_FORMAT),
    ("hôm qua", text.DATE_FORMAT),
    ("", text.DATE_FORMAT),
    ("21/11/2025", "tương lai"),
    ("01/01/2026", "tương lai"),
    ("01/01/1975", "Năm 1975"),
]


@pytest.mark.parametrize(("typed", "expected"), ACCEPTED)
def test_accepted_formats(typed: str, expected: date) -> None:
    assert past_date(typed, TODAY) == expected


@pytest.mark.parametrize(("typed", "message"), REFUSED)
def test_refused_dates(typed: str, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        past_date(typed, TODAY)
    assert message in refused.value.message


def test_future_message_names_today() -> None:
    with pytest.raises(Invalid) as refused:
        past_date("21/11/2025", TODAY)
    assert "20/11/2025" in refused.value.message


def test_parse_date_allows_the_future_itself() -> None:
    assert parse_date("1/1/2030") == date(2030, 1, 1)


@pytest.mark.parametrize(("typed", "ok"), [
    ("15/08/1985", True), ("20/11/2009", True), ("21/11/2009", False), ("01/01/1920", False),
])
def test_birth_date_age_window(typed: str, ok: bool) -> None:
    if ok:
        assert birth_date(typed, TODAY)
    else:
        with pytest.raises(Invalid):
            birth_date(typed, TODAY)


@pytest.mark.parametrize(("now", "day"), [
    (datetime(2025, 11, 20, 16, 59, tzinfo=UTC), date(2025, 11, 20)),
    (datetime(2025, 11, 20, 17, 0, tzinfo=UTC), date(2025, 11, 21)),  # midnight UTC+7
    (datetime(2025, 11, 20, 23, 0, tzinfo=timezone(timedelta(hours=7))), date(2025, 11, 20)),
    (datetime(2025, 11, 20, 23, 0), date(2025, 11, 20)),  # naive: already local
])
def test_today_is_the_day_in_quang_ngai(now: datetime, day: date) -> None:
    assert local_today(now) == day
