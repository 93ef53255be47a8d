"""Writing help through the app: quality and similar in the API, the dossier sent and downloaded."""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import col

from bot.dialogue.catalogues import quality as text
from storage.models import Submission
from tests import scripts
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_state import UploadedFile
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import TELEGRAM_SECRET
from tests.support.telegram_chat import TelegramUser
from tests.support.writing import docx_text
from tests.support.zalo_chat import ZaloUser

SK = scripts.FULL_SANG_KIEN_SCRIPT
AT_SOLUTION = SK.index(("text", scripts.SK_SOLUTION)) + 1
DIFFERENCE = "Mã QR được gửi kèm tin nhắn hẹn trả kết quả, không chỉ dán tại quầy."
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINK = re.compile(r"https?://\S+/download/(\S+)")


def telegram(client: TestClient, fake: FakeTelegram, user_id: int) -> TelegramUser:
    return TelegramUser(base_url="", secret=TELEGRAM_SECRET, fake=fake, user_id=user_id,
                        client=client)


def receipt(user: TelegramUser, number: int, prefix: str = "SK") -> str:
    found = user.wait_for_text(rf"Mã hồ sơ: {prefix}-\d{{4}}-{number:05d}")
    match = re.search(rf"{prefix}-\d{{4}}-\d{{5}}", found)
    assert match
    return match.group(0)


def documents(fake: FakeTelegram, user_id: int, count: int) -> list[UploadedFile]:
    def uploads() -> list[UploadedFile] | None:
        sent = [s.params["document"] for s in fake.sent(user_id) if s.method == "sendDocument"]
        return sent if len(sent) >= count else None

    found = fake.wait_for(uploads)
    assert found is not None and all(isinstance(upload, UploadedFile) for upload in found)
    return found


