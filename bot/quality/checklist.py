"""The checklist per kind of entry, from the legal conditions (DOMAIN.md), and `check`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from bot.quality import rules
from bot.quality.fields import concrete, described, differs, failed, measurable, passed
from bot.quality.report import QualityItem, QualityReport
from bot.quality.title import check_title
from bot.similar.normalize import nfc

SANG_KIEN = "sang_kien"
HIEN_KE = "hien_ke"
_SHARE = re.compile(r"^(\d{1,3}(?:[.,]\d+)?)\s*%?$")

Fields = Mapping[str, Any]


def text(fields: Fields, name: str) -> str:
    """A field as NFC text; absent, None and non-text values read as empty."""
    value = fields.get(name)
    return nfc(value).strip() if isinstance(value, str) else ""


def _vietnamese_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def check_first_applied_on(value: object, *, today: date) -> QualityItem:
    """Given, a real date (ISO string or date), not in the future, not implausibly old."""
    rule = "first_applied_on_valid"
    if value is None or (isinstance(value, str) and not value.strip()):
        return failed(rule, "thin")
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            return failed(rule, "invalid", value=str(value).strip())
    shown = _vietnamese_date(day)
    if day > today:
        return failed(rule, "future", date=shown)
    if day < rules.EARLIEST_APPLICATION:
        return failed(rule, "too_old", date=shown)
    return passed(rule, date=shown)


def parse_share(value: object) -> float | None:
    """A contribution share in percent (40, 33.3, "33,3", "40%"), or None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        share = float(value)
    else:
        found = _SHARE.match(nfc(str(value or "")).strip())
        if not found:
            return None
        share = float(found.group(1).replace(",", "."))
    return share if 0 < share <= rules.SHARE_TOTAL else None


def _percent(total: float) -> str:
    # Vietnamese writes a decimal comma: 99,5%.
    rounded = round(total, 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}".replace(".", ",")


def check_shares(authors: object) -> QualityItem:
    """Every author has a readable share and the shares add up to 100."""
    rule = "shares_total_100"
    if not isinstance(authors, list | tuple) or not authors:
        return failed(rule, "thin")
    total = 0.0
    for number, author in enumerate(authors, start=1):
        details = author if isinstance(author, Mapping) else {}
        share = parse_share(details.get("share"))
        if share is None:
            name = text(details, "name") or f"tác giả thứ {number}"
            return failed(rule, "unreadable", name=name)
        total += share
    if abs(total - rules.SHARE_TOTAL) > rules.SHARE_TOLERANCE:
        return failed(rule, "wrong_total", total=_percent(total))
    return passed(rule)


def sang_kien_items(fields: Fields, today: date) -> tuple[QualityItem, ...]:
    """The formal application's checklist, in the order of the form."""
    minimum = rules.MIN_SYLLABLES
    title = text(fields, "title")
    known, solution, novelty = (text(fields, n) for n in ("known_solution", "solution", "novelty"))
    known_item = described(
        "known_solution_described", known, minimum["known_solution"], title=title
    )
    solution_item = described("solution_described", solution, minimum["solution"], title=title)
    novelty_item = described("novelty_described", novelty, minimum["novelty"], title=title)
    return (
        check_title(title),
        known_item,
        solution_item,
        novelty_item,
        differs(
            "new_differs_from_known",
            known_item,
            known,
            [(solution_item, solution), (novelty_item, novelty)],
        ),
        check_first_applied_on(fields.get("first_applied_on"), today=today),
        measurable("benefits_measurable", text(fields, "benefits"), minimum["benefits"]),
        described("conditions_described", text(fields, "conditions"), minimum["conditions"]),
        described(
            "applicability_described", text(fields, "applicability"), minimum["applicability"]
        ),
        check_shares(fields.get("authors")),
    )


def hien_ke_items(fields: Fields, today: date) -> tuple[QualityItem, ...]:
    """The quick idea's lighter checklist."""
    minimum = rules.MIN_SYLLABLES
    problem, proposal = text(fields, "problem"), text(fields, "proposal")
    problem_item = described("problem_described", problem, minimum["problem"])
    proposal_item = described("proposal_described", proposal, minimum["proposal"])
    return (
        problem_item,
        proposal_item,
        concrete("benefit_concrete", text(fields, "benefit"), minimum["benefit"]),
        differs(
            "proposal_differs_from_problem", problem_item, problem, [(proposal_item, proposal)]
        ),
    )


CHECKLISTS: dict[str, Callable[[Fields, date], tuple[QualityItem, ...]]] = {
    SANG_KIEN: sang_kien_items,
    HIEN_KE: hien_ke_items,
}


def check(kind: str, fields: Fields, *, today: date) -> QualityReport:
    """The checklist for an entry of `kind` ("sang_kien" or "hien_ke"), judged as of `today`."""
    try:
        items = CHECKLISTS[kind]
    except KeyError:
        raise ValueError(f"unknown kind of entry: {kind!r}") from None
    return QualityReport(items=items(fields, today))
