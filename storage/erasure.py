"""Erasure of one person's data (/xoadulieu): rows deleted or pseudonymised, files named.

What stays is decided here and only here (the README and the reply repeat it):
an entry already with the council (sent out in a reviewer digest, or reviewed since) keeps
its content and, in its author block and form, each author's name, unit and share, and
nothing else about them; every other entry is withdrawn and emptied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlmodel import Session, col

from storage import desk_marks, redaction
from storage.linking import identities_of
from storage.models import (
    BroadcastDelivery,
    Conversation,
    DigestItem,
    Identity,
    LinkCode,
    Outbox,
    Person,
    ProcessedUpdate,
    StatusChange,
    StoredFile,
    Submission,
    WebMessage,
    WebUpload,
)

UNDECIDED = ("submitted", "withdrawn")  # statuses that never reached the council by review
KEPT_AUTHOR_KEYS = ("name", "agency")
KEPT_FORM_KEYS = {  # per list of people in the form: what the council needs of each
    "authors": ("name", "workplace", "share"),
    "trial_participants": ("name", "workplace", "task"),
}
ERASED_BY = "author:erased"
UPLOAD_REF = "web-upload:"


@dataclass
class Erasure:
    """What became of a person's data; `files` are paths under the data folder to remove."""

    kept: list[tuple[str, str]] = field(default_factory=list)  # (code, status)
    withdrawn: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    batches: set[int] = field(default_factory=set)  # digest sheets to write again


def erase_person(
    session: Session, *, person: Person, now: datetime, title: str, mask: str
) -> Erasure:
    """Erase everything held about `person` in this transaction; `title` replaces the title
    of a withdrawn entry and `mask` every other occurrence of a personal value."""
    identities = identities_of(session, person_id=person.id or 0)
    submissions = _submissions(session, person.id or 0)
    states = _states(session, identities)
    values = redaction.personal_values(person, identities, submissions, states)
    erasure = Erasure()
    principals = {f"{i.channel}:{i.channel_user_id}" for i in identities}
    for submission in submissions:
        erasure.files.append(f"dossiers/{submission.code}")
        erasure.batches.update(_batches(session, submission.id or 0))
        if _with_council(session, submission):
            _keep_minimum(submission)
            erasure.kept.append((submission.code, submission.status))
        else:
            _withdraw(session, submission, now=now, title=title, erasure=erasure)
            erasure.withdrawn.append(submission.code)
        _pseudonymise_history(session, submission.id or 0, principals, values, mask)
    erasure.files.extend(_draft_uploads(states))
    erasure.files.extend(_visitor_uploads(session, identities))
    _drop_conversations(session, identities)
    _blank_messages(session, identities, mask)
    _blank_delivered(session, [s.code for s in submissions], values, mask)
    redaction.redact_rows(session, Outbox, values, mask)
    redaction.redact_rows(session, WebMessage, values, mask)
    _drop_links_and_deliveries(session, person.id or 0, now)
    _pseudonymise_identities(identities, now)
    _clear_person(person, now)
    session.flush()
    return erasure


def _submissions(session: Session, person_id: int) -> list[Submission]:
    stmt = select(Submission).where(col(Submission.person_id) == person_id).with_for_update()
    return list(session.execute(stmt).scalars())


def _states(session: Session, identities: list[Identity]) -> list[dict[str, Any]]:
    ids = [i.id for i in identities]
    stmt = select(Conversation).where(col(Conversation.identity_id).in_(ids))
    return [dict(row.state or {}) for row in session.execute(stmt).scalars()]


def _with_council(session: Session, submission: Submission) -> bool:
    """Sent out in a reviewer digest, or acted on by a reviewer since it arrived."""
    if submission.status not in UNDECIDED:
        return True
    if submission.status == "withdrawn":
        return False
    batched = exists().where(col(DigestItem.submission_id) == submission.id)
    return bool(session.execute(select(batched)).scalar())


def _batches(session: Session, submission_id: int) -> list[int]:
    stmt = select(col(DigestItem.batch_id)).where(col(DigestItem.submission_id) == submission_id)
    return [int(b) for b in session.execute(stmt).scalars()]


def _keep_minimum(submission: Submission) -> None:
    """Only what the recognition procedure needs of each author (name, unit, share) and of
    each participant in the trial (name, unit, task): no birth date, title, qualification."""
    author = submission.author or {}
    submission.author = {key: author.get(key) for key in KEPT_AUTHOR_KEYS}
    fields = dict(submission.fields or {})
    for people, keys in KEPT_FORM_KEYS.items():
        listed = fields.get(people)
        if isinstance(listed, list):
            fields[people] = [
                {key: p.get(key) for key in keys if key in p} for p in listed if isinstance(p, dict)
            ]
    submission.fields = fields


