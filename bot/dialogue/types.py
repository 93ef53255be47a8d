"""Data the dialogue engine receives and returns: units, entry summaries, effects, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from bot.dialogue.link_types import AnswerLink, IssueLinkCode, RedeemLinkCode
from bot.dialogue.quality_types import FindSimilar, ListDossiers, SendDossier
from bot.messages import Outgoing

Kind = Literal["sang_kien", "hien_ke"]
State = dict[str, Any]  # JSON-serialisable; stored as is in the conversation row


@dataclass(frozen=True)
class Unit:
    """One administrative unit of the province (editable data, storage/data/units.csv)."""

    name: str
    kind: str  # "so_nganh" | "xa" | "phuong" | "dac_khu" | "khac"
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class EntrySummary:
    """What /trangthai shows of one of the user's own entries."""

    code: str
    kind: Kind
    title: str
    status: str
    submitted_at: datetime | None


# ---- effects: what the runner must do after a step (the engine does no I/O) ----


@dataclass(frozen=True)
class SaveProfile:
    """Store the user's profile (full replacement) and, once, the consent time."""

    profile: dict[str, str | None]
    consent_at: datetime | None = None


@dataclass(frozen=True)
class Submit:
    """Create the submission; the runner then calls Dialogue.on_submitted with its code."""

    kind: Kind
    title: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class ListEntries:
    """Load the user's own entries; the runner then calls Dialogue.on_entries."""


@dataclass(frozen=True)
class DeleteMyData:
    """The user confirmed erasing their data; the runner then calls Dialogue.on_erased."""


@dataclass(frozen=True)
class DeclineConsent:
    """The user declined consent: forget the account; the runner calls Dialogue.on_declined."""


@dataclass(frozen=True)
class ExportMyData:
    """/dulieucuatoi: gather and file everything held; the runner calls Dialogue.on_my_data."""


@dataclass(frozen=True)
class Periods:
    """How long each kind of data is kept (config [retention]), as the notices say it."""

    processed_updates_days: int = 7
    outbox_days: int = 30
    web_transcript_days: int = 180
    drafts_days: int = 90
    exports_days: int = 7
    unconsented_days: int = 7
    decided_entry_years: int = 5


@dataclass(frozen=True)
class MyData:
    """What /dulieucuatoi found, for the short summary; the file holds every detail."""

    profile: dict[str, str | None]
    accounts: tuple[str, ...]
    codes: tuple[str, ...]
    draft_kind: str | None
    files: int
    web_messages: int
    pending_messages: int
    document: str | None  # a path (uploaded) or a signed URL; None when it could not be made
    document_name: str = ""
    link_days: int | None = None


Effect = (
    SaveProfile | Submit | ListEntries | DeleteMyData | DeclineConsent | ExportMyData
    | FindSimilar | ListDossiers | SendDossier | IssueLinkCode | RedeemLinkCode | AnswerLink
)


@dataclass(frozen=True)
class StepResult:
    state: State
    replies: tuple[Outgoing, ...] = ()
    effects: tuple[Effect, ...] = field(default_factory=tuple)
