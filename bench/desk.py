"""Server time of the reviewers' desk queue page with 20,000 entries, p50 and p95.

Fills a fresh SQLite or PostgreSQL database with N entries over 96 units, 8 fields, every
status and two years, then times GET /admin in-process (the app's own time from request to
full response, no network) for an admin (all entries) and a cơ sở council member (two
units): the first page, a status filter, a search without diacritics, unit + year filters,
a deep page, the desk marks' filters (has similar entries, quality flags, alone and with
search), one entry page (three similar entries side by side), and the dashboard
(/admin/thongke) with one of its CSVs. Not run by the test suite.

    .venv/bin/python -m bench.desk --db sqlite --entries 20000
    .venv/bin/python -m bench.desk --db postgres --entries 20000
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import delete, insert, update

from bot.desk.marks import MarksKeeper
from bot.review.transitions import STATUSES
from bot.similar.service import SimilarityService
from storage import councils, desk_auth, queries
from storage.db import Database
from storage.desk_marks import flags_text
from storage.desk_stats import DECISIONS
from storage.models import SimilarLink, StatusChange, Submission
from storage.types import utcnow
from tests.support.apps import make_settings
from tests.support.entries import TITLES
from webhook.app import create_app
from webhook.desk_auth import COOKIE

UNITS = [f"Ủy ban nhân dân xã số {n}" for n in range(1, 97)]
FIELDS = (
    "Cải cách hành chính",
    "Y tế",
    "Giáo dục",
    "Nông nghiệp",
    "Chuyển đổi số",
    "Tài chính",
    "Thủy sản",
    "Văn hóa",
)
ADMIN, MEMBER = "telegram:606", "telegram:901"
QUERIES = {
    "first page": "/admin",
    "status filter": "/admin?status=under_review",
    "search, no diacritics": "/admin?q=so+hoa+tai+su+dung",
    "unit + year": f"/admin?unit={UNITS[5]}&year=2026",
    "page 40, oldest first": "/admin?page=40&sort=oldest",
    "similar: any": "/admin?similar=any",
    "similar strong + flag": "/admin?similar=strong&flag=benefits_measurable",
    "flag any, page 20": "/admin?flag=any&page=20",
    "flag + search": "/admin?flag=first_applied_on_valid&q=so+hoa",
    "dashboard": "/admin/thongke",
    "dashboard CSV (units)": "/admin/thongke/donvi.csv",
}


def fill(db: Database, count: int) -> str:
    """`count` entries written in bulk; returns one code for the entry page."""
    now = utcnow()
    with db.write() as session:
        identity = queries.lock_identity(
            session, channel="telegram", user_id="5001", chat_id="5001", display_name=None, now=now
        )
        person = queries.get_person(session, person_id=identity.person_id)
        rows, start = [], datetime(2025, 1, 1, tzinfo=UTC)
        for n in range(count):
            kind = "sang_kien" if n % 3 else "hien_ke"
            title = f"{TITLES[n % len(TITLES)]} ({n})"
            at = start + timedelta(minutes=53 * n)
            rows.append(_row(n, kind, title, at, person.id or 0, identity.id or 0))
        session.execute(insert(Submission), rows)
        ids = session.execute(
            Submission.__table__.select().with_only_columns(  # type: ignore[attr-defined]
                Submission.id, Submission.status, Submission.submitted_at
            )
        ).all()
        session.execute(insert(StatusChange), _history(ids))
        session.execute(insert(SimilarLink), _links(ids))
        councils.add_member(
            session,
            council="Hội đồng xã 5 và 6",
            principal=MEMBER,
            level="co_so",
            units=UNITS[4:6],
            by="bench",
            now=now,
        )
    return "SK-2025-00005"  # n=4: unit 5, seen by the admin and the council member


def _links(rows: Sequence[Any]) -> list[dict[str, object]]:
    """The entry page's entry (n=4) like three others: its own unit's, another unit's, one
    imported; links both ways between submissions, as the server stores them."""
    ids = sorted(i for i, _status, _at in rows)
    like = {ids[4 + 96]: True, ids[4 + 1]: False}  # unit 5 again; unit 6, the member's too
    like[ids[4 + 7]] = False  # unit 12: another council
    links: list[dict[str, object]] = [
        {"submission_id": ids[4], "other": "prior:QN-2019-12", "score": 0.5, "strong": False}
    ]
    for other, strong in like.items():
        score = 0.7 if strong else 0.5
        index = ids.index(other)
        links.append(
            {
                "submission_id": ids[4],
                "other": f"sub:{_code(index)}",
                "score": score,
                "strong": strong,
            }
        )
        links.append(
            {"submission_id": other, "other": f"sub:{_code(4)}", "score": score, "strong": strong}
        )
    return links


def _code(n: int) -> str:
    kind = "SK" if n % 3 else "HK"
    at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=53 * n)
    return f"{kind}-{at.year}-{n + 1:05d}"


def _marks(n: int, kind: str) -> dict[str, object]:
    """About 1 in 7 entries like another (1 in 20 rất giống); checklist rules failed in a
    fixed pattern (1 in 4 without figures, 1 in 9 without a first-application date)."""
    level = 2 if n % 20 == 0 else 1 if n % 7 == 0 else 0
    failed = []
    if kind == "sang_kien":
        failed += ["benefits_measurable"] if n % 4 == 0 else []
        failed += ["first_applied_on_valid"] if n % 9 == 0 else []
    elif n % 5 == 0:
        failed.append("benefit_concrete")
    return {"similar_level": level, "quality_flags": flags_text(failed)}


def _history(rows: Sequence[Any]) -> list[dict[str, object]]:
    """Each entry's submission, and a decision 1–30 days later or a reviewer taking it up."""
    changes: list[dict[str, object]] = []
    for i, status, at in rows:
        changes.append({"submission_id": i, "status": "submitted", "at": at, "by": "bench"})
        if status in DECISIONS or status == "under_review":
            later = at + timedelta(days=1 + i % 30)
            by = f"desk:telegram:{900 + i % 12}"
            changes.append({"submission_id": i, "status": status, "at": later, "by": by})
    return changes


