"""The admin pages of the desk (roles, councils, API tokens, announcements, log) as HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.desk import catalogue as text
from storage.councils import LEVELS, CouncilView
from storage.models import RoleGrant
from webhook.desk_auth import DeskUser
from webhook.desk_pages import e, layout, notice

Values = Mapping[str, str]
CURRENT = ' aria-current="page"'


@dataclass(frozen=True)
class Note:
    """The message shown above a page: a done action or a refusal."""

    message: str = ""
    error: bool = False


def admin_layout(user: DeskUser, key: str, body: str, note: Note) -> str:
    title = text.ADMIN_PAGES[key]
    links = "".join(
        f'<li><a href="/admin/quantri/{k}"{CURRENT if k == key else ""}>{e(v)}</a></li>'
        for k, v in text.ADMIN_PAGES.items()
    )
    head = (
        f"<h1>{e(title)}</h1>"
        f'<nav class="subnav" aria-label="{e(text.ADMIN_NAV)}"><ul>{links}</ul></nav>'
        + (notice(note.message, error=note.error) if note.message else "")
    )
    return layout(title, head + body, viewer=user.viewer, csrf=user.csrf)


def form(user: DeskUser, action: str, inner: str, css: str = "", confirm: str = "") -> str:
    """A POST form with the CSRF token; `confirm` asks before sending (desk.js)."""
    cls = f' class="{css}"' if css else ""
    ask = f' data-confirm="{e(confirm)}"' if confirm else ""
    return (
        f'<form method="post" action="{e(action)}"{cls}{ask}>'
        f'<input type="hidden" name="csrf" value="{e(user.csrf)}">{inner}</form>'
    )


def field(ident: str, label: str, control: str, hint: str = "") -> str:
    described = f'<p class="hint" id="{ident}-hint">{e(hint)}</p>' if hint else ""
    return f'<div class="field"><label for="{ident}">{e(label)}</label>{control}{described}</div>'


def select(ident: str, name: str, options: Mapping[str, str], chosen: str = "") -> str:
    items = "".join(
        f'<option value="{e(v)}"{" selected" if v == chosen else ""}>{e(t)}</option>'
        for v, t in options.items()
    )
    return f'<select id="{ident}" name="{name}">{items}</select>'


def button(label: str, aria: str = "", css: str = "") -> str:
    named = f' aria-label="{e(aria)}"' if aria else ""
    cls = f' class="{css}"' if css else ""
    return f'<button type="submit"{cls}{named}>{e(label)}</button>'


def table(caption: str, columns: Sequence[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p>{e(empty)}</p>"
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{e(c)}">{cell}</td>' for c, cell in zip(columns, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="stack"><caption>{e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def number(value: int) -> str:
    """A whole number as Vietnamese writes it: 1.500."""
    return f"{value:,}".replace(",", ".")


def who(principal: str, names: Mapping[str, str]) -> str:
    """A chat account with the name its owner gave, when we know them."""
    name = names.get(principal)
    return f"{name} ({principal})" if name else principal


def when(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M %d/%m/%Y") if value else text.TOKEN_NEVER


# ---- roles ----


def roles_page(
    user: DeskUser,
    *,
    configured: Mapping[str, Sequence[str]],
    granted: Mapping[str, list[RoleGrant]],
    names: Mapping[str, str],
    tz: ZoneInfo,
    note: Note,
) -> str:
    rows: list[list[str]] = []
    for role, label in text.ROLE_LABELS.items():
        for principal in configured.get(role, ()):
            rows.append([e(label), e(who(principal, names)), e(text.ROLE_FROM_CONFIG), ""])
        for grant in granted.get(role, []):
            ask = text.REVOKE_ROLE_LABEL.format(role=label.lower(), principal=grant.principal)
            revoke = form(
                user,
                "/admin/quantri/vaitro/thuhoi",
                f'<input type="hidden" name="role" value="{e(role)}">'
                f'<input type="hidden" name="user" value="{e(grant.principal)}">'
                + button(text.REVOKE_BUTTON, ask, "plain"),
                confirm=f"{ask}?",
            )
            source = text.ROLE_GRANTED.format(at=when(grant.granted_at, tz), by=grant.granted_by)
            rows.append([e(label), e(who(grant.principal, names)), e(source), revoke])
    grant_form = form(
        user,
        "/admin/quantri/vaitro/cap",
        f'<h2>{e(text.GRANT_TITLE)}</h2><div class="row">'
        + field("grant-role", text.ROLE, select("grant-role", "role", text.ROLE_LABELS))
        + field(
            "grant-user",
            text.ACCOUNT,
            '<input id="grant-user" name="user" required maxlength="80" '
            'aria-describedby="grant-user-hint" autocomplete="off">',
            text.ACCOUNT_HINT,
        )
        + f"</div><p>{button(text.GRANT_BUTTON)}</p>",
        "panel",
    )
    body = grant_form + table(text.ROLES_TABLE, text.ROLES_COLUMNS, rows, text.ROLES_EMPTY)
    return admin_layout(user, "vaitro", body, note)


# ---- councils ----


def councils_page(
    user: DeskUser,
    *,
    merged: list[CouncilView],
    stored: Mapping[str, CouncilView],
    configured: set[str],
    names: Mapping[str, str],
    note: Note,
) -> str:
    levels = {k: text.LEVELS[k] for k in LEVELS}
    new = form(
        user,
        "/admin/quantri/hoidong/luu",
        f'<h2>{e(text.COUNCIL_NEW)}</h2><div class="row">'
        + field(
            "c-new-name",
            text.COUNCIL_NAME,
            '<input id="c-new-name" name="council" required maxlength="200">',
        )
        + field("c-new-level", text.COUNCIL_LEVEL, select("c-new-level", "level", levels))
        + "</div>"
        + field(
            "c-new-units",
            text.COUNCIL_UNITS,
            '<textarea id="c-new-units" name="units" rows="3"></textarea>',
        )
        + f"<p>{button(text.COUNCIL_CREATE)}</p>",
        "panel",
    )
    sections = "".join(
        _council(user, i, c, stored.get(c.name), c.name in configured, levels, names)
        for i, c in enumerate(merged, 1)
    )
    return admin_layout(
        user, "hoidong", new + (sections or f"<p>{e(text.COUNCILS_EMPTY)}</p>"), note
    )


def _council(
    user: DeskUser,
    i: int,
    council: CouncilView,
    stored: CouncilView | None,
    from_config: bool,
    levels: Mapping[str, str],
    names: Mapping[str, str],
) -> str:
    name = council.name
    hidden = f'<input type="hidden" name="council" value="{e(name)}">'
    units = ", ".join(council.units) or text.COUNCIL_NO_UNITS
    roles = {council.chair: "chair", council.secretary: "secretary"}
    members = "".join(
        f"<li><span>{e(who(m, names))}</span>"
        + (f" <span>({e(text.COUNCIL_ROLES[roles[m]])})</span>" if m in roles else "")
        + (
            form(
                user,
                "/admin/quantri/hoidong/bothanhvien",
                hidden
                + f'<input type="hidden" name="member" value="{e(m)}">'
                + button(
                    text.COUNCIL_REMOVE_MEMBER_BUTTON,
                    text.COUNCIL_REMOVE_MEMBER.format(member=m, council=name),
                    "plain",
                ),
                "inline",
                confirm=text.COUNCIL_REMOVE_MEMBER.format(member=m, council=name) + "?",
            )
            if stored is not None and m in stored.members
            else ""
        )
        + "</li>"
        for m in council.members
    )
    parts = [
        f'<section class="panel" aria-labelledby="council-{i}"><h2 id="council-{i}">{e(name)}</h2>',
        f"<p>{e(text.COUNCIL_LEVEL)}: {e(levels.get(council.level, council.level))}. "
        f"{e(text.UNIT)}: {e(units)}</p>",
        f"<h3>{e(text.COUNCIL_MEMBERS)}</h3>",
        f'<ul class="members">{members}</ul>'
        if members
        else f"<p>{e(text.COUNCIL_NO_MEMBERS)}</p>",
    ]
    if from_config:
        parts.append(f'<p class="hint">{e(text.COUNCIL_FROM_CONFIG)}</p>')
    if stored is not None:
        parts.append(_council_forms(user, i, stored, hidden, levels))
    return "".join(parts) + "</section>"


def _council_forms(
    user: DeskUser, i: int, council: CouncilView, hidden: str, levels: Mapping[str, str]
) -> str:
    add = form(
        user,
        "/admin/quantri/hoidong/thanhvien",
        hidden
        + field(
            f"c{i}-member",
            text.COUNCIL_MEMBER_ACCOUNT.format(council=council.name),
            f'<input id="c{i}-member" name="member" required maxlength="80" autocomplete="off">',
        )
        + field(f"c{i}-role", text.COUNCIL_ROLE, select(f"c{i}-role", "role", text.COUNCIL_ROLES))
        + f"<p>{button(text.COUNCIL_ADD_MEMBER)}</p>",
    )
    edit = form(
        user,
        "/admin/quantri/hoidong/luu",
        hidden
        + field(
            f"c{i}-level", text.COUNCIL_LEVEL, select(f"c{i}-level", "level", levels, council.level)
        )
        + field(
            f"c{i}-units",
            text.COUNCIL_UNITS,
            f'<textarea id="c{i}-units" name="units" rows="3">{e(chr(10).join(council.units))}</textarea>',
        )
        + f"<p>{button(text.COUNCIL_SAVE, css='plain')}</p>",
    )
    remove = form(
        user,
        "/admin/quantri/hoidong/xoa",
        hidden
        + button(
            text.COUNCIL_REMOVE, text.COUNCIL_REMOVE_LABEL.format(council=council.name), "danger"
        ),
        confirm=text.COUNCIL_REMOVE_LABEL.format(council=council.name) + "?",
    )
    return f'<div class="row">{add}{edit}</div>{remove}'
