"""GET /admin, the reviewers' desk: the council's queue and one entry, with status changes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from bot import status
from bot.desk import catalogue as text
from bot.desk.council_sheet import results_sheet
from bot.review.catalogue import STATUS_LABELS
from bot.review.sheets import write_xlsx
from bot.review.transitions import STATUSES
from bot.similar.normalize import fold, strip_accents
from storage import desk, desk_results, desk_stats, files, queries
from storage.desk import SIMILAR_FILTERS, SORTS, Filters, Scope
from storage.types import utcnow
from webhook import desk_compare, desk_dashboard, desk_decision, desk_scoring
from webhook.desk_auth import DeskUser, csrf_ok, desk_user, page, read_form
from webhook.desk_entry_page import DOSSIER_DOCUMENTS, EntryView, entry_page
from webhook.desk_heavy import RETRY_AFTER
from webhook.desk_pages import message_page
from webhook.desk_queue_page import no_council_page, queue_page

router = APIRouter(include_in_schema=False)
User = Annotated[DeskUser, Depends(desk_user)]
KINDS = ("sang_kien", "hien_ke")
FLAG_FILTERS = frozenset({"any", "none", *text.QUALITY_RULES})


def search_key(words: str) -> str:
    """Accent-free, tone- and i/y-folded words: "Thủy lợi" and "thuy loi" meet."""
    return strip_accents(fold(words))


def filters_from(query: Any) -> tuple[Filters, str]:
    """The queue's filters from the query string; anything unknown is ignored, not an error."""
    q = str(query.get("q") or "").strip()[:200]
    year, page_no = str(query.get("year") or ""), str(query.get("page") or "1")
    return (
        Filters(
            status=query.get("status") if query.get("status") in STATUSES else None,
            kind=query.get("kind") if query.get("kind") in KINDS else None,
            unit=str(query.get("unit") or "")[:200] or None,
            field=str(query.get("field") or "")[:200] or None,
            year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
            key=search_key(q) or None,
            similar=_choice(query.get("similar"), SIMILAR_FILTERS),
            flag=_choice(query.get("flag"), FLAG_FILTERS),
            sort=str(query.get("sort")) if query.get("sort") in SORTS else "newest",
            page=min(int(page_no), 10_000) if page_no.isdigit() and int(page_no) > 0 else 1,
        ),
        q,
    )


def _choice(value: object, known: Any) -> str | None:
    return value if isinstance(value, str) and value in known else None


@router.get("/admin")
async def queue(request: Request, user: User) -> Response:
    services = request.app.state.services
    scope: Scope = user.viewer.scope
    if scope.empty:
        return page(no_council_page(user))
    filters, q = filters_from(request.query_params)

    def read() -> str:
        if filters.key:
            _fill_search_keys(services)
        with services.db.session() as session:
            result = desk.queue(session, scope=scope, filters=filters)
            units, fields, years = desk.choices(session, scope=scope)
        tz = ZoneInfo(services.settings.scheduler.timezone)
        return queue_page(
            user,
            filters=filters,
            q=q,
            result=result,
            units=units,
            fields=fields,
            years=years,
            tz=tz,
        )

    return page(await run_in_threadpool(read))


async def _stats(request: Request, user: DeskUser) -> desk_stats.Stats:
    services = request.app.state.services
    tz = ZoneInfo(services.settings.scheduler.timezone)

    def read() -> desk_stats.Stats:
        with services.db.session() as session:
            return desk_stats.stats(session, scope=user.viewer.scope, tz=tz)

    return await run_in_threadpool(read)


@router.get("/admin/thongke")
async def dashboard(request: Request, user: User) -> Response:
    if user.viewer.scope.empty:
        return page(no_council_page(user))
    return page(desk_dashboard.dashboard_page(user, await _stats(request, user)))


