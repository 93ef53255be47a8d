"""The backup archive: one .tar.gz with the database copy (database/), the data folder's files
(files/) and manifest.json last (versions, migration, size and SHA-256 of every member).

Written to a hidden file beside the target (mode 600: it holds personal data and the
signing key) and renamed once complete; read into a staging folder, and trusted only once
every member matched the manifest and no name could leave that folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, Protocol

FORMAT = "sangkien-backup/1"
MANIFEST = "manifest.json"
DATABASE = "database"
FILES = "files"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be trusted; the message (Vietnamese) says why."""


class Progress(Protocol):
    def advance(self, amount: int, *, note: str | None = None) -> None: ...


def data_files(data_dir: Path, skip: set[Path]) -> list[tuple[Path, str]]:
    """Every regular file under the data folder (never through a symbolic link), with its
    path relative to the folder, except those in `skip` (compared resolved) and earlier
    backups kept there (a backup inside a backup would grow with every run)."""
    if not data_dir.is_dir():
        return []
    root = data_dir.resolve()
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not (Path(folder) / d).is_symlink())
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or path in skip or is_backup(path):
                continue
            found.append((path, path.relative_to(root).as_posix()))
    return found


def is_backup(path: Path) -> bool:
    """True for an archive made by `sangkien backup` (its first member is the database)."""
    try:
        with path.open("rb") as raw:
            if raw.read(2) != b"\x1f\x8b":  # not gzip: cheap for every other file
                return False
            raw.seek(0)
            with tarfile.open(fileobj=raw, mode="r|gz") as tar:
                first = tar.next()
    except (OSError, EOFError, tarfile.TarError):
        return False
    return first is not None and first.name.startswith(f"{DATABASE}/")


def write(
    out: Path, manifest: dict[str, Any], database: Path, files: list[tuple[Path, str]],
    bar: Progress,
) -> dict[str, Any]:  # fmt: skip
    """Write the archive atomically; returns the manifest with its members filled in.

    A file that disappears meanwhile (a retention job) is left out, not an error.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            with database.open("rb") as handle:
                manifest["database"] = _add(tar, f"{DATABASE}/{database.name}", handle, bar)
            members = []
            for path, relative in files:
                try:
                    handle = path.open("rb")
                except FileNotFoundError:
                    continue
                with handle:
                    members.append(_add(tar, f"{FILES}/{relative}", handle, bar))
            manifest["files"] = members
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(manifest["created_at_epoch"])
            tar.addfile(info, _Reader(io.BytesIO(body), None))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def read(archive: Path, staging: Path, bar: Progress) -> dict[str, Any]:
    """Unpack into `staging` and check it against the manifest; raises ArchiveError."""
    seen: dict[str, dict[str, Any]] = {}
    manifest: dict[str, Any] | None = None
    try:
        with archive.open("rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
            position = 0
            for member in tar:
                name = _safe_name(member)
                source = tar.extractfile(member)
                assert source is not None  # a regular file, checked by _safe_name
                if name == MANIFEST:
                    manifest = _manifest(source.read())
                else:
                    seen[name] = _extract(source, staging / name, member.mode & 0o777)
                bar.advance(raw.tell() - position)
                position = raw.tell()
    except (tarfile.TarError, EOFError, OSError) as error:
        raise ArchiveError(f"không đọc được tệp nén ({error})") from None
    if manifest is None:
        raise ArchiveError(f"thiếu {MANIFEST}")
    _check(manifest, seen)
    return manifest


def _add(tar: tarfile.TarFile, name: str, handle: BinaryIO, bar: Progress) -> dict[str, Any]:
    stat = os.fstat(handle.fileno())
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = stat.st_size, stat.st_mode & 0o777, int(stat.st_mtime)
    reader = _Reader(handle, bar)
    tar.addfile(info, reader)
    return {"path": name, "size": stat.st_size, "sha256": reader.digest.hexdigest()}


def _safe_name(member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    top = path.parts[0] if path.parts else ""
    unsafe = path.is_absolute() or ".." in path.parts or not member.isfile()
    if unsafe or not (
        member.name == MANIFEST or (top in (DATABASE, FILES) and len(path.parts) > 1)
    ):
        raise ArchiveError(f"có mục không hợp lệ trong tệp nén: {member.name!r}")
    return path.as_posix()


def _extract(source: IO[bytes], target: Path, mode: int) -> dict[str, Any]:
    """Write one member, keeping its permissions (the signing key stays 600)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode or 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def _manifest(body: bytes) -> dict[str, Any]:
    try:
        found = json.loads(body)
    except ValueError:
        raise ArchiveError(f"{MANIFEST} không đọc được") from None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise ArchiveError(f"không phải bản sao lưu của Trợ lý Sáng kiến ({FORMAT})")
    return found


def _check(manifest: dict[str, Any], seen: dict[str, dict[str, Any]]) -> None:
    listed = [manifest.get("database") or {}, *manifest.get("files", [])]
    names = set()
    for entry in listed:
        name = str(entry.get("path", ""))
        names.add(name)
        found = seen.get(name)
        if found is None:
            raise ArchiveError(f"thiếu {name or 'bản sao cơ sở dữ liệu'}")
        if found["sha256"] != entry.get("sha256") or found["size"] != entry.get("size"):
            raise ArchiveError(f"{name} sai mã kiểm tra SHA-256 (tệp đã bị hỏng hoặc bị sửa)")
    extra = sorted(set(seen) - names)
    if extra:
        raise ArchiveError(f"có tệp không ghi trong {MANIFEST}: {extra[0]}")


class _Reader:
    """A file-like source for tarfile that hashes and reports what passes through."""

    def __init__(self, source: BinaryIO, bar: Progress | None) -> None:
        self.source, self.bar = source, bar
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        if self.bar is not None and data:
            self.bar.advance(len(data))
        return data


def members(manifest: dict[str, Any]) -> Iterator[str]:
    """The relative paths (under the data folder) of the files in a checked manifest."""
    prefix = f"{FILES}/"
    for entry in manifest.get("files", []):
        yield str(entry["path"])[len(prefix) :]
