"""/metrics (prometheus-client) shows each stage of an update and of its reply, by channel."""

from __future__ import annotations

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram

USER = 5550099
STAGES = ("parse", "write_wait", "transaction", "queue_wait", "send")


def _samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _stage_count(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], stage: str) -> float:
    labels = frozenset({("channel", "telegram"), ("stage", stage)})
    return samples.get(("sangkien_stage_seconds_count", labels), 0.0)


def test_metrics_break_an_update_and_its_reply_into_stages(
    client: TestClient, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    response = client.post(
        "/webhook/telegram", json=tu.command_update(70, USER, "start"), headers=secret_header
    )
    assert response.status_code == 200
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER))
    sent = ("sangkien_outbox_messages", frozenset({("status", "sent")}))
    samples = fake_telegram.wait_for(  # the reply is recorded as sent just after the call
        lambda: (s := _samples(client)) and _stage_count(s, "send") >= 1 and s.get(sent) and s
    )
    for stage in STAGES:
        assert _stage_count(samples, stage) >= 1, stage
        bucket = frozenset({("channel", "telegram"), ("stage", stage), ("le", "+Inf")})
        assert samples[("sangkien_stage_seconds_bucket", bucket)] == _stage_count(samples, stage)
    # The names an operator already graphs are all still there.
    telegram = frozenset({("channel", "telegram")})
    assert samples[("sangkien_update_seconds_count", telegram)] == 1
    ok = frozenset({("channel", "telegram"), ("outcome", "ok")})
    assert samples[("sangkien_updates_total", ok)] == 1
    assert samples[sent] == 1
    assert samples[("sangkien_outbox_events_total", frozenset({("event", "sent")}))] == 1


def test_a_wrong_secret_is_counted_under_its_old_name(client: TestClient) -> None:
    refused = client.post(
        "/webhook/telegram",
        json=tu.command_update(71, USER, "start"),
        headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
    )
    assert refused.status_code == 403
    samples = _samples(client)
    rejected = frozenset({("channel", "telegram")})
    assert samples[("sangkien_webhook_rejected_total", rejected)] == 1
