"""`sangkien tokens create|list|revoke`: per-person API tokens (the token is shown once, kept hashed)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

import click

from cli.command import Call, call, say
from webhook.config import Settings


def register(root: click.Group) -> None:
    @root.group(
        "tokens",
        help=say(
            "Tạo, liệt kê hoặc thu hồi khóa API cá nhân.",
            "Create, list or revoke per-person API tokens.",
        ),
    )
    def tokens() -> None:
        """The token group."""

    @tokens.command(
        "create",
        help=say(
            "Cấp khóa (chỉ in một lần, lưu dạng băm).",
            "Issue a token (printed once, stored hashed).",
        ),
    )
    @click.option(
        "--name",
        required=True,
        help=say('người giữ khóa, ví dụ "Nguyễn Văn A"', 'who holds it, e.g. "Nguyễn Văn A"'),
    )
    @click.option(
        "--role",
        required=True,
        type=click.Choice(["reviewer", "admin"]),
        help=say("vai trò", "the role"),
    )
    @click.option(
        "--user",
        help=say(
            "tài khoản chat của người giữ, KÊNH:ID (ví dụ telegram:42)",
            "the holder's chat account, CHANNEL:ID (e.g. telegram:42)",
        ),
    )
    @click.option(
        "--expires",
        type=int,
        metavar="DAYS",
        help=say("còn hiệu lực bấy nhiêu ngày", "valid this many days"),
    )
    def create(**params: Any) -> Call:
        return call(_create, params)

    @tokens.command(
        "list", help=say("Mọi khóa, không kèm bí mật.", "Every token, without secrets.")
    )
    def listing(**params: Any) -> Call:
        return call(_list, params)

    @tokens.command("revoke", help=say("Thu hồi khóa ngay.", "Revoke a token at once."))
    @click.argument(
        "ref",
        metavar="ID|PREFIX",
        help=say("số hoặc tiền tố in bởi 'tokens list'", "the id or prefix shown by 'tokens list'"),
    )
    def revoke(**params: Any) -> Call:
        return call(_revoke, params)


def _create(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import AdminRefused, option_error, tokens
    from storage.db import Database
    from storage.types import utcnow

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            row, token = tokens.create(
                session,
                name=args.name,
                role=args.role,
                principal=args.user,
                expires_days=args.expires,
                by="cli",
                now=utcnow(),
            )
    except AdminRefused as refused:
        raise option_error(refused) from None
    finally:
        db.dispose()
    name, expires = row.name, row.expires_at
    print(token)  # alone on stdout, so a script can capture it
    print(
        f"token {row.id} ({row.prefix}) for {name}, role {args.role}, expires {_day(expires)}.\n"
        "It is shown only this once (only its hash is kept): give it to its holder now.",
        file=sys.stderr,
    )
    return 0


def _list(settings: Settings, _args: argparse.Namespace) -> int:
    from storage import api_tokens
    from storage.db import Database
    from storage.types import utcnow

    now = utcnow()
    db = Database(settings.database.url)
    try:
        with db.session() as session:
            rows = api_tokens.listing(session)
    finally:
        db.dispose()
    print("id\tprefix\trole\tname\tuser\tcreated\texpires\tlast used\tstate")
    for row in rows:
        state = "revoked" if row.revoked_at else "active"
        if not row.revoked_at and row.expires_at and row.expires_at <= now:
            state = "expired"
        cells = [row.id, row.prefix, row.role, row.name, row.principal or "-", _day(row.created_at)]
        cells += [_day(row.expires_at), _minute(row.last_used_at), state]
        print("\t".join(str(cell) for cell in cells))
    return 0


def _revoke(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import tokens
    from storage.db import Database
    from storage.types import utcnow

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            row = tokens.revoke(session, ref=args.ref, by="cli", now=utcnow())
    finally:
        db.dispose()
    if row is None:
        print(f"no token {args.ref} (see 'sangkien tokens list')", file=sys.stderr)
        return 1
    print(f"token {row.id} ({row.prefix}, {row.name}) is revoked")
    return 0


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "never"


def _minute(value: datetime | None) -> str:
    return value.isoformat(timespec="minutes") if value else "never"
