"""Rules on free-text fields: described with substance, not a copy of another, measurable."""

from __future__ import annotations

from bot.quality import rules
from bot.quality.catalogue import message
from bot.quality.report import QualityItem
from bot.quality.text import Substance, figures, remove_phrases, similarity, substance, words


def passed(rule: str, **values: object) -> QualityItem:
    return QualityItem(rule=rule, passed=True, message=message(rule, **values))


def failed(rule: str, reason: str, **values: object) -> QualityItem:
    return QualityItem(rule=rule, passed=False, message=message(rule, reason, **values))


def _thin_reason(found: Substance) -> str:
    if found.filler in ("empty", None):
        return "repetition" if found.repetitive else "thin"
    return found.filler


def has_substance(text: str, minimum: int) -> bool:
    """Enough distinct meaningful syllables, and not symbols, lorem ipsum or mash."""
    found = substance(text)
    return found.filler is None and len(found.distinct) >= minimum


def described(rule: str, text: str, minimum: int, *, title: str = "") -> QualityItem:
    """The field says something: `minimum` distinct syllables, and not just the title again.

    With a title, at least half the minimum must be words the title does not already hold,
    so pasting the title (plus a few words) as the description does not pass.
    """
    found = substance(text)
    if found.filler is None and len(found.distinct) >= minimum:
        title_words = substance(title).distinct if title else frozenset()
        own = found.distinct - title_words
        if len(own) >= minimum // 2:
            return passed(rule)
        return failed(rule, "copy_of_title")
    if found.filler is None and not found.repetitive and title and _mostly_title(found, title):
        return failed(rule, "copy_of_title")
    return failed(rule, _thin_reason(found))


def _mostly_title(found: Substance, title: str) -> bool:
    title_words = substance(title).distinct
    shared = len(found.distinct & title_words)
    return bool(found.distinct) and shared >= rules.TITLE_COVERAGE * len(found.distinct)


def differs(
    rule: str, original: QualityItem, text: str, others: list[tuple[QualityItem, str]]
) -> QualityItem:
    """None of the described `others` copies `original` (token-set similarity below threshold).

    Only fields whose own item passed are compared: comparing filler proves nothing.
    """
    present = [other for item, other in others if item.passed]
    if not original.passed or not present:
        return failed(rule, "incomplete")
    closest = max(similarity(text, other) for other in present)
    if closest >= rules.COPY_SIMILARITY:
        return failed(rule, "copy", percent=round(closest * 100))
    return passed(rule)


def concrete_syllables(text: str) -> set[str]:
    """Meaningful syllables left once vague praise ("hiệu quả cao", "thiết thực") is removed."""
    left = remove_phrases(" ".join(words(text)), rules.VAGUE_WORDS)
    return set(left.split()) & substance(text).distinct


def measurable(rule: str, text: str, minimum: int) -> QualityItem:
    """At least one number with a unit, in a sentence that is more than praise around it."""
    found = substance(text)
    if found.filler is not None:
        return failed(rule, _thin_reason(found))
    numbers = figures(text)
    if numbers and len(concrete_syllables(text)) >= rules.FIGURE_MIN_CONCRETE:
        return passed(rule, figure=numbers[0])
    if len(found.distinct) < minimum:
        return failed(rule, _thin_reason(found))
    return failed(rule, "no_figure")


def concrete(rule: str, text: str, minimum: int) -> QualityItem:
    """A figure, or an effect told in concrete words rather than praise (hiến kế)."""
    found = substance(text)
    if found.filler is not None:
        return failed(rule, _thin_reason(found))
    kept = concrete_syllables(text)
    if len(kept) >= minimum or (figures(text) and len(kept) >= rules.FIGURE_MIN_CONCRETE):
        return passed(rule)
    return failed(rule, "repetition" if found.repetitive else "thin")
