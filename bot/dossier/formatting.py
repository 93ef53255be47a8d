"""Vietnamese formatting of dates, numbers and file sizes for printed documents."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from bot.dossier.labels import PROVINCE

VIETNAM = timezone(timedelta(hours=7))


def local_day(moment: datetime) -> date:
    """The calendar day in Quảng Ngãi; a naive moment is taken as local time already."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(VIETNAM).date()


def format_day(value: date | str | None) -> str:
    """dd/mm/yyyy for a date; text that could not be read as a date is shown as given."""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value or ""


def date_line(moment: datetime, place: str = PROVINCE) -> str:
    """The place and date line: "Quảng Ngãi, ngày 05 tháng 3 năm 2026".

    Nghị định 30/2020/NĐ-CP writes a leading zero for days below 10 and for months 1 and 2
    only, so that nobody can turn "1" into "11" or "12" on a signed paper.
    """
    day = local_day(moment)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def format_number(value: Decimal | int | float, decimals: int = 2) -> str:
    """Dot for thousands, comma for decimals, trailing zeros dropped: 2.161.755; 14.832,55."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_share(value: Decimal | None) -> str:
    """A contribution share as printed in the co-author table ("60", "33,33")."""
    return "" if value is None else format_number(value)


def format_size(size: int | None) -> str:
    """A file size a reader can picture: "850 byte", "12,5 KB", "1,2 MB"."""
    if size is None or size < 0:
        return ""
    if size < 1024:
        return f"{format_number(size)} byte"
    for unit, scale in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if size < scale * 1024 or unit == "GB":
            return f"{format_number(Decimal(size) / scale, 1)} {unit}"
    return ""  # unreachable: the loop always returns at GB
