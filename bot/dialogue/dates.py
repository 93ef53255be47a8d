"""Vietnamese date reading (always day before month) and the local calendar day."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from bot.dialogue.catalogues import common as text
from bot.dialogue.errors import Invalid
from bot.dialogue.matching import fold

# Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact.
VIETNAM = timezone(timedelta(hours=7))

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*(?:nam\s*)?(\d{4})$")


def local_today(now: datetime) -> date:
    """The calendar day in Quảng Ngãi; a naive `now` is taken as local time already."""
    if now.tzinfo is None:
        return now.date()
    return now.astimezone(VIETNAM).date()


def parse_date(raw: str) -> date:
    """Read dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd or "ngày 1 tháng 7 năm 2025"."""
    key = fold(raw).strip(" .")
    day, month, year = _parts(key)
    if not 1 <= month <= 12:
        raise Invalid(text.DATE_MONTH)
    try:
        return date(year, month, day)
    except ValueError:
        raise Invalid(text.DATE_NOT_EXIST.format(value=f"{day:02d}/{month:02d}/{year}")) from None


def _parts(key: str) -> tuple[int, int, int]:
    for pattern in (_NUMERIC, _WORDS):
        found = pattern.match(key)
        if found:
            return int(found.group(1)), int(found.group(2)), int(found.group(3))
    found = _ISO.match(key)
    if found:
        return int(found.group(3)), int(found.group(2)), int(found.group(1))
    raise Invalid(text.DATE_FORMAT)


def past_date(raw: str, today: date, earliest_year: int = 1980) -> date:
    """A date that is not after today and not implausibly old."""
    value = parse_date(raw)
    if value > today:
        raise Invalid(text.DATE_FUTURE.format(today=format_date(today)))
    if value.year < earliest_year:
        raise Invalid(text.DATE_TOO_OLD.format(year=value.year))
    return value


def birth_date(raw: str, today: date) -> date:
    """A birth date giving an age from 16 to 100 years."""
    value = past_date(raw, today, earliest_year=1900)
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if not 16 <= age <= 100:
        raise Invalid(text.BIRTH_DATE_RANGE)
    return value


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_iso(iso: str) -> str:
    """dd/mm/yyyy for a stored ISO date; the raw text if it is not one."""
    try:
        return format_date(date.fromisoformat(iso))
    except (TypeError, ValueError):
        return str(iso)
