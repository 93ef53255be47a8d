"""Signed download links: valid until they expire, useless when forged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.links import sign_download, verify_download

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_round_trip_until_expiry() -> None:
    token = sign_download("k" * 32, "dossiers/SK-2026-00001.docx", now=NOW, ttl=timedelta(hours=1))
    assert verify_download("k" * 32, token, now=NOW) == "dossiers/SK-2026-00001.docx"
    assert verify_download("k" * 32, token, now=NOW + timedelta(minutes=59)) is not None
    assert verify_download("k" * 32, token, now=NOW + timedelta(hours=1, seconds=1)) is None


def test_forged_or_other_key_is_refused() -> None:
    token = sign_download("k" * 32, "digests/a.xlsx", now=NOW, ttl=timedelta(hours=1))
    assert verify_download("x" * 32, token, now=NOW) is None
    assert verify_download("k" * 32, token[:-2] + "AA", now=NOW) is None
    assert verify_download("k" * 32, "garbage", now=NOW) is None
