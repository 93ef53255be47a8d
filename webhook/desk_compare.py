"""Similar entries side by side on the entry page, field by field, with the changed words marked.

Only entries the viewer may open show their content; another council's entry shows its
code, level and status and nothing else. Words only in the entry being read are <ins>,
words only in the similar one <del>, each run also named in hidden text for screen readers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.desk import catalogue as text
from bot.dialogue.flows import FLOWS
from bot.review.catalogue import STATUS_LABELS
from storage import desk, desk_marks
from storage.desk import Scope
from storage.models import Submission
from storage.prior import PRIOR, SUBMISSION
from webhook.desk_marks_view import level_label
from webhook.desk_pages import e

# A role of a field in the comparison, and which field plays it in each kind of entry.
FIELD_OF = {
    "sang_kien": {
        "field": "field",
        "problem": "problem",
        "known": "known_solution",
        "solution": "solution",
        "novelty": "novelty",
        "benefit": "benefits",
        "applicability": "applicability",
        "conditions": "conditions",
    },
    "hien_ke": {
        "field": "field",
        "problem": "problem",
        "solution": "proposal",
        "benefit": "benefit",
    },
}
PRIOR_FIELDS = {"solution": "content"}
_WORD = re.compile(r"\S+\s*")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")

Segment = tuple[str, str]  # ("same" | "ins" | "del", text)


@dataclass(frozen=True)
class Counterpart:
    """One similar entry as the viewer may see it; `rows` empty when it is not theirs."""

    code: str
    strong: bool
    score: float
    status: str
    visible: bool
    source: str = ""
    link: str | None = None
    rows: tuple[tuple[str, str, str], ...] = ()  # (label, this entry's text, the other's)


def _key(word: str) -> str:
    return _EDGE.sub("", unicodedata.normalize("NFC", word.strip()).casefold())


def word_diff(mine: str, other: str) -> tuple[list[Segment], list[Segment]]:
    """Both texts cut into runs: the same words, words only in `mine` ("ins"), words only
    in `other` ("del"). Case, Unicode form and surrounding punctuation do not count."""
    a, b = _WORD.findall(mine), _WORD.findall(other)
    matcher = SequenceMatcher(None, [_key(w) for w in a], [_key(w) for w in b], autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(("same", "".join(a[i1:i2])))
            right.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(("ins", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(("del", "".join(b[j1:j2])))
    return left, right


def _render(segments: list[Segment]) -> str:
    parts = []
    for kind, words in segments:
        if kind == "same":
            parts.append(e(words))
        else:
            hidden = text.COMPARE_ONLY_MINE if kind == "ins" else text.COMPARE_ONLY_OTHER
            parts.append(f'<{kind}><span class="sr-only">{e(hidden)} </span>{e(words)}</{kind}>')
    return "".join(parts)


def _value(fields: dict[str, Any], name: str | None) -> str:
    value = fields.get(name or "")
    return value.strip() if isinstance(value, str) else ""


def _label(entry: Submission, role: str) -> str:
    flow = FLOWS.get(entry.kind)
    name = FIELD_OF.get(entry.kind, {}).get(role, "")
    return flow.field_labels.get(name, name) if flow else name


def _rows(
    entry: Submission, other_kind: str | None, other: dict[str, Any], title: str
) -> tuple[tuple[str, str, str], ...]:
    mine = FIELD_OF.get(entry.kind, {})
    theirs = FIELD_OF.get(other_kind or "", PRIOR_FIELDS)
    rows = [(text.COMPARE_TITLE, entry.title, title)]
    for role, name in mine.items():
        if role not in theirs:
            continue
        a, b = _value(entry.fields or {}, name), _value(other, theirs[role])
        if a or b:
            rows.append((_label(entry, role), a, b))
    return tuple(rows)


def counterparts(
    session: Session, entry: Submission, scope: Scope, tz: ZoneInfo
) -> list[Counterpart]:
    """The stored similar entries of `entry`, closest first, as this viewer may see them."""
    links = desk_marks.links_of(session, submission_id=entry.id or 0)
    subs, priors = desk_marks.others(session, keys=[link.other for link in links])
    found = []
    for link in links:
        code = link.other.split(":", 1)[1]
        if link.other.startswith(SUBMISSION) and code in subs:
            other = subs[code]
            status = STATUS_LABELS.get(other.status, other.status)
            if desk.visible(session, scope=scope, code=code) is None:
                found.append(Counterpart(code, link.strong, link.score, status, False))
                continue
            day = other.submitted_at or other.created_at
            source = text.ENTRY_SIMILAR_SOURCE.format(
                agency=other.agency or "", year=day.astimezone(tz).year
            )
            rows = _rows(entry, other.kind, other.fields or {}, other.title)
            found.append(
                Counterpart(
                    code, link.strong, link.score, status, True, source, f"/admin/hoso/{code}", rows
                )
            )
        elif link.other.startswith(PRIOR) and code in priors:
            prior = priors[code]
            source = (
                text.ENTRY_SIMILAR_SOURCE.format(agency=prior.agency or "", year=prior.year)
                if prior.year
                else (prior.agency or "")
            )
            rows = _rows(entry, None, {"content": prior.content or ""}, prior.title)
            found.append(
                Counterpart(
                    code,
                    link.strong,
                    link.score,
                    prior.status or text.COMPARE_IMPORTED,
                    True,
                    source,
                    None,
                    rows,
                )
            )
    return found


def hidden_codes(session: Session, entry: Submission, scope: Scope) -> frozenset[str]:
    """Codes in what the author was shown that are entries the viewer may not open."""
    shown = [str(i["code"]) for i in entry.similar or [] if isinstance(i, dict) and i.get("code")]
    subs, _priors = desk_marks.others(session, keys=[SUBMISSION + code for code in shown])
    return frozenset(code for code in subs if desk.visible(session, scope=scope, code=code) is None)


def _score(score: float) -> str:
    return f"{score:.2f}".replace(".", ",")


def _one(entry: Submission, other: Counterpart) -> str:
    level = level_label(other.strong)
    head = text.COMPARE_HEAD.format(
        code=other.code, level=level, score=_score(other.score), status=other.status
    )
    summary = f"<summary><strong>{e(head)}</strong></summary>"
    if not other.visible:
        return f'<details class="compare" open>{summary}<p>{e(text.COMPARE_HIDDEN)}</p></details>'
    extra = f"<p>{e(other.source)}" if other.source else "<p>"
    if other.link:
        extra += f' · <a href="{e(other.link)}">{e(text.COMPARE_OPEN.format(code=other.code))}</a>'
    extra += "</p>"
    body = "".join(
        f'<tr><th scope="row">{e(label)}</th>'
        f'<td data-label="{e(text.COMPARE_MINE.format(code=entry.code))}">{_render(left)}</td>'
        f'<td data-label="{e(text.COMPARE_OTHER.format(code=other.code))}">{_render(right)}</td></tr>'
        for label, mine, theirs in other.rows
        for left, right in (word_diff(mine, theirs),)
    )
    table = (
        f'<table class="compare-table"><caption>{e(text.COMPARE_CAPTION.format(code=other.code))}</caption>'
        f'<thead><tr><th scope="col">{e(text.COMPARE_FIELD)}</th>'
        f'<th scope="col">{e(text.COMPARE_MINE.format(code=entry.code))}</th>'
        f'<th scope="col">{e(text.COMPARE_OTHER.format(code=other.code))}</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
    # Open: the reviewer reads them all before the meeting, and can fold each away.
    return f'<details class="compare" open>{summary}{extra}{table}</details>'


def similar_panel(entry: Submission, others: list[Counterpart]) -> str:
    if not others:
        return ""
    legend = (
        f'<p class="legend">{e(text.COMPARE_LEGEND)} '
        f"<ins>{e(text.COMPARE_LEGEND_INS)}</ins> · <del>{e(text.COMPARE_LEGEND_DEL)}</del></p>"
    )
    items = "".join(_one(entry, other) for other in others)
    return (
        f'<section id="similar" aria-labelledby="similar-title">'
        f'<h2 id="similar-title">{e(text.COMPARE_TITLE_SECTION)}</h2>'
        f"<p>{e(text.COMPARE_INTRO)}</p>{legend}{items}</section>"
    )
