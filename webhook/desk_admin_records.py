"""The admin pages for API tokens, announcements and the admin actions log, as HTML."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.admin.tokens import state as token_state
from bot.broadcast import catalogue as broadcast_text
from bot.broadcast.render import MAX_TEXT
from bot.broadcast.rules import CHANNELS
from bot.desk import catalogue as text
from storage.models import AdminAction, ApiToken, Broadcast
from webhook.desk_admin_pages import (
    Note,
    Values,
    admin_layout,
    button,
    field,
    form,
    number,
    select,
    table,
    when,
)
from webhook.desk_auth import DeskUser
from webhook.desk_pages import e


def tokens_page(
    user: DeskUser,
    *,
    rows: list[ApiToken],
    now: datetime,
    tz: ZoneInfo,
    note: Note,
    secret: str = "",
    values: Values | None = None,
) -> str:
    values = values or {}
    shown = ""
    if secret:
        shown = (
            '<div class="panel secret">'
            + field(
                "token-secret",
                text.TOKEN_SECRET,
                f'<input id="token-secret" readonly value="{e(secret)}" size="60" '
                'aria-describedby="token-secret-hint" autocomplete="off" spellcheck="false">',
                text.TOKEN_SECRET_NOTE,
            )
            + "</div>"
        )
    create = form(
        user,
        "/admin/quantri/ma-api/tao",
        f'<h2>{e(text.TOKEN_NEW)}</h2><div class="row">'
        + field(
            "token-name",
            text.TOKEN_NAME,
            f'<input id="token-name" name="name" required maxlength="80" value="{e(values.get("name", ""))}">',
        )
        + field(
            "token-role",
            text.ROLE,
            select("token-role", "role", text.ROLE_LABELS, values.get("role", "")),
        )
        + field(
            "token-user",
            text.TOKEN_ACCOUNT,
            f'<input id="token-user" name="user" maxlength="80" autocomplete="off" value="{e(values.get("user", ""))}">',
        )
        + field(
            "token-days",
            text.TOKEN_DAYS,
            f'<input id="token-days" name="days" type="number" min="1" max="3650" inputmode="numeric" value="{e(values.get("days", ""))}">',
        )
        + f"</div><p>{button(text.TOKEN_CREATE)}</p>",
        "panel",
    )
    listed: list[list[str]] = []
    for row in rows:
        current = token_state(row, now)
        action = ""
        if current == "active":
            action = form(
                user,
                "/admin/quantri/ma-api/thuhoi",
                f'<input type="hidden" name="ref" value="{e(row.prefix)}">'
                + button(
                    text.REVOKE_BUTTON,
                    text.TOKEN_REVOKE_LABEL.format(prefix=row.prefix, name=row.name),
                    "plain",
                ),
                confirm=text.TOKEN_REVOKE_LABEL.format(prefix=row.prefix, name=row.name) + "?",
            )
        listed.append(
            [
                e(row.id),
                f"<code>{e(row.prefix)}</code>",
                e(row.name),
                e(text.ROLE_LABELS.get(row.role, row.role)),
                e(row.principal or "–"),
                e(when(row.created_at, tz)),
                e(when(row.expires_at, tz)),
                e(when(row.last_used_at, tz)),
                e(text.TOKEN_STATES[current]),
                action,
            ]
        )
    body = (
        f"<p>{e(text.TOKENS_INTRO)}</p>"
        + shown
        + create
        + table(text.TOKENS_TABLE, text.TOKENS_COLUMNS, listed, text.TOKENS_EMPTY)
    )
    return admin_layout(user, "ma-api", body, note)


def broadcasts_page(
    user: DeskUser,
    *,
    rows: list[tuple[Broadcast, dict[str, int]]],
    tz: ZoneInfo,
    quiet: str,
    note: Note,
    values: Values | None = None,
) -> str:
    values = values or {}
    chosen = set(values.get("channels", "").split(","))
    boxes = "".join(
        f'<label class="check"><input type="checkbox" name="channel" value="{c}"'
        f"{' checked' if c in chosen else ''}> {e(text.CHANNEL_LABELS[c])}</label>"
        for c in CHANNELS
    )
    create = form(
        user,
        "/admin/quantri/thongbao/tao",
        f"<h2>{e(text.BROADCAST_NEW)}</h2>"
        + field(
            "bc-text",
            text.BROADCAST_TEXT.format(limit=number(MAX_TEXT)),
            f'<textarea id="bc-text" name="text" required maxlength="{MAX_TEXT}" rows="5">'
            f"{e(values.get('text', ''))}</textarea>",
        )
        + field(
            "bc-units",
            text.BROADCAST_UNITS,
            f'<textarea id="bc-units" name="units" rows="2">{e(values.get("units", ""))}</textarea>',
        )
        + f"<fieldset><legend>{e(text.BROADCAST_CHANNELS)}</legend>{boxes}</fieldset>"
        + field(
            "bc-at",
            text.BROADCAST_AT,
            f'<input id="bc-at" name="at" type="datetime-local" value="{e(values.get("at", ""))}" '
            'aria-describedby="bc-at-hint">',
            text.BROADCAST_QUIET.format(quiet=quiet or "–"),
        )
        + f"<p>{button(text.BROADCAST_CREATE)}</p>",
        "panel",
    )
    listed: list[list[str]] = []
    for item, counts in rows:
        action = ""
        if item.status in ("scheduled", "sending"):
            action = form(
                user,
                "/admin/quantri/thongbao/huy",
                f'<input type="hidden" name="id" value="{e(item.id)}">'
                + button(
                    text.BROADCAST_CANCEL, text.BROADCAST_CANCEL_LABEL.format(id=item.id), "danger"
                ),
                confirm=text.BROADCAST_CANCEL_LABEL.format(id=item.id) + "?",
            )
        audience = ", ".join(item.agencies) or text.BROADCAST_EVERYONE
        if item.channels:
            audience += " · " + ", ".join(text.CHANNEL_LABELS.get(c, c) for c in item.channels)
        summary = (
            text.BROADCAST_EXPECTED.format(count=counts["expected"])
            if "expected" in counts
            else text.BROADCAST_COUNTS.format(
                sent=counts.get("sent", 0), total=counts.get("total", 0)
            )
        )
        short = item.text if len(item.text) <= 160 else item.text[:159] + "…"
        listed.append(
            [
                e(item.id),
                e(short),
                e(audience),
                e(when(item.send_at, tz)),
                e(broadcast_text.STATUS_LABELS.get(item.status, item.status)),
                e(summary),
                action,
            ]
        )
    body = create + table(
        text.BROADCASTS_TABLE, text.BROADCASTS_COLUMNS, listed, text.BROADCASTS_EMPTY
    )
    return admin_layout(user, "thongbao", body, note)


def audit_page(user: DeskUser, *, rows: list[AdminAction], tz: ZoneInfo) -> str:
    listed = [
        [
            e(when(row.at, tz)),
            e(row.actor),
            e(text.AUDIT_ACTIONS.get(row.action, row.action)),
            e(row.target),
            e(_detail(row.detail)),
        ]
        for row in rows
    ]
    body = f"<p>{e(text.ADMIN_INTRO)}</p>" + table(
        text.AUDIT_TITLE, text.AUDIT_COLUMNS, listed, text.AUDIT_EMPTY
    )
    return admin_layout(user, "nhatky", body, Note())


def _detail(detail: Mapping[str, object]) -> str:
    parts = []
    for key, value in detail.items():
        if value in (None, [], ""):
            continue
        if key == "role" and isinstance(value, str):
            value = text.ROLE_LABELS.get(value, value)
        if key == "council_role" and isinstance(value, str):
            value = text.COUNCIL_ROLES.get(value, value)
        if key == "level" and isinstance(value, str):
            value = text.LEVELS.get(value, value)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{text.AUDIT_DETAIL.get(key, key)}: {value}")
    return "; ".join(parts)
