"""Scoring rules of the desk, pure: which rubric applies, reading points, the summary."""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.review.transitions import PROVINCIAL as PROVINCIAL_STATUSES

SCORABLE = ("submitted", "forwarded", "under_review", "provincial_review")


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    max: int
    guidance: str
    level: str  # co_so | tinh | both


@dataclass(frozen=True)
class Summary:
    count: int
    average: float
    spread: int
    recognise: bool  # the proposed decision; the chair decides


def level_of(status: str) -> str:
    """An entry in provincial review is scored by the cấp tỉnh rubric, any other by cơ sở."""
    return "tinh" if status in PROVINCIAL_STATUSES else "co_so"


def criteria_for(criteria: Iterable[Criterion], level: str) -> list[Criterion]:
    return [c for c in criteria if c.level in (level, "both")]


def read_points(
    criteria: list[Criterion], form: Mapping[str, str]
) -> tuple[dict[str, int] | None, Criterion | None]:
    """Points per criterion from the form, or the first criterion whose value is wrong."""
    points: dict[str, int] = {}
    for criterion in criteria:
        raw = form.get(f"c_{criterion.key}", "").strip()
        if not raw.isdigit() or not 0 <= int(raw) <= criterion.max:
            return None, criterion
        points[criterion.key] = int(raw)
    return points, None


def summarize(totals: list[int], recognise_at: int) -> Summary | None:
    if not totals:
        return None
    average = statistics.fmean(totals)
    return Summary(len(totals), average, max(totals) - min(totals), average >= recognise_at)


def _folded(name: str) -> str:
    bare = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).lower().split())


def own_entry(
    *,
    principal: str,
    author_principals: set[str],
    viewer_name: str | None,
    coauthor_names: Iterable[str],
) -> bool:
    """Nobody scores their own entry, nor one where they are named as a co-author."""
    if principal in author_principals:
        return True
    if not viewer_name:
        return False
    return _folded(viewer_name) in {_folded(n) for n in coauthor_names if n}


def points_vn(value: float) -> str:
    """Vietnamese decimal comma: 72,5."""
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")
