"""The README's reviewer's day, toured in real Chromium; every step's picture in test-artifacts/."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from tests.support import desk_tour
from tests.webhook.test_webchat_browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_path"]


def _size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", png
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def test_a_reviewers_day_from_sign_in_to_the_councils_decision(
    tmp_path: Path, chromium_path: str
) -> None:
    with desk_tour.served(tmp_path) as (server, fake, desk), sync_playwright() as playwright:
        browser: Any = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        written = desk_tour.tour(browser, server, fake, desk, ARTIFACTS)
        browser.close()
    assert [p.name for p in written] == [f"desk-{name}.png" for name in desk_tour.SHOTS]
    sizes = {p.name: _size(p) for p in written}
    assert sizes["desk-queue.png"] == (1366, 768) and sizes["desk-phone.png"][0] == 375
    assert sizes["desk-entry.png"][1] > 768  # the whole entry, not just the first screen
