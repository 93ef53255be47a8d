"""Applying one user action to the active step: a pressed button, typed text, or a file."""

from __future__ import annotations

from bot.dialogue import attachments, machine, render, revision, units
from bot.dialogue.catalogues import common as text
from bot.dialogue.catalogues import profile as profile_text
from bot.dialogue.commands import run as run_command
from bot.dialogue.errors import Invalid
from bot.dialogue.finishers import menu_action, show_menu
from bot.dialogue.frames import Env, active
from bot.dialogue.matching import fold, match_button, typed_number
from bot.dialogue.registry import HOOKS, lookup
from bot.dialogue.review import submit_fields
from bot.dialogue.steps import Move
from bot.dialogue.types import Kind, State, StepResult, Submit
from bot.messages import Attachment

# Words that act like the navigation buttons when typed (Zalo has no buttons).
NAV_WORDS = {
    "quay lai": "nav:back",
    "tro lai": "nav:back",
    "bo qua": "nav:skip",
    "vi du": "nav:example",
    "xem vi du": "nav:example",
    "giu nguyen": "nav:keep",
}
UNIT_QUERY_MAX = 200


def press(env: Env, state: State, value: str) -> StepResult:
    """A button value: global menu picks, else it must belong to the step on screen."""
    if value.startswith("menu:"):
        return menu_action(env, state, value)
    if value not in {b.value for b in render.buttons(env, state)}:
        return machine.show_current(env, state, text.STALE_CHOICE)
    if value == "nav:back" and not active(state).get("stack") and "overlay" not in state:
        return show_menu(env, state)
    navigation = {
        "nav:back": machine.back,
        "nav:skip": machine.skip,
        "nav:example": machine.example,
        "nav:keep": machine.keep,
    }.get(value)
    if navigation:
        return navigation(env, state)
    return _choose(env, state, value)


def _choose(env: Env, state: State, value: str) -> StepResult:
    frame = active(state)
    found = lookup(frame)
    if found is None:
        return machine.show_current(env, state)
    flow, step = found
    if step.kind == "review":
        return _review(env, state, value)
    if step.kind == "edit_pick":
        return _start_edit(env, state, value.removeprefix("edit:"))
    if step.kind == "unit":
        if value == "unit:other":
            return machine.goto(env, state, Move(step.other_step or flow.after(step.name)))
        matches = (frame.get("pending") or {}).get("matches") or []
        name = next((str(n) for n in matches if units.unit_value(str(n)) == value), None)
        if name is None:
            return machine.show_current(env, state, text.STALE_CHOICE)
        return machine.accept(env, state, name)
    if step.kind == "files":
        return machine.accept(env, state, list((frame.get("answers") or {}).get(step.field, [])))
    ctx = env.ctx(state, frame)
    return machine.accept(env, state, step.choice_value(ctx, value) if step.choice_value else value)


def _review(env: Env, state: State, value: str) -> StepResult:
    frame = active(state)
    found = lookup(frame)
    assert found is not None
    flow = found[0]
    if value == "review:edit":
        return machine.goto(env, state, Move("edit_pick"))
    if value == "review:cancel":
        return run_command(env, state, "huy")
    answers = frame.get("answers") or {}
    kind: Kind = "hien_ke" if flow.name == "hien_ke" else "sang_kien"
    if state.get(revision.REVISING):  # an amended entry keeps its code
        fields = submit_fields(flow, answers)
        return revision.resubmit(state, kind=kind, title=_title(kind, answers), fields=fields)
    submit = Submit(kind=kind, title=_title(kind, answers), fields=submit_fields(flow, answers))
    return StepResult(state, (), (submit,))


def _title(kind: str, answers: dict[str, object]) -> str:
    if kind == "hien_ke":
        return HOOKS.title_from(str(answers.get("proposal") or ""))
    return str(answers.get("title") or "")


def _start_edit(env: Env, state: State, field: str) -> StepResult:
    """Edit one field from the review; afterwards the user comes straight back to the review."""
    frame = active(state)
    found = lookup(frame)
    assert found is not None
    target = found[0].first_step_for(field)
    if target is None:
        return machine.show_current(env, state, text.STALE_CHOICE)
    stack = list(frame.get("stack") or [])
    frame["review_stack"] = stack[:-1] if stack and stack[-1] == "review" else stack
    frame["stack"], frame["editing"] = ["review"], field
    frame["step"], frame["index"] = target.name, 0
    return machine.show_current(env, state)


