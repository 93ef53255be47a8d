"""Web chat abuse limits and sessions: floods stopped before any write, cookies that end."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import Signer, TimestampSigner
from sqlalchemy import func, select

from storage.db import Database
from storage.migrate import upgrade
from storage.models import Identity, Person, ProcessedUpdate, WebMessage
from tests.support.apps import make_settings
from webhook.app import create_app
from webhook.client_address import limit_key
from webhook.webchat_limits import Buckets

CSRF = {"X-Requested-With": "sangkien-webchat"}
COOKIE = "sk_visitor"
SESSION_SALT = "sangkien.webchat.session"


class Site:
    """One app on real SQLite, with clients that each stand for a browser at an address."""

    def __init__(self, tmp_path: Path, **webchat: Any) -> None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{tmp_path}/t.db"
        database = Database(url)
        upgrade(database.engine)
        database.dispose()
        extra = {f"SANGKIEN_WEBCHAT__{k.upper()}": str(v) for k, v in webchat.items()}
        extra |= {"SANGKIEN_SCHEDULER__ENABLED": "false"}
        self.settings = make_settings(url, tmp_path / "data", extra=extra)
        self.app = create_app(self.settings)
        self.secret_key: str = self.app.state.services.secret_key
        self.db: Database = self.app.state.services.db
        self.clients: list[TestClient] = []

    def browser(self, address: str = "203.0.113.7", **kwargs: Any) -> TestClient:
        client = TestClient(self.app, client=(address, 50000), **kwargs)
        self.clients.append(client)
        return client

    def count(self, model: Any) -> int:
        with self.db.session() as session:
            return int(session.execute(select(func.count()).select_from(model)).scalar_one())

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.db.dispose()


@pytest.fixture
def site_factory(tmp_path: Path) -> Iterator[Any]:
    sites: list[Site] = []

    def make(**webchat: Any) -> Site:
        site = Site(tmp_path / f"s{len(sites)}", **webchat)
        sites.append(site)
        return site

    yield make
    for site in sites:
        site.close()


def say(client: TestClient, text: str, n: int) -> Any:
    body = {"text": text, "client_id": f"msg{n:010d}"}
    return client.post("/webchat/api/messages", json=body, headers=CSRF)


def visitor_of(site: Site, cookie: str) -> str:
    value = TimestampSigner(site.secret_key, salt=SESSION_SALT).unsign(cookie)
    return value.decode().rsplit(".", 1)[0]


def test_cookieless_posts_from_one_address_create_at_most_the_new_session_limit(
    site_factory: Any,
) -> None:
    site = site_factory(address_new_sessions_per_hour=5)
    answers = []
    for n in range(20):
        client = site.browser()  # a fresh client: no cookie, as a script would send
        answers.append(say(client, "/start", n))
    statuses = [a.status_code for a in answers]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 15
    refused = answers[-1]
    assert "phiên trò chuyện mới" in refused.json()["error"]
    assert int(refused.headers["retry-after"]) >= 60
    assert "set-cookie" not in refused.headers
    assert site.count(Person) == 5 and site.count(Identity) == 5
    # Another address is not held back by this one.
    assert say(site.browser("198.51.100.9"), "/start", 99).status_code == 200


def test_one_session_sending_too_fast_is_refused_before_anything_is_stored(
    site_factory: Any,
) -> None:
    site = site_factory(session_messages_per_minute=4)
    client = site.browser()
    assert [say(client, "/start", n).status_code for n in range(4)] == [200] * 4
    updates, transcript = site.count(ProcessedUpdate), site.count(WebMessage)
    refused = say(client, "/start", 5)
    assert refused.status_code == 429
    assert refused.json()["error"].startswith("Anh/chị gửi hơi nhanh")
    assert 1 <= int(refused.headers["retry-after"]) <= 15
    upload = client.post(
        "/webchat/api/upload", files={"file": ("a.pdf", b"%PDF-1.4")}, headers=CSRF
    )
    assert upload.status_code == 429
    assert (site.count(ProcessedUpdate), site.count(WebMessage)) == (updates, transcript)
    # Reading the transcript is not a message: the page still shows what was said.
    assert client.get("/webchat/api/messages").status_code == 200


def test_the_address_limit_spans_every_session_of_that_address(site_factory: Any) -> None:
    site = site_factory(address_messages_per_minute=6, session_messages_per_minute=100)
    statuses = [say(site.browser(), "/start", n).status_code for n in range(8)]
    assert statuses == [200] * 6 + [429] * 2


def test_forwarded_for_counts_only_behind_a_trusted_proxy(site_factory: Any) -> None:
    untrusted = site_factory(address_new_sessions_per_hour=2)
    proxied = site_factory(address_new_sessions_per_hour=2, trusted_proxies='["10.0.0.1"]')
    for n in range(4):
        spoofed = {"X-Forwarded-For": f"192.0.2.{n}"}
        # From an untrusted peer the header is ignored: all four are one address.
        answer = untrusted.browser("203.0.113.7", headers=spoofed).get("/webchat/api/messages")
        assert answer.status_code == (200 if n < 2 else 429)
        # Through the trusted proxy, each is its own client (the proxy appended the last hop).
        via_proxy = proxied.browser(
            "10.0.0.1", headers={"X-Forwarded-For": f"1.2.3.4, 192.0.2.{n}"}
        )
        assert via_proxy.get("/webchat/api/messages").status_code == 200
    # The left of the header is the client's to write: it does not make a new address.
    same = [
        proxied.browser("10.0.0.1", headers={"X-Forwarded-For": f"9.9.9.{n}, 192.0.2.0"})
        .get("/webchat/api/messages")
        .status_code
        for n in range(3)
    ]
    assert same == [200, 429, 429]  # 192.0.2.0 had one session already, the limit is two


def test_typed_text_a_session_may_store_is_bounded(site_factory: Any) -> None:
    site = site_factory(session_text_kb_per_day=16)
    client = site.browser()
    say(client, "/start", 0)
    long_text = "á" * 4000  # 8,000 bytes in UTF-8
    assert say(client, long_text, 1).status_code == 200
    assert say(client, long_text, 2).status_code == 200
    refused = say(client, long_text, 3)
    assert refused.status_code == 429 and "nhiều nội dung" in refused.json()["error"]
    with site.db.session() as session:
        payloads = session.execute(select(WebMessage.payload)).scalars().all()
    assert sum(1 for payload in payloads if long_text in str(payload)) <= 2


def test_the_cookie_is_secure_when_the_public_url_is_https(site_factory: Any) -> None:
    site = site_factory()
    plain = site.browser().get("/").headers["set-cookie"]
    assert "Secure" not in plain and "HttpOnly" in plain and "SameSite=lax" in plain
    site.settings.server.public_url = "https://sangkien.quangngai.gov.vn"
    behind_tls_proxy = site.browser().get("/").headers["set-cookie"]  # http to the proxy
    assert "Secure" in behind_tls_proxy and "HttpOnly" in behind_tls_proxy


class OldSigner(TimestampSigner):
    def __init__(self, key: str, age: int) -> None:
        super().__init__(key, salt=SESSION_SALT)
        self.age = age

    def get_timestamp(self) -> int:
        return int(time.time()) - self.age


def with_cookie(site: Site, cookie: str) -> Any:
    """A read by a browser that still holds `cookie` (sent as the header, as a browser would)."""
    return site.browser().get("/webchat/api/messages", headers={"Cookie": f"{COOKIE}={cookie}"})


def _resumes(site: Site, cookie: str, visitor: str) -> bool:
    answer = with_cookie(site, cookie)
    return bool(answer.json()["messages"]) and visitor_of(site, answer.cookies[COOKIE]) == visitor


def test_a_session_ends_when_idle_too_long_or_too_old(site_factory: Any) -> None:
    site = site_factory(session_idle_hours=2, session_max_days=3)
    client = site.browser()
    say(client, "/start", 0)
    visitor = visitor_of(site, client.cookies[COOKIE])
    started = int(client.cookies[COOKIE].split(".")[1])
    fresh = TimestampSigner(site.secret_key, salt=SESSION_SALT).sign(f"{visitor}.{started}")
    assert _resumes(site, fresh.decode(), visitor)
    idle = OldSigner(site.secret_key, age=3 * 3600).sign(f"{visitor}.{started}")
    assert not _resumes(site, idle.decode(), visitor)
    too_old = f"{visitor}.{started - 4 * 86400}"
    recent = TimestampSigner(site.secret_key, salt=SESSION_SALT).sign(too_old)
    assert not _resumes(site, recent.decode(), visitor)


def test_a_cookie_from_before_sessions_resumes_once_as_a_session(site_factory: Any) -> None:
    site = site_factory()
    client = site.browser()
    say(client, "/start", 0)
    visitor = visitor_of(site, client.cookies[COOKIE])
    legacy = Signer(site.secret_key, salt="sangkien.webchat.visitor").sign(visitor).decode()
    answer = with_cookie(site, legacy)
    assert answer.json()["messages"]
    assert visitor_of(site, answer.cookies[COOKIE]) == visitor  # re-issued in the new form


def test_ending_the_session_revokes_the_cookie_on_the_server(site_factory: Any) -> None:
    site = site_factory()
    client = site.browser()
    say(client, "/start", 0)
    cookie = client.cookies[COOKIE]
    visitor = visitor_of(site, cookie)
    assert client.post("/webchat/api/session/end").status_code == 403  # no CSRF header
    assert _resumes(site, cookie, visitor)

    ended = client.post("/webchat/api/session/end", headers=CSRF)
    assert ended.status_code == 200 and ended.json()["ended"] is True
    assert 'sk_visitor=""' in ended.headers["set-cookie"]
    assert "Max-Age=0" in ended.headers["set-cookie"]
    # Someone who copied the cookie before (or a browser that kept it) resumes nothing.
    replay = with_cookie(site, cookie)
    assert replay.json()["messages"] == []
    assert visitor_of(site, replay.cookies[COOKIE]) != visitor
    again = site.browser().post(
        "/webchat/api/messages",
        json={"text": "/start", "client_id": "msg0000000001"},
        headers=CSRF | {"Cookie": f"{COOKIE}={cookie}"},
    )
    assert again.status_code == 200 and visitor_of(site, again.cookies[COOKIE]) != visitor


def test_buckets_refill_evenly_and_stay_bounded_under_many_senders() -> None:
    now = [1000.0]
    buckets = Buckets(3, 60.0, max_keys=100, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(20.0)  # one token every 20 s
    now[0] += 20.0
    assert buckets.take("a") == 0.0
    for n in range(1000):  # a flood of distinct senders
        buckets.take(f"spoofed-{n}")
    assert len(buckets) <= 100


def test_ipv6_senders_are_counted_by_their_64_and_mapped_ipv4_as_ipv4() -> None:
    assert limit_key("2001:db8:1:2:aaaa::1") == limit_key("2001:db8:1:2:bbbb::9")
    assert limit_key("2001:db8:1:2::1") != limit_key("2001:db8:1:3::1")
    assert limit_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert limit_key("testclient") == "testclient"


def test_the_retention_job_forgets_endings_older_than_any_cookie(site_factory: Any) -> None:
    from datetime import timedelta

    from bot.retention import RetentionSetup, run_retention
    from storage import web_sessions
    from storage.types import utcnow

    site = site_factory()
    now = utcnow()
    with site.db.write() as session:
        web_sessions.end_session(session, visitor_id="old", now=now - timedelta(days=91))
        web_sessions.end_session(session, visitor_id="new", now=now - timedelta(days=89))
    report = run_retention(
        site.db, RetentionSetup(data_dir=Path(site.settings.server.data_dir)), now=now
    )
    assert report.removed["ended web sessions"] == 1
    with site.db.session() as session:
        assert not web_sessions.is_ended(session, visitor_id="old")
        assert web_sessions.is_ended(session, visitor_id="new")
