"""The `sangkien` command line: the parser and the serve, db and webhook commands."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Any

from bot.errors import ChannelError, ConfigError
from cli import admin, broadcast, councils, prior, tokens, units
from webhook.config import Settings, load_settings
from webhook.logs import setup_logging

log = logging.getLogger("sangkien")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"Lỗi cấu hình / configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings)
    try:
        return int(args.func(settings, args) or 0)
    except ConfigError as exc:
        print(f"Lỗi cấu hình / configuration error: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sangkien", description="Trợ lý Sáng kiến")
    parser.add_argument("--config", help="config file (default: $SANGKIEN_CONFIG or ./config.toml)")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="migrate the database, then run the whole server")
    serve.add_argument("--config", dest="config", default=argparse.SUPPRESS)
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(func=_serve)

    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply migrations").set_defaults(func=_db_upgrade)

    hook = sub.add_parser("webhook", help="register webhooks with the platform")
    hook.add_argument("action", choices=["set", "delete", "info"])
    hook.add_argument("--channel", choices=["telegram", "zalo"], required=True)
    hook.set_defaults(func=_webhook)
    admin.register(sub)
    broadcast.register(sub)
    prior.register(sub)
    tokens.register(sub)
    units.register(sub)
    councils.register(sub)
    return parser


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


if __name__ == "__main__":
    sys.exit(main())
