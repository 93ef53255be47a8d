"""`sangkien councils list|add|remove` against a real database, merged with [[councils]]."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.desk.access import Access
from cli.main import main
from storage.db import Database
from tests.support.server import write_config
from webhook.app import desk_access
from webhook.config import load_settings

UNIT = "Sở Y tế"


@pytest.fixture
def config(db_url: str, tmp_path: Path) -> str:
    sections = {
        "server": {"data_dir": str(tmp_path / "data")},
        "database": {"url": db_url},
        "scheduler": {"enabled": False},
    }
    path = write_config(tmp_path / "config.toml", sections)
    with path.open("a", encoding="utf-8") as handle:  # an array of tables, as an operator writes it
        handle.write(
            '\n[[councils]]\nname = "Hội đồng cấp tỉnh"\nlevel = "tinh"\nmembers = ["zalo:81234"]\n'
        )
    return str(path)


def run(config: str, *args: str) -> int:
    return main(["--config", config, *args])


def test_add_list_remove(config: str, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "db", "upgrade") == 0
    council = ["--council", "Hội đồng sáng kiến Sở Y tế"]
    assert run(config, "councils", "add", *council, "--member", "telegram:42") == 2  # no level
    assert "needs a level" in capsys.readouterr().err
    add = ["councils", "add", *council, "--level", "co_so", "--unit", UNIT]
    assert run(config, *add, "--member", "telegram:42") == 0
    assert run(config, "councils", "add", *council, "--member", "telegram:43") == 0
    assert run(config, "councils", "add", *council, "--member", "telegram:43") == 0
    assert "is already in" in capsys.readouterr().out
    assert run(config, "councils", "add", *council, "--member", "nobody") == 2

    assert run(config, "councils", "list") == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert rows == [
        ["Hội đồng cấp tỉnh", "tinh", "-", "zalo:81234"],
        ["Hội đồng sáng kiến Sở Y tế", "co_so", UNIT, "telegram:42, telegram:43"],
    ]
    access: Access = desk_access(load_settings(config))
    with db.session() as session:
        member = access.viewer(session, "telegram:43")
        provincial = access.viewer(session, "zalo:81234")
        assert access.viewer(session, "telegram:99") is None
    assert member is not None and member.scope.units == (UNIT,) and not member.scope.provincial
    assert provincial is not None and provincial.scope.provincial

    assert run(config, "councils", "remove", *council, "--member", "telegram:43") == 0
    assert run(config, "councils", "remove", *council, "--member", "telegram:43") == 1
    assert run(config, "councils", "remove", *council) == 0
    capsys.readouterr()
    assert run(config, "councils", "list") == 0
    assert "Sở Y tế" not in capsys.readouterr().out


def test_a_chair_and_a_secretary(
    config: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(config, "db", "upgrade") == 0
    council = ["councils", "add", "--council", "Hội đồng cấp tỉnh"]
    assert run(config, *council, "--member", "zalo:1", "--role", "chair", "--level", "tinh") == 0
    assert run(config, *council, "--member", "zalo:2", "--role", "secretary") == 0
    assert run(config, *council, "--member", "zalo:3", "--role", "chair") == 0  # takes over
    capsys.readouterr()
    assert run(config, "councils", "list") == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    members = "zalo:81234, zalo:1, zalo:2 (secretary), zalo:3 (chair)"
    assert rows == [["Hội đồng cấp tỉnh", "tinh", "-", members]]
    with db.session() as session:
        council_view = desk_access(load_settings(config)).councils(session)[0]
    assert (council_view.chair, council_view.secretary) == ("zalo:3", "zalo:2")
