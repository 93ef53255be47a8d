"""Reminder bookkeeping: once-only keys, idle drafts, subscribers and where to reach them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from storage.models import Conversation, Identity, Person, ReminderLog
from storage.upserts import insert_for

DRAFT_FLOWS = ("sang_kien", "hien_ke")


def claim(session: Session, *, key: str, kind: str, now: datetime) -> bool:
    """Record a reminder as sent; False when it was recorded before (never send it twice)."""
    stmt = (
        insert_for(session, ReminderLog)
        .values(key=key[:160], kind=kind, sent_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(col(ReminderLog.key))
    )
    return session.execute(stmt).first() is not None


def claimed(session: Session, *, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    stmt = select(col(ReminderLog.key)).where(col(ReminderLog.key).in_(list(keys)))
    return {str(k) for k in session.execute(stmt).scalars()}


def idle_drafts(
    session: Session, *, idle_before: datetime, idle_after: datetime
) -> list[tuple[Conversation, Identity]]:
    """Conversations last touched in [idle_after, idle_before) that hold an unfinished draft."""
    stmt = (
        select(Conversation, Identity)
        .join(Identity, col(Identity.id) == col(Conversation.identity_id))
        .join(Person, col(Person.id) == col(Identity.person_id))
        .where(
            col(Conversation.updated_at) < idle_before,
            col(Conversation.updated_at) >= idle_after,
            col(Identity.unreachable_at).is_(None),
            col(Person.erased_at).is_(None),
            col(Person.subscribed).is_(True),  # /tatthongbao stops reminders too
        )
        .order_by(col(Conversation.identity_id))
    )
    return [
        (conversation, identity)
        for conversation, identity in session.execute(stmt).all()
        if (conversation.state or {}).get("flow") in DRAFT_FLOWS
    ]


def subscribers(session: Session) -> list[Identity]:
    """One reachable identity per subscribed person who consented: their most recent one."""
    stmt = (
        select(Identity)
        .join(Person, col(Person.id) == col(Identity.person_id))
        .where(
            col(Person.subscribed).is_(True),
            col(Person.consent_at).is_not(None),
            col(Person.erased_at).is_(None),
            col(Person.merged_into).is_(None),
            col(Identity.unreachable_at).is_(None),
        )
        .order_by(col(Identity.person_id), col(Identity.id).desc())
    )
    chosen: dict[int, Identity] = {}
    for identity in session.execute(stmt).scalars():
        chosen.setdefault(identity.person_id, identity)
    return list(chosen.values())
