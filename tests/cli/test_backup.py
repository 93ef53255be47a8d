"""`sangkien backup` / `sangkien restore` on both backends: entries with files made through the
web chat (an upload, the dossier, a digest sheet, a /dulieucuatoi export), backed up, restored
into an empty database and data folder, and every row and file found again; a damaged or
foreign archive and a non-empty target are refused with nothing changed."""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, create_engine, select, text

from cli.main import main
from storage import job_runs
from storage.backup import code_head, tables_with_rows
from storage.db import Database
from storage.migrate import upgrade
from storage.types import utcnow
from tests import scripts
from tests.support.apps import ADMIN_TOKEN, make_settings
from tests.support.databases import PG_ADMIN, pg_database_name
from tests.support.web_chat import WebVisitor
from webhook.app import create_app

DOWNLOAD = re.compile(r"/download/([A-Za-z0-9_.\-]+)")
PDF = b"%PDF-1.4\n% minh chung\n" + b"0" * 4000 + b"\n%%EOF\n"
SQLITE_FILES = ("sangkien.db", "sangkien.db-wal", "sangkien.db-shm")


def _split(script: scripts.Script) -> tuple[scripts.Script, scripts.Script]:
    """The sáng kiến script cut where the attachments are asked for."""
    scope = max(i for i, (_, value) in enumerate(script) if value == "co_so")
    assert script[scope - 1] == ("choice", "nav:skip")
    return script[: scope - 1], script[scope:]


def _make_entries(db_url: str, data: Path) -> list[str]:
    """Two sáng kiến (one with an upload) and a hiến kế through the web chat, the dossiers
    downloaded, a digest sheet and a /dulieucuatoi export: every kind of stored file."""
    extra = {"SANGKIEN_SCHEDULER__ENABLED": "false",
             "SANGKIEN_ROLES__REVIEWERS": '["telegram:-1001"]'}  # fmt: skip
    settings = make_settings(db_url, data, extra=extra)
    with TestClient(create_app(settings)) as client:
        visitor = WebVisitor(client=client)
        visitor.play(scripts.PROFILE_SCRIPT)
        before, after = _split(scripts.skipping_difference(scripts.SANG_KIEN_SCRIPT))
        visitor.play(before)
        visitor.upload("minh-chung.pdf", PDF, "application/pdf")
        visitor.act("choice", "files:done")
        visitor.play(after)
        visitor.play(scripts.skipping_difference(scripts.SANG_KIEN_SCRIPT))
        visitor.play(scripts.skipping_difference(scripts.HIEN_KE_SCRIPT))
        for message in visitor.transcript():
            url = (message.get("document") or {}).get("url") or ""
            for token in DOWNLOAD.findall(url):  # makes the dossier's .docx files
                assert client.get(f"/download/{token}").status_code == 200
        auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        ran = client.post("/api/v1/jobs/digest/run?force=true", headers=auth)
        assert ran.status_code == 200, ran.text
        visitor.act("command", "dulieucuatoi")
        listed = client.get("/api/v1/submissions", headers=auth).json()
    codes = sorted(item["code"] for item in listed["items"])
    assert len(codes) == 3
    return codes


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in SQLITE_FILES
    }


