"""The admin rules shared by the CLI and the desk (bot.admin), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from bot.admin import roles
from bot.errors import AdminRefused
from storage import roles as store
from storage.db import Database
from storage.types import utcnow


def _grant(db: Database, *principals: str) -> None:
    with db.write() as session:
        for principal in principals:
            roles.grant(session, role="admin", principal=principal, by="cli", now=utcnow())


def _revoke(db: Database, principal: str, configured: tuple[str, ...] = ()) -> bool:
    with db.write() as session:
        return roles.revoke(
            session,
            role="admin",
            principal=principal,
            configured_admins=configured,
            by="desk:telegram:1",
            now=utcnow(),
        )


def _admins(db: Database) -> list[str]:
    with db.session() as session:
        return [g.principal for g in store.granted(session, role="admin")]


def test_an_admin_in_the_config_file_counts_and_a_missing_grant_changes_nothing(
    db: Database,
) -> None:
    _grant(db, "telegram:1")
    with pytest.raises(AdminRefused) as refused:
        _revoke(db, "telegram:1")
    assert refused.value.code == "last_admin" and _admins(db) == ["telegram:1"]
    assert _revoke(db, "telegram:1", configured=("zalo:9",)) is True  # zalo:9 stays admin
    assert _revoke(db, "telegram:1") is False  # nothing to revoke: no rule to break
    assert _revoke(db, "zalo:9", configured=("zalo:9",)) is False  # config is changed in the file


def test_two_admins_revoking_each_other_at_once_leave_one(db: Database) -> None:
    _grant(db, "telegram:1", "telegram:2")
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def revoke(principal: str) -> None:
        start.wait()
        try:
            outcomes[principal] = _revoke(db, principal)
        except AdminRefused as exc:
            outcomes[principal] = exc.code

    threads = [threading.Thread(target=revoke, args=(p,)) for p in ("telegram:1", "telegram:2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(map(str, outcomes.values())) == ["True", "last_admin"]
    assert len(_admins(db)) == 1