@router.get("/admin/thongke/{key}.csv")
async def dashboard_csv(request: Request, key: str, user: User) -> Response:
    if key not in text.CHARTS or user.viewer.scope.empty:
        return _not_found(user)
    rows = desk_dashboard.tables(await _stats(request, user))[key]
    return Response(
        desk_dashboard.csv_text(key, rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="thongke-{key}.csv"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/admin/ketqua.xlsx")
async def results(request: Request, user: User) -> Response:
    """Every score the viewer may see (admins: all; members: entries they have scored)."""
    services = request.app.state.services
    if user.viewer.scope.empty:
        return _not_found(user)
    scoring = services.settings.scoring
    principal = None if user.viewer.admin else user.viewer.principal

    def build() -> bytes:
        with services.db.session() as session:
            rows = desk_results.scored(session, scope=user.viewer.scope, principal=principal)
            sheet = results_sheet(rows, desk_scoring.rubric(scoring, "all"), scoring.recognise_at)
        with tempfile.TemporaryDirectory() as tmp:
            return write_xlsx(sheet, Path(tmp) / "results.xlsx").read_bytes()

    with services.heavy.slot(user.viewer.principal) as free:
        if not free:
            return busy(user)
        content = await run_in_threadpool(build)
    return Response(
        content,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="{text.RESULTS_FILE}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _fill_search_keys(services: Any) -> None:
    """New and amended entries get their search key on the first search that needs it."""
    with services.db.session() as session:
        if not desk.missing_keys(session):
            return
    while True:
        with services.db.write() as session:
            if desk.fill_keys(session, key=search_key) == 0:
                return


def _entry_view(services: Any, user: DeskUser, code: str) -> EntryView | None:
    with services.db.session() as session:
        entry = desk.visible(session, scope=user.viewer.scope, code=code.strip().upper())
        if entry is None:
            return None
        history = queries.submission_history(session, submission_id=entry.id or 0)
        stored = files.files_of(session, submission_id=entry.id or 0)
        scoring = desk_scoring.scoring_view(
            session, services.settings.scoring, user.viewer.principal, entry
        )
        decision = desk_decision.decision_view(
            session, services.access, services.settings.scoring, user.viewer, entry
        )
        tz = ZoneInfo(services.settings.scheduler.timezone)
        similar = desk_compare.counterparts(session, entry, user.viewer.scope, tz)
        hidden = desk_compare.hidden_codes(session, entry, user.viewer.scope)
    return EntryView(entry, history, stored, scoring, decision, similar=similar, hidden=hidden)


def busy(user: DeskUser) -> Response:
    """A heavy document this person (or too many people) is already having built."""
    response = page(
        message_page(text.DOCUMENT_BUSY, text.DOCUMENT_BUSY, viewer=user.viewer, csrf=user.csrf),
        429,
    )
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def _not_found(user: DeskUser) -> Response:
    return page(
        message_page(text.NOT_FOUND, text.NOT_FOUND, viewer=user.viewer, csrf=user.csrf), 404
    )


async def settle(
    services: Any,
    user: DeskUser,
    result: tuple[str, str | None] | None,
    *,
    done: Callable[[str], str],
    notify: bool,
    refuse: Callable[[str], tuple[str, int]] = lambda reason: (reason, 409),
) -> Response:
    """The answer to a desk form that wrote to an entry: 404 when the entry is not the
    viewer's; once the change is stored, a redirect to `done(code)` (and, if `notify`, the
    sender is told the author has a message); else the entry page again with the message
    and status that `refuse(reason)` gives (the reason as is, 409, unless told otherwise)."""
    if result is None:
        return _not_found(user)
    found, reason = result
    if reason is None:
        if notify:
            services.sender.notify()
        return RedirectResponse(done(found), 303)
    view = await run_in_threadpool(_entry_view, services, user, found)
    assert view is not None
    tz = ZoneInfo(services.settings.scheduler.timezone)
    message, status_code = refuse(reason)
    return page(entry_page(user, view, tz=tz, message=message, error=True), status_code)


@router.get("/admin/hoso/{code}")
async def entry(request: Request, code: str, user: User) -> Response:
    services = request.app.state.services
    view = await run_in_threadpool(_entry_view, services, user, code)
    if view is None:
        return _not_found(user)
    done = request.query_params.get("doi")
    message = text.SCORE_SAVED if request.query_params.get("cham") else ""
    if done in STATUSES:
        message = text.CHANGED.format(code=view.submission.code, label=STATUS_LABELS[done])
    confirmed = request.query_params.get("xacnhan")
    if confirmed in STATUSES:
        message = text.CONFIRMED.format(code=view.submission.code, label=STATUS_LABELS[confirmed])
    tz = ZoneInfo(services.settings.scheduler.timezone)
    return page(entry_page(user, view, tz=tz, message=message))


@router.post("/admin/hoso/{code}/trangthai")
async def change_status(request: Request, code: str, user: User) -> Response:
    """The same rule and notice as chat and API; a refused change is shown, with 409."""
    services = request.app.state.services
    form = await read_form(request)
    if not csrf_ok(form, user.csrf):
        return _expired(user)
    target, note = form.get("status", "")[:40], form.get("note", "")[:4000]

    def write() -> tuple[str, str | None] | None:
        with services.db.write() as session:
            if desk.visible(session, scope=user.viewer.scope, code=code.strip().upper()) is None:
                return None
            outcome = status.change(
                session,
                code=code.strip().upper(),
                status=target,
                note=note,
                by=f"desk:{user.viewer.principal}",
                now=utcnow(),
            )
            assert outcome.submission is not None
            return outcome.submission.code, outcome.reason

    return await settle(
        services,
        user,
        await run_in_threadpool(write),
        done=lambda found: f"/admin/hoso/{found}?doi={target}",
        notify=True,
        refuse=lambda reason: (text.REFUSED.format(reason=reason), 409),
    )


@router.post("/admin/hoso/{code}/chamdiem")
async def score(request: Request, code: str, user: User) -> Response:
    """A member's independent score by criteria; never their own or a co-authored entry."""
    services = request.app.state.services
    form = await read_form(request)
    if not csrf_ok(form, user.csrf):
        return _expired(user)

    def write() -> tuple[str, str | None] | None:
        with services.db.write() as session:
            entry = desk.visible(session, scope=user.viewer.scope, code=code.strip().upper())
            if entry is None:
                return None
            reason = desk_scoring.submit(
                session, services.settings.scoring, user.viewer.principal, entry, form, utcnow()
            )
            return entry.code, reason

    return await settle(
        services,
        user,
        await run_in_threadpool(write),
        done=lambda found: f"/admin/hoso/{found}?cham=1#scoring",
        notify=False,
    )


def _expired(user: DeskUser) -> Response:
    return page(
        message_page(text.FORM_EXPIRED, text.FORM_EXPIRED, viewer=user.viewer, csrf=user.csrf),
        403,
    )


@router.get("/admin/hoso/{code}/tep/{file_id}")
async def attachment(request: Request, code: str, file_id: int, user: User) -> Response:
    services = request.app.state.services
    view = await run_in_threadpool(_entry_view, services, user, code)
    stored = next((f for f in view.files if f.id == file_id), None) if view else None
    if view is None or stored is None or stored.status != "stored" or not stored.path:
        return _not_found(user)
    root = Path(services.settings.server.data_dir).resolve()
    path = (root / stored.path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return _not_found(user)
    return _file(path, stored.file_name or path.name)


@router.get("/admin/hoso/{code}/phieu.docx")
async def score_sheet(request: Request, code: str, user: User) -> Response:
    """The viewer's own «Phiếu đánh giá» for this entry, once they have scored it."""
    services = request.app.state.services
    view = await run_in_threadpool(_entry_view, services, user, code)
    if view is None or view.scoring is None or view.scoring.mine is None:
        return _not_found(user)
    tz = ZoneInfo(services.settings.scheduler.timezone)
    content = desk_scoring.score_sheet_docx(view.submission, view.scoring, user.viewer, tz)
    return Response(
        content,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={
            "Content-Disposition": f'attachment; filename="phieu-danh-gia-{view.submission.code}.docx"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/admin/hoso/{code}/{document}")
async def dossier(request: Request, code: str, document: str, user: User) -> Response:
    services = request.app.state.services
    view = await run_in_threadpool(_entry_view, services, user, code)
    if view is None or document not in DOSSIER_DOCUMENTS or view.submission.kind != "sang_kien":
        return _not_found(user)
    entry = view.submission
    paths = await run_in_threadpool(
        services.writing.dossiers.ensure,
        code=entry.code,
        fields=entry.fields,
        author=entry.author,
        submitted_at=entry.submitted_at or entry.created_at,
    )
    path = paths.application if document == "application.docx" else paths.report
    return _file(Path(path), Path(path).name)


def _file(path: Path, name: str) -> FileResponse:
    return FileResponse(
        path,
        filename=name,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
