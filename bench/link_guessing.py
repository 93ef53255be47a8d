"""How fast /lienket codes can be guessed at the limits: a flood of guesses through the runner.

An owner on Telegram keeps one live code at all times (a new one as soon as the last died);
guessers send `--per-minute` random codes a minute, each from a fresh Zalo account (a
cookieless web request is one too) and, with `--addresses`, from that many networks. The
clock is simulated for `--hours`. Counted: guesses the runner actually checked against the
codes (the rest were refused by the limits before any lookup). With one live code a checked
guess hits with probability 1/1,000,000, so the expected time to a right guess is
1,000,000 / (checked guesses an hour) hours. Not run by the test suite.

    .venv/bin/python -m bench.link_guessing --hours 3 --per-minute 20 --addresses 1000
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import re
import secrets
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.dialogue.catalogues import link as text
from bot.messages import Incoming
from tests import scripts
from tests.support.apps import make_settings
from tests.support.databases import fresh_database
from webhook.app import Services, build_services

T0 = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
_keys = itertools.count(1)


def _act(services: Services, channel: str, user: str, kind: str, value: str, origin: str = "") -> str:
    key = f"{channel}:{user}:{next(_keys)}"
    if kind == "command":
        name, _, argument = value.lstrip("/").partition(" ")
        incoming = Incoming(channel, user, user, key, kind="command", command=name, text=argument)
    else:
        incoming = Incoming(channel, user, user, key, kind="text", text=value)
    if origin:
        incoming = dataclasses.replace(incoming, origin=origin)
    return "\n".join(reply.text for reply in services.runner.handle(incoming).replies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=int, default=3)
    parser.add_argument("--per-minute", type=int, default=20)
    parser.add_argument("--addresses", type=int, default=1, help="networks the guesses come from")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(make_settings(fresh_database("sqlite", Path(tmp)), Path(tmp)))
        now = [T0]
        services.runner.clock = lambda: now[0]
        for kind, value in scripts.PROFILE_SCRIPT:
            _act(services, "telegram", "501", kind, value)
        code, issued_at, checked, refused, hits, guesses = "", T0, 0, 0, 0, 0
        for minute in range(args.hours * 60):
            now[0] = T0 + timedelta(minutes=minute)
            if not code or now[0] - issued_at >= timedelta(minutes=1):  # a fresh code often
                said = _act(services, "telegram", "501", "command", "lienket")
                found = re.search(r"/lienket (\d{6})", said)
                code, issued_at = (found.group(1), now[0]) if found else ("", issued_at)
            for _ in range(args.per_minute):
                guess = f"{secrets.randbelow(1_000_000):06d}"
                network = guesses % args.addresses
                origin = f"198.51.{network // 256}.{network % 256}"
                said = _act(services, "zalo", f"g{guesses}", "command", f"lienket {guess}", origin)
                guesses += 1
                checked += text.INVALID in said
                refused += "tạm dừng" in said
                hits += "Mã liên kết đúng" in said
        services.db.dispose()
    per_hour = checked / args.hours
    print(f"guesses sent {guesses}, checked {checked}, refused by the limits {refused}, hits {hits}")
    print(f"checked guesses an hour: {per_hour:.1f}")
    if per_hour:
        hours = 1_000_000 / per_hour
        print(f"expected time to a right guess: {hours:,.0f} h = {hours / 8766:.1f} years")


if __name__ == "__main__":
    main()
