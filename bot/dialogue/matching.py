"""Accent-insensitive matching: folding, choices answered by typing, unit search keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.messages import Button

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")
_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.):]?\s*$")

# Search-only expansions of the abbreviations people type for agency names (DOMAIN.md).
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "nn&mt": "nong nghiep va moi truong",
    "nnmt": "nong nghiep va moi truong",
    "vhttdl": "van hoa the thao va du lich",
    "vp": "van phong",
    "bql": "ban quan ly",
    "kkt": "khu kinh te",
    "kcn": "khu cong nghiep",
    "cchc": "cai cach hanh chinh",
    "cds": "chuyen doi so",
    "tthc": "thu tuc hanh chinh",
    "dvc": "dich vu cong",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
    "tyt": "tram y te",
    "ttyt": "trung tam y te",
    "bhyt": "bao hiem y te",
    "mttq": "mat tran to quoc",
    "tp": "thanh pho",
}


def fold(text: str) -> str:
    """Lower case without tone marks (đ→d), spaces collapsed: for comparing, never storing."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_key(text: str) -> str:
    """`fold` plus abbreviation expansion and i/y merged (kỹ/kĩ), for unit search."""
    words = [ABBREVIATIONS.get(word, word) for word in fold(text).split(" ")]
    key = _PUNCT.sub(" ", " ".join(words)).replace("y", "i")
    return _SPACES.sub(" ", key).strip()


def typed_number(text: str) -> int | None:
    """The option number a Zalo user typed ("2", "2.", "2)"), or None."""
    found = _NUMBER.match(text)
    return int(found.group(1)) if found else None


def match_button(text: str, buttons: Sequence[Button]) -> str | None:
    """The value of the button the user meant by typing: number, label, or part of a label."""
    number = typed_number(text)
    if number is not None:
        return buttons[number - 1].value if 1 <= number <= len(buttons) else None
    key = fold(text).strip(" .!?")
    if not key:
        return None
    for button in buttons:
        if key in (fold(button.label), button.value.lower()):
            return button.value
    if len(key) < 3:
        return None
    # "sang kien" means "Gửi sáng kiến" when no other label holds those words.
    pattern = re.compile(rf"(^| ){re.escape(key)}( |$)")
    found = [b.value for b in buttons if pattern.search(fold(b.label))]
    return found[0] if len(found) == 1 else None


def find_matches(names: Sequence[str], query: str, limit: int) -> tuple[list[int], int]:
    """Indexes of names whose words start with every query word; best first, and the total."""
    words = search_key(query).split(" ")
    if not words or words == [""]:
        return [], 0
    phrase = " ".join(words)
    scored: list[tuple[int, int, int]] = []
    for index, name in enumerate(names):
        key = search_key(name)
        tokens = key.split(" ")
        if all(any(tok.startswith(word) for tok in tokens) for word in words):
            # A name starting with the phrase beats one containing it, which beats scattered
            # words; among equals the shorter name is the more specific.
            rank = 0 if key.startswith(phrase) else 1 if phrase in key else 2
            scored.append((rank, len(key), index))
    scored.sort()
    return [index for _, _, index in scored[:limit]], len(scored)
