"""Files at the "Tài liệu kèm theo" step: which types and sizes are accepted, and how they are kept."""

from __future__ import annotations

from typing import Any

from bot.dialogue.catalogues import common as text
from bot.dialogue.errors import Invalid
from bot.messages import Attachment

MAX_FILES = 10
ALLOWED_MIME = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
ALLOWED_EXTENSIONS = frozenset(
    {
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "odt",
        "ods",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "heic",
        "heif",
        "bmp",
        "tif",
        "tiff",
    }
)
# Some clients send no type or a generic one; then the file name decides.
_UNTYPED = (None, "", "application/octet-stream")


def is_allowed(file: Attachment) -> bool:
    mime = (file.mime_type or "").lower()
    if file.kind == "photo" or mime.startswith("image/") or mime in ALLOWED_MIME:
        return True
    extension = (
        (file.file_name or "").rsplit(".", 1)[-1].lower() if "." in (file.file_name or "") else ""
    )
    return file.mime_type in _UNTYPED and extension in ALLOWED_EXTENSIONS


def accept(files: list[dict[str, Any]], file: Attachment, max_bytes: int) -> dict[str, Any]:
    """The stored form of an accepted file; raises Invalid with the reason otherwise."""
    name = file.file_name or text.FILE_UNNAMED
    if len(files) >= MAX_FILES:
        raise Invalid(text.FILE_TOO_MANY.format(limit=MAX_FILES))
    if not is_allowed(file):
        raise Invalid(text.FILE_TYPE.format(name=name))
    if file.size is not None and file.size > max_bytes:
        raise Invalid(
            text.FILE_TOO_BIG.format(
                name=name, size=size_text(file.size), limit=size_text(max_bytes)
            )
        )
    return {
        "kind": file.kind,
        "file_ref": file.file_ref,
        "file_name": file.file_name,
        "mime_type": file.mime_type,
        "size": file.size,
    }


def size_text(size: int | None) -> str:
    """1,5 MB / 350 KB: decimal comma as Vietnamese writes it."""
    if size is None:
        return "?"
    if size >= 1_000_000:
        value = f"{size / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
        return text.SIZE_MB.format(value=value)
    return text.SIZE_KB.format(value=max(1, round(size / 1000)))
