"""The sáng kiến flow declared as data: every item of the Đơn yêu cầu công nhận sáng kiến."""

from __future__ import annotations

from typing import Any

from bot.dialogue import authors, participants
from bot.dialogue import validators as check
from bot.dialogue.catalogues import common as common_text
from bot.dialogue.catalogues import sang_kien as text
from bot.dialogue.flows.quality import difference_step, look_for_similar, similar_vars
from bot.dialogue.review import review_steps
from bot.dialogue.steps import Ctx, Flow, Step, fixed
from bot.messages import Button

DESCRIPTION_MAX = 4000
FIELDS = (
    "title",
    "solution_type",
    "field",
    "problem",
    "authors",
    "investor",
    "first_applied_on",
    "known_solution",
    "solution",
    "novelty",
    "applicability",
    "confidential_info",
    "conditions",
    "benefits",
    "trial_unit_opinion",
    "trial_participants",
    "attachments",
    "scope",
)


def described(hint: str) -> check.TextRule:
    """A descriptive field: a few real sentences, at most DESCRIPTION_MAX characters."""
    return check.TextRule(min_chars=40, max_chars=DESCRIPTION_MAX, min_words=8, hint=hint)


_TITLE = check.TextRule(min_chars=15, max_chars=300, min_words=4, one_line=True)
_SHORT = check.TextRule(min_chars=2, max_chars=200, one_line=True)
_OPTIONAL = check.TextRule(min_chars=2, max_chars=DESCRIPTION_MAX)
_NAME_LIKE = check.TextRule(min_chars=3, max_chars=300, min_words=2, one_line=True)


def _agency_button(value: str) -> Any:
    """A shortcut button carrying the author's unit (absent when the profile has none)."""

    def choices(ctx: Ctx) -> tuple[Button, ...]:
        agency = ctx.profile.get("agency")
        if not agency:
            return ()
        label = text.SAME_UNIT.format(agency=agency) if value == "workplace:same" else agency
        return (Button(label, value),)

    return choices


def _agency(ctx: Ctx, value: str) -> str:
    return str(ctx.profile.get("agency") or "")


def _author(name: str, key: str, step_text: Any, validator: Any, **extra: Any) -> Step:
    return Step(name, "authors", step_text, validator=validator, author_key=key, **extra)


_AUTHOR_STEPS = (
    _author("author_birth_date", "birth_date", text.AUTHOR_BIRTH_DATE, check.born_on),
    _author("author_qualification", "qualification", text.AUTHOR_QUALIFICATION, _SHORT),
    _author("author_share", "share", text.AUTHOR_SHARE, check.share, numeric=True),
    Step(
        "coauthor_more",
        "authors",
        text.COAUTHOR_MORE,
        kind="choice",
        stores=False,
        choices=authors.more_choices,
        route=authors.more_route,
    ),
    _author("coauthor_name", "name", text.COAUTHOR_NAME, check.person_name),
    _author("coauthor_birth_date", "birth_date", text.COAUTHOR_BIRTH_DATE, check.born_on),
    _author(
        "coauthor_workplace",
        "workplace",
        text.COAUTHOR_WORKPLACE,
        _NAME_LIKE,
        choices=_agency_button("workplace:same"),
        choice_value=_agency,
    ),
    _author("coauthor_position", "position", text.COAUTHOR_POSITION, _SHORT),
    _author("coauthor_qualification", "qualification", text.COAUTHOR_QUALIFICATION, _SHORT),
    _author(
        "coauthor_share",
        "share",
        text.COAUTHOR_SHARE,
        check.share,
        numeric=True,
        route=authors.to_more,
    ),
    _author(
        "share_fix",
        "share",
        text.SHARE_FIX,
        check.share,
        numeric=True,
        route=authors.share_fix_route,
    ),
)


def _participant(name: str, key: str, step_text: Any, validator: Any, **extra: Any) -> Step:
    return Step(
        name, "trial_participants", step_text, validator=validator, author_key=key, **extra
    )


