"""Drives the web chat over HTTP as a browser would: cookie, CSRF header, JSON and uploads."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

CSRF = {"X-Requested-With": "sangkien-webchat"}


class WebVisitor:
    """One browser: the signed cookie keeps the conversation. `client` drives an in-process
    app instead (a TestClient, which is an httpx.Client)."""

    def __init__(self, base_url: str = "", *, client: httpx.Client | None = None) -> None:
        self.client = client or httpx.Client(base_url=base_url, timeout=30.0)
        self.client.headers.update(CSRF)
        self.client.get("/").raise_for_status()
        self.messages: list[dict[str, Any]] = []

    def act(self, kind: str, value: str) -> httpx.Response:
        body: dict[str, Any] = {"client_id": uuid.uuid4().hex}
        if kind == "choice":
            body |= {"choice": value, "label": value}
        else:
            body["text"] = f"/{value}" if kind == "command" else value
        response = self.client.post("/webchat/api/messages", json=body)
        assert response.status_code == 200, response.text
        return response

    def play(self, script: list[tuple[str, str]]) -> None:
        for kind, value in script:
            self.act(kind, value)

    def upload(self, name: str, data: bytes, mime: str) -> httpx.Response:
        files = {"file": (name, data, mime)}
        response = self.client.post(
            "/webchat/api/upload", files=files, data={"client_id": uuid.uuid4().hex}
        )
        assert response.status_code == 200, response.text
        return response

    def transcript(self) -> list[dict[str, Any]]:
        response = self.client.get("/webchat/api/messages", params={"after": 0})
        assert response.status_code == 200, response.text
        return list(response.json()["messages"])

    def bot_texts(self) -> list[str]:
        return [m["text"] for m in self.transcript() if m["role"] == "bot"]

    def close(self) -> None:
        self.client.close()
