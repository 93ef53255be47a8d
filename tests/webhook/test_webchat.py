"""Web chat routes on create_app: visitor cookie, CSRF, posting, de-dup, uploads, headers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from bot.dialogue.types import StepResult
from bot.messages import Button, Incoming, Outgoing
from storage import queries
from storage.db import Database
from storage.migrate import upgrade
from storage.models import WebMessage
from storage.types import utcnow
from webhook import webchat_wire
from webhook.app import create_app
from webhook.config import load_settings

STATIC = Path(__file__).resolve().parents[2] / "webhook" / "static"
CSRF = {"X-Requested-With": "sangkien-webchat"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # an XML name, never fetched


@dataclass
class EchoDialogue:
    """Stands in for the engine: records what the route built and answers with two buttons."""

    seen: list[Incoming] = field(default_factory=list)
    fail: bool = False
    document: str | None = None

    def step(self, state: dict[str, Any], incoming: Incoming, now: datetime) -> StepResult:
        if self.fail:
            raise RuntimeError("engine down")
        self.seen.append(incoming)
        said = incoming.command or incoming.choice or incoming.text
        if incoming.attachment is not None:
            said = incoming.attachment.file_name or ""
        reply = Outgoing(
            text=f"{incoming.kind}: {said}",
            buttons=(Button("Có", "yes"), Button("Không", "no")),
            document=self.document,
            document_name="phieu.txt" if self.document else None,
        )
        # A consented conversation: before consent the transcript keeps no typed text
        # (tests/webhook/privacy/test_consent.py covers that with the real engine).
        state = {**state, "n": int(state.get("n", 0)) + 1, "consent_at": now.isoformat()}
        return StepResult(state=state, replies=(reply,))


@dataclass
class Chat:
    client: TestClient
    dialogue: EchoDialogue
    data_dir: Path
    db: Database
    secret_key: str

    def post(self, body: dict[str, Any], **kwargs: Any) -> Any:
        return self.client.post("/webchat/api/messages", json=body, headers=CSRF, **kwargs)

    def web_rows(self) -> int:
        with self.db.session() as session:
            return int(session.execute(select(func.count()).select_from(WebMessage)).scalar_one())


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    url = f"sqlite:///{tmp_path}/t.db"
    database = Database(url)
    upgrade(database.engine)
    database.dispose()
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    settings = load_settings(
        config,
        env={
            "SANGKIEN_DATABASE__URL": url,
            "SANGKIEN_SERVER__DATA_DIR": str(tmp_path),
            "SANGKIEN_SCHEDULER__ENABLED": "false",
        },
    )
    app = create_app(settings)
    services = app.state.services
    dialogue = EchoDialogue()
    services.runner.dialogue = dialogue
    client = TestClient(app)
    yield Chat(client, dialogue, tmp_path, services.db, services.secret_key)
    client.close()
    services.db.dispose()


def _visitor_id(chat: Chat, cookie: str) -> str:
    value = TimestampSigner(chat.secret_key, salt="sangkien.webchat.session").unsign(cookie)
    return value.decode().rsplit(".", 1)[0]


def _consented(chat: Chat) -> None:
    """The visitor has answered «Đồng ý» (uploads need it), without a transcript row."""
    chat.client.get("/")
    visitor = _visitor_id(chat, chat.client.cookies["sk_visitor"])
    with chat.db.write() as session:
        identity = queries.lock_identity(
            session, channel="web", user_id=visitor, chat_id=visitor, display_name=None, now=utcnow()
        )
        state = {"consent_at": utcnow().isoformat()}
        queries.save_state(session, identity_id=identity.id or 0, state=state, now=utcnow())


def test_page_sets_a_signed_httponly_cookie_and_a_strict_csp(chat: Chat) -> None:
    response = chat.client.get("/")
    assert response.status_code == 200
    assert 'role="log"' in response.text and 'lang="vi"' in response.text
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith("sk_visitor=")
    assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie
    assert "Max-Age=604800" in set_cookie  # session_idle_hours = 168
    assert "Secure" not in set_cookie
    assert len(_visitor_id(chat, chat.client.cookies["sk_visitor"])) >= 20
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "http" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_cookie_is_secure_over_https(chat: Chat) -> None:
    client = TestClient(chat.client.app, base_url="https://testserver")
    assert "Secure" in client.get("/").headers["set-cookie"]


def test_the_same_cookie_resumes_and_a_tampered_one_starts_a_new_visitor(chat: Chat) -> None:
    chat.client.get("/")
    first = _visitor_id(chat, chat.client.cookies["sk_visitor"])
    chat.post({"text": "Xin chào", "client_id": "aaaaaaaa01"})
    assert len(chat.client.get("/webchat/api/messages").json()["messages"]) == 2
    chat.client.get("/")
    assert _visitor_id(chat, chat.client.cookies["sk_visitor"]) == first

    forged = TestClient(chat.client.app, cookies={"sk_visitor": f"{first}.forgedsignature"})
    answer = forged.get("/webchat/api/messages?after=0")
    assert answer.json() == {"messages": [], "last_id": 0, "more": False}
    assert _visitor_id(chat, answer.cookies["sk_visitor"]) != first


def test_posts_without_the_csrf_header_are_refused_and_change_nothing(chat: Chat) -> None:
    chat.client.get("/")
    answer = chat.client.post("/webchat/api/messages", json={"text": "xin chào"})
    assert answer.status_code == 403 and "tải lại trang" in answer.json()["error"]
    upload = chat.client.post("/webchat/api/upload", files={"file": ("a.txt", b"abc")})
    assert upload.status_code == 403
    assert chat.dialogue.seen == [] and chat.web_rows() == 0


def test_command_choice_and_text_become_incomings_and_replies(chat: Chat) -> None:
    chat.client.get("/")
    visitor = _visitor_id(chat, chat.client.cookies["sk_visitor"])
    started = chat.post({"text": "/Start", "client_id": "cid-000001", "after": 0}).json()
    assert [(m["role"], m["text"]) for m in started["messages"]] == [
        ("user", "/start"),
        ("bot", "command: start"),
    ]
    assert started["messages"][1]["buttons"] == [
        {"label": "Có", "value": "yes"},
        {"label": "Không", "value": "no"},
    ]
    chosen = chat.post(
        {"choice": "yes", "label": "Có", "client_id": "cid-000002", "after": started["last_id"]}
    ).json()
    assert [m["text"] for m in chosen["messages"]] == ["Có", "choice: yes"]
    decomposed = unicodedata.normalize("NFD", "Gộp báo cáo\ntrùng chỉ tiêu")
    typed = chat.post({"text": decomposed, "client_id": "cid-000003", "after": chosen["last_id"]})
    assert typed.json()["messages"][0]["text"] == "Gộp báo cáo\ntrùng chỉ tiêu"  # NFC, line kept

    command, choice, text = chat.dialogue.seen
    assert (command.kind, command.command, command.channel) == ("command", "start", "web")
    assert command.user_id == command.chat_id == visitor
    assert command.dedupe_key == f"web:{visitor}:cid-000001"
    assert (choice.kind, choice.choice, choice.text) == ("choice", "yes", "Có")
    assert (text.kind, text.text) == ("text", "Gộp báo cáo\ntrùng chỉ tiêu")
    everything = chat.client.get("/webchat/api/messages?after=0").json()
    assert len(everything["messages"]) == 6 and everything["last_id"] == typed.json()["last_id"]


def test_a_repeated_client_id_has_no_second_effect(chat: Chat) -> None:
    chat.client.get("/")
    body = {"text": "Ý tưởng", "client_id": "double-click-1"}
    first = chat.post(body)
    again = chat.post(body)
    assert first.status_code == again.status_code == 200
    assert len(chat.dialogue.seen) == 1 and chat.web_rows() == 2
    assert again.json()["messages"] == first.json()["messages"]  # a retry still gets its replies


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2]",
        b"not json",
        b'{"text": 5}',
        b'{"text": "   "}',
        b'{"text": "a", "choice": "b"}',
        b'{"choice": ""}',
        b'{"choice": "' + b"x" * 65 + b'"}',
        b'{"text": "a", "client_id": "bad id!"}',
        b'{"text": "a", "after": "-1"}',
        b"{}",
    ],
)
def test_wrong_shapes_are_400(chat: Chat, body: bytes) -> None:
    answer = chat.client.post(
        "/webchat/api/messages",
        content=body,
        headers={**CSRF, "Content-Type": "application/json"},
    )
    assert answer.status_code == 400 and answer.json()["error"]
    assert chat.dialogue.seen == []


def test_long_text_is_passed_on_but_an_overlong_body_is_413(chat: Chat) -> None:
    assert chat.post({"text": "á" * 20_000, "client_id": "long-text-1"}).status_code == 200
    assert chat.dialogue.seen[0].text == "á" * 20_000
    too_long = chat.post({"text": "a" * 20_001, "client_id": "long-text-2"})
    assert too_long.status_code == 413 and "quá dài" in too_long.json()["error"]
    huge = chat.post({"text": "a" * 19_000, "pad": "b" * 70_000, "client_id": "long-text-3"})
    assert huge.status_code == 413 and "quá dài" in huge.json()["error"]
    assert len(chat.dialogue.seen) == 1


def test_upload_is_stored_under_data_dir_and_sent_as_a_file(chat: Chat) -> None:
    _consented(chat)
    files = {"file": ("..\\..\\Báo cáo.pdf", b"%PDF-1.4 test", "application/pdf")}
    answer = chat.client.post(
        "/webchat/api/upload", files=files, data={"client_id": "upload-0001"}, headers=CSRF
    )
    assert answer.status_code == 200
    assert [m["text"] for m in answer.json()["messages"]] == ["Báo cáo.pdf", "file: Báo cáo.pdf"]
    assert answer.json()["messages"][0]["kind"] == "file"
    attachment = chat.dialogue.seen[0].attachment
    assert attachment is not None and attachment.kind == "document"
    assert (attachment.file_name, attachment.mime_type, attachment.size) == (
        "Báo cáo.pdf",
        "application/pdf",
        13,
    )
    assert re.fullmatch(r"web-upload:[0-9a-f]{32}\.pdf", attachment.file_ref)
    stored = chat.data_dir / "uploads" / "web" / attachment.file_ref.split(":")[1]
    assert stored.read_bytes() == b"%PDF-1.4 test"

    photo = {"file": ("anh.png", b"\x89PNG\r\n\x1a\n....", "image/png")}
    chat.client.post(
        "/webchat/api/upload", files=photo, data={"client_id": "upload-0002"}, headers=CSRF
    )
    chat.client.post(
        "/webchat/api/upload", files=photo, data={"client_id": "upload-0002"}, headers=CSRF
    )
    assert [i.attachment.kind for i in chat.dialogue.seen if i.attachment] == ["document", "photo"]
    assert len(list((chat.data_dir / "uploads" / "web").iterdir())) == 2  # the repeat kept nothing


def test_upload_over_20_mb_is_413_and_leaves_nothing(chat: Chat) -> None:
    _consented(chat)
    big = b"%PDF-" + b"0" * (20 * 1024 * 1024 - 4)
    answer = chat.client.post(
        "/webchat/api/upload",
        files={"file": ("big.pdf", big)},
        data={"client_id": "big-00001"},
        headers=CSRF,
    )
    assert answer.status_code == 413 and "20 MB" in answer.json()["error"]
    huge = chat.client.post(
        "/webchat/api/upload",
        content=b"x" * 100,
        headers={
            **CSRF,
            "Content-Type": "multipart/form-data; boundary=x",
            "Content-Length": str(30 * 1024 * 1024),
        },
    )
    assert huge.status_code == 413
    empty = chat.client.post("/webchat/api/upload", files={"file": ("a.txt", b"")}, headers=CSRF)
    assert empty.status_code == 400
    assert chat.dialogue.seen == []
    folder = chat.data_dir / "uploads" / "web"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_engine_failure_is_503_and_discards_the_upload(chat: Chat) -> None:
    _consented(chat)
    chat.dialogue.fail = True
    answer = chat.post({"text": "xin chào", "client_id": "fail-00001"})
    assert answer.status_code == 503 and "thử lại" in answer.json()["error"]
    upload = chat.client.post(
        "/webchat/api/upload",
        files={"file": ("a.pdf", b"%PDF-1.4 abc")},
        data={"client_id": "fail-00002"},
        headers=CSRF,
    )
    assert upload.status_code == 503
    assert chat.web_rows() == 0 and list((chat.data_dir / "uploads" / "web").iterdir()) == []
    chat.dialogue.fail = False
    assert (
        chat.post({"text": "xin chào", "client_id": "fail-00001"}).status_code == 200
    )  # retry works


def test_documents_are_served_only_to_their_visitor(chat: Chat) -> None:
    paper = chat.data_dir / "phieu-de-xuat.txt"
    paper.write_text("Phiếu đề xuất", encoding="utf-8")
    chat.dialogue.document = str(paper)
    chat.client.get("/")
    reply = chat.post({"text": "/phieu", "client_id": "doc-000001"}).json()["messages"][1]
    assert reply["document"] == {
        "name": "phieu.txt",
        "url": f"/webchat/api/documents/{reply['id']}",
    }
    assert chat.client.get(reply["document"]["url"]).text == "Phiếu đề xuất"
    stranger = TestClient(chat.client.app)
    assert stranger.get(reply["document"]["url"]).status_code == 404
    assert stranger.get("/webchat/api/messages?after=0").json()["messages"] == []


def test_static_files_are_served_safely(chat: Chat) -> None:
    script = chat.client.get("/static/chat.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith(
        "text/javascript"
    )
    again = chat.client.get("/static/chat.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304
    assert chat.client.get("/static/chat.css").headers["content-type"].startswith("text/css")
    assert chat.client.get("/static/index.html").status_code == 404
    assert chat.client.get("/static/..%2Fwebchat.py").status_code == 404


def test_static_files_need_no_network_and_stay_small() -> None:
    total = 0
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        total += len(text.encode())
        scanned = text.replace(SVG_NAMESPACE, "")
        for needle in ("http://", "https://", "//cdn", "@import", "url("):
            assert needle not in scanned, f"{path.name} refers to {needle}"
    assert total < 50_000


def test_the_page_has_no_inline_code_and_is_accessible() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="vi">', html)
    assert re.search(r'role="log"[^>]*aria-live="polite"', html)
    assert re.search(r'<textarea[^>]*aria-label="Nhập câu trả lời"', html)
    assert 'placeholder="Nhập câu trả lời…"' in html and ">Gửi<" in html and "Đính kèm tệp" in html
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    script = (STATIC / "chat.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "eval(" not in script


def test_wire_file_names_are_sanitised() -> None:
    assert webchat_wire.safe_file_name("/etc/passwd") == "passwd"
    assert webchat_wire.safe_file_name("C:\\Users\\a\\Ảnh 1.JPG") == "Ảnh 1.JPG"
    assert webchat_wire.safe_file_name("..") == "tep-dinh-kem"
    assert webchat_wire.safe_file_name("Báo\x07 cáo\u202e.pdf ") == "Báo cáo.pdf"
    long = webchat_wire.safe_file_name("a" * 300 + ".docx")
    assert len(long) == 120 and long.endswith(".docx")
