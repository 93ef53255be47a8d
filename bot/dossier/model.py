"""The frozen, already-cleaned data a dossier is printed from, read leniently from a draft."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class Person:
    """An author row (with a share) or a trial participant row (with a task)."""

    name: str
    birth_date: date | str | None = None
    workplace: str = ""
    position: str = ""
    qualification: str = ""
    share: Decimal | None = None
    task: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file sent with the entry; only its description is printed."""

    kind: str
    file_name: str
    mime_type: str = ""
    size: int | None = None


@dataclass(frozen=True)
class Submitter:
    """Who submitted the entry through the bot."""

    name: str
    agency: str = ""
    position: str = ""


@dataclass(frozen=True)
class DossierEntry:
    """Everything the application and the report print; empty text means "not given"."""

    code: str
    submitted_at: datetime
    submitter: Submitter
    title: str = ""
    solution_type: str = ""
    field: str = ""
    problem: str = ""
    authors: tuple[Person, ...] = ()
    investor: str = ""
    first_applied_on: date | str | None = None
    known_solution: str = ""
    solution: str = ""
    novelty: str = ""
    applicability: str = ""
    confidential_info: str = ""
    conditions: str = ""
    benefits: str = ""
    trial_unit_opinion: str = ""
    trial_participants: tuple[Person, ...] = ()
    trial_participants_text: str = ""
    attachments: tuple[Attachment, ...] = ()
    scope: str = ""
    declaration: bool = False

    @classmethod
    def from_submission(
        cls,
        code: str,
        fields: Mapping[str, Any] | None,
        author: Mapping[str, Any] | None,
        submitted_at: datetime,
    ) -> DossierEntry:
        """Read a stored submission; missing or odd keys (older drafts) become empty values."""
        data = fields or {}
        who = author or {}
        submitter = Submitter(
            name=text(who.get("name")),
            agency=text(who.get("agency")),
            position=text(who.get("position")),
        )
        participants = data.get("trial_participants")
        plain = {key: text(data.get(key)) for key in _TEXT_KEYS}
        return cls(
            code=text(code),
            submitted_at=submitted_at,
            submitter=submitter,
            authors=_authors(data.get("authors"), submitter),
            first_applied_on=read_date(data.get("first_applied_on")),
            trial_participants=_people(participants),
            trial_participants_text="" if _is_rows(participants) else text(participants),
            attachments=_attachments(data.get("attachments")),
            declaration=data.get("declaration") is True,
            **plain,
        )


_TEXT_KEYS = (
    "title",
    "solution_type",
    "field",
    "problem",
    "investor",
    "known_solution",
    "solution",
    "novelty",
    "applicability",
    "confidential_info",
    "conditions",
    "benefits",
    "trial_unit_opinion",
    "scope",
)


def text(value: object) -> str:
    """Any stored value as NFC text; lists become one line per item, None becomes ""."""
    if value is None or isinstance(value, Mapping):
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(filter(None, (text(item) for item in value)))
    return unicodedata.normalize("NFC", str(value)).strip()


def read_date(value: object) -> date | str | None:
    """An ISO date (or datetime) as a date; anything else is kept as text to print as given."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return raw


def read_share(value: object) -> Decimal | None:
    """A contribution share from 60, 33.5, "40", "33,5" or "40%"; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    raw = text(value).rstrip("%").strip().replace(",", ".")
    try:
        share = Decimal(raw)
    except InvalidOperation:
        return None
    return share if share.is_finite() else None


def _is_rows(value: object) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(v, Mapping) for v in value)


def _person(row: Mapping[str, Any]) -> Person:
    return Person(
        name=text(row.get("name")),
        birth_date=read_date(row.get("birth_date")),
        workplace=text(row.get("workplace")),
        position=text(row.get("position")),
        qualification=text(row.get("qualification")),
        share=read_share(row.get("share")),
        task=text(row.get("task") or row.get("role")),
    )


def _people(value: object) -> tuple[Person, ...]:
    if not _is_rows(value):
        return ()
    assert isinstance(value, Sequence)
    return tuple(_person(row) for row in value if isinstance(row, Mapping))


def _authors(value: object, submitter: Submitter) -> tuple[Person, ...]:
    """The co-author rows; a draft without them names the submitter as the sole author."""
    people = _people(value)
    if people or not submitter.name:
        return people
    return (Person(submitter.name, None, submitter.agency, submitter.position, "", Decimal(100)),)


def _attachments(value: object) -> tuple[Attachment, ...]:
    if not isinstance(value, (list, tuple)):
        return ()
    files = []
    for row in value:
        if not isinstance(row, Mapping):
            continue
        size = row.get("size")
        files.append(
            Attachment(
                kind=text(row.get("kind")),
                file_name=text(row.get("file_name")) or text(row.get("file_ref")),
                mime_type=text(row.get("mime_type")),
                size=size if isinstance(size, int) and not isinstance(size, bool) else None,
            )
        )
    return tuple(files)
