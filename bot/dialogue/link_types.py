"""Effects of account linking (/lienket); the runner-side handlers live in bot/linking.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IssueLinkCode:
    """Create a one-time code for this person; the runner then calls flow_link.on_link_code."""


@dataclass(frozen=True)
class RedeemLinkCode:
    """Ask the owner of `code` to let this account join them (on_link_requested, or
    on_link_refused). `origin` is where the update came from (the web client's network) for
    the wrong-try limits; None on the platforms, whose user ids are stable."""

    code: str
    origin: str | None = None


@dataclass(frozen=True)
class AnswerLink:
    """The owner of the first account answered a request to link `code`'s typist to them."""

    code: str
    accept: bool
