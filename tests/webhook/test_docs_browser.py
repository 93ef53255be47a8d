"""/docs in real headless Chromium: the page renders and asks nothing of any other server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright

from tests.support.server import ServerProcess, write_config
from tests.webhook.test_webchat_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    config = write_config(
        tmp_path / "config.toml",
        {
            "server": {"data_dir": str(tmp_path / "data"), "environment": "development"},
            "database": {"url": f"sqlite:///{tmp_path}/t.db"},
            "admin": {"api_token": "docs-browser-token-51ab"},
            "scheduler": {"enabled": False},
        },
    )
    with ServerProcess(config) as process:
        yield process


def test_docs_page_loads_nothing_from_outside(server: ServerProcess) -> None:
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(server.url + "/docs")
        page.wait_for_load_state("networkidle")
        headings = page.locator("h2").all_inner_texts()
        browser.close()
    assert any("/api/v1/broadcasts" in h for h in headings)
    assert any(h.startswith("POST") and "/status" in h for h in headings)
    outside = [url for url in requested if not url.startswith(server.url)]
    assert outside == []
    assert httpx.get(server.url + "/openapi.json").status_code == 401
