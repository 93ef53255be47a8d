"""Finding a person's values (name, phone, birth dates) in other rows and masking them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import String, cast, or_, select
from sqlmodel import Session, col

from storage.models import Identity, Person, Submission

MIN_VALUE = 6  # shorter strings ("Anh", "An") would mask other people's words
PERSONAL_KEYS = ("name", "phone", "birth_date")
PEOPLE_FIELDS = ("authors", "trial_participants")  # the form's lists of people


def personal_values(
    person: Person,
    identities: Iterable[Identity],
    submissions: Iterable[Submission],
    states: Iterable[dict[str, Any]],
) -> list[str]:
    """The distinctive values that identify the person or their co-authors, in every form
    they are written (a birth date as stored and as dd/mm/yyyy)."""
    found = {person.name, person.phone, *(i.display_name for i in identities)}
    for submission in submissions:
        found.add((submission.author or {}).get("name"))
        for people in PEOPLE_FIELDS:
            found.update(_form_values((submission.fields or {}).get(people)))
    for state in states:
        profile = state.get("profile") or {}
        found.update((profile.get("name"), profile.get("phone")))
        found.update(_form_values(_nested_authors(state)))
    values: set[str] = set()
    for value in found:
        if isinstance(value, str) and len(value.strip()) >= MIN_VALUE:
            values.update(_forms(value.strip()))
    return sorted(values, key=len, reverse=True)  # longest first: a name before its part


def _nested_authors(state: dict[str, Any]) -> list[Any]:
    authors: list[Any] = []
    for frame in (state, state.get("overlay") or {}):
        answers = frame.get("answers") if isinstance(frame, dict) else None
        for people in PEOPLE_FIELDS:
            if isinstance(answers, dict) and isinstance(answers.get(people), list):
                authors.extend(answers[people])
    return authors


def _form_values(authors: Any) -> list[Any]:
    if not isinstance(authors, list):
        return []
    return [a.get(key) for a in authors if isinstance(a, dict) for key in PERSONAL_KEYS]


def _forms(value: str) -> list[str]:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return [value]
    return [value, day.strftime("%d/%m/%Y"), f"{day.day}/{day.month}/{day.year}"]


def redact_text(text: str, values: Iterable[str], mask: str) -> str:
    for value in values:
        if value in text:
            text = text.replace(value, mask)
    return text


def redact_json(data: Any, values: list[str], mask: str) -> Any:
    if isinstance(data, str):
        return redact_text(data, values, mask)
    if isinstance(data, list):
        return [redact_json(item, values, mask) for item in data]
    if isinstance(data, dict):
        return {key: redact_json(item, values, mask) for key, item in data.items()}
    return data


def strings(data: Any) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)
    elif isinstance(data, dict):
        for item in data.values():
            yield from strings(item)


def mentions(model: Any, values: Iterable[str]) -> Any:
    """A condition: the row's JSON `payload` holds one of the values (None for no values)."""
    payload = cast(col(model.payload), String)
    patterns = []
    for value in values:
        for form in {value, _json_escaped(value)}:  # PostgreSQL keeps UTF-8, SQLite escapes
            patterns.append(payload.like(f"%{_escape_like(form)}%", escape="!"))
    return or_(*patterns) if patterns else None


def redact_rows(session: Session, model: Any, values: list[str], mask: str) -> int:
    """Mask the values in the JSON `payload` of every row of `model` that holds one."""
    condition = mentions(model, values)
    if condition is None:
        return 0
    changed = 0
    for row in session.execute(select(model).where(condition)).scalars():
        redacted = redact_json(row.payload, values, mask)
        if redacted != row.payload:
            row.payload = redacted
            changed += 1
    return changed


def _json_escaped(value: str) -> str:
    return json.dumps(value)[1:-1]


def _escape_like(value: str) -> str:
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_")
