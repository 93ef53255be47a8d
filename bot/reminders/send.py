"""Sending reminders: idle drafts after each delay, deadlines to subscribers; each once."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import notify
from bot.messages import Button, Outgoing
from bot.reminders import catalogue as text
from bot.reminders import rules
from storage import reminders
from storage.db import Database
from storage.models import Conversation, Identity

log = logging.getLogger(__name__)
CATCH_UP = timedelta(days=7)  # drafts idle longer than the last delay plus this: left alone
RESUME = "menu:resume"  # the engine resumes the draft on this value (like /tieptuc)


@dataclass(frozen=True)
class Deadline:
    name: str
    date: date
    days_before: tuple[int, ...]


@dataclass(frozen=True)
class ReminderSetup:
    draft_delays: tuple[timedelta, ...]  # ascending
    deadlines: tuple[Deadline, ...]
    tz: ZoneInfo


def run_reminders(db: Database, setup: ReminderSetup, *, now: datetime) -> str:
    drafts = draft_reminders(db, setup, now=now)
    deadlines = deadline_reminders(db, setup, now=now)
    return f"{drafts} draft reminders, {deadlines} deadline reminders"


def draft_reminders(db: Database, setup: ReminderSetup, *, now: datetime) -> int:
    delays = setup.draft_delays
    if not delays:
        return 0
    sent = 0
    with db.write() as session:
        idle = reminders.idle_drafts(
            session, idle_before=now - delays[0], idle_after=now - delays[-1] - CATCH_UP
        )
        for conversation, identity in idle:
            index = rules.draft_step(conversation.updated_at, now, delays)
            if index is None:
                continue
            keys = [_draft_key(identity, conversation, delay) for delay in delays[: index + 1]]
            fresh = [reminders.claim(session, key=k, kind="draft", now=now) for k in keys]
            if not fresh[-1]:
                continue  # this one went out already (earlier ones are claimed with it)
            message = _draft_message(
                conversation, identity, last=index == len(delays) - 1, tz=setup.tz
            )
            notify.to_identity(session, identity, [message], now=now, priority=notify.REMINDER)
            sent += 1
    return sent


def _draft_key(identity: Identity, conversation: Conversation, delay: timedelta) -> str:
    # Keyed by the moment the user went idle: coming back and leaving again starts over.
    idle = conversation.updated_at.isoformat(timespec="seconds")
    return f"draft:{identity.id}:{idle}:{int(delay.total_seconds())}"


def _draft_message(
    conversation: Conversation, identity: Identity, *, last: bool, tz: ZoneInfo
) -> Outgoing:
    kind = text.KIND_NAMES.get(str(conversation.state.get("flow")), "")
    when = conversation.updated_at.astimezone(tz).strftime("%H:%M %d/%m/%Y")
    template = text.DRAFT_LAST if last else text.DRAFT_FIRST
    if identity.channel == "zalo":  # no buttons on Zalo: say what to type
        return Outgoing(template.format(kind=kind, when=when, how=text.HOW_TYPED))
    body = template.format(kind=kind, when=when, how=text.HOW_BUTTON)
    return Outgoing(body, (Button(text.RESUME_BUTTON, RESUME),))


def deadline_reminders(db: Database, setup: ReminderSetup, *, now: datetime) -> int:
    today = now.astimezone(setup.tz).date()
    due = [
        (d, n)
        for d in setup.deadlines
        if (n := rules.deadline_step(d.date, d.days_before, today)) is not None
    ]
    sent = 0
    for deadline, days in due:
        prefix = f"deadline:{_short(deadline.name)}:{deadline.date.isoformat()}:{days}"
        with db.write() as session:
            # One key for the whole round: the job runs every few minutes and must not walk
            # through every subscriber each time; each person's own key keeps it once-only.
            if not reminders.claim(session, key=f"{prefix}:all", kind="deadline", now=now):
                continue
            message = _deadline_message(deadline, today)
            for identity in reminders.subscribers(session):
                key = f"{prefix}:{identity.person_id}"
                if reminders.claim(session, key=key, kind="deadline", now=now):
                    notify.to_identity(
                        session, identity, [message], now=now, priority=notify.REMINDER
                    )
                    sent += 1
    log.info("deadline reminders: %d sent", sent)
    return sent


def _deadline_message(deadline: Deadline, today: date) -> Outgoing:
    left = (deadline.date - today).days
    return Outgoing(
        text.DEADLINE.format(
            name=deadline.name,
            date=deadline.date.strftime("%d/%m/%Y"),
            left=text.DAYS_LEFT.format(days=left) if left else text.TODAY,
        )
    )


def _short(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def delays_from(values: Sequence[str]) -> tuple[timedelta, ...]:
    return tuple(sorted(rules.parse_delay(v) for v in values))
