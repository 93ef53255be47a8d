"""How long the digest job takes for 1,000 pending entries, and how many messages it sends.

Fills a fresh SQLite or PostgreSQL database with N submitted entries (realistic lengths,
half with quality results and similar codes), configures three reviewer chats (a Telegram
group, a Telegram private chat, a Zalo chat) and runs the digest job once: claim the batch,
render every chat's messages, write the .xlsx, queue everything. Then it marks the queued
messages sent and settles the batch, which forwards every entry and queues one notice per
author entry. Not run by the test suite.

    .venv/bin/python -m bench.digest --db sqlite --entries 1000
    .venv/bin/python -m bench.digest --db postgres --entries 1000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlmodel import col

from bot.review import digest
from bot.review.digest import DigestSetup
from storage.db import Database
from storage.models import Outbox, Submission
from storage.types import utcnow
from tests.support.databases import drop_pg_database, fresh_database
from tests.support.entries import add_entries

REVIEWERS = ("telegram:-1001234567", "telegram:777", "zalo:9001")
SOLUTION = (
    "Bước 1: rà soát toàn bộ quy trình tiếp nhận hồ sơ tại bộ phận một cửa, ghi lại thời gian "
    "từng khâu. Bước 2: số hoá biểu mẫu và tạo mã QR dẫn tới hướng dẫn của từng thủ tục. "
    "Bước 3: tập huấn công chức và niêm yết tại quầy. "
) * 4
# Seconds between two bulk messages to one chat under the pacer (bot/pacing.py).
PACE = {"telegram:-": 3.0, "telegram:": 1.0, "zalo:": 1.0}


def _fill(db: Database, entries: int, authors: int) -> None:
    add_entries(db, entries, kind="mixed", authors=authors)
    with db.write() as session:
        for submission in session.execute(select(Submission)).scalars():
            key = "proposal" if submission.kind == "hien_ke" else "solution"
            submission.fields = {**submission.fields, key: SOLUTION}
            if (submission.id or 0) % 2:
                submission.quality = {"passed": 7, "total": 9, "items": []}
                submission.similar = [{"code": "SK-2025-00012", "score": 0.71}]


def _pace(principal: str) -> float:
    return next(v for k, v in PACE.items() if principal.startswith(k))


def run(backend: str, entries: int, authors: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_database(backend, Path(tmp))
        db = Database(url)
        try:
            _fill(db, entries, authors)
            setup = DigestSetup(
                reviewers=REVIEWERS,
                tz=ZoneInfo("Asia/Ho_Chi_Minh"),
                data_dir=Path(tmp),
                secret_key="k" * 32,
                public_base="https://sangkien.example.gov.vn",
            )
            started = time.perf_counter()
            report = digest.run_digest(db, setup, now=utcnow())
            job = time.perf_counter() - started
            with db.write() as session:  # as if the sender delivered everything
                session.execute(
                    update(Outbox).where(col(Outbox.ref).is_not(None)).values(status="sent")
                )
            started = time.perf_counter()
            outcome = digest.settle(db, now=utcnow())
            settle = time.perf_counter() - started
        finally:
            db.dispose()
            if backend == "postgres":
                drop_pg_database()
    print(f"{backend}: {entries} entries by {authors} authors")
    print(f"  digest job (claim, render, .xlsx, queue): {job:.2f} s")
    for principal, count in report.messages.items():
        print(
            f"  {principal}: {count} messages, ~{count * _pace(principal) / 60:.1f} min to deliver paced"
        )
    print(f"  settle (forward every entry, queue author notices): {settle:.2f} s — {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=200)
    args = parser.parse_args()
    run(args.db, args.entries, args.authors)


if __name__ == "__main__":
    main()
