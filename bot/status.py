"""Changing an entry's status: check the rule, keep the history, tell the author at once."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import notify
from bot.review.notices import author_notice
from bot.review.transitions import Actor, refusal
from storage import review as store
from storage.models import StatusChange, Submission

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """The change made, or why not (`reason`, Vietnamese); `submission` None: no such code."""

    submission: Submission | None
    reason: str | None = None
    change: StatusChange | None = None  # the history row written, when the change was made

    @property
    def ok(self) -> bool:
        return self.submission is not None and self.reason is None


def change(
    session: Session,
    *,
    code: str,
    status: str,
    note: str | None,
    by: str,
    now: datetime,
    actor: Actor = "reviewer",
) -> Outcome:
    """Apply one change under the entry's row lock; refused changes leave no trace."""
    submission = store.lock_submission(session, code=code)
    if submission is None:
        return Outcome(None)
    note = (note or "").strip() or None
    reason = refusal(submission.kind, submission.status, status, actor=actor, note=note)
    if reason is not None:
        return Outcome(submission, reason)
    row = store.change_status(
        session, submission=submission, status=status, by=by, note=note, now=now
    )
    tell_author(session, submission, note=note, now=now)
    # The actor names a person (a reviewer or a token holder): it stays in the history, not the log.
    log.info("%s is now %s (by a %s)", code, status, actor)
    return Outcome(submission, change=row)


def tell_author(
    session: Session, submission: Submission, *, note: str | None, now: datetime
) -> None:
    tell_authors(session, [submission], note=note, now=now)


def tell_authors(
    session: Session, submissions: Sequence[Submission], *, note: str | None, now: datetime
) -> None:
    """Each author hears of the new status in their own channel (web: their transcript)."""
    identities = store.identities(session, ids={s.identity_id for s in submissions})
    erased = store.erased_people(session, ids={s.person_id for s in submissions})
    for submission in submissions:
        identity = identities.get(submission.identity_id)
        if identity is None or submission.person_id in erased:
            continue  # they asked us to forget how to reach them
        message = author_notice(
            code=submission.code,
            kind=submission.kind,
            title=submission.title,
            status=submission.status,
            note=note,
            buttons=identity.channel != "zalo",  # Zalo has no buttons: the text says what to type
        )
        notify.to_identity(session, identity, [message], now=now, priority=notify.NOTICE)