def _withdraw(
    session: Session, submission: Submission, *, now: datetime, title: str, erasure: Erasure
) -> None:
    for stored in session.execute(
        select(StoredFile).where(col(StoredFile.submission_id) == submission.id)
    ).scalars():
        if stored.path:
            erasure.files.append(stored.path)
        if stored.file_ref.startswith(UPLOAD_REF):
            erasure.files.append(_upload_path(stored.file_ref))
        session.delete(stored)
    erasure.files.append(f"attachments/{submission.id}")
    if submission.status != "withdrawn":
        session.add(
            StatusChange(submission_id=submission.id or 0, status="withdrawn", at=now, by=ERASED_BY)
        )
    submission.status = "withdrawn"
    submission.title = title
    submission.fields, submission.author = {}, {}
    submission.quality = submission.similar = None
    submission.agency = None
    desk_marks.drop(session, submission_id=submission.id or 0, code=submission.code)
    submission.similar_level, submission.quality_flags = desk_marks.NONE, ""
    submission.updated_at = now


def _pseudonymise_history(
    session: Session, submission_id: int, principals: set[str], values: list[str], mask: str
) -> None:
    for change in session.execute(
        select(StatusChange).where(col(StatusChange.submission_id) == submission_id)
    ).scalars():
        if change.by in principals:
            change.by = ERASED_BY
        if change.note:
            change.note = redaction.redact_text(change.note, values, mask)


def _draft_uploads(states: list[dict[str, Any]]) -> list[str]:
    return [_upload_path(ref) for ref in redaction.strings(states) if ref.startswith(UPLOAD_REF)]


def _visitor_uploads(session: Session, identities: list[Identity]) -> list[str]:
    """Every file the person sent from the web chat, used or not (their quota goes too)."""
    chats = [i.chat_id for i in identities if i.channel == "web"]
    # One still arriving stays counted: the cleanup job removes it once it is left unused.
    mine = (col(WebUpload.chat_id).in_(chats), col(WebUpload.status) == "stored")
    rows = list(session.execute(select(WebUpload).where(*mine)).scalars())
    session.execute(delete(WebUpload).where(*mine))
    return [f"uploads/web/{row.file_name}" for row in rows if row.file_name]


def _upload_path(ref: str) -> str:
    name = ref[len(UPLOAD_REF) :].replace("\\", "/").rsplit("/", 1)[-1]
    return f"uploads/web/{name}"


def _drop_conversations(session: Session, identities: list[Identity]) -> None:
    ids = [i.id for i in identities]
    session.execute(delete(Conversation).where(col(Conversation.identity_id).in_(ids)))


def _blank_messages(session: Session, identities: list[Identity], mask: str) -> None:
    """The person's own delivered outbox rows and web transcript keep no content.

    Rows are emptied, never deleted: a deleted id can be issued again (SQLite) to the next
    reply, which the sender holding the old row would then mark sent without sending, and
    which a web page polling "after" a larger id would never show. Pending rows are
    masked by the caller and go out as usual; the retention job removes them all later.
    """
    blank = {"text": mask}
    for identity in identities:
        session.execute(
            update(Outbox)
            .where(
                or_(
                    col(Outbox.identity_id) == identity.id,
                    and_(
                        col(Outbox.channel) == identity.channel,
                        col(Outbox.chat_id) == identity.chat_id,
                    ),
                ),
                col(Outbox.status) != "pending",
            )
            .values(payload=blank, chat_id=f"erased-{identity.id}", last_error=None)
        )
        if identity.channel == "web":
            session.execute(
                update(WebMessage)
                .where(col(WebMessage.chat_id) == identity.chat_id)
                .values(payload=blank)
            )
            prefix = f"web:{identity.channel_user_id}:"
            session.execute(
                delete(ProcessedUpdate).where(col(ProcessedUpdate.key).startswith(prefix))
            )


def _blank_delivered(session: Session, codes: list[str], values: list[str], mask: str) -> None:
    """Copies of messages already delivered to others (reviewer digests, notices) that name
    the person or one of their entries: they served their purpose."""
    condition = redaction.mentions(Outbox, [*codes, *values])
    if condition is not None:
        session.execute(
            update(Outbox)
            .where(col(Outbox.status) == "sent", condition)
            .values(payload={"text": mask})
        )


def _drop_links_and_deliveries(session: Session, person_id: int, now: datetime) -> None:
    session.execute(delete(LinkCode).where(col(LinkCode.person_id) == person_id))
    session.execute(
        update(BroadcastDelivery)
        .where(col(BroadcastDelivery.person_id) == person_id)
        .values(chat_id=f"erased-{person_id}", last_error=None)
    )
    session.execute(
        update(BroadcastDelivery)
        .where(col(BroadcastDelivery.person_id) == person_id, col(BroadcastDelivery.status) == "pending")
        .values(status="cancelled")
    )


def _pseudonymise_identities(identities: list[Identity], now: datetime) -> None:
    """Rows stay (entries point at them) with nothing that names the account."""
    for identity in identities:
        identity.channel_user_id = identity.chat_id = f"erased-{identity.id}"
        identity.display_name = None
        identity.unreachable_at = identity.unreachable_at or now


def _clear_person(person: Person, now: datetime) -> None:
    person.name = person.agency = person.position = person.phone = None
    person.consent_at = None
    person.subscribed = False
    person.erased_at = now
