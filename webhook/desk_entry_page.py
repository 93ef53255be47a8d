"""One entry at the desk: its fields as written, files, history, and the status forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.desk import catalogue as text
from bot.dialogue.flows import FLOWS
from bot.dialogue.review import display
from bot.review.catalogue import ACTION_LABELS, KIND_TITLES, STATUS_LABELS
from bot.review.transitions import allowed
from storage.models import StatusChange, StoredFile, Submission
from webhook import desk_decision
from webhook.desk_auth import DeskUser
from webhook.desk_compare import Counterpart, similar_panel
from webhook.desk_marks_view import checklist_panel
from webhook.desk_pages import e, layout, notice
from webhook.desk_scoring import ScoringView, panel

DOSSIER_DOCUMENTS = ("application.docx", "report.docx")


@dataclass(frozen=True)
class EntryView:
    submission: Submission
    history: list[StatusChange]
    files: list[StoredFile]
    scoring: ScoringView | None = None
    decision: desk_decision.DecisionView | None = None
    similar: list[Counterpart] = field(default_factory=list)
    hidden: frozenset[str] = frozenset()  # codes of entries of other councils


def entry_page(
    user: DeskUser, view: EntryView, *, tz: ZoneInfo, message: str = "", error: bool = False
) -> str:
    entry = view.submission
    kind = KIND_TITLES.get(entry.kind, entry.kind)
    status = STATUS_LABELS.get(entry.status, entry.status)
    body = (
        f'<p><a href="/admin">{e(text.ENTRY_BACK)}</a></p>'
        f"<h1>{e(entry.code)}: {e(entry.title)}</h1>"
        + (notice(message, error=error) if message else "")
        + f'<p>{e(kind)} · {e(text.STATUS)}: <strong id="entry-status">{e(status)}</strong></p>'
        '<div class="panels"><div>'
        + _author(entry)
        + _content(entry)
        + _similar(entry, view.hidden)
        + similar_panel(entry, view.similar)
        + checklist_panel(entry, tz)
        + _history(view.history, tz)
        + "</div><div>"
        + (panel(entry.code, user.csrf, view.scoring) if view.scoring else "")
        + _decision(user, view, tz)
        + _forms(user, entry)
        + _files(entry, view.files)
        + "</div></div>"
    )
    return layout(entry.code, body, viewer=user.viewer, csrf=user.csrf)


def _decision(user: DeskUser, view: EntryView, tz: ZoneInfo) -> str:
    if view.decision is None:
        return ""
    return desk_decision.section(user.viewer, view.submission.code, user.csrf, view.decision, tz)


def _author(entry: Submission) -> str:
    rows = "".join(
        f"<dt>{e(label)}</dt><dd>{e(entry.author.get(key) or '')}</dd>"
        for key, label in text.LABEL_AUTHOR.items()
    )
    return f'<h2>{e(text.ENTRY_AUTHOR)}</h2><dl class="fields">{rows}</dl>'


def _content(entry: Submission) -> str:
    flow = FLOWS.get(entry.kind)
    names = list(flow.fields) if flow else []
    names += [n for n in entry.fields if n not in names]
    items = []
    for name in names:
        if name == "attachments":
            continue  # listed with their download links
        label = flow.field_labels.get(name, name) if flow else name
        value = display(flow, name, entry.fields.get(name)) if flow else str(entry.fields[name])
        items.append(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>")
    return f'<h2>{e(text.ENTRY_CONTENT)}</h2><dl class="fields">{"".join(items)}</dl>'


def _similar(entry: Submission, hidden: frozenset[str]) -> str:
    """What the author was shown as done before (the digest and the API list the same);
    an entry of another council by its code and level only."""
    items = []
    for item in entry.similar or []:
        if not isinstance(item, dict) or not item.get("code"):
            continue
        if item["code"] in hidden:
            items.append(
                f"<li>{e(item['code'])} <strong>{e(item.get('level') or '')}</strong></li>"
            )
            continue
        line = text.ENTRY_SIMILAR_LINE.format(code=item["code"], title=item.get("title") or "")
        agency, year = item.get("agency") or "", item.get("year")
        source = text.ENTRY_SIMILAR_SOURCE.format(agency=agency, year=year) if year else agency
        level = str(item.get("level") or "")
        items.append(
            f"<li>{e(line)}"
            + (f"<br><small>{e(source)}</small>" if source else "")
            + (f" <strong>{e(level)}</strong>" if level else "")
            + "</li>"
        )
    if not items:
        return ""
    return f'<h2>{e(text.ENTRY_SIMILAR)}</h2><ul class="similar">{"".join(items)}</ul>'


def _history(history: list[StatusChange], tz: ZoneInfo) -> str:
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in text.HISTORY_COLUMNS)
    rows = "".join(
        f"<tr><td>{e(h.at.astimezone(tz).strftime('%d/%m/%Y %H:%M'))}</td>"
        f"<td>{e(STATUS_LABELS.get(h.status, h.status))}</td><td>{e(h.by)}</td>"
        f"<td>{e(h.note or '')}</td></tr>"
        for h in history
    )
    return (
        f'<h2 id="history">{e(text.ENTRY_HISTORY)}</h2>'
        f'<table aria-labelledby="history"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def _forms(user: DeskUser, entry: Submission) -> str:
    targets = allowed(entry.kind, entry.status)
    if not targets:
        return f'<section class="panel"><h2>{e(text.CHANGE_TITLE)}</h2><p>{e(text.NO_ACTIONS)}</p></section>'
    action = f"/admin/hoso/{e(entry.code)}/trangthai"
    csrf = f'<input type="hidden" name="csrf" value="{e(user.csrf)}">'
    options = "".join(f'<option value="{e(t)}">{e(ACTION_LABELS[t])}</option>' for t in targets)
    change = (
        f'<section class="panel"><h2>{e(text.CHANGE_TITLE)}</h2>'
        f'<form method="post" action="{action}">{csrf}'
        f'<p><label for="change-status">{e(text.CHANGE_TO)}</label>'
        f'<select id="change-status" name="status">{options}</select></p>'
        f'<p><label for="change-note">{e(text.CHANGE_NOTE)}</label>'
        '<textarea id="change-note" name="note" maxlength="4000"></textarea></p>'
        f'<p><button type="submit">{e(text.CHANGE_BUTTON)}</button></p></form></section>'
    )
    if "needs_revision" not in targets:
        return change
    revision = (
        f'<section class="panel"><h2>{e(text.REVISION_TITLE)}</h2>'
        f'<form method="post" action="{action}">{csrf}'
        '<input type="hidden" name="status" value="needs_revision">'
        f'<p><label for="revision-note">{e(text.REVISION_NOTE)}</label>'
        '<textarea id="revision-note" name="note" maxlength="4000" required></textarea></p>'
        f'<p><button type="submit">{e(text.REVISION_BUTTON)}</button></p></form></section>'
    )
    return change + revision


def _files(entry: Submission, files: list[StoredFile]) -> str:
    items = []
    for stored in files:
        name = e(stored.file_name or f"tep-{stored.id}")
        if stored.status == "stored":
            items.append(
                f'<li><a href="/admin/hoso/{e(entry.code)}/tep/{stored.id}">{name}</a></li>'
            )
        else:
            items.append(f"<li>{name} {e(text.FILE_PENDING)}</li>")
    if entry.kind == "sang_kien":
        items += [
            f'<li><a href="/admin/hoso/{e(entry.code)}/{doc}">{e(text.DOSSIER[doc])}</a></li>'
            for doc in DOSSIER_DOCUMENTS
        ]
    listing = f"<ul>{''.join(items)}</ul>" if items else f"<p>{e(text.ENTRY_NO_FILES)}</p>"
    return f'<section class="panel"><h2>{e(text.ENTRY_FILES)}</h2>{listing}</section>'
