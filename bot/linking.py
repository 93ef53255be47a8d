"""Runner side of /lienket: draw one-time codes, and merge the two accounts' people."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from bot.dialogue import linked_elsewhere, on_link_code, on_link_refused, on_linked
from bot.dialogue.flows.link import (
    CODE_MINUTES,
    adopt,
    ask_owner,
    on_link_answered,
    on_link_requested,
    requester_declined,
    requester_expired,
)
from bot.dialogue.link_types import AnswerLink, IssueLinkCode, RedeemLinkCode
from bot.dialogue.types import StepResult
from bot.effects import EffectContext, Handler
from storage import linking, outbox, queries
from storage.models import Identity, LinkCode, Person

log = logging.getLogger(__name__)

CODE_TTL = timedelta(minutes=CODE_MINUTES)
# Wrong codes, counted in the database (a cookieless web request is a new account each
# time, so nothing kept in a conversation could hold). README: the time to guess a code.
CODE_WRONG_LIMIT = 5  # a live code dies after this many wrong codes typed by anyone
WINDOW = timedelta(hours=1)
LIMITS = {"identity": 5, "person": 5, "address": 10, "all": 30}  # wrong codes per hour


def draw_code() -> str:
    """Six digits from the OS's CSPRNG: the code is the only proof of owning the account."""
    return f"{secrets.randbelow(1_000_000):06d}"


def issue_link_code(ctx: EffectContext, _effect: IssueLinkCode) -> StepResult:
    code = linking.issue_code(
        ctx.session,
        person_id=ctx.person.id or 0,
        now=ctx.now,
        ttl=CODE_TTL,
        draw=draw_code,
        issuer_identity_id=ctx.identity.id,
    )
    log.info("link code issued for person %s", ctx.person.id)
    return on_link_code(ctx.dialogue, ctx.state, code=code, minutes=CODE_MINUTES, now=ctx.now)


def redeem_link_code(ctx: EffectContext, effect: RedeemLinkCode) -> StepResult:
    """A right code asks its owner (nothing is merged yet); a wrong one is counted."""
    sources = _sources(ctx, effect.origin)
    linking.serialise_tries(ctx.session)  # held until commit: counts cannot be overtaken
    wait = _over_limit(ctx, sources)
    if wait is not None:  # refused before the code is even looked up: no oracle
        log.info("identity %s: link code refused, wrong-try limit reached", ctx.identity.id)
        return on_link_refused(ctx.dialogue, ctx.state, reason="limited", now=ctx.now, minutes=wait)
    row = linking.take_code(ctx.session, code=effect.code, now=ctx.now)
    target = linking.final_person(ctx.session, person_id=row.person_id) if row else None
    if row is None or target is None or not _usable(target):
        log.info("identity %s entered a wrong link code", ctx.identity.id)
        linking.record_wrong(
            ctx.session, sources=sources, now=ctx.now, code_limit=CODE_WRONG_LIMIT, keep=WINDOW
        )
        return on_link_refused(ctx.dialogue, ctx.state, reason="invalid", now=ctx.now)
    if target.id == ctx.person.id:
        return on_link_refused(ctx.dialogue, ctx.state, reason="same", now=ctx.now)
    owner = _owner_account(ctx, row, target)
    row.requester_identity_id, row.requested_at = ctx.identity.id, ctx.now
    row.expires_at = ctx.now + CODE_TTL  # the owner has the code's lifetime to answer
    state = queries.load_state(ctx.session, identity_id=owner.id or 0)
    asked, question = ask_owner(
        state, code=row.code, channel=ctx.identity.channel, until=row.expires_at
    )
    queries.save_state(ctx.session, identity_id=owner.id or 0, state=asked, now=ctx.now)
    _send(ctx, owner, [question.to_json()])
    log.info("identity %s asks to join person %s", ctx.identity.id, target.id)
    return on_link_requested(
        ctx.dialogue, ctx.state, owner_channel=owner.channel, minutes=CODE_MINUTES, now=ctx.now
    )


