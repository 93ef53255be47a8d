"""Council members' scores of entries: written once per member and level, read back per entry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from storage.models import Identity, Person, Score


def submit(
    session: Session,
    *,
    submission_id: int,
    principal: str,
    level: str,
    points: dict[str, int],
    comment: str | None,
    now: datetime,
) -> bool:
    """Record a score; False when this member already scored the entry at this level."""
    if mine(session, submission_id=submission_id, principal=principal, level=level) is not None:
        return False
    session.add(
        Score(
            submission_id=submission_id,
            principal=principal,
            level=level,
            points=points,
            total=sum(points.values()),
            comment=comment,
            submitted_at=now,
        )
    )
    session.flush()
    return True


def mine(session: Session, *, submission_id: int, principal: str, level: str) -> Score | None:
    stmt = select(Score).where(
        col(Score.submission_id) == submission_id,
        col(Score.principal) == principal,
        col(Score.level) == level,
    )
    return session.execute(stmt).scalars().first()


def of_entry(session: Session, *, submission_id: int, level: str) -> list[Score]:
    stmt = (
        select(Score)
        .where(col(Score.submission_id) == submission_id, col(Score.level) == level)
        .order_by(col(Score.id))
    )
    return list(session.execute(stmt).scalars())


def author_principals(session: Session, *, person_id: int) -> set[str]:
    """Every chat account of the entry's author (CHANNEL:ID), and of people merged into them."""
    people = select(col(Person.id)).where(col(Person.merged_into) == person_id)
    stmt = select(col(Identity.channel), col(Identity.channel_user_id)).where(
        (col(Identity.person_id) == person_id) | col(Identity.person_id).in_(people)
    )
    return {f"{channel}:{user}" for channel, user in session.execute(stmt)}


def person_name(session: Session, *, principal: str) -> str | None:
    """The profile name of the person behind a chat account, if we know them."""
    channel, _, user = principal.partition(":")
    stmt = (
        select(col(Person.name))
        .join(Identity, col(Identity.person_id) == col(Person.id))
        .where(col(Identity.channel) == channel, col(Identity.channel_user_id) == user)
    )
    found = session.execute(stmt).scalars().first()
    return str(found) if found else None
