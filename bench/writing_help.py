"""What the writing help adds to one update: the similarity lookup and the dossier.

Builds the real services (runner, handlers) on a fresh database, loads the similarity index
with N synthetic entries (100,000 by default, as bench/similarity.py), and lets U users
write a sáng kiến through Runner.handle. It times, per user, the update that sends the
solution (it runs the lookup) against the next one (no lookup), and the submission of the
sáng kiến (checklist, lookup skipped, two .docx made) against that of a hiến kế (no .docx).
Not run by the test suite.

    .venv/bin/python -m bench.writing_help [--entries 100000] [--users 20] [--db sqlite|postgres]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
from pathlib import Path

from bench.similarity_corpus import corpus
from bot.messages import Incoming
from bot.runner import Runner
from storage.db import Database
from storage.prior import upsert_prior_entries
from storage.types import utcnow
from tests import scripts
from tests.support.apps import make_settings
from tests.support.databases import drop_pg_database, fresh_database
from webhook.app import build_services

SK = scripts.FULL_SANG_KIEN_SCRIPT
SOLUTION = SK.index(("text", scripts.SK_SOLUTION))
_keys = itertools.count(1)


def _incoming(user: int, kind: str, value: str) -> Incoming:
    fields: dict[str, str] = {"text": value}
    if kind == "choice":
        fields = {"choice": value, "text": value}
    elif kind == "command":
        fields = {"command": value, "text": ""}
    return Incoming(
        channel="telegram",
        user_id=str(user),
        chat_id=str(user),
        dedupe_key=f"bench:{next(_keys)}",
        kind=kind,  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def _timed(runner: Runner, user: int, action: tuple[str, str]) -> float:
    started = time.perf_counter()
    runner.handle(_incoming(user, *action))
    return (time.perf_counter() - started) * 1000


def _user(runner: Runner, user: int, timings: dict[str, list[float]]) -> None:
    for action in SK[:SOLUTION]:
        runner.handle(_incoming(user, *action))
    timings["solution (lookup)"].append(_timed(runner, user, SK[SOLUTION]))
    script = scripts.skipping_difference(SK)[SOLUTION + 1 :]
    skip = script.pop(0)  # answers "how is yours different?" when it was asked
    runner.handle(_incoming(user, *skip))
    timings["novelty (no lookup)"].append(_timed(runner, user, script[0]))
    for action in script[1:-1]:
        runner.handle(_incoming(user, *action))
    timings["submit sáng kiến (.docx)"].append(_timed(runner, user, script[-1]))
    for action in scripts.HIEN_KE_SCRIPT[:-1]:
        runner.handle(_incoming(user, *action))
    timings["submit hiến kế"].append(_timed(runner, user, scripts.HIEN_KE_SCRIPT[-1]))


def _import(db: Database, size: int) -> None:
    """The synthetic entries as imported rows (sangkien import), so lookups show them."""
    rows = []
    for code, text, meta in corpus(size):
        title = str(meta["title"])
        rows.append(
            {
                "code": code,
                "title": title,
                "content": text[len(title) + 2 :],
                "agency": meta["agency"],
                "year": meta["year"],
                "status": "Công nhận cấp cơ sở",
            }
        )
    with db.write() as session:
        upsert_prior_entries(session, rows=rows, now=utcnow())


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        services = build_services(make_settings(fresh_database(args.db, folder), folder / "data"))
        assert services.writing is not None
        _import(services.db, args.entries)
        started = time.perf_counter()
        services.writing.similar.build()  # what start-up does, in its background thread
        built = time.perf_counter() - started
        timings: dict[str, list[float]] = {
            name: []
            for name in (
                "solution (lookup)",
                "novelty (no lookup)",
                "submit sáng kiến (.docx)",
                "submit hiến kế",
            )
        }
        try:
            for user in range(args.users):
                _user(services.runner, 900_000 + user, timings)
        finally:
            services.db.dispose()
            if args.db == "postgres":
                drop_pg_database()
    print(f"database: {args.db}; index: {args.entries:,} imported entries, built in {built:.1f} s")
    print(f"users: {args.users}")
    for name, values in timings.items():
        print(f"{name:28} {_summary(values)}")


if __name__ == "__main__":
    main()
