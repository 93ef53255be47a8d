"""/lienket through the real runner and database: codes, the merge, refusals, races."""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot.dialogue.catalogues import link as text
from bot.dialogue.flows.link import TRIES_KEY
from bot.linking import LIMITS
from bot.messages import Incoming
from bot.runner import Handled
from storage import linking, queries
from storage.db import Database
from storage.models import Identity, LinkAttempt, LinkCode, Outbox, Person, Submission
from tests import scripts
from tests.support.apps import make_settings
from webhook.app import Services, build_services

T0 = datetime(2025, 11, 20, 2, 30, tzinfo=UTC)
LINK_CODE = re.compile(r"/lienket (\d{6})")
_keys = itertools.count(1)


@dataclass
class Account:
    """One chat account driving the runner directly (the route adds nothing to linking)."""

    services: Services
    channel: str
    user_id: str
    said: list[str] = field(default_factory=list)

    def act(self, kind: str, value: str) -> Handled:
        key = f"{self.channel}:{self.user_id}:{next(_keys)}"
        who = (self.channel, self.user_id, self.user_id, key)
        if kind == "command":
            name, _, argument = value.lstrip("/").partition(" ")
            incoming = Incoming(*who, kind="command", command=name, text=argument)
        elif kind == "choice":
            incoming = Incoming(*who, kind="choice", choice=value)
        else:
            incoming = Incoming(*who, kind="text", text=value)
        handled = self.services.runner.handle(incoming)
        self.said = [reply.text for reply in handled.replies]
        return handled

    def play(self, script: list[tuple[str, str]]) -> Account:
        for kind, value in script:
            self.act(kind, value)
        return self

    @property
    def words(self) -> str:
        return "\n".join(self.said)

    def issue(self) -> str:
        self.act("command", "lienket")
        found = LINK_CODE.search(self.words)
        assert found, self.words
        return found.group(1)

    def identity(self) -> Identity:
        with self.services.db.session() as session:
            stmt = select(Identity).where(
                col(Identity.channel) == self.channel, col(Identity.channel_user_id) == self.user_id
            )
            return session.execute(stmt).scalars().one()

    def state(self) -> dict[str, object]:
        with self.services.db.session() as session:
            return queries.load_state(session, identity_id=self.identity().id or 0)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def services(db_url: str, tmp_path: Path) -> Iterator[Services]:
    built = build_services(make_settings(db_url, tmp_path / "data"))
    built.runner.clock = Clock()
    yield built
    built.db.dispose()


def _clock(services: Services) -> Clock:
    clock = services.runner.clock
    assert isinstance(clock, Clock)
    return clock


def _telegram(services: Services, user: str = "501") -> Account:
    return Account(services, "telegram", user)


def _zalo(services: Services, user: str = "zl-77") -> Account:
    return Account(services, "zalo", user)


def _link(requester: Account, owner: Account, code: str, answer: str = "link:yes") -> None:
    """The requester types the owner's code; the owner answers on their own channel."""
    requester.act("command", f"lienket {code}")
    assert "Mã liên kết đúng" in requester.words, requester.words
    owner.act("choice", answer)


def _last_sent(db: Database, chat_id: str) -> dict[str, object]:
    with db.session() as session:
        stmt = select(Outbox).where(col(Outbox.chat_id) == chat_id).order_by(col(Outbox.id).desc())
        return dict(session.execute(stmt).scalars().first().payload)  # type: ignore[union-attr]


def _entries(db: Database, person_id: int) -> list[str]:
    with db.session() as session:
        return [s.code for s in queries.person_submissions(session, person_id=person_id)]


def test_a_code_is_six_random_digits_valid_for_fifteen_minutes(services: Services) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    code = telegram.issue()
    assert "Trên kênh còn lại, gửi: /lienket " + code in telegram.words
    again = telegram.issue()
    with services.db.session() as session:
        rows = {row.code: row for row in session.execute(select(LinkCode)).scalars()}
    assert rows[again].expires_at - rows[again].created_at == timedelta(minutes=15)
    assert rows[again].person_id == telegram.identity().person_id
    if again != code:  # a new code retires the previous one at once
        assert rows[code].expires_at <= T0


