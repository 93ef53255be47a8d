"""The checklist a quality check returns: one item per rule, passed or with a suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QualityItem:
    """One rule's verdict; `message` confirms when passed and suggests a fix when not."""

    rule: str
    passed: bool
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "passed": self.passed, "message": self.message}


@dataclass(frozen=True)
class QualityReport:
    """All items in the order the author fills the form; shown before submitting."""

    items: tuple[QualityItem, ...]

    @property
    def passed_count(self) -> int:
        return sum(1 for item in self.items if item.passed)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def failed(self) -> tuple[QualityItem, ...]:
        return tuple(item for item in self.items if not item.passed)

    def item(self, rule: str) -> QualityItem:
        """The item of one rule; KeyError when the check has no such rule."""
        for found in self.items:
            if found.rule == rule:
                return found
        raise KeyError(rule)

    def to_json(self) -> dict[str, Any]:
        """The `quality` object of the API's submission JSON."""
        return {
            "passed": self.passed_count,
            "total": self.total,
            "items": [item.to_json() for item in self.items],
        }
