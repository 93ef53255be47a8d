"""GET /download/{token} serves only signed, unexpired paths inside the download folders."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeSerializer

from bot.links import SALT, downloadable, sign_download
from storage.types import utcnow
from tests.support.apps import make_settings
from webhook.app import create_app


def _forge(key: str, path: str) -> str:
    """A validly signed token for any path, as an older release or a bug could have made."""
    expires = int((utcnow() + timedelta(hours=1)).timestamp())
    return str(URLSafeSerializer(key, salt=SALT).dumps({"p": path, "e": expires}))


def test_signed_link_serves_the_file_and_nothing_else(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "digests").mkdir(parents=True)
    (data / "digests" / "batch-1.xlsx").write_bytes(b"PK fake xlsx")
    (tmp_path / "outside.txt").write_text("secret")
    settings = make_settings(f"sqlite:///{tmp_path}/t.db", data)
    with TestClient(create_app(settings)) as client:
        key = client.app.state.services.secret_key  # type: ignore[attr-defined]
        good = sign_download(key, "digests/batch-1.xlsx", now=utcnow(), ttl=timedelta(hours=1))
        response = client.get(f"/download/{good}")
        assert response.status_code == 200 and response.content == b"PK fake xlsx"
        assert "batch-1.xlsx" in response.headers["content-disposition"]
        expired = sign_download(
            key, "digests/batch-1.xlsx", now=utcnow() - timedelta(hours=2), ttl=timedelta(hours=1)
        )
        climbing = _forge(key, "../outside.txt")
        forged = sign_download(
            "another-key-0123456789", "digests/batch-1.xlsx", now=utcnow(), ttl=timedelta(hours=1)
        )
        for token in (expired, climbing, forged, "nonsense"):
            assert client.get(f"/download/{token}").status_code == 404


def test_only_the_download_folders_are_served_whatever_the_token_names(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for folder in ("digests", "dossiers/SK-2026-00001", "uploads/web", "attachments/1"):
        (data / folder).mkdir(parents=True)
    (data / "digests" / "a.xlsx").write_bytes(b"sheet")
    (data / "uploads" / "web" / "someone.pdf").write_bytes(b"%PDF private")
    (data / "attachments" / "1" / "1-cv.pdf").write_bytes(b"%PDF private")
    (data / "digests" / "db-link.xlsx").symlink_to(tmp_path / "t.db")
    (data / "dossiers" / "SK-2026-00001" / "up").symlink_to(data / "uploads", True)
    (data / "digests" / "key").symlink_to(data / "secret_key")
    settings = make_settings(f"sqlite:///{tmp_path}/t.db", data)
    with TestClient(create_app(settings)) as client:
        key = client.app.state.services.secret_key  # type: ignore[attr-defined]
        assert (data / "secret_key").is_file() and (tmp_path / "t.db").is_file()
        assert client.get(f"/download/{_forge(key, 'digests/a.xlsx')}").content == b"sheet"
        tricks = [
            "secret_key",  # the signing key itself
            "../t.db",  # the database
            str(tmp_path / "t.db"),  # an absolute path
            "uploads/web/someone.pdf",  # a visitor's upload
            "attachments/1/1-cv.pdf",  # a submission's attachment
            "digests/../secret_key",
            "digests/..%2fsecret_key",  # an encoded separator
            "digests\\..\\secret_key",
            "digests/db-link.xlsx",  # a symbolic link to the database
            "digests/key",
            "dossiers/SK-2026-00001/up/web/someone.pdf",  # a linked folder on the way
            "digests/",
            "digests",
            "",
        ]
        for path in tricks:
            answer = client.get(f"/download/{_forge(key, path)}")
            assert answer.status_code == 404, path
            assert b"private" not in answer.content and key.encode() not in answer.content
        assert client.get("/download/..%2F..%2Fsecret_key").status_code == 404


def test_links_are_only_ever_signed_for_the_download_folders() -> None:
    assert downloadable("dossiers/SK-2026-00001/SK-2026-00001-don-yeu-cau-cong-nhan.docx")
    assert downloadable("broadcasts/thong-bao-3.jpg") and downloadable(
        "digests/tong-hop-dot-1.xlsx"
    )
    for path in ("sangkien.db", "secret_key", "uploads/web/a.pdf", "/etc/passwd", "digests/../x"):
        assert not downloadable(path)
        with pytest.raises(ValueError):
            sign_download("k" * 32, path, now=utcnow(), ttl=timedelta(hours=1))
