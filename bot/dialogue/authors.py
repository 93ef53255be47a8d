"""Authors and co-authors of a sáng kiến: storage by index, share totals, loop routing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.dialogue.catalogues import sang_kien as text
from bot.dialogue.errors import Invalid
from bot.dialogue.steps import Ctx, Move
from bot.messages import Button

MAX_AUTHORS = 10
AUTHOR_KEYS = ("name", "birth_date", "workplace", "position", "qualification", "share")


def first_author(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The user is the first author; name, workplace and position come from the profile."""
    return {
        "name": profile.get("name") or "",
        "workplace": profile.get("agency") or "",
        "position": profile.get("position") or "",
    }


def authors_of(answers: Mapping[str, Any], profile: Mapping[str, Any]) -> list[dict[str, Any]]:
    authors = answers.get("authors") or [first_author(profile)]
    return [dict(author) for author in authors]


def complete(authors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Authors whose questions are all answered (the share is asked last)."""
    return [author for author in authors if isinstance(author.get("share"), int)]


def total(authors: list[dict[str, Any]]) -> int:
    return sum(author["share"] for author in complete(authors))


def people_of(
    answers: Mapping[str, Any], field: str, profile: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The people listed under `field`: the authors, or the trial participants."""
    if field == "authors":
        return authors_of(answers, profile)
    found = answers.get(field)
    return [dict(p) for p in found if isinstance(p, Mapping)] if isinstance(found, list) else []


def store(
    answers: dict[str, Any], ctx: Ctx, key: str, value: Any, field: str = "authors"
) -> dict[str, Any]:
    """New answers with `key` of person number `ctx.index` under `field` set (appending one)."""
    people = people_of(answers, field, ctx.profile)
    while len(people) <= ctx.index:
        people.append({})
    people[ctx.index][key] = value
    return {**answers, field: people}


def more_choices(ctx: Ctx) -> tuple[Button, ...]:
    authors = authors_of(ctx.answers, ctx.profile)
    done = complete(authors)
    buttons = [
        Button(text.COAUTHOR_ADD, "coauthor:add"),
        Button(text.COAUTHOR_DONE if len(done) > 1 else text.COAUTHOR_NONE, "coauthor:done"),
    ]
    if len(done) > 1:
        buttons.append(Button(text.COAUTHOR_REMOVE, "coauthor:remove"))
    if total(authors) != 100:
        buttons.append(Button(text.SHARE_REDO, "share:redo"))
    return tuple(buttons)


def more_route(ctx: Ctx, value: Any) -> Move:
    """The co-author loop: add one, remove the last, fix the shares, or go on."""
    authors = complete(authors_of(ctx.answers, ctx.profile))
    if value == "coauthor:add":
        if len(authors) >= MAX_AUTHORS:
            raise Invalid(text.TOO_MANY_AUTHORS.format(limit=MAX_AUTHORS))
        # An author left half-entered (the user went back) is dropped before a new one starts.
        return Move(
            "coauthor_name", index=len(authors), answers={**ctx.answers, "authors": authors}
        )
    if value == "coauthor:remove" and len(authors) > 1:
        answers = {**ctx.answers, "authors": authors[:-1]}
        return Move("coauthor_more", answers=answers, reset_stack=False)
    if value == "share:redo":
        return Move("share_fix", index=0)
    if total(authors) != 100:
        raise Invalid(text.SHARES_NOT_100.format(total=total(authors)))
    return Move("investor", answers={**ctx.answers, "authors": authors})


def share_fix_route(ctx: Ctx, value: Any) -> Move:
    """Ask every author's share again, one by one, then back to the loop."""
    count = len(complete(authors_of(ctx.answers, ctx.profile)))
    if ctx.index + 1 < count:
        return Move("share_fix", index=ctx.index + 1)
    return Move("coauthor_more")


def to_more(ctx: Ctx, value: Any) -> Move:
    return Move("coauthor_more")


def author_vars(ctx: Ctx) -> dict[str, str]:
    """Placeholders for the author prompts: who is being asked about, and the share totals."""
    authors = authors_of(ctx.answers, ctx.profile)
    current = authors[ctx.index] if ctx.index < len(authors) else {}
    others = sum(a["share"] for i, a in enumerate(complete(authors)) if i != ctx.index)
    lines = [
        text.AUTHOR_LINE.format(
            n=i + 1,
            name=a.get("name", ""),
            share=f"{a['share']}%" if isinstance(a.get("share"), int) else text.SHARE_MISSING,
        )
        for i, a in enumerate(authors)
        if a.get("name")
    ]
    return {
        "author_name": str(current.get("name") or ""),
        "author_workplace": str(current.get("workplace") or ""),
        "author_position": str(current.get("position") or ""),
        "n": str(ctx.index),
        "authors_list": "\n".join(lines),
        "total": str(total(authors)),
        "others": str(others),
        "remaining": str(max(0, 100 - others)),
    }
