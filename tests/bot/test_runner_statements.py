"""The runner's SQL budget: one read of the dialogue and one write of it per ordinary update.

Counted on the real databases while a whole hiến kế goes through the runner; a change that
adds a query per update (a second lookup of the person, a re-read of the state, an
existence check) fails here rather than showing up later as a slower crowd.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from tests import scripts
from tests.fakes import telegram_updates as tu
from tests.support.apps import make_settings
from webhook.app import Services, build_services

SCRIPT = scripts.skipping_difference(scripts.FULL_HIEN_KE_SCRIPT)
# Per ordinary update: claim the update key, read identity + person + state (one SELECT that
# locks the identity), write the state, queue the reply. BEGIN/COMMIT are not statements.
# The step that completes the profile writes the person too: one more, once.
ORDINARY_BUDGET = 4
# The first update creates the person and identity; the last stores the entry (code,
# submission, history, checks): each has its own, larger budget.
FIRST_BUDGET = 10
SUBMIT_BUDGET = 10
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@pytest.fixture
def services(db_url: str, tmp_path: Path) -> Iterator[Services]:
    settings = make_settings(
        db_url, tmp_path / "data", telegram_url="http://127.0.0.1:9", telegram_token="123:abc"
    )
    built = build_services(settings)  # nothing is sent: no sender runs
    yield built
    built.db.dispose()


def _update(update_id: int, user_id: int, kind: str, value: str) -> dict[str, object]:
    if kind == "text":
        return tu.text_update(update_id, user_id, value)
    if kind == "command":
        return tu.command_update(update_id, user_id, value.lstrip("/"))
    return tu.callback_update(update_id, user_id, value)


def test_each_update_reads_and_writes_its_dialogue_once(services: Services) -> None:
    statements: list[str] = []
    reads: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.lstrip().upper().startswith(CONTROL):
            statements.append(statement)
            if statement.lstrip().upper().startswith("SELECT"):
                reads.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", count)
    channel = services.channels["telegram"]
    # The second person meets the first one's entry as "done before": both paths counted.
    for person, user_id in enumerate((7_100_001, 7_100_002)):
        per_update: list[int] = []
        reads_per_update: list[int] = []
        for offset, (kind, value) in enumerate(SCRIPT):
            incoming = channel.parse(_update(1000 * (person + 1) + offset, user_id, kind, value))
            assert incoming is not None
            statements.clear()
            reads.clear()
            assert not services.runner.handle(incoming).duplicate
            per_update.append(len(statements))
            reads_per_update.append(len(reads))
        first, *ordinary, submit = per_update
        assert first <= FIRST_BUDGET, per_update
        assert submit <= SUBMIT_BUDGET, per_update
        assert max(reads_per_update[1:-1]) == 1, reads_per_update
        assert max(ordinary) <= ORDINARY_BUDGET + 1, per_update
        assert sum(ordinary) <= ORDINARY_BUDGET * len(ordinary) + 1, per_update
    statements.clear()
    redelivered = channel.parse(_update(1000, 7_100_001, *SCRIPT[0]))
    assert redelivered is not None
    assert services.runner.handle(redelivered).duplicate
    assert len(statements) == 1  # the claim of the update key finds it, and that is all
