"""LibreOffice renders «Biên bản họp Hội đồng sáng kiến»; every score is on the pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.dossier import labels
from bot.dossier.minutes import (
    CHAIR,
    MINUTES_TITLE,
    SECRETARY,
    Considered,
    Member,
    Minutes,
    build_minutes,
)
from tests.bot.dossier.test_render import _first_page_png, _run, _tool

pytestmark = pytest.mark.slow

TOTALS = {
    "SK-2026-00001": [("Phạm Thị Chi", 81), ("Võ Minh Thư", 58), ("Nguyễn Văn An", 75)],
    "SK-2026-00002": [("Phạm Thị Chi", 33), ("Nguyễn Văn An", 27)],
}


def _minutes() -> Minutes:
    entries = [
        Considered(
            code="SK-2026-00001",
            title="Số hóa, tái sử dụng kết quả giải quyết thủ tục hành chính",
            authors="Lê Thị Hoa, Trần Văn Bình",
            agency="Ủy ban nhân dân xã Bình Sơn",
            totals=TOTALS["SK-2026-00001"],
            average="71,3",
            proposed="Được công nhận (cấp cơ sở)",
            confirmed="Được công nhận (cấp cơ sở) (Chủ tịch Hội đồng xác nhận)",
            note="Hội đồng thống nhất công nhận.",
        ),
        Considered(
            code="SK-2026-00002",
            title="Niêm yết mã QR tra cứu quy trình thủ tục hành chính tại trụ sở xã",
            authors="Đặng Quốc Huy",
            agency="Ủy ban nhân dân xã Bình Sơn",
            totals=TOTALS["SK-2026-00002"],
            average="30",
            proposed="Không được công nhận",
            confirmed="",
            note="",
        ),
    ]
    present = [
        Member("Phạm Thị Chi", "telegram:905", "chair"),
        Member("Võ Minh Thư", "telegram:906", "secretary"),
        Member("Nguyễn Văn An", "telegram:901", "member"),
    ]
    return Minutes(
        council="Hội đồng sáng kiến xã Bình Sơn",
        level="cấp cơ sở",
        meeting=date(2026, 12, 4),
        members=4,
        present=present,
        entries=entries,
        threshold=50,
        chair="Phạm Thị Chi",
        secretary="Võ Minh Thư",
    )


def test_the_minutes_render_with_every_score(tmp_path: Path) -> None:
    source = tmp_path / "bien-ban-hop.docx"
    source.write_bytes(build_minutes(_minutes()))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [_tool("soffice"), profile, "--headless", "--norestore", "--convert-to", "pdf"]
    _run([*command, "--outdir", str(tmp_path), str(source)])
    pdf = tmp_path / "bien-ban-hop.pdf"
    png = _first_page_png(pdf, "council-minutes")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a blank A4 page at 80 dpi is far smaller
    pages = _run([_tool("pdftotext"), "-layout", str(pdf), "-"])
    for expected in (
        labels.NATION,
        MINUTES_TITLE,
        "Quảng Ngãi, ngày 04 tháng 12 năm 2026",
        "Hội đồng sáng kiến xã Bình Sơn (cấp cơ sở)",
        "Chưa có quyết định",
        SECRETARY,
        CHAIR,
    ):
        assert expected in pages, expected
    lines = [line.split() for line in pages.splitlines() if line.strip()]
    for code, totals in TOTALS.items():
        assert code in pages, code
        for name, total in totals:  # the name and its total on one line of the score table
            assert any(
                " ".join(name.split()) in " ".join(words) and words[-1] == str(total)
                for words in lines
            ), (code, name, total)
    for average in ("71,3", "30"):
        assert any(words[-1] == average for words in lines), average
