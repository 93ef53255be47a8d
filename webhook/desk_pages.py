"""The desk's page frame and its small pages (sign-in, messages), as escaped HTML strings."""

from __future__ import annotations

from html import escape

from bot.desk import catalogue as text
from bot.desk.access import Viewer

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
}


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def layout(title: str, body: str, *, viewer: Viewer | None = None, csrf: str = "") -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} · {e(text.APP_NAME)}</title>"
        '<link rel="stylesheet" href="/admin/desk.css"></head><body>'
        f'<a class="skip" href="#main">{e(text.SKIP)}</a>'
        f"{_header(viewer, csrf)}"
        f'<main id="main" tabindex="-1">{body}</main>'
        '<script src="/admin/desk.js"></script></body></html>'
    )


def _header(viewer: Viewer | None, csrf: str) -> str:
    who = ""
    if viewer is not None:
        parts = [text.SIGNED_IN_AS.format(principal=viewer.principal)]
        if viewer.admin:
            parts.append(text.ROLE_ADMIN)
        if viewer.councils:
            names = "; ".join(
                f"{c.name} ({text.LEVELS.get(c.level, c.level)})" for c in viewer.councils
            )
            parts.append(text.COUNCILS.format(names=names))
        who = (
            f'<span class="who">{e(" · ".join(parts))}</span>'
            '<form method="post" action="/admin/dangxuat">'
            f'<input type="hidden" name="csrf" value="{e(csrf)}">'
            f'<button class="plain" type="submit">{e(text.SIGN_OUT)}</button></form>'
        )
    return (
        f'<header class="top"><a href="/admin"><strong>{e(text.APP_NAME)}</strong></a>'
        f"{_nav(viewer)}{who}</header>"
    )


def _nav(viewer: Viewer | None) -> str:
    if viewer is None:
        return ""
    links = [("/admin", text.NAV_QUEUE), ("/admin/thongke", text.DASHBOARD_LINK)]
    if viewer.admin:
        links.append(("/admin/quantri", text.NAV_ADMIN))
    items = "".join(f'<li><a href="{href}">{e(label)}</a></li>' for href, label in links)
    return f'<nav class="main" aria-label="{e(text.NAV)}"><ul>{items}</ul></nav>'


def notice(message: str, *, error: bool) -> str:
    kind, role = ("error", "alert") if error else ("ok", "status")
    return f'<p class="notice {kind}" role="{role}">{e(message)}</p>'


def signin_page(csrf: str, message: str = "", *, error: bool = False) -> str:
    body = (
        f"<h1>{e(text.SIGNIN_TITLE)}</h1>"
        + (notice(message, error=error) if message else "")
        + f"<p>{e(text.SIGNIN_INTRO)}</p>"
        '<form method="post" action="/admin/dangnhap">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<p><label for="signin-token">{e(text.SIGNIN_CODE)}</label>'
        '<input id="signin-token" name="token" type="password" autocomplete="off" '
        'required maxlength="100" size="48"></p>'
        f'<p><button type="submit">{e(text.SIGNIN_BUTTON)}</button></p></form>'
    )
    return layout(text.SIGNIN_TITLE, body)


def message_page(title: str, message: str, *, viewer: Viewer | None = None, csrf: str = "") -> str:
    body = f"<h1>{e(title)}</h1>{notice(message, error=True)}"
    if viewer is not None:
        body += f'<p><a href="/admin">{e(text.ENTRY_BACK)}</a></p>'
    return layout(title, body, viewer=viewer, csrf=csrf)
