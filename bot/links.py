"""Signed, expiring download links for files under the data folder (Zalo and web chat)."""

from __future__ import annotations

from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "sangkien-download"


def sign_download(secret: str, path: str, *, now: datetime, ttl: timedelta) -> str:
    """A token naming `path` (relative to the data folder) that expires after `ttl`."""
    expires = int((now + ttl).timestamp())
    return str(URLSafeSerializer(secret, salt=SALT).dumps({"p": path, "e": expires}))


def verify_download(secret: str, token: str, *, now: datetime) -> str | None:
    """The path the token names, or None when it is forged, malformed or expired."""
    try:
        data = URLSafeSerializer(secret, salt=SALT).loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("p"), str):
        return None
    if not isinstance(data.get("e"), int) or data["e"] < now.timestamp():
        return None
    return str(data["p"])


def download_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/download/{token}"
