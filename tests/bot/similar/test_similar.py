"""Vietnamese search keys, the similarity index, and its recall/false-alarm evaluation."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from bot.similar.index import DEFAULT_THRESHOLD, Limits, Match, SimilarityIndex, terms
from bot.similar.normalize import (
    concept_tokens,
    content_words,
    fold,
    fold_iy,
    nfc,
    place_tone,
    search_key,
    strip_accents,
    tokens,
)
from tests.bot.similar.paraphrases import DISTRACTORS, NEW_IDEAS, PAIRS


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("khoẻ", "khỏe"),
        ("Hoà", "Hòa"),
        ("HOÀ", "HÒA"),
        ("hoàn", "hoàn"),  # a final consonant keeps the mark on the second vowel
        ("hoạch", "hoạch"),
        ("quả", "quả"),  # the u of qu- is not a vowel of the rhyme
        ("quý", "quý"),
        ("giữa", "giữa"),  # nor the i of gi-
        ("gì", "gì"),
        ("người", "người"),  # ươ carries it on ơ
        ("ngoài", "ngoài"),
        ("khuyến", "khuyến"),
        ("của", "của"),
        ("tuổi", "tuổi"),
        ("sản", "sản"),
        ("xa", "xa"),
        (nfd("thuỷ"), "thủy"),
    ],
)
def test_tone_mark_placement_is_folded(written: str, canonical: str) -> None:
    assert place_tone(written) == canonical


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("kỹ", "kĩ"),
        ("kĩ", "kĩ"),
        ("lý", "lí"),
        ("Mỹ", "Mĩ"),
        ("sỹ", "sĩ"),
        ("hy", "hi"),
        ("quý", "quý"),  # uy after q is a rhyme, not a spelling variant
        ("thủy", "thủy"),
        ("y", "y"),
        ("yêu", "yêu"),
    ],
)
def test_i_y_variants_are_folded(written: str, folded: str) -> None:
    assert fold_iy(written) == folded


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("thuỷ sản", "thủy sản"),
        ("Uỷ ban", "Ủy ban"),
        ("sức khoẻ", "sức khỏe"),
        ("kỹ thuật", "kĩ thuật"),
        ("lý lịch", "lí lịch"),
        (nfd("Quảng Ngãi"), "Quảng Ngãi"),
    ],
)
def test_fold_gives_one_toned_key(left: str, right: str) -> None:
    assert fold(left) == fold(right)
    assert unicodedata.is_normalized("NFC", fold(left))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Đường", "duong"),
        ("ĐẶC KHU Lý Sơn", "dac khu li son"),
        ("Thủy sản, hải sản!", "thuy san hai san"),
        (nfd("Thuỷ sản"), "thuy san"),
        ("Nghị định 13/2023/NĐ-CP", "nghi dinh 13 2023 nd-cp"),
        ("  mã   QR… ", "ma qr"),
    ],
)
def test_search_key_is_accent_free_lower_case_without_punctuation(text: str, key: str) -> None:
    assert search_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("UBND xã", "uy ban nhan dan xa"),
        ("HĐND tỉnh", "hoi dong nhan dan tinh"),
        ("hdnd", "hoi dong nhan dan"),
        ("Sở KH&CN", "so khoa hoc cong nghe"),  # "và" of the expansion is a stop-word
        ("CCHC", "cai cach hanh chinh"),
        ("CĐS", "chuyen doi so"),
        ("cds", "chuyen doi so"),
        ("TTHC", "thu tuc hanh chinh"),
        ("DVC", "dich vu cong"),
        ("CBCCVC", "can bo cong chuc vien chuc"),
        ("TĐKT", "thi dua khen thuong"),
        ("CSTĐ", "chien si thi dua"),
        ("THCS", "trung hoc co so"),
        ("THPT", "trung hoc pho thong"),
        ("TYT", "tram y te"),
        ("TTYT", "trung tam y te"),
        ("BHYT", "bao hiem y te"),
        ("MTTQ", "mat tran to quoc"),
    ],
)
def test_abbreviations_are_expanded(text: str, key: str) -> None:
    assert search_key(text) == key


def test_abbreviation_and_full_form_share_a_key() -> None:
    assert search_key("Ủy ban nhân dân xã") == search_key("UBND xã")
    assert search_key("thủ tục hành chính") == search_key("TTHC")


def test_stop_words_are_dropped_but_look_alike_content_words_kept() -> None:
    assert content_words("Tái chế tại xã và tài chính của huyện") == [
        "tái",
        "chế",
        "xã",
        "tài",
        "chính",
        "huyện",
    ]
    assert "trồng" in content_words("trồng lúa trong nhà màng")
    assert "trong" not in content_words("trồng lúa trong nhà màng")


def test_accentless_text_drops_only_unambiguous_stop_words() -> None:
    # "tai" may be tài/tái and "trong" may be trồng: kept; "cua", "va" are dropped.
    assert tokens("tai che cua xa va trong lua") == ["tai", "che", "xa", "trong", "lua"]


def test_helpers_agree_on_nfc_and_accents() -> None:
    assert nfc(nfd("Quảng Ngãi")) == "Quảng Ngãi"
    assert strip_accents("Đắk Glei, Hòa") == "Dak Glei, Hoa"


def test_index_terms_are_syllables_and_adjacent_pairs() -> None:
    assert terms("Tra cứu TTHC") == {
        "tra",
        "cuu",
        "thu",
        "tuc",
        "hanh",
        "chinh",
        "tra cuu",
        "cuu thu",
        "thu tuc",
        "tuc hanh",
        "hanh chinh",
    }


# --- index behaviour -----------------------------------------------------------------------


ROWS: list[tuple[str, str, dict[str, Any]]] = [
    ("SK-2024-00001", PAIRS[0][0], {"agency": "UBND xã Bình Sơn", "year": 2024}),
    ("SK-2024-00002", PAIRS[6][0], {"agency": "Sở Nông nghiệp và Môi trường"}),
    ("SK-2023-00003", DISTRACTORS[2], {"agency": "Trường Tiểu học"}),
    ("HK-2025-00004", PAIRS[7][0], {"agency": "Văn phòng UBND tỉnh"}),
]


@pytest.fixture
def index() -> SimilarityIndex:
    built = SimilarityIndex()
    built.add_many(ROWS)
    return built


def test_query_finds_a_reworded_entry_with_its_meta(index: SimilarityIndex) -> None:
    found = index.query(PAIRS[0][1])
    assert [m.entry_id for m in found][:1] == ["SK-2024-00001"]
    assert found[0].meta == {"agency": "UBND xã Bình Sơn", "year": 2024}
    assert isinstance(found[0], Match) and DEFAULT_THRESHOLD <= found[0].score <= 1.0


def test_word_order_does_not_matter_for_the_match(index: SimilarityIndex) -> None:
    shuffled = "thủ tục hành chính tra cứu mã QR niêm yết trụ sở xã"
    assert index.query(shuffled)[0].entry_id == "SK-2024-00001"


def test_identical_text_scores_one(index: SimilarityIndex) -> None:
    assert index.query(PAIRS[7][0])[0].score == pytest.approx(1.0)


def test_unrelated_text_and_empty_text_find_nothing(index: SimilarityIndex) -> None:
    assert index.query(NEW_IDEAS[0]) == []
    assert index.query("") == []
    assert index.query("!!! ??? 🙂") == []
    assert SimilarityIndex().query(PAIRS[0][0]) == []


def test_k_limits_results_and_min_score_lowers_the_bar(index: SimilarityIndex) -> None:
    assert index.query(PAIRS[0][1], k=0) == []
    everything = index.query("hồ sơ", k=10, min_score=0.0)
    assert len(everything) <= 10
    assert [m.score for m in everything] == sorted((m.score for m in everything), reverse=True)


def test_exclude_leaves_out_the_entry_being_written(index: SimilarityIndex) -> None:
    assert index.query(PAIRS[0][0], exclude={"SK-2024-00001"}) == []
    assert index.query(PAIRS[0][0], exclude={"unknown"})[0].entry_id == "SK-2024-00001"


def test_remove_forgets_and_add_replaces(index: SimilarityIndex) -> None:
    assert index.remove("SK-2024-00001") is True
    assert index.remove("SK-2024-00001") is False
    assert "SK-2024-00001" not in index and len(index) == 3
    assert index.query(PAIRS[0][1]) == []
    index.add("HK-2025-00004", PAIRS[0][0], {"agency": "edited"})
    assert len(index) == 3
    assert index.query(PAIRS[0][1])[0].meta == {"agency": "edited"}
    assert index.query(PAIRS[7][0]) == []


def test_scores_do_not_drift_after_adding_and_removing(index: SimilarityIndex) -> None:
    before = index.query(PAIRS[0][1])[0].score
    index.add("tmp", DISTRACTORS[5], {})
    index.remove("tmp")
    assert index.query(PAIRS[0][1])[0].score == pytest.approx(before)


def test_stats_count_entries_terms_and_postings(index: SimilarityIndex) -> None:
    stats = index.stats()
    assert stats["entries"] == len(ROWS) and stats["terms"] > 20
    assert stats["postings"] == sum(len(terms(text)) for _id, text, _meta in ROWS)


def test_pruned_search_returns_what_an_exhaustive_one_does() -> None:
    tight = SimilarityIndex(limits=Limits(postings_budget=1, candidates=2))
    loose = SimilarityIndex(limits=Limits(postings_budget=10**9, candidates=10**9))
    for number, text in enumerate(DISTRACTORS + [side for pair in PAIRS for side in pair]):
        tight.add(str(number), text, {})
        loose.add(str(number), text, {})
    query = PAIRS[10][1]
    assert tight.query(query, k=1)[0].entry_id == loose.query(query, k=1)[0].entry_id


# --- evaluation on the hand-written set ----------------------------------------------------


def evaluation_index() -> SimilarityIndex:
    built = SimilarityIndex()
    for number, (first, second) in enumerate(PAIRS):
        built.add(f"pair-{number}-0", first, {})
        built.add(f"pair-{number}-1", second, {})
    for number, text in enumerate(DISTRACTORS):
        built.add(f"distractor-{number}", text, {})
    return built


def recall_at_3(
    built: SimilarityIndex, *, shown_only: bool, transform: Callable[[str], str] = str
) -> float:
    """Share of queries (each side of each pair) whose partner is in the top 3."""
    found = 0
    for number, pair in enumerate(PAIRS):
        for side in (0, 1):
            floor = None if shown_only else 0.0
            top = built.query(
                transform(pair[side]), k=3, exclude={f"pair-{number}-{side}"}, min_score=floor
            )
            found += f"pair-{number}-{1 - side}" in {m.entry_id for m in top}
    return found / (2 * len(PAIRS))


def test_the_test_set_is_big_enough() -> None:
    assert len(PAIRS) >= 60 and len(DISTRACTORS) >= 60 and len(NEW_IDEAS) >= 60


def test_recall_at_3_and_false_alarms() -> None:
    built = evaluation_index()
    recall = recall_at_3(built, shown_only=False)
    shown = recall_at_3(built, shown_only=True)
    alarms = sum(1 for text in NEW_IDEAS if built.query(text, k=1)) / len(NEW_IDEAS)
    figures = (
        f"{len(PAIRS)} pairs, {len(DISTRACTORS)} distractors, {len(NEW_IDEAS)} new ideas: "
        f"recall@3 {recall:.3f}, recall@3 above threshold {shown:.3f}, "
        f"false alarms {alarms:.3f} (threshold {DEFAULT_THRESHOLD})"
    )
    print(figures)
    assert recall >= 0.85, figures
    assert alarms <= 0.10, figures


def test_distractors_queried_against_the_pairs_rarely_alarm() -> None:
    built = SimilarityIndex()
    for number, (first, second) in enumerate(PAIRS):
        built.add(f"pair-{number}-0", first, {})
        built.add(f"pair-{number}-1", second, {})
    alarms = sum(1 for text in DISTRACTORS if built.query(text, k=1)) / len(DISTRACTORS)
    print(f"distractors as queries: false alarms {alarms:.3f}")
    assert alarms <= 0.10


@pytest.mark.parametrize(("form", "transform"), [("NFD", nfd), ("no accents", strip_accents)])
def test_recall_holds_for_decomposed_and_accentless_queries(
    form: str, transform: Callable[[str], str]
) -> None:
    recall = recall_at_3(evaluation_index(), shown_only=False, transform=transform)
    print(f"recall@3 with {form} queries: {recall:.3f}")
    assert recall >= 0.85


# --- synonyms (bot/similar/synonyms.py) -------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("tiếp nhận hồ sơ", "nhận hồ sơ"),
        ("TTHC", "thủ tục"),
        ("chuyển đổi số", "số hóa"),
        ("CĐS", "số hoá"),
        ("công dân nhận SMS", "người dân nhận tin nhắn"),
        ("Google Sheets", "bảng tính Excel"),
        ("nộp qua mạng", "nộp trực tuyến"),
        ("nop qua mang", "nop truc tuyen"),  # two-word phrases also match without accents
        ("bệnh nhân", "người bệnh"),
    ],
)
def test_synonyms_share_concept_tokens(left: str, right: str) -> None:
    assert concept_tokens(left) == concept_tokens(right)


def test_synonyms_match_whole_toned_words_only() -> None:
    assert concept_tokens("gắn camera") == concept_tokens("lắp đặt camera")
    assert "lap" not in concept_tokens("gần nhà")  # "gần" is not "gắn"
    assert concept_tokens("thủ tục hành chính") == ["thu", "tuc", "hanh", "chinh"]
    assert tokens("tiếp nhận") == ["tiep", "nhan"]  # search keys themselves are unchanged


def test_strong_matches_are_marked_from_the_strong_threshold() -> None:
    built = SimilarityIndex(threshold=0.2, strong=0.9)
    built.add("a", PAIRS[7][0], {})
    built.add("b", PAIRS[0][0], {})
    assert built.query(PAIRS[7][0])[0].strong is True
    weaker = built.query(PAIRS[0][1], min_score=0.0)
    assert weaker and weaker[0].entry_id == "b" and weaker[0].strong is False
