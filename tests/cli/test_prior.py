"""`sangkien import --xlsx FILE` on both backends: rows stored by code, every skipped row reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from cli.main import main
from storage.db import Database
from storage.models import PriorEntry
from tests.support.writing import write_xlsx

ROWS = [
    ("QN-2021-001", "Sổ tay điện tử theo dõi tiêm chủng tại trạm y tế", "Nhập lịch tiêm.",
     "Trạm Y tế xã Nghĩa Hà", 2021, "Công nhận cấp cơ sở"),
    (None, "Không có mã", "", "Sở Y tế", 2022, ""),
    ("QN-2022-002", "Dán mã QR tra cứu thủ tục hành chính", "Mã QR ở quầy.",
     "UBND xã Tịnh Ấn", "Năm 2022", "Công nhận cấp tỉnh"),
    ("QN-2023-003", "Bản đồ số theo dõi sâu bệnh trên lúa", "", "Phòng Kinh tế", "2023-2024", ""),
    ("QN-2021-001", "Trùng mã dòng trên", "", "", 2021, ""),
    ("QN-2023-004", None, "Thiếu tên", "", 2023, ""),
    ("QN-2024-005", "Phiếu học tập số môn Toán lớp 6", "", "Trường THCS Lý Sơn", 2024.0, ""),
]


Invoke = Callable[..., tuple[int, str, str]]  # args → (exit code, stdout, stderr)


@pytest.fixture
def run(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Invoke:
    monkeypatch.chdir(tmp_path)  # no ./config.toml of the developer's
    monkeypatch.delenv("SANGKIEN_CONFIG", raising=False)
    monkeypatch.setenv("SANGKIEN_DATABASE__URL", db_url)
    monkeypatch.setenv("SANGKIEN_SERVER__DATA_DIR", str(tmp_path / "data"))

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["import", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def stored(db_url: str) -> dict[str, PriorEntry]:
    db = Database(db_url)
    try:
        with db.session() as session:
            return {e.code: e for e in session.execute(select(PriorEntry)).scalars()}
    finally:
        db.dispose()


def test_rows_are_stored_and_every_skipped_row_is_reported(run: Invoke, db_url: str,
                                                           tmp_path: Path) -> None:
    code, out, _ = run("--xlsx", str(write_xlsx(tmp_path / "ds.xlsx", ROWS)))
    assert code == 0
    assert "Đã nhập 3 sáng kiến từ ds.xlsx (3 mới, 0 cập nhật)." in out
    assert "Bỏ qua 4 dòng:" in out
    for line in ("Dòng 4: thiếu mã", "Dòng 6: năm không hợp lệ: «2023-2024»",
                 "Dòng 7: trùng mã QN-2021-001 với dòng 3", "Dòng 8: thiếu tên sáng kiến"):
        assert line in out, line
    entries = stored(db_url)
    assert set(entries) == {"QN-2021-001", "QN-2022-002", "QN-2024-005"}
    qr = entries["QN-2022-002"]
    assert (qr.agency, qr.year, qr.status, qr.content) == (
        "UBND xã Tịnh Ấn", 2022, "Công nhận cấp tỉnh", "Mã QR ở quầy.")


def test_a_second_import_updates_by_code(run: Invoke, db_url: str, tmp_path: Path) -> None:
    run("--xlsx", str(write_xlsx(tmp_path / "a.xlsx", ROWS[:1])))
    renamed = [("QN-2021-001", "Sổ tay tiêm chủng điện tử", "", "Trạm Y tế", 2021, "Công nhận"),
               ("QN-2025-009", "Mới", "", "", 2025, "")]
    code, out, _ = run("--xlsx", str(write_xlsx(tmp_path / "b.xlsx", renamed)))
    assert code == 0 and "(1 mới, 1 cập nhật)" in out and "Bỏ qua" not in out
    assert stored(db_url)["QN-2021-001"].title == "Sổ tay tiêm chủng điện tử"


def test_headers_match_loosely_and_extra_columns_are_ignored(run: Invoke, db_url: str,
                                                             tmp_path: Path) -> None:
    headers = ("STT", "MÃ", "TEN SANG KIEN (giải pháp)", "nội dung", "Đơn Vị", "NĂM", "Ghi chú",
               "trạng thái")
    rows = [(1, "QN-1", "Mã QR tại xã", "Dán mã", "Xã A", 2020, "x", "Công nhận")]
    code, out, _ = run("--xlsx", str(write_xlsx(tmp_path / "h.xlsx", rows, headers=headers)))
    assert code == 0 and "Đã nhập 1 sáng kiến" in out
    entry = stored(db_url)["QN-1"]
    assert (entry.title, entry.agency, entry.status) == ("Mã QR tại xã", "Xã A", "Công nhận")


@pytest.mark.parametrize("content", [b"not a spreadsheet", None], ids=["not-xlsx", "missing"])
def test_an_unreadable_file_exits_non_zero_and_stores_nothing(run: Invoke, db_url: str, tmp_path: Path,
                                                              content: bytes | None) -> None:
    path = tmp_path / "ds.xlsx"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run("--xlsx", str(path))
    assert code == 1 and out == ""
    assert ("Không nhập được" if content else "Không tìm thấy tệp") in err
    assert stored(db_url) == {}


def test_a_sheet_without_the_header_row_exits_non_zero(run: Invoke, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [("a", "b")], headers=("Cột 1", "Cột 2"))
    code, _, err = run("--xlsx", str(path))
    assert code == 1 and "Không tìm thấy dòng tiêu đề" in err