_PARTICIPANT_STEPS = (
    _participant("participant_name", "name", text.PARTICIPANT_NAME, check.person_name),
    _participant("participant_birth_date", "birth_date", text.PARTICIPANT_BIRTH_DATE,
                 check.born_on),
    _participant(
        "participant_workplace",
        "workplace",
        text.PARTICIPANT_WORKPLACE,
        _NAME_LIKE,
        choices=_agency_button("workplace:same"),
        choice_value=_agency,
    ),
    _participant("participant_position", "position", text.PARTICIPANT_POSITION, _SHORT),
    _participant("participant_qualification", "qualification", text.PARTICIPANT_QUALIFICATION,
                 _SHORT),
    _participant("participant_task", "task", text.PARTICIPANT_TASK, _SHORT,
                 route=participants.to_more),
)


def _choice(name: str, step_text: Any, labels: dict[str, str]) -> Step:
    buttons = tuple(Button(label, value) for value, label in labels.items())
    return Step(name, name, step_text, kind="choice", choices=fixed(*buttons))


def _vars(ctx: Ctx) -> dict[str, str]:
    return {
        **authors.author_vars(ctx),
        **participants.participant_vars(ctx),
        "agency": str(ctx.profile.get("agency") or ""),
        "max_mb": str(ctx.max_attachment_bytes // 1_000_000),
        "can_send": common_text.can_send(ctx.channel),
        **similar_vars(ctx),
    }


SANG_KIEN = Flow(
    name="sang_kien",
    finish="review",
    fields=FIELDS,
    field_labels=text.FIELD_LABELS,
    value_labels={"solution_type": text.SOLUTION_TYPES, "scope": text.SCOPES},
    vars=_vars,
    show_progress=True,
    start_note=text.START,
    review_header=text.REVIEW_HEADER,
    pledge=text.PLEDGE,  # made by the final «Gửi», after the review
    steps=(
        Step("title", "title", text.TITLE, validator=_TITLE),
        _choice("solution_type", text.SOLUTION_TYPE, text.SOLUTION_TYPES),
        Step("field", "field", text.FIELD, validator=_SHORT),
        Step("problem", "problem", text.PROBLEM, validator=described(text.PROBLEM_HINT)),
        *_AUTHOR_STEPS,
        Step(
            "investor",
            "investor",
            text.INVESTOR,
            validator=_NAME_LIKE,
            choices=_agency_button("investor:my_unit"),
            choice_value=_agency,
        ),
        Step("first_applied_on", "first_applied_on", text.APPLIED_ON, validator=check.applied_on),
        Step(
            "known_solution",
            "known_solution",
            text.KNOWN_SOLUTION,
            validator=described(text.KNOWN_SOLUTION_HINT),
        ),
        Step(
            "solution",
            "solution",
            text.SOLUTION,
            validator=described(text.SOLUTION_HINT),
            route=look_for_similar("novelty", ("title", "solution")),
        ),
        difference_step(),  # only when on_similar found earlier entries like this one
        Step("novelty", "novelty", text.NOVELTY, validator=described(text.NOVELTY_HINT)),
        Step(
            "applicability",
            "applicability",
            text.APPLICABILITY,
            validator=described(text.APPLICABILITY_HINT),
        ),
        Step(
            "confidential_info",
            "confidential_info",
            text.CONFIDENTIAL,
            validator=_OPTIONAL,
            optional=True,
        ),
        Step(
            "conditions", "conditions", text.CONDITIONS, validator=described(text.CONDITIONS_HINT)
        ),
        Step("benefits", "benefits", text.BENEFITS, validator=described(text.BENEFITS_HINT)),
        Step(
            "trial_unit_opinion",
            "trial_unit_opinion",
            text.TRIAL_OPINION,
            validator=_OPTIONAL,
            optional=True,
        ),
        Step(
            "trial_participants",
            "trial_participants",
            text.TRIAL_PARTICIPANTS,
            kind="choice",
            optional=True,
            stores=False,
            choices=participants.more_choices,
            route=participants.more_route,
        ),
        *_PARTICIPANT_STEPS,
        Step("attachments", "attachments", text.ATTACHMENTS, kind="files", optional=True),
        _choice("scope", text.SCOPE, text.SCOPES),
        *review_steps(),
    ),
)
