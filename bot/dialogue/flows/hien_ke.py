"""The hiến kế flow declared as data: a quick idea in five minutes on a phone."""

from __future__ import annotations

import re
from typing import Any

from bot.dialogue import validators as check
from bot.dialogue.catalogues import common as common_text
from bot.dialogue.catalogues import hien_ke as text
from bot.dialogue.flows.quality import difference_step, look_for_similar, similar_vars
from bot.dialogue.review import review_steps
from bot.dialogue.steps import Ctx, Flow, Step

TITLE_MAX = 120
FIELDS = ("field", "problem", "proposal", "benefit", "applying_unit", "attachments")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s|\n")


def _described(hint: str) -> check.TextRule:
    return check.TextRule(min_chars=30, max_chars=4000, min_words=6, hint=hint)


def title_from(proposal: str, limit: int = TITLE_MAX) -> str:
    """The first sentence of the proposal, cut at a word so it fits in `limit` characters."""
    first = _SENTENCE_END.split(proposal.strip(), maxsplit=1)[0].strip().rstrip(".!?… ")
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-– ")
    return f"{cut}…"


def _vars(ctx: Ctx) -> dict[str, Any]:
    return {"max_mb": str(ctx.max_attachment_bytes // 1_000_000),
        "can_send": common_text.can_send(ctx.channel), **similar_vars(ctx)}


HIEN_KE = Flow(
    name="hien_ke",
    finish="review",
    fields=FIELDS,
    field_labels=text.FIELD_LABELS,
    vars=_vars,
    show_progress=True,
    start_note=text.START,
    review_header=text.REVIEW_HEADER,
    steps=(
        Step(
            "field",
            "field",
            text.FIELD,
            validator=check.TextRule(min_chars=2, max_chars=200, one_line=True),
        ),
        Step("problem", "problem", text.PROBLEM, validator=_described(text.PROBLEM_HINT)),
        Step(
            "proposal",
            "proposal",
            text.PROPOSAL,
            validator=_described(text.PROPOSAL_HINT),
            route=look_for_similar("benefit", ("proposal",)),
        ),
        difference_step(),  # only when on_similar found earlier entries like this one
        Step(
            "benefit",
            "benefit",
            text.BENEFIT,
            validator=check.TextRule(
                min_chars=20, max_chars=4000, min_words=4, hint=text.BENEFIT_HINT
            ),
        ),
        Step(
            "applying_unit",
            "applying_unit",
            text.APPLYING_UNIT,
            optional=True,
            validator=check.TextRule(min_chars=3, max_chars=300, one_line=True),
        ),
        Step("attachments", "attachments", text.ATTACHMENTS, kind="files", optional=True),
        *review_steps(),
    ),
)
