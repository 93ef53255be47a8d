"""Effect handlers of the person's rights: decline consent, erase (/xoadulieu), export.

Registered in webhook/app.py. The database work happens in the update's transaction; the
files of erased data are removed only after it commits (`EffectContext.after_commit`).
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.dialogue.catalogues import privacy as text
from bot.dialogue.types import (
    DeclineConsent,
    DeleteMyData,
    ExportMyData,
    MyData,
    Periods,
    StepResult,
)
from bot.effects import EffectContext, Handler
from bot.links import download_url, sign_download
from bot.review import digest, sheets
from storage import erasure, personal_data
from storage.db import Database
from storage.models import DigestBatch

log = logging.getLogger(__name__)

EXPORTS = "exports"
UPLOADS = ("telegram",)  # channels that receive the file itself; others get a signed link
DRAFT_FLOWS = ("sang_kien", "hien_ke")


@dataclass(frozen=True)
class PrivacyHandlers:
    """Built by the composition root with the data folder and the link signing key."""

    data_dir: Path
    secret: str
    base_url: str
    periods: Periods = Periods()
    db: Database | None = None  # to empty SQLite's write-ahead log after an erasure

    def handlers(self) -> dict[type, Handler]:
        return {
            DeclineConsent: self.decline,
            DeleteMyData: self.erase,
            ExportMyData: self.export,
        }

    def decline(self, ctx: EffectContext, _effect: DeclineConsent) -> StepResult:
        personal_data.forget_unconsented(ctx.session, identity=ctx.identity, person=ctx.person)
        return ctx.dialogue.on_declined(ctx.state)

    def erase(self, ctx: EffectContext, _effect: DeleteMyData) -> StepResult:
        person_id = ctx.person.id or 0
        done = erasure.erase_person(
            ctx.session, person=ctx.person, now=ctx.now, title=text.ERASE_TITLE, mask=text.MASK
        )
        rewrites = self._sheets(ctx, sorted(done.batches))
        paths = [*done.files, *self._exports(person_id)]
        ctx.after_commit.append(lambda: self._remove(paths, rewrites))
        log.info("person %s erased: %d entries kept, %d withdrawn", person_id, len(done.kept),
                 len(done.withdrawn))
        kept = [code for code, _ in done.kept]
        return ctx.dialogue.on_erased(ctx.state, kept=kept, withdrawn=done.withdrawn)

    def export(self, ctx: EffectContext, _effect: ExportMyData) -> StepResult:
        data = personal_data.collect(ctx.session, person=ctx.person, now=ctx.now)
        name = f"du-lieu-ca-nhan-{ctx.now.astimezone(ctx.tz):%Y%m%d}.json"
        relative = f"{EXPORTS}/person-{ctx.person.id}-{secrets.token_hex(8)}.json"
        document: str | None = None
        link_days = None
        try:
            path = self._write(relative, data)
            if ctx.identity.channel in UPLOADS:
                document = str(path)
            else:
                link_days = self.periods.exports_days
                ttl = timedelta(days=link_days)
                token = sign_download(self.secret, relative, now=ctx.now, ttl=ttl)
                document = download_url(self.base_url, token)
        except OSError:
            log.exception("the data export of person %s could not be written", ctx.person.id)
        found = _summary(data, document=document, name=name, link_days=link_days)
        return ctx.dialogue.on_my_data(ctx.state, found)

    # ---- files ----

    def _write(self, relative: str, data: dict[str, Any]) -> Path:
        path = self.data_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), "utf-8")
        return path.resolve()

    def _exports(self, person_id: int) -> list[str]:
        folder = self.data_dir / EXPORTS
        return [f"{EXPORTS}/{p.name}" for p in folder.glob(f"person-{person_id}-*.json")]

    def _sheets(self, ctx: EffectContext, batch_ids: list[int]) -> list[tuple[str, sheets.Sheet]]:
        """Digest sheets as they read after the erasure (written once it is committed)."""
        found = []
        for batch_id in batch_ids:
            batch = ctx.session.get(DigestBatch, batch_id)
            if batch is not None and batch.file_path:
                found.append((batch.file_path, digest.batch_sheet(ctx.session, batch_id, ctx.tz)))
        return found

    def _remove(self, paths: list[str], rewrites: list[tuple[str, sheets.Sheet]]) -> None:
        root = self.data_dir.resolve()
        for relative in paths:
            _remove_under(root, relative)
        for relative, sheet in rewrites:
            target = (root / relative).resolve()
            if target.is_relative_to(root) and target.is_file():
                sheets.write_xlsx(sheet, target)
        if self.db is not None:
            self.db.checkpoint()


def _remove_under(root: Path, relative: str) -> None:
    target = (root / relative).resolve()
    if target == root or not target.is_relative_to(root):
        log.warning("refused to remove %s: outside the data folder", relative)
        return
    if target.is_dir():
        shutil.rmtree(target, ignore_errors=True)
    else:
        target.unlink(missing_ok=True)


def _summary(
    data: dict[str, Any], *, document: str | None, name: str, link_days: int | None
) -> MyData:
    profile = data["profile"]
    states = [c.get("state") or {} for c in data["conversations"]]
    drafts = [str(s.get("flow")) for s in states if s.get("flow") in DRAFT_FLOWS]
    submissions = data["submissions"]
    return MyData(
        profile={k: profile.get(k) for k in ("name", "agency", "position", "phone")},
        accounts=tuple(f"{a['channel']} {a['user_id']}" for a in data["accounts"]),
        codes=tuple(s["code"] for s in submissions),
        draft_kind=drafts[0] if drafts else None,
        files=sum(len(s["attachments"]) for s in submissions),
        web_messages=len(data["web_messages"]),
        pending_messages=len(data["pending_messages"]),
        document=document,
        document_name=name,
        link_days=link_days,
    )

