"""Effect handlers of the writing help: checklist and similar entries stored, dossier sent.

Registered in webhook/app.py (`Runner(extra_handlers=...)`). The handlers run inside the
update's transaction; the similarity lookup is in memory (a few ms) after one indexed
"changed since?" query (so other replicas' entries are seen), and making the two .docx
takes about 50–100 ms, once per sáng kiến and again only when the entry changed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot import effects, quality
from bot.desk import marks as desk_marks
from bot.dialogue.catalogues import quality as quality_text
from bot.dialogue.quality_followups import shown_in_draft
from bot.dialogue.quality_types import (
    DossierFiles,
    FindSimilar,
    ListDossiers,
    SendDossier,
    SimilarEntry,
)
from bot.dialogue.types import EntrySummary, StepResult, Submit
from bot.dossier.files import FOLDER, DossierPaths, DossierStore, is_dossier_code
from bot.effects import EffectContext, Handler
from bot.links import download_url, sign_download
from bot.similar import DEFAULT_THRESHOLD, STRONG_THRESHOLD, SimilarityIndex
from bot.similar.service import SimilarityService
from storage import prior, queries
from storage.db import Database
from storage.desk_marks import flags_text
from storage.models import Submission

log = logging.getLogger(__name__)


def level_of(strong: bool) -> str:
    """A match's score in plain words (the index tells which side of its strong threshold)."""
    return quality_text.SIMILAR_STRONG if strong else quality_text.SIMILAR_FAIR


LOOKUP_K = 6  # more than shown: withdrawn or vanished entries are dropped after the lookup
DEFAULT_TZ = "Asia/Ho_Chi_Minh"
UPLOADS = ("telegram",)  # channels that receive the file itself; others get a link


@dataclass(frozen=True)
class Links:
    """Signed, expiring download links for channels that cannot receive a file."""

    secret: str
    base_url: str
    ttl: timedelta = timedelta(days=7)

    def url(self, relative_path: str, now: datetime) -> str:
        token = sign_download(self.secret, relative_path, now=now, ttl=self.ttl)
        return download_url(self.base_url, token)


