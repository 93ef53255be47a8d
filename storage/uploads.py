"""Queries for web chat uploads: consent, quota reservations, completion and expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, text, update
from sqlmodel import Session, col

from storage.models import Conversation, Identity, StoredFile, WebUpload

UPLOAD_REF = "web-upload:"
_LOCK_KEY = 7_400_001  # one advisory lock orders quota reservations on PostgreSQL


@dataclass(frozen=True)
class Quota:
    file: int  # bytes one upload may have
    session: int  # bytes one visitor may keep
    address: int  # bytes one network address may keep
    total: int  # bytes all unused uploads may take


@dataclass(frozen=True)
class Reservation:
    allowed: int  # bytes this upload may write; 0 when a quota is used up
    limited_by: str  # file | session | address | total


def has_consented(session: Session, *, chat_id: str) -> bool:
    """Whether this web visitor has answered «Đồng ý» (the dialogue's state["consent_at"])."""
    stmt = (
        select(col(Conversation.state))
        .join(Identity, col(Identity.id) == col(Conversation.identity_id))
        .where(col(Identity.channel) == "web", col(Identity.channel_user_id) == chat_id)
    )
    state = session.execute(stmt).scalars().first()
    return bool(isinstance(state, dict) and state.get("consent_at"))


def reserve(
    session: Session,
    *,
    token: str,
    chat_id: str,
    address: str,
    quota: Quota,
    now: datetime,
) -> Reservation:
    """Hold room for one upload inside every quota (in the caller's write transaction)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    room = {
        "file": quota.file,
        "session": quota.session - _used(session, col(WebUpload.chat_id) == chat_id),
        "address": quota.address - _used(session, col(WebUpload.address) == address),
        "total": quota.total - _used(session, None),
    }
    limited_by = min(room, key=lambda name: room[name])
    allowed = max(0, room[limited_by])
    if allowed > 0:
        session.add(
            WebUpload(token=token, chat_id=chat_id, address=address, size=allowed, created_at=now)
        )
    return Reservation(allowed, limited_by)


def _used(session: Session, where: object) -> int:
    stmt = select(func.coalesce(func.sum(col(WebUpload.size)), 0))
    if where is not None:
        stmt = stmt.where(where)  # type: ignore[arg-type]
    return int(session.execute(stmt).scalar_one())


def complete(session: Session, *, token: str, file_name: str, size: int) -> None:
    session.execute(
        update(WebUpload)
        .where(col(WebUpload.token) == token)
        .values(file_name=file_name, size=size, status="stored")
    )


def forget(session: Session, *, token: str) -> None:
    session.execute(delete(WebUpload).where(col(WebUpload.token) == token))


def forget_file(session: Session, *, file_name: str) -> None:
    session.execute(delete(WebUpload).where(col(WebUpload.file_name) == file_name))


def older_than(session: Session, *, before: datetime, limit: int = 500) -> list[WebUpload]:
    stmt = (
        select(WebUpload)
        .where(col(WebUpload.created_at) < before)
        .order_by(col(WebUpload.id))
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


def known_files(session: Session) -> set[str]:
    """Every file name and token the table still accounts for."""
    rows = session.execute(select(col(WebUpload.token), col(WebUpload.file_name))).all()
    return {name for row in rows for name in row if name}


def awaiting_copy(session: Session, *, file_names: list[str]) -> set[str]:
    """Those of `file_names` that a submitted entry still has to copy (stored_file pending)."""
    if not file_names:
        return set()
    refs = [UPLOAD_REF + name for name in file_names]
    stmt = select(col(StoredFile.file_ref)).where(
        col(StoredFile.file_ref).in_(refs), col(StoredFile.status) == "pending"
    )
    return {ref[len(UPLOAD_REF) :] for ref in session.execute(stmt).scalars()}
