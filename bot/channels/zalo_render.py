"""Rendering an Outgoing for Zalo: numbered choices, document links, 2,000-character chunks."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence

from bot.messages import Button, Outgoing

logger = logging.getLogger(__name__)

MAX_TEXT = 2000
CHOICE_HINT = "Anh/chị gõ số thứ tự hoặc nội dung lựa chọn."
TYPE_ONE = "gõ {number} ({label})"  # how a choice is named to someone who cannot tap
HELPERS_LEAD = "Hoặc "  # before the helper choices of a question that wants typed words
HELPERS_JOIN = " · "
DOCUMENT_LABEL = "Tệp đính kèm"
# "bấm «Gửi»", "chọn «Bỏ qua»": an instruction naming a choice, as the catalogues write it.
# A bare «X» that is exactly a choice of the message is named the same way ("…, «Hủy» để…").
_INSTRUCTION = re.compile(r"(?:\b(bấm|Bấm|chọn|Chọn) )?«([^»\n]{1,80})»")
_SEPARATORS = ("\n\n", "\n", " ")


def text_length(text: str) -> int:
    """Length as the platform counts it.

    Zalo clients are JavaScript, which counts UTF-16 code units; an emoji outside the BMP
    costs two. Vietnamese letters (NFC) are all in the BMP, so for them this is len().
    """
    return len(text.encode("utf-16-le")) // 2


def render_choices(buttons: Sequence[Button]) -> str:
    """Zalo bots have no buttons: a numbered list the engine matches by number or label."""
    lines = [f"{index}. {button.label}" for index, button in enumerate(buttons, start=1)]
    return "\n".join(lines) + "\n\n" + CHOICE_HINT


def render_helpers(buttons: Sequence[Button], said: str = "") -> str:
    """The helpers of a typed question in one line: "Hoặc gõ 1 (Xem ví dụ) · gõ 2 (Quay lại)".

    A helper the text already names ("… thì gõ 2 (Bỏ qua)") is not repeated.
    """
    already = said.lower()
    fresh = [
        TYPE_ONE.format(number=index, label=button.label)
        for index, button in enumerate(buttons, start=1)
        if TYPE_ONE.format(number=index, label="").lower().rstrip(")") not in already
    ]
    return HELPERS_LEAD + HELPERS_JOIN.join(fresh) + "." if fresh else ""


def _key(label: str) -> str:
    decomposed = unicodedata.normalize("NFD", label.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if ch.isalnum())


def typed_instructions(text: str, buttons: Sequence[Button]) -> str:
    """ "bấm «Gửi»" becomes "gõ 1 (Gửi)": there is nothing to tap on Zalo, only to type."""
    keys = [_key(button.label) for button in buttons]

    def instead(found: re.Match[str]) -> str:
        verb, name = found.group(1) or "", found.group(2)
        wanted = _key(name)
        numbered = list(enumerate(keys, start=1))
        number = next((n for n, key in numbered if key == wanted), None)
        if number is None and verb:
            number = next((n for n, key in numbered if wanted and key.startswith(wanted)), None)
        if number is not None:
            typed = TYPE_ONE.format(number=number, label=name)
        elif verb.lower() == "bấm":
            typed = f"gõ «{name}»"  # the engine also takes a choice by its words
        else:
            return found.group(0)
        return typed[0].upper() + typed[1:] if verb[:1].isupper() else typed

    return _INSTRUCTION.sub(instead, text)


def document_line(message: Outgoing) -> str | None:
    """A link line for a URL document; Zalo bots cannot upload files."""
    if not message.document:
        return None
    if message.document.startswith(("https://", "http://")):
        return f"{message.document_name or DOCUMENT_LABEL}: {message.document}"
    # The path is logged, never the URL: callers pass signed URLs, which are credentials.
    logger.warning("zalo cannot send documents; skipped local file %s", message.document)
    return None


def render(message: Outgoing, limit: int = MAX_TEXT) -> list[str]:
    """The texts to send, in order; the choice list stays whole in the last one if it fits."""
    text = typed_instructions(message.text, message.buttons)
    body = "\n\n".join(part for part in (text, document_line(message)) if part)
    if not message.buttons:
        return split_text(body, limit)
    choices = (
        render_helpers(message.buttons, text)
        if message.free_answer
        else render_choices(message.buttons)
    )
    if not choices:
        return split_text(body, limit)
    if text_length(choices) > limit:
        return split_text(f"{body}\n\n{choices}" if body else choices, limit)
    chunks = split_text(body, limit)
    if chunks and text_length(f"{chunks[-1]}\n\n{choices}") <= limit:
        chunks[-1] = f"{chunks[-1]}\n\n{choices}"
        return chunks
    return [*chunks, choices]


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split at paragraph, then line, then word boundaries; cut a word only if it alone is too long."""
    if limit < 2:
        raise ValueError("limit must leave room for a surrogate pair")
    return [chunk for chunk in _split(text, limit, _SEPARATORS) if chunk.strip()]


def _split(text: str, limit: int, separators: Sequence[str]) -> list[str]:
    if text_length(text) <= limit:
        return [text]
    if not separators:
        return _hard_cut(text, limit)
    separator, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(separator):
        candidate = f"{current}{separator}{piece}" if current else piece
        if text_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        parts = _split(piece, limit, finer)
        chunks.extend(parts[:-1])
        current = parts[-1]
    if current:
        chunks.append(current)
    return chunks


def _hard_cut(word: str, limit: int) -> list[str]:
    """Cut one over-long word into pieces of at most `limit` UTF-16 units."""
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for char in word:
        size = text_length(char)
        if used + size > limit:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += size
    if current:
        pieces.append("".join(current))
    return pieces
