"""The dialogue's answers to the writing help's effects: earlier entries found, dossier ready."""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.catalogues import quality as text
from bot.dialogue.commands import with_notice
from bot.dialogue.frames import Env, active, open_overlay
from bot.dialogue.machine import show_current
from bot.dialogue.quality_types import (
    CHOICES_KEY,
    DIFFERENCE_FIELD,
    SIMILAR_KEY,
    DossierFiles,
    SendDossier,
    SimilarEntry,
)
from bot.dialogue.registry import lookup
from bot.dialogue.render import show
from bot.dialogue.types import EntrySummary, State, StepResult
from bot.messages import Outgoing

SHOWN_MAX = 3
PICK_MAX = 10  # the latest sáng kiến offered by /taidon


def on_similar(env: Env, state: State, entries: Sequence[SimilarEntry] | None) -> StepResult:
    """Earlier entries like the draft: keep them and ask how it differs, or simply go on.

    None means the lookup was skipped (the index is still loading): the draft goes on.
    The question is asked again only when an entry the author has not seen turns up.
    """
    frame = active(state)
    found = lookup(frame)
    if entries is None or found is None or found[0].get(DIFFERENCE_FIELD) is None:
        return show_current(env, state)
    revising = state.get("revising")  # an amended entry must not be shown as its own match
    kept = [e for e in entries if e.code != revising][:SHOWN_MAX]
    answers = dict(frame.get("answers") or {})
    seen = {str(item.get("code")) for item in answers.get(SIMILAR_KEY) or []}
    answers[SIMILAR_KEY] = [entry.to_json() for entry in kept]
    frame["answers"] = answers
    unseen = {entry.code for entry in kept} - seen
    if not kept or (DIFFERENCE_FIELD in answers and not unseen):
        return show_current(env, state)
    if frame.get("step") == "review":  # the solution was edited from the review
        frame["review_stack"] = list(frame.get("stack") or [])
        frame["stack"], frame["editing"] = ["review"], DIFFERENCE_FIELD
    # The stack already holds the step that asked; back from the question returns to it.
    frame["step"], frame["index"] = DIFFERENCE_FIELD, 0
    return show_current(env, state)


def on_dossier_choices(env: Env, state: State, entries: Sequence[EntrySummary]) -> StepResult:
    """/taidon: one sáng kiến is sent at once; several are offered to pick from."""
    own = [entry for entry in entries if entry.kind == "sang_kien"][:PICK_MAX]
    if not own:
        return with_notice(env, state, text.DOSSIER_NONE)
    if len(own) == 1:
        return StepResult(state, (), (SendDossier(own[0].code),))
    open_overlay(state, "dossier", "pick", {CHOICES_KEY: [[e.code, e.title] for e in own]})
    return show_current(env, state)


def on_dossier(
    env: Env,
    state: State,
    code: str,
    files: DossierFiles | None,
    *,
    failed: bool = False,
    link_days: int | None = None,
    then_show: bool = True,
) -> StepResult:
    """The two documents (or why there are none), then the step the author was at.

    `link_days` is set when the files are links that expire; `then_show` is False right
    after a submission, whose receipt already showed the menu.
    """
    if files is None:
        problem = text.DOSSIER_FAILED if failed else text.DOSSIER_NOT_FOUND
        return with_notice(env, state, problem.format(code=code))
    report_text = text.DOSSIER_REPORT.format(code=code)
    if link_days:
        report_text = f"{report_text}\n{text.DOSSIER_LINK_NOTE.format(days=link_days)}"
    replies = [
        Outgoing(
            text.DOSSIER_APPLICATION.format(code=code),
            document=files.application,
            document_name=files.application_name,
        ),
        Outgoing(report_text, document=files.report, document_name=files.report_name),
    ]
    if then_show:
        replies.append(show(env, state))
    return StepResult(state, tuple(replies))


def shown_in_draft(state: State) -> list[dict[str, object]] | None:
    """The earlier entries the author was shown, as stored with the submission.

    None when no lookup answered during the draft (index loading, entry reopened).
    """
    answers = active(state).get("answers") or {}
    found = answers.get(SIMILAR_KEY)
    return (
        [dict(item) for item in found if isinstance(item, dict)]
        if isinstance(found, list)
        else None
    )
