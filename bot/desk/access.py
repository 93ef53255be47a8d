"""Who may use the reviewers' desk and which entries they see (roles, councils, config)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from storage import councils, roles
from storage.councils import CouncilView
from storage.desk import Scope


@dataclass(frozen=True)
class Viewer:
    """A person allowed at the desk: their principal, roles, councils and what they see."""

    principal: str
    admin: bool
    reviewer: bool
    councils: tuple[CouncilView, ...]
    scope: Scope


@dataclass(frozen=True)
class Access:
    """Built once from config; the database adds role grants and councils at each look-up."""

    admins: tuple[str, ...]
    reviewers: tuple[str, ...]
    configured: tuple[CouncilView, ...]

    @classmethod
    def create(
        cls, *, admins: Sequence[str], reviewers: Sequence[str], configured: Sequence[CouncilView]
    ) -> Access:
        return cls(tuple(admins), tuple(reviewers), tuple(configured))

    def councils(self, session: Session) -> list[CouncilView]:
        """Config councils merged with those added from the command line (same name: union)."""
        merged: dict[str, CouncilView] = {c.name: c for c in self.configured}
        for council in councils.listing(session):
            known = merged.get(council.name)
            if known is None:
                merged[council.name] = council
                continue
            # The command line's chair or secretary is the later, deliberate act: it wins.
            merged[council.name] = CouncilView(
                known.name,
                known.level,
                tuple(dict.fromkeys([*known.units, *council.units])),
                tuple(dict.fromkeys([*known.members, *council.members])),
                chair=council.chair or known.chair,
                secretary=council.secretary or known.secretary,
            )
        return list(merged.values())

    def viewer(self, session: Session, principal: str) -> Viewer | None:
        """None for anyone with no role and no council: they see nothing at all."""
        wanted = {principal}
        admin = roles.holds(session, role="admin", configured=self.admins, candidates=wanted)
        reviewer = roles.holds(
            session, role="reviewer", configured=self.reviewers, candidates=wanted
        )
        every = self.councils(session)
        mine = tuple(c for c in every if principal in c.members)
        if not (admin or reviewer or mine):
            return None
        return Viewer(principal, admin, reviewer, mine, _scope(admin, reviewer, mine, bool(every)))


def _scope(admin: bool, reviewer: bool, mine: tuple[CouncilView, ...], any_council: bool) -> Scope:
    # Until councils are set up, reviewers work as one council over everything (as digests do).
    if admin or (reviewer and not any_council):
        return Scope(everything=True)
    units = tuple(dict.fromkeys(u for c in mine if c.level == "co_so" for u in c.units))
    return Scope(units=units, provincial=any(c.level == "tinh" for c in mine))
