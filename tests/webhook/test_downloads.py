"""GET /download/{token} serves only signed, unexpired paths inside the data folder."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from bot.links import sign_download
from storage.types import utcnow
from tests.support.apps import make_settings
from webhook.app import create_app


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
        climbing = sign_download(key, "../outside.txt", now=utcnow(), ttl=timedelta(hours=1))
        forged = sign_download(
            "another-key-0123456789", "digests/batch-1.xlsx", now=utcnow(), ttl=timedelta(hours=1)
        )
        for token in (expired, climbing, forged, "nonsense"):
            assert client.get(f"/download/{token}").status_code == 404
