"""Reading a field's text for substance: words, filler, copies, phrases and measurable figures."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from bot.quality import rules
from bot.similar.lexicon import STOP_WORDS
from bot.similar.normalize import fold, nfc, strip_accents

_WORD = re.compile(r"\w+")
# A Vietnamese syllable without accents: initial consonant, one to three vowels, final.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)
_NUMBER = r"\d+(?:[.,]\d+)*"


@dataclass(frozen=True)
class Substance:
    """What a text holds: its meaningful syllables (folded, distinct) and word count.

    filler names what disqualifies the text whatever its length: "empty", "noise" (symbols,
    emoji, one character repeated) or "foreign" (lorem ipsum, keyboard mash). repetitive only
    explains why a text is thin: repeated words never add to `distinct`, so they cannot pass.
    """

    distinct: frozenset[str]
    words: int
    filler: str | None
    repetitive: bool


def words(text: str) -> list[str]:
    """Folded words (lower case, tone placement and i/y folded), minus one-character runs."""
    return [w for w in fold(text).split() if not _is_run(w)]


def _is_run(word: str) -> bool:
    return len(word) >= rules.RUN_LENGTH and len(set(word)) == 1


def is_vietnamese_syllable(word: str) -> bool:
    """True for what could be a Vietnamese syllable ("nghiêng", "quý"), False for "lorem"."""
    return bool(_SYLLABLE.fullmatch(strip_accents(word).lower()))


def _letter_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(1 for ch in visible if unicodedata.category(ch).startswith(("L", "N")))
    return letters / len(visible) if visible else 0.0


def _is_foreign(found: list[str]) -> bool:
    alphabetic = [w for w in found if w.isalpha() and len(w) > 1]
    if any(w in rules.LOREM_WORDS for w in alphabetic):
        return True
    foreign = sum(1 for w in alphabetic if not is_vietnamese_syllable(w))
    return foreign >= rules.FOREIGN_MIN_WORDS and foreign >= rules.FOREIGN_RATIO * len(alphabetic)


_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)


def substance(text: str) -> Substance:
    """The meaningful content of a text and, when it is filler, which kind."""
    text = nfc(text or "").strip()
    found = words(text)
    meaningful = frozenset(w for w in found if w not in _STOP_WORDS and w not in rules.LOREM_WORDS)
    filler: str | None = None
    if not text:
        filler = "empty"
    elif not found or _letter_share(text) < rules.NOISE_LETTER_RATIO:
        filler = "noise"
    elif _is_foreign(found):
        filler = "foreign"
    repeats = len(found) >= max(
        rules.REPETITION_MIN_WORDS, rules.REPETITION_FACTOR * len(set(found))
    )
    return Substance(distinct=meaningful, words=len(found), filler=filler, repetitive=repeats)


def similarity(first: str, second: str) -> float:
    """Token-set Jaccard of two texts' meaningful syllables, 0 when either has none."""
    a, b = substance(first).distinct, substance(second).distinct
    return len(a & b) / len(a | b) if a and b else 0.0


@cache
def fold_phrase(phrase: str) -> str:
    """A phrase from the rule data folded like the text it is looked for in."""
    return fold(phrase)


def contains_phrase(folded_text: str, phrase: str) -> bool:
    """Whether a folded text holds a phrase as whole words ("số hoá" matches "số hóa")."""
    return f" {fold_phrase(phrase)} " in f" {folded_text} "


def remove_phrases(folded_text: str, phrases: tuple[str, ...]) -> str:
    """The folded text without the given phrases, longest first so "một số" goes before "số"."""
    padded = f" {folded_text} "
    for phrase in sorted(phrases, key=len, reverse=True):
        target = f" {fold_phrase(phrase)} "
        while target in padded:
            padded = padded.replace(target, " ")
    return " ".join(padded.split())


@cache
def _figure_pattern() -> re.Pattern[str]:
    units = sorted((re.escape(u) for u in rules.UNITS), key=len, reverse=True)
    return re.compile(rf"(?<![\w/.,]){_NUMBER}\s*(?:{'|'.join(units)})(?![\w/])")


def figures(text: str) -> list[str]:
    """Numbers with a unit ("30 phút", "2,5 triệu", "15%"); years and document numbers are not."""
    return [m.group(0) for m in _figure_pattern().finditer(nfc(text or "").lower())]
