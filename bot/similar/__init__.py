"""Has this been done before? Vietnamese search keys, an in-memory index, xlsx import.

Pure core: normalize, lexicon, synonyms, index, importer. service (the shared index kept
in step with storage) sits beside it and is not imported here. The core must not import
web, SDK or database modules; nothing here imports webhook or cli.
"""

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
