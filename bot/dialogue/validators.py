"""Answer validators: each takes the cleaned text and the context, returns the value or raises."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.dialogue.catalogues import common as text
from bot.dialogue.dates import birth_date, past_date
from bot.dialogue.errors import Invalid
from bot.dialogue.matching import fold
from bot.messages import nfc

if TYPE_CHECKING:
    from bot.dialogue.steps import Ctx

# C0/C1 controls except tab and newline, zero-width spaces and bidi overrides (spoofing).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BLANK_LINES = re.compile(r"\n{3,}")
_INLINE_SPACES = re.compile(r"[ \t\u00a0]+")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^(?:\+?84|0)([35789]\d{8})$")
_SHARE = re.compile(r"^(\d{1,3})\s*%?$")

NAME_MAX = 100


def clean_text(raw: str) -> str:
    """NFC, no control characters, tidy spaces and blank lines; the user's spelling kept."""
    value = nfc(raw).replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub("", value)
    lines = [_INLINE_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class TextRule:
    """Free text with a length window, a minimum of words and some real content."""

    min_chars: int = 2
    max_chars: int = 4000
    min_words: int = 1
    one_line: bool = False
    hint: str = ""  # what the user should add when the answer is too thin

    def __call__(self, raw: str, ctx: Ctx) -> str:
        value = clean_text(raw)
        if not value:
            raise Invalid(text.EMPTY)
        if len(value) > self.max_chars:
            raise Invalid(
                text.TOO_LONG.format(got=_number(len(value)), limit=_number(self.max_chars))
            )
        if self.one_line and "\n" in value:
            raise Invalid(text.ONE_LINE)
        if len(value) < self.min_chars:
            raise Invalid(
                self._with_hint(text.TOO_SHORT.format(got=len(value), minimum=self.min_chars))
            )
        words = [w for w in re.split(r"\s+", fold(value)) if any(c.isalnum() for c in w)]
        if not words:
            raise Invalid(self._with_hint(text.NO_SUBSTANCE))
        if len(words) < self.min_words:
            raise Invalid(self._with_hint(text.TOO_FEW_WORDS.format(minimum=self.min_words)))
        if not _has_substance(value, words, self.min_words):
            raise Invalid(self._with_hint(text.NO_SUBSTANCE))
        return value

    def _with_hint(self, message: str) -> str:
        return f"{message}\n{self.hint}" if self.hint else message


def _has_substance(value: str, words: list[str], min_words: int) -> bool:
    """Refuses "aaaaaaa…", "abc abc abc…" and symbol-only answers."""
    letters = {c for c in fold(value) if c.isalpha()}
    if len(letters) < min(5, max(2, len(value) // 8)):
        return False
    return len(set(words)) >= min(3, min_words)


def _number(value: int) -> str:
    """Thousands with a dot, as Vietnamese writes them (20.000)."""
    return f"{value:,}".replace(",", ".")


def person_name(raw: str, ctx: Ctx) -> str:
    value = clean_text(raw)
    if not value:
        raise Invalid(text.EMPTY)
    if len(value) > NAME_MAX:
        raise Invalid(text.TOO_LONG.format(got=_number(len(value)), limit=NAME_MAX))
    if "\n" in value:
        raise Invalid(text.ONE_LINE)
    words = value.split(" ")
    if not all(_is_name_word(word) for word in words):
        raise Invalid(text.NAME_LETTERS)
    if len(words) < 2:
        raise Invalid(text.NAME_WORDS)
    return value


def _is_name_word(word: str) -> bool:
    # Letters only; combining marks are allowed because some keyboards send them unjoined.
    return all(ch.isalpha() or unicodedata.combining(ch) for ch in word)


def phone(raw: str, ctx: Ctx) -> str:
    """A Vietnamese mobile number, stored in the national form 0xxxxxxxxx."""
    digits = _PHONE_SEPARATORS.sub("", clean_text(raw))
    found = _PHONE.match(digits)
    if not found:
        raise Invalid(text.PHONE_INVALID)
    return "0" + found.group(1)


def share(raw: str, ctx: Ctx) -> int:
    found = _SHARE.match(clean_text(raw))
    if not found or not 1 <= int(found.group(1)) <= 100:
        raise Invalid(text.SHARE_INVALID)
    return int(found.group(1))


def applied_on(raw: str, ctx: Ctx) -> str:
    return past_date(clean_text(raw), ctx.today).isoformat()


def born_on(raw: str, ctx: Ctx) -> str:
    return birth_date(clean_text(raw), ctx.today).isoformat()
