"""The queue page: filters, counts per status, the table of entries and paging."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from bot.desk import catalogue as text
from bot.review.catalogue import KIND_TITLES, STATUS_LABELS
from bot.review.transitions import STATUSES
from storage.desk import Filters, QueuePage, Row
from webhook.desk_auth import DeskUser
from webhook.desk_marks_view import marks_badges, marks_filters
from webhook.desk_pages import e, layout, notice


def queue_page(
    user: DeskUser,
    *,
    filters: Filters,
    q: str,
    result: QueuePage,
    units: list[str],
    fields: list[str],
    years: list[int],
    tz: ZoneInfo,
) -> str:
    params = _params(filters, q)
    body = (
        f"<h1>{e(text.QUEUE_TITLE)}</h1>"
        f'<p><a href="/admin/thongke">{e(text.DASHBOARD_LINK)}</a></p>'
        + _filters(filters, q, units, fields, years)
        + _counts(filters, params, result.counts)
        + _table(filters, result, tz)
        + _pager(filters, params, result.total)
    )
    return layout(text.QUEUE_TITLE, body, viewer=user.viewer, csrf=user.csrf)


def no_council_page(user: DeskUser) -> str:
    body = f"<h1>{e(text.QUEUE_TITLE)}</h1>{notice(text.NO_COUNCIL, error=False)}"
    return layout(text.QUEUE_TITLE, body, viewer=user.viewer, csrf=user.csrf)


def _params(filters: Filters, q: str) -> dict[str, str]:
    values = {
        "q": q,
        "status": filters.status or "",
        "kind": filters.kind or "",
        "unit": filters.unit or "",
        "field": filters.field or "",
        "year": str(filters.year or ""),
        "similar": filters.similar or "",
        "flag": filters.flag or "",
        "sort": filters.sort if filters.sort != "newest" else "",
    }
    return {k: v for k, v in values.items() if v}


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{e(v)}"{" selected" if v == chosen else ""}>{e(t)}</option>'
        for v, t in options
    )
    return (
        f'<div><label for="f-{name}">{e(label)}</label>'
        f'<select id="f-{name}" name="{name}">{items}</select></div>'
    )


def _filters(
    filters: Filters, q: str, units: list[str], fields: list[str], years: list[int]
) -> str:
    everything = [("", text.ALL)]
    return (
        f'<form class="filters" method="get" action="/admin" role="search" '
        f'aria-label="{e(text.FILTERS)}">'
        f'<div class="wide"><label for="f-q">{e(text.SEARCH)}</label>'
        f'<input id="f-q" type="search" name="q" value="{e(q)}" maxlength="200"></div>'
        + _select(
            "status",
            text.STATUS,
            everything + [(s, STATUS_LABELS[s]) for s in STATUSES],
            filters.status or "",
        )
        + _select("kind", text.KIND, everything + list(KIND_TITLES.items()), filters.kind or "")
        + _select("unit", text.UNIT, everything + [(u, u) for u in units], filters.unit or "")
        + _select("field", text.FIELD, everything + [(f, f) for f in fields], filters.field or "")
        + _select(
            "year",
            text.YEAR,
            everything + [(str(y), str(y)) for y in years],
            str(filters.year or ""),
        )
        + marks_filters(filters)
        + _select("sort", text.SORT, list(text.SORTS.items()), filters.sort)
        + f'<div><button type="submit">{e(text.APPLY)}</button> '
        f'<a class="button plain" href="/admin">{e(text.CLEAR)}</a></div></form>'
    )


def _counts(filters: Filters, params: dict[str, str], counts: dict[str, int]) -> str:
    chips = []
    every = {k: v for k, v in params.items() if k not in ("status", "page")}
    total = sum(counts.values())
    current = ' aria-current="true"' if not filters.status else ""
    chips.append(
        f'<li><a href="/admin?{e(urlencode(every))}"{current}>{e(text.ALL)}: {total}</a></li>'
    )
    for status in STATUSES:
        if status not in counts:
            continue
        link = urlencode({**every, "status": status})
        current = ' aria-current="true"' if filters.status == status else ""
        chips.append(
            f'<li><a href="/admin?{e(link)}"{current}>{e(STATUS_LABELS[status])}: '
            f"{counts[status]}</a></li>"
        )
    return f'<h2 id="counts">{e(text.COUNTS)}</h2><ul class="counts" aria-labelledby="counts">{"".join(chips)}</ul>'


def _table(filters: Filters, result: QueuePage, tz: ZoneInfo) -> str:
    if not result.rows:
        return f"<p>{e(text.NOTHING)}</p>"
    pages = max(1, -(-result.total // filters.per_page))
    caption = text.QUEUE_CAPTION.format(total=result.total, page=filters.page, pages=pages)
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in text.COLUMNS)
    rows = "".join(_row(row, tz) for row in result.rows)
    return (
        f'<table class="queue"><caption>{e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _row(row: Row, tz: ZoneInfo) -> str:
    labels = text.COLUMNS
    cells = (
        f'<a href="/admin/hoso/{e(row.code)}">{e(row.code)}</a>',
        e(row.title) + marks_badges(row),
        e(KIND_TITLES.get(row.kind, row.kind)),
        e(row.agency or ""),
        e(row.field or ""),
        e(_day(row.submitted_at, tz)),
        f'<span class="status">{e(STATUS_LABELS.get(row.status, row.status))}</span>',
    )
    tds = "".join(
        f'<td data-label="{e(label)}">{cell}</td>'
        for label, cell in zip(labels, cells, strict=True)
    )
    return f"<tr>{tds}</tr>"


def _day(at: datetime | None, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%d/%m/%Y") if at else ""


def _pager(filters: Filters, params: dict[str, str], total: int) -> str:
    pages = max(1, -(-total // filters.per_page))
    links = []
    if filters.page > 1:
        link = urlencode({**params, "page": filters.page - 1})
        links.append(f'<a rel="prev" href="/admin?{e(link)}">{e(text.PREVIOUS)}</a>')
    if filters.page < pages:
        link = urlencode({**params, "page": filters.page + 1})
        links.append(f'<a rel="next" href="/admin?{e(link)}">{e(text.NEXT)}</a>')
    if not links:
        return ""
    return f'<nav class="pager" aria-label="{e(text.PAGING)}">{"".join(links)}</nav>'
