"""The desk's marks: queue filters by similar entries and quality flags, kept in step with
changes and erasure; the entry page's side-by-side comparison and quality checklist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlmodel import col

from bot import status
from bot.dialogue.catalogues import quality as catalogue_quality
from storage import councils, desk_marks, erasure, queries
from storage import review as review_store
from storage.db import Database
from storage.models import SimilarLink, Submission
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.desk import desk_client, desk_settings, signed_in
from tests.support.entries import UNITS
from tests.support.marks import (
    OTHER_SECRET,
    OTHER_TITLE,
    QR_SOLUTION,
    QR_TITLE,
    add_marked_entries,
)
from tests.webhook.test_writing_help import AT_SOLUTION, DIFFERENCE, SK, receipt, telegram
from webhook.desk_compare import word_diff

ADMIN, MEMBER_A, MEMBER_B = 606, 901, 902
ROW = re.compile(r'<td data-label="Mã"><a href="/admin/hoso/((?:SK|HK)-\d{4}-\d{5})"')
SK_BEFORE = 4  # the marked entries' sáng kiến took the first numbers
MARKED = re.compile(r"<(ins|del)><span class=\"sr-only\">[^<]*</span>([^<]*)</\1>")


@pytest.fixture
def codes(db: Database) -> dict[str, str]:
    return add_marked_entries(db)


@pytest.fixture
def client(
    db_url: str, tmp_path: Path, fake_telegram: FakeTelegram, codes: dict[str, str]
) -> Iterator[TestClient]:
    """The entries exist before the server starts: the keeper works their marks out."""
    settings = desk_settings(
        db_url,
        tmp_path / "data",
        fake_telegram,
        admin=ADMIN,
        member=MEMBER_A,
        # a↔b score about 0.74 and reworded↔a about 0.6: one "rất giống", one "khá giống"
        extra={"SANGKIEN_SIMILAR__STRONG_THRESHOLD": "0.7"},
    )
    with desk_client(settings) as test_client:
        fill(test_client)
        yield test_client


def fill(client: TestClient) -> int:
    writing = client.app.state.services.writing  # type: ignore[attr-defined]
    assert writing.similar.ready.wait(30)
    writing.similar.refresh()
    return int(writing.marks.fill())


@pytest.fixture
def council_b(db: Database) -> None:
    with db.write() as session:
        councils.add_member(
            session,
            council="Hội đồng sáng kiến Sở Y tế",
            principal=f"telegram:{MEMBER_B}",
            level="co_so",
            units=[UNITS[1]],
            by="test",
            now=utcnow(),
        )


def listed(client: TestClient, query: str) -> set[str]:
    page = client.get(f"/admin?{query}")
    assert page.status_code == 200
    return set(ROW.findall(page.text))


def levels(db: Database) -> dict[str, int | None]:
    with db.session() as session:
        rows = session.execute(select(col(Submission.code), col(Submission.similar_level)))
        return {str(code): level for code, level in rows}


def test_the_queue_filters_by_similar_entries_and_quality_flags(
    client: TestClient, fake_telegram: FakeTelegram, codes: dict[str, str]
) -> None:
    c = codes
    signed_in(client, fake_telegram, ADMIN)
    assert listed(client, "similar=any") == {c["a"], c["b"], c["reworded"]}
    assert listed(client, "similar=strong") == {c["a"], c["b"]}
    assert listed(client, "similar=none") == {c["spreadsheet"], c["fish"]}
    assert listed(client, "flag=benefits_measurable") == {c["reworded"]}
    assert listed(client, "flag=proposal_described") == {c["fish"]}
    assert listed(client, "flag=any") == {c["reworded"], c["fish"]}
    assert listed(client, "flag=none") == {c["a"], c["b"], c["spreadsheet"]}
    assert listed(client, "flag=any&similar=any") == {c["reworded"]}
    assert listed(client, "flag=nonsense&similar=nonsense") == set(c.values())  # ignored
    page = client.get("/admin?similar=strong").text
    assert "Có hồ sơ rất giống" in page and 'option value="strong" selected' in page
    assert "Tất cả: 2" in page  # the counts follow the filter
    assert "4 mục chưa đạt" in client.get("/admin?flag=proposal_described").text

    signed_in(client, fake_telegram, MEMBER_A)  # council A: units[0] only
    assert listed(client, "similar=any") == {c["a"], c["reworded"]}
    assert listed(client, "flag=any") == {c["reworded"], c["fish"]}


def test_marks_follow_withdrawal_amendment_and_erasure(
    client: TestClient, db: Database, codes: dict[str, str]
) -> None:
    c = codes
    assert levels(db) == {
        c["a"]: 2, c["b"]: 2, c["reworded"]: 1, c["spreadsheet"]: 0, c["fish"]: 0
    }  # fmt: skip
    with db.write() as session:  # b's author withdraws it: a keeps only the reworded one
        assert status.change(
            session, code=c["b"], status="withdrawn", note=None, by="author", now=utcnow(),
            actor="author",
        ).ok  # fmt: skip
    assert levels(db)[c["a"]] == 1 and levels(db)[c["b"]] == 0

    with db.write() as session:  # the spreadsheet is rewritten as the QR idea
        entry = queries.get_submission(session, code=c["spreadsheet"])
        assert entry is not None
        fields = dict(entry.fields, solution=QR_SOLUTION)
        review_store.amend(session, submission=entry, title=QR_TITLE, fields=fields, now=utcnow())
    assert levels(db)[c["spreadsheet"]] is None  # to be worked out again
    assert fill(client) == 1
    assert levels(db)[c["spreadsheet"]] == 2 and levels(db)[c["a"]] == 2

    with db.write() as session:  # the reworded one's author asks to be forgotten
        entry = queries.get_submission(session, code=c["reworded"])
        assert entry is not None
        person = queries.get_person(session, person_id=entry.person_id)
        erasure.erase_person(session, person=person, now=utcnow(), title="(đã xóa)", mask="…")
    assert levels(db)[c["reworded"]] == 0
    with db.session() as session:
        links = session.execute(select(SimilarLink)).scalars().all()
        mine = {s.id: s.code for s in session.execute(select(Submission)).scalars()}
    pairs = {(mine[link.submission_id], link.other) for link in links}
    assert pairs == {(c["a"], f"sub:{c['spreadsheet']}"), (c["spreadsheet"], f"sub:{c['a']}")}


def test_another_councils_similar_entry_shows_its_code_level_and_status_only(
    client: TestClient,
    db: Database,
    fake_telegram: FakeTelegram,
    codes: dict[str, str],
    council_b: None,
) -> None:
    c = codes
    shown = [{"code": c["b"], "title": OTHER_TITLE, "agency": UNITS[1], "year": 2026,
              "status": "submitted", "score": 0.74, "level": "rất giống"}]  # fmt: skip
    with db.write() as session:  # as if the author of a had been shown b while writing
        session.execute(
            update(Submission).where(col(Submission.code) == c["a"]).values(similar=shown)
        )
    signed_in(client, fake_telegram, MEMBER_A)
    page = client.get(f"/admin/hoso/{c['a']}").text
    assert f"{c['b']}: rất giống (độ giống 0,74) · Trạng thái: Đã tiếp nhận" in page
    assert "thuộc Hội đồng khác" in page
    for secret in (OTHER_SECRET, OTHER_TITLE, UNITS[1], "máy tính bảng", "15 phút"):
        assert secret not in page, secret
    assert f'href="/admin/hoso/{c["reworded"]}"' in page  # council A's own: side by side
    assert "So sánh từng mục với " + c["reworded"] in page

    signed_in(client, fake_telegram, MEMBER_B)
    page = client.get(f"/admin/hoso/{c['b']}").text
    assert f"{c['a']}: rất giống" in page and "thuộc Hội đồng khác" in page
    assert QR_TITLE not in page and "của xã" not in page


def test_the_side_by_side_marks_the_words_that_differ(
    client: TestClient, fake_telegram: FakeTelegram, codes: dict[str, str]
) -> None:
    signed_in(client, fake_telegram, ADMIN)
    page = client.get(f"/admin/hoso/{codes['a']}").text
    start = page.index(f"So sánh từng mục với {codes['b']}")
    table = page[start : page.index("</table>", start)]
    marked = [(kind, words.strip()) for kind, words in MARKED.findall(table)]
    assert ("ins", "xã") in marked and ("del", "phường") in marked  # the titles
    assert ("ins", "xã.") in marked and ("del", f"phường và {OTHER_SECRET}.") in marked
    assert ("ins", "điện thoại") in marked and ("del", "máy tính bảng") in marked
    assert ("ins", "10") in marked and ("del", "15") in marked  # the benefits
    assert all(kind in ("ins", "del") for kind, _ in marked) and len(marked) == 8
    assert "gạch chân: từ chỉ có ở hồ sơ đang xem" in page  # the legend, not colour alone


def test_the_checklist_shows_each_rule_with_its_verdict_and_explanation(
    client: TestClient, fake_telegram: FakeTelegram, codes: dict[str, str]
) -> None:
    signed_in(client, fake_telegram, ADMIN)
    page = client.get(f"/admin/hoso/{codes['reworded']}").text
    checklist = page[page.index('id="checklist"') :]
    assert "Đạt 9/10 mục" in checklist
    assert (
        "<strong>Hiệu quả có số liệu đo được</strong>: "
        '<span class="verdict">Chưa đạt</span>' in checklist
    )
    assert "không có con số" in checklist
    assert "Ngày áp dụng lần đầu: 15/03/2025." in checklist
    fish = client.get(f"/admin/hoso/{codes['fish']}").text
    assert "Đạt 0/4 mục" in fish and "Lợi ích nêu chung chung" in fish


def test_word_diff_marks_only_the_changed_words() -> None:
    left, right = word_diff(
        "Giảm từ 30 phút xuống 10 phút mỗi hồ sơ.", "giảm từ 30 phút, xuống 15 phút mỗi hồ sơ"
    )
    assert [s for s in left if s[0] != "same"] == [("ins", "10 ")]
    assert [s for s in right if s[0] != "same"] == [("del", "15 ")]
    assert "".join(t for _, t in left) == "Giảm từ 30 phút xuống 10 phút mỗi hồ sơ."
    only_new, nothing = word_diff("Một hai ba", "")
    assert only_new == [("ins", "Một hai ba")] and nothing == []


def test_a_chat_submission_is_marked_at_once_and_so_is_the_entry_it_resembles(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    client.app.state.services.writing.marks.stop()  # type: ignore[attr-defined]
    first = telegram(client, fake_telegram, 8101)
    first.play(SK)
    first_code = receipt(first, 1 + SK_BEFORE)
    second = telegram(client, fake_telegram, 8102)
    second.play(SK[:AT_SOLUTION])
    second.wait_for_text(re.escape(catalogue_quality.SIMILAR_HEADER))
    second.play([("text", DIFFERENCE), *SK[AT_SOLUTION:]])
    second_code = receipt(second, 2 + SK_BEFORE)
    with db.session() as session:
        rows = session.execute(
            select(
                col(Submission.code), col(Submission.similar_level), col(Submission.quality_flags)
            ).where(col(Submission.code).in_([first_code, second_code]))
        ).all()
        links = session.execute(select(SimilarLink)).scalars().all()
        ids = {s.code: s.id for s in session.execute(select(Submission)).scalars()}
    assert {(str(c), level, flags) for c, level, flags in rows} == {
        (first_code, 2, ""), (second_code, 2, "")
    }  # fmt: skip
    pairs = {(link.submission_id, link.other) for link in links}
    assert (ids[second_code], f"sub:{first_code}") in pairs
    assert (ids[first_code], f"sub:{second_code}") in pairs


def test_an_entry_amended_while_the_keeper_works_waits_for_its_next_round(
    client: TestClient, db: Database, codes: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keeper looks up outside its write; an entry changed meanwhile keeps no marks
    worked out for its old text, and the next round works them out from the new one."""
    keeper = client.app.state.services.writing.marks  # type: ignore[attr-defined]
    with db.write() as session:
        desk_marks.mark_all_similar_pending(session)
    work = keeper._work

    def amended_meanwhile(row: desk_marks.Pending):  # type: ignore[no-untyped-def]
        worked = work(row)
        if row.code == codes["spreadsheet"]:  # its author amends it during the lookups
            with db.write() as session:
                session.execute(
                    update(Submission)
                    .where(col(Submission.id) == row.id)
                    .values(updated_at=utcnow())
                )
        return worked

    monkeypatch.setattr(keeper, "_work", amended_meanwhile)
    keeper.fill()
    found = levels(db)
    assert found[codes["spreadsheet"]] is None  # not written from what was read before
    assert all(level is not None for code, level in found.items() if code != codes["spreadsheet"])
    monkeypatch.undo()
    assert keeper.fill() == 1
    assert levels(db)[codes["spreadsheet"]] == 0
