"""The retention job removes each kind of old row and file and keeps the fresh ones."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import col

from bot.retention import RetentionSetup, run_retention
from scheduler.jobs import JOBS
from storage import queries
from storage.db import Database
from storage.models import (
    Conversation,
    Identity,
    LinkAttempt,
    LinkCode,
    Outbox,
    Person,
    ProcessedUpdate,
    StatusChange,
    Submission,
    WebMessage,
)

NOW = datetime(2026, 12, 4, 3, 15, tzinfo=UTC)
OLD, FRESH = NOW - timedelta(days=400), NOW - timedelta(hours=12)


def _ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def _person(db: Database, user: str, *, at: datetime, state: dict[str, object]) -> int:
    with db.write() as session:
        identity = queries.lock_identity(
            session, channel="telegram", user_id=user, chat_id=user, display_name=None, now=at
        )
        person = queries.get_person(session, person_id=identity.person_id)
        person.created_at = at
        queries.save_state(session, identity_id=identity.id or 0, state=state, now=at)
        return identity.id or 0


def _plant_rows(db: Database) -> None:
    with db.write() as session:
        for key, at in (("telegram:1", _ago(8)), ("telegram:2", _ago(1))):
            session.add(ProcessedUpdate(key=key, received_at=at))
        for status, at, ref in (
            ("sent", _ago(31), None), ("failed", _ago(31), None), ("blocked", _ago(31), None),
            ("pending", _ago(31), None), ("sent", _ago(2), None), ("failed", _ago(31), "digest:7"),
        ):  # fmt: skip
            session.add(Outbox(channel="telegram", chat_id="9", payload={"text": status},
                               status=status, ref=ref, next_attempt_at=at, created_at=at))  # fmt: skip
        for at in (_ago(181), _ago(10)):
            session.add(WebMessage(chat_id="v", role="user", payload={"text": "x"}, created_at=at))


def _plant_people(db: Database, data: Path) -> dict[str, int]:
    draft = {"consent_at": OLD.isoformat(), "profile": {"name": "Lê Văn Tư"}, "flow": "sang_kien",
             "step": "attachments", "answers": {"attachments": [{"file_ref": "web-upload:old.pdf"}]}}  # fmt: skip
    asking = {"flow": "consent", "step": "consent"}
    ids = {
        "draft_old": _person(db, "11", at=OLD, state=draft),
        "draft_new": _person(db, "12", at=OLD, state={**draft}),
        "stranger_old": _person(db, "13", at=_ago(8), state=asking),
        "stranger_new": _person(db, "14", at=_ago(1), state=asking),
        "consenting_old": _person(db, "15", at=_ago(8), state={**asking, "consent_at": "x"}),
    }
    with db.write() as session:
        for name in ("draft_old", "stranger_old"):
            session.get(Conversation, ids[name]).updated_at = _ago(100 if name == "draft_old" else 8)  # type: ignore[union-attr]
        session.get(Conversation, ids["draft_new"]).updated_at = _ago(3)  # type: ignore[union-attr]
        session.get(Identity, ids["draft_new"]).display_name = "Tư Lê"  # type: ignore[union-attr]
        person = session.get(Identity, ids["draft_old"]).person_id  # type: ignore[union-attr]
        session.add(LinkCode(code="111111", person_id=person, created_at=_ago(3), expires_at=_ago(2)))
        session.add(LinkCode(code="222222", person_id=person, created_at=FRESH, expires_at=NOW + timedelta(minutes=5)))  # fmt: skip
        session.add(LinkAttempt(source="address:203.0.113.7", at=_ago(3)))
        session.add(LinkAttempt(source="address:198.51.100.9", at=FRESH))
    (data / "uploads" / "web").mkdir(parents=True)
    (data / "uploads" / "web" / "old.pdf").write_bytes(b"%PDF-1.4")
    return ids


def _plant_kept_entries(db: Database) -> None:
    """Entries of an erased person that the council decided 6 years and 1 year ago."""
    with db.write() as session:
        person = Person(created_at=OLD, erased_at=_ago(30))
        session.add(person)
        session.flush()
        identity = Identity(channel="telegram", channel_user_id="erased-x", chat_id="erased-x",
                            person_id=person.id or 0, created_at=OLD)  # fmt: skip
        session.add(identity)
        session.flush()
        for code, decided in (("SK-2020-00001", _ago(6 * 365)), ("SK-2025-00001", _ago(365))):
            entry = Submission(code=code, kind="sang_kien", status="recognized", title="T",
                               fields={"authors": [{"name": "Lê Văn Tư", "share": 100}]},
                               person_id=person.id or 0, identity_id=identity.id or 0,
                               author={"name": "Lê Văn Tư", "agency": "Sở Y tế"},
                               created_at=OLD, updated_at=decided)  # fmt: skip
            session.add(entry)
            session.flush()
            session.add(StatusChange(submission_id=entry.id or 0, status="recognized", at=decided,
                                     by="telegram:-1"))  # fmt: skip


def _plant_files(data: Path) -> None:
    for relative, days in (
        ("dossiers/SK-2026-00001/a.docx", 31), ("dossiers/SK-2026-00002/a.docx", 5),
        ("digests/tong-hop-dot-1.xlsx", 91), ("digests/tong-hop-dot-2.xlsx", 10),
        ("exports/person-1-aa.json", 8), ("exports/person-1-bb.json", 1),
    ):  # fmt: skip
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        stamp = _ago(days).timestamp()
        os.utime(path, (stamp, stamp))


def test_retention_removes_each_kind_of_old_data_and_keeps_the_fresh(
    db: Database, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _plant_rows(db)
    ids = _plant_people(db, data)
    _plant_kept_entries(db)
    _plant_files(data)

    report = run_retention(db, RetentionSetup(data_dir=data), now=NOW)

    with db.session() as session:
        keys = set(session.execute(select(col(ProcessedUpdate.key))).scalars())
        outbox = sorted(
            (o.status, o.ref or "") for o in session.execute(select(Outbox)).scalars()
        )
        web = session.execute(select(func.count()).select_from(WebMessage)).scalar_one()
        codes = set(session.execute(select(col(LinkCode.code))).scalars())
        tries = set(session.execute(select(col(LinkAttempt.source))).scalars())
        states = {i: queries.load_state(session, identity_id=i) for i in ids.values()}
        identities = set(session.execute(select(col(Identity.id))).scalars())
        names = set(session.execute(select(col(Identity.display_name))).scalars())
        entries = {s.code: s for s in session.execute(select(Submission)).scalars()}
    assert keys == {"telegram:2"}
    assert outbox == [("failed", "digest:7"), ("pending", ""), ("sent", "")]
    assert web == 1 and codes == {"222222"}
    assert tries == {"address:198.51.100.9"}  # wrong /lienket tries go with the old codes
    assert states[ids["draft_old"]]["flow"] == "menu"
    assert states[ids["draft_old"]]["profile"] == {"name": "Lê Văn Tư"}  # only the draft goes
    assert states[ids["draft_new"]]["flow"] == "sang_kien"
    assert ids["stranger_old"] not in identities
    assert {ids["stranger_new"], ids["consenting_old"], ids["draft_new"]} <= identities
    assert names == {None}
    assert entries["SK-2020-00001"].author == {} and entries["SK-2020-00001"].fields["authors"] == []
    assert entries["SK-2025-00001"].author["name"] == "Lê Văn Tư"  # still within 5 years
    assert not (data / "uploads" / "web" / "old.pdf").exists()
    remaining = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert remaining == [
        "digests/tong-hop-dot-2.xlsx", "dossiers/SK-2026-00002/a.docx", "exports/person-1-bb.json",
    ]  # fmt: skip
    assert report.removed["unconsented accounts"] == 1 and report.removed["files"] == 3

    again = run_retention(db, RetentionSetup(data_dir=data), now=NOW)  # nothing left to do
    assert set(again.removed.values()) == {0}


def test_retention_is_a_registered_job() -> None:
    assert "retention" in JOBS and not JOBS["retention"].quiet
