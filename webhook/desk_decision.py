"""The desk's «Xác nhận quyết định» section: the chair confirms or overrides the proposal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import status
from bot.desk import catalogue as text
from bot.desk import decision as rules
from bot.desk import scoring as desk_scoring
from bot.desk.access import Access, Viewer
from bot.review.catalogue import STATUS_LABELS
from storage import decisions, scores
from storage.councils import CouncilView
from storage.models import CouncilDecision, StatusChange, Submission
from webhook.config import Scoring
from webhook.desk_pages import e


@dataclass(frozen=True)
class DecisionView:
    level: str
    council: CouncilView | None  # the entry's council with a chair, else its first council
    how: rules.Acting | None  # how this viewer may confirm, if at all
    own: bool
    open: bool  # the entry awaits a decision at this level
    scored_myself: bool
    summary: desk_scoring.Summary | None  # every score at the level (shown once allowed)
    proposal: str | None
    expected: list[str]
    missing: list[str]
    done: tuple[CouncilDecision, StatusChange] | None  # the newest confirmation
    names: dict[str, str]  # profile names of the people the section mentions, when known

    def who(self, principal: str) -> str:
        """A chat account with its owner's name, as the admin pages show people."""
        name = self.names.get(principal)
        return f"{name} ({principal})" if name else principal

    @property
    def shown(self) -> bool:
        """Scores stay hidden from a member until their own is in (admins see them all)."""
        return self.how == "admin" or self.scored_myself


def own_check(session: Session, entry: Submission) -> Callable[[str], bool]:
    """Is this principal the entry's author or a named co-author?"""
    authors = scores.author_principals(session, person_id=entry.person_id)
    coauthors = [str(a.get("name", "")) for a in entry.fields.get("authors") or []]

    def own(principal: str) -> bool:
        return desk_scoring.own_entry(
            principal=principal,
            author_principals=authors,
            viewer_name=scores.person_name(session, principal=principal),
            coauthor_names=coauthors,
        )

    return own


def decision_view(
    session: Session, access: Access, scoring: Scoring, viewer: Viewer, entry: Submission
) -> DecisionView | None:
    """None for a hiến kế (adopted or not by the reviewers, never scored)."""
    if entry.kind != "sang_kien":
        return None
    level = desk_scoring.level_of(entry.status)
    councils = rules.councils_of(access.councils(session), level=level, agency=entry.agency)
    own = own_check(session, entry)
    every = scores.of_entry(session, submission_id=entry.id or 0, level=level)
    by = {s.principal for s in every}
    expected = rules.expected(councils, own)
    summary = desk_scoring.summarize([s.total for s in every], scoring.recognise_at)
    done = decisions.latest(session, submission_ids=[entry.id or 0], level=level).get(entry.id or 0)
    council = rules.chair_of(councils) or (councils[0] if councils else None)
    missing = [m for m in expected if m not in by]
    mentioned = [*missing, *(p for p in (council.chair if council else None,) if p)]
    if done is not None:
        mentioned.append(done[1].by.partition(":")[2])
    names = {p: n for p in mentioned if (n := scores.person_name(session, principal=p))}
    return DecisionView(
        level=level,
        council=council,
        how=rules.acting(viewer.principal, viewer.admin, councils),
        own=own(viewer.principal),
        open=entry.status in desk_scoring.SCORABLE,
        scored_myself=viewer.principal in by,
        summary=summary,
        proposal=rules.proposed(level, summary),
        expected=expected,
        missing=missing,
        done=done,
        names=names,
    )


def confirm(
    session: Session,
    view: DecisionView,
    viewer: Viewer,
    entry: Submission,
    form: rules.Request,
    now: datetime,
) -> str | None:
    """Apply the confirmed decision through the status rules; None when done, else why not."""
    scored = len(view.expected) - len(view.missing)
    reason = rules.refusal(
        level=view.level,
        how=view.how,
        own=view.own,
        scored_myself=view.scored_myself,
        proposal=view.proposal,
        missing=view.missing,
        expected_count=len(view.expected),
        scored=scored,
        form=form,
    )
    if reason is not None:
        return reason
    assert view.how is not None
    outcome = status.change(
        session,
        code=entry.code,
        status=form.decision,
        note=form.note,
        by=f"{view.how}:{viewer.principal}",
        now=now,
    )
    if outcome.reason is not None:
        return text.CONFIRM_REFUSED.format(reason=outcome.reason)
    assert outcome.change is not None
    decisions.record(
        session,
        submission_id=entry.id or 0,
        change=outcome.change,
        level=view.level,
        council=view.council.name if view.council else "",
        acting=view.how,
        proposed=view.proposal,
        average=view.summary.average if view.summary else None,
        scores=scored,
        expected=len(view.expected),
        now=now,
    )
    return None


def read_request(form: dict[str, str]) -> rules.Request:
    return rules.Request(
        decision=form.get("decision", "")[:40],
        note=form.get("note", "")[:4000],
        early=form.get("early") == "1",
        as_admin=form.get("as_admin") == "1",
    )


