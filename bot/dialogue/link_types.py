"""Effects of account linking (/lienket); the runner-side handlers live in bot/linking.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IssueLinkCode:
    """Create a one-time code for this person; the runner then calls flow_link.on_link_code."""


@dataclass(frozen=True)
class RedeemLinkCode:
    """Join this account to the person who issued `code` (on_linked or on_link_refused)."""

    code: str
