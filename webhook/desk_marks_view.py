"""The desk's marks on its pages: the queue's two filters and badges, the entry's checklist."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import quality
from bot.desk import catalogue as text
from bot.desk import marks as desk_marks
from bot.dialogue.catalogues import quality as catalogue_quality
from bot.quality.report import QualityItem
from storage.desk import Filters, Row
from storage.desk_marks import STRONG
from storage.models import Submission
from webhook.desk_pages import e


def level_label(strong: bool) -> str:
    return catalogue_quality.SIMILAR_STRONG if strong else catalogue_quality.SIMILAR_FAIR


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{e(v)}"{" selected" if v == chosen else ""}>{e(t)}</option>'
        for v, t in options
    )
    return (
        f'<div><label for="f-{name}">{e(label)}</label>'
        f'<select id="f-{name}" name="{name}">{items}</select></div>'
    )


def marks_filters(filters: Filters) -> str:
    """ "Has similar entries" and the quality flags, as two more selects of the filter form."""
    every = [("", text.ALL)]
    flags = list(text.QUALITY_CHOICES.items()) + [
        (rule, text.QUALITY_FLAG_CHOICE.format(label=label))
        for rule, (label, _why) in text.QUALITY_RULES.items()
    ]
    return _select(
        "similar",
        text.SIMILAR_FILTER,
        every + list(text.SIMILAR_CHOICES.items()),
        filters.similar or "",
    ) + _select("flag", text.QUALITY_FILTER, every + flags, filters.flag or "")


def marks_badges(row: Row) -> str:
    """Words beside the title (never colour alone): the level of the closest similar entry
    and how many checklist rules failed."""
    badges = []
    if row.similar_level:
        level = level_label(row.similar_level >= STRONG)
        badges.append(text.BADGE_SIMILAR.format(level=level))
    failed = len((row.quality_flags or "").split())
    if failed:
        badges.append(text.BADGE_FAILED.format(count=failed))
    return "".join(f' <span class="badge">{e(b)}</span>' for b in badges)


def checklist(entry: Submission, tz: ZoneInfo) -> tuple[QualityItem, ...]:
    """The checklist as of the day the entry was submitted (the day its author saw it)."""
    day = desk_marks.day_of(entry.submitted_at or entry.created_at or datetime.now(tz), tz)
    try:
        return quality.check(entry.kind, entry.fields or {}, today=day).items
    except ValueError:
        return ()


def checklist_panel(entry: Submission, tz: ZoneInfo) -> str:
    items = checklist(entry, tz)
    if not items:
        return ""
    passed = sum(1 for item in items if item.passed)
    rows = []
    for item in items:
        label, why = text.QUALITY_RULES.get(item.rule, (item.rule, ""))
        verdict = text.CHECK_PASSED if item.passed else text.CHECK_FAILED
        explanation = item.message if item.passed else why
        mark = "✓" if item.passed else "✗"
        rows.append(
            f'<li class="{"pass" if item.passed else "fail"}">'
            f'<span aria-hidden="true" class="mark">{mark}</span> '
            f'<strong>{e(label)}</strong>: <span class="verdict">{e(verdict)}</span>'
            f"<br><small>{e(explanation)}</small></li>"
        )
    summary = text.CHECKLIST_SUMMARY.format(passed=passed, total=len(items))
    return (
        f'<section class="panel" id="checklist" aria-labelledby="checklist-title">'
        f'<h2 id="checklist-title">{e(text.CHECKLIST_TITLE)}</h2>'
        f"<p>{e(summary)}</p>"
        f'<ul class="checklist">{"".join(rows)}</ul></section>'
    )