def typed(env: Env, state: State, raw: str) -> StepResult:
    """Typed text: a navigation word, an option (number or label), or the answer itself."""
    frame = active(state)
    found = lookup(frame)
    if found is None:
        return machine.show_current(env, state)
    step = found[1]
    key = fold(raw).strip(" .!")
    if key in NAV_WORDS:
        return (
            press(env, state, NAV_WORDS[key])
            if NAV_WORDS[key] in _values(env, state)
            else _nav_unavailable(env, state, NAV_WORDS[key])
        )
    buttons = render.buttons(env, state)
    if step.kind == "unit":
        return _unit_text(env, state, raw)
    if step.kind == "files":
        chosen = match_button(raw, buttons) if key != "xong" else "files:done"
        if chosen in _values(env, state):
            return press(env, state, str(chosen))
        waiting = text.FILES_WAITING.format(can_send=text.can_send(env.ctx(state, state).channel))
        return machine.show_current(env, state, waiting)
    if step.kind != "text":
        chosen = match_button(raw, buttons)
        if chosen is None:
            return machine.show_current(env, state, text.PICK_ONE)
        return press(env, state, chosen)
    return _text_answer(env, state, raw)


def _values(env: Env, state: State) -> set[str]:
    return {b.value for b in render.buttons(env, state)}


def _nav_unavailable(env: Env, state: State, value: str) -> StepResult:
    if value == "nav:back":
        return machine.back(env, state)
    if value == "nav:skip":
        return machine.show_current(env, state, text.SKIP_REQUIRED)
    if value == "nav:keep":
        return machine.show_current(env, state, text.KEEP_NOTHING)
    return machine.show_current(env, state, text.NO_EXAMPLE)


def _text_answer(env: Env, state: State, raw: str) -> StepResult:
    frame = active(state)
    found = lookup(frame)
    assert found is not None
    step = found[1]
    buttons = render.buttons(env, state)
    number = typed_number(raw)
    # On Zalo the buttons are numbered; a bare small number means one of them,
    # except where a number is the answer (a percentage).
    if number is not None and not step.numeric and 1 <= number <= len(buttons):
        return press(env, state, buttons[number - 1].value)
    shortcut = next(
        (b.value for b in step.choices(env.ctx(state, frame)) if fold(b.label) == fold(raw)), None
    )
    if shortcut:
        return press(env, state, shortcut)
    if step.validator is None:
        return machine.show_current(env, state, text.PICK_ONE)
    try:
        value = step.validator(raw, env.ctx(state, frame))
    except Invalid as refused:
        return machine.show_current(env, state, refused.message)
    return machine.accept(env, state, value)


def _unit_text(env: Env, state: State, raw: str) -> StepResult:
    """Search the unit list, or take a number / exact name of one of the units shown."""
    frame = active(state)
    buttons = render.buttons(env, state)
    if typed_number(raw) is not None:
        chosen = match_button(raw, buttons)
        return (
            press(env, state, chosen) if chosen else machine.show_current(env, state, text.PICK_ONE)
        )
    exact = next((b.value for b in buttons if fold(b.label) == fold(raw)), None)
    if exact:
        return press(env, state, exact)
    if len(raw) > UNIT_QUERY_MAX:
        return machine.show_current(
            env, state, text.TOO_LONG.format(got=len(raw), limit=UNIT_QUERY_MAX)
        )
    if len(fold(raw).replace(" ", "")) < 2:
        return machine.show_current(env, state, profile_text.UNIT_QUERY_SHORT)
    matches, total = units.search(env.units, raw, env.ctx(state, frame).today)
    frame["pending"] = {"query": raw, "matches": matches, "total": total}
    return machine.show_current(env, state)


def file(env: Env, state: State, attachment: Attachment) -> StepResult:
    frame = active(state)
    found = lookup(frame)
    if found is None or found[1].kind != "files":
        return machine.show_current(env, state, text.FILE_NOT_HERE)
    field = found[1].field or "attachments"
    answers = dict(frame.get("answers") or {})
    files = list(answers.get(field) or [])
    try:
        files.append(attachments.accept(files, attachment, env.max_attachment_bytes))
    except Invalid as refused:
        return machine.show_current(env, state, refused.message)
    answers[field] = files
    frame["answers"] = answers
    size = attachments.size_text(attachment.size)
    name = attachment.file_name or text.FILE_UNNAMED
    return machine.show_current(
        env, state, text.FILE_RECEIVED.format(name=name, size=size, count=len(files))
    )
