"""Web chat uploads: consent first, streamed with a hard cap, sniffed by content, quotas,
and unused files removed by the `uploads_cleanup` job."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import Workbook

from bot import filetypes
from scheduler.jobs import JOBS, run_job
from storage.db import Database
from tests.support.apps import make_settings
from tests.support.rows import row_counts
from webhook.app import create_app
from webhook.multipart_stream import FileTooLarge, Unwanted, read_form
from webhook.scheduling import job_context

CSRF = {"X-Requested-With": "sangkien-webchat"}
KB, MB = 1024, 1024 * 1024
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 2000
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100
OLE = filetypes.OLE2 + b"\x00" * 600


def _docx() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo mô tả sáng kiến")
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    book = Workbook()
    book.active.append(["Chỉ tiêu", 12])  # type: ignore[union-attr]
    book.save(out)
    return out.getvalue()


def _zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


@pytest.fixture
def app_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    extra = {
        "SANGKIEN_SCHEDULER__ENABLED": "false",
        "SANGKIEN_WEBCHAT__UPLOAD_MAX_MB": "1",
        "SANGKIEN_WEBCHAT__UPLOAD_QUOTA_SESSION_MB": "2",
        "SANGKIEN_WEBCHAT__UPLOAD_QUOTA_ADDRESS_MB": "3",
        "SANGKIEN_WEBCHAT__UPLOAD_QUOTA_TOTAL_MB": "4",
    }
    settings = make_settings(db_url, tmp_path / "data", extra=extra)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def _db(client: TestClient) -> Database:
    return client.app.state.services.db  # type: ignore[attr-defined, no-any-return]


def _folder(client: TestClient) -> Path:
    data = client.app.state.services.settings.server.data_dir  # type: ignore[attr-defined]
    return Path(data) / "uploads" / "web"


def _files(client: TestClient) -> list[str]:
    folder = _folder(client)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _consent(client: TestClient) -> None:
    for n, body in enumerate(({"text": "/start"}, {"choice": "consent:yes", "label": "Đồng ý"})):
        answer = client.post(
            "/webchat/api/messages", json=body | {"client_id": f"consent-{n:04d}"}, headers=CSRF
        )
        assert answer.status_code == 200


def _upload(client: TestClient, name: str, data: bytes, mime: str = "", n: int = 0) -> Any:
    files = {"file": (name, data, mime or "application/octet-stream")}
    return client.post(
        "/webchat/api/upload",
        files=files,
        data={"client_id": f"up-{n:04d}-{''.join(c for c in name if c.isalnum())[:8]}"},
        headers=CSRF,
    )


def test_an_upload_before_consent_is_refused_and_leaves_nothing(app_client: TestClient) -> None:
    app_client.get("/")
    before = row_counts(_db(app_client))
    answer = _upload(app_client, "bao-cao.pdf", PDF, "application/pdf")
    assert answer.status_code == 403 and "Đồng ý" in answer.json()["error"]
    assert row_counts(_db(app_client)) == before and _files(app_client) == []
    _consent(app_client)
    assert _upload(app_client, "bao-cao.pdf", PDF, "application/pdf").status_code == 200
    assert len(_files(app_client)) == 1


@pytest.mark.parametrize(
    ("name", "data", "mime", "ext"),
    [
        ("bao-cao.pdf", PDF, "application/pdf", ".pdf"),
        ("anh.png", PNG, "image/png", ".png"),
        ("anh chup.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 50, "image/jpeg", ".jpg"),
        ("mo-ta.docx", _docx(), "", ".docx"),
        ("so-lieu.xlsx", _xlsx(), "application/vnd.ms-excel", ".xlsx"),
        ("don-cu.doc", OLE, "application/msword", ".doc"),
        ("khong-duoi", PDF, "", ".pdf"),
    ],
)
def test_accepted_types_are_decided_by_content(
    app_client: TestClient, name: str, data: bytes, mime: str, ext: str
) -> None:
    _consent(app_client)
    answer = _upload(app_client, name, data, mime)
    assert answer.status_code == 200, answer.text
    assert [f for f in _files(app_client) if f.endswith(ext)] == _files(app_client) != []
    assert (_folder(app_client) / _files(app_client)[0]).read_bytes() == data


@pytest.mark.parametrize(
    ("name", "data", "mime", "words"),
    [
        ("ghi-chu.txt", b"just some text", "text/plain", "không phải PDF"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 3000, "application/pdf", "không phải PDF"),
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "application/pdf", "không phải"),
        ("anh.pdf", PNG, "application/pdf", "không khớp"),  # a PNG named .pdf
        ("bao-cao.png", PDF, "image/png", "không khớp"),
        ("bao-cao.pdf", PDF, "image/jpeg", "không khớp"),  # declared an image, is a PDF
        (
            "macro.docx",
            _zip(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]),
            "",
            "không phải",
        ),
        ("macro.doc", OLE + "_VBA_PROJECT".encode("utf-16-le"), "application/msword", "không phải"),
        ("nen.zip", _zip(["a.txt"]), "application/zip", "không phải"),
        ("don-cu.xls.exe", OLE, "", "không phải"),  # OLE2 under a name that is no Office file
    ],
)
def test_wrong_or_mismatched_content_is_refused_in_vietnamese(
    app_client: TestClient, name: str, data: bytes, mime: str, words: str
) -> None:
    _consent(app_client)
    before = row_counts(_db(app_client))
    answer = _upload(app_client, name, data, mime)
    assert answer.status_code == 415 and words in answer.json()["error"]
    assert row_counts(_db(app_client)) == before and _files(app_client) == []


def _chunks(first: bytes, size: int) -> Iterator[bytes]:
    boundary = b"xYzBoundary"
    yield (
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="client_id"\r\n\r\nbig-00001\r\n'
    )
    yield (
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
    )
    yield b"Content-Type: application/pdf\r\n\r\n" + first
    sent = len(first)
    while sent < size:
        yield b"0" * 65536
        sent += 65536
    yield b"\r\n--" + boundary + b"--\r\n"


def test_a_chunked_upload_over_the_cap_is_cut_off_without_a_length(app_client: TestClient) -> None:
    _consent(app_client)
    before = row_counts(_db(app_client))
    headers = CSRF | {"Content-Type": "multipart/form-data; boundary=xYzBoundary"}
    answer = app_client.post("/webchat/api/upload", content=_chunks(PDF, 5 * MB), headers=headers)
    assert answer.status_code == 413 and "1 MB" in answer.json()["error"]
    lying = app_client.post(
        "/webchat/api/upload",
        content=_chunks(PDF, 3 * MB),
        headers=headers | {"Content-Length": "900"},
    )
    assert 400 <= lying.status_code < 500
    assert row_counts(_db(app_client)) == before and _files(app_client) == []
    early = app_client.post(
        "/webchat/api/upload", content=_chunks(b"MZ" + b"\x00" * 64, 900 * KB), headers=headers
    )
    assert early.status_code == 415 and _files(app_client) == []


async def test_the_streamed_form_never_writes_more_than_the_cap() -> None:
    async def body() -> AsyncIterator[bytes]:
        for chunk in _chunks(PDF, 8 * MB):
            yield chunk

    out = io.BytesIO()
    with pytest.raises(FileTooLarge):
        await read_form(
            body(),
            "multipart/form-data; boundary=xYzBoundary",
            out,
            cap=300 * KB,
            head_size=filetypes.HEAD,
            plausible=filetypes.plausible,
        )
    assert 0 < len(out.getvalue()) <= 300 * KB

    async def executable() -> AsyncIterator[bytes]:
        for chunk in _chunks(b"MZ\x90\x00" + b"\x00" * 64, 8 * MB):
            yield chunk

    out = io.BytesIO()
    with pytest.raises(Unwanted):
        await read_form(
            executable(),
            "multipart/form-data; boundary=xYzBoundary",
            out,
            cap=8 * MB,
            head_size=filetypes.HEAD,
            plausible=filetypes.plausible,
        )
    assert out.getvalue() == b""  # refused on its first bytes


def test_quotas_per_session_per_address_and_overall(app_client: TestClient) -> None:
    file = PDF + b"1" * (900 * KB)
    _consent(app_client)
    assert _upload(app_client, "a.pdf", file, n=1).status_code == 200
    assert _upload(app_client, "b.pdf", file, n=2).status_code == 200
    session_full = _upload(app_client, "c.pdf", file, n=3)
    assert session_full.status_code == 429 and "phiên" in session_full.json()["error"]
    second = TestClient(app_client.app)  # another visitor behind the same address
    _consent(second)
    assert _upload(second, "d.pdf", file, n=4).status_code == 200
    address_full = _upload(second, "e.pdf", file, n=5)
    assert address_full.status_code == 429 and "Mạng" in address_full.json()["error"]
    assert len(_files(app_client)) == 3
    total = sum(p.stat().st_size for p in _folder(app_client).iterdir())
    assert total <= 3 * MB


def test_unused_uploads_are_removed_by_the_scheduled_job(app_client: TestClient) -> None:
    _consent(app_client)
    assert _upload(app_client, "bao-cao.pdf", PDF, n=1).status_code == 200
    stray = _folder(app_client) / "0123456789abcdef0123456789abcdef.part"
    stray.write_bytes(b"left by a crash")
    services = app_client.app.state.services  # type: ignore[attr-defined]
    assert "uploads_cleanup" in JOBS
    ctx = job_context(services.settings, services.db, services.secret_key)
    assert ctx.uploads_keep == timedelta(hours=72)
    assert "0 uploads removed" in run_job(ctx, "uploads_cleanup").outcome
    assert len(_files(app_client)) == 2
    later = job_context(services.settings, services.db, services.secret_key)
    object.__setattr__(later, "clock", lambda: _now_plus(hours=73))
    import os

    os.utime(stray, (0, 0))
    outcome = run_job(later, "uploads_cleanup").outcome
    assert "1 uploads removed" in outcome and "1 stray files" in outcome
    assert _files(app_client) == []
    assert row_counts(services.db)["web_upload"] == 0


def _now_plus(hours: int) -> Any:
    from storage.types import utcnow

    return utcnow() + timedelta(hours=hours)


def test_the_cleanup_job_is_listed_and_runs_from_the_cli(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli.main import main
    from tests.support.server import write_config

    sections = {"server": {"data_dir": str(tmp_path / "data")}, "database": {"url": db_url}}
    config = str(write_config(tmp_path / "config.toml", sections))
    assert main(["--config", config, "jobs", "list"]) == 0
    assert "uploads_cleanup" in capsys.readouterr().out
    assert main(["--config", config, "jobs", "run", "uploads_cleanup"]) == 0
    assert "0 uploads removed" in capsys.readouterr().out
