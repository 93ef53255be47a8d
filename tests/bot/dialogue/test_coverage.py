"""Every declared step of every flow is reached by the scripted conversations."""

from __future__ import annotations

from bot.dialogue.flows import all_steps
from bot.dialogue.quality_types import SimilarEntry
from bot.dialogue.types import EntrySummary
from tests import scripts
from tests.bot.dialogue import driver
from tests.bot.dialogue.driver import Chat


def _scenarios() -> None:
    """Scripts plus the few detours they do not take (redo shares, edit, free-text unit...)."""
    for script in (scripts.FULL_SANG_KIEN_SCRIPT, scripts.FULL_HIEN_KE_SCRIPT_TEXT):
        Chat().play(script)
    Chat().play(scripts.FULL_HIEN_KE_SCRIPT[:-1]).press("review:edit").press("edit:field")
    chat = Chat().play(scripts.PROFILE_SCRIPT[:3]).send("zzz").press("unit:other")
    chat.send("Trường Tiểu học Số 1").send("Giáo viên").press("nav:skip")
    chat.play(scripts.SANG_KIEN_SCRIPT[:8]).press("coauthor:add").press("nav:back")
    chat.press("share:redo").send("100").press("coauthor:done")
    chat.command("hoso").press("profile:name").press("nav:back").press("profile:agency")
    chat.press("nav:back").press("profile:position").press("nav:back").press("profile:phone")
    chat.press("nav:back").press("profile:done")
    chat.command("menu").press("menu:hien_ke").press("draft:resume").command("huy")
    chat.press("cancel:no").command("xoadulieu").press("erase:no")
    chat.play(scripts.SANG_KIEN_SCRIPT[16:-1]).press("review:edit").press("nav:back")
    chat.command("hoso").press("profile:agency").press("unit:other")
    # The writing help: the difference question (earlier entries found) and the /taidon pick.
    earlier = [SimilarEntry("SK-2024-00007", "Dán mã QR tại xã", "Xã A", 2024, "recognized", 0.8)]
    Chat(similar=earlier).play(scripts.FULL_SANG_KIEN_SCRIPT[:27])
    Chat(similar=earlier).play(scripts.FULL_HIEN_KE_SCRIPT[:11])
    # The trial participants, collected one by one like co-authors.
    at_participants = scripts.FULL_SANG_KIEN_SCRIPT.index(("text", scripts.SK_TRIAL_OPINION)) + 1
    chat = Chat().play(scripts.FULL_SANG_KIEN_SCRIPT[:at_participants])
    chat.press("participant:add").send("Lê Thị Hoa").send("20/03/1992").press("workplace:same")
    chat.send("Công chức Văn phòng - Thống kê").send("Cử nhân Hành chính")
    chat.send("Hướng dẫn người dân quét mã QR.").press("participant:done")
    mine = [EntrySummary(f"SK-2025-0000{n}", "sang_kien", "Tên", "submitted", None) for n in (1, 2)]
    Chat(entries=mine).play(scripts.PROFILE_SCRIPT).command("taidon")


def test_every_declared_step_is_visited() -> None:
    driver.VISITED.clear()
    _scenarios()
    declared = set(all_steps())
    missing = declared - driver.VISITED
    assert not missing, f"never visited: {sorted(missing)}"
    assert len(declared) == 63, "a step was added or removed: update the scenarios and this count"
