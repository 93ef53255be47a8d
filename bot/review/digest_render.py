"""The reviewer digest as messages, pure: grouped by kind then unit, each piece under the
platform's limit so that one stored message is exactly one platform call (a retry never
repeats a piece that already arrived)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.messages import Button, Outgoing
from bot.review import catalogue as review_text
from bot.review import catalogue_digest as text
from bot.review.commands import SHOW, button_value

# Below the platforms' own limits (Telegram 4,096 UTF-16 units, Zalo 2,000) with room to spare.
LIMITS = {"telegram": 3800, "zalo": 1900, "web": 3800}
ENTRIES_PER_MESSAGE = 8  # a screenful or two; eight rows of buttons stay readable
# A big batch is listed compactly (title, author, possible duplicates): a council group gets
# 20 messages a minute, and the sheet holds the full text anyway.
COMPACT_OVER, COMPACT_PER_MESSAGE, COMPACT_TITLE = 60, 15, 140
TITLE_MAX, LINE_MAX, EXCERPT_MAX = 300, 200, 280
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class DigestEntry:
    """One entry as reviewers see it; every string is the author's text, still unsanitised."""

    code: str
    kind: str
    status: str
    title: str
    author: str
    unit: str
    field: str
    submitted: str  # local time, already formatted
    excerpt: str
    quality: dict[str, Any] | None = None
    similar: tuple[str, ...] = ()


def units(text_value: str) -> int:
    """Length as both platforms count it (UTF-16 code units)."""
    return len(text_value.encode("utf-16-le")) // 2


def plain(value: object, limit: int) -> str:
    """One line of user text: no control or bidi characters, spaces collapsed, cut at `limit`."""
    cleaned = _SPACES.sub(" ", _CONTROLS.sub(" ", str(value or ""))).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def ordered(entries: Sequence[DigestEntry]) -> list[DigestEntry]:
    """Sáng kiến first, then hiến kế; by unit; oldest first within a unit."""
    rank = {"sang_kien": 0, "hien_ke": 1}
    return sorted(entries, key=lambda e: (rank.get(e.kind, 2), e.unit.casefold(), e.submitted))


def header(entries: Sequence[DigestEntry], *, batch: int, date: str, channel: str) -> Outgoing:
    kinds = Counter(e.kind for e in entries)
    lines = [
        text.HEADER.format(batch=batch, date=date),
        text.COUNTS.format(total=len(entries), sk=kinds["sang_kien"], hk=kinds["hien_ke"]),
        "",
        text.GROUPS_TITLE,
    ]
    how = text.HOW_TYPED if channel == "zalo" else text.HOW_BUTTONS
    if len(entries) > COMPACT_OVER:
        how = f"{text.COMPACT_NOTE}\n{how}"
    groups = Counter((e.kind, plain(e.unit, LINE_MAX) or text.NO_UNIT) for e in entries)
    budget = LIMITS.get(channel, 3800) - units("\n".join(lines)) - units(how) - 120
    for shown, ((kind, unit), count) in enumerate(groups.items()):
        line = text.GROUP_COUNT.format(kind=_kind(kind), unit=unit, count=count)
        budget -= units(line) + 1
        if budget < 0:
            lines.append(text.GROUPS_MORE.format(count=len(groups) - shown))
            break
        lines.append(line)
    return Outgoing("\n".join([*lines, "", how]))


def pieces(entries: Sequence[DigestEntry], *, channel: str) -> list[Outgoing]:
    """The entries (already ordered), a few per message, each message under the limit."""
    limit = LIMITS.get(channel, 3800)
    compact = len(entries) > COMPACT_OVER
    per_message = COMPACT_PER_MESSAGE if compact else ENTRIES_PER_MESSAGE
    out: list[Outgoing] = []
    lines: list[str] = []
    buttons: list[Button] = []
    group: tuple[str, str] | None = None
    for number, entry in enumerate(entries, start=1):
        block = compact_lines(entry, number) if compact else entry_lines(entry, number)
        heading = _heading(entry, continued=False) if (entry.kind, entry.unit) != group else None
        size = units("\n".join([*lines, heading or "", *block]))
        if lines and (size > limit or len(buttons) >= 2 * per_message):
            out.append(Outgoing("\n".join(lines), tuple(buttons)))
            lines, buttons = [], []
            heading = heading or _heading(entry, continued=True)
        if heading:
            lines += ["", heading] if lines else [heading]
        lines += ["", *block]
        buttons += _buttons(entry, number) if channel != "zalo" else []
        group = (entry.kind, entry.unit)
    if lines:
        out.append(Outgoing("\n".join(lines), tuple(buttons)))
    return out


