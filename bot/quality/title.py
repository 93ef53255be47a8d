"""The title rule: it states the solution (an action on something, by some means), not a slogan."""

from __future__ import annotations

from bot.quality import rules
from bot.quality.fields import failed, passed
from bot.quality.report import QualityItem
from bot.quality.text import contains_phrase, fold_phrase, remove_phrases, substance, words

RULE = "title_states_solution"


def is_all_caps(title: str) -> bool:
    letters = [ch for ch in title if ch.isalpha()]
    if len(letters) < rules.ALL_CAPS_MIN_LETTERS:
        return False
    return sum(1 for ch in letters if ch.isupper()) >= rules.ALL_CAPS_RATIO * len(letters)


def _has_any(folded: str, phrases: tuple[str, ...]) -> bool:
    return any(contains_phrase(folded, phrase) for phrase in phrases)


def is_slogan(title: str) -> bool:
    """A wish rather than a solution: no action or means, or a stock opener with no means after.

    "Nâng cao hiệu quả công tác cải cách hành chính" names no action; "Một số giải pháp nâng
    cao chất lượng dạy học" opens with a stock phrase and never says by what means.
    """
    folded = " ".join(words(title))
    for opener in map(fold_phrase, rules.SLOGAN_OPENERS):
        if f"{folded} ".startswith(f"{opener} "):
            if not _has_any(folded[len(opener) :], rules.MEANS_MARKERS):
                return True
            break
    # A means ("qua tranh ảnh, bài hát") says how, as an action verb does.
    if not _has_any(folded, rules.ACTION_WORDS + rules.MEANS_MARKERS):
        return True
    concrete = remove_phrases(folded, rules.VAGUE_WORDS + rules.ACTION_WORDS).split()
    return len(set(concrete) & substance(title).distinct) < rules.TITLE_MIN_CONCRETE


def check_title(title: str) -> QualityItem:
    """Present, six words or more, not shouting, not filler, not a slogan, not an essay."""
    found = substance(title)
    if found.filler == "empty":
        return failed(RULE, "thin")
    if found.filler is not None:
        return failed(RULE, found.filler)
    if found.words < rules.TITLE_MIN_WORDS:
        return failed(RULE, "too_short")
    if is_all_caps(title):
        return failed(RULE, "all_caps")
    if found.repetitive:
        return failed(RULE, "repetition")
    if is_slogan(title):
        return failed(RULE, "slogan")
    if found.words > rules.TITLE_MAX_WORDS:
        return failed(RULE, "too_long", limit=rules.TITLE_MAX_WORDS)
    return passed(RULE)
