"""Every declared step of every flow is reached by the scripted conversations."""

from __future__ import annotations

from bot.dialogue.flows import all_steps
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


def test_every_declared_step_is_visited() -> None:
    driver.VISITED.clear()
    _scenarios()
    declared = set(all_steps())
    missing = declared - driver.VISITED
    assert not missing, f"never visited: {sorted(missing)}"
    assert len(declared) == 55, "a step was added or removed: update the scenarios and this count"
