"""POST /webhook/zalo: secret first, both body shapes, dedupe, numbered choices, 2,000 chars."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.channels.zalo_render import MAX_TEXT, text_length, typed_instructions
from bot.messages import Outgoing
from storage.db import Database
from storage.models import Identity, Outbox, ProcessedUpdate, StoredFile, Submission
from tests import scripts
from tests.fakes import zalo_updates as zu
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.zalo_chat import ZaloUser

USER = "4455667788990011"


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def _user(client: TestClient, fake: FakeZaloApi, user_id: str = USER) -> ZaloUser:
    return ZaloUser(base_url=str(client.base_url), fake=fake, user_id=user_id, client=client)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_wrong_or_missing_secret_is_refused_and_nothing_is_stored(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi
) -> None:
    update = zu.text_event(USER, "/start")
    for headers in ({}, {"X-Bot-Api-Secret-Token": "wrong"}, {"X-Bot-Api-Secret-Token": ""}):
        response = zalo_client.post("/webhook/zalo", json=update, headers=headers)
        assert response.status_code == 403
    # The secret is checked before the body is even read: garbage is 403 too, not 400.
    assert zalo_client.post("/webhook/zalo", content=b"{oops").status_code == 403
    assert _count(db, ProcessedUpdate) == 0
    assert _count(db, Identity) == 0
    assert _count(db, Outbox) == 0
    assert fake_zalo.calls("sendMessage") == []


def test_flat_and_wrapped_bodies_are_both_accepted(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    flat = zu.text_event(USER, "/start")
    wrapped = zu.text_event(USER, "1", wrapped=True)
    assert "event_name" in flat and wrapped["ok"] is True
    for update in (flat, wrapped):
        response = zalo_client.post("/webhook/zalo", json=update, headers=zalo_header)
        assert (response.status_code, response.json()["duplicate"]) == (200, False)
    texts = _user(zalo_client, fake_zalo).wait_for_count(2)
    assert "Trợ lý Sáng kiến xin chào" in texts[0]
    assert "Họ và tên" in texts[1]  # "1" chose Đồng ý: the wrapped body reached the dialogue
    assert _count(db, ProcessedUpdate) == 2


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'"text"',
        b"\xff\xfe",
        b'{"foo": 1}',
        b'{"ok": false, "result": {"event_name": "message.text.received"}}',
        b'{"ok": true, "result": []}',
        b'{"event_name": "message.text.received"}',
        b'{"event_name": "message.text.received", "message": {"from": {"id": "1"}}}',
        b'{"event_name": "message.text.received", "message": '
        b'{"from": {"id": "1"}, "chat": {"id": "1"}, "message_id": "m1"}}',
        b'{"event_name": "message.image.received", "message": '
        b'{"from": {"id": "1"}, "chat": {"id": "1"}, "message_id": "m2"}}',
    ],
)
def test_malformed_bodies_are_400_and_store_nothing(
    zalo_client: TestClient, db: Database, zalo_header: dict[str, str], body: bytes
) -> None:
    response = zalo_client.post("/webhook/zalo", content=body, headers=zalo_header)
    assert response.status_code == 400, response.text
    assert _count(db, ProcessedUpdate) == 0


def test_redelivery_has_no_second_effect(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    update = zu.text_event(USER, "/start", message_id="redelivered-1")
    first = zalo_client.post("/webhook/zalo", json=update, headers=zalo_header)
    second = zalo_client.post("/webhook/zalo", json=zu.wrap(update), headers=zalo_header)
    assert first.json()["duplicate"] is False
    assert (second.status_code, second.json()["duplicate"]) == (200, True)
    fake_zalo.wait_for(lambda: fake_zalo.messages_to(USER))
    assert _count(db, Outbox) == 1
    # The key is event_name + message_id: another event with the same id is a new update.
    sticker = zu.sticker_event(USER, message_id="redelivered-1")
    assert zalo_client.post("/webhook/zalo", json=sticker, headers=zalo_header).json() == {
        "ok": True,
        "duplicate": False,
    }
    assert _count(db, ProcessedUpdate) == 2


def test_concurrent_redelivery_has_one_effect(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    update = zu.text_event(USER, "/start", message_id="concurrent-1")
    statuses: list[int] = []
    barrier = threading.Barrier(8)

    def deliver() -> None:
        barrier.wait()
        response = zalo_client.post("/webhook/zalo", json=update, headers=zalo_header)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 8
    assert (_count(db, ProcessedUpdate), _count(db, Identity), _count(db, Outbox)) == (1, 1, 1)
    fake_zalo.wait_for(lambda: fake_zalo.messages_to(USER))
    assert len(fake_zalo.messages_to(USER)) == 1


def test_choices_are_numbered_and_answered_by_number(
    zalo_client: TestClient, fake_zalo: FakeZaloApi
) -> None:
    user = _user(zalo_client, fake_zalo)
    user.say("/start")
    greeting = user.wait_for_text("Đồng ý")
    assert "1. Đồng ý" in greeting and "2. Không đồng ý" in greeting
    assert "số thứ tự" in greeting  # the hint that a number is an answer
    user.say("1")
    assert "Họ và tên" in user.wait_for_text("Họ và tên", after=1)
    assert all(call.params.get("reply_markup") is None for call in fake_zalo.calls("sendMessage"))


def test_the_long_review_arrives_split_and_whole(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi
) -> None:
    user = _user(zalo_client, fake_zalo)
    # A sáng kiến's review cuts each answer at 150 characters; a hiến kế's shows them whole,
    # so long answers make a review that cannot go out as one Zalo message.
    steps = " ".join(
        f"Bước {n}: rà soát biểu mẫu của phòng thứ {n} và thống nhất chỉ tiêu dùng chung."
        for n in range(1, 25)
    )
    longer = {scripts.HK_PROBLEM: f"{scripts.HK_PROBLEM} {steps}",
              scripts.HK_PROPOSAL: f"{scripts.HK_PROPOSAL} {steps}"}
    script = [(kind, longer.get(value, value)) for kind, value in scripts.FULL_HIEN_KE_SCRIPT_TEXT]
    user.play(script[:-1])  # stop at the review
    user.wait_for_text("Sửa một mục")
    with db.session() as session:
        review = session.execute(select(Outbox).order_by(Outbox.id.desc())).scalars().first()  # type: ignore[union-attr]
        assert review is not None
        sent = Outgoing.from_json(review.payload)
        summary = typed_instructions(sent.text, sent.buttons)  # as Zalo words it
    assert text_length(summary) > MAX_TEXT  # the premise: this reply cannot go out whole
    texts = user.wait_quiet()
    assert all(text_length(text) <= MAX_TEXT for text in texts)
    tail = [text for text in texts if text.startswith("HIẾN KẾ (bản xem lại)")]
    assert tail, "the review's first chunk never arrived"
    delivered = texts[texts.index(tail[-1]) :]
    assert len(delivered) >= 2
    assert _squash(summary) in _squash("".join(delivered))
    assert "1. Gửi" in delivered[-1]  # the choices stay whole, under the end of the summary
    user.say("1")
    assert user.wait_for_code().startswith("HK-")


def test_429_and_500_are_retried_and_replies_stay_in_order(
    zalo_client: TestClient, fake_zalo: FakeZaloApi
) -> None:
    fake_zalo.fail_next("sendMessage", 429, retry_after=1)
    fake_zalo.fail_next("sendMessage", 500)
    user = _user(zalo_client, fake_zalo)
    user.say("/start")
    user.say("/huongdan")
    texts = user.wait_for_count(2, timeout=20)
    assert len(texts) == 2
    assert "Trợ lý Sáng kiến xin chào" in texts[0]  # the greeting first, despite its failures
    answers = [c.params["text"][:30] for c in fake_zalo.calls("sendMessage")]
    assert answers[0] == answers[1] == answers[2]  # 429, 500, then delivered: the same text


def test_blocked_user_is_marked_unreachable_until_they_write_again(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi
) -> None:
    fake_zalo.block_chat(USER)
    user = _user(zalo_client, fake_zalo)
    user.say("/start")

    def outcome() -> tuple[str, object] | None:
        with db.session() as session:
            row = session.execute(select(Outbox)).scalars().first()
            identity = session.execute(select(Identity)).scalars().first()
            if row is None or row.status == "pending":
                return None
            return row.status, identity.unreachable_at if identity else None

    found = fake_zalo.wait_for(outcome, timeout=10)
    assert found is not None and found[0] == "blocked" and found[1] is not None
    fake_zalo.unblock_chat(USER)
    user.say("xin chào")
    fake_zalo.wait_for(user.texts, timeout=10)
    with db.session() as session:
        assert session.execute(select(Identity)).scalars().one().unreachable_at is None


def test_sticker_and_unsupported_events_get_a_friendly_reply(
    zalo_client: TestClient, fake_zalo: FakeZaloApi
) -> None:
    user = _user(zalo_client, fake_zalo)
    user.play(scripts.PROFILE_SCRIPT_TEXT)
    before = len(user.wait_quiet())
    for update in (zu.sticker_event(USER), zu.unsupported_event(USER, wrapped=True)):
        assert user.post(update).status_code == 200
    texts = user.wait_for_count(before + 2)
    assert "nhãn dán (sticker)" in texts[before]
    assert "chưa đọc được loại tin nhắn này" in texts[before + 1]
    assert "1. Gửi sáng kiến" in texts[before + 1]  # and the menu again: nothing is lost


def test_a_photo_at_the_attachment_step_is_stored_and_fetched(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi, tmp_path: Path
) -> None:
    photo = b"\xff\xd8\xff\xe0 fake jpeg bytes"
    url = fake_zalo.add_photo("cho-so-lieu.jpg", photo)
    user = _user(zalo_client, fake_zalo)
    user.play(scripts.PROFILE_SCRIPT_TEXT)
    early = user.post(zu.image_event(USER, photo_url=url))  # at the menu: no place for a file
    assert early.status_code == 200
    assert "Tài liệu kèm theo" in user.wait_for_text("Tài liệu kèm theo")
    user.play(scripts.HIEN_KE_SCRIPT_TEXT[:-2])  # up to the attachment step
    user.post(zu.image_event(USER, photo_url=url, caption="Ảnh biểu mẫu"))
    assert "Đã nhận tệp" in user.wait_for_text("Đã nhận tệp")
    user.say("Xong")
    user.say("1")  # Gửi
    code = user.wait_for_code()
    stored = fake_zalo.wait_for(lambda: _stored_file(db, code), timeout=15)
    assert stored is not None
    assert (stored.channel, stored.file_ref, stored.mime_type) == ("zalo", url, "image/jpeg")
    assert (tmp_path / "data" / str(stored.path)).read_bytes() == photo
    entry = zalo_client.get(f"/api/v1/submissions/{code}").json()
    assert [a["file_ref"] for a in entry["fields"]["attachments"]] == [url]


def _stored_file(db: Database, code: str) -> StoredFile | None:
    with db.session() as session:
        submission = session.execute(
            select(Submission).where(Submission.code == code)  # type: ignore[arg-type]
        ).scalar_one()
        row = session.execute(
            select(StoredFile).where(StoredFile.submission_id == submission.id)  # type: ignore[arg-type]
        ).scalar_one_or_none()
    return row if row is not None and row.status == "stored" else None
