"""/lienket from the web chat: a cookieless brute force is stopped by limits in the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from bot.dialogue.catalogues import link as text
from bot.linking import CODE_WRONG_LIMIT, LIMITS
from storage import linking
from storage.models import Identity, LinkAttempt, LinkCode, Outbox, Person
from storage.types import utcnow
from tests.webhook.test_webchat_limits import Site, say

CODE = "424242"


@pytest.fixture
def site_factory(tmp_path: Path) -> Iterator[Callable[..., Site]]:
    sites: list[Site] = []

    def make(**webchat: Any) -> Site:
        sites.append(Site(tmp_path / f"s{len(sites)}", **webchat))
        return sites[-1]

    yield make
    for site in sites:
        site.close()


def _owner(site: Site) -> int:
    """A Telegram user with a profile who has just asked for a link code."""
    now = utcnow()
    with site.db.write() as session:
        person = Person(name="Nguyễn Văn An", agency="Sở Y tế", consent_at=now, created_at=now)
        session.add(person)
        session.flush()
        identity = Identity(
            channel="telegram", channel_user_id="501", chat_id="501", person_id=person.id or 0,
            created_at=now,
        )
        session.add(identity)
        session.flush()
        linking.issue_code(
            session, person_id=person.id or 0, now=now, ttl=timedelta(minutes=15),
            draw=lambda: CODE, issuer_identity_id=identity.id,
        )
        return person.id or 0


def _said(response: Any) -> str:
    assert response.status_code == 200, response.text
    return "\n".join(m["text"] for m in response.json()["messages"] if m["role"] == "bot")


def _accounts_of(site: Site, person_id: int) -> int:
    with site.db.session() as session:
        stmt = select(func.count()).select_from(Identity).where(col(Identity.person_id) == person_id)
        return int(session.execute(stmt).scalar_one())


def test_a_cookieless_brute_force_from_one_address_is_stopped(site_factory: Any) -> None:
    # The web chat's own flood limits are opened wide: the linking limits alone must hold.
    site = site_factory(address_new_sessions_per_hour=1000, address_messages_per_minute=1000)
    owner = _owner(site)
    wrong = [f"{n:06d}" for n in range(100_000, 100_000 + LIMITS["address"])]
    for n, guess in enumerate(wrong):
        assert text.INVALID in _said(say(site.browser(), f"/lienket {guess}", n))
    with site.db.session() as session:
        row = session.get(LinkCode, CODE)
        assert row is not None and row.wrong_tries == CODE_WRONG_LIMIT
        assert row.expires_at <= utcnow()  # it died after CODE_WRONG_LIMIT wrong tries
        assert len(wrong) > CODE_WRONG_LIMIT
    # Every request was a new session, yet the address is held back, even with the right code.
    answer = _said(say(site.browser(), f"/lienket {CODE}", 99))
    assert "tạm dừng nhận mã liên kết" in answer and text.INVALID not in answer
    assert _accounts_of(site, owner) == 1
    assert site.count(Outbox) == 0  # the owner was never even asked
    with site.db.session() as session:
        kept = session.execute(select(LinkAttempt.source)).scalars().all()
    assert kept.count("address:203.0.113.7") == len(wrong) and kept.count("all") == len(wrong)
    # Another network may still link (the global limit is higher than one address's).
    other = _said(say(site.browser("198.51.100.9"), "/lienket 123123", 200))
    assert text.INVALID in other


def test_a_right_code_from_the_web_only_asks_the_owner(site_factory: Any) -> None:
    site = site_factory()
    owner = _owner(site)
    client = site.browser()
    answer = _said(say(client, f"/lienket {CODE}", 1))
    assert "Mã liên kết đúng" in answer
    assert _accounts_of(site, owner) == 1  # nothing merged before the owner agrees
    with site.db.session() as session:
        asked = session.execute(select(Outbox)).scalars().one()
        assert asked.chat_id == "501"
        payload = asked.payload["messages"][0] if "messages" in asked.payload else asked.payload
        assert "Tài khoản trên trang web vừa nhập đúng mã liên kết" in str(payload)
        assert "Đồng ý" in str(payload) and "Từ chối" in str(payload)