def _rows(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    engine = create_engine(db_url)
    metadata = MetaData()
    metadata.reflect(engine)
    try:
        with engine.connect() as connection:
            return {
                name: [
                    tuple(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    )
                ]  # fmt: skip
                for name, table in sorted(metadata.tables.items())
            }
    finally:
        engine.dispose()


@pytest.fixture
def empty_target(db_backend: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same backend (not migrated: as on a new server)."""
    if db_backend == "sqlite":
        yield f"sqlite:///{tmp_path}/restored/sangkien.db"
        return
    name = f"{pg_database_name()}_restored"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield (
        PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    )
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _use(monkeypatch: pytest.MonkeyPatch, db_url: str, data: Path) -> None:
    monkeypatch.delenv("SANGKIEN_CONFIG", raising=False)
    monkeypatch.setenv("SANGKIEN_DATABASE__URL", db_url)
    monkeypatch.setenv("SANGKIEN_SERVER__DATA_DIR", str(data))


def test_a_backup_restores_into_an_empty_database_with_every_entry_and_file(
    db_url: str, empty_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    codes = _make_entries(db_url, data)
    files = _files(data)
    folders = {name.split("/")[0] for name in files}
    assert {"dossiers", "digests", "exports"} <= folders and folders & {"uploads", "attachments"}
    assert any(name.endswith(".docx") for name in files)
    assert any(name.startswith("digests/") for name in files)
    assert any(name.startswith("exports/") for name in files)
    rows = _rows(db_url)

    _use(monkeypatch, db_url, data)
    archive = tmp_path / "backups" / "sangkien.tar.gz"
    assert main(["backup", "--out", str(archive)]) == 0
    out = capsys.readouterr().out
    assert f"và {len(files)} tệp" in out and archive.stat().st_mode & 0o077 == 0
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["migration"] == code_head() and manifest["backend"] in db_url.split("+")[0]
    assert {f["path"][len("files/") :] for f in manifest["files"]} == set(files)

    restored = tmp_path / "restored-data"
    # A new server that has run once (migrated, a job run, its own signing key) is still empty.
    _use(monkeypatch, empty_target, restored)
    assert main(["db", "upgrade"]) == 0
    target_db = Database(empty_target)
    with target_db.write() as session:  # as the scheduler records a run on its first start
        job_runs.finished(session, name="reminders", now=utcnow(), outcome="nothing to remind")
    target_db.dispose()
    settings = make_settings(empty_target, restored, extra={"SANGKIEN_SCHEDULER__ENABLED": "false"})
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
    assert (restored / "secret_key").read_bytes() != (data / "secret_key").read_bytes()
    assert _rows(empty_target)["job_run"] and tables_with_rows(empty_target) == []
    assert main(["restore", str(archive)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert _files(restored) == files
    assert _rows(empty_target) == rows
    assert (restored / "secret_key").stat().st_mode & 0o077 == 0

    with TestClient(create_app(settings)) as client:
        auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        listed = client.get("/api/v1/submissions", headers=auth).json()
        assert sorted(item["code"] for item in listed["items"]) == codes
        for code in codes:
            assert client.get(f"/api/v1/submissions/{code}", headers=auth).status_code == 200
    # That server may have fetched the upload still pending in the backup (stored_file pending
    # -> stored, a copy under attachments/): "nothing changed" is measured from here.
    served_rows, served_files = _rows(empty_target), _files(restored)

    # Again into the same place: refused, nothing changed, unless forced.
    assert main(["restore", str(archive)]) == 1
    err = capsys.readouterr().err
    assert "đã có dữ liệu" in err and "--force" in err
    assert _rows(empty_target) == served_rows and _files(restored) == served_files
    assert main(["restore", "--force", str(archive)]) == 0
    # The database is replaced whole; files of the same name are overwritten, others kept.
    assert _rows(empty_target) == rows and _files(restored) == served_files | files


def test_a_damaged_or_foreign_archive_is_refused_before_anything_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    source_url = f"sqlite:///{tmp_path}/source.db"
    _migrated(source_url)
    data = tmp_path / "data"
    (data / "dossiers" / "SK-2026-00001").mkdir(parents=True)
    (data / "dossiers" / "SK-2026-00001" / "don.docx").write_bytes(b"PK" + b"x" * 5000)
    _use(monkeypatch, source_url, data)
    archive = tmp_path / "b.tar.gz"
    assert main(["backup", "--out", str(archive)]) == 0

    damaged = tmp_path / "damaged.tar.gz"
    _rewrite(
        archive, damaged, lambda name, body: body[:-1] + b"y" if name.endswith(".docx") else body
    )
    target = tmp_path / "target"
    _use(monkeypatch, f"sqlite:///{target}/sangkien.db", target)
    capsys.readouterr()
    assert main(["restore", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "SHA-256" in err and "Chưa thay đổi gì" in err and not target.exists()

    newer = tmp_path / "newer.tar.gz"
    _rewrite(archive, newer, _manifest_edit(migration="9999"))
    assert main(["restore", str(newer)]) == 1
    assert "phiên bản mới hơn" in capsys.readouterr().err and not target.exists()

    other = tmp_path / "other.tar.gz"
    _rewrite(archive, other, _manifest_edit(backend="postgresql"))
    assert main(["restore", str(other)]) == 1
    assert "không khôi phục chéo" in capsys.readouterr().err and not target.exists()

    # A backup kept inside the data folder is never backed up again.
    _use(monkeypatch, source_url, data)
    inside = data / "truoc-nang-cap.bak"
    assert main(["backup", "--out", str(inside)]) == 0
    assert main(["backup", "--out", str(data / "sau.bak")]) == 0
    with tarfile.open(data / "sau.bak") as tar:
        assert sorted(tar.getnames()) == [
            "database/sangkien.sqlite3", "files/dossiers/SK-2026-00001/don.docx", "manifest.json",
        ]  # fmt: skip

    escape = tmp_path / "escape.tar.gz"
    with tarfile.open(escape, "w:gz") as tar:
        info = tarfile.TarInfo("files/../../evil")
        info.size = 1
        tar.addfile(info, _stream(b"x"))
    assert main(["restore", str(escape)]) == 1
    assert "không hợp lệ" in capsys.readouterr().err and not (tmp_path / "evil").exists()
    assert main(["restore", str(tmp_path / "khong-co.tar.gz")]) == 1


def test_an_older_backup_is_migrated_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    source_url = f"sqlite:///{tmp_path}/old.db"
    _migrated(source_url, revision="0011")
    _use(monkeypatch, source_url, tmp_path / "data")
    archive = tmp_path / "old.tar.gz"
    assert main(["backup", "--out", str(archive)]) == 0
    target_url = f"sqlite:///{tmp_path}/new/sangkien.db"
    _use(monkeypatch, target_url, tmp_path / "new")
    capsys.readouterr()
    assert main(["restore", str(archive)]) == 0
    assert f"từ migration 0011 lên {code_head()}" in capsys.readouterr().out
    engine = create_engine(target_url)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            == code_head()
        )
    engine.dispose()


def test_postgres_without_its_client_tools_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.databases import pg_database_url

    monkeypatch.chdir(tmp_path)
    _use(monkeypatch, pg_database_url(), tmp_path / "data")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["backup", "--out", str(tmp_path / "b.tar.gz")]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy lệnh pg_dump" in err and "postgresql-client" in err
    assert not (tmp_path / "b.tar.gz").exists()


def _migrated(url: str, revision: str = "head") -> None:
    db = Database(url)
    upgrade(db.engine, revision)
    db.dispose()


def _stream(body: bytes) -> Any:
    import io

    return io.BytesIO(body)


def _rewrite(source: Path, target: Path, change: Any) -> None:
    """Copy an archive, passing each member's body through `change(name, body)`."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            body = change(member.name, old.extractfile(member).read())  # type: ignore[union-attr]
            member.size = len(body)
            new.addfile(member, _stream(body))


def _manifest_edit(**changes: str) -> Any:
    def change(name: str, body: bytes) -> bytes:
        if name != "manifest.json":
            return body
        return json.dumps(json.loads(body) | changes).encode()

    return change
