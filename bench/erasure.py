"""How long /xoadulieu and the retention job take on a well-used database.

Fills a fresh SQLite or PostgreSQL database with `--people` authors (two entries each),
`--messages` delivered outbox rows and as many web chat messages (a few naming the person),
then times one person's erasure (the transaction of the update that confirms it) and one
retention pass that removes all those rows as old. Not run by the test suite.

    .venv/bin/python -m bench.erasure --db sqlite --people 2000 --messages 100000
    .venv/bin/python -m bench.erasure --db postgres --people 2000 --messages 100000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select
from sqlmodel import col

from bot.retention import RetentionSetup, run_retention
from storage import erasure, queries
from storage.db import Database
from storage.models import Identity, Outbox, WebMessage
from storage.types import utcnow
from tests.support.databases import drop_pg_database, fresh_database
from tests.support.entries import add_entries


def _fill(db: Database, people: int, messages: int) -> None:
    add_entries(db, 2 * people, authors=people)
    old = utcnow() - timedelta(days=400)
    for start in range(0, messages, 5000):
        count = min(5000, messages - start)
        names = ["Lê Thị Hoa" if n % 500 == 0 else f"Người số {n}" for n in range(count)]
        outbox = [{"channel": "telegram", "chat_id": str(5001 + n % people),
                   "payload": {"text": f"Cảm ơn anh/chị {name}"}, "status": "sent",
                   "priority": 0, "attempts": 1, "next_attempt_at": old, "created_at": old}
                  for n, name in enumerate(names)]  # fmt: skip
        web = [{"chat_id": f"v{n % people}", "role": "user", "payload": {"text": name},
                "created_at": old} for n, name in enumerate(names)]  # fmt: skip
        with db.write() as session:
            session.execute(insert(Outbox), outbox)
            session.execute(insert(WebMessage), web)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(fresh_database(args.db, Path(tmp)))
        _fill(db, args.people, args.messages)
        started = time.perf_counter()
        with db.write() as session:
            identity = session.execute(
                select(Identity).where(col(Identity.channel_user_id) == "5001")
            ).scalar_one()
            person = queries.get_person(session, person_id=identity.person_id)
            done = erasure.erase_person(session, person=person, now=utcnow(), title="-", mask="-")
        erase_ms = 1000 * (time.perf_counter() - started)
        started = time.perf_counter()
        report = run_retention(db, RetentionSetup(data_dir=Path(tmp) / "data"), now=utcnow())
        retention_s = time.perf_counter() - started
        print(f"{args.db}: {args.people} people, {args.messages} outbox + web rows")
        print(f"erasure of one person ({len(done.withdrawn)} entries): {erase_ms:.0f} ms")
        print(f"retention pass: {retention_s:.1f} s ({report.summary()})")
        db.dispose()
    if args.db == "postgres":
        drop_pg_database()


if __name__ == "__main__":
    main()
