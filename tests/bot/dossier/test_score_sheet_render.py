"""LibreOffice renders «Phiếu đánh giá sáng kiến»; every point is on the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.desk import scoring as rules
from bot.dossier import labels
from bot.dossier.score_sheet import SHEET_TITLE, ScoreSheet, build_score_sheet
from tests.bot.dossier.test_render import _first_page_png, _run, _tool

pytestmark = pytest.mark.slow

CRITERIA = [
    rules.Criterion("tinh_moi", "Tính mới", 30, "", "co_so"),
    rules.Criterion("kha_nang_ap_dung", "Khả năng áp dụng", 30, "", "co_so"),
    rules.Criterion("hieu_qua", "Hiệu quả, lợi ích", 40, "", "co_so"),
]


def test_the_score_sheet_renders_with_every_point(tmp_path: Path) -> None:
    sheet = ScoreSheet(
        council="Hội đồng sáng kiến xã Bình Sơn",
        member="telegram:901",
        code="SK-2026-00001",
        name="Số hóa hồ sơ một cửa",
        agency="Ủy ban nhân dân xã Bình Sơn",
        criteria=CRITERIA,
        points={"tinh_moi": 23, "kha_nang_ap_dung": 19, "hieu_qua": 37},
        total=79,
        comment="Giải pháp rõ ràng, cần thêm số liệu.",
        submitted="04/12/2026",
    )
    source = tmp_path / "phieu-danh-gia.docx"
    source.write_bytes(build_score_sheet(sheet))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [_tool("soffice"), profile, "--headless", "--norestore", "--convert-to", "pdf"]
    _run([*command, "--outdir", str(tmp_path), str(source)])
    pdf = tmp_path / "phieu-danh-gia.pdf"
    png = _first_page_png(pdf, "score-sheet")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = _run([_tool("pdftotext"), "-layout", str(pdf), "-"])
    for expected in (labels.NATION, SHEET_TITLE, "SK-2026-00001", "04/12/2026", "Bình Sơn"):
        assert expected in page, expected
    rows = {line.split()[-1] for line in page.splitlines() if line.strip()}
    for points in ("23", "19", "37", "79"):
        assert points in rows, points
