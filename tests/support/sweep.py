"""Looks for markers everywhere: every column of every table, every file under a folder
(inside the members of .docx/.xlsx archives too), whatever the encoding of JSON."""

from __future__ import annotations

import html
import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, select


@dataclass(frozen=True)
class Hit:
    where: str  # "table.column" or a path under the folder (with "!member" for archives)
    row: str  # the primary key of the row, or "" for a file
    marker: str
    excerpt: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "ignore")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if text[:1] in "{[":  # JSON kept as text (SQLite) escapes non-ASCII letters
        try:
            return text + "\n" + json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def _find(text: str, markers: list[str]) -> list[tuple[str, str]]:
    text = unicodedata.normalize("NFC", text)
    found = []
    for marker in markers:
        at = text.find(marker)
        if at >= 0:
            found.append((marker, text[max(0, at - 60) : at + len(marker) + 60]))
    return found


def database_hits(url: str, markers: list[str]) -> list[Hit]:
    """Every table the database has (introspected, not a list kept by hand), every column."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        hits = []
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                keys = [c.name for c in table.primary_key.columns]
                for row in conn.execute(select(table)).mappings():
                    pk = ",".join(str(row[k]) for k in keys)
                    for column in table.columns:
                        for marker, excerpt in _find(_text(row[column.name]), markers):
                            hits.append(Hit(f"{table.name}.{column.name}", pk, marker, excerpt))
        return hits
    finally:
        engine.dispose()


def table_names(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        return [t.name for t in meta.sorted_tables]
    finally:
        engine.dispose()


def file_hits(folder: Path, markers: list[str]) -> list[Hit]:
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        for member, content in _contents(relative, data):
            for marker, excerpt in _find(content, markers):
                hits.append(Hit(member, "", marker, excerpt))
    return hits


def _contents(name: str, data: bytes) -> list[tuple[str, str]]:
    found = [(name, data.decode("utf-8", "ignore"))]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                # XML writers may spell letters as character references (&#7891;).
                content = html.unescape(_text(archive.read(member)))
                found.append((f"{name}!{member}", content))
    return found
