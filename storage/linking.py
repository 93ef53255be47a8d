"""Account linking in storage: one-time codes, and merging one person into another."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text, update
from sqlmodel import Session, col

from storage.models import Identity, LinkAttempt, LinkCode, Person, Submission

MAX_DRAWS = 20


def issue_code(
    session: Session,
    *,
    person_id: int,
    now: datetime,
    ttl: timedelta,
    draw: Callable[[], str],
    issuer_identity_id: int | None = None,
) -> str:
    """A fresh code for the person; their older open codes stop working (one at a time)."""
    _retire_codes(session, person_id=person_id, now=now)
    for _ in range(MAX_DRAWS):
        code = draw()
        existing = session.get(LinkCode, code)
        if existing is not None:
            if existing.used_at is None and existing.expires_at > now:
                continue  # someone else's live code
            session.delete(existing)  # a spent code's number may be drawn again
            session.flush()
        session.add(
            LinkCode(
                code=code,
                person_id=person_id,
                created_at=now,
                expires_at=now + ttl,
                issuer_identity_id=issuer_identity_id,
            )
        )
        session.flush()
        return code
    raise RuntimeError(f"no free link code after {MAX_DRAWS} draws")


def _retire_codes(session: Session, *, person_id: int, now: datetime) -> None:
    session.execute(
        update(LinkCode)
        .where(
            col(LinkCode.person_id) == person_id,
            col(LinkCode.used_at).is_(None),
            col(LinkCode.expires_at) > now,
        )
        .values(expires_at=now)
    )


def take_code(session: Session, *, code: str, now: datetime) -> LinkCode | None:
    """The live code, locked until commit (two redeemers queue); None if unknown, spent, expired."""
    row = (
        session.execute(select(LinkCode).where(col(LinkCode.code) == code).with_for_update())
        .scalars()
        .first()
    )
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    if row.requester_identity_id is not None:  # already typed once: waits for its owner
        return None
    return row


def serialise_tries(session: Session) -> None:
    """Counting wrong codes and recording one is a single step for everyone: on PostgreSQL a
    transaction-wide advisory lock (concurrent guesses would each see the count below the
    limit); SQLite serialises writes already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(731957)"))


def recent_wrong(session: Session, *, sources: list[str], since: datetime) -> dict[str, int]:
    """Wrong codes counted per source since `since` (sources without any are absent)."""
    stmt = (
        select(col(LinkAttempt.source), func.count())
        .where(col(LinkAttempt.source).in_(sources), col(LinkAttempt.at) > since)
        .group_by(LinkAttempt.source)
    )
    return {source: int(count) for source, count in session.execute(stmt).all()}


def oldest_wrong(session: Session, *, source: str, since: datetime) -> datetime | None:
    stmt = select(func.min(LinkAttempt.at)).where(
        col(LinkAttempt.source) == source, col(LinkAttempt.at) > since
    )
    found: datetime | None = session.execute(stmt).scalar()
    return found


def record_wrong(
    session: Session, *, sources: list[str], now: datetime, code_limit: int, keep: timedelta
) -> None:
    """Count a wrong code against each source and against every live code (from anyone):
    a live code dies after `code_limit` wrong tries, so no code survives a guessing run."""
    session.execute(delete(LinkAttempt).where(col(LinkAttempt.at) <= now - keep))
    session.add_all(LinkAttempt(source=source, at=now) for source in sources)
    live = (col(LinkCode.used_at).is_(None), col(LinkCode.expires_at) > now)
    session.execute(update(LinkCode).where(*live).values(wrong_tries=LinkCode.wrong_tries + 1))
    session.execute(
        update(LinkCode)
        .where(*live, col(LinkCode.wrong_tries) >= code_limit)
        .where(col(LinkCode.requester_identity_id).is_(None))
        .values(expires_at=now)
    )
    session.flush()


def pending_request(
    session: Session, *, code: str, person_id: int, now: datetime
) -> LinkCode | None:
    """The typed code of this person still waiting for their answer, locked until commit."""
    row = (
        session.execute(select(LinkCode).where(col(LinkCode.code) == code).with_for_update())
        .scalars()
        .first()
    )
    if row is None or row.used_at is not None or row.requester_identity_id is None:
        return None
    owner = final_person(session, person_id=row.person_id)
    if owner is None or owner.id != person_id or row.expires_at <= now:
        return None
    return row


def late_request(session: Session, *, code: str, person_id: int, now: datetime) -> LinkCode | None:
    """This person's typed code whose lifetime ended unanswered, locked until commit."""
    row = (
        session.execute(select(LinkCode).where(col(LinkCode.code) == code).with_for_update())
        .scalars()
        .first()
    )
    if row is None or row.used_at is not None or row.requester_identity_id is None:
        return None
    owner = final_person(session, person_id=row.person_id)
    if owner is None or owner.id != person_id or row.expires_at > now:
        return None
    return row


def final_person(session: Session, *, person_id: int) -> Person | None:
    """The person a code names, following earlier merges to where they ended up."""
    person = session.get(Person, person_id)
    seen: set[int] = set()
    while person is not None and person.merged_into is not None and person.id not in seen:
        seen.add(person.id or 0)
        person = session.get(Person, person.merged_into)
    return person


def merge_person(
    session: Session, *, source: Person, target: Person, now: datetime
) -> list[Identity]:
    """Move every account and entry of `source` to `target`; returns the accounts moved.

    The source row stays (merged_into points at the target) without its personal data,
    which now lives only on the target.
    """
    identities = list(
        session.execute(
            select(Identity).where(col(Identity.person_id) == source.id).with_for_update()
        ).scalars()
    )
    for identity in identities:
        identity.person_id = target.id or 0
    session.execute(
        update(Submission).where(col(Submission.person_id) == source.id).values(person_id=target.id)
    )
    session.execute(  # earlier merges into the source now point straight at the target
        update(Person).where(col(Person.merged_into) == source.id).values(merged_into=target.id)
    )
    _retire_codes(session, person_id=source.id or 0, now=now)
    source.merged_into = target.id
    source.name = source.agency = source.position = source.phone = None
    session.flush()
    return identities


def profile_of(person: Person) -> dict[str, str | None]:
    return {
        "name": person.name,
        "agency": person.agency,
        "position": person.position,
        "phone": person.phone,
    }


def identities_of(session: Session, *, person_id: int) -> list[Identity]:
    stmt = select(Identity).where(col(Identity.person_id) == person_id).order_by(col(Identity.id))
    return list(session.execute(stmt).scalars())
