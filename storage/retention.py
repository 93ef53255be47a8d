"""Removing rows that have served their purpose (the `retention` job; periods in config)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, not_, or_, select, update
from sqlmodel import Session, col

from storage.models import (
    Conversation,
    Identity,
    LinkAttempt,
    LinkCode,
    Outbox,
    Person,
    ProcessedUpdate,
    StatusChange,
    Submission,
    WebMessage,
)

DONE = ("sent", "failed", "blocked")
DRAFT_FLOWS = ("sang_kien", "hien_ke")
DECIDED = ("recognized", "recognized_provincial", "not_recognized", "adopted", "declined",
           "archived")  # fmt: skip
KEEP_IN_STATE = ("consent_at", "profile")  # what a reset conversation still knows


def drop_processed_updates(session: Session, *, before: datetime) -> int:
    """Dedupe keys older than any redelivery (Telegram retries for at most a day)."""
    stmt = delete(ProcessedUpdate).where(col(ProcessedUpdate.received_at) < before)
    return _count(session.execute(stmt))


def drop_outbox(session: Session, *, before: datetime) -> int:
    """Messages sent or given up on; a failed digest message stays for the digest's retry."""
    ref = func.coalesce(col(Outbox.ref), "")  # NULL LIKE … is NULL, and NOT NULL keeps nothing
    retried = and_(ref.like("digest:%"), col(Outbox.status) != "sent")
    stmt = delete(Outbox).where(
        col(Outbox.status).in_(DONE), col(Outbox.created_at) < before, not_(retried)
    )
    return _count(session.execute(stmt))


def drop_web_messages(session: Session, *, before: datetime) -> int:
    stmt = delete(WebMessage).where(col(WebMessage.created_at) < before)
    return _count(session.execute(stmt))


def drop_link_codes(session: Session, *, before: datetime) -> int:
    """Codes expired (or used) before `before`, and the wrong tries counted before then
    (they name an account or a network address; the limits read only the last hour)."""
    stmt = delete(LinkCode).where(
        or_(col(LinkCode.expires_at) < before, col(LinkCode.used_at) < before)
    )
    tries = delete(LinkAttempt).where(col(LinkAttempt.at) < before)
    return _count(session.execute(stmt)) + _count(session.execute(tries))


def reset_abandoned_drafts(session: Session, *, before: datetime, now: datetime) -> list[Any]:
    """Drafts untouched since `before` are dropped (the menu stays); returns their answers,
    so the caller can remove the uploads they refer to."""
    stmt = select(Conversation).where(col(Conversation.updated_at) < before).with_for_update()
    dropped = []
    for row in session.execute(stmt).scalars():
        state = dict(row.state or {})
        if state.get("flow") not in DRAFT_FLOWS:
            continue
        dropped.append(state.get("answers"))
        kept = {key: state[key] for key in KEEP_IN_STATE if key in state}
        row.state = {**kept, "flow": "menu", "step": "menu", "index": 0, "answers": {},
                     "stack": []}  # fmt: skip
        row.updated_at = now
    return dropped


def forget_unconsented(session: Session, *, before: datetime) -> int:
    """Accounts created before `before` that never consented and hold nothing else."""
    has_entry = exists().where(col(Submission.person_id) == col(Person.id))
    stmt = select(Person).where(
        col(Person.consent_at).is_(None),
        col(Person.erased_at).is_(None),
        col(Person.merged_into).is_(None),
        col(Person.created_at) < before,
        ~has_entry,
    )
    forgotten = 0
    for person in session.execute(stmt).scalars():
        identities = list(
            session.execute(select(Identity).where(col(Identity.person_id) == person.id)).scalars()
        )
        states = _states(session, [i.id or 0 for i in identities])
        if any(s.get("consent_at") for s in states.values()) or _is_target(session, person):
            continue
        if any(row_at >= before for row_at in _touched(session, states)):
            continue
        _forget(session, person, identities)
        forgotten += 1
    return forgotten


def _states(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    stmt = select(Conversation).where(col(Conversation.identity_id).in_(ids))
    return {row.identity_id: dict(row.state or {}) for row in session.execute(stmt).scalars()}


def _touched(session: Session, states: dict[int, dict[str, Any]]) -> list[datetime]:
    stmt = select(col(Conversation.updated_at)).where(
        col(Conversation.identity_id).in_(list(states))
    )
    return list(session.execute(stmt).scalars())


def _is_target(session: Session, person: Person) -> bool:
    """Another person was merged into this one: it is not a stranger's account."""
    stmt = select(func.count()).select_from(Person).where(col(Person.merged_into) == person.id)
    return bool(session.execute(stmt).scalar_one())


def _forget(session: Session, person: Person, identities: list[Identity]) -> None:
    ids = [i.id for i in identities]
    session.execute(delete(Conversation).where(col(Conversation.identity_id).in_(ids)))
    session.execute(update(Outbox).where(col(Outbox.identity_id).in_(ids)).values(identity_id=None))
    session.execute(delete(LinkCode).where(col(LinkCode.person_id) == person.id))
    for identity in identities:
        session.delete(identity)
    session.flush()
    session.delete(person)
    session.flush()


def expire_kept_entries(session: Session, *, decided_before: datetime) -> int:
    """Entries of erased people, decided before `decided_before`: the names kept for the
    council's decision go too."""
    last_change = (
        select(func.max(col(StatusChange.at)))
        .where(col(StatusChange.submission_id) == col(Submission.id))
        .scalar_subquery()
    )
    erased = select(col(Person.id)).where(col(Person.erased_at).is_not(None))
    stmt = select(Submission).where(
        col(Submission.person_id).in_(erased),
        col(Submission.status).in_(DECIDED),
        last_change < decided_before,
    )
    changed = 0
    for submission in session.execute(stmt).scalars():
        fields = submission.fields or {}
        if not submission.author and not fields.get("authors") and not fields.get(
            "trial_participants"
        ):
            continue
        submission.author = {}
        submission.fields = {**fields, "authors": [], "trial_participants": []}
        submission.quality_flags = None  # the desk's checklist flags are worked out again
        changed += 1
    return changed


def clear_display_names(session: Session) -> int:
    """Platform names stored by earlier versions: nothing reads them."""
    stmt = update(Identity).where(col(Identity.display_name).is_not(None)).values(display_name=None)
    return _count(session.execute(stmt))


def _count(result: Any) -> int:
    return int(result.rowcount or 0)