def answer_link(ctx: EffectContext, effect: AnswerLink) -> StepResult:
    """The owner's «Đồng ý» merges the requester's person into theirs; «Từ chối» voids it."""
    row = linking.pending_request(
        ctx.session, code=effect.code, person_id=ctx.person.id or 0, now=ctx.now
    )
    requester = ctx.session.get(Identity, row.requester_identity_id) if row else None
    void = requester is None or requester.person_id == ctx.person.id or not _usable(ctx.person)
    if row is None:
        _close_late(ctx, effect.code)
    if row is None or requester is None or void:
        return on_link_answered(ctx.dialogue, ctx.state, accepted=None, channel="", now=ctx.now)
    row.used_at = ctx.now
    if not effect.accept:
        _send(ctx, requester, [requester_declined().to_json()])
        log.info("person %s declined a link request", ctx.person.id)
    else:
        _merge(ctx, requester)
    return on_link_answered(
        ctx.dialogue, ctx.state, accepted=effect.accept, channel=requester.channel, now=ctx.now
    )


def _close_late(ctx: EffectContext, code: str) -> None:
    """An answer after the code's lifetime: nothing merges, and the requester hears so once."""
    row = linking.late_request(ctx.session, code=code, person_id=ctx.person.id or 0, now=ctx.now)
    requester = ctx.session.get(Identity, row.requester_identity_id) if row else None
    if row is None or requester is None:
        return
    row.used_at = ctx.now
    _send(ctx, requester, [requester_expired().to_json()])


def _merge(ctx: EffectContext, requester: Identity) -> None:
    target = ctx.person
    assert target.consent_at is not None  # only a usable person's code is ever requested
    source = queries.get_person(ctx.session, person_id=requester.person_id)
    already = linking.identities_of(ctx.session, person_id=target.id or 0)
    moved = linking.merge_person(ctx.session, source=source, target=target, now=ctx.now)
    _adopt_elsewhere(ctx, moved, target)
    state = queries.load_state(ctx.session, identity_id=requester.id or 0)
    told = on_linked(
        ctx.dialogue,
        state,
        profile=linking.profile_of(target),
        consent_at=target.consent_at,
        now=ctx.now,
    )  # the requester's own channel: "Đã liên kết tài khoản", then the menu
    queries.save_state(ctx.session, identity_id=requester.id or 0, state=told.state, now=ctx.now)
    _send(ctx, requester, [reply.to_json() for reply in told.replies])
    _tell([i for i in already if i.id != ctx.identity.id], ctx, requester.channel)
    log.info("identity %s joined person %s; person %s merged", requester.id, target.id, source.id)


def _sources(ctx: EffectContext, origin: str | None) -> list[str]:
    sources = [f"identity:{ctx.identity.id}", f"person:{ctx.person.id}", "all"]
    if origin:
        sources.append(f"address:{origin}"[:80])
    return sources


def _over_limit(ctx: EffectContext, sources: list[str]) -> int | None:
    """Minutes to wait when a source is at its limit of wrong codes this hour, else None."""
    since = ctx.now - WINDOW
    counts = linking.recent_wrong(ctx.session, sources=sources, since=since)
    for source, count in counts.items():
        if count >= LIMITS[source.split(":", 1)[0]]:
            oldest = linking.oldest_wrong(ctx.session, source=source, since=since) or ctx.now
            return max(1, -(-int((oldest + WINDOW - ctx.now).total_seconds()) // 60))
    return None


def _owner_account(ctx: EffectContext, row: LinkCode, target: Person) -> Identity:
    """The account that asked for the code answers; else the person's first account."""
    issuer = ctx.session.get(Identity, row.issuer_identity_id) if row.issuer_identity_id else None
    if issuer is not None and issuer.person_id == target.id:
        return issuer
    return linking.identities_of(ctx.session, person_id=target.id or 0)[0]


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


def _tell(identities: list[Identity], ctx: EffectContext, channel: str) -> None:
    """The person's other accounts hear of the new one: a stolen code does not go unseen."""
    payloads = [linked_elsewhere(channel).to_json()]
    for identity in identities:
        _send(ctx, identity, payloads)


def _send(ctx: EffectContext, identity: Identity, payloads: list[dict[str, object]]) -> None:
    """A message to an account other than the one being answered, on its own channel."""
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
    AnswerLink: answer_link,
}