def entry(client: TestClient, code: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/submissions/{code}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_a_second_author_is_shown_the_first_and_the_api_has_quality_and_similar(
    client: TestClient, fake_telegram: FakeTelegram
) -> None:
    first = telegram(client, fake_telegram, 8101)
    first.play(SK)
    first_code = receipt(first, 1)
    second = telegram(client, fake_telegram, 8102)
    second.play(SK[:AT_SOLUTION])
    asked = second.wait_for_text(re.escape(text.SIMILAR_HEADER))
    assert first_code in asked and "Đã tiếp nhận" in asked
    assert scripts.PROFILE_EXPECTED["agency"] in asked
    second.play([("text", DIFFERENCE), *SK[AT_SOLUTION:]])
    second_code = receipt(second, 2)

    stored = entry(client, second_code)
    assert stored["fields"]["difference_from_similar"] == DIFFERENCE
    [similar] = stored["similar"]
    assert set(similar) == {"code", "title", "agency", "year", "status", "score", "level"}
    assert (similar["code"], similar["status"]) == (first_code, "submitted")
    assert similar["title"] == scripts.SK_TITLE and similar["score"] > 0.9
    assert similar["level"] == "rất giống"  # the score in plain words for reviewers
    assert stored["quality"]["passed"] == stored["quality"]["total"] == 10
    assert {item["rule"] for item in stored["quality"]["items"]} >= {"benefits_measurable"}
    original = entry(client, first_code)
    assert original["similar"] == [] and "difference_from_similar" not in original["fields"]

    first.play(scripts.HIEN_KE_SCRIPT)
    idea = entry(client, receipt(first, 1, prefix="HK"))
    assert idea["quality"]["total"] == 4 and idea["similar"] == []


def test_the_dossier_is_sent_as_two_documents_after_a_sang_kien(
    client: TestClient, fake_telegram: FakeTelegram
) -> None:
    user = telegram(client, fake_telegram, 8201)
    user.play(SK)
    code = receipt(user, 1)
    application, report = documents(fake_telegram, 8201, 2)
    assert application.filename == f"{code}-don-yeu-cau-cong-nhan.docx"
    assert report.filename == f"{code}-bao-cao-mo-ta.docx"
    assert scripts.SK_TITLE in docx_text(application.data)
    assert scripts.SK_SOLUTION.split(".")[0] in docx_text(report.data)
    assert any(text.DOSSIER_APPLICATION.format(code=code) in t for t in user.texts())

    user.act("command", "taidon")  # on request: the same two, again
    assert len(documents(fake_telegram, 8201, 4)) == 4
    stranger = telegram(client, fake_telegram, 8202)
    stranger.play([*scripts.PROFILE_SCRIPT, ("command", "taidon")])
    stranger.wait_for_text(re.escape(text.DOSSIER_NONE))
    assert not [s for s in fake_telegram.sent(8202) if s.method == "sendDocument"]


def test_reviewers_download_the_dossier_made_again_when_the_entry_changes(
    client: TestClient, fake_telegram: FakeTelegram
) -> None:
    user = telegram(client, fake_telegram, 8301)
    user.play(SK)
    code = receipt(user, 1)
    for name, expected in (("application.docx", scripts.SK_TITLE),
                           ("report.docx", scripts.SK_KNOWN[:40])):
        response = client.get(f"/api/v1/submissions/{code}/dossier/{name}")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == DOCX
        assert expected in docx_text(response.content)
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.write() as session:
        stored = session.execute(select(Submission).where(col(Submission.code) == code)).scalar_one()
        stored.fields = {**stored.fields, "title": "Tên đã sửa sau khi bổ sung hồ sơ"}
    changed = client.get(f"/api/v1/submissions/{code}/dossier/application.docx")
    assert "Tên đã sửa sau khi bổ sung hồ sơ" in docx_text(changed.content)

    assert client.get(f"/api/v1/submissions/{code}/dossier/other.docx").status_code == 422
    assert client.get("/api/v1/submissions/SK-2020-99999/dossier/report.docx").status_code == 404
    assert client.get("/api/v1/submissions/HK-2026-00001/dossier/report.docx").status_code == 404
    anonymous = client.get(f"/api/v1/submissions/{code}/dossier/report.docx",
                           headers={"Authorization": "Bearer wrong"})
    assert anonymous.status_code == 401


def test_zalo_gets_signed_expiring_links_instead_of_files(
    zalo_client: TestClient, fake_zalo: FakeZaloApi
) -> None:
    user = ZaloUser(base_url="", fake=fake_zalo, user_id="8401", client=zalo_client)
    user.play(scripts.FULL_SANG_KIEN_SCRIPT_TEXT)
    line = user.wait_for_text(r"bao-cao-mo-ta\.docx: https?://")
    assert text.DOSSIER_LINK_NOTE.format(days=7) in line
    token = LINK.search(line).group(1)  # type: ignore[union-attr]
    download = zalo_client.get(f"/download/{token}")
    assert download.status_code == 200 and "BÁO CÁO MÔ TẢ SÁNG KIẾN" in docx_text(download.content)
    assert zalo_client.get(f"/download/{token[:-2]}xx").status_code == 404


def test_the_web_chat_gets_a_signed_link_to_its_own_dossier(client: TestClient) -> None:
    client.get("/")
    messages: list[dict[str, Any]] = []
    for kind, value in SK:
        body: dict[str, Any] = {"client_id": uuid.uuid4().hex}
        if kind == "choice":
            body |= {"choice": value, "label": value}
        else:
            body["text"] = f"/{value}" if kind == "command" else value
        response = client.post("/webchat/api/messages", json=body,
                               headers={"X-Requested-With": "sangkien-webchat"})
        assert response.status_code == 200, response.text
        messages += response.json()["messages"]
    linked = [m["document"] for m in messages if m.get("document")]
    names = [d["name"] for d in linked]
    assert len(names) == 2 and names[0].endswith("-don-yeu-cau-cong-nhan.docx")
    assert all("/download/" in d["url"] for d in linked)
    download = client.get(urlsplit(linked[0]["url"]).path)
    assert download.status_code == 200
    assert scripts.SK_TITLE in docx_text(download.content)


@pytest.mark.parametrize("status", ["withdrawn"])
def test_a_withdrawn_entry_is_not_shown_as_done_before(
    client: TestClient, fake_telegram: FakeTelegram, status: str
) -> None:
    first = telegram(client, fake_telegram, 8501)
    first.play(SK)
    code = receipt(first, 1)
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.write() as session:
        stored = session.execute(select(Submission).where(col(Submission.code) == code)).scalar_one()
        stored.status = status
    second = telegram(client, fake_telegram, 8502)
    second.play(SK)
    stored = entry(client, receipt(second, 2))
    assert stored["similar"] == [] and "difference_from_similar" not in stored["fields"]
