"""The "done before?" candidates compared by bench/similarity_compare.py, one class each.

Every candidate has the evaluation's Index shape (add / query with k, exclude, min_score)
plus `add_many`, `size()` (bytes it holds) and `close()`, so one harness scores them all:

* memory      - bot.similar.SimilarityIndex as the product runs it.
* rf-scan     - rapidfuzz over every entry's search key (full scan in C, process.extract).
* rf-rerank   - rapidfuzz scoring only the in-memory index's candidates (same generation).
* trgm        - PostgreSQL pg_trgm on unaccent(lower(text)); a GIN index answers `%`.
* trgm-key    - the same on the product's search key (abbreviations, synonyms, stop-words).
* fts5        - SQLite FTS5, tokenizer `unicode61 remove_diacritics 2`, bm25 of an OR query.
* fts5-key    - the same on the product's search key.

rapidfuzz scores are 0..100 and divided by 100; bm25 is unbounded and used as -bm25, so
its threshold is on another scale (each candidate's threshold is calibrated on its own).
"""

from __future__ import annotations

import gc
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from rapidfuzz import fuzz, process

from bot.similar.index import SimilarityIndex, terms
from bot.similar.normalize import concept_tokens, nfc, strip_accents

Row = tuple[str, str, Mapping[str, Any]]


@dataclass(frozen=True)
class Hit:
    entry_id: str
    score: float


def search_key(text: str) -> str:
    """What the key variants store and query: the index's own folded, expanded syllables."""
    return " ".join(concept_tokens(text))


def _top(found: Iterable[tuple[str, float]], k: int, exclude: Iterable[str], floor: float) -> list[Hit]:
    skip = set(exclude)
    hits = [Hit(entry_id, score) for entry_id, score in found if entry_id not in skip]
    return [hit for hit in hits if hit.score >= floor][:k]


class Memory:
    """The product's index, unchanged."""

    name = "memory"

    def __init__(self, threshold: float = 0.0) -> None:
        self.index = SimilarityIndex(threshold=threshold)

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        self.index.add(entry_id, text, meta)

    def add_many(self, rows: Iterable[Row]) -> None:
        self.index.add_many(rows)

    def query(self, text: str, k: int = 3, exclude: Iterable[str] = (), *,
              min_score: float | None = None) -> Sequence[Hit]:
        found = self.index.query(text, k=k, exclude=exclude, min_score=min_score or 0.0)
        return [Hit(m.entry_id, m.score) for m in found]

    def size(self) -> int | None:
        return None  # measured as the growth of the process around add_many

    def close(self) -> None:
        pass


SCORERS: dict[str, Callable[..., float]] = {
    "token_set_ratio": fuzz.token_set_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "WRatio": fuzz.WRatio,
    "ratio": fuzz.ratio,
}


class RapidfuzzScan:
    """Every entry's search key scored against the query's, in rapidfuzz's C loop."""

    name = "rf-scan"

    def __init__(self, scorer: str = "token_set_ratio") -> None:
        self.scorer_name = scorer
        self.scorer = SCORERS[scorer]
        self.ids: list[str] = []
        self.keys: list[str] = []
        self.position: dict[str, int] = {}

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        at = self.position.setdefault(entry_id, len(self.ids))
        if at == len(self.ids):
            self.ids.append(entry_id)
            self.keys.append("")
        self.keys[at] = search_key(text)

    def add_many(self, rows: Iterable[Row]) -> None:
        for entry_id, text, meta in rows:
            self.add(entry_id, text, meta)

    def query(self, text: str, k: int = 3, exclude: Iterable[str] = (), *,
              min_score: float | None = None) -> Sequence[Hit]:
        exclude = list(exclude)
        found = process.extract(search_key(text), self.keys, scorer=self.scorer,
                                limit=k + len(exclude))
        return _top(((self.ids[i], s / 100) for _c, s, i in found), k, exclude, min_score or 0.0)

    def size(self) -> int | None:
        return None

    def close(self) -> None:
        pass


class RapidfuzzRerank(RapidfuzzScan):
    """rapidfuzz scoring the in-memory index's candidates (its postings walk, same budget)."""

    name = "rf-rerank"

    def __init__(self, scorer: str = "token_set_ratio") -> None:
        super().__init__(scorer)
        self.index = SimilarityIndex(threshold=0.0)
        self.key_of: dict[str, str] = {}

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        self.index.add(entry_id, text, meta)
        self.key_of[entry_id] = search_key(text)

    def query(self, text: str, k: int = 3, exclude: Iterable[str] = (), *,
              min_score: float | None = None) -> Sequence[Hit]:
        index = self.index
        index._refresh_epoch()
        _norm, ranked = index._query_terms(terms(text))
        slots = index._candidates(ranked) if ranked else []
        ids = [i for slot in slots if (i := index._entry_ids[slot]) is not None]
        exclude = list(exclude)
        found = process.extract(search_key(text), [self.key_of[i] for i in ids],
                                scorer=self.scorer, limit=k + len(exclude))
        return _top(((ids[i], s / 100) for _c, s, i in found), k, exclude, min_score or 0.0)


_FTS_WORD = re.compile(r"\w+")


