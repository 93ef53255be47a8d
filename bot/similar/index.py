"""In-memory "done before?" index: syllables and syllable pairs, synonyms folded, IDF cosine.

The caller feeds it rows (from SQLite, PostgreSQL or an imported list) and keeps it in
step with add/remove; it needs no database feature. Postings are arrays of internal slot
numbers in increasing order, so a query counts hits in the postings of its rarest terms
only, then scores the best candidates exactly from their own term lists.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from bot.similar.normalize import concept_tokens

# Chosen on the development half of tests/data/similar (bench/similarity.py --calibrate):
# an entry is shown from DEFAULT_THRESHOLD, at most 1 in 10 new entries whose idea is not
# in the index (same-field distractors and unrelated ideas) is shown anything; from
# STRONG_THRESHOLD at most 1 in 50, and the match reads as "rất giống".
DEFAULT_THRESHOLD = 0.455
STRONG_THRESHOLD = 0.55


@dataclass(frozen=True)
class Limits:
    """How much work one query may do; the defaults keep p99 well under 50 ms at 100,000."""

    postings_budget: int = 20_000  # postings counted, rarest terms first, to pick candidates
    candidates: int = 256  # entries with the most hits, then scored exactly
    bigram_weight: float = 0.3  # bigrams are rarer, so their IDF is already higher
    # Query words no entry has, against their full weight. 0.5 showed more rewordings on the
    # development half of 189 entries but more false alarms among 100,000: kept at 1.
    unseen_weight: float = 1.0
    epoch_drift: float = 0.02  # refresh cached document norms once N drifts by this much
    exact_below: int = 2_000  # small indexes refresh on every change


@dataclass(frozen=True)
class Match:
    """One earlier entry like the query: its id, cosine score in [0, 1] and the caller's meta.

    `strong` when the score reaches the index's strong threshold ("rất giống").
    """

    entry_id: str
    score: float
    meta: Mapping[str, Any]
    strong: bool = False


def terms(text: str) -> set[str]:
    """Index terms of a text: folded syllables and adjacent syllable pairs, synonyms folded."""
    syllables = concept_tokens(text)
    found = set(syllables)
    found.update(f"{a} {b}" for a, b in zip(syllables, syllables[1:], strict=False))
    return found


def _idf(df: int, n: int) -> float:
    # BM25's IDF, floored at a small positive value so a term in every entry still counts.
    return max(math.log(1.0 + (n - df + 0.5) / (df + 0.5)), 0.01)


class SimilarityIndex:
    """Entries by id; `query` returns the k most similar above the threshold.

    Not thread-safe (a query refreshes cached norms): share one behind a lock.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        strong: float = STRONG_THRESHOLD,
        limits: Limits | None = None,
    ):
        self.threshold = threshold
        self.strong = strong
        self.limits = limits or Limits()
        self._term_ids: dict[str, int] = {}
        self._postings: list[array[int]] = []
        self._is_bigram = bytearray()
        self._slot_of: dict[str, int] = {}
        self._entry_ids: list[str | None] = []
        self._metas: list[Mapping[str, Any] | None] = []
        self._doc_terms: list[array[int] | None] = []
        self._norms = array("d")
        self._norm_epochs = array("q")
        self._epoch = 0
        self._epoch_size = 0
        self._changes = 0  # adds and removes since the epoch began
        self._weight_cache: dict[int, float] = {}

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._slot_of

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        """Index an entry; an id already present is replaced (an edited entry)."""
        self.remove(entry_id)
        slot = len(self._entry_ids)
        term_ids = array("I", sorted(self._term_id(term) for term in terms(text)))
        for term_id in term_ids:
            self._postings[term_id].append(slot)
        self._slot_of[entry_id] = slot
        self._entry_ids.append(entry_id)
        self._metas.append(meta or {})
        self._doc_terms.append(term_ids)
        self._norms.append(0.0)
        self._norm_epochs.append(-1)
        self._changes += 1

    def add_many(self, rows: Iterable[tuple[str, str, Mapping[str, Any]]]) -> None:
        """Index (entry_id, text, meta) rows, e.g. all stored entries at start-up."""
        for entry_id, text, meta in rows:
            self.add(entry_id, text, meta)

    def remove(self, entry_id: str) -> bool:
        """Forget an entry (withdrawn, deleted, or about to be re-indexed); False if unknown."""
        slot = self._slot_of.pop(entry_id, None)
        if slot is None:
            return False
        for term_id in self._doc_terms[slot] or ():
            postings = self._postings[term_id]
            del postings[bisect_left(postings, slot)]
        # The slot stays empty: postings must stay sorted by slot for bisect.
        self._entry_ids[slot] = None
        self._metas[slot] = None
        self._doc_terms[slot] = None
        self._changes += 1
        return True

    def query(
        self,
        text: str,
        k: int = 3,
        exclude: Iterable[str] = frozenset(),
        *,
        min_score: float | None = None,
    ) -> list[Match]:
        """The k entries most like `text` scoring at least the threshold, best first."""
        floor = self.threshold if min_score is None else min_score
        if not self._slot_of or k <= 0:
            return []
        self._refresh_epoch()
        query_norm, ranked_terms = self._query_terms(terms(text))
        if not ranked_terms:
            return []
        candidates = self._candidates(ranked_terms)
        skip = {self._slot_of[e] for e in exclude if e in self._slot_of}
        scored = self._score(candidates, ranked_terms, skip, query_norm)
        best = heapq.nlargest(k, (item for item in scored if item[1] >= floor), key=itemgetter(1))
        return [self._match(slot, score) for slot, score in best]

    def stats(self) -> dict[str, int]:
        """Entries, distinct terms and postings: what the index's memory grows with."""
        return {
            "entries": len(self._slot_of),
            "terms": len(self._term_ids),
            "postings": sum(len(p) for p in self._postings),
            "slots": len(self._entry_ids),
        }

    def _term_id(self, term: str) -> int:
        term_id = self._term_ids.get(term)
        if term_id is None:
            term_id = len(self._postings)
            self._term_ids[term] = term_id
            self._postings.append(array("I"))
            self._is_bigram.append(1 if " " in term else 0)
        return term_id

    def _weight(self, term_id: int, df: int, n: int) -> float:
        bigram = self._is_bigram[term_id]
        return _idf(df, n) * (self.limits.bigram_weight if bigram else 1.0)

    def _query_terms(self, query_terms: set[str]) -> tuple[float, list[tuple[int, int, float]]]:
        """The query's norm and its known terms as (df, term id, squared weight), rarest first."""
        n = len(self._slot_of)
        norm2 = 0.0
        known: list[tuple[int, int, float]] = []
        for term in query_terms:
            term_id = self._term_ids.get(term)
            df = len(self._postings[term_id]) if term_id is not None else 0
            if not df:
                # Unseen words are new content: they lower every score, as they should.
                bigram = self.limits.bigram_weight if " " in term else 1.0
                weight = _idf(0, n) * bigram * self.limits.unseen_weight
            else:
                assert term_id is not None
                weight = self._weight(term_id, df, n)
            norm2 += weight * weight
            if df and term_id is not None:
                known.append((df, term_id, weight * weight))
        known.sort()
        return math.sqrt(norm2), known

    def _candidates(self, ranked_terms: list[tuple[int, int, float]]) -> list[int]:
        """Entries holding the most of the query's rarest terms, walking postings within budget.

        Counting in C (Counter.update) instead of summing weights in a Python loop is what
        keeps p99 low; the candidates' exact scores are computed afterwards.
        """
        hits: Counter[int] = Counter()
        spent = 0
        for df, term_id, _weight2 in ranked_terms:
            if spent and spent + df > self.limits.postings_budget:
                break
            spent += df
            hits.update(self._postings[term_id])
        if len(hits) <= self.limits.candidates:
            return list(hits)
        return [slot for slot, _count in hits.most_common(self.limits.candidates)]

    def _score(
        self,
        candidates: list[int],
        ranked_terms: list[tuple[int, int, float]],
        skip: set[int],
        query_norm: float,
    ) -> list[tuple[int, float]]:
        """Exact cosine of each candidate: the query terms it holds over both norms."""
        weights = {term_id: weight2 for _df, term_id, weight2 in ranked_terms}
        weight_of = weights.__getitem__
        query_ids = set(weights)
        scored: list[tuple[int, float]] = []
        for slot in candidates:
            doc_terms = self._doc_terms[slot]
            if slot in skip or doc_terms is None:
                continue
            dot = sum(map(weight_of, query_ids.intersection(doc_terms)))
            scored.append((slot, min(dot / (query_norm * self._norm(slot)), 1.0)))
        return scored

    def _refresh_epoch(self) -> None:
        """Start a new epoch of cached norms once the collection has changed enough."""
        if self._epoch and not self._changes:
            return
        size = len(self._slot_of)
        tolerated = self.limits.epoch_drift * self._epoch_size
        if self._epoch and size >= self.limits.exact_below and self._changes <= tolerated:
            return
        self._epoch += 1
        self._epoch_size = size
        self._changes = 0
        self._weight_cache.clear()

    def _norm(self, slot: int) -> float:
        if self._norm_epochs[slot] != self._epoch:
            n = self._epoch_size
            cache = self._weight_cache
            total = 0.0
            for term_id in self._doc_terms[slot] or ():
                weight2 = cache.get(term_id)
                if weight2 is None:
                    weight = self._weight(term_id, len(self._postings[term_id]), n)
                    weight2 = cache[term_id] = weight * weight
                total += weight2
            self._norms[slot] = math.sqrt(total) or 1.0
            self._norm_epochs[slot] = self._epoch
        return self._norms[slot]

    def _match(self, slot: int, score: float) -> Match:
        entry_id = self._entry_ids[slot]
        meta = self._metas[slot]
        assert entry_id is not None and meta is not None
        score = round(score, 4)
        return Match(entry_id=entry_id, score=score, meta=meta, strong=score >= self.strong)
