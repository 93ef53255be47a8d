"""The desk's scoring panel: what this member may do with an entry's scores, and the form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.desk import catalogue as text
from bot.desk import scoring as rules
from bot.desk.access import Viewer
from bot.dossier.score_sheet import ScoreSheet, build_score_sheet
from storage import scores
from storage.models import Score, Submission
from webhook.config import Scoring
from webhook.desk_pages import e


@dataclass(frozen=True)
class ScoringView:
    level: str
    criteria: list[rules.Criterion]
    state: str  # own | closed | open | done
    mine: Score | None
    others: list[Score]  # filled only once the member has scored
    count: int
    summary: rules.Summary | None
    threshold: int


def rubric(scoring: Scoring, level: str) -> list[rules.Criterion]:
    every = [rules.Criterion(c.key, c.label, c.max, c.guidance, c.level) for c in scoring.criteria]
    return every if level == "all" else rules.criteria_for(every, level)


def _is_own(session: Session, principal: str, entry: Submission) -> bool:
    coauthors = [str(a.get("name", "")) for a in entry.fields.get("authors") or []]
    return rules.own_entry(
        principal=principal,
        author_principals=scores.author_principals(session, person_id=entry.person_id),
        viewer_name=scores.person_name(session, principal=principal),
        coauthor_names=coauthors,
    )


def scoring_view(
    session: Session, scoring: Scoring, principal: str, entry: Submission
) -> ScoringView | None:
    """None for a hiến kế (they are adopted or not, not scored)."""
    if entry.kind != "sang_kien":
        return None
    level = rules.level_of(entry.status)
    every = scores.of_entry(session, submission_id=entry.id or 0, level=level)
    mine = next((s for s in every if s.principal == principal), None)
    if _is_own(session, principal, entry):
        state = "own"
    elif mine is not None:
        state = "done"
    else:
        state = "open" if entry.status in rules.SCORABLE else "closed"
    shown = every if mine is not None else []
    summary = rules.summarize([s.total for s in shown], scoring.recognise_at)
    return ScoringView(
        level, rubric(scoring, level), state, mine, shown, len(every), summary, scoring.recognise_at
    )


def submit(
    session: Session,
    scoring: Scoring,
    principal: str,
    entry: Submission,
    form: dict[str, str],
    now: datetime,
) -> str | None:
    """Record the member's score; None when saved, else the Vietnamese reason it was not."""
    view = scoring_view(session, scoring, principal, entry)
    if view is None or view.state == "closed":
        return text.SCORE_CLOSED
    if view.state == "own":
        return text.SCORE_OWN_ENTRY
    if view.state == "done":
        return text.SCORE_TWICE
    points, wrong = rules.read_points(view.criteria, form)
    if points is None:
        assert wrong is not None
        return text.SCORE_BAD.format(label=wrong.label, max=wrong.max)
    comment = form.get("comment", "").strip()[:2000] or None
    saved = scores.submit(
        session,
        submission_id=entry.id or 0,
        principal=principal,
        level=view.level,
        points=points,
        comment=comment,
        now=now,
    )
    return None if saved else text.SCORE_TWICE


def panel(code: str, csrf: str, view: ScoringView) -> str:
    title = text.SCORE_TITLE.format(level=text.LEVELS[view.level])
    body: list[str] = [f'<section class="panel" id="scoring"><h2>{e(title)}</h2>']
    if view.state == "own":
        body.append(f"<p>{e(text.SCORE_OWN_ENTRY)}</p>")
    elif view.state == "closed":
        body.append(f"<p>{e(text.SCORE_CLOSED)}</p>")
    elif view.state == "open":
        hidden = text.SCORE_HIDDEN.format(count=view.count) if view.count else text.SCORE_NONE
        body.append(f"<p>{e(hidden)}</p>")
        body.append(_form(code, csrf, view.criteria))
    else:
        body.append(_results(view))
        body.append(f'<p><a href="/admin/hoso/{e(code)}/phieu.docx">{e(text.SCORE_SHEET)}</a></p>')
    return "".join(body) + "</section>"


def _form(code: str, csrf: str, criteria: list[rules.Criterion]) -> str:
    inputs = "".join(
        f'<p><label for="c-{e(c.key)}">{e(text.SCORE_RANGE.format(label=c.label, max=c.max))}</label>'
        f'<input id="c-{e(c.key)}" name="c_{e(c.key)}" type="number" min="0" max="{c.max}" '
        f'step="1" required inputmode="numeric" aria-describedby="g-{e(c.key)}">'
        f'<br><small id="g-{e(c.key)}">{e(c.guidance)}</small></p>'
        for c in criteria
    )
    return (
        f'<form method="post" action="/admin/hoso/{e(code)}/chamdiem">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">{inputs}'
        f'<p><label for="score-comment">{e(text.SCORE_COMMENT)}</label>'
        '<textarea id="score-comment" name="comment" maxlength="2000"></textarea></p>'
        f'<p><button type="submit">{e(text.SCORE_BUTTON)}</button></p></form>'
    )


def _results(view: ScoringView) -> str:
    head = "".join(f'<th scope="col">{e(c.label)}</th>' for c in view.criteria)
    rows = "".join(_score_row(s, view.criteria) for s in view.others)
    table = (
        f"<table><caption>{e(text.SCORE_TABLE)}</caption><thead><tr>"
        f'<th scope="col">{e(text.SCORE_MEMBER)}</th>{head}'
        f'<th scope="col">{e(text.SCORE_TOTAL)}</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    summary = view.summary
    if summary is None:
        return table
    line = text.SCORE_SUMMARY.format(
        count=summary.count,
        average=rules.points_vn(summary.average),
        spread=summary.spread,
        proposal=text.PROPOSALS[summary.recognise],
        threshold=view.threshold,
    )
    return f'{table}<p id="score-summary">{e(line)}</p>'


def _score_row(score: Score, criteria: list[rules.Criterion]) -> str:
    points: dict[str, Any] = score.points
    cells = "".join(f"<td>{e(points.get(c.key, ''))}</td>" for c in criteria)
    return f'<tr><th scope="row">{e(score.principal)}</th>{cells}<td>{score.total}</td></tr>'


def score_sheet_docx(entry: Submission, view: ScoringView, viewer: Viewer, tz: ZoneInfo) -> bytes:
    """The member's own submitted score as «Phiếu đánh giá sáng kiến» (.docx)."""
    assert view.mine is not None
    mine = view.mine
    councils = "; ".join(c.name for c in viewer.councils if c.level == view.level)
    return build_score_sheet(
        ScoreSheet(
            council=councils or text.LEVELS.get(view.level, view.level),
            member=viewer.principal,
            code=entry.code,
            name=entry.title,
            agency=entry.agency or "",
            criteria=view.criteria,
            points=dict(mine.points),
            total=mine.total,
            comment=mine.comment or "",
            submitted=mine.submitted_at.astimezone(tz).strftime("%d/%m/%Y"),
        )
    )