class Trigram:
    """pg_trgm `similarity` on unaccent(lower(text)) (or the search key), GIN-indexed.

    With a floor above 0 the query is the production shape, `doc % q` through the GIN
    index under `pg_trgm.similarity_threshold`; with 0 (calibration) it scores every row.
    """

    name = "trgm"

    def __init__(self, url: str, *, key: bool = False, table: str = "cmp_trgm") -> None:
        self.key = key
        self.table = table + ("_key" if key else "")
        self.name = "trgm-key" if key else "trgm"
        self.conn = psycopg.connect(url, autocommit=True)
        self.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        self.conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        self.conn.execute(f"DROP TABLE IF EXISTS {self.table}")
        self.conn.execute(f"CREATE TABLE {self.table} (id text PRIMARY KEY, doc text NOT NULL)")
        self.indexed = False
        self._threshold: float | None = None

    def _doc(self, text: str) -> tuple[str, str]:
        # unaccent folds in the database; the key variant is folded in Python.
        return (search_key(text), "%s") if self.key else (nfc(text), "unaccent(lower(%s))")

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        doc, expr = self._doc(text)
        self.conn.execute(
            f"INSERT INTO {self.table} VALUES (%s, {expr}) "
            "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc", (entry_id, doc))

    def add_many(self, rows: Iterable[Row]) -> None:
        _doc, expr = self._doc("")
        with self.conn.cursor() as cur:
            batch = [(entry_id, self._doc(text)[0]) for entry_id, text, _meta in rows]
            cur.executemany(f"INSERT INTO {self.table} VALUES (%s, {expr})", batch)
        self.create_index()

    def create_index(self) -> None:
        if not self.indexed:
            self.conn.execute(
                f"CREATE INDEX {self.table}_doc ON {self.table} USING gin (doc gin_trgm_ops)")
            self.conn.execute(f"ANALYZE {self.table}")
            self.indexed = True

    def query(self, text: str, k: int = 3, exclude: Iterable[str] = (), *,
              min_score: float | None = None) -> Sequence[Hit]:
        exclude = list(exclude)
        floor = min_score or 0.0
        doc, expr = self._doc(text)
        if floor > 0:
            if self._threshold != floor:
                self.conn.execute(f"SET pg_trgm.similarity_threshold = {float(floor)}")
                self._threshold = floor
            where = "WHERE t.doc %% q.q"
        else:
            where = ""
        rows = self.conn.execute(
            f"SELECT t.id, similarity(t.doc, q.q) AS s FROM {self.table} t, "
            f"(SELECT {expr} AS q) q {where} ORDER BY s DESC LIMIT %s",
            (doc, k + len(exclude))).fetchall()
        return _top(((i, float(s)) for i, s in rows), k, exclude, floor)

    def size(self) -> int | None:
        row = self.conn.execute("SELECT pg_total_relation_size(%s)", (self.table,)).fetchone()
        return int(row[0]) if row else None

    def close(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS {self.table}")
        self.conn.close()


class Fts5:
    """SQLite FTS5 with diacritics removed by the tokenizer, ranked by bm25 (score = -bm25)."""

    def __init__(self, path: Path, *, key: bool = False, create: bool = True) -> None:
        """A new table in a new file, or (create False) another connection to an existing one."""
        self.key = key
        self.name = "fts5-key" if key else "fts5"
        self.path = path
        if create:
            path.unlink(missing_ok=True)
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        if create:
            self.conn.execute(
                "CREATE VIRTUAL TABLE entries USING fts5("
                "id UNINDEXED, doc, tokenize = 'unicode61 remove_diacritics 2')")

    def _doc(self, text: str) -> str:
        # The tokenizer folds tone and vowel marks but keeps đ: fold it like the product does.
        return search_key(text) if self.key else nfc(text).replace("đ", "d").replace("Đ", "D")

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        self.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        self.conn.execute("INSERT INTO entries (id, doc) VALUES (?, ?)",
                          (entry_id, self._doc(text)))

    def add_many(self, rows: Iterable[Row]) -> None:
        self.conn.execute("BEGIN")
        self.conn.executemany("INSERT INTO entries (id, doc) VALUES (?, ?)",
                              ((i, self._doc(text)) for i, text, _m in rows))
        self.conn.execute("COMMIT")

    def match(self, text: str) -> str:
        words = dict.fromkeys(strip_accents(w).lower() for w in _FTS_WORD.findall(self._doc(text)))
        return " OR ".join(f'"{word}"' for word in words)

    def query(self, text: str, k: int = 3, exclude: Iterable[str] = (), *,
              min_score: float | None = None) -> Sequence[Hit]:
        exclude = list(exclude)
        match = self.match(text)
        if not match:
            return []
        rows = self.conn.execute(
            "SELECT id, -bm25(entries) AS s FROM entries WHERE entries MATCH ? "
            "ORDER BY bm25(entries) LIMIT ?", (match, k + len(exclude))).fetchall()
        return _top(((i, float(s)) for i, s in rows), k, exclude, min_score or 0.0)

    def size(self) -> int | None:
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        page = self.conn.execute("PRAGMA page_size").fetchone()[0]
        return int(pages * page)

    def close(self, *, remove: bool = True) -> None:
        self.conn.close()
        if remove:
            self.path.unlink(missing_ok=True)


def rss() -> int:
    """This process's resident memory in bytes (Linux), after a full collection."""
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
