"""The council's results list as a spreadsheet: one row per member's score, with each entry's
average and proposed decision."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from bot.desk import catalogue as text
from bot.desk import scoring as rules
from bot.review.catalogue import STATUS_LABELS
from bot.review.sheets import Sheet
from storage.models import Score, Submission


def results_sheet(
    rows: Sequence[tuple[Submission, Score]],
    criteria: Sequence[rules.Criterion],
    recognise_at: int,
) -> Sheet:
    labels = [
        f"{c.label} ({text.LEVELS[c.level]})" if c.level in text.LEVELS else c.label
        for c in criteria
    ]
    out: list[list[str]] = []
    groups = groupby(rows, key=lambda r: (r[0].code, r[1].level))
    for number, (_key, group) in enumerate(groups, start=1):
        scored = list(group)
        summary = rules.summarize([s.total for _, s in scored], recognise_at)
        assert summary is not None
        for entry, score in scored:
            out.append(
                [
                    str(number),
                    entry.code,
                    entry.title,
                    entry.agency or "",
                    STATUS_LABELS.get(entry.status, entry.status),
                    text.LEVELS.get(score.level, score.level),
                    score.principal,
                    *[_points(score, c) for c in criteria],
                    str(score.total),
                    score.comment or "",
                    rules.points_vn(summary.average),
                    text.PROPOSALS[summary.recognise],
                ]
            )
    return Sheet((*text.RESULTS_COLUMNS[:7], *labels, *text.RESULTS_COLUMNS[7:]), out)


def _points(score: Score, criterion: rules.Criterion) -> str:
    value = score.points.get(criterion.key)
    return "" if value is None else str(value)
