"""The harder "done before?" evaluation set (tests/data/similar): its shape and the figures it holds."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bench.similarity_eval import (
    DATA,
    HALVES,
    Figures,
    Half,
    evaluate,
    load,
    read_lines,
    read_pairs,
    threshold_for,
)
from bot.similar.index import DEFAULT_THRESHOLD, STRONG_THRESHOLD, SimilarityIndex
from bot.similar.lexicon import STOP_WORDS
from bot.similar.normalize import fold, strip_accents
from tests.bot.similar.test_importer import HEADERS, write_xlsx

# The figures reported for issue 12 on the held-out half; a change that ranks worse fails here.
HELD_OUT_RECALL_AT_3 = 0.819
HELD_OUT_RECALL_AT_1 = 0.617
BUDGET, STRONG_BUDGET = 0.10, 0.02


@pytest.fixture(scope="module")
def halves() -> dict[str, Half]:
    return load()


@pytest.fixture(scope="module")
def held_out(halves: dict[str, Half]) -> Figures:
    return evaluate(SimilarityIndex, halves, "held-out", DEFAULT_THRESHOLD)


@pytest.fixture(scope="module")
def dev(halves: dict[str, Half]) -> Figures:
    return evaluate(SimilarityIndex, halves, "dev", DEFAULT_THRESHOLD)


def test_the_set_is_big_split_in_two_and_written_in_nfc(halves: dict[str, Half]) -> None:
    assert set(halves) == set(HALVES)
    assert sum(len(h.pairs) for h in halves.values()) >= 150
    assert sum(len(h.distractors) for h in halves.values()) >= 300
    assert all(len(h.unrelated) >= 50 for h in halves.values())
    texts = [t for h in halves.values() for p in h.pairs for t in (p.earlier, p.new)]
    texts += [t for h in halves.values() for t in h.distractors]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert len(set(texts)) == len(texts), "a text appears twice"
    assert {p.kind for h in halves.values() for p in h.pairs} == {"S", "A", "V", "D", "T"}


def written_words(text: str) -> set[str]:
    """The words as written (no abbreviation expanded), stop-words left out."""
    return {word for word in fold(text).split() if word not in STOP_WORDS}


def test_pairs_are_rewordings_not_copies() -> None:
    """Two texts of a pair share at most half their written words, a sixth on average."""
    overlaps = []
    for pair in read_pairs(DATA / "pairs.tsv"):
        earlier, new = written_words(pair.earlier), written_words(pair.new)
        overlaps.append(len(earlier & new) / len(earlier | new))
        assert overlaps[-1] <= 0.5, (pair.earlier, pair.new)
    assert sum(overlaps) / len(overlaps) <= 0.2


def test_held_out_ranking_holds_the_reported_figures(held_out: Figures) -> None:
    print(f"held-out: {held_out.line()}")
    assert held_out.recall_at_3 >= HELD_OUT_RECALL_AT_3, held_out.line()
    assert held_out.recall_at_1 >= HELD_OUT_RECALL_AT_1, held_out.line()


def test_held_out_false_alarms_stay_near_the_budget(
    halves: dict[str, Half], held_out: Figures
) -> None:
    """Chosen on the other half, the threshold still shows at most about 1 in 10 anything."""
    half = halves["held-out"]
    negatives = len(half.distractors) + len(half.unrelated)
    alarms = (
        held_out.distractor_alarms * len(half.distractors)
        + held_out.unrelated_alarms * len(half.unrelated)
    ) / negatives
    assert alarms <= BUDGET, held_out.line()
    assert held_out.unrelated_alarms <= BUDGET, held_out.line()
    assert held_out.shown_recall > 0.2, held_out.line()


def test_the_thresholds_are_the_development_half_calibration(dev: Figures) -> None:
    """DEFAULT_THRESHOLD and STRONG_THRESHOLD are what --calibrate finds for the budgets."""
    assert threshold_for(dev.negative_scores, BUDGET) == DEFAULT_THRESHOLD
    assert threshold_for(dev.negative_scores, STRONG_BUDGET) == STRONG_THRESHOLD
    assert dev.distractor_alarms + dev.unrelated_alarms > 0  # the budget is spent, not idle


def test_accentless_rewordings_are_still_ranked(halves: dict[str, Half]) -> None:
    bare = {
        name: Half(
            name,
            [type(p)(p.kind, p.earlier, strip_accents(p.new)) for p in h.pairs],
            h.distractors,
            h.unrelated,
        )
        for name, h in halves.items()
    }
    figures = evaluate(SimilarityIndex, bare, "held-out", DEFAULT_THRESHOLD)
    print(f"held-out, new entries typed without accents: {figures.line()}")
    assert figures.recall_at_3 >= HELD_OUT_RECALL_AT_3 - 0.1


def test_threshold_for_leaves_at_most_the_budget_above() -> None:
    scores = [0.9, 0.5, 0.41, 0.4, 0.3, 0.2, 0.1, 0.1, 0.05, 0.0]
    assert threshold_for(scores, 0.1) == 0.505  # only 0.9 reaches it
    assert threshold_for(scores, 0.2) == 0.415
    assert threshold_for(scores, 0.0) == 0.905
    assert threshold_for(scores, 1.0) == 0.0


def test_calibrate_with_a_provinces_own_files(tmp_path: Path) -> None:
    """bench/similarity.py --calibrate: the printed threshold keeps its dev half in budget."""
    pairs = read_pairs(DATA / "pairs.tsv")[:40]
    (tmp_path / "pairs.tsv").write_text(
        "\n".join(f"{p.kind}\t{p.earlier}\t{p.new}" for p in pairs), encoding="utf-8"
    )
    distractors = (DATA / "distractors.txt").read_text(encoding="utf-8").splitlines()[:80]
    (tmp_path / "other.txt").write_text("\n".join(distractors), encoding="utf-8")
    sheet = write_xlsx(
        tmp_path / "earlier.xlsx",
        [HEADERS, ["QN-2019-1", "Nuôi ong lấy mật dưới tán rừng", "", "Sở NN", 2019, ""]],
    )
    script = [sys.executable, str(Path("bench") / "similarity.py"), "--calibrate"]
    files = ["--pairs", str(tmp_path / "pairs.tsv"), "--distractors", str(tmp_path / "other.txt")]
    done = subprocess.run(
        [*script, *files, "--xlsx", str(sheet), "--budget", "0.2"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert "1 earlier entries from" in done.stdout
    block = re.search(
        r"\[similar\]\nthreshold = ([\d.]+)\nstrong_threshold = ([\d.]+)", done.stdout
    )
    assert block, done.stdout
    threshold, strong = float(block[1]), float(block[2])
    assert 0 < threshold <= strong <= 1
    halves, others = load(), read_lines(tmp_path / "other.txt")
    own = {
        name: Half(name, pairs[side::2], others[side::2], halves[name].unrelated)
        for side, name in enumerate(HALVES)
    }

    def with_sheet() -> SimilarityIndex:
        index = SimilarityIndex()
        index.add("xlsx:QN-2019-1", "Nuôi ong lấy mật dưới tán rừng", {})
        return index

    dev = evaluate(with_sheet, own, "dev", threshold)
    alarms = sum(score >= threshold for score in dev.negative_scores)
    assert alarms <= 0.2 * len(dev.negative_scores)
    below = sum(score >= threshold - 0.005 for score in dev.negative_scores)
    assert below > 0.2 * len(dev.negative_scores)  # the lowest threshold within budget
