"""A person's data as one JSON document (/dulieucuatoi), and forgetting a declined visitor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session, col

from storage.linking import identities_of
from storage.models import (
    BroadcastDelivery,
    Conversation,
    Identity,
    LinkCode,
    Outbox,
    Person,
    StoredFile,
    Submission,
    WebMessage,
)
from storage.queries import histories


def forget_unconsented(session: Session, *, identity: Identity, person: Person) -> bool:
    """Remove a never-consenting account: identity, conversation, transcript, person.

    False (nothing removed) when the person consented once or holds anything else: then
    only the conversation is reset by the caller's state.
    """
    if person.consent_at is not None or person.erased_at is not None:
        return False
    others = session.execute(
        select(func.count()).select_from(Identity).where(col(Identity.person_id) == person.id)
    ).scalar_one()
    entries = session.execute(
        select(func.count()).select_from(Submission).where(col(Submission.person_id) == person.id)
    ).scalar_one()
    if others != 1 or entries:
        return False
    _forget_identity(session, identity)
    session.execute(delete(LinkCode).where(col(LinkCode.person_id) == person.id))
    session.delete(person)
    session.flush()
    return True


def _forget_identity(session: Session, identity: Identity) -> None:
    session.execute(delete(Conversation).where(col(Conversation.identity_id) == identity.id))
    session.execute(
        update(Outbox).where(col(Outbox.identity_id) == identity.id).values(identity_id=None)
    )
    # The web transcript of the visitor holds only our prompts and pressed buttons (typed
    # text is never stored before consent); it stays, so the page keeps its message ids.
    session.delete(identity)
    session.flush()


def collect(session: Session, *, person: Person, now: datetime) -> dict[str, Any]:
    """Everything held about the person, readable by them (and by any JSON viewer)."""
    identities = identities_of(session, person_id=person.id or 0)
    ids = [i.id or 0 for i in identities]
    submissions = list(
        session.execute(
            select(Submission)
            .where(col(Submission.person_id) == person.id)
            .order_by(col(Submission.id))
        ).scalars()
    )
    return {
        "generated_at": now.isoformat(),
        "profile": {
            "name": person.name,
            "agency": person.agency,
            "position": person.position,
            "phone": person.phone,
            "consent_at": _iso(person.consent_at),
            "subscribed": person.subscribed,
            "created_at": _iso(person.created_at),
        },
        "accounts": [_identity(i) for i in identities],
        "conversations": _conversations(session, ids),
        "submissions": _submissions(session, submissions),
        "web_messages": _web_messages(session, identities),
        "pending_messages": _pending(session, identities),
        "announcements_received": _deliveries(session, person.id or 0),
        "link_codes": _link_codes(session, person.id or 0),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _identity(identity: Identity) -> dict[str, Any]:
    return {
        "channel": identity.channel,
        "user_id": identity.channel_user_id,
        "chat_id": identity.chat_id,
        "created_at": _iso(identity.created_at),
        "unreachable_at": _iso(identity.unreachable_at),
    }


def _conversations(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    stmt = select(Conversation).where(col(Conversation.identity_id).in_(ids))
    return [
        {"state": row.state, "updated_at": _iso(row.updated_at)}
        for row in session.execute(stmt).scalars()
    ]


def _submissions(session: Session, submissions: list[Submission]) -> list[dict[str, Any]]:
    history = histories(session, submission_ids=[s.id or 0 for s in submissions])
    found = []
    for s in submissions:
        stored = session.execute(
            select(StoredFile).where(col(StoredFile.submission_id) == s.id)
        ).scalars()
        found.append(
            {
                "code": s.code,
                "kind": s.kind,
                "status": s.status,
                "title": s.title,
                "fields": s.fields,
                "author": s.author,
                "submitted_at": _iso(s.submitted_at),
                "history": [
                    {"status": h.status, "at": _iso(h.at), "note": h.note}
                    for h in history.get(s.id or 0, [])
                ],
                "attachments": [
                    {"name": f.file_name, "type": f.mime_type, "size": f.size, "status": f.status}
                    for f in stored
                ],
            }
        )
    return found


def _web_messages(session: Session, identities: list[Identity]) -> list[dict[str, Any]]:
    chats = [i.chat_id for i in identities if i.channel == "web"]
    stmt = (
        select(WebMessage).where(col(WebMessage.chat_id).in_(chats)).order_by(col(WebMessage.id))
    )
    return [
        {"role": m.role, "text": m.payload.get("text"), "at": _iso(m.created_at)}
        for m in session.execute(stmt).scalars()
    ]


def _pending(session: Session, identities: list[Identity]) -> list[dict[str, Any]]:
    ids = [i.id for i in identities]
    stmt = (
        select(Outbox)
        .where(col(Outbox.identity_id).in_(ids), col(Outbox.status) == "pending")
        .order_by(col(Outbox.id))
    )
    return [
        {"channel": o.channel, "text": o.payload.get("text"), "created_at": _iso(o.created_at)}
        for o in session.execute(stmt).scalars()
    ]


def _deliveries(session: Session, person_id: int) -> list[dict[str, Any]]:
    stmt = select(BroadcastDelivery).where(col(BroadcastDelivery.person_id) == person_id)
    return [
        {"announcement": d.broadcast_id, "status": d.status, "sent_at": _iso(d.sent_at)}
        for d in session.execute(stmt).scalars()
    ]


def _link_codes(session: Session, person_id: int) -> list[dict[str, Any]]:
    stmt = select(LinkCode).where(col(LinkCode.person_id) == person_id)
    return [
        {"expires_at": _iso(c.expires_at), "used_at": _iso(c.used_at)}
        for c in session.execute(stmt).scalars()
    ]
