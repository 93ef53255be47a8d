"""Runner side of /lienket: draw one-time codes, and merge the two accounts' people."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from bot.dialogue import linked_elsewhere, on_link_code, on_link_refused, on_linked
from bot.dialogue.flow_link import CODE_MINUTES, adopt
from bot.dialogue.link_types import IssueLinkCode, RedeemLinkCode
from bot.dialogue.types import StepResult
from bot.effects import EffectContext, Handler
from storage import linking, outbox, queries
from storage.models import Identity, Person

log = logging.getLogger(__name__)

CODE_TTL = timedelta(minutes=CODE_MINUTES)


def draw_code() -> str:
    """Six digits from the OS's CSPRNG: the code is the only proof of owning the account."""
    return f"{secrets.randbelow(1_000_000):06d}"


def issue_link_code(ctx: EffectContext, _effect: IssueLinkCode) -> StepResult:
    code = linking.issue_code(
        ctx.session, person_id=ctx.person.id or 0, now=ctx.now, ttl=CODE_TTL, draw=draw_code
    )
    log.info("link code issued for person %s", ctx.person.id)
    return on_link_code(ctx.dialogue, ctx.state, code=code, minutes=CODE_MINUTES, now=ctx.now)


def redeem_link_code(ctx: EffectContext, effect: RedeemLinkCode) -> StepResult:
    row = linking.take_code(ctx.session, code=effect.code, now=ctx.now)
    target = linking.final_person(ctx.session, person_id=row.person_id) if row else None
    if row is None or target is None or not _usable(target):
        log.info("identity %s entered a wrong link code", ctx.identity.id)
        return on_link_refused(ctx.dialogue, ctx.state, reason="invalid", now=ctx.now)
    if target.id == ctx.person.id:
        return on_link_refused(ctx.dialogue, ctx.state, reason="same", now=ctx.now)
    assert target.consent_at is not None  # _usable checked it
    row.used_at = ctx.now
    already = linking.identities_of(ctx.session, person_id=target.id or 0)
    moved = linking.merge_person(ctx.session, source=ctx.person, target=target, now=ctx.now)
    _adopt_elsewhere(ctx, moved, target)
    _tell(ctx, already)
    log.info(
        "identity %s joined person %s; person %s merged", ctx.identity.id, target.id, ctx.person.id
    )
    return on_linked(
        ctx.dialogue,
        ctx.state,
        profile=linking.profile_of(target),
        consent_at=target.consent_at,
        now=ctx.now,
    )


def _usable(person: Person) -> bool:
    """A code of a person who erased their data (or never finished the profile) is void."""
    return person.erased_at is None and bool(person.name) and person.consent_at is not None


def _adopt_elsewhere(ctx: EffectContext, moved: list[Identity], target: Person) -> None:
    """Other accounts that moved with this one keep a profile copy in their state too."""
    assert target.consent_at is not None
    for identity in moved:
        if identity.id == ctx.identity.id:
            continue  # this account's state is the runner's, answered by on_linked
        state = queries.load_state(ctx.session, identity_id=identity.id or 0)
        if state:
            joined = adopt(state, profile=linking.profile_of(target), consent_at=target.consent_at)
            queries.save_state(ctx.session, identity_id=identity.id or 0, state=joined, now=ctx.now)


def _tell(ctx: EffectContext, identities: list[Identity]) -> None:
    """The person's existing accounts hear of the new one: a stolen code does not go unseen."""
    payloads = [linked_elsewhere(ctx.identity.channel).to_json()]
    for identity in identities:
        if identity.channel == "web":  # the page reads its transcript when next opened
            queries.add_web_messages(
                ctx.session, chat_id=identity.chat_id, role="bot", payloads=payloads, now=ctx.now
            )
        elif identity.unreachable_at is None:
            outbox.enqueue(
                ctx.session,
                channel=identity.channel,
                chat_id=identity.chat_id,
                identity_id=identity.id,
                payloads=payloads,
                now=ctx.now,
            )


LINK_HANDLERS: dict[type, Handler] = {
    IssueLinkCode: issue_link_code,
    RedeemLinkCode: redeem_link_code,
}
