"""Config sections of the reviewers' desk: sign-in and sessions, councils, the scoring rubric."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Section(BaseModel):
    """A config section: unknown keys are errors; a number where text is expected is text."""

    # Env overrides arrive as text and a TOML file may hold token = 123456: both stay strings.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


def principals(values: list[str]) -> list[str]:
    for value in values:
        if not re.match(r"^(telegram|zalo|web):-?[\w.-]+$", value):
            raise ValueError(f"'{value}' is not CHANNEL:ID (e.g. telegram:-1001234)")
    return values


class Desk(Section):
    """The reviewers' desk at /admin: how long sign-in links and sessions live."""

    link_minutes: int = Field(default=10, ge=1, le=60)  # a /dangnhap link, single use
    idle_minutes: int = Field(default=60, ge=5, le=24 * 60)  # a session unused this long ends
    session_hours: int = Field(default=12, ge=1, le=7 * 24)  # and ends this long after sign-in


class Criterion(Section):
    """One scoring criterion of a council's rubric ([[scoring.criteria]] in the file)."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    label: str = Field(min_length=1, max_length=200)
    max: int = Field(ge=1, le=100)  # points from 0 to max
    guidance: str = Field(default="", max_length=1000)
    level: Literal["co_so", "tinh", "both"] = "both"  # which council scores it


# What councils score under NĐ 13/2012 and TT 18/2013: novelty, applicability, effect, and
# for cấp tỉnh also the scope of influence; 100 points at each level.
DEFAULT_CRITERIA = [
    Criterion(
        key="tinh_moi",
        label="Tính mới",
        max=30,
        level="co_so",
        guidance="Chưa trùng với giải pháp đã được áp dụng, công nhận trong đơn vị; nêu rõ điểm mới so với cách làm trước.",
    ),
    Criterion(
        key="kha_nang_ap_dung",
        label="Khả năng áp dụng",
        max=30,
        level="co_so",
        guidance="Đã được áp dụng hoặc áp dụng thử; đơn vị khác có thể áp dụng lại được.",
    ),
    Criterion(
        key="hieu_qua",
        label="Hiệu quả, lợi ích",
        max=40,
        level="co_so",
        guidance="Lợi ích thiết thực, có số liệu trước và sau khi áp dụng (thời gian, chi phí, chất lượng).",
    ),
    Criterion(
        key="tinh_moi_tinh",
        label="Tính mới",
        max=25,
        level="tinh",
        guidance="Mới trong phạm vi tỉnh hoặc ngành.",
    ),
    Criterion(
        key="hieu_qua_tinh",
        label="Hiệu quả, lợi ích",
        max=35,
        level="tinh",
        guidance="Hiệu quả đã được chứng minh khi áp dụng, có số liệu cụ thể.",
    ),
    Criterion(
        key="pham_vi",
        label="Phạm vi ảnh hưởng",
        max=40,
        level="tinh",
        guidance="Đã hoặc có thể áp dụng, nhân rộng trong toàn tỉnh hoặc toàn ngành.",
    ),
]


class Scoring(Section):
    """Scoring by criteria at the desk: the rubric and the threshold for a proposed decision."""

    recognise_at: int = Field(default=50, ge=1, le=100)  # average ≥ this: propose recognition
    criteria: list[Criterion] = DEFAULT_CRITERIA

    @field_validator("criteria")
    @classmethod
    def _unique(cls, values: list[Criterion]) -> list[Criterion]:
        keys = [c.key for c in values]
        if len(set(keys)) != len(keys):
            raise ValueError("each criterion needs its own key")
        for level in ("co_so", "tinh"):
            if not any(c.level in (level, "both") for c in values):
                raise ValueError(f"no criterion for level {level}")
        return values


class CouncilConfig(Section):
    """A Hội đồng sáng kiến ([[councils]] in the file; `sangkien councils` adds to these)."""

    name: str = Field(min_length=1, max_length=200)
    level: Literal["co_so", "tinh"]
    units: list[str] = []  # cấp cơ sở: the units whose entries it considers
    members: list[str] = []  # CHANNEL:ID
    chair: str | None = None  # Chủ tịch Hội đồng (CHANNEL:ID; a member too): confirms decisions
    secretary: str | None = None  # Thư ký Hội đồng (CHANNEL:ID; a member too): signs the minutes

    @field_validator("members")
    @classmethod
    def _channel_ids(cls, values: list[str]) -> list[str]:
        return principals(values)

    @field_validator("chair", "secretary")
    @classmethod
    def _one_id(cls, value: str | None) -> str | None:
        return principals([value])[0] if value else None

    def everyone(self) -> list[str]:
        """The members with the chair and the secretary, each once."""
        return list(dict.fromkeys([*self.members, *filter(None, (self.chair, self.secretary))]))
