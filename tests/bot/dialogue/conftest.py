"""The `chat` fixture: a user with a complete profile, standing at the menu."""

from __future__ import annotations

import pytest

from tests import scripts
from tests.bot.dialogue.driver import Chat


@pytest.fixture
def chat() -> Chat:
    return Chat().play(scripts.PROFILE_SCRIPT)