def test_linking_joins_people_entries_and_profiles(services: Services) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    zalo = _zalo(services)
    zalo.play(scripts.PROFILE_SCRIPT_TEXT[:2])  # consented on Zalo, then typed another name
    zalo.play([("text", "Lê Văn Tám"), *scripts.PROFILE_SCRIPT_TEXT[3:]])
    zalo.play(scripts.HIEN_KE_SCRIPT_TEXT)
    zalo_person = zalo.identity().person_id
    code = telegram.issue()

    _link(zalo, telegram, code)
    assert text.OWNER_ACCEPTED.format(channel="Zalo") in telegram.words
    told = str(_last_sent(services.db, "zl-77")["text"])
    assert "Đã liên kết tài khoản" in told and scripts.PROFILE_EXPECTED["name"] in told
    person_id = telegram.identity().person_id
    assert zalo.identity().person_id == person_id
    assert len(_entries(services.db, person_id)) == 2  # the Zalo entry moved along
    with services.db.session() as session:
        old = session.get(Person, zalo_person)
        assert old is not None and old.merged_into == person_id and old.name is None
        assert session.get(LinkCode, code).used_at is not None  # type: ignore[union-attr]
    assert zalo.state()["profile"] == telegram.state()["profile"]
    zalo.act("command", "trangthai")
    assert all(code in zalo.words for code in _entries(services.db, person_id))


@pytest.mark.parametrize("how", ["wrong", "expired", "used", "erased"])
def test_void_codes_are_refused_and_counted(services: Services, how: str) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    code = telegram.issue()
    owner = telegram.identity().person_id  # erasure leaves no account under the old id
    if how == "wrong":
        code = f"{(int(code) + 1) % 1_000_000:06d}"
    elif how == "expired":
        _clock(services).now = T0 + timedelta(minutes=15)
    elif how == "used":
        _zalo(services, "first").act("command", f"lienket {code}")
    else:
        telegram.act("command", "xoadulieu")
        telegram.act("choice", "erase:yes")
    zalo = _zalo(services)
    zalo.act("command", f"lienket {code}")
    assert text.INVALID in zalo.words and "còn 4 lần thử" in zalo.words
    assert zalo.identity().person_id != owner
    assert len(zalo.state()[TRIES_KEY]) == 1  # type: ignore[arg-type]


def test_ones_own_code_is_refused_without_spending_it(services: Services) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    code = telegram.issue()
    telegram.act("command", f"lienket {code}")
    assert text.SAME_PERSON in telegram.words
    _link(_zalo(services), telegram, code)
    assert _zalo(services).identity().person_id == telegram.identity().person_id


def test_five_wrong_codes_an_hour_then_even_the_right_one_waits(services: Services) -> None:
    code = _telegram(services).play(scripts.PROFILE_SCRIPT).issue()
    zalo = _zalo(services)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        zalo.act("command", f"lienket {wrong}")
    zalo.act("command", f"lienket {code}")
    assert "thử lại sau 60 phút" in zalo.words
    _clock(services).now = T0 + timedelta(minutes=14)
    zalo.act("command", f"lienket {code}")  # still within the hour: no lookup at all
    assert "thử lại sau 46 phút" in zalo.words
    code = _telegram(services).issue()  # the old one expired while waiting
    _clock(services).now = T0 + timedelta(minutes=61)
    code = _telegram(services).issue()
    _link(zalo, _telegram(services), code)
    assert zalo.identity().person_id == _telegram(services).identity().person_id


def test_an_open_draft_blocks_linking_until_cancelled(services: Services) -> None:
    code = _telegram(services).play(scripts.PROFILE_SCRIPT).issue()
    zalo = _zalo(services).play(scripts.FULL_HIEN_KE_SCRIPT_TEXT[:9])  # a hiến kế half typed
    zalo.act("command", f"lienket {code}")
    assert "/huy" in zalo.words
    zalo.act("command", "huy")
    zalo.act("text", "1")  # Hủy bản nháp
    zalo.act("command", f"lienket {code}")
    assert "Mã liên kết đúng" in zalo.words


