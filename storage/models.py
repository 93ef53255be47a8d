"""Tables: people and their channel identities, conversations, submissions, outbox."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import JsonType, UTCDateTime


def _optional_ts() -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Person(SQLModel, table=True):
    """A civil servant; one person may reach us on several channels (identities)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None
    agency: str | None = None
    position: str | None = None
    phone: str | None = None
    consent_at: datetime | None = _optional_ts()
    subscribed: bool = True
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    erased_at: datetime | None = _optional_ts()
    merged_into: int | None = Field(default=None, foreign_key="person.id")  # account linking


class Identity(SQLModel, table=True):
    """One account on one channel (a Telegram user, a Zalo user, a web chat cookie)."""

    __table_args__ = (
        UniqueConstraint("channel", "channel_user_id", name="uq_identity_channel_user"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    channel_user_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    display_name: str | None = Field(default=None, max_length=200)
    unreachable_at: datetime | None = _optional_ts()
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Conversation(SQLModel, table=True):
    """The dialogue state of one identity; read and written under the identity's lock."""

    identity_id: int = Field(foreign_key="identity.id", primary_key=True)
    state: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JsonType, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ProcessedUpdate(SQLModel, table=True):
    """Inbound de-duplication: one row per platform update that has had its effects."""

    __tablename__ = "processed_update"

    key: str = Field(primary_key=True, max_length=128)
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class CodeCounter(SQLModel, table=True):
    """Last number issued per prefix and year ("SK-2026"); codes are never reused."""

    __tablename__ = "code_counter"

    key: str = Field(primary_key=True, max_length=16)
    value: int = 0


class Submission(SQLModel, table=True):
    """A submitted sáng kiến or hiến kế."""

    __table_args__ = (Index("ix_submission_queue", "status", "submitted_at"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True)
    kind: str = Field(max_length=16, index=True)
    status: str = Field(max_length=32, index=True)
    title: str
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JsonType, nullable=False))
    person_id: int = Field(foreign_key="person.id", index=True)
    identity_id: int = Field(foreign_key="identity.id")
    author: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JsonType, nullable=False))
    agency: str | None = Field(default=None, index=True)
    quality: dict[str, Any] | None = Field(default=None, sa_column=Column(JsonType, nullable=True))
    similar: list[Any] | None = Field(default=None, sa_column=Column(JsonType, nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    submitted_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True)
    )
    # Indexed: the similarity index asks "what changed since?" before each lookup.
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    # Copies of fields["field"] and fields["scope"] so the desk filters by index, and an
    # accent-free search key the desk fills in lazily (None: not yet, or content changed).
    field: str | None = Field(default=None, max_length=200, index=True)
    scope: str | None = Field(default=None, max_length=16, index=True)
    search_key: str | None = None
    # The desk's marks, kept by bot.desk.marks (None: not worked out yet): the strongest
    # similar entry (0 none, 1 khá giống, 2 rất giống) and the failed checklist rules as
    # " rule rule " (no personal data in either).
    similar_level: int | None = Field(default=None, index=True)
    quality_flags: str | None = Field(default=None, max_length=400)


