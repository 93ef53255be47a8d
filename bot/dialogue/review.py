"""The review before submitting: the readable summary, the edit list and the Submit payload."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import sang_kien as sk_text
from bot.dialogue.dates import format_iso
from bot.dialogue.quality_types import DIFFERENCE_FIELD
from bot.dialogue.steps import Flow, Step, StepText, fixed
from bot.messages import Button

NOT_EDITABLE = ("declaration",)
REVIEW_ITEM_MAX = 150  # characters of one answer in the review: a phone shows it at a glance
FULL_TEXT_IN_FILE = ("sang_kien",)  # flows whose printable Đơn holds every answer in full


def review_steps() -> tuple[Step, ...]:
    """The last two steps of every submission flow: review, and the pick of a field to edit."""
    return (
        Step(
            "review",
            None,
            StepText(question=common.REVIEW_FOOTER),
            kind="review",
            stores=False,
            choices=fixed(
                Button(common.REVIEW_SUBMIT, "review:submit"),
                Button(common.REVIEW_EDIT, "review:edit"),
                Button(common.REVIEW_CANCEL, "review:cancel"),
            ),
        ),
        Step(
            "edit_pick", None, StepText(question=common.EDIT_PICK), kind="edit_pick", stores=False
        ),
    )


def edit_buttons(flow: Flow) -> tuple[Button, ...]:
    return tuple(
        Button(flow.field_labels.get(name, name), f"edit:{name}")
        for name in flow.fields
        if name not in NOT_EDITABLE
    )


def summary(flow: Flow, header: str, answers: Mapping[str, Any], notes: str = "") -> str:
    """Every field with its Vietnamese label, values as the user typed them, then `notes`."""
    lines = [header]  # no blank line: a split message keeps the header with the first items
    for number, name in enumerate(flow.fields, start=1):
        label = flow.field_labels.get(name, name)
        value = display(flow, name, answers.get(name))
        if name not in ("authors", "trial_participants"):
            value = _brief(flow, value)
        joiner = "\n" if "\n" in value else " "
        lines.append(f"{number}. {label}:{joiner}{value}")
    if notes:  # the writing help's checklist (bot/dialogue/flows/quality.py)
        lines += ["", notes]
    lines += ["", flow.pledge or common.REVIEW_FOOTER]  # one footer; a pledge is its own
    return "\n".join(lines)


def _brief(flow: Flow, value: str) -> str:
    """A long answer cut at a word, pointing to the Đơn where it stands in full."""
    if flow.name not in FULL_TEXT_IN_FILE or len(value) <= REVIEW_ITEM_MAX:
        return value
    cut = value[:REVIEW_ITEM_MAX].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}… {common.REVIEW_MORE}"


def display(flow: Flow, name: str, value: Any) -> str:
    """One answer as the user reads it (dates dd/mm/yyyy, choices by label)."""
    if value is None or value == "" or value == []:
        return common.EMPTY_VALUE
    if name == "authors":
        return "\n".join(_author_line(i, a) for i, a in enumerate(value, start=1))
    if name == "trial_participants" and isinstance(value, list):
        return "\n".join(
            "   " + sk_text.PARTICIPANT_BRIEF.format(n=i, **{k: p.get(k, "") for k in ("name", "position", "task")})
            for i, p in enumerate(value, start=1)
            if isinstance(p, Mapping)
        )
    if name == "attachments":
        names = ", ".join(str(f.get("file_name") or common.FILE_UNNAMED) for f in value)
        return common.FILES_SUMMARY.format(count=len(value), names=names)
    if name == "declaration":
        return sk_text.DECLARED if value is True else common.EMPTY_VALUE
    if name.endswith("_on"):
        return format_iso(value)
    labels = flow.value_labels.get(name)
    if labels:
        return labels.get(str(value), str(value))
    return str(value)


def _author_line(number: int, author: Mapping[str, Any]) -> str:
    return "   " + sk_text.AUTHOR_BRIEF.format(
        n=number,
        name=author.get("name", ""),
        birth_date=format_iso(author.get("birth_date", "")),
        position=author.get("position", ""),
        workplace=author.get("workplace", ""),
        qualification=author.get("qualification", ""),
        share=author.get("share", ""),
    )


def submit_fields(flow: Flow, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The stable snake_case fields stored with the submission; skipped ones are None / []."""
    fields: dict[str, Any] = {}
    for name in flow.fields:
        value = answers.get(name)
        if name == "attachments":
            value = list(value or [])
        elif name == "authors":
            value = [dict(a) for a in value or [] if isinstance(a.get("share"), int)]
        fields[name] = value
    if DIFFERENCE_FIELD in answers:  # asked only when earlier similar entries were shown
        fields[DIFFERENCE_FIELD] = answers[DIFFERENCE_FIELD]
    if flow.pledge:  # these fields are what «Gửi» sends: sending them is the pledge
        fields["declaration"] = True
    return fields
