"""Reminders: drafts after 24 h and 72 h then never again, deadlines, overdue entries; quiet hours."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import col

from bot.reminders.send import Deadline, ReminderSetup
from scheduler.jobs import JobContext, run_job
from storage import erasure, queries
from storage.db import Database
from storage.models import Identity, Outbox, Person
from tests.scheduler.conftest import Clock
from tests.support.entries import add_author, add_entries

USER = "5001"


def queued(db: Database, chat: str) -> list[dict]:
    with db.session() as session:
        rows = session.execute(
            select(Outbox).where(col(Outbox.chat_id) == chat).order_by(col(Outbox.id))
        ).scalars()
        return [row.payload for row in rows]


def start_draft(db: Database, clock: Clock, user: str = USER, channel: str = "telegram") -> None:
    """The user stops half-way through a sáng kiến at clock.now."""
    add_author(db, user_id=user, channel=channel, now=clock.now)
    with db.write() as session:
        identity = queries.lock_identity(
            session, channel=channel, user_id=user, chat_id=user, display_name=None, now=clock.now
        )
        state = queries.load_state(session, identity_id=identity.id or 0)
        state.update({"flow": "sang_kien", "step": "title", "index": 0, "answers": {}, "stack": []})
        queries.save_state(session, identity_id=identity.id or 0, state=state, now=clock.now)


def test_draft_reminders_after_24h_and_72h_then_never_again(
    ctx: JobContext, db: Database, clock: Clock
) -> None:
    clock.set_local(2, 10)
    start_draft(db, clock)
    expected = [(23, 0), (24, 1), (25, 1), (71, 1), (72, 2), (80, 2), (24 * 30, 2)]
    for hours, count in expected:
        clock.set_local(2, 10)
        clock.advance(hours=hours, minutes=1)
        run_job(ctx, "reminders")
        assert len(queued(db, USER)) == count, hours
    first, last = queued(db, USER)
    assert "sáng kiến đang soạn dở" in first["text"]
    assert "Nhắc lần cuối" in last["text"] and "sẽ không nhắc thêm" in last["text"]
    assert first["buttons"] == [["Tiếp tục soạn", "menu:resume"]]


def test_only_the_latest_reminder_after_downtime_and_a_new_idle_spell_starts_over(
    ctx: JobContext, db: Database, clock: Clock
) -> None:
    clock.set_local(2, 10)
    start_draft(db, clock)
    clock.advance(hours=100)
    run_job(ctx, "reminders")
    assert ["Nhắc lần cuối" in p["text"] for p in queued(db, USER)] == [True]
    start_draft(db, clock)  # they came back and left again
    clock.advance(hours=24, minutes=1)
    run_job(ctx, "reminders")
    assert len(queued(db, USER)) == 2


def test_zalo_reminders_say_what_to_type(ctx: JobContext, db: Database, clock: Clock) -> None:
    clock.set_local(2, 10)
    start_draft(db, clock, channel="zalo")
    clock.advance(hours=25)
    run_job(ctx, "reminders")
    (payload,) = queued(db, USER)
    assert "gõ /tieptuc" in payload["text"] and payload["buttons"] == []


def test_quiet_hours_delay_reminders_to_the_end_of_the_night(
    ctx: JobContext, db: Database, clock: Clock
) -> None:
    clock.set_local(2, 22, 30)
    start_draft(db, clock)
    clock.advance(hours=24, minutes=5)  # due at 22:35 the next evening: quiet
    result = run_job(ctx, "reminders")
    assert result.deferred_until is not None
    assert result.deferred_until.astimezone(ctx.tz).strftime("%d %H:%M") == "04 07:00"
    assert queued(db, USER) == []
    clock.now = result.deferred_until
    run_job(ctx, "reminders")
    assert len(queued(db, USER)) == 1  # nothing dropped, just later
    forced = dataclasses.replace(ctx)
    clock.set_local(4, 23)
    assert run_job(forced, "reminders", force=True).deferred_until is None


def _subscribers(db: Database, clock: Clock) -> None:
    for user in ("6001", "6002", "6003", "6004"):
        add_author(db, user_id=user, now=clock.now)
    with db.write() as session:
        people = {
            i.channel_user_id: session.get(Person, i.person_id)
            for i in session.execute(select(Identity)).scalars()
        }
        people["6003"].subscribed = False  # type: ignore[union-attr]
        erasure.erase_person(session, person=people["6004"], now=clock.now, title="-", mask="-")  # type: ignore[arg-type]


def test_deadline_reminders_go_once_per_window_to_subscribers(
    ctx: JobContext, db: Database, clock: Clock
) -> None:
    clock.set_local(2, 10)
    _subscribers(db, clock)
    deadline = Deadline("Hạn nộp hồ sơ xét công nhận sáng kiến năm 2026", date(2026, 3, 20), (7, 1))
    ctx = dataclasses.replace(
        ctx, reminders=ReminderSetup(ctx.reminders.draft_delays, (deadline,), ctx.tz)
    )
    days = [(12, 0), (13, 1), (13, 1), (16, 1), (19, 2), (20, 2), (21, 2)]
    for day, count in days:
        clock.set_local(day, 9)
        run_job(ctx, "reminders")
        assert (len(queued(db, "6001")), len(queued(db, "6002"))) == (count, count), day
    assert queued(db, "6003") == [] and queued(db, "6004") == []
    first, second = (p["text"] for p in queued(db, "6001"))
    assert "vào ngày 20/03/2026 (còn 7 ngày)" in first
    assert "(còn 1 ngày)" in second


def test_overdue_entries_are_listed_to_reviewers_once_a_day(
    ctx: JobContext, db: Database, clock: Clock
) -> None:
    clock.set_local(2, 9)
    old = add_entries(db, 2, now=clock.now - timedelta(days=20))
    add_entries(db, 1, now=clock.now - timedelta(days=2), first_user=6001)
    run_job(ctx, "review_sla")
    run_job(ctx, "review_sla")
    (listing,) = queued(db, "777")
    assert "Hồ sơ chờ quyết định quá 14 ngày (2):" in listing["text"]
    assert all(code in listing["text"] for code in old)
    assert "(20 ngày)" in listing["text"]
    clock.advance(days=1)
    run_job(ctx, "review_sla")
    assert len(queued(db, "777")) == 2
