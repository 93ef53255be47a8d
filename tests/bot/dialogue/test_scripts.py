"""The shared scripts (tests/scripts.py) complete a profile, a sáng kiến and a hiến kế."""

from __future__ import annotations

from datetime import UTC

import pytest

from bot.dialogue.types import SaveProfile
from tests import scripts
from tests.bot.dialogue.driver import Chat

CASES = [
    ("buttons", scripts.FULL_SANG_KIEN_SCRIPT, "sang_kien",
     scripts.SANG_KIEN_EXPECTED_TITLE, scripts.SANG_KIEN_EXPECTED_FIELDS),
    ("typed", scripts.FULL_SANG_KIEN_SCRIPT_TEXT, "sang_kien",
     scripts.SANG_KIEN_EXPECTED_TITLE, scripts.SANG_KIEN_EXPECTED_FIELDS),
    ("buttons", scripts.FULL_HIEN_KE_SCRIPT, "hien_ke",
     scripts.HIEN_KE_EXPECTED_TITLE, scripts.HIEN_KE_EXPECTED_FIELDS),
    ("typed", scripts.FULL_HIEN_KE_SCRIPT_TEXT, "hien_ke",
     scripts.HIEN_KE_EXPECTED_TITLE, scripts.HIEN_KE_EXPECTED_FIELDS),
]


@pytest.mark.parametrize(("style", "script", "kind", "title", "fields"), CASES)
def test_script_submits_expected_fields(style: str, script: list[tuple[str, str]], kind: str,
                                        title: str, fields: dict[str, object]) -> None:
    chat = Chat(channel="zalo" if style == "typed" else "telegram").play(script)
    assert len(chat.submitted) == 1
    submit = chat.submitted[0]
    assert (submit.kind, submit.title, submit.fields) == (kind, title, fields)
    prefix = "SK" if kind == "sang_kien" else "HK"
    assert f"{prefix}-2025-00001" in chat.texts
    assert "/trangthai" in chat.texts
    assert chat.at == ("menu", "menu")
    assert "answers" in chat.state and chat.state["answers"] == {}


@pytest.mark.parametrize("script", [scripts.PROFILE_SCRIPT, scripts.PROFILE_SCRIPT_TEXT])
def test_profile_script_saves_profile_once_with_consent_time(script: list[tuple[str, str]]) -> None:
    chat = Chat().play(script)
    saves = [e for e in chat.all_effects if isinstance(e, SaveProfile)]
    assert len(saves) == 1
    assert saves[0].profile == scripts.PROFILE_EXPECTED
    assert saves[0].consent_at == chat.now
    assert chat.state["profile"] == scripts.PROFILE_EXPECTED
    assert chat.at == ("menu", "menu")


def test_scripts_are_replayable_on_a_later_day() -> None:
    from datetime import datetime

    later = Chat(now=datetime(2031, 3, 1, tzinfo=UTC)).play(scripts.FULL_SANG_KIEN_SCRIPT)
    assert later.submitted[0].fields == scripts.SANG_KIEN_EXPECTED_FIELDS


def test_the_chat_fixture_drives_a_whole_conversation(chat: Chat) -> None:
    assert chat.at == ("menu", "menu")
    chat.play(scripts.HIEN_KE_SCRIPT_TEXT)
    assert chat.submitted[0].fields == scripts.HIEN_KE_EXPECTED_FIELDS