def section(viewer: Viewer, code: str, csrf: str, view: DecisionView, tz: ZoneInfo) -> str:
    """The entry page's section; kept apart from the scoring panel and the status forms."""
    parts = [f'<section class="panel" id="confirm"><h2>{e(text.CONFIRM_TITLE)}</h2>']
    chair = view.council.chair if view.council else None
    parts.append(
        f"<p>{e(text.CONFIRM_CHAIR.format(chair=view.who(chair)) if chair else text.CONFIRM_NO_CHAIR)}</p>"
    )
    if view.done is not None:
        parts.append(_done(view, tz))
    if view.open:
        parts.append(_open(code, csrf, view))
    if view.council is not None and (viewer.admin or viewer.principal in view.council.members):
        day = view.done[1].at.astimezone(tz).date() if view.done else None
        parts.append(minutes_form(view.council, day))
    return "".join(parts) + "</section>"


def minutes_form(council: CouncilView, day: date | None) -> str:
    """«Biên bản họp» of a chosen day, typed day first (empty: today); a plain link beside it."""
    value = day.strftime("%d/%m/%Y") if day else ""
    link = f"/admin/bienban.docx?hoidong={quote(council.name)}" + (
        f"&ngay={day.isoformat()}" if day else ""
    )
    return (
        '<form method="get" action="/admin/bienban.docx" class="minutes">'
        f'<input type="hidden" name="hoidong" value="{e(council.name)}">'
        f'<p><label for="minutes-day">{e(text.MINUTES_DATE)}</label>'
        f'<input id="minutes-day" name="ngay" type="text" inputmode="numeric" maxlength="40" '
        f'placeholder="{e(text.MINUTES_DATE_HINT)}" value="{e(value)}"> '
        f'<button type="submit">{e(text.MINUTES_BUTTON)}</button></p></form>'
        f'<p><a href="{e(link)}">{e(text.MINUTES_LINK)}</a></p>'
    )


def _done(view: DecisionView, tz: ZoneInfo) -> str:
    assert view.done is not None
    decision, change = view.done
    principal = change.by.partition(":")[2]
    line = text.CONFIRM_DONE.format(
        who=text.CONFIRM_ACTING.get(decision.acting, "{principal}").format(
            principal=view.who(principal)
        ),
        label=STATUS_LABELS.get(decision.decision, decision.decision),
        at=change.at.astimezone(tz).strftime("%d/%m/%Y %H:%M"),
        match=text.CONFIRM_MATCH[decision.decision == decision.proposed],
    )
    return f'<p id="confirmed">{e(line)}</p>'


def _open(code: str, csrf: str, view: DecisionView) -> str:
    scored = len(view.expected) - len(view.missing)
    parts = []
    if view.expected:
        progress = text.CONFIRM_PROGRESS.format(scored=scored, expected=len(view.expected))
        parts.append(f"<p>{e(progress)}</p>")
    if view.how is None:
        return "".join(parts) + f"<p>{e(text.CONFIRM_WAIT)}</p>"
    if view.own:
        return "".join(parts) + f"<p>{e(text.CONFIRM_OWN_ENTRY)}</p>"
    if not view.shown:
        return "".join(parts) + f"<p>{e(text.CONFIRM_SCORE_FIRST)}</p>"
    if view.summary is None or view.proposal is None:
        return "".join(parts) + f"<p>{e(text.CONFIRM_NO_SCORES)}</p>"
    return "".join(parts) + _form(code, csrf, view)


def _form(code: str, csrf: str, view: DecisionView) -> str:
    assert view.summary is not None and view.proposal is not None
    average = desk_scoring.points_vn(view.summary.average)
    proposal = text.CONFIRM_PROPOSAL.format(average=average, decision=STATUS_LABELS[view.proposal])
    options = "".join(
        f'<option value="{e(s)}"{" selected" if s == view.proposal else ""}>'
        f"{e((text.CONFIRM_KEEP if s == view.proposal else text.CONFIRM_OVERRIDE).format(label=STATUS_LABELS[s]))}"
        "</option>"
        for s in rules.DECISIONS[view.level]
    )
    extra = ""
    if view.missing:
        warning = text.CONFIRM_EARLY_WARNING.format(
            scored=len(view.expected) - len(view.missing),
            expected=len(view.expected),
            missing=", ".join(view.who(m) for m in view.missing),
        )
        extra += (
            f'<p class="notice error" role="note">{e(warning)}</p>'
            '<p><label class="check"><input name="early" type="checkbox" value="1"> '
            f"{e(text.CONFIRM_EARLY)}</label></p>"
        )
    if view.how == "admin":
        extra += (
            '<p><label class="check"><input name="as_admin" type="checkbox" value="1"> '
            f"{e(text.CONFIRM_AS_ADMIN)}</label></p>"
        )
    return (
        f'<p id="proposal">{e(proposal)}</p>'
        f'<form method="post" action="/admin/hoso/{e(code)}/xacnhan">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<p><label for="confirm-decision">{e(text.CONFIRM_DECISION)}</label>'
        f'<select id="confirm-decision" name="decision">{options}</select></p>'
        f'<p><label for="confirm-note">{e(text.CONFIRM_NOTE)}</label>'
        '<textarea id="confirm-note" name="note" maxlength="4000"></textarea></p>'
        f"{extra}"
        f'<p><button type="submit">{e(text.CONFIRM_BUTTON)}</button></p></form>'
    )
