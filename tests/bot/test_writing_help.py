"""The writing help's effect handlers on both backends: ownership, failures, amendments, loading."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.dialogue import Dialogue, load_units
from bot.dialogue.catalogues import quality as text
from bot.dialogue.quality_types import FindSimilar, SendDossier
from bot.dialogue.types import Submit
from bot.dossier.files import DossierStore
from bot.effects import EffectContext
from bot.similar.service import SimilarityService
from bot.writing_help import Links, WritingHelp
from storage import queries
from storage.db import Database
from tests import scripts
from tests.support.writing import add_submission

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
DIALOGUE = Dialogue(units=load_units())
MENU = {"consent_at": NOW.isoformat(), "profile": scripts.PROFILE_EXPECTED, "flow": "menu",
        "step": "menu", "answers": {}, "stack": []}


@pytest.fixture
def help_(db: Database, tmp_path: Path) -> WritingHelp:
    return WritingHelp(db=db, similar=SimilarityService(db), dossiers=DossierStore(tmp_path),
                       links=Links(secret="s" * 32, base_url="https://sangkien.example.vn"))


@contextmanager
def context(db: Database, user_id: str, state: dict[str, object] | None = None
            ) -> Iterator[EffectContext]:
    with db.write() as session:
        identity = queries.lock_identity(session, channel="telegram", user_id=user_id,
                                         chat_id=user_id, display_name=None, now=NOW)
        person = queries.get_person(session, person_id=identity.person_id)
        queries.save_profile(session, person=person, profile=dict(scripts.PROFILE_EXPECTED),
                             consent_at=NOW)
        yield EffectContext(session, identity, person, dict(state or MENU), NOW, DIALOGUE,
                            ZoneInfo("Asia/Ho_Chi_Minh"))


def test_a_dossier_is_sent_only_for_the_authors_own_sang_kien(db: Database,
                                                              help_: WritingHelp) -> None:
    add_submission(db, code="SK-2026-00001", kind="sang_kien", title=scripts.SK_TITLE,
                   fields=scripts.SANG_KIEN_EXPECTED_FIELDS, at=NOW, user_id="1")
    add_submission(db, code="HK-2026-00001", kind="hien_ke", title="Gộp báo cáo",
                   fields=scripts.HIEN_KE_EXPECTED_FIELDS, at=NOW, user_id="1")
    with context(db, "2") as ctx:
        other = help_.send_dossier(ctx, SendDossier("SK-2026-00001"))
    assert text.DOSSIER_NOT_FOUND.format(code="SK-2026-00001") in other.replies[0].text
    assert not any(reply.document for reply in other.replies)
    with context(db, "1") as ctx:
        idea = help_.send_dossier(ctx, SendDossier("hk-2026-00001"))
        own = help_.send_dossier(ctx, SendDossier("sk-2026-00001"))
    assert text.DOSSIER_NOT_FOUND.format(code="HK-2026-00001") in idea.replies[0].text
    documents = [reply for reply in own.replies if reply.document]
    assert [Path(str(d.document)).name for d in documents] == [
        "SK-2026-00001-don-yeu-cau-cong-nhan.docx", "SK-2026-00001-bao-cao-mo-ta.docx"]


def test_a_failing_dossier_never_touches_the_submission(
    db: Database, help_: WritingHelp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(help_.dossiers, "ensure", broken)
    effect = Submit(kind="sang_kien", title=scripts.SK_TITLE, fields=scripts.SANG_KIEN_EXPECTED_FIELDS)
    with context(db, "3") as ctx:
        result = help_.submit(ctx, effect)
        code = result.replies[0].text.split("Mã hồ sơ: ")[1].split(" ")[0]
    # The .docx are built after the commit, when first sent or downloaded: the submission
    # does not wait for them and cannot fail because of them.
    assert any(reply.document for reply in result.replies)
    with db.session() as session:
        stored = queries.get_submission(session, code=code)
    assert stored is not None and stored.quality is not None and stored.quality["total"] == 10
    assert stored.similar is None  # the index was still loading: nothing looked up
    document = next(reply.document for reply in result.replies if reply.document)
    with pytest.raises(OSError, match="disk full"):  # the sender logs it; the send then fails
        help_.prepare_file(str(document))


def test_prepare_builds_the_dossier_of_a_stored_entry_only(db: Database, help_: WritingHelp) -> None:
    effect = Submit(kind="sang_kien", title=scripts.SK_TITLE, fields=scripts.SANG_KIEN_EXPECTED_FIELDS)
    with context(db, "5") as ctx:
        result = help_.submit(ctx, effect)
    document = next(str(reply.document) for reply in result.replies if reply.document)
    help_.prepare_file(document)
    assert Path(document).is_file() and Path(document).stat().st_size > 1000
    help_.prepare_file("/etc/passwd")  # not a dossier path: nothing happens
    help_.prepare_file("dossiers/SK-2026-99999/x.docx")  # no such entry: nothing happens
    assert not (help_.dossiers.data_dir / "dossiers" / "SK-2026-99999").exists()


def test_an_entry_never_looked_up_is_looked_up_at_submission(db: Database,
                                                             help_: WritingHelp) -> None:
    add_submission(db, code="SK-2025-00009", kind="sang_kien", title=scripts.SK_TITLE,
                   fields=scripts.SANG_KIEN_EXPECTED_FIELDS, at=NOW, user_id="1")
    help_.similar.build()
    effect = Submit(kind="sang_kien", title=scripts.SK_TITLE, fields=scripts.SANG_KIEN_EXPECTED_FIELDS)
    with context(db, "4") as ctx:  # e.g. the index finished loading after the solution
        help_.submit(ctx, effect)
    with db.session() as session:
        stored = queries.get_submission(session, code="SK-2026-00001")
    assert stored is not None and stored.person_id != 1
    assert [s["code"] for s in stored.similar or []] == ["SK-2025-00009"]


def test_an_amended_entry_is_assessed_again(db: Database, help_: WritingHelp) -> None:
    add_submission(db, code="SK-2026-00001", kind="sang_kien", title=scripts.SK_TITLE,
                   fields=scripts.SANG_KIEN_EXPECTED_FIELDS, at=NOW, user_id="1")

    class Amend:
        code = "SK-2026-00001"
        fields = {**scripts.SANG_KIEN_EXPECTED_FIELDS, "benefits": "Hiệu quả rất cao, ai cũng khen."}

    def amend(ctx: EffectContext, effect: Amend) -> None:
        stored = queries.get_submission(ctx.session, code=effect.code)
        assert stored is not None
        stored.fields = effect.fields

    with context(db, "1") as ctx:
        help_.after_amend(amend)(ctx, Amend())
    with db.session() as session:
        stored = queries.get_submission(session, code="SK-2026-00001")
    assert stored is not None and stored.quality is not None
    assert stored.quality["passed"] == 9


def test_a_failing_lookup_lets_the_draft_go_on(db: Database, help_: WritingHelp,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    help_.similar.build()

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("index bug")

    monkeypatch.setattr(help_.similar, "find", broken)
    with context(db, "5") as ctx:
        result = help_.find_similar(ctx, FindSimilar(scripts.SK_TITLE))
    assert result.replies and text.SIMILAR_HEADER not in result.replies[0].text


@pytest.mark.parametrize("db_backend", ["postgres"])
def test_a_replica_finds_an_entry_submitted_on_another_a_moment_ago(db_url: str,
                                                                     tmp_path: Path) -> None:
    # Two replicas: each its own Database handle and in-memory index, one PostgreSQL
    # database. Neither runs its periodic refresh: only the check before a lookup can
    # tell replica B about the entry replica A has just stored.
    first, second = Database(db_url), Database(db_url)
    replicas = [
        WritingHelp(db=db, similar=SimilarityService(db, clock=lambda: NOW),
                    dossiers=DossierStore(tmp_path / name), links=Links(
                        secret="s" * 32, base_url="https://sangkien.example.vn"))
        for db, name in ((first, "a"), (second, "b"))
    ]
    try:
        for replica in replicas:
            replica.similar.build()
        effect = Submit(kind="sang_kien", title=scripts.SK_TITLE,
                        fields=scripts.SANG_KIEN_EXPECTED_FIELDS)
        with context(first, "1") as ctx:  # submitted on replica A
            replicas[0].submit(ctx, effect)
        with context(second, "2") as ctx:  # the same idea, a moment later, on replica B
            solution = scripts.SANG_KIEN_EXPECTED_FIELDS["solution"]
            found = replicas[1].lookup(ctx, f"{scripts.SK_TITLE}\n{solution}", exclude=[])
            replicas[1].submit(ctx, effect)
        assert found is not None and [entry.code for entry in found] == ["SK-2026-00001"]
        assert found[0].level == text.SIMILAR_STRONG
        with second.session() as session:
            stored = queries.get_submission(session, code="SK-2026-00002")
        assert stored is not None
        assert [s["code"] for s in stored.similar or []] == ["SK-2026-00001"]
    finally:
        first.dispose()
        second.dispose()
