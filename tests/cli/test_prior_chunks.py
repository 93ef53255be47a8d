"""`sangkien import` of a list longer than one statement: stored in chunks inside one
transaction, counted once, the progress on stderr and the result on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cli.main import main
from storage.db import Database
from storage.models import PriorEntry
from tests.support.writing import write_xlsx

ROWS = 2_500


def _count(db_url: str) -> int:
    db = Database(db_url)
    try:
        with db.session() as session:
            return int(session.execute(select(func.count()).select_from(PriorEntry)).scalar_one())
    finally:
        db.dispose()


def test_a_long_list_is_stored_in_chunks_and_counted_once(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SANGKIEN_CONFIG", raising=False)
    monkeypatch.setenv("SANGKIEN_DATABASE__URL", db_url)
    rows = [(f"QN-2023-{n:05d}", f"Sáng kiến số {n} về cải cách hành chính", "", "Sở Y tế", 2023, "")
            for n in range(ROWS)]  # fmt: skip
    path = write_xlsx(tmp_path / "dai.xlsx", rows)
    assert main(["import", "--xlsx", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"Đã nhập {ROWS} sáng kiến từ dai.xlsx ({ROWS} mới, 0 cập nhật)." in out
    assert f"Lưu / storing {ROWS}/{ROWS}" in err and "Lưu" not in out
    assert _count(db_url) == ROWS
    assert main(["import", "--xlsx", str(path)]) == 0
    assert f"(0 mới, {ROWS} cập nhật)" in capsys.readouterr().out and _count(db_url) == ROWS
