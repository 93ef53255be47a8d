"""Writing help declared for the flows: the review's checklist and the "done before?" step."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot import quality
from bot.dialogue import validators as check
from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import quality as text
from bot.dialogue.quality_types import DIFFERENCE_FIELD, SIMILAR_KEY, FindSimilar, SimilarEntry
from bot.dialogue.review import submit_fields
from bot.dialogue.steps import Ctx, Flow, Move, Route, Step
from bot.messages import Button

DIFFERENCE_STEP = DIFFERENCE_FIELD
TITLE_SHOWN = 120  # characters of an earlier entry's title in the list
# Flows with a checklist, by flow name (the revision flow reuses these names).
QUALITY_KINDS = {"sang_kien": quality.SANG_KIEN, "hien_ke": quality.HIEN_KE}
_DIFFERENCE_RULE = check.TextRule(
    min_chars=10, max_chars=2000, min_words=3, hint=text.DIFFERENCE_HINT
)


def difference_step() -> Step:
    """How the author's entry differs from the earlier ones; reached only through on_similar."""
    return Step(
        DIFFERENCE_STEP,
        DIFFERENCE_FIELD,
        text.DIFFERENCE,
        validator=_DIFFERENCE_RULE,
        optional=True,
    )


def look_for_similar(next_step: str, fields: tuple[str, ...]) -> Route:
    """A route that asks the runner for earlier entries like these answers.

    It moves on to `next_step` (skipping the difference step) without replying: the
    runner's on_similar answers, with that step or the difference question.
    """

    def route(ctx: Ctx, _value: Any) -> Move:
        body = "\n".join(str(ctx.answers.get(name) or "") for name in fields).strip()
        return Move(next_step, effects=(FindSimilar(body),), quiet=True)

    return route


def shown(answers: Mapping[str, Any]) -> list[SimilarEntry]:
    """The earlier entries the author was shown (kept in the draft)."""
    found = answers.get(SIMILAR_KEY)
    if not isinstance(found, list):
        return []
    return [SimilarEntry.from_json(item) for item in found if isinstance(item, Mapping)]


def status_label(status: str) -> str:
    """Our statuses by their Vietnamese label; an imported row's own wording as it is."""
    return common.STATUS_LABELS.get(status, status) or text.SIMILAR_NO_STATUS


def similar_list(answers: Mapping[str, Any]) -> str:
    """The earlier entries as bullet lines (not numbered: on Zalo numbers pick the options)."""
    entries = shown(answers)
    lines = [text.SIMILAR_HEADER]
    for entry in entries:
        title = entry.title
        if len(title) > TITLE_SHOWN:
            title = title[: TITLE_SHOWN - 1].rstrip() + "…"
        year = text.SIMILAR_YEAR.format(year=entry.year) if entry.year else ""
        line = text.SIMILAR_LINE.format(
            code=entry.code,
            title=title,
            agency=entry.agency or text.SIMILAR_NO_AGENCY,
            year=year,
            status=status_label(entry.status),
        )
        lines.append(line)
    return "\n".join(lines)


def similar_vars(ctx: Ctx) -> dict[str, str]:
    """Template values for the flows' `vars` (the difference question shows the list)."""
    return {"similar_list": similar_list(ctx.answers)}


def checklist(flow: Flow, answers: Mapping[str, Any], today: date) -> str:
    """The quality checklist of the draft as it would be submitted; empty for other flows."""
    kind = QUALITY_KINDS.get(flow.name)
    if kind is None:
        return ""
    report = quality.check(kind, submit_fields(flow, answers), today=today)
    lines = [text.CHECKLIST_HEADER.format(passed=report.passed_count, total=report.total)]
    if not report.failed:
        return "\n".join([*lines, text.CHECKLIST_ALL_PASSED])
    lines.append(text.CHECKLIST_ADVICE)  # what is missing, as suggestions: nothing is refused
    lines += [text.CHECKLIST_FAILED.format(message=item.message) for item in report.failed]
    return "\n".join(lines)


def review_notes(flow: Flow, answers: Mapping[str, Any], today: date) -> str:
    """What the review adds before its footer: how the entry differs, then the checklist."""
    parts = []
    difference = answers.get(DIFFERENCE_FIELD)
    entries = shown(answers)
    if entries and difference:
        codes = ", ".join(entry.code for entry in entries)
        label = text.REVIEW_DIFFERENCE.format(label=text.DIFFERENCE_LABEL, value=difference)
        parts.append(f"{text.REVIEW_SIMILAR.format(codes=codes)}\n{label}")
    parts.append(checklist(flow, answers, today))
    return "\n\n".join(part for part in parts if part)


def edit_extra(flow: Flow, answers: Mapping[str, Any]) -> tuple[Button, ...]:
    """The difference answer is editable from the review once the question was asked."""
    if flow.get(DIFFERENCE_STEP) is None or not shown(answers):
        return ()
    return (Button(text.DIFFERENCE_LABEL, f"edit:{DIFFERENCE_FIELD}"),)
