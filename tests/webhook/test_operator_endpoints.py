"""/openapi.json, /docs, /metrics and /readyz: closed to strangers, and nothing leaks out."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.errors import ConfigError
from storage import api_tokens
from storage.db import Database
from storage.types import utcnow
from tests.support.apps import ADMIN_TOKEN, make_settings
from tests.support.server import free_port
from webhook.app import create_app
from webhook.config import Settings
from webhook.health import describe
from webhook.logs import setup_logging

STRANGER = ("203.0.113.7", 40000)  # TEST-NET-3: any address not in metrics.allow
LOOPBACK = ("127.0.0.1", 40000)
METRICS_TOKEN = "metrics-scraper-token-5c1e9d"
PASSWORD = "Pw-9f2c41e7-secret"


def _settings(db_url: str, tmp_path: Path, **extra: str) -> Settings:
    return make_settings(
        db_url, tmp_path / "data", extra={"SANGKIEN_SCHEDULER__ENABLED": "false", **extra}
    )


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return _settings(db_url, tmp_path, SANGKIEN_METRICS__TOKEN=METRICS_TOKEN)


def client_from(settings: Settings, address: tuple[str, int]) -> TestClient:
    return TestClient(create_app(settings), client=address)


def token(db: Database, role: str) -> str:
    now = utcnow()
    with db.write() as session:
        return api_tokens.issue(
            session,
            name="Lê Văn C",
            role=role,
            principal=None,
            expires_at=now + timedelta(days=1),
            created_by="test",
            now=now,
        )[1]


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def test_metrics_from_a_stranger_needs_a_token(settings: Settings, db: Database) -> None:
    reviewer, admin = token(db, "reviewer"), token(db, "admin")
    with client_from(settings, STRANGER) as stranger:
        refused = stranger.get("/metrics")
        assert refused.status_code == 403
        assert "sangkien_" not in refused.text
        assert stranger.get("/metrics", headers=bearer("wrong-token-0000000000")).status_code == 403
        assert stranger.get("/metrics", headers=bearer(reviewer)).status_code == 403
        for allowed in (METRICS_TOKEN, admin, ADMIN_TOKEN):
            response = stranger.get("/metrics", headers=bearer(allowed))
            assert response.status_code == 200
            assert "sangkien_outbox_messages" in response.text or "# TYPE" in response.text
    with client_from(settings, LOOPBACK) as local:
        assert local.get("/metrics").status_code == 200
    with client_from(settings, ("::ffff:127.0.0.1", 40000)) as mapped:
        assert mapped.get("/metrics").status_code == 200


def test_metrics_allow_list_comes_from_config(db_url: str, tmp_path: Path) -> None:
    settings = _settings(db_url, tmp_path, SANGKIEN_METRICS__ALLOW='["10.0.0.0/8"]')
    with client_from(settings, ("10.20.30.40", 1)) as inside:
        assert inside.get("/metrics").status_code == 200
    with client_from(settings, LOOPBACK) as local:
        assert local.get("/metrics").status_code == 403  # loopback was only the default
    with client_from(settings, ("testclient", 1)) as unnamed:
        assert unnamed.get("/metrics").status_code == 403  # not an address: no trust


def test_openapi_needs_a_token_and_docs_are_off_in_production(
    settings: Settings, db: Database
) -> None:
    with client_from(settings, LOOPBACK) as client:
        assert client.get("/openapi.json").status_code == 401
        assert (
            client.get("/openapi.json", headers=bearer("sk_00000000_" + "x" * 43)).status_code
            == 401
        )
        schema = client.get("/openapi.json", headers=bearer(token(db, "reviewer")))
        assert schema.status_code == 200
        assert "/api/v1/submissions" in schema.json()["paths"]
        assert client.get("/docs", headers=bearer(ADMIN_TOKEN)).status_code == 404
        assert client.get("/redoc").status_code == 404
        assert client.get("/docs/oauth2-redirect").status_code == 404


def test_docs_in_development_are_one_self_contained_page(db_url: str, tmp_path: Path) -> None:
    settings = _settings(db_url, tmp_path, SANGKIEN_SERVER__ENVIRONMENT="development")
    with client_from(settings, STRANGER) as client:
        page = client.get("/docs")
        assert client.get("/openapi.json").status_code == 401  # the schema still needs a token
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    html = page.text.lower()
    assert "/api/v1/submissions/{code}/status" in html
    assert "<script" not in html and "src=" not in html and "<link" not in html
    assert "http://" not in html and "https://" not in html and "cdn" not in html


def _broken_postgres(tmp_path: Path) -> str:
    return f"postgresql+psycopg://sangkien:{PASSWORD}@127.0.0.1:{free_port()}/nodb"


def _broken_sqlite(tmp_path: Path) -> str:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database " * 200)
    return f"sqlite:///{path}"


@pytest.mark.parametrize("broken", [_broken_postgres, _broken_sqlite])
def test_readyz_with_a_broken_database_says_nothing_and_logs_no_password(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    broken,  # type: ignore[no-untyped-def]
) -> None:
    url = broken(tmp_path)
    settings = make_settings(url, tmp_path / "data", extra={"SANGKIEN_SCHEDULER__ENABLED": "false"})
    caplog.set_level(logging.DEBUG)
    with client_from(settings, LOOPBACK) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert [r for r in caplog.records if r.getMessage().startswith("not ready: database")]
    assert PASSWORD not in caplog.text
    assert all(PASSWORD not in str(r.exc_info) for r in caplog.records)


def test_readyz_when_ready(settings: Settings, db: Database) -> None:
    with client_from(settings, STRANGER) as client:
        response = client.get("/readyz")
    assert (response.status_code, response.json()) == (200, {"status": "ready"})


def test_error_descriptions_mask_the_database_password() -> None:
    url = f"postgresql+psycopg://sangkien:{PASSWORD}@db.internal:5432/sangkien"
    error = RuntimeError(f"could not connect to {url}\nsecond line {PASSWORD}")
    text = describe(error, url)
    assert PASSWORD not in text
    assert (
        text
        == "RuntimeError: could not connect to postgresql+psycopg://sangkien:***@db.internal:5432/sangkien"
    )
    other = describe(ValueError("postgresql://u:p4ss@h/d and p4ss"), "sqlite:///x.db")
    assert "p4ss@" not in other


def test_log_handler_masks_the_database_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql+psycopg://sangkien:{PASSWORD}@127.0.0.1:5432/test"
    settings = make_settings(url, tmp_path / "data")
    setup_logging(settings)
    logging.getLogger("sangkien.test").warning("connecting with %s", PASSWORD)
    err = capsys.readouterr().err
    assert "connecting with ***" in err and PASSWORD not in err


@pytest.mark.parametrize(
    ("env", "key", "secret"),
    [
        ({"SANGKIEN_METRICS__ALLOW": '["localhost"]'}, "metrics.allow", None),
        ({"SANGKIEN_METRICS__TOKEN": "short"}, "metrics.token", None),
        (
            {"SANGKIEN_DATABASE__URL": f"postgresql://u:{PASSWORD}@h:port/d"},
            "database.url",
            PASSWORD,
        ),
    ],
)
def test_bad_operator_config_names_the_key(
    tmp_path: Path, env: dict[str, str], key: str, secret: str | None
) -> None:
    with pytest.raises(ConfigError) as raised:
        make_settings("sqlite:///x.db", tmp_path, extra=env)
    assert key in str(raised.value)
    if secret:
        assert secret not in str(raised.value)