class StatusChange(SQLModel, table=True):
    """One entry of a submission's history: who changed the status, when and why."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    status: str = Field(max_length=32)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    by: str = Field(max_length=128)
    note: str | None = None


class Outbox(SQLModel, table=True):
    """A message waiting to be sent (or sent, or given up on) to a platform chat."""

    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_chat", "channel", "chat_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    identity_id: int | None = Field(default=None, foreign_key="identity.id")
    payload: dict[str, Any] = Field(sa_column=Column(JsonType, nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | sent | failed | blocked
    priority: int = 0  # 0 = direct reply; larger numbers yield to replies
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = _optional_ts()
    last_error: str | None = None
    ref: str | None = Field(default=None, max_length=64, index=True)  # e.g. "digest:12"


class WebMessage(SQLModel, table=True):
    """The web chat's transcript (the page reads it; there is no platform to deliver to)."""

    __tablename__ = "web_message"
    __table_args__ = (Index("ix_web_message_chat", "chat_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: str = Field(max_length=64)
    role: str = Field(max_length=8)  # user | bot
    payload: dict[str, Any] = Field(sa_column=Column(JsonType, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class StoredFile(SQLModel, table=True):
    """An attachment of a submission: fetched from the platform and kept on our own disk."""

    __tablename__ = "stored_file"
    __table_args__ = (Index("ix_stored_file_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    channel: str = Field(max_length=16)
    file_ref: str = Field(max_length=1000)
    file_name: str | None = Field(default=None, max_length=255)
    mime_type: str | None = Field(default=None, max_length=100)
    size: int | None = None
    status: str = Field(default="pending", max_length=16)  # pending | stored | failed
    path: str | None = Field(default=None, max_length=500)  # relative to server.data_dir
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    last_error: str | None = None


class LinkCode(SQLModel, table=True):
    """A one-time code that joins a second channel account to a person (/lienket)."""

    __tablename__ = "link_code"

    code: str = Field(primary_key=True, max_length=16)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = _optional_ts()
    # Wrong codes typed by anyone while this code was live: past a few it dies.
    wrong_tries: int = Field(default=0)
    issuer_identity_id: int | None = Field(default=None)  # the account that asked for it
    # The account that typed it: the owner must still confirm before anything is merged.
    requester_identity_id: int | None = Field(default=None)
    requested_at: datetime | None = _optional_ts()


class LinkAttempt(SQLModel, table=True):
    """One wrong /lienket code, by source (account, person, address, "all"): limits live here."""

    __tablename__ = "link_attempt"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=80, index=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class RoleGrant(SQLModel, table=True):
    """A reviewer or admin granted from the command line (config [roles] adds to these)."""

    __tablename__ = "role_grant"

    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(max_length=16, index=True)  # reviewer | admin
    principal: str = Field(max_length=80)  # CHANNEL:ID
    granted_by: str = Field(max_length=80)
    granted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = _optional_ts()


class DigestBatch(SQLModel, table=True):
    """One digest: the entries it carries and whether every reviewer chat received it."""

    __tablename__ = "digest_batch"

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default="pending", max_length=16)  # pending | delivered | failed
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    delivered_at: datetime | None = _optional_ts()
    file_path: str | None = Field(default=None, max_length=500)


class DigestItem(SQLModel, table=True):
    """Entry → batch; the primary key makes every entry belong to exactly one batch."""

    __tablename__ = "digest_item"

    submission_id: int = Field(foreign_key="submission.id", primary_key=True)
    batch_id: int = Field(foreign_key="digest_batch.id", index=True)


class DigestDelivery(SQLModel, table=True):
    """One batch to one reviewer chat; its outbox rows carry ref "digest:<id>"."""

    __tablename__ = "digest_delivery"
    __table_args__ = (UniqueConstraint("batch_id", "recipient", name="uq_digest_recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="digest_batch.id", index=True)
    recipient: str = Field(max_length=80)  # CHANNEL:ID
    status: str = Field(default="pending", max_length=16)  # pending | sent | failed
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = _optional_ts()


class ReminderLog(SQLModel, table=True):
    """Reminders already sent; the unique key makes each one go out at most once."""

    __tablename__ = "reminder_log"

    key: str = Field(primary_key=True, max_length=160)
    kind: str = Field(max_length=32)
    sent_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class JobRun(SQLModel, table=True):
    """When each scheduled job last ran, so a run missed during downtime happens once."""

    __tablename__ = "job_run"

    name: str = Field(primary_key=True, max_length=32)
    last_started_at: datetime | None = _optional_ts()
    last_finished_at: datetime | None = _optional_ts()
    last_outcome: str | None = Field(default=None, max_length=200)


class PriorEntry(SQLModel, table=True):
    """An initiative from earlier years' lists (sangkien import --xlsx), for novelty checks."""

    __tablename__ = "prior_entry"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    title: str
    content: str | None = None
    agency: str | None = None
    year: int | None = None
    status: str | None = Field(default=None, max_length=80)
    imported_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Broadcast(SQLModel, table=True):
    """An admin's announcement (training course, deadline) to every subscriber it targets."""

    id: int | None = Field(default=None, primary_key=True)
    text: str
    attachment_path: str | None = Field(default=None, max_length=500)  # under data_dir
    attachment_kind: str | None = Field(default=None, max_length=16)  # photo | document
    agencies: list[str] = Field(default_factory=list, sa_column=Column(JsonType, nullable=False))
    channels: list[str] = Field(default_factory=list, sa_column=Column(JsonType, nullable=False))
    send_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    status: str = Field(default="scheduled", max_length=16)  # scheduled|sending|done|cancelled
    created_by: str = Field(max_length=80)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    started_at: datetime | None = _optional_ts()
    finished_at: datetime | None = _optional_ts()
    cancelled_at: datetime | None = _optional_ts()
    report_sent_at: datetime | None = _optional_ts()


class BroadcastDelivery(SQLModel, table=True):
    """One announcement to one person; the unique key makes it at most once per person."""

    __tablename__ = "broadcast_delivery"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "person_id", name="uq_broadcast_person"),
        Index("ix_broadcast_delivery_state", "broadcast_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(foreign_key="broadcast.id")
    person_id: int = Field(foreign_key="person.id")
    identity_id: int = Field(foreign_key="identity.id")
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    # pending | sending | sent | failed | unreachable | opted_out | cancelled | uncertain
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = _optional_ts()
    read_at: datetime | None = _optional_ts()
    last_error: str | None = None


class ApiToken(SQLModel, table=True):
    """A person's /api/v1 token: only its SHA-256 is kept, and a short prefix to name it by."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    prefix: str = Field(max_length=16, unique=True)  # not secret: shown in lists and logs
    token_hash: str = Field(max_length=64)  # SHA-256 hex of the whole token
    name: str = Field(max_length=80)  # the person who holds it, e.g. "Nguyễn Văn A"
    role: str = Field(max_length=16)  # reviewer | admin
    principal: str | None = Field(default=None, max_length=80)  # CHANNEL:ID of the holder
    created_by: str = Field(max_length=80)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime | None = _optional_ts()
    last_used_at: datetime | None = _optional_ts()
    revoked_at: datetime | None = _optional_ts()


class WebUpload(SQLModel, table=True):
    """A file a web chat visitor sent: counted against the quotas, removed when left unused."""

    __tablename__ = "web_upload"

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=32, unique=True)  # the file is uploads/web/<token><ext>
    file_name: str | None = Field(default=None, max_length=64)  # set once it is complete
    chat_id: str = Field(max_length=64, index=True)  # the visitor
    address: str = Field(max_length=32, index=True)  # keyed hash of the IP, never the IP
    size: int  # bytes on disk; while receiving, the most it may still grow to
    status: str = Field(default="receiving", max_length=16)  # receiving | stored
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class UnitRecord(SQLModel, table=True):
    """One unit of the province's list, loaded by `sangkien units import --csv FILE`."""

    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=16)
    valid_from: date | None = None
    valid_to: date | None = None
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SignInLink(SQLModel, table=True):
    """A one-time desk sign-in link drawn with /dangnhap: only its SHA-256 is kept."""

    __tablename__ = "signin_link"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    principal: str = Field(max_length=80)  # CHANNEL:ID of the person who asked
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = _optional_ts()


class DeskSession(SQLModel, table=True):
    """A signed-in browser at the reviewers' desk; the cookie's SHA-256 names it."""

    __tablename__ = "desk_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    principal: str = Field(max_length=80)
    auth_method: str = Field(max_length=16)  # chat_link (a password sign-in may come later)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    last_seen_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))  # absolute
    ended_at: datetime | None = _optional_ts()


class Council(SQLModel, table=True):
    """A Hội đồng sáng kiến: cấp cơ sở for some units, or cấp tỉnh (config adds to these)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    level: str = Field(max_length=16)  # co_so | tinh
    units: list[str] = Field(default_factory=list, sa_column=Column(JsonType, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class CouncilMember(SQLModel, table=True):
    """One member (CHANNEL:ID) of a council."""

    __tablename__ = "council_member"
    __table_args__ = (UniqueConstraint("council_id", "principal", name="uq_council_member"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    principal: str = Field(max_length=80, index=True)
    added_by: str = Field(max_length=80)
    added_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # member | chair (Chủ tịch Hội đồng, confirms decisions) | secretary (Thư ký, signs the minutes)
    role: str = Field(default="member", max_length=16, sa_column_kwargs={"server_default": "member"})


class Score(SQLModel, table=True):
    """One council member's score of one entry at one level; final once submitted."""

    __table_args__ = (
        UniqueConstraint("submission_id", "principal", "level", name="uq_score_member"),
    )

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    principal: str = Field(max_length=80)  # CHANNEL:ID of the member
    level: str = Field(max_length=16)  # co_so | tinh
    points: dict[str, Any] = Field(sa_column=Column(JsonType, nullable=False))  # key → points
    total: int
    comment: str | None = None
    submitted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class CouncilDecision(SQLModel, table=True):
    """The chair's confirmation (or override) of a council's proposed decision on an entry.

    Who, when and the note live in the status change it made (`status_change_id`), so the
    history stays the one record of people and their words (erasure redacts it there).
    """

    __tablename__ = "council_decision"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    status_change_id: int = Field(foreign_key="status_change.id")
    level: str = Field(max_length=16)  # co_so | tinh
    council: str = Field(max_length=200)  # the council's name at the time
    acting: str = Field(max_length=16)  # chair | admin (an admin acting explicitly)
    proposed: str | None = Field(default=None, max_length=32)  # from the scores' average
    decision: str = Field(max_length=32)  # the status it set
    average: float | None = None
    scores: int  # scores in when confirmed
    expected: int  # members expected to score (a warning was shown when fewer)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class EndedWebSession(SQLModel, table=True):
    """A web chat session ended with «Kết thúc phiên»: its cookie never resumes it again."""

    __tablename__ = "ended_web_session"

    visitor_id: str = Field(max_length=64, primary_key=True)
    ended_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class AdminAction(SQLModel, table=True):
    """One admin action (role, council, API token, announcement), from the CLI or the desk."""

    __tablename__ = "admin_action"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor: str = Field(max_length=80)  # "cli", "desk:telegram:42", "api:Nguyễn Văn A"
    action: str = Field(max_length=40)  # e.g. role.grant, council.member_add, token.revoke
    target: str = Field(max_length=200)  # the principal, council name, token prefix or id
    detail: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JsonType, nullable=False)
    )  # never a secret


class SimilarLink(SQLModel, table=True):
    """An entry like a submission, at the similarity threshold, both ways between submissions.

    `other` is the index key ("sub:SK-2026-00001" or "prior:<imported code>"): codes and
    scores only, so an erased entry's links go with its content and nothing personal stays.
    """

    __tablename__ = "similar_link"

    submission_id: int = Field(foreign_key="submission.id", primary_key=True)
    other: str = Field(max_length=80, primary_key=True, index=True)
    score: float
    strong: bool
