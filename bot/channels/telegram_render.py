"""Render Outgoing for Telegram's limits: 4,096 UTF-16 units per text, 64-byte button data."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.errors import PermanentError
from bot.messages import Button

MAX_TEXT_UNITS = 4096  # Telegram counts UTF-16 code units: an emoji outside the BMP is 2
MAX_CALLBACK_BYTES = 64
SHORT_LABEL = 12  # labels this short sit two to a row without being cut off on phones
_BREAKS = ("\n\n", "\n", " ")


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """Chunks of at most `limit` UTF-16 units, cut at a paragraph, line or word break.

    A word is cut only when it alone exceeds the limit. Whitespace around a cut is
    dropped, as Telegram trims every message anyway.
    """
    chunks: list[str] = []
    rest = text.strip()
    while utf16_units(rest) > limit:
        cut, skip = _cut(rest, max(_fit(rest, limit), 1))  # ≥ 1: always progress
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut + skip :].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _fit(text: str, limit: int) -> int:
    """The most code points from the start of `text` that fit in `limit` UTF-16 units."""
    low, high = 0, min(len(text), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if utf16_units(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _cut(text: str, fits: int) -> tuple[int, int]:
    """Where to cut `text` (≤ `fits` code points) and how many separator chars to drop."""
    probe = text[: fits + 1]  # a break right after the last fitting char is a clean cut too
    for separator in _BREAKS:  # prefer the biggest break unless it leaves a tiny chunk
        at = probe.rfind(separator)
        if at >= fits // 2:
            return at, len(separator)
    for separator in _BREAKS[1:]:  # any break beats cutting inside a word
        at = probe.rfind(separator)
        if at > 0:
            return at, len(separator)
    cut = fits
    while cut > 1 and unicodedata.combining(text[cut]):  # keep a tone mark with its letter
        cut -= 1
    return cut, 0


def check_buttons(buttons: Sequence[Button]) -> None:
    """Refuse, before any call, buttons whose value Telegram would reject."""
    for button in buttons:
        size = len(button.value.encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_BYTES:
            raise PermanentError(
                f"button {button.label!r}: callback data is {size} bytes, "
                f"Telegram takes 1–{MAX_CALLBACK_BYTES}"
            )


def inline_keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """One button per row, or two per row when every label is short."""
    if not buttons:
        return None
    check_buttons(buttons)
    per_row = (
        2 if len(buttons) > 1 and all(utf16_units(b.label) <= SHORT_LABEL for b in buttons) else 1
    )
    keys = [InlineKeyboardButton(b.label, callback_data=b.value) for b in buttons]
    return InlineKeyboardMarkup([keys[i : i + per_row] for i in range(0, len(keys), per_row)])
