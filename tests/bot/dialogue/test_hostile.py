"""Hostile and odd input never crashes the engine; text is stored as NFC without control chars."""

from __future__ import annotations

import unicodedata

import pytest

from bot.dialogue import Dialogue
from bot.dialogue.catalogues import common
from bot.messages import Incoming
from tests.bot.dialogue.driver import NOW, UNITS, Chat, position, reach

PASTE = ("Nội dung rất dài được dán vào. " * 700)[:20_000]


def test_a_20000_character_paste_is_refused_politely() -> None:
    chat = reach("sang_kien", "problem")
    chat.send(PASTE)
    assert "quá dài (20.000 ký tự)" in chat.last_text
    assert "rút gọn dưới 4.000 ký tự" in chat.last_text
    assert chat.at == ("sang_kien", "problem") and "problem" not in chat.answers
    assert len(chat.last_text) < 1000  # the paste is not echoed back


@pytest.mark.parametrize("where", [("profile", "name"), ("sang_kien", "title"),
                                   ("sang_kien", "solution_type"), ("sang_kien", "author_share"),
                                   ("sang_kien", "first_applied_on"), ("sang_kien", "attachments"),
                                   ("sang_kien", "review"), ("menu", "menu"),
                                   ("hien_ke", "applying_unit")])
@pytest.mark.parametrize("typed", [PASTE, "<script>alert(1)</script>", "\x00\x07\x1b[2J", "",
                                   "   \n\t ", "👍🏽🎉", "‮dlrow olleh", "'; DROP TABLE x; --",
                                   "{answers} {0} %s", "1" * 50, "0", "-1", "∞"])
def test_odd_text_anywhere_keeps_the_state_usable(where: tuple[str, str], typed: str) -> None:
    chat = reach(*where)
    chat.send(typed)  # the driver fails on a crash, a non-JSON state or a broken reply
    assert chat.replies and chat.values or chat.at == ("menu", "menu")


def test_script_tags_are_kept_as_plain_text_where_the_answer_is_free() -> None:
    chat = reach("sang_kien", "confidential_info").send("<script>alert('x')</script> bảng tính")
    assert chat.answers["confidential_info"] == "<script>alert('x')</script> bảng tính"


def test_control_characters_are_removed() -> None:
    chat = reach("sang_kien", "field").send("Cải cách\x00 hành\x1b chính\u202e")
    assert chat.answers["field"] == "Cải cách hành chính"


def test_empty_text_is_answered() -> None:
    chat = reach("sang_kien", "title").send("")
    assert common.EMPTY in chat.last_text and chat.at == ("sang_kien", "title")


def test_emoji_only_is_not_a_name() -> None:
    chat = reach("profile", "name").send("🙂 🙂")
    assert common.NAME_LETTERS in chat.last_text


def test_decomposed_name_is_stored_as_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Minh Anh")
    assert decomposed != "Nguyễn Thị Minh Anh"
    chat = reach("profile", "name").send(decomposed)
    assert chat.answers["name"] == "Nguyễn Thị Minh Anh"
    assert unicodedata.is_normalized("NFC", chat.answers["name"])


def test_decomposed_choice_label_matches() -> None:
    chat = reach("sang_kien", "scope").send(unicodedata.normalize("NFD", "Cấp tỉnh"))
    assert chat.answers["scope"] == "cap_tinh"


@pytest.mark.parametrize("state", [
    {"flow": "no_such_flow", "step": "x", "consent_at": "2025-01-01T00:00:00", "profile": {"name": "A B"}},
    {"flow": "sang_kien", "step": "gone", "consent_at": "2025-01-01T00:00:00", "profile": {"name": "A B"}},
    {"overlay": "junk", "flow": "menu", "step": "menu", "consent_at": "x", "profile": {"name": "A B"}},
    {"consent_at": "2025-01-01T00:00:00"},
    {"flow": "consent", "step": "consent", "stack": None, "answers": None},
])
def test_a_damaged_or_old_state_is_repaired(state: dict[str, object]) -> None:
    chat = Chat(state=state).send("xin chào")
    assert chat.replies and position(chat.state)[0] in ("menu", "consent", "profile")


def test_the_input_state_is_never_mutated() -> None:
    engine = Dialogue(units=UNITS)
    chat = reach("sang_kien", "coauthor_more")
    frozen = repr(chat.state)
    incoming = Incoming(channel="web", user_id="u", chat_id="c", dedupe_key="k", kind="choice",
                        choice="coauthor:add")
    result = engine.step(chat.state, incoming, NOW)
    assert repr(chat.state) == frozen and result.state is not chat.state


def test_a_choice_with_no_value_or_a_file_without_attachment() -> None:
    engine = Dialogue(units=UNITS)
    state = reach("sang_kien", "scope").state
    for incoming in (
        Incoming(channel="web", user_id="u", chat_id="c", dedupe_key="1", kind="choice"),
        Incoming(channel="web", user_id="u", chat_id="c", dedupe_key="2", kind="file"),
        Incoming(channel="web", user_id="u", chat_id="c", dedupe_key="3", kind="command"),
    ):
        result = engine.step(state, incoming, NOW)
        assert result.replies and common.INTERNAL_ERROR not in result.replies[0].text
