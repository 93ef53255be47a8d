"""Data of the writing help: similar earlier entries, the dossier's files, and their effects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Draft answer keys: the earlier entries shown to the author, and how theirs differs.
SIMILAR_KEY = "similar"
DIFFERENCE_FIELD = "difference_from_similar"
CHOICES_KEY = "choices"  # dossier overlay answers: [[code, title], …] of the author's own sáng kiến


@dataclass(frozen=True)
class SimilarEntry:
    """An earlier entry like the one being written: one of ours or an imported row.

    `status` is the API value for our own submissions ("recognized") and the sheet's own
    wording for imported rows ("Công nhận cấp cơ sở"); the dialogue shows a label for both.
    """

    code: str
    title: str
    agency: str
    year: int | None
    status: str
    score: float
    level: str = ""  # the score in plain words for reviewers: "rất giống", "khá giống"

    def to_json(self) -> dict[str, Any]:
        """The shape kept in the draft and in Submission.similar."""
        return {
            "code": self.code,
            "title": self.title,
            "agency": self.agency,
            "year": self.year,
            "status": self.status,
            "score": self.score,
            "level": self.level,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SimilarEntry:
        year = data.get("year")
        return cls(
            code=str(data.get("code") or ""),
            title=str(data.get("title") or ""),
            agency=str(data.get("agency") or ""),
            year=year if isinstance(year, int) else None,
            status=str(data.get("status") or ""),
            score=float(data.get("score") or 0.0),
            level=str(data.get("level") or ""),
        )


@dataclass(frozen=True)
class DossierFiles:
    """The two printable documents of one sáng kiến, as the user's channel can receive them.

    A ref is a local path (Telegram uploads the file) or a signed, expiring URL (Zalo, web).
    """

    code: str
    application: str
    application_name: str
    report: str
    report_name: str


# ---- effects (the runner handles them in bot/writing_help.py) ----


@dataclass(frozen=True)
class FindSimilar:
    """Look for earlier entries like `text`; the runner then calls Dialogue.on_similar.

    `exclude` names codes never to show (e.g. the entry itself when it is being revised).
    """

    text: str
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListDossiers:
    """Load the user's own sáng kiến; the runner then calls Dialogue.on_dossier_choices."""


@dataclass(frozen=True)
class SendDossier:
    """Make (when missing or stale) and send the two .docx of one of the user's own entries."""

    code: str
