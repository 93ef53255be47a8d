"""`sangkien units import --csv FILE` on both backends: rows upserted by name, bad rows refused
with their reason, and the server then offers the imported units (free text still allowed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cli.main import main
from storage.db import Database
from storage.units import all_units
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import TELEGRAM_SECRET, make_settings
from tests.support.telegram_chat import TelegramUser
from webhook.app import create_app

CSV = """name,kind,valid_from,valid_to
Ủy ban nhân dân đặc khu Lý Sơn,,2025-07-01,
Sở Y tế,so_nganh,01/07/2025,
,xa,2025-07-01,
Xã Ba Tơ,huyen,2025-07-01,
Xã Minh Long,xa,2025-13-01,
Phường Cẩm Thành,phuong,2025-07-01,2025-06-30
sở y tế,so_nganh,2025-07-01,
Ủy ban nhân dân phường Trương Quang Trọng,,2025-07-01,
"""
Invoke = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Invoke:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SANGKIEN_CONFIG", raising=False)
    monkeypatch.setenv("SANGKIEN_DATABASE__URL", db_url)
    monkeypatch.setenv("SANGKIEN_SERVER__DATA_DIR", str(tmp_path / "data"))

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["units", "import", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _stored(db_url: str) -> dict[str, tuple[str, str | None, str | None]]:
    db = Database(db_url)
    try:
        with db.session() as session:
            return {
                u.name: (u.kind, u.valid_from and u.valid_from.isoformat(),
                         u.valid_to and u.valid_to.isoformat())
                for u in all_units(session)
            }
    finally:
        db.dispose()


def test_good_rows_are_stored_and_every_bad_row_is_refused_with_its_reason(
    run: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "donvi.csv"
    path.write_text("\ufeff" + CSV, encoding="utf-8")
    code, out, _ = run("--csv", str(path))
    assert code == 0
    assert "Đã nhập 3 đơn vị từ donvi.csv (3 mới, 0 cập nhật)." in out
    assert "Không nhập 5 dòng:" in out
    for line in (
        "Dòng 4: thiếu tên đơn vị",
        "Dòng 5: loại «huyen» không hợp lệ; dùng một trong: so_nganh, xa, phuong, dac_khu, khac",
        "Dòng 6: ngày «2025-13-01» không đọc được; ghi YYYY-MM-DD hoặc dd/mm/yyyy",
        "Dòng 7: ngày hết hiệu lực (2025-06-30) trước ngày bắt đầu (2025-07-01)",
        "Dòng 8: trùng tên với dòng 3",
    ):
        assert line in out, line
    assert _stored(db_url) == {
        "Ủy ban nhân dân đặc khu Lý Sơn": ("dac_khu", "2025-07-01", None),
        "Sở Y tế": ("so_nganh", "2025-07-01", None),
        "Ủy ban nhân dân phường Trương Quang Trọng": ("phuong", "2025-07-01", None),
    }
    path.write_text("ten,loai,tu_ngay,den_ngay\nSở Y tế,so_nganh,2025-07-01,2026-12-31\n",
                    encoding="utf-8")
    code, out, _ = run("--csv", str(path))
    assert code == 0 and "(0 mới, 1 cập nhật)" in out and "Không nhập" not in out
    assert _stored(db_url)["Sở Y tế"] == ("so_nganh", "2025-07-01", "2026-12-31")


@pytest.mark.parametrize(("content", "reason"), [
    ("ten_sai,loai\nA,xa\n", "dòng đầu phải là tiêu đề"),
    (None, "Không tìm thấy tệp"),
])
def test_an_unreadable_file_exits_1_and_stores_nothing(
    run: Invoke, db_url: str, tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / "x.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = run("--csv", str(path))
    assert code == 1 and reason in err and _stored(db_url) == {}


def test_the_server_offers_the_imported_units_and_keeps_free_text(
    run: Invoke, db_url: str, tmp_path: Path, fake_telegram: FakeTelegram
) -> None:
    path = tmp_path / "donvi.csv"
    path.write_text(CSV, encoding="utf-8")
    assert run("--csv", str(path))[0] == 0
    settings = make_settings(db_url, tmp_path / "data", telegram_url=fake_telegram.url,
                             telegram_token=fake_telegram.token)
    with TestClient(create_app(settings)) as client:
        user = TelegramUser(base_url=str(client.base_url), secret=TELEGRAM_SECRET,
                            fake=fake_telegram, user_id=9301, client=client)
        user.play([("command", "start"), ("choice", "consent:yes"), ("text", "Lê Văn An"),
                   ("text", "ly son")])
        user.wait_for_text("chọn đúng đơn vị trong danh sách")  # the imported unit is offered
        keyboard = fake_telegram.sent(9301)[-1].params["reply_markup"]["inline_keyboard"]
        assert keyboard[0][0]["text"] == "Ủy ban nhân dân đặc khu Lý Sơn"  # capitals kept
        user.act("text", "khoa học")  # only in the shipped list, not in the imported one
        assert "không tìm thấy đơn vị nào khớp với «khoa học»" in user.wait_for_text("«khoa học»")
        keyboard = fake_telegram.sent(9301)[-1].params["reply_markup"]["inline_keyboard"]
        assert any(b["callback_data"] == "unit:other" for row in keyboard for b in row)
