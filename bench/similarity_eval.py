"""The "done before?" evaluation set (tests/data/similar) and its measures and calibration.

The set: paraphrase pairs (an earlier entry and the same idea reworded by someone else),
distractors (same field and words, another idea) and unrelated new ideas. Each list is
split by line order into a development half (tune there) and a held-out half (report).
An evaluation indexes the earlier entry of every pair, both halves, as the index of a
province would hold them, then asks with the half's reworded entries, distractors and
unrelated ideas.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "similar"
HALVES = ("dev", "held-out")
# Of the older hand-written set, these restate an earlier entry of this one: not unrelated.
NOT_UNRELATED = frozenset(
    {
        "Lắp đèn năng lượng mặt trời chiếu sáng đường thôn",
        "Thu gom bao bì thuốc bảo vệ thực vật trên đồng ruộng vào bể chứa",
        "Tổ chức chợ phiên nông sản an toàn cuối tuần",
        "Ủ phân trùn quế từ rác nhà bếp",
    }
)


class Found(Protocol):
    entry_id: str
    score: float


class Index(Protocol):
    """What the evaluation needs of an index: SimilarityIndex has it."""

    def add(self, entry_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None: ...

    def query(
        self, text: str, k: int = 3, exclude: Iterable[str] = ..., *, min_score: float | None = ...
    ) -> Sequence[Found]: ...


@dataclass(frozen=True)
class Pair:
    kind: str  # S synonyms, A abbreviations, V voice/order, D details, T title vs body
    earlier: str
    new: str


@dataclass(frozen=True)
class Half:
    name: str
    pairs: list[Pair]
    distractors: list[str]
    unrelated: list[str]


@dataclass(frozen=True)
class Figures:
    """One index on one half: ranking quality and what a threshold would show."""

    recall_at_1: float
    recall_at_3: float
    shown_recall: float  # the partner is among what the threshold lets through
    distractor_alarms: float  # share of distractors shown anything
    unrelated_alarms: float  # share of unrelated new ideas shown anything
    pair_scores: list[float]  # the partner's score (0 when not in the top 3)
    negative_scores: list[float]  # top score of each distractor and unrelated idea

    def line(self) -> str:
        return (
            f"recall@1 {self.recall_at_1:.3f}  recall@3 {self.recall_at_3:.3f}  "
            f"shown {self.shown_recall:.3f}  false alarms: distractors "
            f"{self.distractor_alarms:.3f}, unrelated {self.unrelated_alarms:.3f}"
        )


def _data_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def read_pairs(path: Path) -> list[Pair]:
    """kind<TAB>earlier<TAB>new lines; a line without a kind reads as two columns."""
    pairs = []
    for line in _data_lines(path):
        cells = line.split("\t")
        if len(cells) == 2:
            cells = ["", *cells]
        if len(cells) != 3:
            raise ValueError(f"{path}: not kind<TAB>earlier<TAB>new: {line[:60]}")
        pairs.append(Pair(*cells))
    return pairs


def read_lines(path: Path) -> list[str]:
    return _data_lines(path)


def _old_unrelated() -> list[str]:
    from tests.bot.similar.paraphrases import DISTRACTORS, NEW_IDEAS

    return [text for text in NEW_IDEAS + DISTRACTORS if text not in NOT_UNRELATED]


def load(data: Path = DATA) -> dict[str, Half]:
    """The two halves: odd data lines are development, even lines held out."""
    pairs = read_pairs(data / "pairs.tsv")
    distractors = read_lines(data / "distractors.txt")
    unrelated = _old_unrelated()
    return {
        name: Half(name, pairs[side::2], distractors[side::2], unrelated[side::2])
        for side, name in enumerate(HALVES)
    }


def earlier_entries(halves: Mapping[str, Half]) -> list[tuple[str, str]]:
    """(entry id, text) of every pair's earlier entry, both halves."""
    return [
        (f"{half.name}-{number}", pair.earlier)
        for half in halves.values()
        for number, pair in enumerate(half.pairs)
    ]


def evaluate(
    factory: Callable[[], Index], halves: Mapping[str, Half], name: str, threshold: float
) -> Figures:
    """Figures of a fresh index from `factory` on half `name` at `threshold`."""
    index = factory()
    for entry_id, text in earlier_entries(halves):
        index.add(entry_id, text, {})
    half = halves[name]
    first = third = shown = 0
    pair_scores = []
    for number, pair in enumerate(half.pairs):
        top = list(index.query(pair.new, k=3, min_score=0.0))
        ids = [match.entry_id for match in top]
        partner = f"{name}-{number}"
        first += ids[:1] == [partner]
        third += partner in ids
        score = next((m.score for m in top if m.entry_id == partner), 0.0)
        shown += partner in ids and score >= threshold
        pair_scores.append(score)

    def top_score(text: str) -> float:
        top = index.query(text, k=1, min_score=0.0)
        return top[0].score if top else 0.0

    distractor_scores = [top_score(text) for text in half.distractors]
    unrelated_scores = [top_score(text) for text in half.unrelated]
    count = len(half.pairs)
    return Figures(
        recall_at_1=first / count,
        recall_at_3=third / count,
        shown_recall=shown / count,
        distractor_alarms=_share_at_least(distractor_scores, threshold),
        unrelated_alarms=_share_at_least(unrelated_scores, threshold),
        pair_scores=pair_scores,
        negative_scores=distractor_scores + unrelated_scores,
    )


def _share_at_least(scores: Sequence[float], threshold: float) -> float:
    return sum(score >= threshold for score in scores) / len(scores) if scores else 0.0


def threshold_for(negative_scores: Sequence[float], budget: float) -> float:
    """The lowest score that shows at most `budget` of the negatives anything.

    The result sits just above the negative at the budget's edge, rounded up to 0.005.
    """
    ranked = sorted(negative_scores, reverse=True)
    allowed = math.floor(budget * len(ranked))
    if allowed >= len(ranked):
        return 0.0
    edge = ranked[allowed]
    return math.floor(edge * 200 + 1) / 200
