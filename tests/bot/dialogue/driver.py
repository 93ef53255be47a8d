"""An in-memory chat that drives the Dialogue like the runner does, checking invariants each turn."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.dialogue import Dialogue, load_units
from bot.dialogue.catalogues.common import INTERNAL_ERROR
from bot.dialogue.flows import lookup
from bot.dialogue.frames import active
from bot.dialogue.quality_types import (
    DossierFiles,
    FindSimilar,
    ListDossiers,
    SendDossier,
    SimilarEntry,
)
from bot.dialogue.types import (
    DeclineConsent,
    DeleteMyData,
    Effect,
    EntrySummary,
    ExportMyData,
    ListEntries,
    MyData,
    SaveProfile,
    StepResult,
    Submit,
)
from bot.messages import Attachment, Incoming, Outgoing

NOW = datetime(2025, 11, 20, 2, 30, tzinfo=UTC)  # 09:30 in Quảng Ngãi
UNITS = load_units()

# Every (flow, step) any Chat has stood at, for the coverage test.
VISITED: set[tuple[str, str]] = set()
# Every reply any Chat received, with its channel, for the Zalo wording test.
REPLIES: list[tuple[str, Outgoing]] = []


@dataclass
class Chat:
    """One user talking to the engine. Effects are executed the way bot/runner.py does."""

    dialogue: Dialogue = field(default_factory=lambda: Dialogue(units=UNITS))
    now: datetime = NOW
    state: dict[str, Any] = field(default_factory=dict)
    channel: str = "telegram"
    entries: list[EntrySummary] = field(default_factory=list)
    replies: list[Outgoing] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)  # of the last action (incl. follow-ups)
    all_effects: list[Effect] = field(default_factory=list)
    submitted: list[Submit] = field(default_factory=list)
    profile_saves: list[SaveProfile] = field(default_factory=list)
    codes: dict[str, int] = field(default_factory=dict)
    similar: list[SimilarEntry] | None = field(default_factory=list)  # None: index not ready
    _seq: int = 0

    # ---- actions ----

    def send(self, text: str) -> Chat:
        return self._do(kind="text", text=text)

    def command(self, name: str, argument: str = "") -> Chat:
        return self._do(kind="command", command=name.lstrip("/"), text=argument)

    def press(self, value_or_label: str) -> Chat:
        """Press a button of the last reply by label, or send the value as given (old keyboards)."""
        value = next((b.value for b in self.buttons if b.label == value_or_label), value_or_label)
        return self._do(kind="choice", choice=value, text=value_or_label)

    def file(self, name: str = "anh.jpg", mime: str | None = "image/jpeg", size: int | None = 120_000,
             kind: str = "document") -> Chat:
        attachment = Attachment(kind=kind, file_ref=f"ref-{self._seq}", file_name=name,  # type: ignore[arg-type]
                                mime_type=mime, size=size)
        return self._do(kind="file", attachment=attachment)

    def unsupported(self, what: str) -> Chat:
        return self._do(kind="unsupported", text=what)

    def play(self, script: Iterable[tuple[str, str]]) -> Chat:
        for kind, value in script:
            {"text": self.send, "choice": self.press, "command": self.command}[kind](value)
        return self

    # ---- what the user sees ----

    @property
    def last(self) -> Outgoing:
        return self.replies[-1]

    @property
    def last_text(self) -> str:
        return self.replies[-1].text if self.replies else ""

    @property
    def texts(self) -> str:
        """All replies of the last action."""
        return "\n\n".join(r.text for r in self.replies)

    @property
    def buttons(self) -> Sequence[Any]:
        return self.replies[-1].buttons if self.replies else ()

    @property
    def values(self) -> list[str]:
        return [b.value for b in self.buttons]

    @property
    def labels(self) -> list[str]:
        return [b.label for b in self.buttons]

    @property
    def at(self) -> tuple[str, str]:
        """(flow, step) of the frame receiving input."""
        frame = active(self.state)
        return str(frame.get("flow")), str(frame.get("step"))

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.state.get("answers") or {})

    # ---- the runner's part ----

    def _do(self, **kwargs: Any) -> Chat:
        self._seq += 1
        incoming = Incoming(channel=self.channel, user_id="u1", chat_id="c1",
                            dedupe_key=f"k{self._seq}", **kwargs)
        before = copy.deepcopy(self.state)
        result = self.dialogue.step(self.state, incoming, self.now)
        assert self.state == before, "the engine mutated its input state"
        self.replies, self.effects = [], []
        self._apply(result)
        return self

    def _apply(self, result: StepResult) -> None:
        pending = [result]
        while pending:
            current = pending.pop(0)
            self._check(current)
            self.state = current.state
            self.replies.extend(current.replies)
            REPLIES.extend((self.channel, reply) for reply in current.replies)
            for effect in current.effects:
                self.effects.append(effect)
                self.all_effects.append(effect)
                follow = self._effect(effect)
                if follow is not None:
                    pending.append(follow)
        VISITED.add(self.at)
        if active(self.state) is not self.state:
            VISITED.add((str(self.state.get("flow")), str(self.state.get("step"))))

    def _effect(self, effect: Effect) -> StepResult | None:
        if isinstance(effect, SaveProfile):
            self.profile_saves.append(effect)
            return None
        if isinstance(effect, Submit):
            self.submitted.append(effect)
            number = self.codes[effect.kind] = self.codes.get(effect.kind, 0) + 1
            prefix = "SK" if effect.kind == "sang_kien" else "HK"
            code = f"{prefix}-2025-{number:05d}"
            return self.dialogue.on_submitted(self.state, code=code, kind=effect.kind, now=self.now)
        if isinstance(effect, ListEntries):
            return self.dialogue.on_entries(self.state, self.entries)
        if isinstance(effect, FindSimilar):
            return self.dialogue.on_similar(self.state, self.similar, now=self.now)
        if isinstance(effect, ListDossiers):
            return self.dialogue.on_dossier_choices(self.state, self.entries)
        if isinstance(effect, SendDossier):
            files = DossierFiles(effect.code, f"/data/{effect.code}/a.docx", "a.docx",
                                 f"/data/{effect.code}/r.docx", "r.docx")
            return self.dialogue.on_dossier(self.state, code=effect.code, files=files)
        if isinstance(effect, DeclineConsent):
            return self.dialogue.on_declined(self.state)
        if isinstance(effect, ExportMyData):
            found = MyData({"name": "Nguyễn Thị Minh Anh"}, ("telegram 1",), ("SK-2025-00001",),
                           None, 0, 0, 0, "/data/exports/x.json", "du-lieu.json")  # fmt: skip
            return self.dialogue.on_my_data(self.state, found)
        assert isinstance(effect, DeleteMyData)
        return self.dialogue.on_erased(self.state, kept=[], withdrawn=[])

    @staticmethod
    def _check(result: StepResult) -> None:
        assert json.loads(json.dumps(result.state)) == result.state, "state is not JSON"
        assert lookup(active(result.state)) is not None or not result.state, result.state
        for reply in result.replies:
            assert reply.text.strip(), "empty reply"
            assert INTERNAL_ERROR not in reply.text, "the engine fell into its safety net"
            for button in reply.buttons:
                assert button.value.isascii() and len(button.value.encode()) <= 40, button
                assert button.label.strip(), button


Position = tuple[str, str, int]


def position(state: dict[str, Any]) -> Position:
    frame = active(state)
    return str(frame.get("flow")), str(frame.get("step")), int(frame.get("index") or 0)


Arrival = tuple[Position, dict[str, Any], list[Outgoing]]


def walk(script: Iterable[tuple[str, str]]) -> list[Arrival]:
    """Every position a script passes through, with the state and replies on arrival."""
    chat = Chat()
    path: list[Arrival] = []
    for kind, value in script:
        chat.play([(kind, value)])
        if not path or path[-1][0] != position(chat.state):
            path.append((position(chat.state), copy.deepcopy(chat.state), list(chat.replies)))
    return path


def reach(flow: str, step: str, script: Iterable[tuple[str, str]] | None = None,
          index: int = 0) -> Chat:
    """A chat standing at (flow, step), arrived at by the shared scripts."""
    from tests import scripts

    chosen = script or (scripts.FULL_HIEN_KE_SCRIPT if flow == "hien_ke" else scripts.FULL_SANG_KIEN_SCRIPT)
    for where, state, replies in walk(chosen):
        if where == (flow, step, index):
            return Chat(state=copy.deepcopy(state), replies=list(replies))
    raise AssertionError(f"the script never reaches {flow}/{step}")
