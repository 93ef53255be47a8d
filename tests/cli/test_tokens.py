"""`sangkien tokens create|list|revoke` against a real database, then the token against the API."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from cli.main import main
from storage.db import Database
from tests.support.server import write_config
from webhook.app import create_app
from webhook.config import load_settings


@pytest.fixture
def config(db_url: str, tmp_path: Path) -> str:
    sections = {
        "server": {"data_dir": str(tmp_path / "data")},
        "database": {"url": db_url},
        "scheduler": {"enabled": False},
    }
    return str(write_config(tmp_path / "config.toml", sections))


def run(config: str, *args: str) -> int:
    return main(["--config", config, *args])


def test_create_list_revoke(config: str, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "db", "upgrade") == 0
    args = ["tokens", "create", "--name", "Nguyễn Văn A", "--role", "reviewer"]
    assert run(config, *args, "--user", "telegram:42", "--expires", "30") == 0
    created = capsys.readouterr()
    token = created.out.strip()
    assert token.startswith("sk_") and len(token) == 55
    assert "shown only this once" in created.err and token not in created.err
    assert run(config, "tokens", "create", "--name", "Trần Thị B", "--role", "admin") == 0
    second = capsys.readouterr().out.strip()

    assert run(config, "tokens", "list") == 0
    listing = capsys.readouterr().out
    assert token not in listing and second not in listing
    assert token[12:20] not in listing  # not even a piece of the secret part
    rows = [line.split("\t") for line in listing.splitlines()[1:]]
    assert [(r[1], r[2], r[3], r[4], r[8]) for r in rows] == [
        (token[:11], "reviewer", "Nguyễn Văn A", "telegram:42", "active"),
        (second[:11], "admin", "Trần Thị B", "-", "active"),
    ]
    assert rows[0][7] == "never" and rows[1][6] == "never"

    with db.engine.connect() as conn:
        hashes = conn.execute(text("SELECT token_hash FROM api_token ORDER BY id")).scalars().all()
    assert hashes == [hashlib.sha256(t.encode()).hexdigest() for t in (token, second)]

    with TestClient(create_app(load_settings(config))) as client:
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/submissions", headers=auth).status_code == 200
        assert run(config, "tokens", "revoke", token[:11]) == 0
        assert "revoked" in capsys.readouterr().out
        assert client.get("/api/v1/submissions", headers=auth).status_code == 401

    assert run(config, "tokens", "list") == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert rows[0][8] == "revoked" and rows[0][7] != "never"  # last use was recorded
    assert run(config, "tokens", "revoke", rows[1][0]) == 0  # by id
    assert run(config, "tokens", "revoke", "sk_ffffffff") == 1


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        (["--user", "facebook:1"], "--user"),
        (["--expires", "0"], "--expires"),
    ],
)
def test_create_refuses_bad_values(
    config: str, extra: list[str], key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(config, "db", "upgrade") == 0
    args = ["tokens", "create", "--name", "Nguyễn Văn A", "--role", "admin", *extra]
    assert run(config, *args) == 2
    captured = capsys.readouterr()
    assert key in captured.err and "sk_" not in captured.out
