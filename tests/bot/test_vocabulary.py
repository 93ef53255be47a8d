"""One vocabulary in every catalogue, and Zalo told only what Zalo can do.

The glossary runs over every string of every catalogue module (bot/**/catalogue*.py and bot/**/catalogues/*.py). The
Zalo test renders every reply of the scripted conversations that visit every step of every
flow (tests/bot/dialogue/test_coverage.py), plus every status notice, as Zalo shows them.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels import zalo_render
from bot.review.notices import author_notice
from bot.review.transitions import STATUSES
from tests.bot.dialogue import driver, test_coverage

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for path in (ROOT / "bot").rglob("*.py")
    if path.name.startswith("catalogue")
    or path.parent.name == "catalogues" and path.name != "__init__.py"
)
# (what is wrong, pattern, what to write instead)
GLOSSARY = [
    ("huỷ", re.compile(r"huỷ", re.IGNORECASE), "hủy"),
    ("the profile called hồ sơ", re.compile(
        r"hồ sơ (cá nhân|đã được lưu\b(?! trữ)|của anh/chị:)|(hoàn tất|cập nhật|sửa) hồ sơ\b(?! \{code\})",
        re.IGNORECASE), "thông tin cá nhân"),
    ("another name for the council", re.compile(
        r"Hội đồng xét duyệt|Hội đồng sáng kiến của Sở"), "Hội đồng sáng kiến"),
    ("curly or straight quotes", re.compile(r"[“”‘’]"), "«…»"),
    ("calque", re.compile(
        r"đơn nhận tối đa|giờ yên lặng|văn bản mẫu|chưa có ý nghĩa", re.IGNORECASE),
        "plain Vietnamese"),
    ("a number hint", re.compile(r"trả lời bằng số thứ tự", re.IGNORECASE), "gõ số thứ tự"),
    ("a tap with no named choice", re.compile(r"\bbấm\b(?! «)", re.IGNORECASE),
     "bấm «Tên lựa chọn» (Zalo renders it «gõ N (…)»)"),
]
# Texts only ever shown where there are buttons (Telegram, web chat), with their reason.
BUTTON_CHANNELS_ONLY = {
    "bot.review.catalogue_digest.HOW_BUTTONS",  # the Telegram digest; Zalo gets HOW_TYPED
}
TAP = re.compile(r"\b(bấm|nhấn|chạm)\b|\bnút\b", re.IGNORECASE)
UNNAMED_CHOICE = re.compile(r"\b[Cc]họn «")  # "chọn «X»" left: X is no choice of that message


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _strings(getattr(value, item.name))


def _catalogue_texts() -> Iterator[tuple[str, str]]:
    for name in CATALOGUES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("_") or callable(value) and not dataclasses.is_dataclass(value):
                continue
            if getattr(value, "__module__", name) != name and not isinstance(value, (str, dict)):
                continue
            for text in _strings(value):
                yield f"{name}.{attr}", text


def test_the_catalogues_are_found() -> None:
    assert len(CATALOGUES) >= 12 and "bot.dialogue.catalogues.sang_kien" in CATALOGUES
    assert sum(1 for _ in _catalogue_texts()) > 300


@pytest.mark.parametrize(("wrong", "pattern", "instead"), GLOSSARY, ids=[g[0] for g in GLOSSARY])
def test_glossary(wrong: str, pattern: re.Pattern[str], instead: str) -> None:
    found = [
        f"{where}: {text[:90]!r}"
        for where, text in _catalogue_texts()
        if pattern.search(text) and where not in BUTTON_CHANNELS_ONLY
    ]
    assert not found, f"{wrong} (write {instead}):\n" + "\n".join(found)


def test_every_text_is_nfc() -> None:
    bad = [w for w, t in _catalogue_texts() if unicodedata.normalize("NFC", t) != t]
    assert not bad


def _zalo_problems(rendered: list[str], free_answer: bool) -> list[str]:
    problems = []
    for chunk in rendered:
        if TAP.search(chunk):
            problems.append(f"tap: {TAP.search(chunk)}")
        if UNNAMED_CHOICE.search(chunk):
            problems.append("a choice named that Zalo cannot type")
        if free_answer and zalo_render.CHOICE_HINT in chunk:
            problems.append("a number hint on a typed question")
        if zalo_render.text_length(chunk) > zalo_render.MAX_TEXT:
            problems.append("too long")
    return problems


def test_every_prompt_of_every_flow_rendered_for_zalo(monkeypatch: pytest.MonkeyPatch) -> None:
    driver.VISITED.clear()
    driver.REPLIES.clear()
    monkeypatch.setattr(test_coverage, "Chat", functools.partial(driver.Chat, channel="zalo"))
    test_coverage._scenarios()
    assert set(test_coverage.all_steps()) <= driver.VISITED  # every step of every flow
    replies = [reply for channel, reply in driver.REPLIES if channel == "zalo"]
    assert len(replies) > 100
    bad = []
    for reply in replies:
        problems = _zalo_problems(zalo_render.render(reply), reply.free_answer)
        if problems:
            bad.append(f"{problems}: {reply.text[:120]!r}")
    assert not bad, "\n".join(bad)
    helpers = [r for r in replies if r.free_answer and r.buttons]
    assert helpers
    for reply in helpers:  # each helper is named once, as something to type
        shown = "\n".join(zalo_render.render(reply))
        for number, button in enumerate(reply.buttons, start=1):
            assert shown.lower().count(f"gõ {number} (") == 1, shown
            assert f"gõ {number} ({button.label.lower()[:10]}" in shown.lower(), shown


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_notice_rendered_for_zalo(status: str) -> None:
    notice = author_notice(
        code="SK-2026-00042", kind="sang_kien", title="T", status=status, note="N", buttons=False
    )
    assert not _zalo_problems(zalo_render.render(notice), notice.free_answer)