def test_a_linked_pair_joining_a_third_account_moves_together(services: Services) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    zalo = _zalo(services)
    _link(zalo, telegram, telegram.issue())
    web = Account(services, "web", "visitor-1").play(scripts.PROFILE_SCRIPT_TEXT[:2])
    web.play([("text", "Phạm Thị Thu"), *scripts.PROFILE_SCRIPT_TEXT[3:]])
    _link(telegram, web, web.issue())
    person_id = web.identity().person_id
    assert telegram.identity().person_id == zalo.identity().person_id == person_id
    assert zalo.state()["profile"] == web.state()["profile"]  # the Zalo copy followed too
    with services.db.session() as session:
        merged = session.execute(select(Person).where(col(Person.merged_into).is_not(None)))
        assert {p.merged_into for p in merged.scalars()} == {person_id}  # no chains left
        linking_final = linking.final_person(session, person_id=person_id)
        assert linking_final is not None and linking_final.id == person_id
        moved = session.execute(select(Submission)).scalars().one()
        assert moved.person_id == person_id


def test_two_accounts_racing_for_one_code_one_wins(services: Services) -> None:
    code = _telegram(services).play(scripts.PROFILE_SCRIPT).issue()
    racers = [_zalo(services, f"racer-{n}") for n in range(4)]
    barrier = threading.Barrier(len(racers))

    def redeem(account: Account) -> None:
        barrier.wait()
        account.act("command", f"lienket {code}")

    threads = [threading.Thread(target=redeem, args=(racer,)) for racer in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in racers if "Mã liên kết đúng" in r.words]
    assert len(winners) == 1
    assert all(text.INVALID in r.words for r in racers if r is not winners[0])


def test_drawing_skips_live_codes_and_reuses_spent_ones(services: Services) -> None:
    with services.db.write() as session:
        session.add(Person(id=900, created_at=T0))
        session.add(Person(id=901, created_at=T0))
        session.flush()
        draws = iter(["111111", "111111", "222222"])
        first = linking.issue_code(
            session, person_id=900, now=T0, ttl=timedelta(minutes=15), draw=lambda: next(draws)
        )
        second = linking.issue_code(
            session, person_id=901, now=T0, ttl=timedelta(minutes=15), draw=lambda: next(draws)
        )
        assert (first, second) == ("111111", "222222")  # 111111 was live: drawn again
        later = T0 + timedelta(minutes=20)
        reused = linking.issue_code(
            session, person_id=901, now=later, ttl=timedelta(minutes=15), draw=lambda: "111111"
        )
        assert reused == "111111"  # expired, so its number is free again
        row = session.get(LinkCode, "111111")
        assert row is not None and row.person_id == 901


def test_a_right_code_merges_nothing_until_the_owner_agrees(services: Services) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    code = telegram.issue()
    zalo = _zalo(services).play(scripts.PROFILE_SCRIPT_TEXT)
    zalo.act("command", f"lienket {code}")
    assert text.WAIT_OWNER.format(channel="Telegram", minutes=15) in zalo.words
    assert zalo.identity().person_id != telegram.identity().person_id
    asked = _last_sent(services.db, "501")
    assert asked["text"] == text.ASK_OWNER.format(channel="Zalo")
    assert asked["buttons"] == [["Đồng ý", "link:yes"], ["Từ chối", "link:no"]]
    thief = _zalo(services, "zl-thief")
    thief.act("command", f"lienket {code}")  # a typed code cannot be typed again
    assert text.INVALID in thief.words
    telegram.act("text", "Xin chào")  # other messages leave the question open
    telegram.act("text", "đồng ý")
    assert zalo.identity().person_id == telegram.identity().person_id


def test_the_owner_declining_merges_nothing_and_the_requester_is_told(services: Services) -> None:
    telegram = _telegram(services).play(scripts.FULL_HIEN_KE_SCRIPT)
    zalo = _zalo(services)
    _link(zalo, telegram, telegram.issue(), answer="link:no")
    assert text.OWNER_DECLINED.format(channel="Zalo") in telegram.words
    assert zalo.identity().person_id != telegram.identity().person_id
    assert _last_sent(services.db, "zl-77")["text"] == text.DECLINED
    assert "link_ask" not in telegram.state()
    telegram.act("choice", "link:yes")  # a late change of mind changes nothing
    assert zalo.identity().person_id != telegram.identity().person_id


def test_an_owner_on_zalo_types_1_to_agree(services: Services) -> None:
    zalo = _zalo(services).play(scripts.PROFILE_SCRIPT_TEXT)
    telegram = _telegram(services)
    telegram.act("command", f"lienket {zalo.issue()}")
    assert "Mã liên kết đúng" in telegram.words
    assert _last_sent(services.db, "zl-77")["text"] == text.ASK_OWNER.format(channel="Telegram")
    zalo.act("text", "1")
    assert text.OWNER_ACCEPTED.format(channel="Telegram") in zalo.words
    assert zalo.identity().person_id == telegram.identity().person_id


