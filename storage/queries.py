"""Query functions for people, identities, conversations and submissions (keyword-only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlmodel import Session, col

from storage.models import (
    CodeCounter,
    Conversation,
    Identity,
    Person,
    ProcessedUpdate,
    StatusChange,
    Submission,
    WebMessage,
)
from storage.upserts import Prepared, insert_for, table_of

CODE_PREFIX = {"sang_kien": "SK", "hien_ke": "HK"}


_CLAIM = Prepared(
    lambda insert: (
        insert(table_of(ProcessedUpdate))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(table_of(ProcessedUpdate).c.key)
    )
)


def claim_update(session: Session, *, key: str, now: datetime) -> bool:
    """Record an inbound update; False when it was recorded before (a redelivery)."""
    return _CLAIM.run(session, {"key": key, "received_at": now}).first() is not None


def lock_identity(
    session: Session,
    *,
    channel: str,
    user_id: str,
    chat_id: str,
    display_name: str | None,
    now: datetime,
) -> Identity:
    """Find or create the identity and lock it for this transaction (per-user ordering)."""
    identity = _select_identity(session, channel, user_id, lock=True)
    if identity is None:
        person = Person(created_at=now)
        session.add(person)
        session.flush()
        stmt = insert_for(session, Identity).values(
            channel=channel,
            channel_user_id=user_id,
            chat_id=_own_chat(channel, user_id, chat_id),
            person_id=person.id,
            display_name=display_name,
            created_at=now,
        )
        session.execute(stmt.on_conflict_do_nothing(index_elements=["channel", "channel_user_id"]))
        identity = _select_identity(session, channel, user_id, lock=True)
        assert identity is not None
        if identity.person_id != person.id:  # lost a creation race: drop our orphan
            session.delete(person)
    chat_id = _own_chat(channel, user_id, chat_id)
    if identity.chat_id != chat_id:
        identity.chat_id = chat_id
    return identity


def open_conversation(
    session: Session, *, channel: str, user_id: str, chat_id: str, now: datetime
) -> tuple[Identity, Person, dict[str, Any]]:
    """Lock the user's identity for this transaction (per-user ordering) and read, in one
    statement, the identity, its person and the dialogue state ({} before the first step).

    A first-time user's person and identity are created first (with no display name).
    """
    row = _select_conversation(session, channel, user_id)
    if row is None:
        lock_identity(
            session, channel=channel, user_id=user_id, chat_id=chat_id, display_name=None, now=now
        )
        row = _select_conversation(session, channel, user_id)
        assert row is not None
    identity, person, state = row
    chat = _own_chat(channel, user_id, chat_id)
    if identity.chat_id != chat:
        identity.chat_id = chat
    return identity, person, dict(state or {})


def _select_conversation(
    session: Session, channel: str, user_id: str
) -> tuple[Identity, Person, dict[str, Any] | None] | None:
    stmt = (
        select(Identity, Person, col(Conversation.state))
        .join(Person, col(Person.id) == col(Identity.person_id))
        .outerjoin(Conversation, col(Conversation.identity_id) == col(Identity.id))
        .where(col(Identity.channel) == channel, col(Identity.channel_user_id) == user_id)
        .with_for_update(of=Identity)  # type: ignore[arg-type]
        .execution_options(populate_existing=True)  # the values as of the lock, never cached
    )
    row = session.execute(stmt).first()
    return None if row is None else (row[0], row[1], row[2])


def _upsert_state(insert: Callable[..., Any]) -> Any:
    stmt = insert(table_of(Conversation))
    return stmt.on_conflict_do_update(
        index_elements=["identity_id"],
        set_={"state": stmt.excluded.state, "updated_at": stmt.excluded.updated_at},
    )


_STORE_STATE = Prepared(_upsert_state)


def store_state(
    session: Session, *, identity_id: int, state: dict[str, Any], now: datetime
) -> None:
    """Write the dialogue state in one statement, whether or not a row exists yet.

    Plain SQL, after a flush: a Conversation object an effect changed earlier in the
    transaction (account linking) is written first, and nothing writes it after this.
    """
    _STORE_STATE.run(session, {"identity_id": identity_id, "state": state, "updated_at": now})


def _own_chat(channel: str, user_id: str, chat_id: str) -> str:
    # A message written in a Telegram group must not send the writer's own notices
    # (status changes, reminders) into that group: their private chat id is their user id.
    return user_id if channel == "telegram" and chat_id.startswith("-") else chat_id


def _select_identity(
    session: Session, channel: str, user_id: str, *, lock: bool
) -> Identity | None:
    stmt = select(Identity).where(
        col(Identity.channel) == channel, col(Identity.channel_user_id) == user_id
    )
    if lock:
        stmt = stmt.with_for_update()
    session.expire_all()
    return session.execute(stmt).scalars().first()


def identity_exists(session: Session, *, identity_id: int) -> bool:
    """False once a handler removed the identity in this transaction (consent declined)."""
    session.flush()
    stmt = select(Identity.id).where(col(Identity.id) == identity_id)  # type: ignore[call-overload]
    return session.execute(stmt).first() is not None


def get_person(session: Session, *, person_id: int) -> Person:
    person = session.get(Person, person_id)
    assert person is not None
    return person


def load_state(session: Session, *, identity_id: int) -> dict[str, Any]:
    row = session.get(Conversation, identity_id)
    return dict(row.state) if row else {}


def save_state(session: Session, *, identity_id: int, state: dict[str, Any], now: datetime) -> None:
    row = session.get(Conversation, identity_id)
    if row is None:
        session.add(Conversation(identity_id=identity_id, state=state, updated_at=now))
    else:
        row.state = state
        row.updated_at = now


def save_profile(
    session: Session, *, person: Person, profile: dict[str, str | None], consent_at: datetime | None
) -> None:
    person.name = profile.get("name")
    person.agency = profile.get("agency")
    person.position = profile.get("position")
    person.phone = profile.get("phone")
    if consent_at is not None and person.consent_at is None:
        person.consent_at = consent_at
    person.erased_at = None


def next_code(session: Session, *, kind: str, year: int) -> str:
    """Issue the next tracking code inside the caller's transaction (never reused)."""
    key = f"{CODE_PREFIX[kind]}-{year}"
    session.execute(
        insert_for(session, CodeCounter)
        .values(key=key, value=0)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    value = session.execute(
        update(CodeCounter)
        .where(col(CodeCounter.key) == key)
        .values(value=CodeCounter.value + 1)
        .returning(col(CodeCounter.value))
    ).scalar_one()
    return f"{key}-{value:05d}"


def create_submission(
    session: Session,
    *,
    identity: Identity,
    person: Person,
    kind: str,
    title: str,
    fields: dict[str, Any],
    code: str,
    now: datetime,
) -> Submission:
    author = {
        "name": person.name,
        "agency": person.agency,
        "position": person.position,
        "channel": identity.channel,
        "channel_user_id": identity.channel_user_id,
    }
    submission = Submission(
        code=code,
        kind=kind,
        status="submitted",
        title=title,
        fields=fields,
        person_id=person.id or 0,
        identity_id=identity.id or 0,
        author=author,
        agency=person.agency,
        created_at=now,
        submitted_at=now,
        updated_at=now,
    )
    for name, value in indexed_fields(fields).items():
        setattr(submission, name, value)
    session.add(submission)
    session.flush()
    session.add(
        StatusChange(
            submission_id=submission.id or 0,
            status="submitted",
            at=now,
            by=f"{identity.channel}:{identity.channel_user_id}",
        )
    )
    return submission


def indexed_fields(fields: dict[str, Any]) -> dict[str, str | None]:
    """The columns copied from an entry's fields so the desk can filter on them."""
    field, scope = fields.get("field"), fields.get("scope")
    return {
        "field": str(field)[:200] if field else None,
        "scope": str(scope)[:16] if scope else None,
    }


def person_submissions(session: Session, *, person_id: int) -> list[Submission]:
    stmt = (
        select(Submission)
        .where(col(Submission.person_id) == person_id)
        .order_by(col(Submission.id).desc())
    )
    return list(session.execute(stmt).scalars())


def get_submission(session: Session, *, code: str) -> Submission | None:
    stmt = select(Submission).where(Submission.code == code)  # type: ignore[arg-type]
    return session.execute(stmt).scalars().first()


def submission_history(session: Session, *, submission_id: int) -> list[StatusChange]:
    stmt = (
        select(StatusChange)
        .where(col(StatusChange.submission_id) == submission_id)
        .order_by(col(StatusChange.id))
    )
    return list(session.execute(stmt).scalars())


def histories(session: Session, *, submission_ids: list[int]) -> dict[int, list[StatusChange]]:
    """The history of many submissions in one query (a page of the API, an export)."""
    found: dict[int, list[StatusChange]] = {sid: [] for sid in submission_ids}
    if not submission_ids:
        return found
    stmt = (
        select(StatusChange)
        .where(col(StatusChange.submission_id).in_(submission_ids))
        .order_by(col(StatusChange.id))
    )
    for change in session.execute(stmt).scalars():
        found[change.submission_id].append(change)
    return found


def search_submissions(
    session: Session,
    *,
    status: str | None = None,
    kind: str | None = None,
    agency: str | None = None,
    since: datetime | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Submission], int]:
    conditions: list[Any] = []
    if status:
        conditions.append(Submission.status == status)
    if kind:
        conditions.append(Submission.kind == kind)
    if agency:
        conditions.append(Submission.agency == agency)
    if since:
        conditions.append(Submission.submitted_at >= since)  # type: ignore[operator]
    if q:
        pattern = f"%{q}%"
        conditions.append(or_(Submission.title.ilike(pattern), Submission.code.ilike(pattern)))  # type: ignore[attr-defined]
    total = session.execute(
        select(func.count()).select_from(Submission).where(*conditions)
    ).scalar_one()
    stmt = (
        select(Submission)
        .where(*conditions)
        .order_by(col(Submission.id).desc())
        .limit(limit)
        .offset(offset)
    )  # type: ignore[union-attr]
    return list(session.execute(stmt).scalars()), int(total)


def add_web_messages(
    session: Session, *, chat_id: str, role: str, payloads: list[dict[str, Any]], now: datetime
) -> None:
    for payload in payloads:
        session.add(WebMessage(chat_id=chat_id, role=role, payload=payload, created_at=now))


def web_messages(
    session: Session, *, chat_id: str, after: int = 0, limit: int = 500
) -> list[WebMessage]:
    stmt = (
        select(WebMessage)
        .where(col(WebMessage.chat_id) == chat_id, col(WebMessage.id) > after)
        .order_by(col(WebMessage.id))
        .limit(limit)
    )  # type: ignore[arg-type]
    return list(session.execute(stmt).scalars())
