"""The reviewer digest: claim new entries once, render per reviewer chat, queue, settle."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import notify, status
from bot.links import download_url, sign_download
from bot.messages import Outgoing
from bot.review import catalogue_digest as text
from bot.review import digest_render, sheets
from bot.review.digest_render import DigestEntry
from bot.review.transitions import refusal
from storage import digests, roles
from storage.db import Database
from storage.models import Outbox, Submission

log = logging.getLogger(__name__)
SYSTEM = "system:digest"


@dataclass(frozen=True)
class DigestSetup:
    """What the digest needs from the configuration (built by the composition root)."""

    reviewers: tuple[str, ...]
    tz: ZoneInfo
    data_dir: Path
    secret_key: str
    public_base: str  # where signed download links point (Zalo gets a link, not a file)
    link_days: int = 30


@dataclass
class DigestReport:
    batch_id: int | None = None
    entries: int = 0
    retried: int = 0
    messages: dict[str, int] = field(default_factory=dict)  # per reviewer chat
    no_reviewer: bool = False

    def summary(self) -> str:
        if self.no_reviewer:
            return "no reviewer is configured: new entries wait for one"
        if self.batch_id is None:
            return f"no new entries (retried {self.retried} undelivered messages)"
        per_chat = ", ".join(f"{chat}: {n}" for chat, n in self.messages.items())
        return f"batch {self.batch_id}: {self.entries} entries; messages {per_chat}"


def run_digest(db: Database, setup: DigestSetup, *, now: datetime) -> DigestReport:
    """One digest run; safe to run twice at once or again after a crash (see storage.digests)."""
    report = DigestReport()
    with db.write() as session:
        report.retried = digests.retry_failed(session, now=now)
        recipients = roles.principals(session, role="reviewer", configured=setup.reviewers)
        if not recipients:
            log.warning("digest: no reviewer is configured; entries wait for one")
            report.no_reviewer = True
            return report
        claimed = digests.claim_batch(session, now=now)
        if claimed is None:
            return report
        batch, submissions = claimed
        report.batch_id, report.entries = batch.id, len(submissions)
        ordered = _ordered(submissions, setup.tz)
        batch.file_path = _write_sheet(setup, batch.id or 0, [s for s, _ in ordered])
        entries = [entry for _, entry in ordered]
        for principal in recipients:
            report.messages[principal] = _deliver(
                session, setup, batch.id or 0, principal, entries, now
            )
    log.info("digest: %s", report.summary())
    return report


def batch_sheet(session: Session, batch_id: int, tz: ZoneInfo) -> sheets.Sheet:
    """The batch's sheet as its entries read now (written again after an erasure)."""
    ordered = _ordered(digests.batch_entries(session, batch_id=batch_id), tz)
    return sheets.digest_sheet([s for s, _ in ordered], tz)


def _ordered(submissions: list[Submission], tz: ZoneInfo) -> list[tuple[Submission, DigestEntry]]:
    pairs = [(s, digest_entry(s, tz)) for s in submissions]
    order = {id(e): i for i, e in enumerate(digest_render.ordered([e for _, e in pairs]))}
    return sorted(pairs, key=lambda pair: order[id(pair[1])])


def digest_entry(submission: Submission, tz: ZoneInfo) -> DigestEntry:
    return DigestEntry(
        code=submission.code,
        kind=submission.kind,
        status=submission.status,
        title=submission.title,
        author=sheets.author_line(submission),
        unit=submission.agency or str((submission.author or {}).get("agency") or ""),
        field=str(submission.fields.get("field") or ""),
        submitted=sheets.local_time(submission.submitted_at, tz),
        excerpt=sheets.excerpt(submission),
        quality=submission.quality if isinstance(submission.quality, dict) else None,
        similar=digest_render.similar_codes(submission.similar),
    )


def _write_sheet(setup: DigestSetup, batch_id: int, submissions: list[Submission]) -> str:
    relative = f"digests/tong-hop-dot-{batch_id}.xlsx"
    sheets.write_xlsx(sheets.digest_sheet(submissions, setup.tz), setup.data_dir / relative)
    return relative


def _deliver(
    session: Session,
    setup: DigestSetup,
    batch_id: int,
    principal: str,
    entries: list[DigestEntry],
    now: datetime,
) -> int:
    channel, chat_id = notify.split_principal(principal)
    delivery_id = digests.add_delivery(session, batch_id=batch_id, recipient=principal, now=now)
    date = now.astimezone(setup.tz).strftime("%d/%m/%Y")
    messages = [
        digest_render.header(entries, batch=batch_id, date=date, channel=channel),
        *digest_render.pieces(entries, channel=channel),
        _sheet_message(setup, batch_id, len(entries), channel, now),
    ]
    ref = digests.delivery_ref(delivery_id)
    notify.to_chat(session, channel, chat_id, messages, now=now, priority=notify.DIGEST, ref=ref)
    if channel == "web":  # the transcript is the delivery: nothing waits in the outbox
        _settle_delivery(session, delivery_id, now)
    return len(messages)


def _sheet_message(
    setup: DigestSetup, batch_id: int, count: int, channel: str, now: datetime
) -> Outgoing:
    relative = f"digests/tong-hop-dot-{batch_id}.xlsx"
    if channel == "telegram":  # uploaded by sendDocument
        path = str((setup.data_dir / relative).resolve())
        return Outgoing("", document=path, document_name=Path(relative).name)
    token = sign_download(setup.secret_key, relative, now=now, ttl=timedelta(days=setup.link_days))
    name = text.SHEET_LINK.format(batch=batch_id, count=count, days=setup.link_days)
    return Outgoing("", document=download_url(setup.public_base, token), document_name=name)


def on_outbox_sent(session: Session, row: Outbox, now: datetime) -> None:
    """The sender's hook, in the transaction that marked `row` sent."""
    delivery_id = digests.delivery_of(row.ref)
    if delivery_id is not None:
        _settle_delivery(session, delivery_id, now)


def _settle_delivery(session: Session, delivery_id: int, now: datetime) -> None:
    batch = digests.mark_delivered(session, delivery_id=delivery_id, now=now)
    if batch is not None:
        forward(session, batch_id=batch.id or 0, now=now)


def forward(session: Session, *, batch_id: int, now: datetime) -> int:
    """Every reviewer chat has the batch: its entries become «Đã chuyển Hội đồng»."""
    if refusal("sang_kien", "submitted", "forwarded", actor="system") is not None:
        raise AssertionError("the transition table no longer lets the digest forward")
    moved = digests.forward_batch(session, batch_id=batch_id, by=SYSTEM, now=now)
    status.tell_authors(session, moved, note=None, now=now)
    log.info("digest batch %s delivered: %d entries forwarded", batch_id, len(moved))
    return len(moved)


def settle(db: Database, *, now: datetime) -> str:
    """Safety net run every minute: complete deliveries, flag those given up on."""
    completed = failed = 0
    with db.write() as session:
        for delivery in digests.open_deliveries(session):
            if digests.flag_failed(session, delivery=delivery):
                failed += 1
                continue
            before = delivery.status
            _settle_delivery(session, delivery.id or 0, now)
            completed += delivery.status == "sent" and before != "sent"
    return f"{completed} deliveries completed, {failed} failed (retried at the next digest)"
