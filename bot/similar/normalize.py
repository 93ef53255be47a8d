"""Vietnamese search keys: NFC, tone-mark placement, i/y, accents, abbreviations, stop-words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.similar.lexicon import ABBREVIATIONS, ACCENTLESS_STOP_WORDS, STOP_WORDS
from bot.similar.synonyms import SYNONYMS

# The five tone marks as combining characters; vowel-quality marks (â ă ê ô ơ ư) are not.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
# A word is a run of letters/digits; "&" and "-" only inside, so "KH&CN" and "KT-XH" survive.
_WORD = re.compile(r"\w+(?:[&-]\w+)*")


def nfc(text: str) -> str:
    """The text in Unicode NFC, the one form stored and compared."""
    return unicodedata.normalize("NFC", text)


def strip_accents(text: str) -> str:
    """The text without any diacritic, đ→d: "Thủy sản" → "Thuy san"."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone, by the traditional rule (hòa, thủy, khỏe)."""
    lower = base.lower()
    start = next((i for i, ch in enumerate(lower) if ch in _VOWELS), None)
    if start is None:
        return None
    # In "qu-" and "gi-" the u/i belongs to the consonant when a vowel follows (quả, giữa).
    if lower[:2] in ("qu", "gi") and len(lower) > 2 and lower[2] in _VOWELS:
        start = 2
    end = start
    while end < len(lower) and lower[end] in _VOWELS:
        end += 1
    marked = [i for i in range(start, end) if lower[i] in _MARKED_VOWELS]
    if marked:
        return marked[-1]
    size = end - start
    if size == 1:
        return start
    if size == 3:
        return start + 1
    return start + 1 if end < len(lower) else start


def place_tone(word: str) -> str:
    """One syllable with its tone mark on the canonical vowel: "hoà" → "hòa", "uỷ" → "ủy"."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return nfc(word)
    base = nfc("".join(ch for ch in decomposed if ch not in _TONES))
    position = _tone_position(base)
    if position is None:
        return nfc(word)
    return nfc(base[: position + 1] + tones[0] + base[position + 1 :])


def fold_iy(word: str) -> str:
    """A syllable-final y after a consonant written as i (kỹ/kĩ, lý/lí, quy/qui kept apart)."""
    decomposed = unicodedata.normalize("NFD", word)
    letters = [ch for ch in decomposed if not unicodedata.combining(ch)]
    if len(letters) < 2 or letters[-1].lower() != "y" or letters[-2].lower() not in _CONSONANTS:
        return word
    cut = decomposed.rfind(letters[-1])
    replacement = "i" if letters[-1] == "y" else "I"
    return nfc(decomposed[:cut] + replacement + decomposed[cut + 1 :])


def fold(text: str) -> str:
    """Lower case NFC with tone placement and i/y folded: a toned key for comparing."""
    words = _WORD.findall(nfc(text).lower())
    return " ".join(fold_iy(place_tone(word)) for word in words)


def _abbreviation_key(word: str) -> str:
    return strip_accents(word).lower()


_EXPANSIONS: dict[str, tuple[str, ...]] = {
    _abbreviation_key(short): tuple(long.split()) for short, long in ABBREVIATIONS.items()
}

# A few thousand distinct words cover a corpus, so caching per word makes indexing cheap.
_WORD_CACHE = 200_000


@lru_cache(maxsize=_WORD_CACHE)
def _expansion(word: str) -> tuple[str, ...]:
    return _EXPANSIONS.get(_abbreviation_key(word), (word,))


def expand(words: list[str]) -> list[str]:
    """Abbreviations replaced by their words: ["ubnd", "xã"] → ["ủy", "ban", "nhân", "dân", "xã"]."""
    expanded: list[str] = []
    for word in words:
        expanded.extend(_expansion(word))
    return expanded


def _is_accentless(words: list[str]) -> bool:
    return all(word.isascii() for word in words)


def content_words(text: str, *, synonyms: bool = False) -> list[str]:
    """NFC lower-case words of the text, abbreviations expanded, stop-words dropped.

    With `synonyms`, each variant of a group in SYNONYMS is first replaced by its first.
    """
    words = expand(_WORD.findall(nfc(text).lower()))
    accentless = _is_accentless(words)
    if synonyms:
        words = _canonical(words, accentless=accentless)
    stops = ACCENTLESS_STOP_WORDS if accentless else STOP_WORDS
    return [word for word in words if word not in stops]


@lru_cache(maxsize=_WORD_CACHE)
def _toned_key(word: str) -> str:
    return fold_iy(place_tone(word))


Phrases = dict[tuple[str, ...], tuple[str, ...]]


def _phrase_tables() -> tuple[Phrases, Phrases, dict[str, int]]:
    """Variant → canonical words, on toned keys and (2+ words only) on accent-free keys."""
    toned: Phrases = {}
    bare: Phrases = {}
    longest: dict[str, int] = {}
    for group in SYNONYMS:
        target = tuple(expand(_WORD.findall(nfc(group[0]).lower())))
        for variant in group:
            words = expand(_WORD.findall(nfc(variant).lower()))
            for table, key in (
                (toned, tuple(_toned_key(word) for word in words)),
                (bare, tuple(key_word(word) for word in words)),
            ):
                if table is bare and len(words) < 2:
                    continue
                table.setdefault(key, target)
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return toned, bare, longest


def _canonical(words: list[str], *, accentless: bool) -> list[str]:
    """The words with every synonym phrase replaced, longest match first, left to right."""
    table = _BARE if accentless else _TONED
    keys = [key_word(word) if accentless else _toned_key(word) for word in words]
    found: list[str] = []
    position = 0
    while position < len(words):
        longest = _LONGEST.get(keys[position])
        if longest is None:  # most words start no phrase
            found.append(words[position])
            position += 1
            continue
        size = min(longest, len(words) - position)
        while size:
            target = table.get(tuple(keys[position : position + size]))
            if target is not None:
                found.extend(target)
                position += size
                break
            size -= 1
        else:
            found.append(words[position])
            position += 1
    return found


@lru_cache(maxsize=_WORD_CACHE)
def key_word(word: str) -> str:
    """One word's search key: tone placement and i/y folded, then accent-free, đ→d."""
    return strip_accents(fold_iy(place_tone(word)))


def tokens(text: str) -> list[str]:
    """The search key of a text as a list of accent-free syllables, in order."""
    return [key_word(word) for word in content_words(text)]


def concept_tokens(text: str) -> list[str]:
    """Like `tokens`, with synonyms read as one word: what the similarity index compares."""
    return [key_word(word) for word in content_words(text, synonyms=True)]


def search_key(text: str) -> str:
    """The search key of a text as one string: "Sở KH&CN" → "so khoa hoc cong nghe"."""
    return " ".join(tokens(text))


_TONED, _BARE, _LONGEST = _phrase_tables()
