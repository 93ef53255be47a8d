"""Heavy desk documents are built one at a time per person, and only a few at once in all.

The minutes of a council day and the results workbook take seconds of CPU for a few hundred
entries. A double click, a reload while waiting, or every member opening the minutes at the
meeting must not take the server from everyone else: a second request of the same person
while theirs is being built, or one beyond the server's share, is told to try again shortly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

RETRY_AFTER = 5  # seconds: about what the minutes of 300 entries take


class HeavyWork:
    """Used from the event loop only (the building itself runs in a worker thread)."""

    def __init__(self, at_once: int = 2) -> None:
        self.at_once = at_once
        self._building: set[str] = set()

    @contextmanager
    def slot(self, principal: str) -> Iterator[bool]:
        """True: build now (the slot is held until the block ends); False: refuse."""
        if principal in self._building or len(self._building) >= self.at_once:
            yield False
            return
        self._building.add(principal)
        try:
            yield True
        finally:
            self._building.discard(principal)
