"""The retention job: rows and files that have served their purpose are removed.

What goes, and after how long, is set in config [retention] (the README lists it); the
privacy notice (/quyenriengtu) tells people the same periods.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from storage import desk_auth, redaction, retention, web_sessions
from storage.db import Database

log = logging.getLogger(__name__)
UPLOAD_REF = "web-upload:"


@dataclass(frozen=True)
class RetentionSetup:
    """The periods (config [retention]) and the data folder; built by the composition root."""

    data_dir: Path = Path("data")
    cron: str = "15 3 * * *"
    processed_updates_days: int = 7
    outbox_days: int = 30
    web_transcript_days: int = 180
    link_codes_days: int = 1
    drafts_days: int = 90
    unconsented_days: int = 7
    dossier_days: int = 30
    digest_sheet_days: int = 90
    exports_days: int = 7
    decided_entry_years: int = 5
    web_session_days: int = 90  # webchat.session_max_days: an older cookie has expired anyway


@dataclass
class RetentionReport:
    removed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{name} {count}" for name, count in self.removed.items())


def run_retention(db: Database, setup: RetentionSetup, *, now: datetime) -> RetentionReport:
    """One pass; each kind in its own short transaction, so webhooks never wait long."""
    report = RetentionReport()
    days = lambda n: now - timedelta(days=n)  # noqa: E731
    rows: dict[str, Any] = {
        "processed updates": lambda s: retention.drop_processed_updates(
            s, before=days(setup.processed_updates_days)
        ),
        "outbox": lambda s: retention.drop_outbox(s, before=days(setup.outbox_days)),
        "web messages": lambda s: retention.drop_web_messages(
            s, before=days(setup.web_transcript_days)
        ),
        "link codes": lambda s: retention.drop_link_codes(s, before=days(setup.link_codes_days)),
        "desk sign-ins": lambda s: desk_auth.drop_stale(s, before=days(setup.link_codes_days)),
        "unconsented accounts": lambda s: retention.forget_unconsented(
            s, before=days(setup.unconsented_days)
        ),
        "kept author names": lambda s: retention.expire_kept_entries(
            s, decided_before=days(365 * setup.decided_entry_years)
        ),
        "display names": retention.clear_display_names,
        "ended web sessions": lambda s: web_sessions.drop_ended(
            s, before=days(setup.web_session_days)
        ),
    }
    for name, work in rows.items():
        with db.write() as session:
            report.removed[name] = work(session)
    with db.write() as session:
        drafts = retention.reset_abandoned_drafts(session, before=days(setup.drafts_days), now=now)
    report.removed["drafts"] = len(drafts)
    report.removed["draft uploads"] = _remove_uploads(setup.data_dir, drafts)
    report.removed["files"] = _remove_files(setup, now)
    log.info("retention: %s", report.summary())
    return report


def _remove_uploads(data_dir: Path, drafts: list[Any]) -> int:
    removed = 0
    for ref in redaction.strings(drafts):
        if ref.startswith(UPLOAD_REF):
            name = ref[len(UPLOAD_REF) :].replace("\\", "/").rsplit("/", 1)[-1]
            path = data_dir / "uploads" / "web" / name
            if name and path.is_file():
                path.unlink()
                removed += 1
    return removed


def _remove_files(setup: RetentionSetup, now: datetime) -> int:
    """Generated files: dossiers (made again on demand), digest sheets, data exports."""
    root = setup.data_dir
    cutoff = lambda n: now.timestamp() - n * 86400  # noqa: E731
    removed = 0
    dossiers = root / "dossiers"
    for folder in dossiers.iterdir() if dossiers.is_dir() else ():
        newest = max((p.stat().st_mtime for p in folder.rglob("*")), default=0.0)
        if folder.is_dir() and newest < cutoff(setup.dossier_days):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    for name, days in (("digests", setup.digest_sheet_days), ("exports", setup.exports_days)):
        for path in (root / name).glob("*") if (root / name).is_dir() else ():
            if path.is_file() and path.stat().st_mtime < cutoff(days):
                path.unlink()
                removed += 1
    return removed
