"""Many people with identities written straight to the database, for announcement tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from storage.db import Database
from storage.models import Identity, Person
from storage.types import utcnow


@dataclass
class Crowd:
    """Who was added, by what should become of an announcement to them (chat ids)."""

    eligible: list[str] = field(default_factory=list)
    opted_out: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # flagged before the announcement
    excluded: list[str] = field(default_factory=list)  # no consent, erased or merged: no row


def add_people(
    db: Database,
    *,
    channel: str,
    count: int,
    first_id: int = 100_000,
    opted_out: int = 0,
    unreachable: int = 0,
    excluded: int = 0,
    agency: str = "Sở Y tế",
    now: datetime | None = None,
) -> Crowd:
    """`count` people on `channel`, the first ones opted out, then unreachable, then excluded."""
    now = now or utcnow()
    crowd = Crowd()
    with db.write() as session:
        people = []
        for n in range(count):
            chat = str(first_id + n)
            kind = _kind(n, opted_out, unreachable, excluded)
            getattr(crowd, kind).append(chat)
            person = Person(
                name=f"Người {n}",
                agency=agency,
                consent_at=None if kind == "excluded" and n % 3 == 0 else now,
                subscribed=kind != "opted_out",
                erased_at=now if kind == "excluded" and n % 3 == 1 else None,
                created_at=now,
            )
            people.append((person, chat, kind))
        session.add_all([p for p, _, _ in people])
        session.flush()
        for n, (person, chat, kind) in enumerate(people):
            if kind == "excluded" and n % 3 == 2:  # joined into another person (/lienket)
                person.merged_into = people[0][0].id
            session.add(_identity(person, channel, chat, kind, now))
    return crowd


def _kind(n: int, opted_out: int, unreachable: int, excluded: int) -> str:
    if n < opted_out:
        return "opted_out"
    if n < opted_out + unreachable:
        return "unreachable"
    if n < opted_out + unreachable + excluded:
        return "excluded"
    return "eligible"


def _identity(person: Person, channel: str, chat: str, kind: str, now: datetime) -> Identity:
    return Identity(
        channel=channel,
        channel_user_id=chat,
        chat_id=chat,
        person_id=person.id or 0,
        unreachable_at=now - timedelta(days=1) if kind == "unreachable" else None,
        created_at=now,
    )
