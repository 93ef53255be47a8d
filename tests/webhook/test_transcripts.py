"""One whole sáng kiến on Zalo and on Telegram, saved as transcripts a person can read.

The test plays the scripted entry through the real fake platforms, one step at a time,
and writes what the author typed and what the bot sent to
`test-artifacts/transcript-zalo.txt` and `test-artifacts/transcript-telegram.txt`, headed by
the number of messages and characters the author received (the figure issue 11 tracks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, make_settings
from tests.support.telegram_chat import CODE, TelegramUser
from tests.support.zalo_chat import ZaloUser
from webhook.app import create_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
Script = list[tuple[str, str]]
# A button-only instruction: "bấm"/"nhấn"/"chạm" (tap) is meaningless where there are no buttons.
TAP = re.compile(r"\b(bấm|nhấn|chạm vào)\b", re.IGNORECASE)


def _telegram_bot_lines(fake: FakeTelegram, chat: int, start: int) -> list[str]:
    """What the bot sent since `start` (text, its buttons, files), as transcript lines."""
    lines = []
    for sent in fake.sent(chat)[start:]:
        if sent.method == "sendMessage":
            lines.append(f"BOT: {sent.text}")
            keyboard = (sent.params.get("reply_markup") or {}).get("inline_keyboard") or []
            labels = [button["text"] for row in keyboard for button in row]
            if labels:
                lines.append("     [nút: " + " | ".join(labels) + "]")
        else:
            lines.append(f"BOT: [{sent.method}] {sent.params.get('caption') or ''}".rstrip())
    return lines


def _play(
    script: Script,
    act: Callable[[str, str], object],
    settle: Callable[[], int],
    bot_lines: Callable[[int], list[str]],
) -> list[str]:
    """Each step, then everything the bot answered to it."""
    lines: list[str] = []
    seen = 0
    for kind, value in script:
        typed = {"command": f"/{value}", "choice": f"[chọn: {value}]"}.get(kind, value)
        lines.append(f"NGƯỜI DÙNG: {typed}")
        act(kind, value)
        count = settle()
        lines += bot_lines(seen)
        seen = count
    return lines


def _save(name: str, texts: list[str], lines: list[str]) -> str:
    header = (
        f"Tin nhắn tác giả nhận: {len(texts)}; ký tự: {sum(len(t) for t in texts)}\n"
        + "=" * 72
    )
    body = header + "\n" + "\n".join(lines) + "\n"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_text(body, encoding="utf-8")
    return body


def test_one_sang_kien_on_zalo_and_on_telegram_is_saved_as_transcripts(
    db_url: str, tmp_path: Path, fake_telegram: FakeTelegram, fake_zalo: FakeZaloApi
) -> None:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        telegram_url=fake_telegram.url,
        telegram_token=fake_telegram.token,
        zalo_url=fake_zalo.url,
        zalo_token=fake_zalo.token,
    )
    with TestClient(create_app(settings)) as client:
        client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        base = str(client.base_url)
        zalo = ZaloUser(base_url=base, fake=fake_zalo, user_id="7701", client=client)
        zalo_lines = _play(
            scripts.FULL_SANG_KIEN_SCRIPT_TEXT,
            zalo.act,
            lambda: len(zalo.wait_quiet(settle=0.3)),
            lambda start: [f"BOT: {t}" for t in zalo.texts()[start:]],
        )
        zalo_code = zalo.wait_for_code()
        telegram = TelegramUser(
            base_url=base, secret=TELEGRAM_SECRET, fake=fake_telegram, user_id=7702, client=client
        )
        telegram_lines = _play(
            # The same idea sent twice meets the similar-entry question on its second pass.
            scripts.skipping_difference(scripts.FULL_SANG_KIEN_SCRIPT),
            telegram.act,
            lambda: (telegram.wait_quiet(settle=0.3), len(fake_telegram.sent(7702)))[1],
            lambda start: _telegram_bot_lines(fake_telegram, 7702, start),
        )
        telegram_code = telegram.wait_for_code()
        for code in (zalo_code, telegram_code):
            response = client.get(f"/api/v1/submissions/{code}")
            assert response.status_code == 200 and response.json()["status"] == "submitted"

    zalo_texts = zalo.texts()
    saved = _save("transcript-zalo.txt", zalo_texts, zalo_lines)
    _save("transcript-telegram.txt", telegram.texts(), telegram_lines)
    assert zalo_code in saved and CODE.search(saved)
    assert all(len(t) <= 2000 for t in zalo_texts)
    # Zalo told the truth: nothing to tap, and typed questions carry no number hint.
    assert not [t for t in zalo_texts if TAP.search(t)], "a Zalo message says to tap"
    assert "gõ 1 (Xem ví dụ)" in saved
    hinted = [t for t in zalo_texts if "Xem ví dụ" in t and "trả lời bằng số thứ tự" in t]
    assert not hinted
