"""`sangkien roles|jobs|export` against a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main
from storage import audit
from storage.db import Database
from tests.support.entries import add_entries
from tests.support.server import write_config


@pytest.fixture
def config(db_url: str, tmp_path: Path) -> str:
    sections = {
        "server": {"data_dir": str(tmp_path / "data")},
        "database": {"url": db_url},
        "scheduler": {"quiet_hours": ""},
    }
    return str(write_config(tmp_path / "config.toml", sections))


def run(config: str, *args: str) -> int:
    return main(["--config", config, *args])


def test_roles_grant_list_revoke(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "roles", "grant", "--role", "reviewer", "--user", "telegram:-1001") == 0
    assert run(config, "roles", "grant", "--role", "reviewer", "--user", "telegram:-1001") == 0
    assert run(config, "roles", "grant", "--role", "admin", "--user", "zalo:abc") == 0
    capsys.readouterr()
    assert run(config, "roles", "list") == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in listing] == [
        ["reviewer", "telegram:-1001"],
        ["admin", "zalo:abc"],
    ]
    assert run(config, "roles", "revoke", "--role", "reviewer", "--user", "telegram:-1001") == 0
    assert "nothing to change" not in capsys.readouterr().out
    assert run(config, "roles", "revoke", "--role", "reviewer", "--user", "telegram:-1001") == 0
    assert "nothing to change" in capsys.readouterr().out
    assert run(config, "roles", "grant", "--role", "reviewer", "--user", "facebook:1") == 2
    assert "--user" in capsys.readouterr().err


def test_the_last_admin_stays_and_every_change_is_logged_as_the_cli(
    config: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same rule as the desk (bot.admin.roles): nobody removes the last admin."""
    assert run(config, "roles", "grant", "--role", "admin", "--user", "zalo:abc") == 0
    assert run(config, "roles", "revoke", "--role", "admin", "--user", "zalo:abc") == 2
    assert "zalo:abc is the last admin; grant another admin first" in capsys.readouterr().err
    assert run(config, "roles", "grant", "--role", "admin", "--user", "telegram:42") == 0
    assert run(config, "roles", "revoke", "--role", "admin", "--user", "zalo:abc") == 0
    assert run(config, "tokens", "create", "--name", "Lê Văn Cường", "--role", "reviewer") == 0
    prefix = capsys.readouterr().out.splitlines()[-1][:11]
    assert run(config, "tokens", "revoke", prefix) == 0
    assert run(config, "councils", "add", "--council", "Hội đồng xã Bình Sơn", "--member",
               "zalo:9", "--level", "co_so") == 0  # fmt: skip
    assert run(config, "broadcast", "send", "--text", "Hạn nộp sáng kiến: 15/12.", "--at",
               "2030-01-02T08:00", "--detach") == 0  # fmt: skip
    assert run(config, "broadcast", "cancel", "1") == 0
    with db.session() as session:
        log = [(a.actor, a.action, a.target) for a in audit.recent(session, limit=20)][::-1]
    assert log == [
        ("cli", "role.grant", "zalo:abc"),
        ("cli", "role.grant", "telegram:42"),
        ("cli", "role.revoke", "zalo:abc"),
        ("cli", "token.create", prefix),
        ("cli", "token.revoke", prefix),
        ("cli", "council.member_add", "Hội đồng xã Bình Sơn"),
        ("cli", "broadcast.create", "1"),
        ("cli", "broadcast.cancel", "1"),
    ]


def test_jobs_list_and_run(config: str, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "jobs", "list") == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("digest", "reminders", "review_sla", "digest_settle"))
    add_entries(db, 3)
    assert run(config, "jobs", "run", "digest") == 0
    assert "no reviewer is configured" in capsys.readouterr().out  # the entries wait
    assert run(config, "roles", "grant", "--role", "reviewer", "--user", "telegram:777") == 0
    assert run(config, "jobs", "run", "digest") == 0
    assert "digest: batch 1: 3 entries; messages telegram:777: 3" in capsys.readouterr().out
    assert run(config, "jobs", "run", "nope") == 2


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export(config: str, db: Database, tmp_path: Path, fmt: str) -> None:
    codes = add_entries(db, 4, kind="mixed")
    out = tmp_path / f"out.{fmt}"
    assert run(config, "export", "--format", fmt, "--out", str(out), "--status", "submitted") == 0
    if fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert [item["code"] for item in data["items"]] == codes
        assert data["items"][0]["history"][0]["status"] == "submitted"
    elif fmt == "xlsx":
        rows = list(load_workbook(out).active.iter_rows(values_only=True))
        assert [r[1] for r in rows[1:]] == codes
    else:
        assert all(code in out.read_text(encoding="utf-8-sig") for code in codes)
    empty = tmp_path / f"empty.{fmt}"
    assert run(config, "export", "--format", fmt, "--out", str(empty), "--since", "2999-01-01") == 0
    assert run(config, "export", "--format", fmt, "--out", str(empty), "--since", "hôm qua") == 2
