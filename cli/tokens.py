"""`sangkien tokens create|list|revoke`: per-person API tokens (the token is shown once, kept hashed)."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from bot.errors import ConfigError
from webhook.config import Settings

Sub = Any  # argparse's private _SubParsersAction


def register(sub: Sub) -> None:
    tokens = sub.add_parser("tokens", help="create, list or revoke per-person API tokens")
    actions = tokens.add_subparsers(required=True, metavar="ACTION")

    create = actions.add_parser("create", help="issue a token (printed once, stored hashed)")
    create.add_argument("--name", required=True, help='who holds it, e.g. "Nguyễn Văn A"')
    create.add_argument("--role", required=True, choices=["reviewer", "admin"])
    create.add_argument("--user", help="the holder's chat account, CHANNEL:ID (e.g. telegram:42)")
    create.add_argument("--expires", type=int, metavar="DAYS", help="valid this many days")
    create.set_defaults(func=_create)

    actions.add_parser("list", help="every token, without secrets").set_defaults(func=_list)

    revoke = actions.add_parser("revoke", help="revoke a token at once")
    revoke.add_argument("ref", metavar="ID|PREFIX", help="the id or prefix shown by 'tokens list'")
    revoke.set_defaults(func=_revoke)


def _create(settings: Settings, args: argparse.Namespace) -> int:
    from storage import api_tokens, roles
    from storage.db import Database
    from storage.types import utcnow

    name = unicodedata.normalize("NFC", args.name).strip()
    if not 1 <= len(name) <= 80:
        raise ConfigError("--name", "must be 1 to 80 characters")
    if args.user and not roles.PRINCIPAL.match(args.user):
        raise ConfigError("--user", f"'{args.user}' is not CHANNEL:ID (e.g. telegram:42)")
    if args.expires is not None and not 1 <= args.expires <= 3650:
        raise ConfigError("--expires", "must be 1 to 3650 days")
    now = utcnow()
    expires = now + timedelta(days=args.expires) if args.expires else None
    db = Database(settings.database.url)
    try:
        with db.write() as session:
            row, token = api_tokens.issue(
                session,
                name=name,
                role=args.role,
                principal=args.user,
                expires_at=expires,
                created_by="cli",
                now=now,
            )
    finally:
        db.dispose()
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
    from storage import api_tokens
    from storage.db import Database
    from storage.types import utcnow

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            row = api_tokens.revoke(session, ref=args.ref, now=utcnow())
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