class WritingHelp:
    """The similarity service, the dossier store and the handlers that use them."""

    def __init__(
        self,
        *,
        db: Database,
        similar: SimilarityService,
        dossiers: DossierStore,
        links: Links,
        tz: ZoneInfo | None = None,
    ):
        self.db = db
        self.similar = similar
        self.dossiers = dossiers
        self.links = links
        self.marks = desk_marks.MarksKeeper(db, similar, tz=tz or ZoneInfo(DEFAULT_TZ))

    @classmethod
    def create(
        cls,
        *,
        db: Database,
        data_dir: str | Path,
        secret: str,
        base_url: str,
        threshold: float = DEFAULT_THRESHOLD,
        strong_threshold: float = STRONG_THRESHOLD,
        tz: str = DEFAULT_TZ,
    ) -> WritingHelp:
        """As the composition root builds it; call `start()` when the app starts."""
        index = partial(SimilarityIndex, threshold=threshold, strong=strong_threshold)
        return cls(
            db=db,
            similar=SimilarityService(db, index_factory=index),
            dossiers=DossierStore(data_dir),
            links=Links(secret=secret, base_url=base_url),
            tz=ZoneInfo(tz),
        )

    def start(self) -> None:
        self.similar.start()
        self.marks.start()

    def prepare_file(self, path: str | Path) -> None:
        """Blocking: if `path` is a dossier file, make sure it exists and is current."""
        relative = Path(path)
        if relative.is_absolute():
            try:
                relative = relative.resolve().relative_to(self.dossiers.data_dir)
            except ValueError:
                return
        parts = relative.parts
        if len(parts) != 3 or parts[0] != FOLDER or not is_dossier_code(parts[1]):
            return
        with self.db.session() as session:
            submission = queries.get_submission(session, code=parts[1])
        if submission is not None and submission.fields:  # an erased entry has no dossier
            self.dossiers.ensure(
                code=submission.code,
                fields=submission.fields,
                author=submission.author,
                submitted_at=submission.submitted_at or submission.created_at,
            )

    def stop(self) -> None:
        self.marks.stop()
        self.similar.stop()

    def install(self, handlers: dict[type, Handler], *, amending: Iterable[type] = ()) -> None:
        """Add the handlers to a runner's registry; `amending` effects get re-assessed."""
        for effect_type in amending:
            if effect_type in handlers:
                handlers[effect_type] = self.after_amend(handlers[effect_type])
        handlers.update(self.handlers())

    def handlers(self) -> dict[type, Handler]:
        return {
            Submit: self.submit,
            FindSimilar: self.find_similar,
            ListDossiers: self.list_dossiers,
            SendDossier: self.send_dossier,
        }

    # ---- effects ----

    def submit(self, ctx: EffectContext, effect: Submit) -> StepResult:
        """Store the entry with its checklist and similar entries; a sáng kiến gets its dossier."""
        shown = shown_in_draft(ctx.state)
        submission = effects.store_submission(ctx, effect)
        self.assess(ctx, submission, shown=shown)
        receipt = ctx.dialogue.on_submitted(
            ctx.state, code=submission.code, kind=effect.kind, now=ctx.now
        )
        if not is_dossier_code(submission.code):
            return receipt
        dossier = self._dossier(ctx, receipt.state, submission, then_show=False)
        return StepResult(
            dossier.state,
            (*receipt.replies, *dossier.replies),
            (*receipt.effects, *dossier.effects),
        )

    def find_similar(self, ctx: EffectContext, effect: FindSimilar) -> StepResult:
        exclude = [prior.SUBMISSION + code for code in effect.exclude]
        found = self.lookup(ctx, effect.text, exclude=exclude)
        return ctx.dialogue.on_similar(ctx.state, found, now=ctx.now)

    def list_dossiers(self, ctx: EffectContext, _effect: ListDossiers) -> StepResult:
        rows = queries.person_submissions(ctx.session, person_id=ctx.person.id or 0)
        entries = [
            EntrySummary(r.code, r.kind, r.title, r.status, r.submitted_at)  # type: ignore[arg-type]
            for r in rows
        ]
        return ctx.dialogue.on_dossier_choices(ctx.state, entries)

    def send_dossier(self, ctx: EffectContext, effect: SendDossier) -> StepResult:
        """Only the author's own sáng kiến: anyone else's code reads as not found."""
        code = effect.code.strip().upper()
        submission = queries.get_submission(ctx.session, code=code)
        if submission is None or submission.person_id != ctx.person.id:
            return ctx.dialogue.on_dossier(ctx.state, code=code, files=None)
        if not is_dossier_code(submission.code):
            return ctx.dialogue.on_dossier(ctx.state, code=code, files=None)
        return self._dossier(ctx, ctx.state, submission, then_show=True)

    def after_amend(self, inner: Handler) -> Handler:
        """Wrap a handler that amends an entry (the revision's Resubmit): assess it again."""

        def handler(ctx: EffectContext, effect: Any) -> StepResult | None:
            result = inner(ctx, effect)
            code = str(getattr(effect, "code", ""))
            submission = queries.get_submission(ctx.session, code=code) if code else None
            if submission is not None and submission.fields == getattr(effect, "fields", None):
                self.assess(ctx, submission, shown=None)
            return result

        return handler

    # ---- shared steps ----

    def assess(
        self, ctx: EffectContext, submission: Submission, *, shown: list[dict[str, Any]] | None
    ) -> None:
        """The checklist and the similar entries stored for reviewers; the index learns it."""
        today = ctx.now.astimezone(ctx.tz).date()
        report = quality.check(submission.kind, submission.fields, today=today)
        submission.quality = report.to_json()
        key = prior.SUBMISSION + submission.code
        body = submission.fields.get(prior.BODY_FIELD.get(submission.kind, ""))
        body_text = body if isinstance(body, str) else ""
        if shown is None:  # the author was not asked: still tell the reviewers
            found = self.lookup(ctx, f"{submission.title}\n{body_text}", exclude=[key])
            shown = [entry.to_json() for entry in found] if found is not None else None
        submission.similar = shown
        try:
            self.similar.put(key, submission.title, body_text)
        except Exception:  # the periodic refresh indexes it later
            log.exception("similarity index: %s not added now", submission.code)
        self._desk_marks(ctx, submission, body_text)

    def _desk_marks(self, ctx: EffectContext, submission: Submission, body: str) -> None:
        """The queue's filters: failed rules now; similar entries now, or by the keeper."""
        day = desk_marks.day_of(submission.submitted_at or ctx.now, ctx.tz)
        failed = desk_marks.failed_rules(submission.kind, submission.fields, day)
        submission.quality_flags = flags_text(failed)
        ctx.session.flush()
        try:
            # A savepoint: on PostgreSQL a failed statement would otherwise spoil the
            # author's whole update (the keeper works the links out later instead).
            with ctx.session.begin_nested():
                desk_marks.mark_similar(
                    ctx.session,
                    self.similar,
                    submission_id=submission.id or 0,
                    code=submission.code,
                    title=submission.title,
                    body=body,
                )
        except Exception:  # a help for reviewers, never a reason to refuse the author
            log.exception("desk marks: %s left to the keeper", submission.code)

    def lookup(
        self, ctx: EffectContext, text: str, *, exclude: list[str]
    ) -> list[SimilarEntry] | None:
        """Earlier entries like `text`, as stored now; None while the index is loading."""
        started = time.perf_counter()
        try:
            matches = self.similar.find(text, k=LOOKUP_K, exclude=exclude, session=ctx.session)
        except Exception:  # a help, never a reason to refuse the author's update
            log.exception("similarity lookup failed; skipped")
            return None
        if matches is None:
            log.info("similarity index still loading: lookup skipped")
            return None
        keys = [match.entry_id for match in matches]
        stored = prior.earlier_entries(ctx.session, keys=keys, tz=ctx.tz)
        found = [
            SimilarEntry(
                e.code, e.title, e.agency, e.year, e.status, match.score, level_of(match.strong)
            )
            for match in matches
            if (e := stored.get(match.entry_id)) is not None
        ]
        log.debug(
            "similar entries: %d in %.1f ms", len(found), 1000 * (time.perf_counter() - started)
        )
        return found

    def _dossier(
        self, ctx: EffectContext, state: dict[str, Any], submission: Submission, *, then_show: bool
    ) -> StepResult:
        try:
            # Only the paths here: the .docx are built after the commit, by whoever needs
            # them first (the sender before an upload, the download route before a link).
            paths = self.dossiers.paths(submission.code)
        except Exception:  # the entry is stored either way; /taidon can try again
            log.exception("dossier of %s could not be made", submission.code)
            return ctx.dialogue.on_dossier(
                state, code=submission.code, files=None, failed=True, then_show=then_show
            )
        uploads = ctx.identity.channel in UPLOADS
        files = self._files(paths, uploads=uploads, now=ctx.now)
        days = None if uploads else self.links.ttl.days
        return ctx.dialogue.on_dossier(
            state, code=submission.code, files=files, link_days=days, then_show=then_show
        )

    def _files(self, paths: DossierPaths, *, uploads: bool, now: datetime) -> DossierFiles:
        def ref(path: Any) -> str:
            return str(path) if uploads else self.links.url(paths.relative(path), now)

        return DossierFiles(
            code=paths.code,
            application=ref(paths.application),
            application_name=paths.application.name,
            report=ref(paths.report),
            report_name=paths.report.name,
        )