def _row(
    n: int, kind: str, title: str, at: datetime, person: int, identity: int
) -> dict[str, object]:
    prefix = "SK" if kind == "sang_kien" else "HK"
    field = FIELDS[n % len(FIELDS)]
    return {
        "code": f"{prefix}-{at.year}-{n + 1:05d}",
        "kind": kind,
        "status": STATUSES[n % 7],
        "title": title,
        "fields": {"title": title, "field": field, "solution": "Bước 1. " * 40},
        "person_id": person,
        "identity_id": identity,
        "author": {"name": "Lê Thị Hoa", "agency": UNITS[n % 96]},
        "agency": UNITS[n % 96],
        "created_at": at,
        "submitted_at": at,
        "updated_at": at,
        "field": field,
        "scope": "cap_tinh" if n % 10 == 0 else "co_so",
        **_marks(n, kind),
    }


def session_cookie(db: Database, principal: str) -> str:
    with db.write() as session:
        return desk_auth.start_session(
            session,
            principal=principal,
            method="chat_link",
            now=utcnow(),
            lifetime=timedelta(hours=12),
        )


def timed(client: TestClient, path: str, runs: int) -> tuple[float, float]:
    client.get(path)  # warm: the first search fills in search keys, once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text[:300]
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000


def backfill(db: Database) -> None:
    """The keeper's work after an upgrade: every entry's marks, from an index of them all.

    Worst case for the lookups: the bench's entries share six titles and one solution, so
    every lookup finds its six most similar entries. CPU time is this thread's own.
    """
    with db.write() as session:
        session.execute(update(Submission).values(similar_level=None, quality_flags=None))
        session.execute(delete(SimilarLink))
    service = SimilarityService(db)
    service.build()
    keeper = MarksKeeper(db, service, tz=ZoneInfo("Asia/Ho_Chi_Minh"))
    wall, cpu = time.perf_counter(), time.thread_time()
    done = keeper.fill()
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    print(
        f"backfill: {done} entries in {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"({1000 * cpu / max(done, 1):.2f} ms CPU per entry)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--backfill", action="store_true", help="also time the background marks of every entry"
    )
    args = parser.parse_args()
    os.environ.setdefault("SANGKIEN_TEST_RUN", "bench_desk")
    from tests.support.databases import drop_pg_database, fresh_database

    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_database(args.db, Path(tmp))
        db = Database(url)
        began = time.perf_counter()
        code = fill(db, args.entries)
        print(f"{args.entries} entries written in {time.perf_counter() - began:.1f}s ({args.db})")
        settings = make_settings(
            url,
            Path(tmp) / "data",
            extra={
                "SANGKIEN_ROLES__ADMINS": f'["{ADMIN}"]',
                "SANGKIEN_SCHEDULER__ENABLED": "false",
            },
        )
        with TestClient(create_app(settings)) as client:
            for who, principal in (("admin", ADMIN), ("council member", MEMBER)):
                client.cookies.set(COOKIE, session_cookie(db, principal), path="/admin")
                for name, path in {**QUERIES, "entry page": f"/admin/hoso/{code}"}.items():
                    p50, p95 = timed(client, path, args.runs)
                    print(f"{who:15} {name:24} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
        if args.backfill:
            backfill(db)
        db.dispose()
    if args.db == "postgres":
        drop_pg_database()


if __name__ == "__main__":
    main()
