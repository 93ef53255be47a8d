"""The web chat's wire format: page JSON → Incoming, uploads → Attachment, rows → JSON."""

from __future__ import annotations

import re
import secrets
import unicodedata
from pathlib import Path
from typing import Any, Literal

from bot.messages import Attachment, Incoming, nfc
from storage.models import WebMessage

MAX_TEXT = 20_000
UPLOAD_REF = "web-upload:"
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TOO_BIG = "Tệp quá lớn. Vui lòng gửi tệp không quá {mb} MB."
BAD_SHAPE = "Dữ liệu gửi lên không hợp lệ."
NO_FILE = "Chưa có tệp nào được chọn."
EMPTY_FILE = "Tệp rỗng. Vui lòng chọn tệp khác."
BAD_FORM = "Tệp gửi lên không hợp lệ. Vui lòng thử lại."
CONSENT_FIRST = (
    "Anh/chị vui lòng đồng ý với việc xử lý dữ liệu cá nhân (chọn «Đồng ý») trước khi gửi tệp."
)
FILE_KINDS = "PDF, ảnh (JPEG, PNG…), Word (.docx, .doc, .odt) hoặc Excel (.xlsx, .xls, .ods)"
NOT_ALLOWED = "Nội dung tệp không phải " + FILE_KINDS + ". Anh/chị vui lòng gửi đúng loại tệp đó."
MISMATCH = (
    "Nội dung tệp «{name}» không khớp với đuôi tên tệp. Anh/chị vui lòng kiểm tra lại tệp "
    "(mở được bằng phần mềm tương ứng) rồi gửi lại."
)
QUOTA = {
    "session": (
        "Anh/chị đã gửi nhiều tệp, vượt dung lượng cho phép của một phiên. "
        "Vui lòng gửi hồ sơ hiện tại trước, hoặc gửi tệp nhỏ hơn."
    ),
    "address": "Mạng của anh/chị đã gửi quá nhiều tệp trong thời gian ngắn. Vui lòng thử lại sau.",
    "total": "Hệ thống tạm thời chưa nhận thêm tệp. Vui lòng thử lại sau ít giờ.",
}


class Refused(Exception):
    """A request the web chat answers with `status` and a Vietnamese message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def incoming_from_json(visitor_id: str, body: dict[str, Any]) -> Incoming:
    """Translate the page's JSON into an Incoming, exactly as a channel adapter would."""
    key = dedupe_key(visitor_id, body.get("client_id"))
    text, choice, label = body.get("text"), body.get("choice"), body.get("label", "")
    if choice is not None and text is None:
        if not isinstance(choice, str) or not 0 < len(choice) <= 64:
            raise Refused(400, "Lựa chọn không hợp lệ.")
        if not isinstance(label, str) or len(label) > 500:
            raise Refused(400, "Lựa chọn không hợp lệ.")
        return _web(visitor_id, key, kind="choice", choice=choice, text=nfc(label))
    if not isinstance(text, str) or choice is not None or not text.strip():
        raise Refused(400, BAD_SHAPE)
    if len(text) > MAX_TEXT:
        raise Refused(413, "Tin nhắn quá dài (tối đa 20.000 ký tự).")
    text = nfc(text)
    head, _, argument = text[1:].partition(" ") if text.startswith("/") else ("", "", "")
    if head.strip():
        command = head.strip().lower()
        return _web(visitor_id, key, kind="command", command=command, text=argument.strip())
    return _web(visitor_id, key, kind="text", text=text)


def dedupe_key(visitor_id: str, client_id: object) -> str:
    """The page's random id per message makes a double-click or a retry a duplicate."""
    if client_id is None or client_id == "":  # a client that cannot retry still gets a key
        return f"web:{visitor_id}:s-{secrets.token_urlsafe(12)}"
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise Refused(400, "Mã tin nhắn không hợp lệ.")
    return f"web:{visitor_id}:{client_id}"


def after_id(value: object) -> int:
    if value is None or value == "":
        return 0
    text = str(value)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | str)
        or not (text.isascii() and text.isdigit())
    ):
        raise Refused(400, "Tham số after không hợp lệ.")
    if len(text) > 10 or int(text) > 2**31 - 1:  # ids are INTEGER columns
        raise Refused(400, "Tham số after không hợp lệ.")
    return int(text)


def incoming_file(
    visitor_id: str, client_id: object, *, ref: str, name: str, mime: str, size: int
) -> Incoming:
    kind: Literal["photo", "document"] = "photo" if mime.startswith("image/") else "document"
    attachment = Attachment(kind=kind, file_ref=ref, file_name=name, mime_type=mime, size=size)
    return _web(visitor_id, dedupe_key(visitor_id, client_id), kind="file", attachment=attachment)


def _web(visitor_id: str, key: str, **fields: Any) -> Incoming:
    # A visitor is both the user and the chat: the web chat has no groups.
    return Incoming(channel="web", user_id=visitor_id, chat_id=visitor_id, dedupe_key=key, **fields)


def message_json(row: WebMessage) -> dict[str, Any]:
    payload = row.payload
    document = None
    if payload.get("document"):
        ref = str(payload["document"])
        name = payload.get("document_name") or Path(ref).name
        url = ref if ref.startswith(("https://", "http://")) else f"/webchat/api/documents/{row.id}"
        document = {"name": name, "url": url}
    return {
        "id": row.id,
        "role": row.role,
        "text": str(payload.get("text") or ""),
        "buttons": [{"label": b[0], "value": b[1]} for b in payload.get("buttons") or []],
        "document": document,
        "kind": payload.get("kind", "text"),
    }


def upload_folder(data_dir: str | Path) -> Path:
    return Path(data_dir) / "uploads" / "web"


def upload_path(file_ref: str, *, data_dir: str | Path) -> Path | None:
    """Where a `web-upload:` reference lives on disk; None for any other reference."""
    if not file_ref.startswith(UPLOAD_REF):
        return None
    name = Path(file_ref[len(UPLOAD_REF) :]).name  # never a path outside the folder
    return upload_folder(data_dir) / name if name else None


def safe_file_name(raw: str) -> str:
    """The user's file name without folders or control characters, at most 120 characters."""
    name = nfc(raw.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = stem[: 119 - len(ext)] + dot + ext if dot and len(ext) <= 10 else name[:120]
    return name or "tep-dinh-kem"


def _extension(name: str) -> str:
    ext = Path(name).suffix.lower()
    return ext if re.fullmatch(r"\.[a-z0-9]{1,10}", ext) else ""
