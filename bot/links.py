"""Signed, expiring download links for the files under the data folder meant for downloading."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "sangkien-download"
# Only these folders are ever served: never the database, the key file, uploads or attachments.
DOWNLOAD_FOLDERS = ("dossiers", "digests", "broadcasts", "exports")  # exports: /dulieucuatoi
_PART = re.compile(r"^[\w][\w.\- ]{0,199}$")


def downloadable(path: str) -> bool:
    """A plain relative path inside a download folder: no '..', no absolute path, no tricks."""
    if not path or len(path) > 500 or "\\" in path or "%" in path or path.startswith("/"):
        return False
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or parts[0] not in DOWNLOAD_FOLDERS:
        return False
    return all(_PART.fullmatch(part) and part not in (".", "..") for part in parts)


def sign_download(secret: str, path: str, *, now: datetime, ttl: timedelta) -> str:
    """A token naming `path` (relative to the data folder) that expires after `ttl`."""
    if not downloadable(path):
        raise ValueError(f"{path!r} is not in a download folder ({', '.join(DOWNLOAD_FOLDERS)})")
    expires = int((now + ttl).timestamp())
    return str(URLSafeSerializer(secret, salt=SALT).dumps({"p": path, "e": expires}))


def verify_download(secret: str, token: str, *, now: datetime) -> str | None:
    """The path the token names, or None when it is forged, malformed, expired or not
    inside a download folder."""
    try:
        data = URLSafeSerializer(secret, salt=SALT).loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("p"), str):
        return None
    if not isinstance(data.get("e"), int) or data["e"] < now.timestamp():
        return None
    return str(data["p"]) if downloadable(data["p"]) else None


def download_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/download/{token}"