def entry_lines(entry: DigestEntry, number: int) -> list[str]:
    lines = [
        text.ENTRY_TITLE.format(
            number=number, code=entry.code, title=plain(entry.title, TITLE_MAX)
        ),
        text.ENTRY_AUTHOR.format(author=plain(entry.author, LINE_MAX) or text.UNKNOWN),
        text.ENTRY_FIELD.format(field=plain(entry.field, LINE_MAX) or text.UNKNOWN),
        text.ENTRY_TIME.format(time=entry.submitted),
    ]
    if entry.status != "submitted":
        label = review_text.STATUS_LABELS.get(entry.status, entry.status)
        lines.insert(1, text.ENTRY_STATUS.format(label=label))
    excerpt = plain(entry.excerpt, EXCERPT_MAX)
    if excerpt:
        lines.append(text.ENTRY_SOLUTION.get(entry.kind, "{text}").format(text=excerpt))
    quality = quality_summary(entry.quality)
    if quality:
        lines.append(text.ENTRY_QUALITY.format(summary=plain(quality, LINE_MAX)))
    if entry.similar:
        lines.append(text.ENTRY_SIMILAR.format(codes=plain(", ".join(entry.similar), LINE_MAX)))
    return lines


def compact_lines(entry: DigestEntry, number: int) -> list[str]:
    title = plain(entry.title, COMPACT_TITLE)
    lines = [
        text.ENTRY_TITLE.format(number=number, code=entry.code, title=title),
        text.ENTRY_BRIEF.format(
            author=plain(entry.author, 80) or text.UNKNOWN, time=entry.submitted
        ),
    ]
    if entry.similar:
        lines.append(text.ENTRY_SIMILAR.format(codes=plain(", ".join(entry.similar), 80)))
    return lines


def quality_summary(quality: dict[str, Any] | None) -> str:
    """ "đạt 7/9 tiêu chí" from the quality check's JSON (or its own summary text)."""
    if not isinstance(quality, dict):
        return ""
    if isinstance(quality.get("summary"), str):
        return str(quality["summary"])
    passed, total = quality.get("passed"), quality.get("total")
    if isinstance(passed, int) and isinstance(total, int) and total:
        return text.QUALITY_SCORE.format(passed=passed, total=total)
    return ""


def similar_codes(similar: object, limit: int = 5) -> tuple[str, ...]:
    """Codes out of Submission.similar (a list of codes, or of objects with a "code"),
    each with its level when stored: "SK-2024-00007 (rất giống)"."""
    if not isinstance(similar, list):
        return ()
    codes = [_similar_code(item) for item in similar]
    return tuple(c for c in codes if c and c != "None")[:limit]


def _similar_code(item: object) -> str:
    if not isinstance(item, dict):
        return str(item)
    code, level = str(item.get("code")), item.get("level")
    if code == "None" or not isinstance(level, str) or not level:
        return code
    return text.SIMILAR_LEVEL.format(code=code, level=level)


def _heading(entry: DigestEntry, *, continued: bool) -> str:
    template = text.GROUP_CONTINUED if continued else text.GROUP
    return template.format(kind=_kind(entry.kind), unit=plain(entry.unit, LINE_MAX) or text.NO_UNIT)


def _kind(kind: str) -> str:
    return review_text.KIND_TITLES.get(kind, kind)


def _buttons(entry: DigestEntry, number: int) -> list[Button]:
    return [
        Button(text.BUTTON_REVIEW.format(number=number), button_value("xemxet", entry.code)),
        Button(text.BUTTON_MORE.format(number=number), button_value(SHOW, entry.code)),
    ]
