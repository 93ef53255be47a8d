"""The "Tài liệu kèm theo" step: several files, allowed types, the size limit, Xong and Bỏ qua."""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue
from bot.dialogue.catalogues import common
from tests.bot.dialogue.driver import UNITS, reach

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(("name", "mime", "kind"), [
    ("anh.jpg", "image/jpeg", "photo"),
    (None, None, "photo"),
    ("so-lieu.pdf", "application/pdf", "document"),
    ("don.doc", "application/msword", "document"),
    ("don.docx", DOCX, "document"),
    ("bang.xls", "application/vnd.ms-excel", "document"),
    ("bang.xlsx", XLSX, "document"),
    ("van-ban.odt", "application/vnd.oasis.opendocument.text", "document"),
    ("anh.png", "image/png", "document"),
    ("anh.HEIC", None, "document"),
    ("tai-lieu.pdf", "application/octet-stream", "document"),
])
def test_allowed_files(name: str | None, mime: str | None, kind: str) -> None:
    chat = reach("sang_kien", "attachments").file(name, mime=mime, kind=kind)  # type: ignore[arg-type]
    files = chat.answers["attachments"]
    assert len(files) == 1 and files[0]["kind"] == kind and files[0]["file_name"] == name
    assert set(files[0]) == {"kind", "file_ref", "file_name", "mime_type", "size"}
    assert "Đã nhận tệp" in chat.last_text and chat.values[0] == "files:done"


@pytest.mark.parametrize(("name", "mime"), [
    ("virus.exe", "application/x-msdownload"),
    ("nen.zip", "application/zip"),
    ("ghi-am.mp3", "audio/mpeg"),
    ("trang.html", "text/html"),
    ("khong-duoi", None),
    ("gia.pdf", "application/x-msdownload"),
])
def test_refused_types(name: str, mime: str | None) -> None:
    chat = reach("sang_kien", "attachments").file(name, mime=mime)
    assert f"Chưa nhận được tệp {name}" in chat.last_text
    assert "attachments" not in chat.answers or chat.answers["attachments"] == []
    assert chat.at == ("sang_kien", "attachments")


def test_size_limit_with_a_clear_message() -> None:
    chat = reach("sang_kien", "attachments").file("lon.pdf", mime="application/pdf", size=25_500_000)
    assert "lon.pdf nặng 25,5 MB, vượt giới hạn 20 MB" in chat.last_text
    chat.file("vua.pdf", mime="application/pdf", size=20_000_000)
    assert len(chat.answers["attachments"]) == 1


def test_limit_comes_from_the_constructor() -> None:
    chat = reach("hien_ke", "attachments")
    chat.dialogue = Dialogue(units=UNITS, max_attachment_bytes=1_000_000)
    chat.file("anh.jpg", size=1_500_000)
    assert "vượt giới hạn 1 MB" in chat.last_text


def test_several_files_then_done() -> None:
    chat = reach("sang_kien", "attachments")
    chat.file("a.jpg").file("b.pdf", mime="application/pdf").file("c.xlsx", mime=XLSX)
    assert "3 tệp" in chat.last_text
    assert "nav:skip" not in chat.values
    chat.send("xong")
    assert chat.at == ("sang_kien", "scope")
    assert [f["file_name"] for f in chat.answers["attachments"]] == ["a.jpg", "b.pdf", "c.xlsx"]


def test_at_most_ten_files() -> None:
    chat = reach("hien_ke", "attachments")
    for number in range(10):
        chat.file(f"anh{number}.jpg")
    chat.file("thua.jpg")
    assert common.FILE_TOO_MANY.format(limit=10) in chat.last_text
    assert len(chat.answers["attachments"]) == 10


def test_files_survive_going_back_and_forth() -> None:
    chat = reach("hien_ke", "attachments").file("a.jpg").press("nav:back")
    assert chat.at == ("hien_ke", "applying_unit")
    chat.press("nav:keep")
    assert chat.at == ("hien_ke", "attachments") and "files:done" in chat.values
    chat.press("files:done").press("review:submit")
    assert chat.submitted[0].fields["attachments"][0]["file_name"] == "a.jpg"
