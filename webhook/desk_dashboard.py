"""The desk dashboard: bar charts drawn as inline SVG on the server, each with its table and CSV."""

from __future__ import annotations

import csv
import io

from bot.desk import catalogue as text
from bot.desk.scoring import points_vn
from bot.review.catalogue import STATUS_LABELS
from bot.review.sheets import FORMULA_START
from bot.review.transitions import STATUSES
from storage.desk_stats import Stats
from webhook.desk_auth import DeskUser
from webhook.desk_pages import e, layout

BAR, GAP, LABEL_W, CHART_W = 22, 6, 260, 640
MAX_BARS = 40  # the SVG shows the largest rows; the table and CSV have every row


def tables(stats: Stats) -> dict[str, list[tuple[str, int]]]:
    """Each chart's rows, in the order shown: the one source for SVG, table and CSV."""
    return {
        "thang": stats.by_month,
        "donvi": stats.by_unit,
        "linhvuc": stats.by_field,
        "trangthai": [
            (STATUS_LABELS.get(s, s), stats.by_status[s]) for s in STATUSES if s in stats.by_status
        ],
        "dangxem": stats.open_work,
    }


def dashboard_page(user: DeskUser, stats: Stats) -> str:
    median = (
        text.DASHBOARD_MEDIAN.format(days=points_vn(stats.median_days), count=stats.decided)
        if stats.median_days is not None
        else text.DASHBOARD_NO_DECISION
    )
    body = (
        f"<h1>{e(text.DASHBOARD_TITLE)}</h1><p>{e(text.DASHBOARD_INTRO)}</p>"
        f'<p id="median">{e(median)}</p>'
        f'<p><a href="/admin/ketqua.xlsx" download>{e(text.RESULTS_LINK)}</a></p>'
        + "".join(_section(key, rows) for key, rows in tables(stats).items())
    )
    return layout(text.DASHBOARD_TITLE, body, viewer=user.viewer, csrf=user.csrf)


def _section(key: str, rows: list[tuple[str, int]]) -> str:
    title = text.CHARTS[key][0]
    heading = f'<h2 id="h-{key}">{e(title)}</h2>'
    if not rows:
        return f'<section aria-labelledby="h-{key}">{heading}<p>{e(text.DASHBOARD_EMPTY)}</p></section>'
    return (
        f'<section class="chart" aria-labelledby="h-{key}">{heading}'
        f'<div class="chart-body">{svg(key, rows)}{_table(key, rows)}</div>'
        f'<p><a href="/admin/thongke/{key}.csv" download>{e(text.DASHBOARD_CSV)}</a></p></section>'
    )


def svg(key: str, rows: list[tuple[str, int]]) -> str:
    title, _column, desc = text.CHARTS[key]
    shown = rows[:MAX_BARS]
    top = max(n for _, n in shown) or 1
    height = len(shown) * (BAR + GAP) + GAP
    bars = "".join(_bar(i, label, n, top) for i, (label, n) in enumerate(shown))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_W}" height="{height}" '
        f'viewBox="0 0 {CHART_W} {height}" aria-labelledby="t-{key} d-{key}">'
        f'<title id="t-{key}">{e(title)}</title><desc id="d-{key}">{e(desc)}</desc>{bars}</svg>'
    )


def _bar(index: int, label: str, count: int, top: int) -> str:
    y = GAP + index * (BAR + GAP)
    width = max(1, round((CHART_W - LABEL_W - 60) * count / top))
    short = label if len(label) <= 34 else label[:33] + "…"
    middle = y + BAR * 0.7
    return (
        f'<text x="{LABEL_W - 6}" y="{middle:.1f}" text-anchor="end" font-size="13">{e(short)}</text>'
        f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="{BAR}" fill="#1d4e89"></rect>'
        f'<text x="{LABEL_W + width + 4}" y="{middle:.1f}" font-size="13">{count}</text>'
    )


def _table(key: str, rows: list[tuple[str, int]]) -> str:
    title, column, _desc = text.CHARTS[key]
    body = "".join(f'<tr><th scope="row">{e(k)}</th><td>{n}</td></tr>' for k, n in rows)
    return (
        f'<table class="numbers" id="bang-{key}"><caption>{e(title)}</caption>'
        f'<thead><tr><th scope="col">{e(column)}</th><th scope="col">{e(text.COUNT_COLUMN)}</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def csv_text(key: str, rows: list[tuple[str, int]]) -> str:
    """The table's numbers as CSV (UTF-8 with BOM for Excel); formula-like text is defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([text.CHARTS[key][1], text.COUNT_COLUMN])
    for label, count in rows:
        writer.writerow([f"'{label}" if label.startswith(FORMULA_START) else label, count])
    return "\ufeff" + out.getvalue()
