"""Typed, frozen messages that cross the boundary between channels and the dialogue."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

IncomingKind = Literal["text", "choice", "command", "file", "unsupported"]


def nfc(text: str) -> str:
    """Normalise user text to NFC (phones may send combining tone marks)."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Attachment:
    """A file the user sent; `file_ref` is the platform's handle to fetch it later."""

    kind: Literal["photo", "document"]
    file_ref: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Incoming:
    """One user action, already translated from the platform's shape.

    `kind` decides which of the optional fields is meaningful:
    text → `text`; choice → `choice` (a button value); command → `command` (no slash,
    lower case) and `text` (its argument); file → `attachment`; unsupported → `text`
    names what arrived (``"sticker"``, ``"voice"``, …).
    """

    channel: str
    user_id: str
    chat_id: str
    dedupe_key: str
    kind: IncomingKind
    text: str = ""
    choice: str | None = None
    command: str | None = None
    attachment: Attachment | None = None
    display_name: str | None = None
    callback_id: str | None = None
    # The web chat's client network (what its limits count by); None on the platforms.
    origin: str | None = None


@dataclass(frozen=True)
class Button:
    """One choice. `value` is what comes back as `Incoming.choice` (≤ 40 bytes)."""

    label: str
    value: str


@dataclass(frozen=True)
class Outgoing:
    """One reply. Text is plain (never a parse mode), channels split and render it."""

    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    document: str | None = None  # a path on disk or URL of a file to send with the message
    document_name: str | None = None
    # The reply asks for typed words (a name, a date, a description): the buttons are only
    # helpers (example, skip, back), so a channel without buttons offers them in one line.
    free_answer: bool = False

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "text": self.text,
            "buttons": [[b.label, b.value] for b in self.buttons],
            "document": self.document,
            "document_name": self.document_name,
        }
        if self.free_answer:
            found["free_answer"] = True
        return found

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Outgoing:
        raw_buttons = data.get("buttons") or []
        assert isinstance(raw_buttons, list)
        return cls(
            text=str(data["text"]),
            buttons=tuple(Button(str(b[0]), str(b[1])) for b in raw_buttons),
            document=data.get("document") or None,  # type: ignore[arg-type]
            document_name=data.get("document_name") or None,  # type: ignore[arg-type]
            free_answer=bool(data.get("free_answer")),
        )
