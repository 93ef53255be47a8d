"""Who an announcement goes to: one identity per person, and each person's delivery state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage.models import Conversation, Identity, Person


@dataclass(frozen=True)
class Recipient:
    """A person of the audience, the identity chosen for them, and the state they start in."""

    person_id: int
    identity_id: int
    channel: str
    chat_id: str
    status: str  # pending | unreachable | opted_out


def audience(
    session: Session,
    *,
    agencies: Sequence[str],
    channels: Sequence[str],
    fold: Callable[[str], str],
) -> list[Recipient]:
    """People who consented and were neither erased nor merged, with an identity on one of
    `channels` (all when empty) and, when `agencies` is given, an agency among them (compared
    folded, so "Sở y tế" matches "Sở Y tế")."""
    wanted = {fold(a) for a in agencies}
    active = func.coalesce(col(Conversation.updated_at), col(Identity.created_at))
    stmt = (
        select(Identity, col(Person.subscribed), col(Person.agency), active)
        .join(Person, col(Person.id) == col(Identity.person_id))
        .outerjoin(Conversation, col(Conversation.identity_id) == col(Identity.id))
        .where(
            col(Person.consent_at).is_not(None),
            col(Person.erased_at).is_(None),
            col(Person.merged_into).is_(None),
        )
    )
    if channels:
        stmt = stmt.where(col(Identity.channel).in_(list(channels)))
    best: dict[int, tuple[tuple[bool, datetime, int], Recipient]] = {}
    for identity, subscribed, agency, last_active in session.execute(stmt):
        if wanted and fold(agency or "") not in wanted:
            continue
        reachable = identity.unreachable_at is None
        # The most recently active reachable identity wins; an unreachable one only if no other.
        rank = (reachable, last_active, identity.id or 0)
        status = "opted_out" if not subscribed else ("pending" if reachable else "unreachable")
        found = best.get(identity.person_id)
        if found is None or rank > found[0]:
            best[identity.person_id] = (rank, _recipient(identity, status))
    return [recipient for _, recipient in sorted(best.values(), key=lambda r: r[1].person_id)]


def _recipient(identity: Identity, status: str) -> Recipient:
    # A Telegram user writing in a group moves chat_id to the group; announcements go to
    # their private chat, whose id is the user id (bot.notify.private_chat says the same).
    chat = identity.channel_user_id if identity.channel == "telegram" else identity.chat_id
    return Recipient(identity.person_id, identity.id or 0, identity.channel, chat, status)
