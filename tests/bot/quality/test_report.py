"""The checklist as a whole: items and order, JSON for the API, wording, purity."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import unicodedata

import pytest

from bot.quality import HIEN_KE, SANG_KIEN, QualityReport, check
from bot.quality.catalogue import FILLER, PASSED, SUGGESTIONS
from tests.bot.quality.examples import GOOD_HIEN_KE, GOOD_SANG_KIEN, TODAY

# --- whole reports -------------------------------------------------------------------------


def test_a_well_written_sang_kien_passes_every_rule() -> None:
    report = check(SANG_KIEN, GOOD_SANG_KIEN, today=TODAY)
    assert [i.message for i in report.failed] == []
    assert (report.passed_count, report.total) == (10, 10)
    assert [i.rule for i in report.items] == [
        "title_states_solution",
        "known_solution_described",
        "solution_described",
        "novelty_described",
        "new_differs_from_known",
        "first_applied_on_valid",
        "benefits_measurable",
        "conditions_described",
        "applicability_described",
        "shares_total_100",
    ]


def test_a_well_written_hien_ke_passes_the_lighter_check() -> None:
    report = check(HIEN_KE, GOOD_HIEN_KE, today=TODAY)
    assert [i.message for i in report.failed] == []
    assert [i.rule for i in report.items] == [
        "problem_described",
        "proposal_described",
        "benefit_concrete",
        "proposal_differs_from_problem",
    ]


def test_an_empty_form_fails_every_rule_with_a_suggestion() -> None:
    for kind in (SANG_KIEN, HIEN_KE):
        report = check(kind, {}, today=TODAY)
        assert report.passed_count == 0 and report.total > 0
        assert all(i.message for i in report.items)


def test_report_json_is_the_api_quality_object() -> None:
    report = check(HIEN_KE, {**GOOD_HIEN_KE, "benefit": "Hiệu quả cao"}, today=TODAY)
    assert report.to_json() == {
        "passed": 3,
        "total": 4,
        "items": [{"rule": i.rule, "passed": i.passed, "message": i.message} for i in report.items],
    }
    assert report.to_json()["items"][2]["passed"] is False


def test_report_is_frozen_and_items_are_looked_up_by_rule() -> None:
    report = check(HIEN_KE, GOOD_HIEN_KE, today=TODAY)
    assert isinstance(report, QualityReport) and isinstance(report.items, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.items = ()  # type: ignore[misc]
    with pytest.raises(KeyError):
        report.item("no_such_rule")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        check("sáng kiến", GOOD_SANG_KIEN, today=TODAY)


def test_decomposed_input_gets_the_same_verdicts() -> None:
    decomposed = {
        key: unicodedata.normalize("NFD", value) if isinstance(value, str) else value
        for key, value in GOOD_SANG_KIEN.items()
    }
    assert check(SANG_KIEN, decomposed, today=TODAY) == check(
        SANG_KIEN, GOOD_SANG_KIEN, today=TODAY
    )


# --- wording and purity --------------------------------------------------------------------


def test_every_rule_has_a_confirmation_and_suggestions_in_nfc_vietnamese() -> None:
    assert set(PASSED) == set(SUGGESTIONS)
    sentences = [*PASSED.values(), *FILLER.values()]
    sentences += [s for reasons in SUGGESTIONS.values() for s in reasons.values()]
    for sentence in sentences:
        assert sentence and unicodedata.is_normalized("NFC", sentence)
    suggestions = [s for reasons in SUGGESTIONS.values() for s in reasons.values()]
    assert all("nh/chị" in s or s.startswith("Nêu") for s in suggestions)


def test_quality_and_similar_packages_import_no_web_sdk_or_database_module() -> None:
    code = (
        "import sys, bot.quality, bot.similar.index, bot.similar.normalize;"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    forbidden = {
        "fastapi",
        "starlette",
        "httpx",
        "telegram",
        "sqlmodel",
        "sqlalchemy",
        "psycopg",
        "openpyxl",
        "storage",
        "webhook",
        "apscheduler",
    }
    assert not forbidden & {name.split(".")[0] for name in loaded}
