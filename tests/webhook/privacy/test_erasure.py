"""/xoadulieu end to end: markers planted through Telegram, Zalo and the web chat into the
profile, entries (co-authors included), attachments, transcripts, a dossier and a digest
sheet; after erasure a sweep of every table and every file finds them nowhere but in the
documented exception (an entry already with the council keeps its authors' names)."""

from __future__ import annotations

import itertools
import json
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine
from sqlalchemy import text as sql

from bot.dialogue.catalogues import common, privacy
from tests import scripts
from tests.fakes import telegram_updates as tu
from tests.fakes import zalo_updates as zu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET
from tests.support.server import ServerProcess
from tests.support.sweep import Hit, database_hits, file_hits, table_names
from tests.support.telegram_chat import TelegramUser
from tests.support.web_chat import WebVisitor
from tests.support.zalo_chat import ZaloUser

pytestmark = pytest.mark.slow

DOWNLOAD = re.compile(r"/download/([A-Za-z0-9_.\-]+)")
RECEIPT = re.compile(r"\b(SK-\d{4}-\d{5}) \(ngày")  # not the codes of similar entries shown
_update_ids = itertools.count(900_000)


class Person:
    """One author's unique values: none of them occurs anywhere else in the test data."""

    def __init__(  # noqa: PLR0913
        self, tag: str, name: str, phone: str, birth: str, co: str, co_birth: str,
        helper: tuple[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.tag, self.name, self.phone, self.birth = tag, name, phone, birth
        self.position = f"Chuyên viên tổ {tag}-4417"
        self.co, self.co_birth = co, co_birth
        self.helper = helper  # a participant in the trial: (name, birth date), typed in chat
        self.file_marker = f"MINH-CHUNG-{tag}-7Q3"

    def markers(self) -> list[str]:
        dates = [self.birth, self.co_birth, *(self.helper[1:] if self.helper else ())]
        iso = ["-".join(reversed(d.split("/"))) for d in dates]
        helper = [self.helper[0]] if self.helper else []
        return [self.name, self.co, *helper, self.phone, self.phone.replace(" ", ""),
                self.position, *dates, *iso, self.file_marker]  # fmt: skip

    def profile(self, base: scripts.Script) -> scripts.Script:
        swap = {scripts.PROFILE_EXPECTED["name"]: self.name, "0912 345 678": self.phone}
        found = [(kind, swap.get(value, value)) for kind, value in base]
        found[5] = ("text", self.position)
        return found

    def entry(self, base: scripts.Script) -> tuple[scripts.Script, scripts.Script]:
        """The sáng kiến with this person's values, split where the attachment goes."""
        swap = {
            "15/08/1985": self.birth,
            "Trần Văn Bình": self.co,
            "ngày 2 tháng 9 năm 1990": self.co_birth,
        }
        found = [(kind, swap.get(value, value)) for kind, value in base]
        if self.helper:
            at = found.index(("text", scripts.SK_TRIAL_OPINION)) + 1
            assert found[at] == ("choice", "nav:skip")  # no participant in the script
            found[at : at + 1] = [
                ("choice", "participant:add"), ("text", self.helper[0]), ("text", self.helper[1]),
                ("choice", "workplace:same"), ("text", "Kỹ sư"), ("text", "Kỹ sư Điện tử"),
                ("text", "Lắp đặt máy in mã QR tại quầy"), ("choice", "participant:done"),
            ]  # fmt: skip
        scope = max(i for i, (_, v) in enumerate(found) if v in ("co_so", "cap co so"))
        return found[: scope - 1], found[scope:]


TELEGRAM = Person("TG", "Lò Thị Quỳnh Xuyến", "0968 417 253", "27/11/1983",
                  "Mùa A Thềnh Khoáng", "04/03/1979", ("Cầm Bá Thược", "14/05/1975"))  # fmt: skip
ZALO = Person("ZL", "Hà Văn Khuổng Lìn", "0977 305 148", "19/06/1988",
              "Vàng Thị Sáy Pủ", "11/12/1991")  # fmt: skip
WEB = Person("WB", "Đinh Nhật Quyết Xoan", "0935 662 719", "08/02/1986",
             "Tòng Văn Phiêng Ngà", "23/10/1992", ("Quàng Thị Én", "30/01/1980"))  # fmt: skip


def _api(server: ServerProcess, method: str, path: str) -> dict[str, Any]:
    response = httpx.request(
        method, f"{server.url}/api/v1{path}", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=60.0,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _wait(predicate: Any, what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _telegram_entry(user: TelegramUser, fake: FakeTelegram, person: Person, attach: bool) -> str:
    before, after = person.entry(scripts.skipping_difference(scripts.SANG_KIEN_SCRIPT))
    seen = len(user.texts())
    user.play(before)
    if attach:
        update_id = next(_update_ids)
        data = b"%PDF-1.4\n" + person.file_marker.encode() + b"\n%%EOF\n"
        fake.add_file(data, file_id=f"AgACAgUAAxkBAAIB{update_id}d")
        user.post(tu.document_update(update_id, user.user_id, file_name="minh-chung.pdf",
                                     mime_type="application/pdf", file_size=len(data)))  # fmt: skip
        user.act("choice", "files:done")
    else:
        user.act("choice", "nav:skip")
    user.play(after)
    return _wait(lambda: _code_in(user.texts()[seen:]), "a Telegram receipt")


def _code_in(texts: list[str]) -> str | None:
    for text in texts:
        match = RECEIPT.search(text)
        if match:
            return match.group(1)
    return None


def _zalo_entry(server: ServerProcess, user: ZaloUser, fake: FakeZaloApi) -> str:
    user.play(ZALO.profile(scripts.PROFILE_SCRIPT_TEXT))
    before, after = ZALO.entry(scripts.skipping_difference(scripts.SANG_KIEN_SCRIPT_TEXT))
    user.play(before)
    photo = b"\xff\xd8\xff\xfe\x00\x14" + ZALO.file_marker.encode() + b"\xff\xd9"
    url = fake.add_photo("anh-minh-chung.jpg", photo)
    assert user.post(zu.image_event(user.user_id, photo_url=url)).status_code == 200
    user.say("xong")
    user.play(after)
    code = RECEIPT.search(user.wait_for_text(RECEIPT.pattern)).group(1)  # type: ignore[union-attr]
    for token in DOWNLOAD.findall("\n".join(user.wait_quiet())):  # makes the dossier files
        assert httpx.get(f"{server.url}/download/{token}").status_code == 200
    return code


def _web_entry(server: ServerProcess, visitor: WebVisitor) -> str:
    visitor.play(WEB.profile(scripts.PROFILE_SCRIPT))
    data = b"%PDF-1.4\n" + WEB.file_marker.encode() + b"\n%%EOF\n"
    visitor.upload("gui-nham.pdf", data, "application/pdf")  # at the menu: stored, never used
    before, after = WEB.entry(scripts.skipping_difference(scripts.SANG_KIEN_SCRIPT))
    visitor.play(before)
    visitor.upload("minh-chung.pdf", data, "application/pdf")
    visitor.act("choice", "files:done")
    visitor.play(after)
    messages = visitor.transcript()
    code = _code_in([m["text"] for m in messages])
    assert code, [m["text"] for m in messages][-3:]
    for message in messages:
        url = (message.get("document") or {}).get("url") or ""
        for token in DOWNLOAD.findall(url):
            assert httpx.get(f"{server.url}/download/{token}").status_code == 200
    return code


def _my_data(
    server: ServerProcess, tg: TelegramUser, fake: FakeTelegram, zalo: ZaloUser, web: WebVisitor
) -> list[dict[str, Any]]:
    """/dulieucuatoi on each channel: a summary in chat, the JSON as a file or a link."""
    tg.act("command", "dulieucuatoi")
    upload = _wait(
        lambda: next(
            (s.params["document"] for s in fake.sent(tg.user_id)
             if s.method == "sendDocument" and s.params["document"].filename.endswith(".json")),
            None,
        ),
        "the Telegram export",
    )  # fmt: skip
    assert any(privacy.MY_DATA_HEADER in t for t in tg.texts())
    found = [json.loads(upload.data)]
    seen = len(zalo.texts())
    zalo.say("/dulieucuatoi")
    link = DOWNLOAD.search(zalo.wait_for_text(r"/download/.*", after=seen))
    assert link and privacy.MY_DATA_HEADER in "\n".join(zalo.texts()[seen:])
    found.append(httpx.get(f"{server.url}/download/{link.group(1)}").json())
    web.act("command", "dulieucuatoi")
    urls = [m["document"]["url"] for m in web.transcript() if m.get("document")]
    found.append(httpx.get(urls[-1]).json())
    return found


def _status(server: ServerProcess, code: str) -> str:
    return str(_api(server, "GET", f"/submissions/{code}")["status"])


def _files(data: Path, folder: str) -> list[Path]:
    return [p for p in (data / folder).rglob("*") if p.is_file()] if (data / folder).exists() else []


def test_erasure_leaves_the_markers_nowhere_but_the_kept_entry(
    server: ServerProcess,
    fakes: tuple[FakeTelegram, FakeZaloApi],
    db_url: str,
    tmp_path: Path,
) -> None:
    telegram_fake, zalo_fake = fakes
    data = tmp_path / "data"
    tg = TelegramUser(base_url=server.url, secret=TELEGRAM_SECRET, fake=telegram_fake,
                      user_id=7700001)  # fmt: skip
    tg.play(TELEGRAM.profile(scripts.PROFILE_SCRIPT))
    kept = _telegram_entry(tg, telegram_fake, TELEGRAM, attach=False)
    _wait(lambda: _files(data, f"dossiers/{kept}"), "the Telegram dossier")
    outcome = _api(server, "POST", "/jobs/digest/run?force=true")["outcome"]
    assert re.match(r"batch \d+: 1 entries", outcome), outcome
    _wait(lambda: _status(server, kept) == "forwarded", "the entry forwarded to the council")
    withdrawn = _telegram_entry(tg, telegram_fake, TELEGRAM, attach=True)
    tg.play([("choice", "menu:hien_ke"), ("text", scripts.HK_FIELD),
             ("text", f"{scripts.HK_PROBLEM} Liên hệ {TELEGRAM.phone}.")])  # fmt: skip

    zalo = ZaloUser(base_url=server.url, fake=zalo_fake, user_id="8812345001")
    zalo_code = _zalo_entry(server, zalo, zalo_fake)
    web = WebVisitor(server.url)
    web_code = _web_entry(server, web)
    _wait(lambda: len(_files(data, "attachments")) >= 3, "three attachments fetched")

    mine = _my_data(server, tg, telegram_fake, zalo, web)
    assert mine[0]["profile"]["phone"] == TELEGRAM.phone.replace(" ", "")
    sk_authors = [s["fields"].get("authors") for s in mine[0]["submissions"]]
    assert sk_authors[0][1]["name"] == TELEGRAM.co and len(mine[0]["submissions"]) == 2
    assert mine[0]["conversations"][0]["state"]["flow"] == "hien_ke"  # the draft too
    assert mine[1]["profile"]["name"] == ZALO.name and mine[1]["accounts"][0]["channel"] == "zalo"
    assert any(WEB.phone in str(m["text"]) for m in mine[2]["web_messages"])

    markers = [m for p in (TELEGRAM, ZALO, WEB) for m in p.markers()]
    planted = {h.marker for h in [*database_hits(db_url, markers), *file_hits(data, markers)]}
    # The sweep sees every marker before the erasure (Zalo keeps no transcript, so the
    # phone number as typed, with spaces, was never stored for the Zalo user).
    assert planted == set(markers) - {ZALO.phone}
    found = file_hits(data, [TELEGRAM.position])
    assert any(h.where.startswith("digests/") for h in found), found

    tg.act("command", "xoadulieu")
    tg.wait_for_text(re.escape(common.ERASE_CONFIRM[:40]))
    tg.act("choice", "erase:yes")
    zalo.say("/xoadulieu")
    zalo.say("1")
    web.act("command", "xoadulieu")
    web.act("choice", "erase:yes")

    told = tg.wait_for_text(re.escape(privacy.ERASED))
    assert kept in told and withdrawn in told and "5 năm" in told
    said = zalo.wait_for_text(re.escape(privacy.ERASED))
    assert zalo_code in said and privacy.ERASED_NOTHING_KEPT in said
    assert any(privacy.ERASED in t and web_code in t for t in web.bot_texts()), web.bot_texts()
    tg.wait_quiet()
    zalo.wait_quiet()
    time.sleep(1.0)  # the files go after the commit, the digest sheet is written again

    assert _status(server, withdrawn) == "withdrawn" and _status(server, kept) == "forwarded"
    for token in DOWNLOAD.findall("\n".join(zalo.texts())):  # links sent before: dead now
        assert httpx.get(f"{server.url}/download/{token}").status_code == 404
    hits = [*database_hits(db_url, markers), *file_hits(data, markers)]
    unexpected = [h for h in hits if not _documented(h, kept_id=_id_of(db_url, kept))]
    assert unexpected == [], "\n".join(f"{h.where} [{h.row}] {h.marker}: {h.excerpt}" for h in unexpected)
    # What is documented to stay, stays: the kept entry's authors' names (and the sheet).
    assert {h.marker for h in hits} == {TELEGRAM.name, TELEGRAM.co, TELEGRAM.helper[0]}  # type: ignore[index]
    assert {"submission", "status_change", "web_message", "outbox"} <= set(table_names(db_url))
    if db_url.startswith("sqlite"):  # secure_delete: no erased value left in the file itself
        raw = b"".join(p.read_bytes() for p in tmp_path.glob("sangkien.db*"))
        ascii_markers = [m for m in markers if m.isascii() and m not in (TELEGRAM.position,)]
        assert [m for m in ascii_markers if m.encode() in raw] == []
    assert not _files(data, "uploads") and not _files(data, "dossiers")
    assert not database_hits(db_url, [WEB.file_marker]) and _rows(db_url, "web_upload") == 0
    web.close()


def _rows(db_url: str, table: str) -> int:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        count = conn.execute(sql(f"select count(*) from {table}")).scalar_one()
    engine.dispose()
    return int(count)


def _id_of(db_url: str, code: str) -> str:
    hits = database_hits(db_url, [code])
    return next(h.row for h in hits if h.where == "submission.code")


def _documented(hit: Hit, *, kept_id: str) -> bool:
    """The one exception: the entry with the council keeps its authors' names and units
    (in the entry, and in the council's digest sheet)."""
    if hit.marker not in (TELEGRAM.name, TELEGRAM.co, TELEGRAM.helper[0]):  # type: ignore[index]
        return False
    if hit.where in ("submission.author", "submission.fields") and hit.row == kept_id:
        return True
    return hit.where.startswith("digests/") and hit.marker == TELEGRAM.name
