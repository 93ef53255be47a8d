"""Fixtures shared by the whole suite: databases on both backends, settings, fakes."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import Database
from tests.support.databases import drop_pg_database, fresh_database


def pytest_configure(config: pytest.Config) -> None:
    # Set before xdist starts its workers, so they all share the controller's run id.
    os.environ.setdefault("SANGKIEN_TEST_RUN", str(os.getpid()))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER") or not hasattr(session.config, "workerinput"):
        drop_pg_database()


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse any connection that is not to this machine."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and address and isinstance(address[0], str):
            host = address[0]
            if not (host.startswith("127.") or host in ("::1", "localhost")):
                raise OSError(f"test tried to reach {host}: the network is off limits")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """A CLI test installs its own log handler on pytest's capture; take it away again."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(params=["sqlite", "postgres"])
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(db_backend: str, tmp_path: Path) -> str:
    return fresh_database(db_backend, tmp_path)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()
