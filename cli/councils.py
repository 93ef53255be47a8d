"""`sangkien councils list|add|remove`: councils (cấp cơ sở per unit, cấp tỉnh) and members."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

import click

from cli.command import Call, call, say
from webhook.config import Settings

if TYPE_CHECKING:
    from storage.councils import CouncilView


def register(root: click.Group) -> None:
    @root.group(
        "councils",
        help=say(
            "Liệt kê hội đồng, thêm hoặc bớt thành viên.", "List councils, add or remove members."
        ),
    )
    def councils() -> None:
        """The council group."""

    @councils.command(
        "list",
        help=say(
            "Các hội đồng trong cấu hình và cơ sở dữ liệu.",
            "Councils from config and the database.",
        ),
    )
    def listing(**params: Any) -> Call:
        return call(_list, params)

    @councils.command(
        "add",
        help=say(
            "Thêm thành viên (hội đồng mới cần --level).",
            "Add a member (a new council needs --level).",
        ),
    )
    @click.option(
        "--council",
        required=True,
        help=say('ví dụ "Hội đồng sáng kiến Sở Y tế"', 'e.g. "Hội đồng sáng kiến Sở Y tế"'),
    )
    @click.option(
        "--member",
        required=True,
        help=say("KÊNH:ID, ví dụ telegram:42", "CHANNEL:ID, e.g. telegram:42"),
    )
    @click.option(
        "--level",
        type=click.Choice(["co_so", "tinh"]),
        help=say("co_so (cấp cơ sở) hoặc tinh (cấp tỉnh)", "co_so (cơ sở) or tinh (cấp tỉnh)"),
    )
    @click.option(
        "--unit",
        multiple=True,
        help=say(
            "đơn vị hội đồng phụ trách (lặp lại được)", "a unit the council covers (repeatable)"
        ),
    )
    @click.option(
        "--role",
        type=click.Choice(["member", "chair", "secretary"]),
        default="member",
        show_default=True,
        help=say(
            "chair (Chủ tịch, xác nhận quyết định) hoặc secretary (Thư ký); mỗi hội đồng một người",
            "chair (Chủ tịch, confirms decisions) or secretary (Thư ký); one of each per council",
        ),
    )
    def add(**params: Any) -> Call:
        return call(_add, params)

    @councils.command(
        "remove",
        help=say(
            "Bớt một thành viên, hoặc xóa cả hội đồng.", "Remove a member, or the whole council."
        ),
    )
    @click.option("--council", required=True, help=say("tên hội đồng", "the council's name"))
    @click.option(
        "--member",
        help=say(
            "KÊNH:ID; không có thì xóa cả hội đồng",
            "CHANNEL:ID; without it the council itself is removed",
        ),
    )
    def remove(**params: Any) -> Call:
        return call(_remove, params)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _add(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import AdminRefused, councils, option_error
    from storage.db import Database
    from storage.types import utcnow

    name = _nfc(args.council)
    db = Database(settings.database.url)
    try:
        with db.write() as session:
            added = councils.add_member(
                session,
                council=name,
                member=args.member,
                level=args.level,
                units=args.unit,
                by="cli",
                now=utcnow(),
                role=args.role,
            )
    except AdminRefused as refused:
        raise option_error(refused) from None
    finally:
        db.dispose()
    role = "" if args.role == "member" else f" as {args.role}"
    print(f"{args.member} {'added to' if added else 'is already in'} {name}{role}")
    return 0


def _remove(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import AdminRefused, councils, option_error
    from storage.db import Database
    from storage.types import utcnow

    name = _nfc(args.council)
    db = Database(settings.database.url)
    try:
        with db.write() as session:
            removed = councils.remove(
                session, council=name, member=args.member, by="cli", now=utcnow()
            )
    except AdminRefused as refused:
        raise option_error(refused) from None
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
