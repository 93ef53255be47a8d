"""Untrusted input at the edge: JSON bodies, text and numbers that every database can hold."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator

MAX_DEPTH = 32  # real updates nest 5 or 6 levels; json.loads itself gives up near 1,000
DB_INT_MAX = 2**31 - 1  # ids are INTEGER columns on PostgreSQL
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(rb"[\[\]{}]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class BadJson(ValueError):
    """The body is not a JSON document the server accepts."""


def loads(body: bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON refusing deep nesting; strings come back storable (see `storable`)."""
    if _depth(body) > max_depth:
        raise BadJson(f"nested deeper than {max_depth}")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadJson(str(exc)[:100]) from None
    return _clean(data)


def _depth(body: bytes) -> int:
    # Strings may hold brackets: drop them first (a C-speed pass), then count the rest.
    deepest = depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b'""', body)):
        depth += 1 if bracket in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def storable(text: str) -> str:
    """Text without NUL and with lone surrogates replaced: PostgreSQL refuses both."""
    if text.isascii():
        return text.replace("\x00", "")
    return _LONE_SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {storable(key): _clean(item) for key, item in value.items()}
    return value


def _refuse_unstorable(text: str) -> str:
    if storable(text) != text:
        raise ValueError("contains a NUL character or a lone surrogate")
    return text


def _in_range(value: datetime) -> datetime:
    try:
        value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except (OverflowError, ValueError):
        raise ValueError("is outside the range of dates the server handles") from None
    if not 1900 <= value.year <= 9000:
        raise ValueError("is outside the range of dates the server handles")
    return value


SafeStr = Annotated[str, AfterValidator(_refuse_unstorable)]
SafeDatetime = Annotated[datetime, AfterValidator(_in_range)]
