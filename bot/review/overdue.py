"""Entries waiting for a decision too long, listed to the reviewers once a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import notify
from bot.messages import Outgoing
from bot.review import catalogue as review_text
from bot.review import catalogue_digest as text
from bot.review.digest_render import plain
from bot.review.transitions import OPEN
from storage import reminders, roles
from storage import review as store
from storage.db import Database
from storage.models import Submission

SHOWN = 40  # a longer list is cut: the rest is in the API and the export


def run_review_sla(
    db: Database, *, reviewers: Sequence[str], days: int, tz: ZoneInfo, now: datetime
) -> str:
    today = now.astimezone(tz).date()
    with db.write() as session:
        waiting = store.waiting_since(session, statuses=OPEN, before=now - timedelta(days=days))
        if not waiting:
            return "no entry is overdue"
        recipients = roles.principals(session, role="reviewer", configured=reviewers)
        if not recipients or not reminders.claim(
            session, key=f"review_sla:{today.isoformat()}", kind="review_sla", now=now
        ):
            return "already listed today" if recipients else "no reviewer to tell"
        message = _listing(waiting, days=days, tz=tz, now=now)
        for principal in recipients:
            channel, chat_id = notify.split_principal(principal)
            notify.to_chat(session, channel, chat_id, [message], now=now, priority=notify.NOTICE)
    return f"{len(waiting)} overdue entries listed to {len(recipients)} reviewer chats"


def _listing(
    waiting: Sequence[tuple[Submission, datetime]], *, days: int, tz: ZoneInfo, now: datetime
) -> Outgoing:
    count = len(waiting)
    lines = [text.OVERDUE_HEADER.format(days=days, count=count)]
    for submission, since in waiting[:SHOWN]:
        lines.append(
            text.OVERDUE_LINE.format(
                code=submission.code,
                label=review_text.STATUS_LABELS.get(submission.status, submission.status),
                since=since.astimezone(tz).strftime("%d/%m/%Y"),
                waited=(now - since).days,
                title=plain(submission.title, 90),
            )
        )
    if count > SHOWN:
        lines.append(text.OVERDUE_MORE.format(count=count - SHOWN))
    return Outgoing("\n".join(lines))
