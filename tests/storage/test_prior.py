"""Earlier entries on both backends: imported rows upserted by code, rows for the index, fresh details."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage import prior, queries
from storage.db import Database
from storage.models import PriorEntry, Submission
from tests.support.writing import add_submission

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def row(code: str, title: str, **extra: object) -> dict[str, object]:
    return {"code": code, "title": title, "content": "", "agency": "Sở Y tế", "year": 2022,
            "status": "Công nhận cấp cơ sở", **extra}


def submit(db: Database, code: str, kind: str, title: str, fields: dict[str, object],
           *, at: datetime = NOW) -> None:
    add_submission(db, code=code, kind=kind, title=title, fields=fields, at=at)


def test_upsert_creates_then_updates_by_code(db: Database) -> None:
    with db.write() as session:
        assert prior.upsert_prior_entries(
            session, rows=[row("QN-1", "Mã QR"), row("QN-2", "Sổ tay")], now=NOW) == (2, 0)
    later = NOW + timedelta(days=1)
    with db.write() as session:
        counts = prior.upsert_prior_entries(
            session, rows=[row("QN-2", "Sổ tay điện tử", year=2023), row("QN-3", "Bản đồ số")],
            now=later)
    assert counts == (1, 1)
    with db.session() as session:
        stored = {e.code: e for e in session.execute(select(PriorEntry)).scalars()}
    assert set(stored) == {"QN-1", "QN-2", "QN-3"}
    assert (stored["QN-2"].title, stored["QN-2"].year) == ("Sổ tay điện tử", 2023)
    assert stored["QN-2"].imported_at == later and stored["QN-1"].imported_at == NOW
    with db.write() as session:
        assert prior.upsert_prior_entries(session, rows=[], now=NOW) == (0, 0)


def test_index_rows_take_the_solution_or_proposal_and_leave_out_withdrawn(db: Database) -> None:
    submit(db, "SK-2026-00001", "sang_kien", "Mã QR tại xã", {"solution": "Dán mã ở quầy."})
    submit(db, "HK-2026-00001", "hien_ke", "Gộp báo cáo", {"proposal": "Gộp báo cáo định kỳ."})
    submit(db, "SK-2026-00002", "sang_kien", "Đã rút", {"solution": 12})
    with db.write() as session:
        withdrawn = queries.get_submission(session, code="SK-2026-00002")
        assert withdrawn is not None
        withdrawn.status, withdrawn.updated_at = "withdrawn", NOW + timedelta(hours=1)
        prior.upsert_prior_entries(session, rows=[row("QN-1", "Sổ tay", content="Ghi chép")],
                                   now=NOW)
    with db.session() as session:
        rows = {r.key: r for r in prior.index_rows(session)}
        recent = {r.key for r in prior.index_rows(session, since=NOW + timedelta(minutes=30))}
    assert rows["sub:SK-2026-00001"].body == "Dán mã ở quầy."
    assert rows["sub:HK-2026-00001"].body == "Gộp báo cáo định kỳ."
    assert rows["sub:SK-2026-00002"].indexed is False and rows["sub:SK-2026-00002"].body == ""
    assert (rows["prior:QN-1"].title, rows["prior:QN-1"].body) == ("Sổ tay", "Ghi chép")
    assert recent == {"sub:SK-2026-00002"}


def test_earlier_entries_are_read_fresh_in_the_local_year(db: Database) -> None:
    new_year_eve = datetime(2025, 12, 31, 18, 0, tzinfo=UTC)  # already 2026 in Quảng Ngãi
    submit(db, "SK-2026-00001", "sang_kien", "Mã QR tại xã", {}, at=new_year_eve)
    with db.write() as session:
        prior.upsert_prior_entries(session, rows=[row("SK-2026-00001", "Trùng mã ta")], now=NOW)
    keys = ["sub:SK-2026-00001", "prior:SK-2026-00001", "sub:SK-2026-09999", "prior:nope"]
    with db.session() as session:
        found = prior.earlier_entries(session, keys=keys, tz=TZ)
    assert set(found) == {"sub:SK-2026-00001", "prior:SK-2026-00001"}
    ours = found["sub:SK-2026-00001"]
    assert (ours.code, ours.year, ours.status) == ("SK-2026-00001", 2026, "submitted")
    assert found["prior:SK-2026-00001"].title == "Trùng mã ta"  # imported codes kept apart
    with db.write() as session:
        stored = session.execute(select(Submission)).scalars().one()
        stored.status = "withdrawn"
    with db.session() as session:
        assert "sub:SK-2026-00001" not in prior.earlier_entries(session, keys=keys, tz=TZ)
