"""Has this been done before? Vietnamese search keys, an in-memory index, xlsx import."""

from bot.similar.index import DEFAULT_THRESHOLD, STRONG_THRESHOLD, Limits, Match, SimilarityIndex
from bot.similar.normalize import fold, search_key, strip_accents, tokens

__all__ = [
    "DEFAULT_THRESHOLD",
    "STRONG_THRESHOLD",
    "Limits",
    "Match",
    "SimilarityIndex",
    "fold",
    "search_key",
    "strip_accents",
    "tokens",
]
