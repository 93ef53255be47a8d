"""`sangkien jobs list` shows the retention job and `sangkien jobs run retention` runs it."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cli.main import main
from storage.db import Database
from storage.models import ProcessedUpdate
from storage.types import utcnow
from tests.support.server import write_config


def test_the_retention_job_is_listed_and_runs_from_the_command_line(
    db_url: str, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    sections = {
        "server": {"data_dir": str(data)},
        "database": {"url": db_url},
        "retention": {"processed_updates_days": 3, "exports_days": 2},
    }
    config = str(write_config(tmp_path / "config.toml", sections))
    now = utcnow()
    with db.write() as session:
        session.add(ProcessedUpdate(key="telegram:1", received_at=now - timedelta(days=4)))
        session.add(ProcessedUpdate(key="telegram:2", received_at=now - timedelta(days=2)))
    old, fresh = data / "exports" / "person-1-a.json", data / "exports" / "person-1-b.json"
    old.parent.mkdir(parents=True)
    for path, days in ((old, 3), (fresh, 1)):
        path.write_text("{}")
        stamp = (now - timedelta(days=days)).timestamp()
        os.utime(path, (stamp, stamp))

    assert main(["--config", config, "jobs", "list"]) == 0
    assert "retention" in capsys.readouterr().out
    assert main(["--config", config, "jobs", "run", "retention"]) == 0
    assert "processed updates 1" in capsys.readouterr().out
    with db.session() as session:
        left = session.execute(select(func.count()).select_from(ProcessedUpdate)).scalar_one()
    assert left == 1 and not old.exists() and fresh.exists()
