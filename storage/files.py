"""Queries for submission attachments that are fetched from platforms onto our own disk."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from storage.models import StoredFile


def add_files(
    session: Session,
    *,
    submission_id: int,
    channel: str,
    attachments: list[dict[str, Any]],
    now: datetime,
) -> None:
    for item in attachments:
        session.add(
            StoredFile(
                submission_id=submission_id,
                channel=channel,
                file_ref=str(item["file_ref"]),
                file_name=item.get("file_name"),
                mime_type=item.get("mime_type"),
                size=item.get("size"),
                next_attempt_at=now,
                created_at=now,
            )
        )


def due_files(session: Session, *, now: datetime, limit: int = 20) -> list[StoredFile]:
    stmt = (
        select(StoredFile)
        .where(StoredFile.status == "pending", StoredFile.next_attempt_at <= now)  # type: ignore[arg-type]
        .order_by(StoredFile.id)  # type: ignore[arg-type]
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


def mark_stored(session: Session, *, file_id: int, path: str, size: int) -> bool:
    """False when the row is gone (its entry was erased while the file was fetched)."""
    result = session.execute(
        update(StoredFile)
        .where(StoredFile.id == file_id)  # type: ignore[arg-type]
        .values(status="stored", path=path, size=size, last_error=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def mark_file_retry(
    session: Session, *, file_id: int, at: datetime, error: str, give_up: bool
) -> None:
    session.execute(
        update(StoredFile)
        .where(StoredFile.id == file_id)  # type: ignore[arg-type]
        .values(
            status="failed" if give_up else "pending",
            next_attempt_at=at,
            attempts=StoredFile.attempts + 1,
            last_error=error[:500],
        )
    )


def files_of(session: Session, *, submission_id: int) -> list[StoredFile]:
    stmt = (
        select(StoredFile)
        .where(col(StoredFile.submission_id) == submission_id)
        .order_by(col(StoredFile.id))
    )
    return list(session.execute(stmt).scalars())
