"""`sangkien councils list|add|remove`: councils (cấp cơ sở per unit, cấp tỉnh) and members."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

from bot.errors import ConfigError
from webhook.config import Settings

if TYPE_CHECKING:
    from storage.councils import CouncilView

Sub = Any  # argparse's private _SubParsersAction


def register(sub: Sub) -> None:
    councils = sub.add_parser("councils", help="list councils, add or remove members")
    actions = councils.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("list", help="councils from config and the database").set_defaults(
        func=_list
    )

    add = actions.add_parser("add", help="add a member (a new council needs --level)")
    add.add_argument("--council", required=True, help='e.g. "Hội đồng sáng kiến Sở Y tế"')
    add.add_argument("--member", required=True, help="CHANNEL:ID, e.g. telegram:42")
    add.add_argument("--level", choices=["co_so", "tinh"], help="co_so (cơ sở) or tinh (cấp tỉnh)")
    add.add_argument(
        "--unit", action="append", default=[], help="a unit the council covers (repeatable)"
    )
    add.add_argument(
        "--role",
        choices=["member", "chair", "secretary"],
        default="member",
        help="chair (Chủ tịch, confirms decisions) or secretary (Thư ký); one of each per council",
    )
    add.set_defaults(func=_add)

    remove = actions.add_parser("remove", help="remove a member, or the whole council")
    remove.add_argument("--council", required=True)
    remove.add_argument("--member", help="CHANNEL:ID; without it the council itself is removed")
    remove.set_defaults(func=_remove)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _add(settings: Settings, args: argparse.Namespace) -> int:
    from storage import councils, roles
    from storage.db import Database
    from storage.types import utcnow

    name, units = _nfc(args.council), [_nfc(u) for u in args.unit if _nfc(u)]
    if not 1 <= len(name) <= 200:
        raise ConfigError("--council", "must be 1 to 200 characters")
    if not roles.PRINCIPAL.match(args.member):
        raise ConfigError("--member", f"'{args.member}' is not CHANNEL:ID (e.g. telegram:42)")
    db = Database(settings.database.url)
    try:
        with db.write() as session:
            added = councils.add_member(
                session,
                council=name,
                principal=args.member,
                level=args.level,
                units=units,
                by="cli",
                now=utcnow(),
                role=args.role,
            )
    except ValueError as exc:
        raise ConfigError("--level", str(exc)) from None
    finally:
        db.dispose()
    role = "" if args.role == "member" else f" as {args.role}"
    print(f"{args.member} {'added to' if added else 'is already in'} {name}{role}")
    return 0


def _remove(settings: Settings, args: argparse.Namespace) -> int:
    from storage import councils
    from storage.db import Database

    name = _nfc(args.council)
    db = Database(settings.database.url)
    try:
        with db.write() as session:
            removed = councils.remove(session, council=name, principal=args.member)
    finally:
        db.dispose()
    if not removed:
        print(f"nothing to remove: no {args.member or 'council'} in {name!r}", file=sys.stderr)
        return 1
    print(f"{args.member} removed from {name}" if args.member else f"council {name} removed")
    return 0


def _list(settings: Settings, _args: argparse.Namespace) -> int:
    from storage.db import Database
    from webhook.app import desk_access

    db = Database(settings.database.url)
    try:
        with db.session() as session:
            found = desk_access(settings).councils(session)
    finally:
        db.dispose()
    print("council\tlevel\tunits\tmembers")
    for council in found:
        units = "; ".join(council.units) or "-"
        members = ", ".join(_member(council, m) for m in council.members) or "-"
        print(f"{council.name}\t{council.level}\t{units}\t{members}")
    return 0


def _member(council: CouncilView, principal: str) -> str:
    if principal == council.chair:
        return f"{principal} (chair)"
    return f"{principal} (secretary)" if principal == council.secretary else principal
