"""Authors and co-authors: shares must add up to exactly 100, the loop adds and removes people."""

from __future__ import annotations

import pytest

from bot.dialogue.catalogues import sang_kien as sk
from tests.bot.dialogue.driver import Chat, reach


def at_share() -> Chat:
    return reach("sang_kien", "author_share")


def add_coauthor(chat: Chat, name: str, share: str) -> Chat:
    chat.press("coauthor:add")
    chat.send(name).send("02/09/1990").press("workplace:same").send("Chuyên viên")
    return chat.send("Cử nhân Luật").send(share)


@pytest.mark.parametrize(("shares", "total", "accepted"), [
    (["100"], 100, True),
    (["90"], 90, False),
    (["60", "40"], 100, True),
    (["50", "30", "20"], 100, True),
    (["60", "30"], 90, False),
    (["70", "40"], 110, False),
])
def test_shares_must_total_exactly_100(shares: list[str], total: int, accepted: bool) -> None:
    chat = at_share().send(shares[0])
    for number, share in enumerate(shares[1:], start=1):
        add_coauthor(chat, f"Đồng Tác Giả {'ABCDE'[number]}", share)
    assert f"Tổng tỷ lệ: {total}%" in chat.last_text
    chat.press("coauthor:done")
    if accepted:
        assert chat.at == ("sang_kien", "investor")
        assert [a["share"] for a in chat.answers["authors"]] == [int(s) for s in shares]
    else:
        assert chat.at == ("sang_kien", "coauthor_more")
        assert sk.SHARES_NOT_100.format(total=total) in chat.last_text
        assert "share:redo" in chat.values


def test_sole_author_without_coauthors_label() -> None:
    chat = at_share().send("100")
    assert sk.COAUTHOR_NONE in chat.labels
    assert "coauthor:remove" not in chat.values
    assert "share:redo" not in chat.values


def test_coauthor_share_prompt_shows_what_is_left() -> None:
    chat = at_share().send("70")
    chat.press("coauthor:add").send("Trần Văn Bình").send("02/09/1990")
    chat.send("Ủy ban nhân dân phường Nghĩa Lộ").send("Kế toán").send("Cử nhân Kinh tế")
    assert "còn 30%" in chat.last_text
    assert chat.answers["authors"][1]["workplace"] == "Ủy ban nhân dân phường Nghĩa Lộ"


def test_redo_asks_every_share_again_then_returns_to_the_loop() -> None:
    chat = at_share().send("100")
    add_coauthor(chat, "Trần Văn Bình", "50")
    assert "Tổng tỷ lệ: 150%" in chat.last_text
    chat.press("share:redo")
    assert chat.at == ("sang_kien", "share_fix")
    assert "Nguyễn Thị Minh Anh" in chat.last_text
    chat.send("50")
    assert "Trần Văn Bình" in chat.last_text
    chat.send("50")
    assert chat.at == ("sang_kien", "coauthor_more")
    assert "Tổng tỷ lệ: 100%" in chat.last_text
    chat.press("coauthor:done")
    assert chat.at == ("sang_kien", "investor")


def test_remove_last_coauthor() -> None:
    chat = at_share().send("60")
    add_coauthor(chat, "Trần Văn Bình", "20")
    add_coauthor(chat, "Lê Thị Hoa", "20")
    chat.press("coauthor:remove")
    assert [a["name"] for a in chat.answers["authors"]] == ["Nguyễn Thị Minh Anh", "Trần Văn Bình"]
    assert "Lê Thị Hoa" not in chat.last_text
    assert "Tổng tỷ lệ: 80%" in chat.last_text


def test_a_half_entered_coauthor_is_dropped_when_going_back() -> None:
    chat = at_share().send("60")
    chat.press("coauthor:add").send("Trần Văn Bình").send("02/09/1990")
    chat.press("nav:back").press("nav:back").press("nav:back")
    assert chat.at == ("sang_kien", "coauthor_more")
    chat.press("coauthor:add")
    assert chat.state["index"] == 1
    assert len(chat.answers["authors"]) == 1
    add_coauthor_rest = chat.send("Lê Thị Hoa").send("01/01/1991").press("workplace:same")
    add_coauthor_rest.send("Giáo viên").send("Cử nhân Sư phạm").send("40").press("coauthor:done")
    names = [a["name"] for a in chat.answers["authors"]]
    assert names == ["Nguyễn Thị Minh Anh", "Lê Thị Hoa"]


def test_first_author_is_prefilled_from_the_profile() -> None:
    chat = reach("sang_kien", "author_birth_date")
    assert "Nguyễn Thị Minh Anh" in chat.last_text and "Sở Khoa học và Công nghệ" in chat.last_text
    chat.send("15/08/1985")
    first = chat.answers["authors"][0]
    assert first == {"name": "Nguyễn Thị Minh Anh", "workplace": "Sở Khoa học và Công nghệ",
                     "position": "Chuyên viên", "birth_date": "1985-08-15"}


def test_at_most_ten_authors() -> None:
    chat = at_share().send("10")
    for number in range(9):
        add_coauthor(chat, f"Người Thứ {'ABCDEFGHIJ'[number]}", "10")
    chat.press("coauthor:add")
    assert sk.TOO_MANY_AUTHORS.format(limit=10) in chat.last_text
    chat.press("coauthor:done")
    assert chat.at == ("sang_kien", "investor")