def test_an_answer_after_the_request_expired_merges_nothing(services: Services) -> None:
    telegram = _telegram(services).play(scripts.PROFILE_SCRIPT)
    zalo = _zalo(services)
    zalo.act("command", f"lienket {telegram.issue()}")
    _clock(services).now = T0 + timedelta(minutes=16)
    telegram.act("choice", "link:yes")
    assert zalo.identity().person_id != telegram.identity().person_id
    assert "link_ask" not in telegram.state()
    assert _last_sent(services.db, "zl-77")["text"] == text.REQUEST_EXPIRED  # told, politely
    with services.db.session() as session:
        told = select(Outbox).where(col(Outbox.chat_id) == "zl-77")
        before = len(list(session.execute(told).scalars()))
    telegram.act("choice", "link:yes")  # once only: the late request is closed
    with services.db.session() as session:
        assert len(list(session.execute(told).scalars())) == before


def test_a_code_dies_after_five_wrong_tries_from_anyone(services: Services) -> None:
    code = _telegram(services).play(scripts.PROFILE_SCRIPT).issue()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for n in range(5):  # five different accounts, one wrong try each
        _zalo(services, f"guess-{n}").act("command", f"lienket {wrong}")
    late = _zalo(services, "late")
    late.act("command", f"lienket {code}")
    assert text.INVALID in late.words
    assert late.identity().person_id != _telegram(services).identity().person_id


def test_wrong_tries_from_everyone_pause_linking_for_everyone(services: Services) -> None:
    for n in range(30):  # thirty accounts, each far below its own limit
        _zalo(services, f"guess-{n}").act("command", f"lienket {n:06d}")
    code = _telegram(services).play(scripts.PROFILE_SCRIPT).issue()
    fresh = _zalo(services, "fresh")
    fresh.act("command", f"lienket {code}")
    assert "tạm dừng nhận mã liên kết" in fresh.words and "60 phút" in fresh.words
    with services.db.session() as session:
        sent = session.execute(select(Outbox).where(col(Outbox.chat_id) == "501")).scalars()
        assert not any("muốn liên kết" in str(row.payload) for row in sent)  # never asked
    _clock(services).now = T0 + timedelta(minutes=61)
    code = _telegram(services).issue()
    fresh.act("command", f"lienket {code}")
    assert "Mã liên kết đúng" in fresh.words


def test_after_another_message_a_bare_number_is_no_answer(services: Services) -> None:
    zalo = _zalo(services).play(scripts.PROFILE_SCRIPT_TEXT)
    telegram = _telegram(services)
    telegram.act("command", f"lienket {zalo.issue()}")
    zalo.act("command", "menu")  # the owner went on without answering
    zalo.act("text", "1")  # the menu's first item, not «Đồng ý»
    assert zalo.identity().person_id != telegram.identity().person_id
    zalo.act("command", "menu")
    zalo.act("text", "Từ chối")  # the words still answer
    assert text.OWNER_DECLINED.format(channel="Telegram") in zalo.words
    assert zalo.identity().person_id != telegram.identity().person_id


def test_simultaneous_guesses_from_fresh_accounts_stay_within_the_global_limit(
    services: Services,
) -> None:
    code = _telegram(services).play(scripts.PROFILE_SCRIPT).issue()
    swarm = [_telegram(services, f"swarm-{n}") for n in range(LIMITS["all"] + 10)]
    barrier = threading.Barrier(len(swarm))

    def guess(n: int, account: Account) -> None:
        barrier.wait()  # all at once: each transaction counts before the others record
        account.act("command", f"lienket {(int(code) + 1 + n) % 1_000_000:06d}")

    threads = [threading.Thread(target=guess, args=pair) for pair in enumerate(swarm)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    looked_up = [account for account in swarm if text.INVALID in account.words]
    assert len(looked_up) == LIMITS["all"]  # the rest were paused without a lookup
    with services.db.session() as session:
        counted = select(LinkAttempt).where(col(LinkAttempt.source) == "all")
        assert len(list(session.execute(counted).scalars())) == LIMITS["all"]
