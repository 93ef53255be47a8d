"""The `sangkien` command line: the parser and the serve, db and webhook commands."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Any

import click

from bot.errors import ChannelError, ConfigError
from cli import admin, backup, broadcast, councils, prior, tokens, units
from cli.command import Call, Group, call, say
from webhook.config import Settings, load_settings
from webhook.logs import setup_logging

log = logging.getLogger("sangkien")


def main(argv: list[str] | None = None) -> int:
    """Parse, load the settings, run the command; the exit code as argparse gave it:
    0 done, 1 the command could not do it (it says why), 2 a wrong command line or config."""
    try:
        parsed = build().main(args=argv, prog_name="sangkien", standalone_mode=False)
    except click.ClickException as exc:  # a wrong command line: usage and the error, exit 2
        exc.show()
        return exc.exit_code
    except click.Abort:
        print("Đã dừng / aborted", file=sys.stderr)
        return 1
    if not isinstance(parsed, Call):  # --help, or completion
        return int(parsed or 0)
    try:
        settings = load_settings(parsed.config)
    except ConfigError as exc:
        print(f"Lỗi cấu hình / configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings)
    try:
        return int(parsed.func(settings, parsed.args) or 0)
    except ConfigError as exc:
        print(f"Lỗi cấu hình / configuration error: {exc}", file=sys.stderr)
        return 2


def build() -> click.Group:
    """The command tree, made at each call so the help follows the current locale."""

    @click.group(
        "sangkien",
        cls=Group,
        help=say("Trợ lý Sáng kiến: máy chủ và công cụ quản trị.",
                 "Trợ lý Sáng kiến: the server and its admin tools."),
    )  # fmt: skip
    @click.option("--config", metavar="FILE", help=_config_help())
    def root(config: str | None) -> None:
        """The top-level options only; each command runs after the settings load."""

    @root.command(
        "serve",
        help=say(
            "Chạy các bản nâng cấp cơ sở dữ liệu, rồi chạy toàn bộ máy chủ.",
            "Migrate the database, then run the whole server.",
        ),
    )
    @click.option("--config", metavar="FILE", help=_config_help())
    @click.option(
        "--host",
        help=say(
            "địa chỉ lắng nghe (thay [server] host)",
            "address to listen on (overrides [server] host)",
        ),
    )
    @click.option(
        "--port", type=int, help=say("cổng (thay [server] port)", "port (overrides [server] port)")
    )
    def serve(**params: Any) -> Call:
        return call(_serve, params)

    @root.group("db", help=say("Lệnh cơ sở dữ liệu.", "Database commands."))
    def db() -> None:
        """The database group."""

    @db.command("upgrade", help=say("Áp dụng các bản nâng cấp (migration).", "Apply migrations."))
    def db_upgrade(**params: Any) -> Call:
        return call(_db_upgrade, params)

    @root.command(
        "webhook",
        help=say(
            "Đăng ký, xóa hoặc xem webhook với nền tảng.",
            "Register, delete or show webhooks with the platform.",
        ),
    )
    @click.argument(
        "action",
        type=click.Choice(["set", "delete", "info"]),
        help=say("đăng ký, xóa hoặc xem", "register, delete or show"),
    )
    @click.option(
        "--channel",
        type=click.Choice(["telegram", "zalo"]),
        required=True,
        help=say("kênh", "the channel"),
    )
    def webhook(**params: Any) -> Call:
        return call(_webhook, params)

    for module in (admin, broadcast, prior, tokens, units, councils, backup):
        module.register(root)
    return root


def _config_help() -> str:
    return say(
        "tệp cấu hình (mặc định: $SANGKIEN_CONFIG hoặc ./config.toml)",
        "config file (default: $SANGKIEN_CONFIG or ./config.toml)",
    )


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from webhook.app import create_app

    _db_upgrade(settings, args)
    host = args.host or settings.server.host
    port = args.port or settings.server.port
    # The flags win over the file everywhere, including in the links the server builds.
    server = settings.server.model_copy(update={"host": host, "port": port})
    settings = settings.model_copy(update={"server": server})
    channels = [n for n in ("telegram", "zalo") if getattr(settings, n).enabled]
    if settings.webchat.enabled:
        channels.append("web chat")
    log.info("Trợ lý Sáng kiến: http://%s:%s/ (kênh/channels: %s)", host, port, ", ".join(channels))
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None, access_log=False)
    return 0


def _db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    from storage.db import Database
    from storage.migrate import upgrade

    db = Database(settings.database.url)
    try:
        upgrade(db.engine)
    finally:
        db.dispose()
    log.info("database is at the latest migration")
    return 0


def _webhook(settings: Settings, args: argparse.Namespace) -> int:
    from webhook.app import build_channels

    name = args.channel
    platform = getattr(settings, name)
    if not platform.enabled:
        raise ConfigError(f"{name}.enabled", "the channel is not enabled")
    channel: Any = build_channels(settings)[name]

    async def act() -> Any:
        try:
            if args.action == "set":
                if not settings.server.public_url:
                    raise ConfigError("server.public_url", "is required to register a webhook")
                if not platform.webhook_secret:
                    raise ConfigError(f"{name}.webhook_secret", "is required for a webhook")
                url = f"{settings.server.public_url.rstrip('/')}/webhook/{name}"
                await channel.set_webhook(url, platform.webhook_secret)
                return {"ok": True, "url": url}
            if args.action == "delete":
                await channel.delete_webhook()
                return {"ok": True}
            return await channel.webhook_info()
        finally:
            await channel.close()

    try:
        result = asyncio.run(act())
    except ChannelError as exc:  # the platform refused (bad token, bad URL): say so, no traceback
        print(f"Nền tảng từ chối / platform refused: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0
