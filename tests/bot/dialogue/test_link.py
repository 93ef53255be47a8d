"""/lienket in the pure engine: reading the code, refusals, tries, and the runner's follow-ups."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.dialogue import (
    Dialogue,
    linked_elsewhere,
    load_units,
    on_link_code,
    on_link_refused,
    on_linked,
)
from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import link as text
from bot.dialogue.flows.link import MAX_TRIES, TRIES_KEY, link_argument
from bot.dialogue.frames import active
from bot.dialogue.link_types import IssueLinkCode, RedeemLinkCode
from bot.dialogue.types import StepResult
from bot.messages import Incoming
from tests import scripts
from tests.bot.dialogue.driver import Chat, reach

NOW = datetime(2025, 11, 20, 2, 30, tzinfo=UTC)
DIALOGUE = Dialogue(units=load_units())
PROFILE = {"name": "Trần Thị Hoa", "agency": "Sở Y tế", "position": "Chuyên viên", "phone": None}


def _incoming(kind: str, value: str, argument: str = "") -> Incoming:
    if kind == "command":
        return Incoming("zalo", "u1", "u1", "k", "command", command=value, text=argument)
    return Incoming("zalo", "u1", "u1", "k", kind, text=value)  # type: ignore[arg-type]


def _step(state: dict[str, Any], incoming: Incoming) -> StepResult:
    before = copy.deepcopy(state)
    result = DIALOGUE.step(state, incoming, NOW)
    assert state == before, "the engine mutated its input state"
    return result


def _at_menu() -> dict[str, Any]:
    return Chat().play(scripts.PROFILE_SCRIPT).state


def _words(result: StepResult) -> str:
    return "\n".join(reply.text for reply in result.replies)


@pytest.mark.parametrize(
    ("incoming", "expected"),
    [
        (_incoming("command", "lienket"), ""),
        (_incoming("command", "lienket", "123456"), "123456"),
        (_incoming("command", "LienKet@SangKienBot", " 123 456 "), "123456"),
        (_incoming("command", "lienket", "１２３-４５６"), "123456"),  # full-width, a dash
        (_incoming("text", "/lienket 654321"), "654321"),  # typed as text with its argument
        (_incoming("text", "/LIENKET"), ""),
        (_incoming("text", "/lienket 12.34.56"), "123456"),
        (_incoming("command", "lienket", "abc"), "abc"),
        (_incoming("command", "lienketx"), None),
        (_incoming("command", "trangthai"), None),
        (_incoming("text", "lienket 123456"), None),  # no slash: an answer, not the command
        (_incoming("text", "mã /lienket 123456"), None),
    ],
)
def test_link_argument(incoming: Incoming, expected: str | None) -> None:
    assert link_argument(incoming) == expected


def test_lienket_at_the_menu_asks_the_runner_for_a_code() -> None:
    result = _step(_at_menu(), _incoming("command", "lienket"))
    assert result.effects == (IssueLinkCode(),) and result.replies == ()


def test_no_code_in_a_group_chat() -> None:
    incoming = Incoming("telegram", "u1", "-100200300", "k", "command", command="lienket")
    result = _step(_at_menu(), incoming)
    assert result.effects == ()
    assert text.PRIVATE_ONLY in result.replies[0].text


@pytest.mark.parametrize(
    ("state", "shows_step"),
    [
        ({}, False),  # brand new: nothing to link from yet
        (Chat().play(scripts.PROFILE_SCRIPT[:3]).state, True),  # consented, profile half done
    ],
)
def test_no_code_without_a_profile(state: dict[str, Any], shows_step: bool) -> None:
    result = _step(state, _incoming("command", "lienket"))
    assert result.effects == ()
    assert text.NEED_PROFILE in result.replies[0].text
    assert (text.START_HINT in _words(result)) is not shows_step
    assert (len(result.replies) == 2) is shows_step  # then the question the user was at


@pytest.mark.parametrize(
    "state",
    [{}, Chat().command("start").state, _at_menu()],
    ids=["brand-new", "greeted", "at-menu"],
)
def test_a_code_is_redeemed_from_any_starting_point(state: dict[str, Any]) -> None:
    result = _step(state, _incoming("command", "lienket", "123456"))
    assert result.effects == (RedeemLinkCode(code="123456"),)
    assert result.replies == ()


@pytest.mark.parametrize("argument", ["12345", "1234567", "abcdef", "12345a"])
def test_a_malformed_code_is_explained_and_not_counted(argument: str) -> None:
    result = _step(_at_menu(), _incoming("command", "lienket", argument))
    assert result.effects == ()
    assert text.BAD_FORMAT in result.replies[0].text
    assert TRIES_KEY not in result.state


def test_an_open_draft_must_be_finished_or_cancelled_first() -> None:
    chat = reach("hien_ke", "problem")
    result = _step(chat.state, _incoming("command", "lienket", "123456"))
    assert result.effects == ()
    assert text.DRAFT_OPEN.format(kind="hiến kế", code="123456") in _words(result)
    assert active(result.state)["step"] == "problem"  # the draft is untouched, shown again


def _tries(*minutes_ago: int) -> list[str]:
    return [(NOW - timedelta(minutes=m)).isoformat() for m in minutes_ago]


@pytest.mark.parametrize(
    ("tries", "blocked", "wait"),
    [
        (_tries(50, 40, 30, 20, 10), True, 10),
        (_tries(59, 40, 30, 20, 10), True, 1),
        (_tries(61, 40, 30, 20, 10), False, 0),  # the oldest is over an hour old
        (_tries(5, 4, 3, 2), False, 0),
        (["not a time", *_tries(1)], False, 0),
    ],
)
def test_five_wrong_tries_an_hour_then_a_pause(tries: list[str], blocked: bool, wait: int) -> None:
    state = {**_at_menu(), TRIES_KEY: tries}
    result = _step(state, _incoming("command", "lienket", "123456"))
    if blocked:
        assert result.effects == ()
        assert text.TOO_MANY.format(limit=MAX_TRIES, minutes=wait) in _words(result)
    else:
        assert result.effects == (RedeemLinkCode(code="123456"),)


def test_wrong_tries_survive_a_restart_of_the_greeting_and_an_erase() -> None:
    tries = _tries(3, 2)
    greeted = _step({TRIES_KEY: tries}, _incoming("command", "start"))
    assert greeted.state[TRIES_KEY] == tries
    assert greeted.replies[0].text.startswith(common.GREETING)
    erase = Chat().play(scripts.PROFILE_SCRIPT).command("xoadulieu").state
    erased = _step(
        {**erase, TRIES_KEY: tries}, Incoming("zalo", "u1", "u1", "k", "choice", choice="erase:yes")
    )
    assert erased.state == {TRIES_KEY: tries}  # nothing personal, but the count stays


def test_other_updates_pass_through_unchanged() -> None:
    state = _at_menu()
    incoming = _incoming("command", "trangthai")
    assert _step(state, incoming) == DIALOGUE.step(state, incoming, NOW)


# ---- follow-ups ----


def test_on_link_code_gives_the_instruction_then_the_menu() -> None:
    result = on_link_code(DIALOGUE, _at_menu(), code="042917", minutes=15, now=NOW)
    words = _words(result)
    assert "Trên kênh còn lại, gửi: /lienket 042917" in words
    assert "15 phút" in words
    assert [b.value for b in result.replies[-1].buttons][:2] == ["menu:sang_kien", "menu:hien_ke"]


@pytest.mark.parametrize(
    "state",
    [{}, Chat().command("start").state, Chat().play(scripts.PROFILE_SCRIPT[:4]).state, _at_menu()],
    ids=["brand-new", "greeted", "mid-profile", "own-profile"],
)
def test_on_linked_adopts_profile_and_consent(state: dict[str, Any]) -> None:
    before = copy.deepcopy(state)
    consent = NOW - timedelta(days=30)
    result = on_linked(
        DIALOGUE, {**state, TRIES_KEY: _tries(1)}, profile=PROFILE, consent_at=consent, now=NOW
    )
    assert result.state["profile"] == PROFILE
    assert result.state["consent_at"] == consent.isoformat()
    assert TRIES_KEY not in result.state
    assert (result.state["flow"], result.state["step"]) == ("menu", "menu")
    assert "Trần Thị Hoa" in _words(result) and "/trangthai" in _words(result)
    assert state == before
    after = DIALOGUE.step(result.state, _incoming("command", "trangthai"), NOW)
    assert after.effects  # the next command works at once: no consent or profile asked again


def test_a_wrong_code_is_counted_and_the_fifth_pauses() -> None:
    state = _at_menu()
    for left in range(MAX_TRIES - 1, 0, -1):
        result = on_link_refused(DIALOGUE, state, reason="invalid", now=NOW)
        assert text.INVALID in _words(result)
        assert f"còn {left} lần thử" in _words(result)
        state = result.state
    result = on_link_refused(DIALOGUE, state, reason="invalid", now=NOW)
    assert len(result.state[TRIES_KEY]) == MAX_TRIES
    assert "thử lại sau 60 phút" in _words(result)
    blocked = _step(result.state, _incoming("command", "lienket", "111111"))
    assert blocked.effects == ()


def test_ones_own_code_is_not_counted() -> None:
    result = on_link_refused(DIALOGUE, _at_menu(), reason="same", now=NOW)
    assert text.SAME_PERSON in _words(result)
    assert TRIES_KEY not in result.state


def test_a_brand_new_account_refused_gets_the_start_hint() -> None:
    result = on_link_refused(DIALOGUE, {}, reason="invalid", now=NOW)
    assert len(result.replies) == 1 and text.START_HINT in result.replies[0].text


@pytest.mark.parametrize(("channel", "name"), [("zalo", "Zalo"), ("telegram", "Telegram")])
def test_the_other_accounts_are_told(channel: str, name: str) -> None:
    assert f"Tài khoản {name} vừa được liên kết" in linked_elsewhere(channel).text
